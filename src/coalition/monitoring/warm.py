"""Compile the monitoring's compiled loops once, at installation (``scripts/bootstrap``
runs this), so that a user's first ``coalition monitor`` command does not sit silent for
the several seconds Numba takes to compile them; a later process loads them from the
cache in a fraction of a second.

Run: ``python -m coalition.monitoring.warm``.
"""

from __future__ import annotations

import numpy as np
import shapely

from coalition.monitoring.nearest import distance_and_side
from coalition.monitoring.pairs import Reports, find_links


def warm() -> None:
    """Run each compiled loop once on a few points (the answers are thrown away)."""
    rng = np.random.default_rng(0)
    x, y = rng.uniform(0, 10_000, 50), rng.uniform(0, 10_000, 50)
    distance_and_side(shapely.LineString([(0, 0), (5_000, 5_000), (10_000, 0)]), x, y)
    whole = np.zeros(50, dtype=np.int64)
    find_links(
        Reports(x, y, rng.uniform(0, 600, 50), np.full(50, 300.0), whole + 1, whole, whole),
        600.0,
        250.0,
    )


if __name__ == "__main__":
    warm()
