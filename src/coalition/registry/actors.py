"""States by ISO 3166 code (pycountry) and organisations by their own code."""

from __future__ import annotations

from typing import Any

import pycountry

from coalition.datafiles import did_you_mean
from coalition.domain import Actor, ActorKind
from coalition.errors import NotFoundError


def state(code: str) -> Actor | None:
    """The state with ISO 3166-1 alpha-3 ``code``, or None."""
    country = pycountry.countries.get(alpha_3=code.upper()) if len(code) == 3 else None
    if country is None:
        return None
    name = getattr(country, "common_name", None) or country.name
    return Actor(code=country.alpha_3, name=name, kind=ActorKind.STATE)


def suggest_state(text: str) -> str | None:
    """An alpha-3 code for a name or alpha-2 code a person may have typed instead."""
    country: Any
    try:
        country = pycountry.countries.lookup(text)
    except LookupError:
        try:
            matches = pycountry.countries.search_fuzzy(text)
        except LookupError:
            return None
        country = matches[0] if matches else None
    return None if country is None else str(country.alpha_3)


def resolve(text: str, organisations: dict[str, Actor]) -> Actor:
    """Resolve what a user typed (``POL``, ``PL``, ``Poland``, ``NATO``) to an actor."""
    upper = text.strip().upper()
    if upper in organisations:
        return organisations[upper]
    found = state(upper)
    if found is not None:
        return found
    code = suggest_state(text.strip())
    if code is not None:
        found = state(code)
        if found is not None:
            return found
    known = list(organisations)
    hint = did_you_mean(upper, known, quoted=False)
    raise NotFoundError(
        f"unknown state or organisation {text!r}{hint}: use an ISO 3166 code such as POL, "
        f"a country name, or one of {', '.join(sorted(known))}"
    )
