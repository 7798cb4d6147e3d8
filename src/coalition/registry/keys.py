"""Stable keys for history records, so re-loading a dataset never duplicates a fact.

A statement is identified by what it is evidence of: the pledge (or actor), the day, the
source and the exact quote. Its reading (status, conditions, speaker) is content: if a
later load reads the same evidence differently, that is a conflict, not a new fact.
"""

from __future__ import annotations

import datetime as dt
import hashlib


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def statement_key(pledge_id: str, day: dt.date, source: str, quote: str) -> str:
    return _digest("statement", pledge_id, day.isoformat(), source, " ".join(quote.split()))


def stance_key(actor: str, day: dt.date, source: str, quote: str) -> str:
    return _digest("stance", actor, day.isoformat(), source, " ".join(quote.split()))


def claim_key(day: dt.date, source: str, quote: str, count: int) -> str:
    return _digest("claim", day.isoformat(), source, " ".join(quote.split()), str(count))


def mission_key(condition: str, day: dt.date, source: str, quote: str) -> str:
    return _digest("mission", condition, day.isoformat(), source, " ".join(quote.split()))


def size_key(day: dt.date, source: str, quote: str, covers: list[str]) -> str:
    return _digest("size", day.isoformat(), source, " ".join(quote.split()), ",".join(covers))
