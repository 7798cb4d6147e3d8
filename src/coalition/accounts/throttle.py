"""Sign-in throttling read from the audit log, so every server process (``serve
--workers N``) sees the same refusals: five refused sign-ins from one address within a
minute, whatever usernames it tried, make that address wait. The account is never
locked: its owner signing in from elsewhere is not slowed by a guesser."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine, select

from coalition.store import transaction
from coalition.store.tables import AuditRow

MAX_FAILURES = 5  # within WINDOW
WINDOW = dt.timedelta(seconds=60)
REFUSED = "sign-in refused"


def wait_before_sign_in(engine: Engine, address: str, now: dt.datetime | None = None) -> float:
    """Seconds this address must wait before trying again (0: it may try now)."""
    moment = now or dt.datetime.now(dt.UTC)
    with transaction(engine) as session:
        times = session.scalars(
            select(AuditRow.at)
            .where(
                AuditRow.action == REFUSED,
                AuditRow.client == address,
                AuditRow.at > moment - WINDOW,
            )
            .order_by(AuditRow.at.desc())
            .limit(MAX_FAILURES)
        ).all()
    if len(times) < MAX_FAILURES:
        return 0.0
    oldest = min(t if t.tzinfo else t.replace(tzinfo=dt.UTC) for t in times)
    return max((oldest + WINDOW - moment).total_seconds(), 0.0)
