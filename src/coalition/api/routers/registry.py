"""The registry: states, positions as of a date, timelines, changes, the situation, and
new statements on a pledge (a national representative only for its own state)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response

from coalition.accounts.users import Role, User
from coalition.api.deps import (
    ANYONE,
    auditing,
    engine,
    registry,
    registry_changed,
    require,
    snapshots,
)
from coalition.domain import ActorPosition, Change, SituationReport, TimelineEntry, Totals
from coalition.domain.quantities import CapabilityArea, TrackerRow
from coalition.domain.types import Actor
from coalition.errors import DataFileError
from coalition.registry import Registry, SourceIn, StatementIn, submissions

router = APIRouter(prefix="/api", tags=["registry"])
ORDER = 20  # where its routes stand in the app (see ``api.registration``)
Reader = Annotated[User, Depends(ANYONE)]
Reg = Annotated[Registry, Depends(registry)]


def _today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


@router.get("/states", response_model=list[Actor])
def states(_: Reader, reg: Reg) -> list[Actor]:
    """Every actor the registry knows (states and organisations)."""
    return sorted(reg.actors.values(), key=lambda a: a.code)


@router.get("/states/{code}/position", response_model=ActorPosition)
async def position(
    code: str,
    request: Request,
    _: Reader,
    reg: Reg,
    on: Annotated[dt.date | None, Query(description="as of this date (default today)")] = None,
    known_by: Annotated[
        dt.date | None, Query(description="only what was published by then")
    ] = None,
    recorded_by: Annotated[
        dt.date | None, Query(description="only what the registry had recorded by then")
    ] = None,
) -> Response:
    """What a state had said of each of its pledges by a date, with the quotes. Each
    statement carries the day the registry recorded it (``recorded_on``)."""
    day = on or _today()
    return snapshots(request).answer(
        ("position", code, day, known_by, recorded_by),
        lambda: reg.position(code, day, known_by, recorded_by),
    )


@router.get("/states/{code}/timeline", response_model=list[TimelineEntry])
def timeline(code: str, _: Reader, reg: Reg) -> list[TimelineEntry]:
    """Every statement and stance of a state, oldest first."""
    return reg.timeline(code)


@router.get("/changes", response_model=list[Change])
def changes(
    _: Reader,
    reg: Reg,
    start: Annotated[dt.date, Query(alias="from")],
    end: Annotated[dt.date, Query(alias="to")],
) -> list[Change]:
    """Who changed position between two dates, with the evidence."""
    if end < start:
        raise HTTPException(422, "to: before from")
    return reg.changes(start, end)


@router.get("/totals", response_model=Totals)
def totals(_: Reader, reg: Reg, on: dt.date | None = None) -> Totals:
    """Pledges per domain, kind and status, and the people, units and euros stated (by
    status or stage, with the pledges that state none), on a day."""
    return reg.totals(on or _today())


@router.get("/support", response_model=list[TrackerRow])
def support(
    _: Reader,
    reg: Reg,
    start: Annotated[dt.date, Query(alias="from")] = Registry.SUPPORT_FROM,
    end: Annotated[dt.date | None, Query(alias="to")] = None,
    state: str | None = None,
    area: CapabilityArea | None = None,
) -> list[TrackerRow]:
    """The support tracker: committed, allocated and delivered per state and capability
    area, statements dated ``from`` to ``to``, every figure with its quote."""
    code = reg.actor(state).code if state else None
    return reg.support(start, end or _today(), code, area.value if area else None)


@router.get("/situation", response_model=SituationReport)
def situation(_: Reader, reg: Reg, on: dt.date | None = None) -> SituationReport:
    """The situation report of a day."""
    return reg.situation(on or _today())


def _owner(user: User) -> str | None:
    """The state a national representative writes for (None: the secretariat)."""
    return user.confined_to


def _problems(exc: DataFileError) -> HTTPException:
    """The loader's problems, field by field, as a 422."""
    return HTTPException(422, [f"{i.field}: {i.message}" for i in exc.issues])


@router.post("/sources", status_code=201)
def add_source(
    source: SourceIn,
    request: Request,
    user: Annotated[User, Depends(require(Role.SECRETARIAT, Role.NATIONAL))],
) -> dict[str, Any]:
    """Register a source (document, outlet, date) that statements can then cite; a
    national representative may not grade it (reliability, kind)."""
    record = source.model_dump(mode="json", exclude_none=True)
    with auditing(request, user, "add source", source.id, record):
        try:
            summary = submissions.add_source(engine(request), source, _owner(user))
        except DataFileError as exc:
            raise _problems(exc) from exc
    registry_changed(request)
    return {"source": source.id, "added": summary.inserted.get("sources", 0)}


@router.post("/pledges/{pledge_id}/statements", status_code=201)
def add_statement(
    pledge_id: str,
    statement: StatementIn,
    request: Request,
    user: Annotated[User, Depends(require(Role.SECRETARIAT, Role.NATIONAL))],
    reg: Reg,
) -> dict[str, Any]:
    """Record a new statement on a pledge (history is append-only). A national
    representative may do so only for its own state's pledges, and may not grade it."""
    detail = statement.model_dump(mode="json", exclude_none=True)
    with auditing(request, user, "add statement", pledge_id, detail):
        try:
            summary, event = submissions.add_statement(
                engine(request), reg.pledges, pledge_id, statement, _owner(user)
            )
        except DataFileError as exc:
            raise _problems(exc) from exc
    registry_changed(request)
    added = summary.inserted.get("status events", 0)
    return {"pledge": pledge_id, "added": added, "statement": event}
