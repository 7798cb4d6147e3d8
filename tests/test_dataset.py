"""The bundled dataset: every quote from a seed is verbatim in it, every source is used."""

from __future__ import annotations

import re

import pytest

from coalition.registry.loader import parse
from tests.conftest import DATA, REPO, SEEDS


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _quotes() -> list[tuple[str, str]]:
    parsed, issues = parse([DATA])
    assert issues == []
    quotes: list[tuple[str, str]] = []
    for item in parsed:
        data = item.model
        quotes += [(e.source, e.quote) for p in data.pledges for e in p.events]
        quotes += [(s.source, s.quote) for s in data.stances]
        quotes += [(c.source, c.quote) for c in data.claims]
        quotes += [(s.source, s.quote) for s in data.sizes]
        quotes += [(m.sources[0], m.priorities_quote) for m in data.meetings if m.priorities_quote]
    return quotes


def _sources() -> dict[str, str | None]:
    parsed, _ = parse([DATA])
    return {s.id: s.file for item in parsed for s in item.model.sources}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared/seeds not beside the repository")
def test_every_quote_from_a_seed_is_verbatim_in_it() -> None:
    files = _sources()
    checked = 0
    for source, quote in _quotes():
        file = files[source]
        if file and file.startswith("shared/"):
            text = _normal((REPO.parent / file).read_text(encoding="utf-8"))
            assert _normal(quote) in text, f"{source}: {quote!r}"
            checked += 1
    assert checked >= 20


def test_every_source_is_cited() -> None:
    parsed, _ = parse([DATA])
    cited = {source for source, _ in _quotes()}
    for item in parsed:
        cited |= {r.source for p in item.model.people for r in p.roles}
        cited |= {s for m in item.model.meetings for s in m.sources}
    assert set(_sources()) - cited == set()


def test_seed_facts_named_by_the_issue_are_present() -> None:
    quotes = " ".join(q for _, q in _quotes())
    for fragment in (
        "prepared to consider committing British forces",
        "premature",
        "not ready to deploy",
        "do not exclude",
        "We have 26 countries",
        "France and Lithuania",
        "rowed back",
        "five critical priorities",
    ):
        assert fragment in quotes, fragment
