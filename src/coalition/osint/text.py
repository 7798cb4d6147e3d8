"""Sentences with their character offsets (regex; abbreviations such as "U.S." and "Mr."
do not end a sentence)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREVIATIONS = (
    "U.S",
    "U.K",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "St",
    "Sen",
    "Gen",
    "Gov",
    "Jr",
    "e.g",
    "i.e",
    "vs",
    "No",
    # The coalition's other languages: "7 tys. żołnierzy", "ok. 100 mln", "z. B.", "M. Macron"
    "tys",
    "mln",
    "mld",
    "ok",
    "np",
    "tzw",
    "m.in",
    "ds",
    "gen",
    "płk",
    "Nr",
    "bzw",
    "ca",
    "z.B",
    "Mio",
    "Mrd",
    "Mme",
    "env",
    "\u0442\u044b\u0441",  # Russian "thousand"
    "\u0442\u0438\u0441",  # Ukrainian "thousand"
    "\u043c\u043b\u043d",  # "million"
    "\u043c\u043b\u0440\u0434",  # "billion"
)
# Capitals of Latin Extended-A (Ą, Ł, Ś, Ż, Č, Š...), not its small letters: "tys. żołnierzy"
# goes on, "tys. Żołnierze" may start a sentence.
_CAPITALS = "".join(c for c in map(chr, range(0x100, 0x180)) if c.isupper())
# Sentence ends: punctuation, closing quotes (straight or typographic), then a capital,
# maybe after an opening quote and its space (French « Aucun »).
_END = re.compile(
    r"[.!?\u2026]+[\"'\u201d\u2019\u00bb)\]]*"
    r"(?=\s+(?:[\"'\u201c\u2018\u201e\u00ab(\[]\s?)?"
    r"[A-Z\u00c0-\u00dd" + _CAPITALS + r"\u0400-\u042f0-9])"
)


_NEXT_WORD = re.compile(r"\s+(\w+)")
#: The months German writes after a day and a dot ("am 15. Oktober").
_GERMAN_MONTHS = frozenset(
    ["januar", "jänner", "februar", "märz", "april", "mai", "juni", "juli", "august",
     "september", "oktober", "november", "dezember"]
)  # fmt: skip


def _day_before_month(word: str, text: str, at: int) -> bool:
    following = _NEXT_WORD.match(text, at)
    day = word.rstrip(".")
    return (day.isdigit() and len(day) <= 2 and following is not None
            and following.group(1).casefold() in _GERMAN_MONTHS)  # fmt: skip


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def sentences(text: str, offset: int = 0) -> list[Sentence]:
    """Split a passage into sentences; offsets are relative to the document when the
    passage's own ``offset`` is given."""
    out: list[Sentence] = []
    begin = 0
    for match in _END.finditer(text):
        before = text[begin : match.start()]
        word = before.rsplit(None, 1)[-1] if before.split() else ""
        if word.rstrip(".") in _ABBREVIATIONS or (len(word) == 1 and word.isupper()):
            continue
        if _day_before_month(word, text, match.end()):
            continue  # "am 15. Oktober": a German date, not a sentence's end
        end = match.end()
        chunk = text[begin:end]
        lead = len(chunk) - len(chunk.lstrip())
        if chunk.strip():
            out.append(Sentence(offset + begin + lead, offset + end, chunk.strip()))
        begin = end
    chunk = text[begin:]
    if chunk.strip():
        lead = len(chunk) - len(chunk.lstrip())
        out.append(
            Sentence(
                offset + begin + lead, offset + begin + lead + len(chunk.strip()), chunk.strip()
            )
        )
    return out


def asks(text: str) -> bool:
    """Whether the text is a question: it ends with a question mark, inside closing
    quotation marks or not ('... Why not Switzerland?', „Warum nicht?“)."""
    return text.rstrip().rstrip('"\u201c\u201d\u00bb').endswith("?")


def headline_like(text: str) -> bool:
    """Whether a line reads as a headline: thirty words or fewer, not ended as a sentence
    is ("Norway offers minehunters, rules out ground troops")."""
    stripped = text.rstrip()
    return len(stripped.split()) <= 30 and stripped[-1:] not in '.!?"”»'
