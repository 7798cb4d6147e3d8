"""Candidates waiting for a person, and what becomes of them.

``coalition osint read`` writes candidates to a JSON file; review marks each accepted
(possibly edited) or rejected, and shows where it contradicts what the registry holds
(contradictions are flagged for the reviewer, never overwritten). Accepted facts become a
registry data file (sources, pledge statements, stances, counts) and are loaded through
the registry's own loader: validated, all or nothing, history append-only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlparse

import yaml

from coalition.errors import CoalitionError, NotFoundError
from coalition.osint.candidate import Candidate
from coalition.osint.decision import ACCEPTED, PENDING, REJECTED, ReviewItem
from coalition.osint.edits import EDITABLE
from coalition.osint.edits import check as check_edits
from coalition.osint.reading import Document
from coalition.registry import Registry

__all__ = ["ACCEPTED", "EDITABLE", "PENDING", "REJECTED", "ReviewItem"]  # used with these
_POSITION_STATUSES = {"announced", "conditional", "considering", "ruled_out", "declared",
                      "government_approved",
                      "parliament_approved", "deployed", "withdrawn", "refused"}  # fmt: skip


def candidate_id(candidate: Candidate) -> str:
    c = candidate
    text = f"{c.document}|{c.start}|{c.fact}|{c.actor}|{c.count}"
    return "c-" + hashlib.sha1(text.encode()).hexdigest()[:10]


def to_records(candidates: list[Candidate], documents: list[Document]) -> dict[str, Any]:
    docs = {
        d.id: {"path": d.path, "title": d.title, "published": d.published, "language": d.language}
        for d in documents
    }
    items: list[ReviewItem] = []
    for c in candidates:
        record = cast(ReviewItem, asdict(c))
        record["id"] = candidate_id(c)
        record["state"] = PENDING
        items.append(record)
    return {"documents": docs, "candidates": items}


_MANUAL_FACTS = ("position", "stance", "count")


def manual_candidate(ident: str, info: dict[str, Any], text: str, quote: str,
                     fields: dict[str, Any], username: str) -> dict[str, Any]:  # fmt: skip
    """A candidate a reviewer writes from a sentence of an article: ``quote`` must be in
    the article as it was read (the evidence is the article's, not the reviewer's);
    ``fields`` are checked as edits are, with ``fact`` (position, stance or count)."""
    quote = " ".join(quote.split())
    if len(quote) < 10:
        raise CoalitionError("quote: give the sentence the fact is in (10 characters or more)")
    flat = " ".join(text.split())
    at = flat.find(quote)
    if not text or at < 0:
        raise CoalitionError("quote: not found in the article (copy it from the article's "
                             "text)")  # fmt: skip
    fields = dict(fields)
    fact = fields.pop("fact", "position")
    if fact not in _MANUAL_FACTS:
        raise CoalitionError(f"fact: {fact!r} is not one of {', '.join(_MANUAL_FACTS)}")
    checked = check_edits(fields)
    if fact != "count" and not (checked.get("actor") and checked.get("status")):
        raise CoalitionError("a position or stance needs an actor and a status")
    start = _offset(text, at)
    day = checked.pop("date", None) or info.get("published")
    candidate = Candidate(
        fact=fact, document=ident, quote=quote, start=start, end=start + len(quote),
        date=dt.date.fromisoformat(str(day)) if day else None, sources=[ident],
        language=str(info.get("language") or "und"),
    )  # fmt: skip
    key = f"{ident}|{start}|{fact}|{checked.get('actor')}|{checked.get('status')}"
    record = asdict(candidate) | {"date": str(day) if day else None, "state": PENDING,
                                  "added_by": username}  # fmt: skip
    return {"id": "m-" + hashlib.sha1(key.encode()).hexdigest()[:10]} | record | checked


def _offset(text: str, flat_at: int) -> int:
    """Where the ``flat_at``-th character of the whitespace-collapsed text is in ``text``."""
    seen = 0
    in_space = False
    for i, char in enumerate(text.lstrip()):
        if char.isspace():
            if in_space:
                continue
            in_space = True
        else:
            in_space = False
        if seen == flat_at:
            return i + len(text) - len(text.lstrip())
        seen += 1
    return 0


def save(data: dict[str, Any], path: Path) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str), encoding="utf-8")


def load(path: Path) -> dict[str, Any]:
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise CoalitionError(f"{path}: no such file (run `coalition osint read` first)") from exc
    except json.JSONDecodeError as exc:
        raise CoalitionError(f"{path}: not a candidates file ({exc})") from exc
    if "candidates" not in data:
        raise CoalitionError(f"{path}: not a candidates file (no 'candidates')")
    return data


def contradiction(item: Mapping[str, Any], registry: Registry) -> str:
    """How the registry disagrees with a candidate on its date ("" if it does not)."""
    actor, day = item.get("actor"), item.get("date")
    if not actor or not day:
        return ""
    on = dt.date.fromisoformat(str(day))
    try:
        position = registry.position(actor, on)
    except NotFoundError:
        return f"{actor} is not in the registry"
    if item["fact"] == "position":
        kind = (item.get("kinds") or ["troops"])[0]
        for reading in position.pledges:
            if reading.pledge.kind.value == kind and reading.status.value != item["status"]:
                return (
                    f"registry: {reading.pledge.id} {reading.status.value} since {reading.since}"
                    f" ({', '.join(reading.conditions) or 'no conditions'})"
                )
    if item["fact"] == "stance":
        for stance in position.stances:
            if stance.stance.value != item["status"]:
                return f"registry: {actor} {stance.stance.value} ({stance.date})"
    return ""


#: The registry's unit types for the equipment news names (``data/registry`` units);
#: helicopters, surveillance aircraft and ships of no stated type have none: a note keeps them.
_UNIT_TYPES = {"minehunters": "minehunter", "fighter_jets": "fighter_aircraft", "tanks": "tank",
               "air_defence_systems": "air_defence_system", "drones": "drone"}  # fmt: skip
_BASING_WORDS = {"in_ukraine": "in Ukraine", "outside_ukraine": "outside Ukraine",
                 "at_sea": "at sea", "in_the_air": "in the air",
                 "away_from_front_line": "away from the front line"}  # fmt: skip
_FORMED = {"minehunter", "fighter_aircraft"}  # formed units: a troop pledge's, not support


def _count(value: float, said: str, top: Any) -> dict[str, int]:
    number = round(value)
    if said == "up_to":
        return {"up_to": number}
    if said == "at_least":
        return {"at_least": number}
    if said == "range":
        return {"from": number, "to": round(float(top))}
    return {"exact": number}


def registry_quantity(c: Mapping[str, Any], kind: str) -> tuple[dict[str, Any] | None, str]:
    """The candidate's quantity and basing as the registry keeps a statement's quantity,
    and a note for what it cannot hold as said ("about 150": kept as 150, said so)."""
    stated = c.get("quantity") or {}
    found: dict[str, Any] = {}
    notes = []
    if stated:
        value, unit, said = float(stated["value"]), str(stated["unit"]), stated.get("said", "exact")
        words = f"{said.replace('_', ' ')} {value:,.0f} {unit}".replace("exact ", "")
        if said == "about" or (said == "up_to" and len(unit) == 3 and unit.isupper()):
            notes.append(f"read from the article as {words}")
        if len(unit) == 3 and unit.isupper():
            money_said = {"about": "about", "at_least": "at_least"}.get(said, "exact")
            found["money"] = {"amount": value, "currency": unit, "said": money_said}
        elif unit == "personnel":
            found["personnel"] = _count(value, said, stated.get("max"))
        elif unit in _UNIT_TYPES and (_UNIT_TYPES[unit] in _FORMED) == (kind == "troops"):
            found["units"] = [{"type": _UNIT_TYPES[unit],
                               "count": _count(value, said, stated.get("max"))}]  # fmt: skip
        else:
            notes.append(f"the article says {words}")
    if c.get("basing"):
        found["basing"] = _BASING_WORDS.get(str(c["basing"]), str(c["basing"]))
    return (found or None), "; ".join(notes)


def _domain(address: str) -> str:
    host = urlparse(address).netloc.casefold() if "//" in address else ""
    return host.removeprefix("www.")


def outlet_grades(registry: Registry) -> dict[str, str]:
    """The registry's grade (Admiralty reliability letter) of each outlet it has graded,
    by the web domain of its sources: an article from that domain carries that grade
    (the best the registry gives the domain, where it gives several)."""
    grades: dict[str, str] = {}
    for source in registry.sources.values():
        domain = _domain(source.url or "")
        letter = source.reliability.value
        if domain and (domain not in grades or letter < grades[domain]):
            grades[domain] = letter
    return grades


def grade_of(address: str, grades: dict[str, str]) -> str | None:
    """An article's outlet grade, from its address ("https://www.reuters.com/...")."""
    return grades.get(_domain(address or ""))


_LANGUAGES = {"en": "English", "de": "German", "fr": "French", "pl": "Polish",
              "uk": "Ukrainian", "ru": "Russian"}  # fmt: skip
_STATUS_WORDS = {"announced": "offers", "conditional": "offers, on conditions,",
                 "considering": "is considering", "ruled_out": "rules out",
                 "declared": "declares (signed intent)", "government_approved":
                 "has government approval for", "parliament_approved":
                 "has parliament's approval for", "deployed": "has deployed",
                 "withdrawn": "has withdrawn", "refused": "was refused (by its parliament)",
                 "opposes": "opposes the force", "supports": "supports the force"}  # fmt: skip


def gloss(item: Mapping[str, Any]) -> str:
    """What the candidate says, in English, from its fields (not a translation of the
    quote: what was read from it, for a reviewer who does not read the article's
    language): "DEU offers, on conditions, troops: up to 1,500 personnel, outside Ukraine
    (if ceasefire, parliamentary approval)"."""
    if item.get("fact") == "count":
        return f"{item.get('count')} states, {item.get('status') or ''}".rstrip(", ")
    if item.get("fact") == "meeting":
        return f"a meeting ({item.get('count') or '?'})"
    status = str(item.get("status"))
    words = [str(item.get("actor") or "?"), _STATUS_WORDS.get(status, status)]
    if item.get("fact") == "position":
        words.append((item.get("kinds") or ["troops"])[0].replace("_", " "))
    details = []
    quantity = item.get("quantity") or {}
    if quantity:
        said = {"up_to": "up to ", "about": "about ", "at_least": "at least "}.get(
            str(quantity.get("said")), ""
        )
        top = f"-{float(quantity['max']):,.0f}" if quantity.get("max") else ""
        details.append(f"{said}{float(quantity['value']):,.0f}{top} "
                       f"{str(quantity['unit']).replace('_', ' ')}")  # fmt: skip
    if item.get("basing"):
        details.append(_BASING_WORDS.get(str(item["basing"]), str(item["basing"])))
    text = " ".join(words) + (": " + ", ".join(details) if details else "")
    if item.get("conditions"):
        text += " (if " + ", ".join(c.replace("_", " ") for c in item["conditions"]) + ")"
    language = _LANGUAGES.get(str(item.get("language")), "")
    return text + (f"; said in {language}" if language and language != "English" else "")


def _speaker(candidate: Mapping[str, Any]) -> dict[str, Any]:
    return {"speaker": candidate["speaker"]} if candidate.get("speaker") else {}


def _carried(candidate: Mapping[str, Any], documents: dict[str, Any]) -> str:
    """Where else the story ran: one statement cites one article, and the copies are
    named, not counted as confirmations."""
    others = candidate.get("also_carried_by") or [
        str((documents.get(s) or {}).get("title") or s)[:120]
        for s in candidate.get("sources") or [] if s != candidate.get("document")
    ]  # fmt: skip
    return f"also carried by: {'; '.join(others)}" if others else ""


def _source_id(document_id: str) -> str:
    return f"osint-{document_id}"


def to_dataset(data: dict[str, Any], registry: Registry) -> dict[str, Any]:
    """The accepted candidates as a registry data file (see data/registry/)."""
    accepted = [c for c in data["candidates"] if c["state"] == ACCEPTED]
    used = {s for c in accepted for s in c["sources"]}
    sources = [
        {
            "id": _source_id(doc_id),
            "title": (info.get("title") or Path(info["path"]).name)[:300],
            "published": info.get("published"),
            "language": info.get("language") if len(info.get("language") or "") == 2 else "en",
            "file": info["path"],
            "note": "read by coalition osint; facts accepted in review",
        }
        for doc_id, info in data["documents"].items()
        if doc_id in used
    ]
    pledges: dict[str, dict[str, Any]] = {}
    stances, claims = [], []
    for c in accepted:
        source = _source_id(c["document"])
        if not c.get("date"):
            raise CoalitionError(f"{c['id']}: no date; edit it before accepting")
        if c["fact"] == "position" and c.get("actor") and c["status"] in _POSITION_STATUSES:
            kind = (c.get("kinds") or ["troops"])[0]
            existing = [p for p in registry.pledges_of(c["actor"]) if p.kind.value == kind]
            pledge_id = existing[0].id if existing else f"{c['actor']}-{kind}-osint"
            if not existing and kind == "troops" and not c.get("domains"):
                raise CoalitionError(
                    f"{c['id']}: {c['actor']} has no troops pledge yet; say where its forces "
                    "would serve first (edit domains=land,sea,air)"
                )
            entry = pledges.setdefault(
                pledge_id,
                {
                    "id": pledge_id,
                    "actor": c["actor"],
                    "kind": kind,
                    "domains": [str(d.value) for d in existing[0].domains]
                    if existing
                    else c.get("domains") or [],
                    "description": existing[0].description if existing else f"{kind} (from news)",
                    "events": [],
                },
            )
            event = {
                "date": c["date"],
                "status": c["status"],
                "conditions": c.get("conditions") or [],
                "source": source,
                "quote": c["quote"],
            }
            quantity, note = registry_quantity(c, kind)
            note = "; ".join(filter(None, [note, _carried(c, data["documents"])]))
            event |= ({"quantity": quantity} if quantity else {}) | ({"note": note} if note else {})
            entry["events"].append(event | _speaker(c))
        elif c["fact"] == "stance" and c.get("actor"):
            stance = {
                "actor": c["actor"],
                "date": c["date"],
                "stance": c["status"],
                "subject": "troops in Ukraine (from news)",
                "quote": c["quote"],
                "source": source,
            }
            stances.append(stance | _speaker(c))
        elif c["fact"] == "count" and c.get("count"):
            claim = {
                "date": c["date"],
                "count": c["count"],
                "kind": (c.get("kinds") or ["troops"])[0],
                "domains": c.get("domains") or [],
                "status": c["status"],
                "conditions": c.get("conditions") or [],
                "description": "count reported in the news",
                "quote": c["quote"],
                "source": source,
            }
            claims.append(claim | _speaker(c))
    return {
        "sources": sources,
        "pledges": list(pledges.values()),
        "stances": stances,
        "claims": claims,
    }


def write_dataset(dataset: dict[str, Any], path: Path) -> None:
    path.write_text(
        "# Facts accepted in `coalition osint review`; loaded with `coalition load`.\n"
        + yaml.safe_dump(dataset, sort_keys=False, allow_unicode=True, width=100),
        encoding="utf-8",
    )


@dataclass(frozen=True)
class Accepted:
    """What a review's accepted candidates add to the registry: the records, and each
    accepted candidate that contradicts what the registry holds (id, why), which goes in
    as a new statement, nothing overwritten."""

    dataset: dict[str, Any]
    contradictions: list[tuple[str, str]]

    @property
    def empty(self) -> bool:
        return not (self.dataset["pledges"] or self.dataset["stances"] or self.dataset["claims"])


def accepted(data: dict[str, Any], registry: Registry) -> Accepted:
    """The registry records of a review's accepted candidates (the command line's review
    file, or one candidate of the server's queue), with their contradictions."""
    flagged = [
        (item["id"], flag)
        for item in data["candidates"]
        if item["state"] == ACCEPTED and (flag := contradiction(item, registry))
    ]
    return Accepted(to_dataset(data, registry), flagged)


def annotated(items: list[dict[str, Any]], registry: Registry) -> list[dict[str, Any]]:
    """Queue items as a reviewer reads them (in place): a pending one's contradiction
    with the registry, an English gloss whatever the article's language, and each outlet
    that carries the story with the registry's grade of it (if any)."""
    grades = outlet_grades(registry)
    for item in items:
        item["contradiction"] = contradiction(item, registry) if item["state"] == PENDING else ""
        item["gloss"] = gloss(item)
        item["outlets"] = [
            {"document": ident, "address": path, "grade": grade_of(path or "", grades)}
            for ident, path in item.pop("source_paths", {}).items()
        ]
    return items


def story(item: Mapping[str, Any]) -> str:
    """The statement a candidate reports, whichever outlet carried it: fact, actor,
    status, kind, conditions, count and date (the queue keeps one candidate per story)."""
    kinds = item.get("kinds") or []
    key = [item.get("fact"), item.get("actor"), item.get("status"),
           kinds[0] if kinds else None, sorted(item.get("conditions") or []),
           item.get("count"), str(item.get("date"))]  # fmt: skip
    return hashlib.sha1(json.dumps(key, default=str).encode()).hexdigest()


def add_fact(data: dict[str, Any], item: Mapping[str, Any], where: str) -> None:
    """Add a fact a person found to a review file's candidates, unless the file has it
    already: the same candidate, or a pending one with the same story (the queue's rule),
    which is edited instead (``where`` names the file in the message)."""
    same = next((c for c in data["candidates"] if c["id"] == item["id"]
                 or (c["state"] == PENDING and story(c) == story(item))), None)  # fmt: skip
    if same is not None:
        raise CoalitionError(f"{where} has this fact already ({same['id']}): edit that one")
    data["candidates"].append(item)
