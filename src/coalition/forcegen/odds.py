"""The probabilistic view a planner reads: a Monte Carlo or exact outcome summed up per
line (the chance every period and enabler is met together), per period, and per
assumption (how much coverage moves with it); the same for the CLI and the API."""

from __future__ import annotations

from typing import Any

from coalition.forcegen.eligibility import Prepared
from coalition.forcegen.montecarlo import Outcome


def outcome_summary(prepared: Prepared, outcome: Outcome) -> dict[str, Any]:
    """Coverage quantiles, P(met) per task, per line and per period, and sensitivity."""
    spread_vars = _variables(prepared, outcome)
    p5, p50, p95 = outcome.quantiles([0.05, 0.5, 0.95])
    return {
        "mean_coverage": outcome.mean_coverage(),
        "p5": p5,
        "p50": p50,
        "p95": p95,
        "cases": len(outcome.weights),
        "patterns_solved": outcome.patterns_solved,
        "settled_by_rounding": outcome.by_relaxation,
        "max_gap": outcome.max_gap,
        # the widest half-width of the estimates, where sampling ran to a precision
        "precision": outcome.precision,
        "confidence": outcome.confidence,
        "p_met": {
            r.id: float(p) for r, p in zip(prepared.requirements, outcome.p_met(), strict=True)
        },
        "p_line_met": _p_lines(prepared, outcome),
        "p_period_met": {
            line.id: [
                float(p)
                for task, p in zip(prepared.requirements, outcome.p_met(), strict=True)
                if task.of_line == line.id and task.enables is None
            ]
            for line in prepared.lines
        },
        "sensitivity": {spread_vars[v]: d for v, d in outcome.sensitivity()},
    }


def _p_lines(prepared: Prepared, outcome: Outcome) -> dict[str, float]:
    """P(every period and enabler of the line met), per line of the statement."""
    groups = [
        [t for t, task in enumerate(prepared.requirements) if (task.of_line or task.id) == line.id]
        for line in prepared.lines
    ]
    p = outcome.p_all_met(groups)
    return {line.id: float(v) for line, v in zip(prepared.lines, p, strict=True)}


def _variables(prepared: Prepared, outcome: Outcome) -> list[str]:
    names = sorted({v for i, n in enumerate(prepared.needs) if prepared.offered[i] for v in n})
    assert len(names) == outcome.sample.shape[1]
    return names
