"""The Monte Carlo on Dask gives the same estimates as one process for the same seed
(issue 18): the same chunks of patterns, solved on a local cluster of two workers."""

from __future__ import annotations

import numpy as np
import pytest

from coalition.forcegen import montecarlo
from coalition.forcegen.montecarlo import simulate
from coalition.forcegen.on_dask import cluster
from coalition.forcegen.synthetic import generate


def test_a_local_cluster_gives_the_same_estimates_as_one_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(montecarlo, "CHUNK", 16)  # several chunks of a small instance
    instance = generate(12, 90, n_states=10, seed=3)
    problem, spread = instance.problem, instance.uncertainty
    here = simulate(problem, spread, draws=3000, seed=11, gap=0.01)
    assert here.patterns_solved > montecarlo.CHUNK  # more than one chunk: the split is tested
    seen: list[tuple[int, int]] = []
    with cluster(workers=2) as runner:
        there = simulate(problem, spread, draws=3000, seed=11, gap=0.01, runner=runner,
                         progress=lambda done, total: seen.append((done, total)))  # fmt: skip
    np.testing.assert_array_equal(here.covered, there.covered)
    np.testing.assert_array_equal(here.p_met(), there.p_met())
    assert here.mean_coverage() == there.mean_coverage()
    assert seen and seen[-1][0] == seen[-1][1] == here.patterns_solved
