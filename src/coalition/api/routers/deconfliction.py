"""Deconfliction on the server: the day's plans (stored append-only), their conflicts,
the proposed changes and their acceptance, conformance of tracks, and the hotline log of
notifications. Need to know: a national planner sees and changes only their own state's
activities and the conflicts they are party to; the secretariat's cell sees all and
notifies other parties."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, status
from pydantic import Field

from coalition.accounts.users import Role, User
from coalition.api.bodies import RequestBody
from coalition.api.deps import auditing, engine, require, settings
from coalition.deconfliction import (
    Rules,
    build_table,
    check_tracks,
    day_layers,
    describe,
    detect,
    history,
    hotline,
    load_rules,
    need_to_know,
    resolve,
)
from coalition.domain.deconfliction import Activity
from coalition.domain.deconfliction_results import (
    Conflict,
    ConformanceAlert,
    Notification,
    NotificationLabel,
    NotificationState,
    Proposal,
    StoredActivity,
    TrackPoint,
)
from coalition.errors import NotFoundError

router = APIRouter(prefix="/api/deconfliction", tags=["deconfliction"])
ORDER = 60  # where its routes stand in the app (see ``api.registration``)
Planner = Annotated[User, Depends(require(Role.SECRETARIAT, Role.NATIONAL))]
Cell = Annotated[User, Depends(require(Role.SECRETARIAT))]
Day = Annotated[dt.date, Query(description="the UTC day (YYYY-MM-DD)")]


@lru_cache(maxsize=4)
def _rules(path: Path) -> Rules:
    return load_rules(path)


def rules(request: Request) -> Rules:
    return _rules(settings(request).data_dir / "deconfliction" / "separation.yaml")


def viewer(user: User) -> str | None:
    """The state whose plans a national planner may see; None: all (the cell)."""
    return user.confined_to


def _plan(request: Request, day: dt.date) -> list[Activity]:
    return [s.activity for s in history.on_day(engine(request), day)]


def _conflicts(request: Request, plan: list[Activity]) -> list[Conflict]:
    table = build_table(plan)
    return describe(table, detect(table, rules(request)), rules(request))


def _own(user: User, activity: Activity) -> None:
    """A national planner files only their own state's activities, within the bounds a
    national plan keeps (``need_to_know.filing_problems``)."""
    problems = need_to_know.may_file(activity, viewer(user))
    if problems:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, problems)


def _stored(request: Request, activity_id: str, user: User) -> StoredActivity:
    """The activity's newest version; to a national planner another state's activity
    is as unknown as one that does not exist (the same 404)."""
    try:
        versions = history.versions(engine(request), activity_id)
    except NotFoundError:
        versions = []
    return need_to_know.seen(versions, activity_id, viewer(user))


@router.get("/days")
def days(request: Request, user: Planner) -> list[str]:
    """The days that have activities the caller may see."""
    return need_to_know.days(
        need_to_know.activities(history.current(engine(request)), viewer(user))
    )


@router.get("/activities", response_model=list[StoredActivity])
def activities(request: Request, user: Planner, day: Day) -> list[StoredActivity]:
    """The current plan of the day: the caller's own activities (all, for the cell)."""
    return need_to_know.activities(history.on_day(engine(request), day), viewer(user))


@router.get("/activities/{activity_id}/history", response_model=list[StoredActivity])
def activity_history(activity_id: str, request: Request, user: Planner) -> list[StoredActivity]:
    """Every version of one activity, oldest first."""
    _stored(request, activity_id, user)
    return history.versions(engine(request), activity_id)


@router.post("/activities", status_code=201)
def submit(activity: Activity, request: Request, user: Planner) -> dict[str, Any]:
    """File an activity (or a new version of one): a national planner files only their
    own state's (ids starting with its code, priority up to 5, volumes of at most 10,000
    km² and 24 h, no standing zones)."""
    _own(user, activity)
    with auditing(request, user, "file activity", activity.id, {"owner": activity.owner}):
        written = history.submit(engine(request), [activity], user.username)
    return {"activity": activity.id, "version": written[0].version if written else None}


class Withdrawal(RequestBody):
    reason: str = Field(min_length=1, max_length=500)


@router.post("/activities/{activity_id}/withdraw")
def withdraw(activity_id: str, body: Withdrawal, request: Request, user: Planner) -> StoredActivity:
    """The activity will not take place: a last version says so, with the reason."""
    _stored(request, activity_id, user)
    with auditing(request, user, "withdraw activity", activity_id, {"reason": body.reason}):
        return history.withdraw(engine(request), activity_id, user.username, body.reason)


@router.get("/conflicts", response_model=list[Conflict])
def conflicts(request: Request, user: Planner, day: Day) -> list[Conflict]:
    """The day's conflicts the caller is party to (all, for the cell); the other side of
    a national planner's conflict is not named."""
    return need_to_know.conflicts(_conflicts(request, _plan(request, day)), viewer(user))


class Proposals(RequestBody):
    conflicts: int
    proposals: list[Proposal]
    remaining: int
    unsolved: dict[str, str]


@router.get("/proposals", response_model=Proposals)
def proposals(request: Request, user: Planner, day: Day) -> Proposals:
    """The cheapest changes that remove the day's conflicts, solved for the whole day
    (the lower priority moves); a national planner sees those for their own activities."""
    result = resolve(_plan(request, day), rules(request), time_limit=20.0)
    names = need_to_know.seen_as(result.before, viewer(user))
    mine = need_to_know.proposals(result.proposals, viewer(user), names)
    after = need_to_know.conflicts(result.after, viewer(user))
    unsolved = need_to_know.unsolved(result.unsolved, viewer(user), names)
    return Proposals(conflicts=len(names), proposals=mine, remaining=len(after), unsolved=unsolved)


class Decision(RequestBody):
    day: dt.date
    # The change as it was shown ("move earlier by 60 min"): if the plan has moved on and
    # the proposal is another now, nothing is filed (409) and the new one is said.
    proposal: str | None = Field(default=None, max_length=500)
    reason: str | None = Field(default=None, max_length=500)


def _proposed(request: Request, activity_id: str, body: Decision) -> tuple[Proposal, Activity]:
    result = resolve(_plan(request, body.day), rules(request), time_limit=20.0)
    return result.proposed_for(activity_id, body.proposal)


@router.post("/activities/{activity_id}/accept")
def accept(activity_id: str, body: Decision, request: Request, user: Planner) -> StoredActivity:
    """Accept the change proposed for this activity: it becomes the activity's next
    version. The proposal is computed again from the stored plan; give the ``proposal``
    as it was shown to make sure the same change is filed (409 otherwise)."""
    _stored(request, activity_id, user)
    proposal, changed = _proposed(request, activity_id, body)
    detail = {"proposal": proposal.summary, "day": body.day.isoformat()}
    with auditing(request, user, "accept proposal", activity_id, detail):
        return history.replace(
            engine(request), changed, user.username, f"accepted proposal: {proposal.summary}"
        )


@router.post("/activities/{activity_id}/reject", status_code=204)
def reject(activity_id: str, body: Decision, request: Request, user: Planner) -> None:
    """Reject the change proposed for this activity; the refusal and the change refused
    are logged (audit). 409 when nothing is proposed for it."""
    _stored(request, activity_id, user)
    proposal, _ = _proposed(request, activity_id, body)
    detail = {"proposal": proposal.summary, "day": body.day.isoformat(), "reason": body.reason}
    with auditing(request, user, "reject proposal", activity_id, detail):
        pass


@router.get("/map")
def day_map(request: Request, user: Planner, day: Day) -> dict[str, Any]:
    """The day as GeoJSON for the dashboard: the footprints of the activities the caller
    may see and the points of their conflicts."""
    plan = _plan(request, day)
    seen = need_to_know.conflicts(_conflicts(request, plan), viewer(user))
    return day_layers(need_to_know.plan(plan, viewer(user)), seen)


class Tracks(RequestBody):
    points: list[TrackPoint] = Field(min_length=1, max_length=100_000)


@router.post("/tracks", response_model=list[ConformanceAlert])
def tracks(body: Tracks, request: Request, user: Planner) -> list[ConformanceAlert]:
    """Reported positions against the volumes declared for them: one alert per
    excursion. A national planner reports only their own activities' tracks."""
    mine = need_to_know.activities(history.current(engine(request)), viewer(user))
    plan = [s.activity for s in mine]
    need_to_know.own_tracks(body.points, plan, viewer(user))
    return check_tracks(plan, body.points)


class NewNotification(RequestBody):
    party: str = Field(min_length=2, max_length=64)
    day: dt.date
    # Whose activities the extract covers; by default every owner but the party itself
    # and the beneficiary (Ukraine's own operations are Ukraine's to notify).
    owners: list[str] | None = Field(default=None, max_length=100)
    label: NotificationLabel | None = None


class Answer(RequestBody):
    state: NotificationState
    note: str | None = Field(default=None, max_length=2000)


@router.get("/notifications", response_model=list[Notification])
def notifications(request: Request, _: Cell) -> list[Notification]:
    """The hotline log, newest first: what was sent to whom, and what they answered."""
    return hotline.log(engine(request))


@router.post("/notifications", status_code=201, response_model=Notification)
def notify(body: NewNotification, request: Request, user: Cell) -> Notification:
    """Notify a party of the day's plan: the agreed extract only (volumes and times)."""
    party = hotline.party_code(body.party)
    owners = set(body.owners) if body.owners is not None else None
    plan = hotline.chosen(_plan(request, body.day), party, owners, settings(request).beneficiary)
    detail = {
        "party": party,
        "day": body.day.isoformat(),
        "owners": sorted({a.owner for a in plan}),
    }
    with auditing(request, user, "notify", party, detail):
        return hotline.notify(engine(request), plan, party, user.username, body.label, body.day)


@router.post("/notifications/{notification_id}/answer", response_model=Notification)
def answer(notification_id: int, body: Answer, request: Request, user: Cell) -> Notification:
    """Log the party's answer: acknowledged, or objected (with a note)."""
    detail = {"state": body.state.value, "note": body.note}
    with auditing(request, user, "notification answer", str(notification_id), detail):
        return hotline.answer(
            engine(request), notification_id, body.state, user.username, body.note
        )
