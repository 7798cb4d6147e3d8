"""Probabilistic view: sample the uncertain conditions, source optimally in each draw.

Draws are vectorised: a (draws x variables) boolean sample becomes offer availability
through one matrix product. Coverage in each draw is the optimiser's, re-sourced with what
that draw leaves available, not an estimate: the problem splits into independent parts
(offers and requirements linked by eligibility), and each part is solved once per distinct
pattern of available offers it sees, so cost grows with the patterns that actually occur,
not with the number of draws. Each part keeps one model and changes only capacities
between patterns (see ``Resolver``); ``gap`` is the proven distance from the optimum
accepted in each draw (0: every draw solved to optimality).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from coalition.forcegen.optimiser import Resolver
from coalition.forcegen.problem import Bools, Floats, Problem

Progress = Callable[[int, int], None]

# Every draw solved to optimality by default. A gap (say 0.01, the "proven gap under 1%"
# the single sourcing is held to) is much faster on large instances, and keeps each draw's
# coverage within it of the best; but where several plans tie, a rounding may meet a
# different requirement than the solver would, so P(met) can move between requirements
# that compete for the same units.
DEFAULT_GAP = 0.0


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


def met_of(covered: Floats, quantity: Floats) -> Bools:
    """Per case, whether each requirement is met (cases x requirements)."""
    result: Bools = covered >= quantity[None, :] - 1e-9
    return result


def coverage_of(covered: Floats, quantity: Floats, weight: Floats) -> Floats:
    """Per case, the weighted coverage 0..1 (each requirement counted up to its need)."""
    share = np.minimum(covered, quantity[None, :]) / quantity[None, :]
    result: Floats = (share * weight[None, :]).sum(axis=1) / weight.sum()
    return result


@dataclass(frozen=True)
class Outcome:
    """Per draw (or per enumerated case, with its probability) coverage per requirement."""

    covered: Floats  # (cases, requirements)
    weights: Floats  # (cases,) probability of each case; 1/draws for samples (or the
    # control-variate weights of ``precision.estimate``, which sum to one)
    sample: Bools  # (cases, variables)
    quantity: Floats
    requirement_weight: Floats
    patterns_solved: int
    exact: bool = False
    max_gap: float = 0.0  # largest proven relative gap of any case's optimisation
    by_relaxation: int = 0  # patterns settled by a rounded LP relaxation within the gap
    #: The widest half-width, at ``confidence``, of the estimates (P(met) of every
    #: requirement, mean coverage), where sampling stopped at a precision (None: a fixed
    #: number of draws, or exact).
    precision: float | None = None
    confidence: float = 0.95

    @property
    def met(self) -> Bools:
        return met_of(self.covered, self.quantity)

    @property
    def coverage(self) -> Floats:
        """Weighted coverage 0..1 of each case."""
        return coverage_of(self.covered, self.quantity, self.requirement_weight)

    def p_met(self) -> Floats:
        # Clipped: a control-variate correction can carry 0.9995 a hair past 1.
        result: Floats = np.clip((self.met * self.weights[:, None]).sum(axis=0), 0.0, 1.0)
        return result

    def p_all_met(self, groups: Sequence[Sequence[int]]) -> Floats:
        """Per group of requirements (a line's periods and enablers), the probability
        that every one of them is met in the same case."""
        met = self.met
        result: Floats = np.array(
            [float((met[:, list(g)].all(axis=1) * self.weights).sum()) for g in groups]
        ).clip(0.0, 1.0)
        return result

    def mean_coverage(self) -> float:
        return float(np.clip((self.coverage * self.weights).sum(), 0.0, 1.0))

    def quantiles(self, qs: Sequence[float]) -> list[float]:
        # Weights of a control-variate correction (``precision.estimate``) can dip below
        # zero for a rare draw; a distribution's quantile needs them non-negative.
        order = np.argsort(self.coverage)
        cumulative = np.cumsum(np.maximum(self.weights[order], 0.0))
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


@dataclass(frozen=True)
class _Covered:
    covered: Floats
    patterns: int
    max_gap: float
    by_relaxation: int


#: Patterns one task solves with one model (built once, its bounds changed per pattern).
#: A pattern's plan does not depend on the patterns solved before it, so here and on
#: Dask workers give the same numbers for the same seed.
CHUNK = 400


@dataclass(frozen=True)
class Chunk:
    """Availability patterns of one independent part of the problem, to solve in turn."""

    problem: Problem  # the part, renumbered
    patterns: Bools  # (patterns, offers of the part)
    gap: float
    threads: int | None = None  # HiGHS's threads (workers: 1; see ``silent_highs``)


@dataclass(frozen=True)
class Solved:
    table: Floats  # (patterns, requirements of the part): best coverage of each
    max_gap: float
    by_relaxation: int


def solve_chunk(chunk: Chunk) -> Solved:
    """Best coverage for each pattern of the chunk (a task: picklable in and out)."""
    resolver = Resolver(chunk.problem, gap=chunk.gap, threads=chunk.threads)
    table = np.zeros((len(chunk.patterns), chunk.problem.n_requirements))
    worst = 0.0
    for k, pattern in enumerate(chunk.patterns):
        solution = resolver.solve(pattern)
        table[k] = solution.covered
        worst = max(worst, solution.gap)
    return Solved(table, worst, resolver.by_relaxation)


#: Runs the chunks and returns their results in order, reporting patterns done.
Runner = Callable[[list[Chunk], Progress | None], list[Solved]]


def run_here(chunks: list[Chunk], progress: Progress | None) -> list[Solved]:
    """The chunks one after another in this process."""
    total = sum(len(c.patterns) for c in chunks)
    done, out = 0, []
    for chunk in chunks:
        out.append(solve_chunk(chunk))
        done += len(chunk.patterns)
        if progress:
            progress(done, total)
    return out


@dataclass
class Memo:
    """The coverage of every pattern solved so far, per part: draws taken in batches solve
    each pattern once."""

    rows: dict[tuple[int, bytes], Floats] = field(default_factory=dict)
    max_gap: float = 0.0
    by_relaxation: int = 0


def _cover(
    problem: Problem,
    availability: Bools,
    gap: float,
    progress: Progress | None,
    runner: Runner = run_here,
    memo: Memo | None = None,
) -> _Covered:
    """Best coverage per requirement for each row of ``availability`` (within ``gap``):
    each part's distinct patterns not in ``memo``, in chunks, by ``runner``."""
    memo = memo if memo is not None else Memo()
    covered = np.zeros((availability.shape[0], problem.n_requirements))
    parts, chunks = [], []
    for i, (offers, requirements) in enumerate(problem.components()):
        patterns, inverse = np.unique(availability[:, offers], axis=0, return_inverse=True)
        keys = [(i, row.tobytes()) for row in patterns]
        new = np.array([k not in memo.rows for k in keys], dtype=bool)
        part = problem.subproblem(offers, requirements)
        fresh = patterns[new]
        mine = [Chunk(part, fresh[a : a + CHUNK], gap) for a in range(0, len(fresh), CHUNK)]
        parts.append((requirements, inverse.reshape(-1), keys, np.flatnonzero(new), len(mine)))
        chunks += mine
    solved = iter(runner(chunks, progress))
    for requirements, inverse, keys, new, n in parts:
        results = [next(solved) for _ in range(n)]
        if results:
            rows = np.vstack([r.table for r in results])
            for k, row in zip(new, rows, strict=True):
                memo.rows[keys[k]] = row
            memo.max_gap = max([memo.max_gap, *(r.max_gap for r in results)])
            memo.by_relaxation += sum(r.by_relaxation for r in results)
        table = np.array([memo.rows[k] for k in keys]).reshape(len(keys), len(requirements))
        covered[:, requirements] = table[inverse]
    solved_here = sum(len(c.patterns) for c in chunks)
    return _Covered(covered, solved_here, memo.max_gap, memo.by_relaxation)


def simulate(
    problem: Problem,
    uncertainty: Uncertainty,
    draws: int = 10_000,
    seed: int = 0,
    progress: Progress | None = None,
    gap: float = DEFAULT_GAP,
    runner: Runner = run_here,
) -> Outcome:
    """Monte Carlo over ``draws`` samples of the uncertain variables; ``runner`` solves
    the distinct patterns (here, or on Dask: ``forcegen.on_dask``)."""
    rng = np.random.default_rng(seed)
    sample = rng.random((draws, len(uncertainty.variables))) < uncertainty.probability[None, :]
    result = _cover(problem, uncertainty.availability(sample), gap, progress, runner)
    return _outcome(problem, result, np.full(draws, 1.0 / draws), sample, exact=False)


def _outcome(
    problem: Problem, result: _Covered, weights: Floats, sample: Bools, exact: bool
) -> Outcome:
    return Outcome(
        covered=result.covered,
        weights=weights,
        sample=sample,
        quantity=problem.quantity.astype(np.float64),
        requirement_weight=problem.weight,
        patterns_solved=result.patterns,
        exact=exact,
        max_gap=result.max_gap,
        by_relaxation=result.by_relaxation,
    )


def enumerate_exactly(
    problem: Problem, uncertainty: Uncertainty, limit: int = 16, gap: float = DEFAULT_GAP
) -> Outcome:
    """Every combination of the uncertain variables with its probability (2^k cases)."""
    p = uncertainty.probability
    uncertain = [v for v in range(len(p)) if 0 < p[v] < 1]
    if len(uncertain) > limit:
        raise ValueError(f"{len(uncertain)} uncertain variables: too many to enumerate")
    cases = np.array(list(itertools.product([False, True], repeat=len(uncertain))), dtype=bool)
    sample = np.tile(p >= 1, (len(cases), 1))
    sample[:, uncertain] = cases.reshape(len(cases), len(uncertain))
    probs = np.prod(np.where(sample[:, uncertain], p[uncertain], 1 - p[uncertain]), axis=1)
    result = _cover(problem, uncertainty.availability(sample), gap, None)
    return _outcome(problem, result, probs, sample, exact=True)
