"""Candidate facts from an article, each with its evidence.

Positions and stances come from the clause reader (``clauses``: every language with a
lexicon, English included); this module adds what the English text says in other shapes:
counts of states ("26 countries have committed"), a meeting's attendance and listed
priorities, and the meeting an article reports. It gives each candidate the person who
spoke, where the gazetteer knows one, and merges what an article says twice.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from coalition.osint.actors import Gazetteer
from coalition.osint.candidate import Candidate, consolidate, merge
from coalition.osint.clauses import read_passage
from coalition.osint.counts import counts_in, one_per_number
from coalition.osint.dates import resolve
from coalition.osint.later_conditions import carry
from coalition.osint.lexicon import Lexicon
from coalition.osint.meetings import meeting_of
from coalition.osint.naming import has_label, labelled, mentions
from coalition.osint.reading import Document, Passage
from coalition.osint.text import Sentence, asks, sentences

_NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen", "twenty"]
    )
}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}  # fmt: skip
_NUMBER_WORDS |= _TENS
# "Twenty-six" is one number (not "six"): the compound is tried before its parts.
_COMPOUND = r"(?:" + "|".join(_TENS) + r")[-\s](?:one|two|three|four|five|six|seven|eight|nine)"
_NUMBER = (r"(\d{1,3}|" + _COMPOUND + "|"
           + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")")  # fmt: skip
_ATTENDANCE = re.compile(rf"\b{_NUMBER}\s+(officials|leaders|heads\s+of\s+state)\b", re.I)
_PRIORITIES = re.compile(
    rf"\b{_NUMBER}\s+(?:\w+\s+)?(?:priorities|pillars|goals)\b[^:]*:\s*(?P<items>.+)", re.I
)
# Words without which no count or meeting figure can match (a substring test first).
_FIGURE_WORDS = ("officials", "leaders", "heads of", "priorities", "pillars", "goals")


def _number(word: str) -> int:
    if word.isdigit():
        return int(word)
    parts = re.split(r"[-\s]", word.lower())
    return sum(_NUMBER_WORDS[p] for p in parts)


def extract(document: Document, gazetteer: Gazetteer) -> list[Candidate]:
    """Candidates from every passage in a language the project reads (no boilerplate, no
    readers' comments), merged where the article repeats a statement."""
    out: list[Candidate] = []
    speaker: str | None = None  # a transcript's speaker talks on until the next label
    labels: dict[frozenset[str], str] = {}  # the labels that named a state, by their words
    for passage in document.body():
        lexicon = _lexicon_of(gazetteer, document, passage)
        if lexicon is None:
            continue
        names = _names(gazetteer, lexicon, document.published)
        if has_label(passage.text):
            speaker = labelled(lexicon, passage.text, names, labels)
            if asks(passage.text):
                continue  # a turn that ends asking is the interviewer's ("LÜTHI: ... Why?")
        out += read_passage(document, passage, lexicon, names=names, speaker=speaker)
    out += _figures(document, gazetteer)
    carry(document, gazetteer.languages, out)
    _no_own_backstop(out)
    _speakers(gazetteer, out)
    meeting = meeting_of(document)
    for candidate in out:
        candidate.meeting = meeting
    return merge(consolidate(out, document))


def _no_own_backstop(candidates: list[Candidate]) -> None:
    """Washington's own offer is on no American backstop ("without American air cover
    our sappers will not go", said next to it, is another state's condition)."""
    for c in candidates:
        if c.actor == "USA" and "us_backstop" in c.conditions:
            c.conditions = [x for x in c.conditions if x != "us_backstop"]
            if not c.conditions and c.status == "conditional":
                c.status = "announced"


def _lexicon_of(gazetteer: Gazetteer, document: Document, passage: Passage) -> Lexicon | None:
    """The lexicon of the passage's language; a passage too short to tell is read as
    English."""
    language = document.language_of(passage)
    return gazetteer.languages.get("en" if language == "und" else language)


def _names(gazetteer: Gazetteer, lexicon: Lexicon, day: dt.date | None
           ) -> Callable[[str], list[tuple[int, int, str]]]:  # fmt: skip
    """The actors a sentence names: the lexicon's names, and the people the gazetteer
    knows, for the state they spoke for on the article's day (Scholz for Germany until
    May 2025)."""

    def names(text: str) -> list[tuple[int, int, str]]:
        found = [(m.start, m.end, m.actor) for m in mentions(lexicon, text)]
        for person in gazetteer.mentions(text, day):
            if person.person and not any(a < person.end and person.start < b for a, b, _ in found):
                found.append((person.start, person.end, person.actor))
        return sorted(found)

    return names


def _speakers(gazetteer: Gazetteer, candidates: list[Candidate]) -> None:
    """The person who spoke for each position or stance, where the gazetteer knows one
    named in its sentence for the same state on that day."""
    for candidate in candidates:
        if candidate.fact not in ("position", "stance") or candidate.speaker:
            continue
        people = [m for m in gazetteer.mentions(candidate.quote, candidate.date)
                  if m.person and m.actor == candidate.actor]  # fmt: skip
        if people:
            candidate.speaker = people[0].person


def _figures(document: Document, gazetteer: Gazetteer) -> list[Candidate]:
    """Counts of states in every passage the project reads, one per number, and the
    meeting figures of its English passages."""
    found: list[Candidate] = []
    anchor = document.published
    for passage in document.body():
        lexicon = _lexicon_of(gazetteer, document, passage)
        if lexicon is None:
            continue
        earlier: list[str] = []  # the paragraph's sentences before (for "readiness for this")
        for sentence in sentences(passage.text, passage.start):
            found += counts_in(lexicon, sentence, document.id, anchor, earlier)
            earlier.append(sentence.text)
            if lexicon.language == "en" and any(w in sentence.text.lower() for w in _FIGURE_WORDS):
                date, words = resolve(sentence.text, anchor)
                found += _meeting_figures(document, sentence, date, words)
    return one_per_number([c for c in found if c.fact == "count"]) + [
        c for c in found if c.fact != "count"
    ]


def _base(
    document: Document, sentence: Sentence, date: dt.date | None, words: str
) -> dict[str, object]:
    return {
        "document": document.id,
        "quote": sentence.text,
        "start": sentence.start,
        "end": sentence.end,
        "date": date,
        "date_words": words,
        "sources": [document.id],
    }


def _meeting_figures(
    document: Document, sentence: Sentence, date: dt.date | None, words: str
) -> list[Candidate]:
    """A meeting's listed priorities and its attendance, as the English text gives them."""
    out = []
    priorities = _PRIORITIES.search(sentence.text)
    if priorities:
        listed = priorities.group("items").rstrip(". ")
        # Items are often phrases of their own ("deploying a force across land, sea and air"):
        # split where the next item starts with a verb in -ing, else at every comma.
        items = re.split(r",\s*(?:and\s+)?(?=\w+ing\b)", listed)
        if len(items) < 2:
            items = re.split(r",\s*(?:and\s+)?|\s+and\s+", listed)
        out.append(
            Candidate(
                fact="meeting",
                count=_number(priorities.group(1)),
                priorities=[i.strip() for i in items if i.strip()],
                **_base(document, sentence, date, words),  # type: ignore[arg-type]
            )
        )
    attendance = _ATTENDANCE.search(sentence.text)
    if attendance and re.search(r"\battend", sentence.text, re.I):
        out.append(
            Candidate(
                fact="meeting",
                count=_number(attendance.group(1)),
                **_base(document, sentence, date, words),  # type: ignore[arg-type]
            )
        )
    return out
