"""Ceasefire monitoring: monitors submit incident reports; everyone reads the day's
counts, events and alerts."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import pandas as pd
from fastapi import APIRouter, Body, Depends, Request
from fastapi.responses import HTMLResponse

from coalition.accounts.users import Role, User
from coalition.api.deps import ANYONE, auditing, engine, require, settings
from coalition.monitoring.daily import render_html
from coalition.monitoring.ingest import API_PREFIX, alert_log, store
from coalition.monitoring.pipeline import Setup, analyse_day
from coalition.monitoring.reports import dedupe_within, validate

router = APIRouter(prefix="/api/monitoring", tags=["monitoring"])
Reader = Annotated[User, Depends(ANYONE)]
MAX_REPORTS = 10_000


def _setup(request: Request) -> Setup:
    cached: Setup | None = getattr(request.app.state, "monitoring", None)
    if cached is None:
        cached = Setup.load(settings(request).data_dir / "monitoring")
        request.app.state.monitoring = cached
    return cached


@router.post("/reports", status_code=201)
def submit(
    request: Request,
    user: Annotated[User, Depends(require(Role.MONITOR))],
    reports: Annotated[list[dict[str, Any]], Body(max_length=MAX_REPORTS)],
) -> dict[str, Any]:
    """Incident reports (the fields of the report files). Each id is stored once; rows
    that fail the checks are kept in the quarantine and listed here with the reasons."""
    setup = _setup(request)
    parsed = dedupe_within(
        validate(pd.DataFrame.from_records(reports), set(setup.rules.withdrawal_distance()))
    )
    detail = {"rows": len(reports), "ids": [r.get("id") for r in reports[:50]]}
    with auditing(request, user, "submit reports", "incident_reports", detail):
        result = store(engine(request), parsed, API_PREFIX + user.username, rows=len(reports))
    return {"rows": result.rows, "stored": result.stored, "duplicates": result.duplicates,
            "quarantined": result.quarantined,
            "problems": parsed.quarantine[["row", "reason"]].to_dict("records")}  # fmt: skip


@router.get("/days/{day}")
def day(day: dt.date, request: Request, _: Reader) -> dict[str, Any]:
    """Events per sector on a day, the alerts it raised, and its events."""
    result = analyse_day(engine(request), _setup(request), day)
    events = result.events[["event_id", "time", "type", "sector", "zone", "distance_m",
                            "position_side", "n_reports", "n_sources", "confidence", "violation",
                            "contradiction", "lon", "lat", "place", "geoprecision"]]  # fmt: skip
    return {
        "day": day.isoformat(),
        "counts": result.counts.to_dict("records"),
        "alerts": [_alert(a) for a in result.alerts],
        "events": events.assign(time=events["time"].astype(str)).to_dict("records"),
    }


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
