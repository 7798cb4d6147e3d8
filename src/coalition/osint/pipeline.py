"""Read a set of articles and extract their candidate facts: dates from the article,
its HTML metadata or the dates file; near-duplicate articles found by MinHash (so the
same wire story on five sites gives one statement with five sources)."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import re
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import yaml
from datasketch import MinHash, MinHashLSH

from coalition.errors import CoalitionError
from coalition.osint.actors import Gazetteer
from coalition.osint.candidate import Candidate, merge
from coalition.osint.extract import extract
from coalition.osint.reading import Document, files, read

#: From this many articles, extraction runs on every core (forked workers that inherit
#: the gazetteer; fewer articles are not worth the start-up).
PARALLEL_FROM = 100
_CHUNK = 25
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


def near_duplicates(
    documents: list[Document], known: dict[str, MinHash] | None = None
) -> list[list[str]]:
    """Groups (of two or more) of articles that are nearly the same text (``known``:
    signatures already computed, by document id)."""
    lsh = MinHashLSH(threshold=DUPLICATE_THRESHOLD, num_perm=_PERMUTATIONS)
    signatures: dict[str, MinHash] = {}
    for document in documents:
        if document.id in signatures:
            continue
        signatures[document.id] = (known or {}).get(document.id) or _minhash(document)
        lsh.insert(document.id, signatures[document.id])
    groups: dict[str, set[str]] = {}
    for key, signature in signatures.items():
        found = set(lsh.query(signature)) | {key}
        merged = set().union(*(groups.get(k, {k}) for k in found))
        for k in merged:
            groups[k] = merged
    unique = {frozenset(g) for g in groups.values() if len(g) > 1}
    return sorted(sorted(g) for g in unique)


_WORKER: dict[str, Gazetteer] = {}


def _adopt(gazetteer: Gazetteer) -> None:
    _WORKER["gazetteer"] = gazetteer


def _read_chunk(
    documents: tuple[Document, ...],
) -> tuple[list[Candidate], dict[str, MinHash]]:
    """A worker's share of a batch: the candidates and each article's signature (the
    rules are pure Python: threads would share one core)."""
    found = [c for d in documents for c in extract(d, _WORKER["gazetteer"])]
    return found, {d.id: _minhash(d) for d in documents}


def _cores() -> int:
    """Cores to extract on: every core this process may use, where workers can be
    forked (they inherit the gazetteer instead of loading it again)."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1


def _pool(gazetteer: Gazetteer, cores: int) -> ProcessPoolExecutor:
    context = multiprocessing.get_context("fork")
    return ProcessPoolExecutor(cores, mp_context=context, initializer=_adopt,
                               initargs=(gazetteer,))  # fmt: skip


def read_all(
    paths: list[Path],
    gazetteer: Gazetteer,
    dates: dict[str, dt.date] | None = None,
    date: dt.date | None = None,
    progress: Callable[[int, int], None] | None = None,
    parallel: bool = False,
) -> Reading:
    """Every article under ``paths``, its candidates and the near-duplicate groups;
    ``parallel``: extract on every core while the next articles are read (a command
    line's batch; not inside a server, whose threads a fork would not carry)."""
    chosen = files(paths)
    documents: list[Document] = []
    cores = _cores() if parallel and len(chosen) >= PARALLEL_FROM else 1
    pool = _pool(gazetteer, cores) if cores > 1 else None
    futures: list[Future[tuple[list[Candidate], dict[str, MinHash]]]] = []
    try:
        for i, path in enumerate(chosen, 1):
            documents.append(read(path, date or (dates or {}).get(path.name)))
            if pool is not None and (i % _CHUNK == 0 or i == len(chosen)):
                start = (i - 1) // _CHUNK * _CHUNK
                futures.append(pool.submit(_read_chunk, tuple(documents[start:i])))
            if progress:
                progress(i, len(chosen))
        done = [f.result() for f in futures]
        candidates = ([c for found, _ in done for c in found] if pool is not None
                      else [c for d in documents for c in extract(d, gazetteer)])  # fmt: skip
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    groups = near_duplicates(documents, {k: v for _, signed in done for k, v in signed.items()})
    return Reading(documents, groups, merge(candidates))
