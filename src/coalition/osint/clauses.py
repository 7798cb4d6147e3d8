"""A clause reader that works in any language with a lexicon (``lexicon``): each sentence
is cut into clauses at contrast words ("but", "sondern", "mais", "ale", "але", "но") and
semicolons, so that "will not send troops to Ukraine but will train them in Poland" is
two facts; each clause with a stance cue becomes a candidate whose actor is the one named
nearest before the cue (in the clause, else in the sentence, else in the sentences just
before: "he", "the Chancellor", "the Prime Minister" point back to it), with the kind,
conditions (in the clause or its sentence), quantity and basing the clause states.

The quote is the clause's sentence, in the article's language; the reviewer sees the
language, and the English rendering where the corpus gives one.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass

from coalition.osint.dates import resolve
from coalition.osint.extract import Candidate
from coalition.osint.lexicon import Lexicon, Numbers
from coalition.osint.reading import Document, Passage
from coalition.osint.text import Sentence, sentences

#: Sentences back that a clause without a named actor may take its actor from.
_CARRY = 2
#: States that receive, not give: their own statements are not pledges to the coalition.
_RECIPIENTS = {"UKR"}
_STANCES_ONLY = {"RUS", "BLR", "CHN"}  # they pledge nothing: what they say is a stance


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    actor: str


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str
    said: str = "exact"
    max: float | None = None

    def as_dict(self) -> dict[str, object]:
        found: dict[str, object] = {"value": self.value, "unit": self.unit, "said": self.said}
        if self.max is not None:
            found["max"] = self.max
        return found


def mentions(lexicon: Lexicon, text: str) -> list[_Mention]:
    """Actors named in ``text``, left to right, the longest name where two overlap."""
    found = [
        _Mention(m.start(), m.end(), code)
        for code, pattern in lexicon.actors.items()
        for m in pattern.finditer(text)
    ]
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[_Mention] = []
    for mention in found:
        if not kept or mention.start >= kept[-1].end:
            kept.append(mention)
    return kept


def _clauses(lexicon: Lexicon, sentence: Sentence) -> list[tuple[int, str]]:
    """The sentence cut at contrast words and semicolons: (offset in sentence, text)."""
    cuts = [0]
    for match in re.finditer(r";", sentence.text):
        cuts.append(match.end())
    if lexicon.contrast is not None:
        cuts += [m.start() for m in lexicon.contrast.finditer(sentence.text) if m.start() > 0]
    cuts = [*sorted(set(cuts)), len(sentence.text)]
    return [(a, sentence.text[a:b]) for a, b in itertools.pairwise(cuts) if b > a]


_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:[ \u00a0.,\u202f]\d{3})+|\d+(?:[.,]\d+)?)(?!\d)")


def _value(text: str, numbers: Numbers) -> float | None:
    digits = text.replace("\u00a0", " ").replace("\u202f", " ")
    if re.fullmatch(r"\d{1,3}(?:[ .,]\d{3})+", digits) and not (
        numbers.decimal_comma and re.fullmatch(r"\d+,\d{3}", digits) is None
    ):
        return float(re.sub(r"[ .,]", "", digits))
    if numbers.decimal_comma:
        digits = digits.replace(".", "").replace(",", ".")
    else:
        digits = digits.replace(",", "")
    try:
        return float(digits.replace(" ", ""))
    except ValueError:
        return None


def quantity(lexicon: Lexicon, text: str) -> Quantity | None:
    """The first number in the clause that a unit follows (or a currency sign leads),
    scaled by thousand/million/billion, with how it was said."""
    numbers = lexicon.numbers
    words = "|".join(re.escape(w) for w in sorted(numbers.words, key=len, reverse=True))
    pattern = _NUMBER.pattern + (rf"|(?i:\b({words})\b)" if words else "")
    for match in re.finditer(pattern, text):
        raw = match.group(1) or (match.group(2) if match.lastindex and match.lastindex > 1 else "")
        value = _value(raw, numbers) if match.group(1) else float(numbers.words[raw.casefold()])
        if value is None:
            continue
        after = text[match.end() : match.end() + 40]
        before = text[max(0, match.start() - 25) : match.start()]
        scale = 1.0
        lead = re.match(r"\s*(\S+)", after)
        if lead and numbers.billion.match(lead.group(1)):
            scale = 1e9
        elif lead and numbers.million.match(lead.group(1)):
            scale = 1e6
        elif lead and numbers.thousand.match(lead.group(1)):
            scale = 1e3
        unit = _unit(lexicon, before, after)
        if unit is None or (_year(raw, value) and not _unit_next(lexicon, after)):
            continue
        said = "exact"
        if numbers.up_to.search(before):
            said = "up_to"
        elif numbers.about.search(before):
            said = "about"
        elif numbers.at_least.search(before):
            said = "at_least"
        return Quantity(value * scale, unit, said)
    return None


def _year(raw: str, value: float) -> bool:
    """A bare four-digit number of this era is a year ("in 2026"), not a quantity."""
    return bool(re.fullmatch(r"\d{4}", raw)) and 1900 <= value <= 2100


def _unit_next(lexicon: Lexicon, after: str) -> bool:
    word = re.match(r"\s*(\S+)", after)
    return word is not None and any(p.match(word.group(1)) for p in lexicon.units.values())


def _unit(lexicon: Lexicon, before: str, after: str) -> str | None:
    sign = {"€": "EUR", "$": "USD", "£": "GBP"}
    if before.rstrip()[-1:] in sign:
        return sign[before.rstrip()[-1]]
    head = re.match(r"\s*(?:\S+\s+){0,3}", after)
    window = after[: head.end() + 30] if head else after
    best: tuple[int, str] | None = None
    for unit, pattern in lexicon.units.items():
        match = pattern.search(window)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), unit)
    return best[1] if best and best[0] <= 30 else None


def read_passage(
    document: Document, passage: Passage, lexicon: Lexicon, carry: list[str] | None = None
) -> list[Candidate]:
    """Candidates from one passage in ``lexicon``'s language."""
    out: list[Candidate] = []
    recent: list[str] = list(carry or [])  # actors named in the sentences just before
    for sentence in sentences(passage.text, passage.start):
        named = mentions(lexicon, sentence.text)
        date, words = resolve(sentence.text, document.published)
        for offset, clause in _clauses(lexicon, sentence):
            out += _clause(document, lexicon, sentence, offset, clause, named, recent,
                           date or document.published, words)  # fmt: skip
        recent = ([m.actor for m in named] + recent)[: _CARRY * 3] if named else recent[:_CARRY]
    return out


def _clause(
    document: Document,
    lexicon: Lexicon,
    sentence: Sentence,
    offset: int,
    clause: str,
    named: list[_Mention],
    recent: list[str],
    date: dt.date | None,
    words: str,
) -> list[Candidate]:
    cue = None
    for status, pattern in lexicon.stances:
        match = pattern.search(clause)
        if match:
            cue = (status, offset + match.start())
            break
    if cue is None:
        return []
    status, at = cue
    inside = [m for m in named if offset <= m.start < offset + len(clause)]
    before = [m for m in inside if m.start < at] or [m for m in named if m.start < at]
    actor = (before[-1].actor if before else inside[0].actor if inside
             else recent[0] if recent else None)  # fmt: skip
    if actor is None or actor in _RECIPIENTS:
        return []
    conditions = sorted(c for c, p in lexicon.conditions.items() if p.search(clause))
    if not conditions:
        conditions = sorted(c for c, p in lexicon.conditions.items() if p.search(sentence.text))
    if conditions and status == "announced":
        status = "conditional"
    kinds = [k for k, p in lexicon.kinds.items() if p.search(clause)]
    fact = "stance" if status in ("opposes", "supports") or actor in _STANCES_ONLY else "position"
    if fact == "stance" and status not in ("opposes", "supports"):
        status = "opposes" if status in ("ruled_out", "refused") else "supports"
    found = quantity(lexicon, clause)
    basing = next((b for b, p in lexicon.basing.items() if p.search(clause)), None)
    candidate = Candidate(
        fact=fact, document=document.id, quote=sentence.text, start=sentence.start,
        end=sentence.end, date=date, date_words=words, actor=actor, status=status,
        conditions=conditions if fact == "position" else [],
        kinds=(kinds or ["troops"]) if fact == "position" else [],
        quantity=found.as_dict() if found else None, basing=basing,
        language=lexicon.language,
    )  # fmt: skip
    return [candidate]
