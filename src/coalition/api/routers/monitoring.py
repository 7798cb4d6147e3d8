"""Ceasefire monitoring: monitors submit incident reports; everyone reads the day's
counts, events and alerts, and the violation cases monitors open and take forward."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any

import pandas as pd
from fastapi import APIRouter, Body, Depends, HTTPException, Request, status
from fastapi.responses import HTMLResponse
from pydantic import Field

from coalition.accounts.users import Role, User
from coalition.api.bodies import RequestBody
from coalition.api.deps import ANYONE, auditing, engine, require, settings
from coalition.domain.monitoring import CaseState
from coalition.errors import CoalitionError, NotFoundError
from coalition.monitoring import (
    API_PREFIX,
    Case,
    Setup,
    advance,
    alert_log,
    analyse_day,
    history,
    in_words,
    ingest_under,
    latest_day,
    load_geojson,
    open_cases,
    period_of,
    plain,
    render_html,
    reports_of,
    violation_cases,
)
from coalition.monitoring import APPLIES as DETAILS
from coalition.monitoring import current as current_line

router = APIRouter(prefix="/api/monitoring", tags=["monitoring"])
ORDER = 30  # where its routes stand in the app (see ``api.registration``)
Reader = Annotated[User, Depends(ANYONE)]
MAX_REPORTS = 10_000


def _setup(request: Request) -> Setup:
    """The theatre and rules, read once per line of contact loaded (a line loaded since
    the last request replaces the one in use)."""
    line = current_line(engine(request))
    key = line.id if line is not None else None
    cached: tuple[int | None, Setup] | None = getattr(request.app.state, "monitoring", None)
    if cached is None or cached[0] != key:
        cached = (key, Setup.load(settings(request).data_dir / "monitoring", engine(request)))
        request.app.state.monitoring = cached
    return cached[1]


@router.post("/reports", status_code=201)
def submit(
    request: Request,
    user: Annotated[User, Depends(require(Role.MONITOR))],
    reports: Annotated[list[dict[str, Any]], Body(max_length=MAX_REPORTS)],
) -> dict[str, Any]:
    """Incident reports (the fields of the report files). Each id is stored once; rows
    that fail the checks are kept in the quarantine and listed here with the reasons."""
    setup = _setup(request)
    table = pd.DataFrame.from_records(reports)
    detail = {"rows": len(reports), "ids": [r.get("id") for r in reports[:50]]}
    with auditing(request, user, "submit reports", "incident_reports", detail):
        result, problems = ingest_under(
            engine(request), table, setup.rules, API_PREFIX + user.username
        )
    return {"rows": result.rows, "stored": result.stored, "duplicates": result.duplicates,
            "quarantined": result.quarantined,
            "problems": problems.to_dict("records")}  # fmt: skip


@router.get("/latest-day")
def newest_day(request: Request, _: Reader) -> dict[str, str | None]:
    """The report day of the newest stored report (null before any is stored)."""
    day = latest_day(engine(request), _setup(request).rules.reporting)
    return {"day": day.isoformat() if day else None}


@router.get("/days/{day}")
def day(day: dt.date, request: Request, _: Reader) -> dict[str, Any]:
    """Events per sector on a day, the alerts it raised, and its events."""
    setup = _setup(request)
    result = analyse_day(engine(request), setup, day)
    events = result.events
    start, end = period_of(day, setup.rules.reporting)
    fields = [c for c in (*DAY_FIELDS, *DETAILS) if c in events]
    rows = [{k: plain(v) for k, v in zip(fields, values, strict=True)}
            for values in events[fields].itertuples(index=False)]  # fmt: skip
    for row, event, ident in zip(rows, events.itertuples(), events["event_id"], strict=True):
        row["what"] = in_words(event)
        row["reports"] = list(reports_of(result.links, ident))
    return {
        "day": day.isoformat(),
        "period": {
            "start": start.isoformat(),
            "end": end.isoformat(),
            "cutoff": setup.rules.reporting.describe(),
        },
        "counts": result.counts.to_dict("records"),
        "alerts": [_alert(a) for a in result.alerts],
        "unobserved": result.unobserved,
        "events": rows,
    }


#: The fields of a day's events the API gives (with each type's details, ``what`` in
#: words and the reports behind it).
DAY_FIELDS = ("event_id", "time", "last_time", "type", "sector", "zone", "distance_m",
              "position_side", "n_reports", "n_sources", "confidence", "violation",
              "violation_kind", "storage", "expected", "missing", "contradiction", "lon",
              "lat", "place", "geoprecision", "count", "weapon_class", "side",
              "bearing_deg")  # fmt: skip


def _alert(a: Any) -> dict[str, Any]:
    return {"day": a.day.isoformat(), "rule": a.rule, "sector": a.sector,
            "crossed_at": a.crossed_at.isoformat(), "count": a.count,
            "threshold": a.threshold, "window_h": a.window_h, "events": a.event_ids}  # fmt: skip


@router.get("/days/{day}/report", response_class=HTMLResponse)
def report(day: dt.date, request: Request, _: Reader) -> HTMLResponse:
    """The day's report in the OSCE manner (HTML, with its map and charts inline)."""
    setup = _setup(request)
    return HTMLResponse(render_html(analyse_day(engine(request), setup, day), setup))


@router.get("/alerts")
def alerts(request: Request, _: Reader) -> list[dict[str, Any]]:
    """The alert log."""
    return [_alert(a) for a in alert_log(engine(request))]


class LineBody(RequestBody):
    name: str = Field(min_length=1, max_length=500, description="what to call the line")
    as_of: dt.date | None = Field(default=None, description="the date the line describes")
    geojson: dict[str, Any] = Field(
        description="a GeoJSON LineString, a Feature of one, or a FeatureCollection with one "
        "(or one with kind: line_of_contact), longitude/latitude"
    )


@router.post("/lines", status_code=201)
def load_a_line(
    body: LineBody, request: Request, user: Annotated[User, Depends(require(Role.MONITOR))]
) -> dict[str, Any]:
    """Load a line of contact: from now on every analysis, report and map uses it (the
    bundled line and earlier loads stay on record). A line drawn the other way round is
    turned so that the government-controlled side stays on its left."""
    setup = _setup(request)
    detail = {"name": body.name, "as_of": body.as_of.isoformat() if body.as_of else None}
    with auditing(request, user, "load a line of contact", body.name, detail):
        try:
            loaded = load_geojson(engine(request), setup.theatre, body.geojson,
                                  API_PREFIX + user.username, body.name, body.as_of)  # fmt: skip
        except CoalitionError as exc:
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, str(exc)) from exc
    return {"id": loaded.id, "name": loaded.name, "vertices": loaded.vertices,
            "reversed": loaded.reversed}  # fmt: skip


@router.get("/lines")
def list_lines(request: Request, _: Reader) -> list[dict[str, Any]]:
    """Every line of contact loaded, oldest first (the last is in force)."""
    return [{"id": r.id, "name": r.name, "as_of": r.as_of.isoformat() if r.as_of else None,
             "vertices": r.vertices, "loaded_by": r.loaded_by,
             "loaded_at": r.loaded_at.isoformat()} for r in history(engine(request))]  # fmt: skip


class CaseStep(RequestBody):
    state: CaseState = Field(description="the next step: verified, dismissed, notified, ...")
    note: str = Field(
        min_length=1, max_length=2000, description="why: who checked, what the party said"
    )


def _case(c: Case, party: Callable[[bool], str]) -> dict[str, Any]:
    return {"id": c.id, "state": c.state.value, "event_id": c.event_id,
            "observed_at": c.observed_at.isoformat(), "sector": c.sector, "place": c.place,
            "side": party(c.side == "left"), "weapon_class": c.weapon_class, "count": c.count,
            "distance_km": c.distance_km, "required_km": c.required_km, "reports": list(c.reports),
            "rule": c.rule, "kind": c.kind, "detail": c.detail,
            "history": [{"state": s.state.value, "at": s.at.isoformat(), "by": s.by, "note": s.note}
                        for s in c.steps]}  # fmt: skip


@router.get("/cases")
def list_cases(request: Request, _: Reader, state: CaseState | None = None) -> list[dict[str, Any]]:
    """Violation cases with their course (only those now in ``state``)."""
    party = _setup(request).theatre.side_name
    return [_case(c, party) for c in violation_cases(engine(request), state)]


@router.post("/cases/open/{day}", status_code=201)
def open_day(
    day: dt.date, request: Request, user: Annotated[User, Depends(require(Role.MONITOR))]
) -> dict[str, Any]:
    """Open a case for each of the day's violations that has none yet."""
    setup = _setup(request)
    result = analyse_day(engine(request), setup, day)
    with auditing(request, user, "open violation cases", day.isoformat(), {}):
        ids = open_cases(engine(request), result, setup.rules, API_PREFIX + user.username)
    return {"opened": ids}


@router.post("/cases/{ident}/steps", status_code=201)
def step(
    ident: int,
    body: CaseStep,
    request: Request,
    user: Annotated[User, Depends(require(Role.MONITOR))],
) -> dict[str, Any]:
    """Record a case's next step; a step its state does not allow is refused (409)."""
    detail = body.model_dump(mode="json")
    with auditing(request, user, "case step", f"case {ident}", detail):
        try:
            found = advance(engine(request), ident, body.state, API_PREFIX + user.username,
                            body.note)  # fmt: skip
        except NotFoundError:
            raise
        except CoalitionError as exc:
            raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
    return _case(found, _setup(request).theatre.side_name)
