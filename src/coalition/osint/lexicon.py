"""What each language's news says, as data (``data/osint/languages/<lang>.yaml``): names
of actors with their inflected forms, stance cues, conditions, kinds, basing, contrast
and numbers. The clause reader (``clauses``) is the same for every language; only this
changes. A file is checked when loaded: every pattern compiles, every code and value is
in the vocabulary."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from coalition.domain.enums import ContributionKind
from coalition.errors import CoalitionError

STATUSES = ("considering", "ruled_out", "opposes", "declared", "government_approved",
            "parliament_approved", "deployed", "withdrawn", "refused", "supports", "announced",
            "conditional")  # fmt: skip
CONDITIONS = ("ceasefire", "peace_agreement", "us_backstop", "parliamentary_approval",
              "un_mandate", "away_from_front_line")  # fmt: skip
BASING = ("in_ukraine", "outside_ukraine", "at_sea", "in_the_air", "away_from_front_line")


def _compile(patterns: list[str], where: str) -> re.Pattern[str]:
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    except re.error as exc:
        raise CoalitionError(f"{where}: a pattern does not compile ({exc})") from exc


@dataclass(frozen=True)
class Numbers:
    words: dict[str, int]
    thousand: re.Pattern[str]
    million: re.Pattern[str]
    billion: re.Pattern[str]
    decimal_comma: bool
    up_to: re.Pattern[str]
    about: re.Pattern[str]
    at_least: re.Pattern[str]


@dataclass(frozen=True)
class Lexicon:
    language: str
    actors: dict[str, re.Pattern[str]]
    stances: tuple[tuple[str, re.Pattern[str]], ...]
    conditions: dict[str, re.Pattern[str]]
    kinds: dict[str, re.Pattern[str]]
    basing: dict[str, re.Pattern[str]]
    contrast: re.Pattern[str] | None
    saying: re.Pattern[str] | None
    numbers: Numbers
    units: dict[str, re.Pattern[str]]
    meeting_held: re.Pattern[str] | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _patterns(value: Any, where: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    raise CoalitionError(f"{where}: expected a list of patterns")


def _table(data: dict[str, Any], key: str, allowed: tuple[str, ...] | None, path: Path
           ) -> dict[str, re.Pattern[str]]:  # fmt: skip
    table = data.get(key) or {}
    if not isinstance(table, dict):
        raise CoalitionError(f"{path}: {key}: expected a mapping")
    unknown = [k for k in table if allowed is not None and k not in allowed]
    if unknown:
        raise CoalitionError(f"{path}: {key}: unknown {', '.join(map(str, unknown))}")
    return {str(k): _compile(_patterns(v, f"{path}: {key}.{k}"), f"{path}: {key}.{k}")
            for k, v in table.items() if v}  # fmt: skip


def _optional(data: dict[str, Any], key: str, path: Path) -> re.Pattern[str] | None:
    value = data.get(key)
    return _compile(_patterns(value, f"{path}: {key}"), f"{path}: {key}") if value else None


def _actors(table: dict[str, Any], path: Path) -> dict[str, re.Pattern[str]]:
    """Each actor's names as one pattern that starts at a word's start; an abbreviation in
    capitals ("US", "UK", "EU") matches in capitals only (not the pronoun "us")."""
    found = {}
    for code, names in table.items():
        parts = []
        for name in _patterns(names, f"{path}: actors.{code}"):
            exact = re.fullmatch(r"[A-Z][A-Z.]{1,4}", name) is not None
            parts.append(f"(?:{name})" if exact else f"(?i:{name})")
        try:
            found[str(code)] = re.compile(r"(?<![\w-])(?:" + "|".join(parts) + ")")
        except re.error as exc:
            raise CoalitionError(
                f"{path}: actors.{code}: a pattern does not compile ({exc})"
            ) from exc
    return found


def load_lexicon(path: Path) -> Lexicon:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise CoalitionError(f"{path}: cannot read ({exc})") from exc
    if not isinstance(data, dict) or "language" not in data:
        raise CoalitionError(f"{path}: not a language file")
    stances = []
    for i, entry in enumerate(data.get("stances") or []):
        status = entry.get("status")
        if status not in STATUSES:
            raise CoalitionError(f"{path}: stances[{i}]: unknown status {status!r}")
        if entry.get("patterns"):
            where = f"{path}: stances[{i}]"
            stances.append((str(status), _compile(_patterns(entry["patterns"], where), where)))
    raw = data.get("numbers") or {}
    never = re.compile(r"(?!x)x")
    numbers = Numbers(
        words={str(k).casefold(): int(v) for k, v in (raw.get("words") or {}).items()},
        thousand=_optional(raw, "thousand", path) or never,
        million=_optional(raw, "million", path) or never,
        billion=_optional(raw, "billion", path) or never,
        decimal_comma=bool(raw.get("decimal_comma", False)),
        up_to=_optional(raw, "up_to", path) or never,
        about=_optional(raw, "about", path) or never,
        at_least=_optional(raw, "at_least", path) or never,
    )
    return Lexicon(
        language=str(data["language"]),
        actors=_actors(data.get("actors") or {}, path),
        stances=tuple(stances),
        conditions=_table(data, "conditions", CONDITIONS, path),
        kinds=_table(data, "kinds", tuple(k.value for k in ContributionKind), path),
        basing=_table(data, "basing", BASING, path),
        contrast=_optional(data, "contrast", path),
        saying=_optional(data, "saying", path),
        numbers=numbers,
        units=_table(data, "units", None, path),
        meeting_held=_optional(data, "meeting_held", path),
    )


@lru_cache(maxsize=4)
def lexicons(folder: Path) -> dict[str, Lexicon]:
    """Every language file in ``folder``, by language code."""
    found = {}
    for path in sorted(folder.glob("*.yaml")):
        lexicon = load_lexicon(path)
        found[lexicon.language] = lexicon
    return found
