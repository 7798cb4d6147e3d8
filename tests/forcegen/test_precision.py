"""Monte Carlo by precision (issue 18): it stops when every estimate is within the asked
half-width, says the half-width it reached, and the exact answer lies inside it."""

from __future__ import annotations

import numpy as np
import pytest

from coalition.forcegen.montecarlo import enumerate_exactly
from coalition.forcegen.precision import estimate
from coalition.forcegen.synthetic import generate


def test_the_estimates_hold_the_exact_answer_within_the_half_width_stated() -> None:
    instance = generate(8, 60, n_states=6, seed=2)
    problem, spread = instance.problem, instance.uncertainty
    uncertain = [v for v, p in enumerate(spread.probability) if 0 < p < 1]
    assert 8 <= len(uncertain) <= 14  # uncertain enough, small enough to enumerate
    exact = enumerate_exactly(problem, spread, limit=14)
    found = estimate(problem, spread, within=0.02, batch=1000, seed=5)
    assert found.precision is not None and found.precision <= 0.02
    assert found.confidence == 0.95
    # Within the stated half-width (a 95% statement; with this seed it holds everywhere).
    assert np.abs(found.p_met() - exact.p_met()).max() <= found.precision
    assert abs(found.mean_coverage() - exact.mean_coverage()) <= found.precision
    # Antithetic pairs: half the draws mirror the other half.
    assert len(found.weights) % 2 == 0


def test_a_tighter_half_width_takes_more_draws_and_stops_at_the_cap() -> None:
    instance = generate(8, 60, n_states=6, seed=2)
    problem, spread = instance.problem, instance.uncertainty
    loose = estimate(problem, spread, within=0.05, batch=500, seed=1)
    tight = estimate(problem, spread, within=0.01, batch=500, seed=1)
    assert len(tight.weights) > len(loose.weights)
    capped = estimate(problem, spread, within=0.001, batch=500, max_draws=2000, seed=1)
    assert len(capped.weights) <= 2000 and capped.precision is not None
    assert capped.precision > 0.001  # it says it did not get there


def test_bad_requests_are_refused() -> None:
    instance = generate(4, 20, n_states=3, seed=1)
    for kwargs in ({"within": 0}, {"within": 1.5}, {"confidence": 1}, {"batch": 1}):
        with pytest.raises(ValueError, match="within and confidence"):
            estimate(instance.problem, instance.uncertainty, **kwargs)
