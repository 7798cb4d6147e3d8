"""What a reviewer may change in a candidate before accepting it, checked the same way
whether it comes from the command line ("quantity=up to 300 personnel") or from the API
and the dashboard (JSON): every field of a fact, the evidence excepted, which never
changes. A bad value is refused with the reason; nothing is half-applied."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from coalition.domain.enums import ContributionKind
from coalition.errors import CoalitionError
from coalition.osint.lexicon import BASING, CONDITIONS, STATUSES

#: Fields a reviewer may change (the quote and its offsets are the evidence: never).
EDITABLE = ("actor", "status", "conditions", "kinds", "domains", "count", "date", "speaker",
            "quantity", "basing")  # fmt: skip
#: Units a quantity may be in: people, money (ISO 4217) and the equipment news names.
UNITS = ("personnel", "minehunters", "fighter_jets", "tanks", "air_defence_systems", "ships",
         "helicopters", "surveillance_aircraft", "drones")  # fmt: skip
SAID = ("exact", "up_to", "about", "at_least", "range")
_DOMAINS = ("land", "sea", "air")
_ACTOR = re.compile(r"^[A-Z][A-Z0-9]{1,5}$")
_MAX = 10**13  # more than any budget or army: a typing slip beyond it


def _list(value: Any, allowed: tuple[str, ...], field: str) -> list[str]:
    items = [v.strip() for v in value.split(",")] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(v, str) for v in items):
        raise CoalitionError(f"{field}: expected a list of {', '.join(allowed)}")
    items = [v for v in items if v]
    unknown = [v for v in items if v not in allowed]
    if unknown:
        raise CoalitionError(f"{field}: unknown {', '.join(unknown)} "
                             f"(one of {', '.join(allowed)})")  # fmt: skip
    return items


def _choice(value: Any, allowed: tuple[str, ...], field: str) -> str | None:
    if value in (None, "", "none"):
        return None
    if value not in allowed:
        raise CoalitionError(f"{field}: {value!r} is not one of {', '.join(allowed)}")
    return str(value)


def _number(value: Any, field: str) -> float:
    try:
        number = float(str(value).replace(",", "").replace("_", ""))
    except ValueError as exc:
        raise CoalitionError(f"{field}: {value!r} is not a number") from exc
    if not 0 < number <= _MAX:
        raise CoalitionError(f"{field}: {value} is out of range (above 0, at most {_MAX:,})")
    return number


def _unit(value: Any) -> str:
    unit = str(value or "").strip()
    if unit in UNITS or re.fullmatch(r"[A-Z]{3}", unit):
        return unit
    raise CoalitionError(f"quantity: unit {unit!r} is not one of {', '.join(UNITS)} or a "
                         "currency (EUR, USD, GBP...)")  # fmt: skip


_SPOKEN = re.compile(
    r"^\s*(?:(?P<said>up\s+to|about|at\s+least)\s+)?(?P<value>[\d.,_]+)"
    r"(?:\s*(?:-|to)\s*(?P<max>[\d.,_]+))?\s*(?P<scale>thousand|million|billion)?\s+"
    r"(?P<unit>\S+)\s*$",
    re.IGNORECASE,
)
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9}


def quantity_from_words(text: str) -> dict[str, Any] | None:
    """ "up to 300 personnel", "400-600 personnel", "500 million EUR", "about 2 ships"."""
    if text.strip().lower() in ("", "none"):
        return None
    match = _SPOKEN.match(text)
    if match is None:
        raise CoalitionError(f"quantity: {text!r}: say it as 'up to 300 personnel', "
                             "'400-600 personnel' or '500 million EUR'")  # fmt: skip
    scale = _SCALE.get((match.group("scale") or "").lower(), 1.0)
    found: dict[str, Any] = {"value": _number(match.group("value"), "quantity") * scale,
                             "unit": match.group("unit")}  # fmt: skip
    if match.group("max"):
        found |= {"said": "range", "max": _number(match.group("max"), "quantity") * scale}
    else:
        found["said"] = re.sub(r"\s+", "_", (match.group("said") or "exact").lower())
    return check_quantity(found)


def check_quantity(value: Any) -> dict[str, Any] | None:
    """A quantity as candidates carry it: {value, unit, said[, max]}."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise CoalitionError("quantity: expected {value, unit, said[, max]}")
    unknown = set(value) - {"value", "unit", "said", "max"}
    if unknown:
        raise CoalitionError(f"quantity: unknown {', '.join(sorted(unknown))}")
    said = _choice(value.get("said", "exact"), SAID, "quantity.said") or "exact"
    found: dict[str, Any] = {"value": _number(value.get("value"), "quantity.value"),
                             "unit": _unit(value.get("unit")), "said": said}  # fmt: skip
    if said == "range":
        top = _number(value.get("max"), "quantity.max")
        if top < found["value"]:
            raise CoalitionError(f"quantity: a range runs up, not {found['value']:g} to {top:g}")
        found["max"] = top
    elif value.get("max") is not None:
        raise CoalitionError("quantity: max belongs to a range (said: range)")
    return found


def check(edits: dict[str, Any]) -> dict[str, Any]:
    """The edits, each checked and in the form candidates keep; all or none."""
    unknown = sorted(set(edits) - set(EDITABLE))
    if unknown:
        raise CoalitionError(f"edits: cannot change {', '.join(unknown)} "
                             f"(editable: {', '.join(EDITABLE)})")  # fmt: skip
    kinds = tuple(k.value for k in ContributionKind)
    out: dict[str, Any] = {}
    for field, value in edits.items():
        if field == "actor":
            if not isinstance(value, str) or not _ACTOR.match(value):
                raise CoalitionError(f"actor: {value!r} is not an actor code (GBR, FRA, EU)")
            out[field] = value
        elif field == "status":
            out[field] = _choice(value, STATUSES, field)
        elif field == "conditions":
            out[field] = _list(value, CONDITIONS, field)
        elif field == "kinds":
            out[field] = _list(value, kinds, field)
        elif field == "domains":
            out[field] = _list(value, _DOMAINS, field)
        elif field == "basing":
            out[field] = _choice(value, BASING, field)
        elif field == "quantity":
            out[field] = (quantity_from_words(value) if isinstance(value, str)
                          else check_quantity(value))  # fmt: skip
        elif field == "count":
            out[field] = int(_number(value, field))
        elif field == "date":
            out[field] = _date(value)
        else:  # speaker
            out[field] = str(value).strip()[:200] or None
    return out


def _date(value: Any) -> str:
    try:
        day = dt.date.fromisoformat(str(value).strip())
    except ValueError as exc:
        raise CoalitionError(f"date: {value!r} is not a date (YYYY-MM-DD)") from exc
    if day > dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1):
        raise CoalitionError(f"date: {day} is in the future")
    return day.isoformat()


def from_words(change: str) -> dict[str, Any]:
    """One command-line edit, "field=value", checked."""
    field, sep, value = change.partition("=")
    if not sep:
        raise CoalitionError(f"{change!r}: write field=value (e.g. status=conditional)")
    return check({field.strip(): value.strip()})
