"""Does a quote name a state? The loader's check that a statement speaks for the state
whose pledge it is filed under: a sentence that names only someone else's commitment is
evidence about them, not about this state."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pycountry
import yaml

NAMES = Path(__file__).with_name("names.yaml")


@cache
def _listed() -> dict[str, tuple[str, ...]]:
    data = yaml.safe_load(NAMES.read_text(encoding="utf-8"))["names"]
    return {code: tuple(names) for code, names in data.items()}


@cache
def _pattern(code: str) -> re.Pattern[str]:
    names = set(_listed().get(code, ()))
    country = pycountry.countries.get(alpha_3=code) if len(code) == 3 else None
    if country is not None:
        for attribute in ("name", "common_name", "official_name"):
            if value := getattr(country, attribute, None):
                names.add(value)
    else:
        names.add(code)  # organisations are named by their code
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{alternatives})(?![\w])")


def names_state(quote: str, code: str) -> bool:
    """Whether ``quote`` names ``code`` by name, adjective or people word ("Swedes")."""
    return _pattern(code).search(quote) is not None
