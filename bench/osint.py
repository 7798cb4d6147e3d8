"""OSINT benchmark: articles per second for reading (boilerplate, languages, appended
translations), extraction and near-duplicate detection, on a corpus made from the seed
articles, against reading with a language check per sentence (the obvious
first version) in the same run.

Run from the repository root (README, "Benchmarks"):
    .venv/bin/python bench/osint.py                  # 500 articles
    .venv/bin/python bench/osint.py --articles 100 --json out.json

Target on 2 cores (issue 5): at least 100 articles per second for the default extractor.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from coalition.osint.actors import Gazetteer
from coalition.osint.pipeline import read_all
from coalition.osint.reading import analyse, language_of
from coalition.osint.text import sentences

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


def corpus(n: int, seed: int) -> list[str]:
    """Articles as news sites carry them: one of the seed stories (some with their
    appended translations), with the site's own boilerplate and a paragraph of another
    story, so that many are near-duplicates of each other, as syndicated news is."""
    stories = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    paragraphs = [line.strip() for text in stories for line in text.splitlines() if line.strip()]
    boilerplate = ["Read more: Click here", "Leave a Comment", "Source: Wire", "Related article",
                   "Share this", "© Example News"]  # fmt: skip
    rng = random.Random(seed)
    out = []
    for i in range(n):
        story = stories[i % len(stories)]
        extra = rng.choice(paragraphs)
        out.append("\n\n".join([rng.choice(boilerplate), story, extra, rng.choice(boilerplate)]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    console = Console()
    console.print(
        f"[bold]osint benchmark[/] on {platform.machine()}, Python {platform.python_version()}"
    )
    gazetteer = Gazetteer(
        ROOT / "data" / "registry" / "people.yaml", ROOT / "data" / "osint" / "gazetteer.yaml"
    )
    texts = corpus(args.articles, args.seed)
    analyse(texts[0])  # load the language models before timing
    with tempfile.TemporaryDirectory() as folder:
        for i, text in enumerate(texts):
            (Path(folder) / f"a{i:05d}.txt").write_text(text, encoding="utf-8")
        started = time.perf_counter()
        reading = read_all([Path(folder)], gazetteer, parallel=True)  # as the CLI reads
        project = time.perf_counter() - started
    started = time.perf_counter()
    for text in texts:
        for paragraph in text.split("\n\n"):
            for sentence in sentences(paragraph):
                language_of(sentence.text)
    naive = time.perf_counter() - started
    kb = sum(len(t) for t in texts) / len(texts) / 1000
    figures = {
        "articles": len(texts),
        "mean_kb": kb,
        "project_s": project,
        "project_articles_per_s": len(texts) / project,
        "candidates": len(reading.candidates),
        "duplicate_groups": len(reading.duplicates),
        "per_sentence_language_s": naive,
        "per_sentence_articles_per_s": len(texts) / naive,
    }
    table = Table(title=f"{len(texts)} articles of {kb:.1f} kB on average")
    for column in ("method", "seconds", "articles/s", "note"):
        table.add_column(column)
    table.add_row(
        "project: read, extract, near-duplicates",
        f"{project:.2f}",
        f"{figures['project_articles_per_s']:.0f}",
        f"{len(reading.candidates)} candidates, {len(reading.duplicates)} duplicate groups",
    )
    table.add_row(
        "language per sentence only (no extraction)",
        f"{naive:.2f}",
        f"{figures['per_sentence_articles_per_s']:.0f}",
        "the first version one writes",
    )
    console.print(table)
    verdict = "met" if figures["project_articles_per_s"] >= 100 else "MISSED"
    console.print(f"target at least 100 articles/s -> {verdict}")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
