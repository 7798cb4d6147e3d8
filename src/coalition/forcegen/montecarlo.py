"""Probabilistic view: sample the uncertain conditions, source optimally in each draw.

Draws are vectorised: a (draws x variables) boolean sample becomes offer availability
through one matrix product. Coverage in each draw is the optimiser's, not an estimate:
the problem splits into independent parts (offers and requirements linked by eligibility),
and each part is solved once per distinct pattern of available offers it sees, so cost
grows with the patterns that actually occur, not with the number of draws.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from coalition.forcegen.optimiser import solve
from coalition.forcegen.problem import Bools, Floats, Problem

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Uncertainty:
    """Variables with the probability each holds, and the variables each offer needs."""

    variables: tuple[str, ...]
    probability: Floats
    needs: tuple[tuple[int, ...], ...]  # per offer: indices into variables
    offered: Bools  # pledges that stand at all

    def need_matrix(self) -> Floats:
        matrix = np.zeros((len(self.variables), len(self.needs)))
        for offer, variables in enumerate(self.needs):
            matrix[list(variables), offer] = 1.0
        return matrix

    def availability(self, sample: Bools) -> Bools:
        """Offers available in each draw: offered, and no needed variable false."""
        missing = (~sample).astype(np.float64) @ self.need_matrix()
        result: Bools = (missing == 0) & self.offered[None, :]
        return result


@dataclass(frozen=True)
class Outcome:
    """Per draw (or per enumerated case, with its probability) coverage per requirement."""

    covered: Floats  # (cases, requirements)
    weights: Floats  # (cases,) probability of each case; 1/draws for samples
    sample: Bools  # (cases, variables)
    quantity: Floats
    requirement_weight: Floats
    patterns_solved: int
    exact: bool = False

    @property
    def met(self) -> Bools:
        result: Bools = self.covered >= self.quantity[None, :] - 1e-9
        return result

    @property
    def coverage(self) -> Floats:
        """Weighted coverage 0..1 of each case."""
        share = np.minimum(self.covered, self.quantity[None, :]) / self.quantity[None, :]
        result: Floats = (share * self.requirement_weight[None, :]).sum(
            axis=1
        ) / self.requirement_weight.sum()
        return result

    def p_met(self) -> Floats:
        result: Floats = (self.met * self.weights[:, None]).sum(axis=0)
        return result

    def mean_coverage(self) -> float:
        return float((self.coverage * self.weights).sum())

    def quantiles(self, qs: Sequence[float]) -> list[float]:
        order = np.argsort(self.coverage)
        cumulative = np.cumsum(self.weights[order])
        return [
            float(self.coverage[order][np.searchsorted(cumulative, q * cumulative[-1])]) for q in qs
        ]

    def sensitivity(self) -> list[tuple[int, float]]:
        """Per variable: mean coverage when it holds minus when it does not (largest first)."""
        result = []
        for v in range(self.sample.shape[1]):
            yes = self.sample[:, v]
            w_yes, w_no = self.weights[yes].sum(), self.weights[~yes].sum()
            if w_yes == 0 or w_no == 0:
                continue
            diff = (self.coverage[yes] * self.weights[yes]).sum() / w_yes - (
                self.coverage[~yes] * self.weights[~yes]
            ).sum() / w_no
            result.append((v, float(diff)))
        return sorted(result, key=lambda item: -abs(item[1]))


def _cover(problem: Problem, availability: Bools, progress: Progress | None) -> tuple[Floats, int]:
    """Optimal coverage per requirement for each row of ``availability``."""
    covered = np.zeros((availability.shape[0], problem.n_requirements))
    parts = problem.components()
    total_patterns = 0
    jobs = []
    for offers, requirements in parts:
        patterns, inverse = np.unique(availability[:, offers], axis=0, return_inverse=True)
        jobs.append((offers, requirements, patterns, inverse.reshape(-1)))
        total_patterns += len(patterns)
    done = 0
    for offers, requirements, patterns, inverse in jobs:
        sub = problem.subproblem(offers, requirements)
        table = np.zeros((len(patterns), len(requirements)))
        for k, pattern in enumerate(patterns):
            if pattern.any():
                table[k] = solve(sub.restrict(pattern)).covered
            done += 1
            if progress:
                progress(done, total_patterns)
        covered[:, requirements] = table[inverse]
    return covered, total_patterns


def simulate(
    problem: Problem,
    uncertainty: Uncertainty,
    draws: int = 10_000,
    seed: int = 0,
    progress: Progress | None = None,
) -> Outcome:
    """Monte Carlo over ``draws`` samples of the uncertain variables."""
    rng = np.random.default_rng(seed)
    sample = rng.random((draws, len(uncertainty.variables))) < uncertainty.probability[None, :]
    covered, patterns = _cover(problem, uncertainty.availability(sample), progress)
    return Outcome(
        covered=covered,
        weights=np.full(draws, 1.0 / draws),
        sample=sample,
        quantity=problem.quantity.astype(np.float64),
        requirement_weight=problem.weight,
        patterns_solved=patterns,
    )


def enumerate_exactly(problem: Problem, uncertainty: Uncertainty, limit: int = 16) -> Outcome:
    """Every combination of the uncertain variables with its probability (2^k cases)."""
    p = uncertainty.probability
    uncertain = [v for v in range(len(p)) if 0 < p[v] < 1]
    if len(uncertain) > limit:
        raise ValueError(f"{len(uncertain)} uncertain variables: too many to enumerate")
    cases = np.array(list(itertools.product([False, True], repeat=len(uncertain))), dtype=bool)
    sample = np.tile(p >= 1, (len(cases), 1))
    sample[:, uncertain] = cases.reshape(len(cases), len(uncertain))
    probs = np.prod(np.where(sample[:, uncertain], p[uncertain], 1 - p[uncertain]), axis=1)
    covered, patterns = _cover(problem, uncertainty.availability(sample), None)
    return Outcome(
        covered=covered,
        weights=probs,
        sample=sample,
        quantity=problem.quantity.astype(np.float64),
        requirement_weight=problem.weight,
        patterns_solved=patterns,
    )
