"""Read a set of articles and extract their candidate facts: dates from the article,
its HTML metadata or the dates file; near-duplicate articles found by MinHash (so the
same wire story on five sites gives one statement with five sources)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml
from datasketch import MinHash, MinHashLSH

from coalition.errors import CoalitionError
from coalition.osint.actors import Gazetteer
from coalition.osint.candidate import Candidate, merge
from coalition.osint.extract import extract
from coalition.osint.reading import Document, files, read

DUPLICATE_THRESHOLD = 0.7  # estimated Jaccard similarity of word 5-shingles
_PERMUTATIONS = 64


@dataclass(frozen=True)
class Reading:
    documents: list[Document]
    duplicates: list[list[str]]  # groups of near-duplicate document ids
    candidates: list[Candidate]


def load_dates(path: Path | None) -> dict[str, dt.date]:
    if path is None or not path.exists():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        return {str(name): entry["date"] for name, entry in (data.get("dates") or {}).items()}
    except (yaml.YAMLError, KeyError, TypeError, AttributeError) as exc:
        raise CoalitionError(f"{path}: not a dates file ({exc})") from exc


def _minhash(document: Document) -> MinHash:
    words = re.findall(r"\w+", " ".join(p.text for p in document.body()).lower())
    shingles = {" ".join(words[i : i + 5]) for i in range(max(1, len(words) - 4))}
    signature = MinHash(num_perm=_PERMUTATIONS, seed=1)
    signature.update_batch([shingle.encode("utf-8") for shingle in shingles])
    return signature


def near_duplicates(documents: list[Document]) -> list[list[str]]:
    """Groups (of two or more) of articles that are nearly the same text."""
    lsh = MinHashLSH(threshold=DUPLICATE_THRESHOLD, num_perm=_PERMUTATIONS)
    signatures = {}
    for document in documents:
        if document.id in signatures:
            continue
        signatures[document.id] = _minhash(document)
        lsh.insert(document.id, signatures[document.id])
    groups: dict[str, set[str]] = {}
    for key, signature in signatures.items():
        found = set(lsh.query(signature)) | {key}
        merged = set().union(*(groups.get(k, {k}) for k in found))
        for k in merged:
            groups[k] = merged
    unique = {frozenset(g) for g in groups.values() if len(g) > 1}
    return sorted(sorted(g) for g in unique)


def read_all(
    paths: list[Path],
    gazetteer: Gazetteer,
    dates: dict[str, dt.date] | None = None,
    date: dt.date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Reading:
    chosen = files(paths)
    documents = []
    for i, path in enumerate(chosen, 1):
        documents.append(read(path, date or (dates or {}).get(path.name)))
        if progress:
            progress(i, len(chosen))
    candidates: list[Candidate] = []
    for document in documents:
        candidates += extract(document, gazetteer)
    groups = near_duplicates(documents)
    return Reading(documents, groups, merge(candidates))
