"""Open-source tracking on the server: post an article, and review the candidate facts
read from it (accept into the registry, possibly edited, or reject)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Request
from pydantic import Field

from coalition.accounts.users import Role, User
from coalition.api.bodies import RequestBody
from coalition.api.deps import (
    ANYONE,
    auditing,
    engine,
    registry,
    registry_changed,
    require,
    settings,
)
from coalition.osint import Gazetteer, analyse, extract, queue, review
from coalition.registry import Registry

router = APIRouter(prefix="/api/osint", tags=["osint"])
ORDER = 50  # where its routes stand in the app (see ``api.registration``)
Reviewer = Annotated[User, Depends(require(Role.SECRETARIAT))]


class Article(RequestBody):
    text: str = Field(min_length=20, max_length=1_000_000)
    title: str = Field(default="", max_length=300)
    published: dt.date | None = None
    url: str | None = Field(default=None, max_length=2000)


class Decision(RequestBody):
    decision: Literal["accept", "reject"]
    edits: dict[str, Any] = Field(
        default_factory=dict, description="field: new value, before accepting"
    )


def _gazetteer(request: Request) -> Gazetteer:
    cached: Gazetteer | None = getattr(request.app.state, "gazetteer", None)
    if cached is None:
        cached = Gazetteer.of(settings(request).data_dir)
        request.app.state.gazetteer = cached
    return cached


@router.post("/articles", status_code=201)
def read_article(article: Article, request: Request, user: Reviewer) -> dict[str, Any]:
    """Read one article (plain text); its candidate facts join the review queue."""
    document = analyse(article.text, article.url or "api", article.title, article.published)
    records = review.to_records(extract(document, _gazetteer(request)), [document])
    detail = {"candidates": len(records["candidates"]), "title": document.title}
    with auditing(request, user, "read article", document.id, detail):
        queued = queue.enqueue(engine(request), records, {document.id: document.text})
    return {"document": document.id, "language": document.language, "added": queued.added,
            "merged": queued.merged,
            "candidates": [c["id"] for c in records["candidates"]]}  # fmt: skip


class Fact(RequestBody):
    """A fact the extractor missed: the sentence (the article's own words) and what it
    says; the values are checked as a reviewer's edits are."""

    quote: str = Field(min_length=10, max_length=5000)
    fact: Literal["position", "stance", "count"] = "position"
    actor: str | None = Field(default=None, max_length=8)
    status: str | None = Field(default=None, max_length=32)
    conditions: list[str] = Field(default_factory=list, max_length=10)
    kinds: list[str] = Field(default_factory=list, max_length=10)
    domains: list[str] = Field(default_factory=list, max_length=3)
    quantity: dict[str, Any] | None = None
    basing: str | None = Field(default=None, max_length=32)
    count: int | None = Field(default=None, ge=0, le=1000)
    date: dt.date | None = None


@router.get("/documents/{ident}")
def get_document(
    ident: str, request: Request, _: Annotated[User, Depends(ANYONE)]
) -> dict[str, Any]:
    """An article read on the server, whole, with the candidates read from it."""
    return queue.document(engine(request), ident)


@router.post("/documents/{ident}/facts", status_code=201)
def add_fact(ident: str, fact: Fact, request: Request, user: Reviewer) -> dict[str, Any]:
    """Add a fact the extractor missed, from a sentence of the article; it waits for
    review like the others."""
    fields = {k: v for k, v in fact.model_dump(mode="json", exclude={"quote"}).items()
              if v not in (None, [])}  # fmt: skip
    with auditing(request, user, "add fact", ident, fields | {"quote": fact.quote[:200]}):
        item = queue.add_fact(engine(request), ident, fact.quote, fields, user.username)
    return item


@router.get("/candidates")
def list_candidates(
    request: Request,
    _: Annotated[User, Depends(ANYONE)],
    reg: Annotated[Registry, Depends(registry)],
    state: Literal["pending", "accepted", "rejected", "all"] = "pending",
) -> list[dict[str, Any]]:
    """The queue, each candidate with its evidence and where it contradicts the registry."""
    items = queue.candidates(engine(request), None if state == "all" else state)
    return review.annotated(items, reg)


@router.post("/candidates/{ident}/decision")
def decide(
    ident: str,
    decision: Decision,
    request: Request,
    user: Reviewer,
    reg: Annotated[Registry, Depends(registry)],
) -> dict[str, Any]:
    """Accept (into the registry, through its loader) or reject a pending candidate."""
    detail = decision.model_dump(mode="json")
    with auditing(request, user, f"{decision.decision} candidate", ident, detail):
        result = queue.decide(
            engine(request), reg, ident, decision.decision == "accept", decision.edits,
            user.username,
        )  # fmt: skip
    registry_changed(request)
    return result
