"""Signed heads of the ledger: its size and Merkle root, signed with the coalition's key
(Ed25519) and kept in the store. A head is made each day (by the server after its first
write of the day, or ``coalition ledger head`` from a scheduler) and with every signed
product, which names it. A later
rewrite of the ledger's first ``size`` entries no longer hashes to a signed root
(``ledger.verify`` finds that), and a head added behind the application's back carries
no valid signature (``check_signatures``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from coalition import signing
from coalition.store import ledger
from coalition.store.engine import transaction
from coalition.store.tables import LedgerHeadRow


@dataclass(frozen=True)
class SignedHead:
    id: int
    size: int
    root: str
    signed_at: dt.datetime
    key_id: str


def _claim(size: int, root: str, signed_at: dt.datetime) -> dict[str, str]:
    moment = signed_at if signed_at.tzinfo else signed_at.replace(tzinfo=dt.UTC)
    return {
        "ledger_size": str(size),
        "ledger_root": root,
        "signed_at": moment.astimezone(dt.UTC).isoformat(timespec="seconds"),
    }


def sign_head(engine: Engine, keys_dir: Path) -> SignedHead:
    """Sign the ledger's position now and keep it; the same transaction reads the ledger
    and stores the head, so the head covers exactly what was committed. The first
    signing key is made if there is none."""
    signing.ensure_key(keys_dir)
    with transaction(engine) as session:
        head = ledger.current_head(session)
        now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        key_id, signature = signing.sign_payload(_claim(head.size, head.root, now), keys_dir)
        row = LedgerHeadRow(
            size=head.size, root=head.root, signed_at=now, key_id=key_id, signature=signature
        )
        session.add(row)
        session.flush()
        return SignedHead(row.id, row.size, row.root, now, key_id)


DAILY = dt.timedelta(days=1)


def sign_if_due(engine: Engine, keys_dir: Path, every: dt.timedelta = DAILY) -> SignedHead | None:
    """Sign a head when the newest is older than ``every`` (or there is none): the server
    calls this after its writes, so a store in use gets its daily head without a
    scheduler. Two processes racing here both sign; two heads hurt nothing. The newest
    head's time is remembered per database, so writes between heads ask nothing more."""
    now = dt.datetime.now(dt.UTC)
    store = engine.url.render_as_string()
    newest = _newest.get(store)
    if newest is None or now - newest >= every:
        with transaction(engine) as session:
            newest = session.scalar(select(func.max(LedgerHeadRow.signed_at)))
        if newest is not None:
            newest = newest if newest.tzinfo else newest.replace(tzinfo=dt.UTC)
            _newest[store] = newest
    if newest is not None and now - newest < every:
        return None
    head = sign_head(engine, keys_dir)
    _newest[store] = head.signed_at
    return head


#: The newest head each database was seen with, in this process.
_newest: dict[str, dt.datetime] = {}


def check_signatures(session: Session, keys: list[Path]) -> list[ledger.Finding]:
    """Every stored head whose signature does not hold with these public keys."""
    findings = []
    for row in session.scalars(select(LedgerHeadRow).order_by(LedgerHeadRow.id)):
        claim = _claim(row.size, row.root, row.signed_at)
        problem = signing.check_payload(claim, row.signature, row.key_id, keys)
        if problem:
            findings.append(
                ledger.Finding(
                    LedgerHeadRow.__tablename__, f"{row.id} ({row.signed_at:%Y-%m-%d})", problem
                )
            )
    return findings


def sign_products(engine: Engine, keys_dir: Path, paths: Iterable[Path]) -> list[Path]:
    """Sign a head now and each product with it (``path.sig`` names the ledger position
    the product was made from); the first signing key is made if there is none."""
    head = sign_head(engine, keys_dir)
    return [signing.sign(path, keys_dir, head.size, head.root) for path in paths]
