"""Precision, recall and F1 per field against a gold file.

Gold file (YAML): ``documents``, each with ``file`` (relative to the gold file, or to
``root``), ``published`` and ``facts``; a fact has ``fact`` (position, stance, count,
meeting) and whichever of ``actor``, ``status``, ``conditions``, ``kind``, ``date``,
``count``, ``quote`` apply. A candidate matches a gold fact of the same document and
type with the same actor (or, for counts and meetings, the same number); each field is
then scored over all candidates and all gold facts (slot filling).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from coalition.errors import CoalitionError
from coalition.osint.actors import Gazetteer
from coalition.osint.candidate import Candidate
from coalition.osint.extract import extract
from coalition.osint.reading import read

FIELDS = ("fact", "actor", "status", "conditions", "kind", "date", "count", "quote",
          "position", "quantity", "basing", "place")  # fmt: skip
#: The issue's headline measures: positions (actor and stance together), conditions and
#: quantities.
HEADLINE = ("position", "conditions", "quantity")


@dataclass(frozen=True)
class Score:
    field: str
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _quantity(value: Any) -> tuple[Any, ...] | None:
    """A quantity as compared: value, upper bound, unit and how it was said."""
    if not isinstance(value, dict):
        return None
    return (float(value.get("value", 0)), value.get("max"), str(value.get("unit", "")),
            str(value.get("said", "exact")))  # fmt: skip


def _value(item: Candidate | dict[str, Any], field: str) -> Any:
    if field == "position":  # who and what stance, for positions and stances only
        if _value(item, "fact") not in ("position", "stance"):
            return None
        return (_value(item, "actor"), _value(item, "status"))
    if isinstance(item, dict):
        value = item.get(field)
        if field == "conditions":
            return tuple(sorted(value or []))
        if field == "date" and isinstance(value, str):
            return dt.date.fromisoformat(value)
        if field == "quantity":
            return _quantity(value)
        return value
    if field == "quantity":
        return _quantity(getattr(item, "quantity", None))
    if field == "kind":
        return item.kinds[0] if item.kinds else None
    if field == "conditions":
        return tuple(sorted(item.conditions))
    return getattr(item, field, None)


def _same(field: str, predicted: Any, gold: Any) -> bool:
    if field == "quote":
        a, b = " ".join(str(predicted or "").split()), " ".join(str(gold or "").split())
        return bool(a and b) and (a in b or b in a)
    return bool(predicted == gold)


def _key(item: Candidate | dict[str, Any]) -> tuple[Any, ...]:
    fact = _value(item, "fact")
    if fact in ("count", "meeting"):
        return (fact, _value(item, "count"))
    return (fact, _value(item, "actor"), _value(item, "date"))


def _empty(value: Any) -> bool:
    return value is None or value == ()


Item = Candidate | dict[str, Any]


def _closeness(candidate: Item, gold: dict[str, Any]) -> int | None:
    """How well a candidate fits a gold fact: None if they cannot be the same fact (type
    and actor, or type and number, differ); else more for the same status, kind, date."""
    if _key(candidate)[:2] != _key(gold)[:2]:
        return None
    same = [bool(_value(candidate, f) == _value(gold, f)) for f in ("status", "kind", "date")]
    return 4 * same[0] + 2 * same[1] + same[2]


def _match(
    predicted: Sequence[Item], gold: list[dict[str, Any]]
) -> tuple[list[tuple[Item, dict[str, Any]]], list[Item], list[dict[str, Any]]]:
    """Pairs of (candidate, gold fact), best fits first, so that the order candidates come
    in does not decide which of an actor's facts each is held against; then the
    candidates and the gold facts left without a partner."""
    options = sorted(
        ((fit, i, j) for i, c in enumerate(predicted) for j, g in enumerate(gold)
         if (fit := _closeness(c, g)) is not None),
        key=lambda o: (-o[0], o[1], o[2]),
    )  # fmt: skip
    taken_c: set[int] = set()
    taken_g: set[int] = set()
    pairs: list[tuple[Item, dict[str, Any]]] = []
    for _, i, j in options:
        if i not in taken_c and j not in taken_g:
            taken_c.add(i)
            taken_g.add(j)
            pairs.append((predicted[i], gold[j]))
    unmatched = [c for i, c in enumerate(predicted) if i not in taken_c]
    free = [g for j, g in enumerate(gold) if j not in taken_g]
    return pairs, unmatched, free


def score(pairs: Sequence[tuple[Sequence[Item], list[dict[str, Any]]]]) -> list[Score]:
    """Per field, over documents of (predicted candidates, gold facts): a matched pair
    with equal values is a true positive; a predicted value that is wrong or has no gold
    fact is a false positive; an expected value not predicted is a false negative.
    Fields neither predicted nor expected do not count."""
    totals = {f: [0, 0, 0] for f in FIELDS}
    for predicted, gold in pairs:
        matched, unmatched, free = _match(predicted, gold)
        for field in FIELDS:
            counts = totals[field]
            for candidate, hit in matched:
                got, want = _value(candidate, field), _value(hit, field)
                if _empty(got) and _empty(want):
                    continue
                if _same(field, got, want):
                    counts[0] += 1
                    continue
                counts[1] += not _empty(got)
                counts[2] += not _empty(want)
            counts[1] += sum(not _empty(_value(c, field)) for c in unmatched)
            counts[2] += sum(not _empty(_value(g, field)) for g in free)
    return [Score(f, *totals[f]) for f in FIELDS]


def evaluate(gold_file: Path, gazetteer: Gazetteer, root: Path | None = None) -> list[Score]:
    try:
        data = yaml.safe_load(gold_file.read_text(encoding="utf-8"))
        documents = data["documents"]
    except FileNotFoundError as exc:
        raise CoalitionError(f"{gold_file}: no such file") from exc
    except (yaml.YAMLError, KeyError, TypeError) as exc:
        raise CoalitionError(f"{gold_file}: not a gold file ({exc})") from exc
    base = root or (gold_file.parent / str(data.get("root", ".")))
    pairs = []
    for entry in documents:
        path = base / entry["file"]
        published = entry.get("published")
        document = read(path, published)
        pairs.append((extract(document, gazetteer), list(entry.get("facts") or [])))
    return score(pairs)


@dataclass(frozen=True)
class CorpusScores:
    """Scores of one split of the corpus: over every document, and per language."""

    split: str
    documents: dict[str, int]  # per language
    overall: list[Score]
    by_language: dict[str, list[Score]]


def _gold_documents(folder: Path) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for path in sorted(folder.glob("gold-*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            documents = data["documents"]
        except (yaml.YAMLError, KeyError, TypeError) as exc:
            raise CoalitionError(f"{path}: not a gold file ({exc})") from exc
        base = path.parent / str(data.get("root", "."))
        found += [entry | {"path": base / entry["file"]} for entry in documents]
    if not found:
        raise CoalitionError(f"{folder}: no gold-*.yaml files")
    return found


def evaluate_corpus(folder: Path, gazetteer: Gazetteer, split: str = "test") -> CorpusScores:
    """Read every document of ``split`` in the corpus (its gold-*.yaml files), extract,
    and score: overall and per language."""
    chosen = [d for d in _gold_documents(folder) if d.get("split") == split]
    if not chosen:
        raise CoalitionError(f"{folder}: no document in split {split!r}")
    pairs: dict[str, list[tuple[list[Candidate], list[dict[str, Any]]]]] = {}
    for entry in chosen:
        published = entry.get("published")
        if isinstance(published, str):
            published = dt.date.fromisoformat(published)
        document = read(entry["path"], published)
        pair = (extract(document, gazetteer), list(entry.get("facts") or []))
        pairs.setdefault(str(entry.get("language", "en")), []).append(pair)
    every = [pair for language in pairs.values() for pair in language]
    return CorpusScores(
        split=split,
        documents={language: len(found) for language, found in sorted(pairs.items())},
        overall=score(every),
        by_language={language: score(found) for language, found in sorted(pairs.items())},
    )
