"""Monte Carlo by precision, not by draw count: draw until every estimate (P(met) of each
requirement, the mean coverage) is known within a stated half-width at a stated
confidence, and say the half-width reached.

Why these choices, each exact:
- Antithetic pairs: a draw and its mirror (the uniform ``u`` and ``1 - u`` behind every
  condition). Coverage and "met" only grow as more offers stand, so the two halves of a
  pair move against each other and the pair's mean varies less than two independent
  draws'; the confidence interval is computed over pairs, as it must be.
- Batches with a memo: each batch solves only the availability patterns not seen before,
  so later batches cost less (the same patterns recur), and the check after each batch
  is what stops the sampling.
- An estimate that has not varied yet (every pair met, or none) is not called exact:
  its half-width is the "rule of three" bound 3 / n, the 95% bound for an event not seen.
"""

from __future__ import annotations

from dataclasses import replace
from statistics import NormalDist

import numpy as np

from coalition.forcegen.montecarlo import (
    DEFAULT_GAP,
    Memo,
    Outcome,
    Progress,
    Runner,
    Uncertainty,
    _cover,
    _Covered,
    _outcome,
    run_here,
)
from coalition.forcegen.problem import Bools, Floats, Problem


def estimate(
    problem: Problem,
    uncertainty: Uncertainty,
    within: float = 0.01,
    confidence: float = 0.95,
    batch: int = 2_000,
    max_draws: int = 200_000,
    seed: int = 0,
    gap: float = DEFAULT_GAP,
    runner: Runner = run_here,
    progress: Progress | None = None,
) -> Outcome:
    """Sample in antithetic batches until every estimate is within ``within`` (a share:
    0.01 is one percentage point) at ``confidence``, or ``max_draws`` are drawn."""
    if not 0 < within < 1 or not 0 < confidence < 1 or batch < 2 or max_draws < batch:
        raise ValueError("within and confidence lie between 0 and 1; max_draws >= batch >= 2")
    rng = np.random.default_rng(seed)
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    memo = Memo()
    halves = len(uncertainty.variables), batch // 2
    firsts: list[Bools] = []
    seconds: list[Bools] = []
    covered: list[tuple[Floats, Floats]] = []
    solved, widest = 0, 1.0
    while True:
        u = rng.random((halves[1], halves[0]))
        p = uncertainty.probability[None, :]
        pair = np.concatenate([u < p, (1 - u) < p])  # a draw, then its mirror
        result = _cover(problem, uncertainty.availability(pair), gap, progress, runner, memo)
        solved += result.patterns
        firsts.append(pair[: halves[1]])
        seconds.append(pair[halves[1] :])
        covered.append((result.covered[: halves[1]], result.covered[halves[1] :]))
        a = np.concatenate([c[0] for c in covered])
        b = np.concatenate([c[1] for c in covered])
        widest = _widest(problem, a, b, z)
        if widest <= within or 2 * len(a) + batch > max_draws:
            break
    sample = np.concatenate([*firsts, *seconds])
    both = np.concatenate([a, b])
    outcome = _outcome(
        problem,
        _Covered(both, solved, memo.max_gap, memo.by_relaxation),
        np.full(len(both), 1.0 / len(both)),
        sample,
        exact=False,
    )
    return replace(outcome, precision=widest, confidence=confidence)


def _widest(problem: Problem, a: Floats, b: Floats, z: float) -> float:
    """The widest half-width, over pairs, of P(met) per requirement and mean coverage."""
    quantity = problem.quantity.astype(np.float64)[None, :]
    weight = problem.weight
    met = ((a >= quantity - 1e-9).astype(float) + (b >= quantity - 1e-9).astype(float)) / 2

    def coverage(c: Floats) -> Floats:
        share = np.minimum(c, quantity) / quantity
        result: Floats = (share * weight[None, :]).sum(axis=1) / weight.sum()
        return result

    pairs = np.column_stack([met, (coverage(a) + coverage(b)) / 2])
    n = len(pairs)
    if n < 2:
        return 1.0
    spread = pairs.std(axis=0, ddof=1) * z / np.sqrt(n)
    unseen = 3.0 / (2 * n)  # no variation yet: the rule of three over the 2n draws
    return float(np.maximum(spread, np.where(spread == 0, unseen, 0.0)).max())
