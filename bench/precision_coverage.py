"""Does the half-width that ``coalition scenarios --within`` states hold the exact answer
as often as it says? Small instances are enumerated exactly; the estimate by precision is
repeated with many seeds, and each estimate (P(met) of each requirement, mean coverage)
is checked against the exact value with its own half-width. The bench instance is too
large to enumerate: its estimate to +/-1 point (at the 1% gap the bench uses) is checked
against a long run of plain draws with another seed, which holds only if the plan for a
pattern does not depend on the order patterns are solved in (issue 18).

Run from the repository root (README, "Benchmarks"):
    .venv/bin/python bench/precision_coverage.py            # about a minute
"""

from __future__ import annotations

import argparse
from statistics import NormalDist

import numpy as np
from rich.console import Console

from coalition.forcegen.montecarlo import enumerate_exactly, simulate
from coalition.forcegen.precision import Controls, estimate, per_draw_estimates
from coalition.forcegen.synthetic import generate


def coverage(instance_seed: int, seeds: int, within: float, batch: int) -> tuple[float, int]:
    """Share of varying estimates whose own stated half-width holds the exact value."""
    instance = generate(8, 60, n_states=6, seed=instance_seed)
    problem, spread = instance.problem, instance.uncertainty
    exact = enumerate_exactly(problem, spread, limit=16)
    truth = np.append(exact.p_met(), exact.mean_coverage())
    controls = Controls.of(spread, most=max(1, batch // 20))
    z = NormalDist().inv_cdf(0.975)
    hits: list[bool] = []
    for seed in range(seeds):
        found = estimate(problem, spread, within=within, batch=batch, seed=1000 + seed)
        values = per_draw_estimates(problem, found.covered)
        estimated = found.weights @ values
        for j in range(values.shape[1]):
            if values[:, j].min() == values[:, j].max():
                continue
            _, half_width = controls.fit(found.sample, values[:, [j]], z)
            hits.append(bool(abs(estimated[j] - truth[j]) <= half_width + 1e-12))
    return float(np.mean(hits)), len(hits)


def against_reference(draws: int) -> tuple[float, int, int, float]:
    """The bench instance's estimate to +/-1 point against ``draws`` plain draws: the
    widest difference, how many of the estimates differ by more than the two stated
    half-widths together, how many estimates, and the estimate's stated half-width."""
    instance = generate(30, 300, n_states=30, seed=1)
    problem, spread = instance.problem, instance.uncertainty
    found = estimate(problem, spread, within=0.01, seed=1, gap=0.01)
    assert found.precision is not None  # estimate() always states what it reached
    reference = simulate(problem, spread, draws=draws, seed=99, gap=0.01)
    values = per_draw_estimates(problem, reference.covered)
    z = NormalDist().inv_cdf(0.975)
    own = z * values.std(axis=0, ddof=1) / np.sqrt(draws)
    mine = np.append(found.p_met(), found.mean_coverage())
    theirs = values.mean(axis=0)
    difference = np.abs(mine - theirs)
    beyond = int((difference > found.precision + own + 1e-12).sum())
    return float(difference.max()), beyond, len(mine), found.precision


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=100)
    parser.add_argument("--within", type=float, default=0.03)
    parser.add_argument("--batch", type=int, default=300)
    parser.add_argument("--reference-draws", type=int, default=40_000)
    args = parser.parse_args()
    console = Console()
    for instance_seed in (2, 3):
        share, n = coverage(instance_seed, args.seeds, args.within, args.batch)
        console.print(
            f"instance {instance_seed}: the stated 95% half-width held the exact value for "
            f"{share:.1%} of {n} estimates"
        )
    widest, beyond, n, stated = against_reference(args.reference_draws)
    console.print(
        f"bench instance: the estimate to ±{stated:.2%} and {args.reference_draws:,} plain "
        f"draws differ by at most {widest:.2%}; {beyond} of {n} estimates differ by more "
        "than the two half-widths together"
    )


if __name__ == "__main__":
    main()
