"""The dashboard: one page served by the API process, with every script, style and map
shape shipped with the project (no network needed), and the data it draws."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request, status
from fastapi.responses import FileResponse, HTMLResponse, Response

from coalition.accounts.users import User
from coalition.api.deps import ANYONE, engine, registry, settings
from coalition.api.tabs import served_page
from coalition.monitoring import geography, theatre_geojson
from coalition.registry import Registry

router = APIRouter(tags=["dashboard"])
ORDER = 90  # where its routes stand in the app (see ``api.registration``)


#: The dashboard runs only its own scripts: a name or quote that carries markup can never
#: run as code, even if a view ever put text in as HTML by mistake. Leaflet and Chart.js
#: set inline styles, hence 'unsafe-inline' for styles only.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'"
)


@router.get("/", include_in_schema=False)
def index() -> HTMLResponse:
    """The one page, with every tab found (``api.tabs``)."""
    return HTMLResponse(served_page(), headers={"Content-Security-Policy": CSP})


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> Response:
    return Response(status_code=204)


@router.get("/api/map")
def position_map(
    _: Annotated[User, Depends(ANYONE)],
    reg: Annotated[Registry, Depends(registry)],
    on: dt.date | None = None,
) -> dict[str, Any]:
    """Each state's reading on sending forces as of a date (the most committed of land,
    sea and air), with the statement behind it; stances of non-contributors; the state
    the force would serve; and every state the registry names on any day."""
    day = on or dt.datetime.now(dt.UTC).date()
    report = reg.situation(day)
    states = []
    for row in report.most_committed():
        statement = row.position.statements[0] if row.position else None  # best graded
        states.append({
            "code": row.actor.code,
            "name": row.actor.name,
            "bucket": row.bucket.value,
            "label": row.label,
            "reading": row.position.reading if row.position else None,
            "status": row.position.status.value if row.position else None,
            "since": row.position.since.isoformat() if row.position else None,
            "conditions": list(row.position.conditions) if row.position else [],
            "quote": statement.quote if statement else None,
            "source": statement.source.title if statement else None,
            "grade": statement.grade_label if statement else None,
        })  # fmt: skip
    stances = [
        {"code": s.actor, "stance": s.stance.value, "date": s.date.isoformat(), "quote": s.quote}
        for s in report.stances
    ]
    named = [{"code": a.code, "name": a.name} for a in reg.named_states()]
    return {"on": day.isoformat(), "states": states, "stances": stances,
            "beneficiary": reg.beneficiary, "registry_states": named}  # fmt: skip


@router.get("/api/maps/europe", include_in_schema=False)
def europe(request: Request) -> FileResponse:
    """Country outlines (Natural Earth, public domain), for the dashboard map."""
    return FileResponse(settings(request).data_dir / "maps" / "europe.geojson")


@router.get("/api/monitoring/theatre", include_in_schema=False)
def theatre(request: Request) -> dict[str, Any]:
    """The line of contact in force (the one loaded last, else the bundled one) and the
    sectors (GeoJSON, longitude/latitude)."""
    path = settings(request).data_dir / "monitoring" / "theatre.geojson"
    return theatre_geojson(path, engine(request))


#: The basemap layers around Ukraine (Natural Earth, public domain; read
#: data/monitoring/geography/README.md), each name to its file: a name not listed here
#: is not found, so no other file can be reached through the route.
GEOGRAPHY = {
    "ukraine": "ukraine.geojson",
    "oblasts": "oblasts.geojson",
    "neighbours": "neighbours.geojson",
    "rivers": "rivers.geojson",
}


@router.get("/api/monitoring/geography/{layer}", include_in_schema=False)
def geography_layer(layer: str, request: Request) -> FileResponse:
    """A basemap layer of the ceasefire map (GeoJSON, longitude/latitude): Ukraine's
    border, its oblasts, the neighbouring states or the rivers."""
    name = GEOGRAPHY.get(layer)
    if name is None:
        raise HTTPException(
            status.HTTP_404_NOT_FOUND,
            f"no geography layer {layer[:60]!r}: the layers are {', '.join(sorted(GEOGRAPHY))}",
        )
    return FileResponse(
        geography.folder_of(settings(request).data_dir) / name, media_type="application/geo+json"
    )
