"""What the OSINT tests share: the bundled gazetteer, and an article read through the
whole extractor."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from coalition.osint.actors import Gazetteer
from coalition.osint.candidate import Candidate
from coalition.osint.extract import extract
from coalition.osint.reading import analyse

REPO = Path(__file__).resolve().parents[2]
GAZETTEER = Gazetteer(
    REPO / "data" / "registry" / "people.yaml", REPO / "data" / "osint" / "gazetteer.yaml"
)


def read_article(text: str, published: dt.date = dt.date(2026, 3, 3)) -> list[Candidate]:
    """The candidates the extractor finds in ``text``, published on ``published``."""
    return extract(analyse(text, published=published), GAZETTEER)


def positions(candidates: list[Candidate]) -> dict[tuple[str | None, str | None], Candidate]:
    """Each position and stance by (actor, status)."""
    return {(c.actor, c.status): c for c in candidates if c.fact in ("position", "stance")}
