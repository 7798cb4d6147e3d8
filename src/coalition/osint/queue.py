"""The review queue kept in the database, for the server and its dashboard: candidates
from `osint read --queue` or from articles posted to the API wait there; a decision
accepts one into the registry (through the same path as `coalition osint review`) or
rejects it, and records who decided when."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError

from coalition.errors import CoalitionError, NotFoundError
from coalition.osint import decision, review
from coalition.osint.decision import ReviewItem, apply_edits
from coalition.registry import Registry, load_records
from coalition.store import transaction
from coalition.store.tables import OsintCandidateRow, OsintDocumentRow, OsintSourceRow


@dataclass(frozen=True)
class Queued:
    added: int  # new candidates
    merged: int  # candidates that were already queued from another outlet: one more source


def _keep_documents(session: Any, records: dict[str, Any], texts: dict[str, str]) -> None:
    for ident, info in records["documents"].items():
        if session.get(OsintDocumentRow, ident) is None:
            published = info.get("published")
            session.add(OsintDocumentRow(
                id=ident, title=str(info.get("title") or "")[:300], path=str(info.get("path")),
                published=dt.date.fromisoformat(str(published)) if published else None,
                language=str(info.get("language") or "und"), text=texts.get(ident),
            ))  # fmt: skip


def _enqueue_once(engine: Engine, records: dict[str, Any], texts: dict[str, str]) -> Queued:
    added = merged = 0
    with transaction(engine) as session:
        _keep_documents(session, records, texts)
        for item in records["candidates"]:
            if session.get(OsintCandidateRow, item["id"]) is not None:
                continue
            key = review.story(item)
            same = session.scalars(
                select(OsintCandidateRow).where(
                    OsintCandidateRow.story == key, OsintCandidateRow.state == review.PENDING
                )
            ).first()
            if same is not None:  # the same statement from another outlet: one more source
                known = set(same.payload.get("sources") or []) | set(
                    session.scalars(select(OsintSourceRow.document_id).where(
                        OsintSourceRow.candidate_id == same.id))
                )  # fmt: skip
                new = [s for s in item.get("sources") or [item["document"]] if s not in known]
                for source in new:
                    session.add(OsintSourceRow(candidate_id=same.id, document_id=source))
                session.flush()
                merged += bool(new)
                continue
            document = records["documents"][item["document"]]
            session.add(
                OsintCandidateRow(
                    id=item["id"],
                    document=json.loads(json.dumps(document, default=str)),
                    payload=json.loads(json.dumps(item, default=str)),
                    state=review.PENDING,
                    story=key,
                )
            )
            session.flush()  # two candidates of one batch on one story: the second merges
            added += 1
    return Queued(added, merged)


def enqueue(engine: Engine, records: dict[str, Any], texts: dict[str, str] | None = None) -> Queued:
    """Store candidates (as written by ``review.to_records``) and their articles (whole,
    where ``texts`` has them). A candidate already queued is kept as it is; one that
    reports a statement a pending candidate reports (another outlet's copy of the story)
    adds its article to that candidate's sources instead of queueing it twice. Two
    writers at once: the one that loses the race reads the winner's row and merges."""
    for attempt in range(3):
        try:
            return _enqueue_once(engine, records, texts or {})
        except IntegrityError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def document(engine: Engine, ident: str) -> dict[str, Any]:
    """An article read on the server, whole, with the candidates read from it."""
    with transaction(engine) as session:
        row = session.get(OsintDocumentRow, ident)
        if row is None:
            raise NotFoundError(f"no article {ident!r} on the server")
        published = row.published.isoformat() if row.published else None
        found: dict[str, Any] = {"id": row.id, "title": row.title, "path": row.path,
                                 "published": published, "language": row.language,
                                 "text": row.text}  # fmt: skip
    found["candidates"] = candidates(engine, None, document=ident)
    return found


def add_fact(engine: Engine, ident: str, quote: str, fields: dict[str, Any],
             username: str) -> dict[str, Any]:  # fmt: skip
    """A fact the extractor missed, added by a reviewer from a sentence of an article on
    the server: the quote must be the article's own words; it waits for review like any
    other candidate (another reviewer, or the same, accepts it)."""
    info = document(engine, ident)
    text = info.get("text") or ""
    item = review.manual_candidate(ident, info, text, quote, fields, username)
    records = {"documents": {ident: {k: info[k] for k in ("path", "title", "published",
                                                          "language")}},
               "candidates": [item]}  # fmt: skip
    with transaction(engine) as session:
        same = session.scalars(
            select(OsintCandidateRow).where(
                OsintCandidateRow.story == review.story(item),
                OsintCandidateRow.state == review.PENDING,
            )
        ).first()
        if same is not None:
            raise CoalitionError(f"the queue has this fact already ({same.id}): edit that one")
    queued = enqueue(engine, records)
    if not queued.added:
        raise CoalitionError(f"the queue has this fact already ({item['id']})")
    return item


def candidates(
    engine: Engine, state: str | None = review.PENDING, document: str | None = None
) -> list[dict[str, Any]]:
    """The queue (``state``: pending, accepted, rejected, or every state for None), each
    candidate with every outlet that carries its story; ``document``: only those that
    article reports."""
    with transaction(engine) as session:
        query = select(OsintCandidateRow).order_by(
            OsintCandidateRow.created_at, OsintCandidateRow.id
        )
        if state:
            query = query.where(OsintCandidateRow.state == state)
        rows = list(session.scalars(query))
        carried = _stories(session, rows)
        found = []
        for row in rows:
            sources = carried[row.id]
            if document is not None and document not in sources:
                continue
            found.append(row.payload | {"state": row.state, "document_info": row.document,
                                        "decided_by": row.decided_by,
                                        "sources": sources})  # fmt: skip
        wanted = {s for item in found for s in item["sources"]}
        rows_of_paths = session.execute(
            select(OsintDocumentRow.id, OsintDocumentRow.path).where(
                OsintDocumentRow.id.in_(wanted)
            )
        )
        paths: dict[str, str] = {ident: path for ident, path in rows_of_paths}
        for item in found:
            item["source_paths"] = {s: paths.get(s) for s in item["sources"]}
        return found


def _stories(session: Any, rows: list[OsintCandidateRow]) -> dict[str, list[str]]:
    """Every article that carries each candidate's story, by candidate: the ones it was
    read from, then the copies other outlets added, in the order they came."""
    copies: dict[str, list[str]] = {}
    for source in session.scalars(
        select(OsintSourceRow)
        .where(OsintSourceRow.candidate_id.in_([r.id for r in rows]))
        .order_by(OsintSourceRow.created_at, OsintSourceRow.document_id)
    ):
        copies.setdefault(source.candidate_id, []).append(source.document_id)
    carried = {}
    for row in rows:
        sources = list(row.payload.get("sources") or [])
        carried[row.id] = sources + [s for s in copies.get(row.id, []) if s not in sources]
    return carried


def _other_outlets(session: Any, row: OsintCandidateRow) -> list[str]:
    """The titles of the other articles that carried a candidate's story (its first
    article is the one the registry cites)."""
    others = [s for s in _stories(session, [row])[row.id] if s != row.payload.get("document")]
    if not others:
        return []
    titles = {d.id: d.title or d.path for d in session.scalars(
        select(OsintDocumentRow).where(OsintDocumentRow.id.in_(others)))}  # fmt: skip
    return [titles.get(s, s)[:120] for s in others]


def decide(
    engine: Engine,
    registry: Registry,
    ident: str,
    accept: bool,
    edits: dict[str, Any],
    username: str,
) -> dict[str, Any]:
    """Accept (into the registry) or reject one pending candidate, with the reviewer's
    edits (the same pair as the command line's review: ``decision``)."""
    with transaction(engine) as session:
        row = session.get(OsintCandidateRow, ident)
        if row is None:
            raise NotFoundError(f"no candidate {ident!r}")
        if row.state != review.PENDING:
            raise CoalitionError(f"candidate {ident} was {row.state} already")
        item = cast(ReviewItem, dict(row.payload))
        apply_edits(item, edits)
        document = dict(row.document)
        item["also_carried_by"] = _other_outlets(session, row)
    decision.decide(item, accept)
    flag, loaded = "", 0
    if accept:
        result = review.accepted(
            {"documents": {item["document"]: document}, "candidates": [item]}, registry
        )
        flag = result.contradictions[0][1] if result.contradictions else ""
        if not result.empty:
            loaded = sum(load_records(engine, result.dataset, "accepted.yaml").inserted.values())
    with transaction(engine) as session:
        row = session.get(OsintCandidateRow, ident)
        assert row is not None
        row.payload = json.loads(json.dumps(item, default=str))
        row.state = item["state"]
        row.decided_by = username
        row.decided_at = dt.datetime.now(dt.UTC)
    return {"id": ident, "state": row.state, "contradiction": flag, "records_added": loaded}
