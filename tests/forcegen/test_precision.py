"""Monte Carlo by precision (issue 18): it stops when every estimate is within the asked
half-width, says the half-width it reached, and the exact answer lies inside it."""

from __future__ import annotations

import numpy as np
import pytest

from coalition.forcegen.montecarlo import Outcome, Uncertainty, enumerate_exactly
from coalition.forcegen.precision import estimate, per_draw_estimates
from coalition.forcegen.problem import Problem
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
    # Corrected by the control variates: one weight per draw, summing to one.
    assert found.weights.sum() == pytest.approx(1.0)
    assert found.weights.std() > 0


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


def test_the_control_variates_need_fewer_draws_than_the_plain_mean_for_the_same_half_width() -> (
    None
):
    # The stated half-width is the residual's after the correction: were it the plain
    # mean's, the same precision would take as many draws as without the controls.
    instance = generate(8, 60, n_states=6, seed=3)
    problem, spread = instance.problem, instance.uncertainty
    found = estimate(problem, spread, within=0.02, batch=500, seed=4)
    estimates = per_draw_estimates(problem, found.covered)
    plain = estimates.std(axis=0, ddof=1).max() * 1.96 / np.sqrt(len(estimates))
    assert found.precision is not None and found.precision < plain


def test_an_estimate_the_controls_explain_exactly_is_exact_and_still_not_called_certain() -> None:
    # One offer, needing one condition: "met" is that condition's indicator, a control
    # with a known mean, so the corrected P(met) is the probability itself, and the stated
    # half-width is the rule of three rather than zero.
    problem = Problem(
        counts=np.array([1]),
        owner=np.array([0]),
        quantity=np.array([1]),
        weight=np.array([1.0]),
        pair_offer=np.array([0]),
        pair_req=np.array([0]),
        pair_eff=np.array([1.0]),
    )
    spread = Uncertainty(("ceasefire",), np.array([0.3]), ((0,),), np.array([True]))
    found = estimate(problem, spread, within=0.01, batch=400, seed=1)
    assert found.p_met()[0] == pytest.approx(0.3, abs=1e-9)
    assert found.precision == pytest.approx(3 / len(found.weights))


def test_corrected_probabilities_stay_between_zero_and_one() -> None:
    # Weights of a correction sum to one but one may dip below zero: a draw that failed
    # with a negative weight would push P(met) past 1 unclipped.
    outcome = Outcome(
        covered=np.array([[1.0], [1.0], [0.0]]),
        weights=np.array([0.7, 0.5, -0.2]),
        sample=np.zeros((3, 1), dtype=bool),
        quantity=np.array([1.0]),
        requirement_weight=np.array([1.0]),
        patterns_solved=3,
    )
    assert outcome.p_met()[0] == 1.0
    assert outcome.p_all_met([[0]])[0] == 1.0
    assert outcome.mean_coverage() == 1.0
    assert outcome.quantiles([0.05])[0] == 1.0  # the negative weight counts as none
