"""The unit and item types a quantity may name (``units.yaml`` beside this module): the
domain a formed unit serves in and the force-sourcing capability it provides, or the
capability area an item belongs to. A type the vocabulary does not know is an error with
the nearest known one, so "minehunters" and "mine_hunter" do not become two things."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict

from coalition.datafiles import did_you_mean
from coalition.domain import Domain
from coalition.domain.quantities import CapabilityArea

UNITS = Path(__file__).with_name("units.yaml")


class UnitType(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    type: str
    label: str
    domain: Domain | None = None
    capability: str | None = None
    area: CapabilityArea | None = None


@cache
def unit_types() -> dict[str, UnitType]:
    data = yaml.safe_load(UNITS.read_text(encoding="utf-8"))["units"]
    return {u["type"]: UnitType.model_validate(u) for u in data}


def unknown_unit(name: str) -> str:
    """The message for a type the vocabulary does not know."""
    hint = did_you_mean(name, unit_types(), cutoff=0.5)
    return f"unknown unit type {name!r}{hint}; known: {', '.join(sorted(unit_types()))}"
