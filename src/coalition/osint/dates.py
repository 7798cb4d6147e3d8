"""Dates in an article resolved against the article's own date: "on Tuesday" is the last
Tuesday up to the article's day (news reports what has happened; "next Tuesday",
"tomorrow" point forward), "this evening" and "today" are that day, "yesterday" the one
before; written dates ("December 31", "31 December 2025", "17 Feb 2025") take the year
that puts them nearest before the article when none is given."""

from __future__ import annotations

import datetime as dt
import re

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
         ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
         ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
         ("december", "dec")]
    )
    for m in names
}  # fmt: skip
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = re.compile(r"\b(?:(last|next|this|on|since)\s+)?(" + "|".join(WEEKDAYS) + r")\b", re.I)
_RELATIVE = re.compile(
    r"\b(today|tonight|this (?:morning|afternoon|evening)|earlier (?:in the day|today)"
    r"|yesterday|tomorrow)\b",
    re.I,
)
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH})\.?(?:\s+(\d{{4}}))?\b", re.I)
_MONTH_DAY = re.compile(
    rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b", re.I
)


def _nearest_before(month: int, day: int, anchor: dt.date) -> dt.date | None:
    for year in (anchor.year, anchor.year - 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            return None
        if candidate <= anchor + dt.timedelta(days=7):
            return candidate
    return None


def resolve(sentence: str, anchor: dt.date | None) -> tuple[dt.date | None, str]:
    """The date a sentence speaks of, and the words that said it ("" if none: then the
    article's date is meant). Without an anchor only full dates resolve."""
    for pattern, order in ((_DAY_MONTH, "dm"), (_MONTH_DAY, "md")):
        match = pattern.search(sentence)
        if match:
            a, b, year = match.groups()
            day, month = (
                (int(a), MONTHS[b.lower()]) if order == "dm" else (int(b), MONTHS[a.lower()])
            )
            if year:
                try:
                    return dt.date(int(year), month, day), match.group(0)
                except ValueError:
                    continue
            if anchor is not None:
                return _nearest_before(month, day, anchor), match.group(0)
    if anchor is None:
        return None, ""
    match = _RELATIVE.search(sentence)
    if match:
        word = match.group(1).lower()
        shift = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
        return anchor + dt.timedelta(days=shift), match.group(0)
    match = _WEEKDAY.search(sentence)
    if match:
        qualifier = (match.group(1) or "").lower()
        target = WEEKDAYS.index(match.group(2).lower())
        back = (anchor.weekday() - target) % 7
        if qualifier == "next":
            return anchor + dt.timedelta(days=(target - anchor.weekday()) % 7 or 7), match.group(0)
        if qualifier == "last" and back == 0:
            back = 7
        return anchor - dt.timedelta(days=back), match.group(0)
    return anchor, ""
