"""Domain types of deconfliction: planned activities as 4D volumes, and what detection,
resolution and conformance make of them.

Plans are data before they are anything else: the same types are read from YAML,
GeoJSON and CSV files, and will be the body of the API's writes, so every check a
planner can fail (a self-intersecting polygon, a band upside down, a window that ends
before it starts, an owner nobody knows) lives here and speaks in the planner's words.
Geometry is in longitude/latitude (WGS84) in these types; distances are metres.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
from collections.abc import Sequence
from enum import StrEnum
from typing import Annotated, Any, ClassVar

import pycountry
import shapely
from pydantic import AfterValidator, Field, model_validator

from coalition.domain.base import Frozen


class ActivityKind(StrEnum):
    """What an activity is; ``zone`` marks a standing zone (it never moves)."""

    FLIGHT = "flight"
    DRONE = "drone"
    NAVAL_TRANSIT = "naval_transit"
    MINE_CLEARANCE = "mine_clearance"
    CONVOY = "convoy"
    PATROL = "patrol"
    EXERCISE = "exercise"
    ZONE = "zone"


class ZoneType(StrEnum):
    """Standing zones: what entering one means is in the separation rules."""

    AIR_DEFENCE = "air_defence"
    NO_GO = "no_go"
    TERRITORIAL_WATERS = "territorial_waters"
    RESTRICTED = "restricted"


#: Ids are written in files, URLs and logs: letters, digits and - _ . : only.
ID = r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$"

#: Where the force plans: Ukraine, its neighbours' hubs and the Black Sea (west, south,
#: east, north in degrees). A position outside is a typing slip (latitude and longitude
#: swapped, a sign lost) far more often than a plan, so it is refused.
AREA = (12.0, 40.0, 45.0, 58.0)


def _lon_lat(value: tuple[float, float]) -> tuple[float, float]:
    lon, lat = value
    west, south, east, north = AREA
    if not (math.isfinite(lon) and math.isfinite(lat)):
        raise ValueError("a position is two finite numbers [longitude, latitude]")
    if not (west <= lon <= east and south <= lat <= north):
        swapped = " (latitude and longitude swapped?)" if west <= lat <= east else ""
        raise ValueError(
            f"[{lon:g}, {lat:g}] is outside the planning area (longitude {west:g} to "
            f"{east:g} E, latitude {south:g} to {north:g} N){swapped}"
        )
    return (float(lon), float(lat))


#: A position as [longitude, latitude] in degrees (GeoJSON order).
LonLat = Annotated[tuple[float, float], AfterValidator(_lon_lat)]


def _utc(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None:
        raise ValueError(f"{value.isoformat()} has no time zone: write UTC, e.g. 2026-06-01T06:00Z")
    return value.astimezone(dt.UTC)


UTCTime = Annotated[dt.datetime, AfterValidator(_utc)]


MAX_METRES = 2_000_000.0  # 2,000 km: wider than the whole planning area


def _positive(value: float) -> float:
    if not math.isfinite(value) or not 0 < value <= MAX_METRES:
        raise ValueError(f"must be more than 0 m and at most {MAX_METRES:,.0f} m, got {value:g}")
    return value


Metres = Annotated[float, AfterValidator(_positive)]


class Circle(Frozen):
    center: LonLat
    radius_m: Metres


class Route(Frozen):
    """A path flown, sailed or driven, as wide as ``width_m`` (centred on the path)."""

    coordinates: list[LonLat] = Field(min_length=2)
    width_m: Metres


def _polygon(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    if len(set(ring)) < 3:
        raise ValueError("a polygon needs at least 3 distinct corners")
    reason = shapely.is_valid_reason(shapely.Polygon(ring))
    if reason != "Valid Geometry":
        where = reason.split("[", 1)
        text = where[0].strip().lower()
        at = f" near {where[1].rstrip(']')}" if len(where) > 1 else ""
        raise ValueError(f"the polygon is not valid: {text}{at} (lon lat)")
    return ring


#: An outer ring of [lon, lat] corners; closing it (repeating the first) is optional.
Ring = Annotated[list[LonLat], AfterValidator(_polygon)]


class Volume(Frozen):
    """A 4D volume: one shape (polygon, circle or route), a band of heights in metres
    (negative: depth below sea level) and a window of time (UTC)."""

    id: str = Field(pattern=ID)
    polygon: Ring | None = None
    circle: Circle | None = None
    route: Route | None = None
    floor_m: float = Field(ge=-12_000, le=100_000, allow_inf_nan=False)
    ceiling_m: float = Field(ge=-12_000, le=100_000, allow_inf_nan=False)
    start: UTCTime
    end: UTCTime

    #: The shape fields, exactly one of which a volume has.
    SHAPES: ClassVar[tuple[str, ...]] = ("polygon", "circle", "route")

    @model_validator(mode="after")
    def _consistent(self) -> Volume:
        shapes = [n for n in self.SHAPES if getattr(self, n) is not None]
        if len(shapes) != 1:
            found = ", ".join(shapes) or "none"
            raise ValueError(
                f"a volume needs exactly one of {', '.join(self.SHAPES)} (has {found})"
            )
        if self.floor_m >= self.ceiling_m:
            raise ValueError(
                f"the band's floor ({self.floor_m:g} m) is not below its ceiling "
                f"({self.ceiling_m:g} m)"
            )
        if self.end <= self.start:
            raise ValueError(
                f"the window ends ({self.end:%Y-%m-%d %H:%M}Z) before it starts "
                f"({self.start:%Y-%m-%d %H:%M}Z)"
            )
        return self

    @property
    def shape_kind(self) -> str:
        return "polygon" if self.polygon else "circle" if self.circle else "route"


def _owner(code: str) -> str:
    upper = code.strip().upper()
    if len(upper) == 3 and pycountry.countries.get(alpha_3=upper) is not None:
        return upper
    hint = ""
    try:
        country: Any = pycountry.countries.lookup(code)
        hint = f" (did you mean {country.alpha_3}?)"
    except LookupError:
        try:
            found = pycountry.countries.search_fuzzy(code)
            hint = f" (did you mean {found[0].alpha_3}?)" if found else ""
        except LookupError:
            codes = [c.alpha_3 for c in pycountry.countries]
            close = difflib.get_close_matches(upper, codes, n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
    raise ValueError(f"unknown owner {code!r}{hint}: use a state's ISO 3166-1 alpha-3 code")


#: A state by its ISO 3166-1 alpha-3 code (GBR, UKR, USA, RUS...), as in the registry.
Owner = Annotated[str, AfterValidator(_owner)]


class Activity(Frozen):
    """A planned activity (or, with kind ``zone``, a standing zone): the higher
    ``priority`` keeps its plan when two conflict. ``unit`` is sensitive: it never leaves
    in a notification extract."""

    id: str = Field(pattern=ID)
    owner: Owner
    kind: ActivityKind
    zone: ZoneType | None = None
    priority: int = Field(default=0, ge=0, le=100)
    unit: str | None = None
    name: str | None = None
    volumes: Sequence[Volume] = Field(min_length=1)

    @model_validator(mode="after")
    def _zone(self) -> Activity:
        if self.kind is ActivityKind.ZONE and self.zone is None:
            raise ValueError("a standing zone (kind: zone) needs a zone type: " + _zone_types())
        if self.kind is not ActivityKind.ZONE and self.zone is not None:
            raise ValueError(f"only a standing zone (kind: zone) has a zone type, not {self.kind}")
        ids = [v.id for v in self.volumes]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"volume id {twice[0]!r} is listed twice in activity {self.id!r}")
        return self

    @property
    def is_zone(self) -> bool:
        return self.kind is ActivityKind.ZONE

    @property
    def rule_kind(self) -> str:
        """The key separation rules use: the kind, or ``zone:<type>`` for a zone."""
        return f"zone:{self.zone}" if self.zone is not None else str(self.kind)


def _zone_types() -> str:
    return ", ".join(z.value for z in ZoneType)
