"""Force sourcing and scenarios: requirements matched against the pledges that honour
their caveats by a real optimiser, the gap per capability, what-if assumptions, force
generation conferences, and the probabilistic view (Monte Carlo, exact enumeration, by
precision, on Dask)."""

from __future__ import annotations

from coalition.forcegen.conference import compare, run_round
from coalition.forcegen.edits import REQUIREMENTS, force_data_in_force, load_edited, save_edit
from coalition.forcegen.eligibility import Prepared, prepare, registry_day, uncertainty
from coalition.forcegen.files import ForceData, load_force_data
from coalition.forcegen.montecarlo import Outcome, Runner, enumerate_exactly, run_here, simulate
from coalition.forcegen.odds import outcome_summary
from coalition.forcegen.precision import estimate
from coalition.forcegen.sourcing import METHODS, source
from coalition.forcegen.whatif import parse_all, with_assumptions

__all__ = [
    "METHODS",
    "REQUIREMENTS",
    "ForceData",
    "Outcome",
    "Prepared",
    "Runner",
    "compare",
    "enumerate_exactly",
    "estimate",
    "force_data_in_force",
    "load_edited",
    "load_force_data",
    "outcome_summary",
    "parse_all",
    "prepare",
    "registry_day",
    "run_here",
    "run_round",
    "save_edit",
    "simulate",
    "source",
    "uncertainty",
    "with_assumptions",
]
