"""A candidate fact with its evidence, and how candidates that report one statement become
one: within an article (a headline and its body, a pledge said twice) and across articles
(the same statement from several outlets keeps every source)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from coalition.osint.text import headline_like

if TYPE_CHECKING:
    from coalition.osint.reading import Document


@dataclass
class Candidate:
    """One fact an article reports, with its evidence (exact sentence and offsets)."""

    fact: str  # position (a pledge's status) | stance (opposes/supports) | count | meeting
    document: str
    quote: str
    start: int
    end: int
    date: dt.date | None
    date_words: str = ""
    actor: str | None = None
    speaker: str | None = None
    status: str | None = None
    conditions: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)
    count: int | None = None
    priorities: list[str] = field(default_factory=list)
    meeting: str | None = None  # the meeting the article reports ("Paris, 2025-02-17")
    sources: list[str] = field(default_factory=list)  # every document that reports it
    quantity: dict[str, object] | None = None  # {value, unit, said[, max]} as the text says
    basing: str | None = None  # in_ukraine, outside_ukraine, at_sea...
    language: str = "en"  # the quote's language

    def key(self) -> tuple[object, ...]:
        """What makes two candidates the same statement (for merging sources)."""
        money = self.kinds[:1] == ["financing"]  # money and forces are two offers
        return (self.fact, self.actor, self.status, money, tuple(self.conditions), self.count,
                self.date)  # fmt: skip


def merge(candidates: list[Candidate]) -> list[Candidate]:
    """One candidate per statement: the same fact reported again (in the same article, or
    in another) keeps the first evidence and adds the other sources."""
    merged: dict[tuple[object, ...], Candidate] = {}
    for candidate in candidates:
        key = candidate.key()
        if key in merged:
            kept = merged[key]
            kept.sources += [s for s in candidate.sources if s not in kept.sources]
        else:
            merged[key] = candidate
    return list(merged.values())


def _headline(document: Document) -> tuple[int, int] | None:
    """Where the article's headline is: its first passage, when short and unpunctuated
    like a headline ("Norway offers minehunters, rules out ground troops")."""
    passages = document.body()
    if not passages:
        return None
    first = passages[0]
    return (first.start, first.end) if headline_like(first.text) else None


def absorb(kept: Candidate, other: Candidate, conditions: bool) -> None:
    """What ``other`` adds to ``kept``: its sources, the quantity and basing ``kept``
    lacks, and (``conditions``) the conditions it states."""
    kept.sources += [s for s in other.sources if s not in kept.sources]
    if kept.quantity is None and other.quantity is not None:
        kept.quantity = other.quantity
    if kept.basing is None and other.basing is not None:
        kept.basing = other.basing
    if conditions:
        kept.conditions = sorted(set(kept.conditions) | set(other.conditions))


def _elsewhere(offer: Candidate, conditional: Candidate) -> bool:
    """Whether an offer is said of another place than the conditional one: "will send 400
    soldiers to train Ukrainians in Poland ... none will deploy to Ukraine before a peace
    deal" are two offers, not one made conditional."""
    places = {offer.basing, conditional.basing}
    return places == {"outside_ukraine", "in_ukraine"}


def consolidate(candidates: list[Candidate], document: Document) -> list[Candidate]:
    """One candidate per actor, kind and status in one article, as a reader counts them:
    a headline that a sentence of the body states again is the body's (the headline
    compresses: its conditions are not trusted); a pledge said twice is one, with the
    conditions either time gives; a pledge announced in one sentence and made conditional
    in another is the conditional one. A stance is one per actor, status and day."""
    headline = _headline(document)

    def in_headline(c: Candidate) -> bool:
        return headline is not None and headline[0] <= c.start < headline[1]

    groups: dict[tuple[object, ...], list[Candidate]] = {}
    for c in candidates:
        if c.fact not in ("position", "stance"):
            continue
        # a stance is one per day (a government that objects on two days said it twice)
        which = (c.kinds[0] if c.kinds else None) if c.fact == "position" else c.date
        groups.setdefault((c.fact, c.actor, which), []).append(c)
    dropped: set[int] = set()
    for group in groups.values():
        statuses = {c.status for c in group}
        if "conditional" in statuses and "announced" in statuses:
            target = next(c for c in group if c.status == "conditional")
            for c in group:
                if c.status == "announced" and not _elsewhere(c, target):
                    absorb(target, c, conditions=False)
                    dropped.add(id(c))
        for status in statuses:
            same = [c for c in group if c.status == status and id(c) not in dropped]
            body = [c for c in same if not in_headline(c)]
            if not same:
                continue
            kept = body[0] if body else same[0]
            for c in same:
                if c is not kept:
                    absorb(kept, c, conditions=not in_headline(c))
                    dropped.add(id(c))
    return [c for c in candidates if id(c) not in dropped]
