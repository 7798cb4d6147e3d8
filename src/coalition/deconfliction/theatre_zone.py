"""The no-go buffer along the line of contact, drawn from the monitoring theatre.

This is the one place deconfliction reads another capability: the line of contact is
the monitoring theatre's (``coalition.monitoring.theatre``), so that the force keeps
out of the same line the ceasefire is monitored against, not a second drawing of it.
The buffer becomes an ordinary polygon in longitude/latitude, and from then on a zone
like any other.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import shapely

from coalition.deconfliction.geometry import project, ring_lonlat
from coalition.monitoring import load_theatre


def line_of_contact_ring(
    theatre: Path, buffer_m: float, simplify_m: float = 250.0
) -> list[tuple[float, float]]:
    """The corners of the area within ``buffer_m`` of the theatre's line of contact
    (both sides), simplified to ``simplify_m`` (kept outside the buffer: the simplified
    ring is widened by that much first, so it never cuts into the buffer)."""
    line = load_theatre(theatre).line_lonlat
    metric = project(np.array([shapely.segmentize(line, 0.05)], dtype=object))[0]
    area = shapely.buffer(metric, buffer_m + simplify_m, quad_segs=8)
    return ring_lonlat(shapely.simplify(area, simplify_m))
