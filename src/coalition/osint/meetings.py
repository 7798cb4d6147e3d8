"""The meeting an article reports: the first it names that took place (a city, not a state:
"US-Russia talks" name no place), with the day its sentence gives; a meeting still to come
("leaders will meet in Rome next week") is none yet."""

from __future__ import annotations

import re

import pycountry

from coalition.osint.dates import resolve
from coalition.osint.reading import Document
from coalition.osint.text import sentences

# "the meeting in Paris", "the Paris summit", "talks in Riyadh": a capitalised place.
_MEETING = re.compile(
    r"\b(?i:meeting|summit|talks|gathering|conference)\s+(?:was\s+held\s+)?(?:in|at)\s+"
    r"(?P<after>[A-Z][a-z]+)|\b(?P<before>[A-Z][a-z]+)\s+(?i:meeting|summit|talks)\b"
)
_NOT_PLACES = {
    "The",
    "This",
    "That",
    "European",
    "Emergency",
    "Crucial",
    "Key",
    "Security",
    "Peace",
}
# A meeting still to come is no meeting yet ("leaders will meet in Rome next week").
_PLANNED = re.compile(
    r"\b(?:will|would|shall|is\s+due\s+to|are\s+due\s+to|plans?\s+to|planned|scheduled|"
    r"next\s+(?:week|month)|upcoming|to\s+be\s+held)\b",
    re.I,
)


def _is_country(name: str) -> bool:
    try:
        pycountry.countries.lookup(name)
    except LookupError:
        return name in ("Russia", "Britain", "America")  # short names pycountry lacks
    return True


def meeting_of(document: Document) -> str | None:
    """The first meeting the article names (its subject, as a rule): a city, not a state
    ("US-Russia talks" name no place), with the day the sentence gives; not one still
    planned."""
    for passage in document.body():
        for sentence in sentences(passage.text):
            if _PLANNED.search(sentence.text):
                continue
            for match in _MEETING.finditer(sentence.text):
                place = match.group("after") or match.group("before")
                if place and place not in _NOT_PLACES and not _is_country(place):
                    day, _ = resolve(sentence.text, document.published)
                    return f"{place}, {day}" if day else place
    return None
