"""Dates in an article resolved against the article's own date: "on Tuesday" is the last
Tuesday up to the article's day (news reports what has happened; "next Tuesday",
"tomorrow" point forward), "this evening" and "today" are that day, "yesterday" the one
before; written dates ("December 31", "31 December 2025", "17 Feb 2025") take the year
that puts them nearest before the article when none is given.

The coalition's other languages are read too: month names in the forms a date takes
("3. März", "3 mars", "3 marca", and the Ukrainian and Russian genitives), weekdays
(with the Slavic accusative after "on": "we wtorek") and today/yesterday. French "hier"
is left out: it is German for "here"."""

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
# Month names in the other languages, in the forms a written date takes (German and
# French nominative; Polish, Ukrainian and Russian genitive, "3 marca").
_MONTHS_ELSEWHERE = [
    ("januar", "jänner", "janvier", "stycznia", "січня", "января"),
    ("februar", "février", "fevrier", "lutego", "лютого", "февраля"),
    ("märz", "maerz", "mars", "marca", "березня", "марта"),
    ("april", "avril", "kwietnia", "квітня", "апреля"),
    ("mai", "maja", "травня", "мая"),
    ("juni", "juin", "czerwca", "червня", "июня"),
    ("juli", "juillet", "lipca", "липня", "июля"),
    ("august", "août", "aout", "sierpnia", "серпня", "августа"),
    ("september", "septembre", "września", "wrzesnia", "вересня", "сентября"),
    ("oktober", "octobre", "października", "pazdziernika", "жовтня", "октября"),
    ("november", "novembre", "listopada", "листопада", "ноября"),
    ("dezember", "décembre", "decembre", "grudnia", "грудня", "декабря"),
]
MONTHS |= {name: i + 1 for i, names in enumerate(_MONTHS_ELSEWHERE) for name in names}
# Weekdays in the other languages (the Slavic accusative that "on Tuesday" takes).
_WEEKDAYS_ELSEWHERE = [
    ("montag", "lundi", "poniedziałek", "понеділок", "понедельник"),
    ("dienstag", "mardi", "wtorek", "вівторок", "вторник"),
    ("mittwoch", "mercredi", "środę", "środa", "середу", "среду"),
    ("donnerstag", "jeudi", "czwartek", "четвер", "четверг"),
    ("freitag", "vendredi", "piątek", "п'ятницю", "п\u2019ятницю", "пятницу"),
    ("samstag", "samedi", "sobotę", "суботу", "субботу"),
    ("sonntag", "dimanche", "niedzielę", "неділю", "воскресенье"),
]
_DAY_OF = {name: i for i, names in enumerate(_WEEKDAYS_ELSEWHERE) for name in names}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = re.compile(r"\b(?:(last|next|this|on|since)\s+)?(" + "|".join(WEEKDAYS) + r")\b", re.I)
_WEEKDAY_ELSEWHERE = re.compile(
    r"(?<!\w)(" + "|".join(sorted(map(re.escape, _DAY_OF), key=len, reverse=True)) + r")(?!\w)",
    re.I,
)
_RELATIVE = re.compile(
    r"\b(today|tonight|this (?:morning|afternoon|evening)|earlier (?:in the day|today)"
    r"|yesterday|tomorrow)\b",
    re.I,
)
_RELATIVE_ELSEWHERE = {
    -1: re.compile(r"(?<!\w)(gestern|wczoraj|учора|вчора|вчера)(?!\w)", re.I),
    0: re.compile("(?<!\\w)(heute|aujourd['\u2019]hui|dziś|dzisiaj|сьогодні|сегодня)(?!\\w)", re.I),
}
_DAY_MONTH = re.compile(
    rf"(?<!\w)(\d{{1,2}})(?:st|nd|rd|th|\.)?\s+({_MONTH})\.?(?:\s+(\d{{4}}))?(?!\w)", re.I
)
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
    for shift, pattern in _RELATIVE_ELSEWHERE.items():
        match = pattern.search(sentence)
        if match:
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
    match = _WEEKDAY_ELSEWHERE.search(sentence)
    if match:  # the last such day up to the article's (news reports what has happened)
        back = (anchor.weekday() - _DAY_OF[match.group(1).lower()]) % 7
        return anchor - dt.timedelta(days=back), match.group(0)
    return anchor, ""


# A month or season as a sentence places something in it with its year ("in February
# 2024", "17 February 2024", "February 17, 2024", and in the Slavic languages the locative
# forms besides the genitive ones above, "w lutym 2024").
_IN_MONTH = [
    ("styczniu", "січні", "январе", "winter", "hiver", "winter", "zimą", "взимку", "зимой"),
    ("lutym", "лютому", "феврале"),
    ("marcu", "березні", "марте"),
    ("kwietniu", "квітні", "апреле", "spring", "printemps", "frühjahr", "frühling", "wiosną",
     "навесні", "весною", "весной"),
    ("maju", "травні", "мае"),
    ("czerwcu", "червні", "июне"),
    ("lipcu", "липні", "июле", "summer", "été", "sommer", "latem", "влітку", "летом"),
    ("sierpniu", "серпні", "августе"),
    ("wrześniu", "вересні", "сентябре"),
    ("październiku", "жовтні", "октябре", "autumn", "fall", "automne", "herbst", "jesienią",
     "восени", "осенью"),
    ("listopadzie", "листопаді", "ноябре"),
    ("grudniu", "грудні", "декабре"),
]  # fmt: skip
_MONTH_OF = MONTHS | {name: i + 1 for i, names in enumerate(_IN_MONTH) for name in names}
_MONTH_YEAR = re.compile(
    r"(?<!\w)(" + "|".join(sorted(map(re.escape, _MONTH_OF), key=len, reverse=True))
    + r")\.?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?(?:of\s+)?((?:19|20)\d\d)(?!\d)",
    re.I,
)  # fmt: skip


#: A relative clause the month may stand in ("Russia, which invaded in February 2022,
#: has said"): it dates the aside, not the statement.
_ASIDE = re.compile(
    r",\s*(?:which|who|that|der|die|das|welche\w*|qui|que|dont|któr\w+|як\w+|котор\w+)\b"
    r"[^,]*$",
    re.I,
)


def month_recalled(sentence: str, before: int) -> dt.date | None:
    """The first day of the month (or season) a sentence names with its year before
    ``before`` (its stance's cue), if any and not in an aside."""
    for match in _MONTH_YEAR.finditer(sentence, 0, before):
        if _ASIDE.search(sentence, 0, match.start()) is None:
            return dt.date(int(match.group(2)), _MONTH_OF[match.group(1).lower()], 1)
    return None
