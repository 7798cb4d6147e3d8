"""Open-source tracking: read news articles (text or HTML), strip boilerplate, detect each
passage's language and appended translations, find near-duplicate articles, and extract
the positions and pledges they report, each with its evidence, for a person to review."""

from __future__ import annotations

from coalition.osint.actors import Gazetteer
from coalition.osint.decision import ReviewItem, apply_edits, decide
from coalition.osint.evaluate import HEADLINE, Score, evaluate, evaluate_corpus
from coalition.osint.extract import extract
from coalition.osint.pipeline import load_dates, read_all
from coalition.osint.reading import analyse, read

__all__ = [
    "HEADLINE",
    "Gazetteer",
    "ReviewItem",
    "Score",
    "analyse",
    "apply_edits",
    "decide",
    "evaluate",
    "evaluate_corpus",
    "extract",
    "load_dates",
    "read",
    "read_all",
]
