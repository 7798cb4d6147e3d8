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
from dataclasses import asdict
from pathlib import Path
from typing import Any

import yaml

from coalition.errors import CoalitionError, NotFoundError
from coalition.osint.candidate import Candidate
from coalition.osint.reading import Document
from coalition.registry.queries import Registry

PENDING, ACCEPTED, REJECTED = "pending", "accepted", "rejected"
#: What a reviewer may change before accepting (the evidence itself never changes).
EDITABLE = ("actor", "status", "conditions", "kinds", "domains", "count", "date", "speaker")
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
    items = []
    for c in candidates:
        record = asdict(c)
        record["id"] = candidate_id(c)
        record["state"] = PENDING
        items.append(record)
    return {"documents": docs, "candidates": items}


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


def contradiction(item: dict[str, Any], registry: Registry) -> str:
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


def _speaker(candidate: dict[str, Any]) -> dict[str, Any]:
    return {"speaker": candidate["speaker"]} if candidate.get("speaker") else {}


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
