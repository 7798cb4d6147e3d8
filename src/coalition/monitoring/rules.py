"""Monitoring rules as data (``data/monitoring/rules.yaml``): zones by distance from the
line, weapon withdrawal rules (the Minsk II table ships as one rule set), which report
types may describe one event, reporter reliability and alert thresholds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from coalition.domain.monitoring import ReporterKind, ReportType, Side
from coalition.errors import CoalitionError


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Zone(_Strict):
    name: str
    each_side_km: float = Field(gt=0)


class RuleSource(_Strict):
    title: str
    date: dt.date
    quote: str


class WithdrawalRule(_Strict):
    """A weapon class must stay ``each_side_km`` or more from the line; an agreement that
    gives the zone's total width withdraws each side by half of it."""

    weapon_class: str
    label: str = ""  # the words a report uses ("artillery of 100 mm and more")
    zone_width_km: float | None = Field(default=None, gt=0)
    each_side_km: float | None = Field(default=None, gt=0)

    @model_validator(mode="after")
    def _one_distance(self) -> WithdrawalRule:
        if (self.zone_width_km is None) == (self.each_side_km is None):
            raise ValueError("give exactly one of zone_width_km and each_side_km")
        return self

    @property
    def distance_m(self) -> float:
        km = self.each_side_km if self.each_side_km is not None else self.zone_width_km / 2  # type: ignore[operator]
        return km * 1000.0


class RuleSet(_Strict):
    name: str
    sources: list[RuleSource]
    rules: list[WithdrawalRule]


class Corroboration(_Strict):
    window_s: float = Field(gt=0)
    min_distance_m: float = Field(ge=0)


Filter = Literal[
    "withdrawal_violation", "missing_weapons", "shelling", "impact", "outgoing_fire", "drone",
    "burst_of_fire", "casualties", "movement_restriction", "any",
]  # fmt: skip


class Threshold(_Strict):
    name: str
    filter: Filter
    more_than: int = Field(ge=0)
    window_h: float = Field(gt=0)


class Reporting(_Strict):
    """The reporting period: a day's report covers the hours up to its cut-off, local
    time, from the previous day's (the mission's reports ran to 19:30 local time)."""

    cutoff: dt.time = dt.time(0, 0)
    timezone: str = "UTC"

    @model_validator(mode="after")
    def _known_zone(self) -> Reporting:
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {self.timezone!r}") from exc
        return self

    def period(self, day: dt.date) -> tuple[dt.datetime, dt.datetime]:
        """The UTC start (exclusive of the previous report) and end of ``day``'s period:
        [cut-off of the day before, cut-off of the day)."""
        zone = ZoneInfo(self.timezone)
        end = dt.datetime.combine(day, self.cutoff, tzinfo=zone)
        if self.cutoff == dt.time(0, 0):  # midnight: the calendar day itself
            end += dt.timedelta(days=1)
        start = end - dt.timedelta(days=1)
        # Each end in local time, then in UTC: a day with a clock change has 23 or 25 hours.
        start = dt.datetime.combine(start.date(), self.cutoff, tzinfo=zone)
        return start.astimezone(dt.UTC), end.astimezone(dt.UTC)

    def day_of(self, moment: dt.datetime) -> dt.date:
        """The report day a moment belongs to."""
        local = moment.astimezone(ZoneInfo(self.timezone))
        day = local.date()
        if self.cutoff != dt.time(0, 0) and local.timetz().replace(tzinfo=None) >= self.cutoff:
            day += dt.timedelta(days=1)
        return day

    def describe(self) -> str:
        if self.cutoff == dt.time(0, 0):
            return f"the calendar day, {self.timezone}"
        return f"to {self.cutoff:%H:%M} {self.timezone} from the same time the day before"


class StorageSite(_Strict):
    """A permanent storage site for withdrawn weapons, with the inventory a visit expects."""

    code: str
    name: str
    side: Side
    lon: float = Field(ge=-180, le=180)
    lat: float = Field(ge=-90, le=90)
    inventory: dict[str, int]


class Storage(_Strict):
    """Designated storage sites: a weapon beyond its withdrawal line but farther than
    ``at_site_m`` from every site is "outside designated storage sites"."""

    illustrative: bool = False
    note: str = ""
    sources: list[RuleSource] = []
    at_site_m: float = Field(default=1000.0, gt=0)
    sites: list[StorageSite] = []


class Rules(_Strict):
    zones: list[Zone]
    reporting: Reporting = Reporting()
    storage: Storage = Storage()
    rule_set: RuleSet
    compatible_types: list[list[ReportType]]
    corroboration: Corroboration
    reliability: dict[ReporterKind, float]
    thresholds: list[Threshold]

    @model_validator(mode="after")
    def _consistent(self) -> Rules:
        classes = [r.weapon_class for r in self.rule_set.rules]
        if len(set(classes)) != len(classes):
            raise ValueError("rule_set.rules: a weapon class appears twice")
        missing = set(ReporterKind) - set(self.reliability)
        if missing:
            raise ValueError(f"reliability: missing {sorted(missing)}")
        if any(not 0 <= v <= 1 for v in self.reliability.values()):
            raise ValueError("reliability: values must lie in 0..1")
        apart = (ReportType.IMPACT, ReportType.OUTGOING_FIRE)
        for kind in ReportType:
            joined = {t for g in self.compatible_types if kind in g for t in g}
            if set(apart) <= joined:
                raise ValueError(
                    f"compatible_types: {kind.value} would merge an impact with outgoing fire "
                    "(where a round lands is not where it was fired from)"
                )
        codes = [s.code for s in self.storage.sites]
        if len(set(codes)) != len(codes):
            raise ValueError("storage.sites: a site code appears twice")
        for site in self.storage.sites:
            unknown = set(site.inventory) - set(classes)
            if unknown:
                raise ValueError(
                    f"storage.sites: {site.code}: unknown weapon classes {sorted(unknown)}"
                )
            if any(n < 0 for n in site.inventory.values()):
                raise ValueError(f"storage.sites: {site.code}: an inventory count below 0")
        return self

    def site_codes(self) -> dict[str, StorageSite]:
        """The designated storage sites by code."""
        return {s.code: s for s in self.storage.sites}

    def weapon(self, weapon_class: object) -> str:
        """A weapon class in a report's words."""
        for rule in self.rule_set.rules:
            if rule.weapon_class == weapon_class and rule.label:
                return rule.label
        return str(weapon_class or "").replace("_", " ")

    def withdrawal_distance(self) -> dict[str, float]:
        """Metres each weapon class must keep from the line."""
        return {r.weapon_class: r.distance_m for r in self.rule_set.rules}


def load_rules(path: Path) -> Rules:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise CoalitionError(f"{path}: no such file") from exc
    except yaml.YAMLError as exc:
        raise CoalitionError(f"{path}: not YAML ({exc})") from exc
    try:
        return Rules.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise CoalitionError(f"{path}: {where}: {first['msg']}") from exc
