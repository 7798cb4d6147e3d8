"""The notification extract: what another party (Russia, say) is told of the day's plan
so that nobody is surprised, and nothing more: where (a footprint), how high (the band)
and when (the window). No unit, no activity name or id, no kind, no priority, no owner
beyond an agreed label such as "coalition"; standing zones (Ukraine's air-defence
positions among them) and the party's own activities are never included.

Each notified volume gets a reference (N1, N2... in order of time) that says nothing by
itself; the map from references to activities stays home (``Extract.refs``), for the
notification log.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from pydantic import TypeAdapter, ValidationError

from coalition.deconfliction.geometry import footprint, shapes, unproject
from coalition.domain.deconfliction import Activity, Owner
from coalition.errors import CoalitionError

#: Widening before rounding corners to 4 decimals (about 10 m), so that what is
#: notified still contains what is planned.
ROUNDING_MARGIN_M = 25.0
DECIMALS = 4


@dataclass(frozen=True)
class Extract:
    party: str
    geojson: dict[str, Any]
    refs: dict[str, tuple[str, str]]  # reference -> (activity id, volume id); not sent


def _party(code: str) -> str:
    try:
        return str(TypeAdapter(Owner).validate_python(code))
    except ValidationError as exc:
        text = exc.errors()[0]["msg"].removeprefix("Value error, ")
        raise CoalitionError(f"party: {text.replace('unknown owner', 'unknown party')}") from exc


def notification_extract(
    activities: Sequence[Activity], party: str, label: str | None = None
) -> Extract:
    """The extract for ``party`` (ISO 3166-1 alpha-3), features labelled ``label`` if
    given."""
    party = _party(party)
    chosen = [(a, v) for a in activities if not a.is_zone and a.owner != party
              for v in a.volumes]  # fmt: skip
    chosen.sort(key=lambda av: (av[1].start, av[1].end, av[0].id, av[1].id))
    features, refs = [], {}
    if chosen:
        core, radius = shapes([v for _, v in chosen])
        lonlat = unproject(footprint(core, radius + ROUNDING_MARGIN_M))
        for n, ((activity, volume), area) in enumerate(zip(chosen, lonlat, strict=True), 1):
            ref = f"N{n}"
            refs[ref] = (activity.id, volume.id)
            ring = np.round(shapely.get_coordinates(shapely.get_exterior_ring(area)), DECIMALS)
            properties: dict[str, Any] = {
                "ref": ref,
                "floor_m": volume.floor_m,
                "ceiling_m": volume.ceiling_m,
                "start": volume.start.strftime("%Y-%m-%dT%H:%MZ"),
                "end": volume.end.strftime("%Y-%m-%dT%H:%MZ"),
            }
            if label:
                properties["by"] = label
            features.append(
                {
                    "type": "Feature",
                    "properties": properties,
                    "geometry": {"type": "Polygon", "coordinates": [ring.tolist()]},
                }
            )
    geojson = {
        "type": "FeatureCollection",
        "properties": {"notified_to": party, "volumes": len(features)},
        "features": features,
    }
    return Extract(party, geojson, refs)
