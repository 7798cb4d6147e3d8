"""The hotline's log: what was notified to a party (the agreed extract: volumes and
times, no units), when and by whom, and what the party answered (acknowledged,
objected, with a note). Append-only, in the ledger, like the plan's history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from coalition.deconfliction.extract import notification_extract
from coalition.domain.deconfliction import Activity
from coalition.domain.deconfliction_results import (
    Notification,
    NotificationEvent,
    NotificationLabel,
    NotificationState,
)
from coalition.errors import CoalitionError, NotFoundError
from coalition.store import ledger, transaction
from coalition.store.tables import NotificationEventRow, NotificationRow


def _event(session: Session, notification_id: int, state: NotificationState, by: str,
           note: str | None) -> None:  # fmt: skip
    row = NotificationEventRow(
        notification_id=notification_id,
        state=state.value,
        at=dt.datetime.now(dt.UTC),
        by=by,
        note=note,
    )
    ledger.add(session, row)


def _notification(session: Session, row: NotificationRow) -> Notification:
    events = session.scalars(
        select(NotificationEventRow)
        .where(NotificationEventRow.notification_id == row.id)
        .order_by(NotificationEventRow.id)
    )
    return Notification(
        id=row.id,
        party=row.party,
        sent_by=row.sent_by,
        sent_at=row.sent_at,
        extract=row.extract,
        events=[
            NotificationEvent(state=NotificationState(e.state), at=e.at, by=e.by, note=e.note)
            for e in events
        ],
    )


def chosen(
    activities: Sequence[Activity], party: str, owners: set[str] | None, beneficiary: str
) -> list[Activity]:
    """What a notification to ``party`` covers: the ``owners`` named, or by default every
    owner but the party and the beneficiary (Ukraine's own operations are Ukraine's to
    notify); never the party's own."""
    return [
        a
        for a in activities
        if a.owner != party
        and (a.owner in owners if owners is not None else a.owner != beneficiary)
    ]


def party_code(party: str) -> str:
    """The party as an ISO 3166-1 alpha-3 code (CoalitionError naming a near one)."""
    return notification_extract([], party).party


def notify(
    engine: Engine,
    activities: Sequence[Activity],
    party: str,
    by: str,
    label: NotificationLabel | None = None,
    day: dt.date | None = None,
) -> Notification:
    """Make the extract of ``activities`` for ``party``, log it as sent, return it. The
    log keeps which volume each reference (N1, N2...) stands for, so an objection about
    one can be traced; that map is never sent."""
    extract = notification_extract(activities, party, label.value if label else None)
    if not extract.geojson["features"]:
        raise CoalitionError(f"nothing to notify to {extract.party}: no activity in the window")
    document = dict(extract.geojson) | ({"day": day.isoformat()} if day else {})
    with transaction(engine) as session:
        row = NotificationRow(
            party=extract.party,
            extract=document,
            covers=[f"{ref} {a}/{v}" for ref, (a, v) in extract.refs.items()],
            sent_by=by,
            sent_at=dt.datetime.now(dt.UTC),
        )
        ledger.add(session, row)
        _event(session, row.id, NotificationState.SENT, by, None)
        return _notification(session, row)


def answer(
    engine: Engine, notification_id: int, state: NotificationState, by: str, note: str | None
) -> Notification:
    """Log the party's answer (acknowledged or objected) to a notification."""
    if state is NotificationState.SENT:
        raise CoalitionError("a notification is logged as sent when it is made")
    with transaction(engine) as session:
        row = session.get(NotificationRow, notification_id)
        if row is None:
            raise NotFoundError(f"no notification {notification_id}")
        _event(session, row.id, state, by, note)
        return _notification(session, row)


def log(engine: Engine) -> list[Notification]:
    """Every notification, newest first."""
    with transaction(engine) as session:
        rows = session.scalars(select(NotificationRow).order_by(NotificationRow.id.desc()))
        return [_notification(session, row) for row in rows]
