"""The plan's history in the store: an activity is kept a version at a time, append-only
(a revision, an accepted proposal or a withdrawal is a new version; the current plan is
the newest of each). Its owner never changes: a plan filed under another state is a new
activity. Every version enters the ledger with its write."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from coalition.domain.deconfliction import Activity
from coalition.domain.deconfliction_results import StoredActivity
from coalition.errors import HistoryConflictError, NotFoundError
from coalition.store import ledger, transaction
from coalition.store.tables import PlanVersionRow


def _stored(row: PlanVersionRow) -> StoredActivity:
    return StoredActivity(
        activity=Activity.model_validate(row.document),
        version=row.version,
        withdrawn=row.withdrawn,
        change=row.change,
        recorded_by=row.recorded_by,
        recorded_at=row.recorded_at,
    )


def _latest(session: Session, activity_id: str) -> PlanVersionRow | None:
    return session.scalar(
        select(PlanVersionRow)
        .where(PlanVersionRow.activity_id == activity_id)
        .order_by(PlanVersionRow.version.desc())
        .limit(1)
    )


def _add(
    session: Session, activity: Activity, version: int, change: str, by: str, withdrawn: bool
) -> PlanVersionRow:
    row = PlanVersionRow(
        activity_id=activity.id,
        version=version,
        owner=activity.owner,
        kind=activity.rule_kind,
        starts_at=min(v.start for v in activity.volumes),
        ends_at=max(v.end for v in activity.volumes),
        withdrawn=withdrawn,
        document=activity.model_dump(mode="json", exclude_none=True),
        change=change,
        recorded_by=by,
    )
    try:
        ledger.add(session, row)
    except IntegrityError as exc:  # another writer took this version number meanwhile
        raise HistoryConflictError(
            f"activity {activity.id!r} got version {version} from another writer "
            "meanwhile: read it again and retry"
        ) from exc
    return row


def submit(
    engine: Engine, activities: Sequence[Activity], by: str, change: str = "submitted"
) -> list[StoredActivity]:
    """Store the activities in one transaction: a new one as version 1, a changed one as
    its next version, an unchanged one not at all. Returns the versions written."""
    written = []
    with transaction(engine) as session:
        for activity in activities:
            latest = _latest(session, activity.id)
            if latest is not None and latest.owner != activity.owner:
                raise HistoryConflictError(
                    f"activity {activity.id!r} is {latest.owner}'s: a plan of "
                    f"{activity.owner} needs an id of its own"
                )
            document = activity.model_dump(mode="json", exclude_none=True)
            if latest is not None and not latest.withdrawn and latest.document == document:
                continue
            version = 1 if latest is None else latest.version + 1
            what = change if latest is None or change != "submitted" else "revised"
            written.append(_stored(_add(session, activity, version, what, by, False)))
    return written


def replace(engine: Engine, activity: Activity, by: str, change: str) -> StoredActivity:
    """A new version of a stored activity (an accepted proposal, say)."""
    with transaction(engine) as session:
        latest = _latest(session, activity.id)
        if latest is None or latest.withdrawn:
            raise NotFoundError(f"no current activity {activity.id!r}")
        return _stored(_add(session, activity, latest.version + 1, change, by, False))


def withdraw(engine: Engine, activity_id: str, by: str, reason: str) -> StoredActivity:
    """The activity no longer takes place: a last version that says so."""
    with transaction(engine) as session:
        latest = _latest(session, activity_id)
        if latest is None or latest.withdrawn:
            raise NotFoundError(f"no current activity {activity_id!r}")
        activity = Activity.model_validate(latest.document)
        row = _add(session, activity, latest.version + 1, f"withdrawn: {reason}", by, True)
        return _stored(row)


def current(
    engine: Engine, start: dt.datetime | None = None, end: dt.datetime | None = None
) -> list[StoredActivity]:
    """The newest version of every activity not withdrawn, those whose time overlaps
    ``[start, end)`` when given, in id order."""
    newest = (
        select(PlanVersionRow.activity_id, func.max(PlanVersionRow.version).label("version"))
        .group_by(PlanVersionRow.activity_id)
        .subquery()
    )
    query = (
        select(PlanVersionRow)
        .join(
            newest,
            (PlanVersionRow.activity_id == newest.c.activity_id)
            & (PlanVersionRow.version == newest.c.version),
        )
        .where(PlanVersionRow.withdrawn.is_(False))
        .order_by(PlanVersionRow.activity_id)
    )
    if start is not None:
        query = query.where(PlanVersionRow.ends_at > start)
    if end is not None:
        query = query.where(PlanVersionRow.starts_at < end)
    with transaction(engine) as session:
        return [_stored(row) for row in session.scalars(query)]


def on_day(engine: Engine, day: dt.date) -> list[StoredActivity]:
    """The current plan of a UTC day: every activity whose time overlaps it."""
    start = dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)
    return current(engine, start, start + dt.timedelta(days=1))


def versions(engine: Engine, activity_id: str) -> list[StoredActivity]:
    """Every version of an activity, oldest first."""
    with transaction(engine) as session:
        rows = session.scalars(
            select(PlanVersionRow)
            .where(PlanVersionRow.activity_id == activity_id)
            .order_by(PlanVersionRow.version)
        ).all()
        if not rows:
            raise NotFoundError(f"no activity {activity_id!r}")
        return [_stored(row) for row in rows]
