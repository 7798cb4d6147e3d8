"""Pledge registry: record positions and pledges with their cited history, and query them.

``load`` writes data files (validated, all or nothing); ``Registry`` answers questions.
"""

from coalition.registry.loader import LoadSummary, load, validate
from coalition.registry.queries import Registry

__all__ = ["LoadSummary", "Registry", "load", "validate"]
