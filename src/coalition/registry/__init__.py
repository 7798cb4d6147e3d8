"""Pledge registry: record positions and pledges with their cited history, and query them.

``load`` writes data files (validated, all or nothing); ``Registry`` answers questions.
"""

from __future__ import annotations

from coalition.registry.asof import read_pledge
from coalition.registry.loader import LoadSummary, load, load_records, validate
from coalition.registry.queries import Registry
from coalition.registry.schema import SourceIn, StatementIn
from coalition.registry.tally import latest_stated
from coalition.registry.units import unit_types

__all__ = [
    "LoadSummary",
    "Registry",
    "SourceIn",
    "StatementIn",
    "latest_stated",
    "load",
    "load_records",
    "read_pledge",
    "unit_types",
    "validate",
]
