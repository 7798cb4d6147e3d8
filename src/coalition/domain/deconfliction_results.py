"""Domain types of what deconfliction makes of a plan: conflicts (which, where, when, by
how much, which rule), proposed changes, and conformance alerts on reported tracks.
Each has a stable id or key, so that the server can store, accept and log them."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import Field, computed_field

from coalition.domain.base import Frozen
from coalition.domain.deconfliction import Activity, LonLat, UTCTime


class Conflict(Frozen):
    """Two volumes closer than their rule allows, told in a planner's words: which, where
    (the point of closest approach, or inside the overlap), when, by how much, and why.
    ``b`` is the standing zone when one is involved. ``id`` is stable across runs."""

    id: str
    a_activity: str
    a_volume: str
    a_owner: str
    a_kind: str
    b_activity: str
    b_volume: str
    b_owner: str
    b_kind: str
    rule: str
    rule_basis: str
    lon: float
    lat: float
    distance_m: float
    lateral_min_m: float
    overlap_km2: float | None = None
    vertical_gap_m: float
    vertical_min_m: float
    time_gap_min: float
    time_buffer_min: float
    start: dt.datetime
    end: dt.datetime

    @property
    def with_zone(self) -> bool:
        return self.b_kind.startswith("zone:")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def reason(self) -> str:
        """One sentence a planner can act on."""
        if self.overlap_km2 is not None:
            lateral = f"footprints overlap ({self.overlap_km2:,.1f} km²)"
        else:
            lateral = f"{self.distance_m:,.0f} m apart"
        lateral += f", minimum {self.lateral_min_m:,.0f} m"
        if self.vertical_gap_m < 0:
            vertical = f"bands overlap by {-self.vertical_gap_m:,.0f} m"
        else:
            vertical = f"bands {self.vertical_gap_m:,.0f} m apart"
        vertical += f", minimum {self.vertical_min_m:,.0f} m"
        if self.time_gap_min < 0:
            when = f"windows overlap {-self.time_gap_min:,.0f} min"
        else:
            when = f"windows {self.time_gap_min:,.0f} min apart"
        when += f", buffer {self.time_buffer_min:,.0f} min"
        return f"{lateral}; {vertical}; {when} (rule {self.rule})"


class ChangeKind(StrEnum):
    NONE = "none"
    SHIFT = "shift"
    BAND = "band"
    REROUTE = "reroute"


class Proposal(Frozen):
    """A change to one activity that resolution proposes, for a planner to accept or
    reject: a shift in time, a change of band, or new paths for some route volumes."""

    activity: str
    owner: str
    change: ChangeKind
    shift_min: int = 0
    band_shift_m: float = 0.0
    routes: dict[str, list[LonLat]] = Field(default_factory=dict)
    detour_km: float = 0.0
    cost: float
    resolves: list[str] = Field(default_factory=list)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def summary(self) -> str:
        if self.change is ChangeKind.SHIFT:
            way = "later" if self.shift_min > 0 else "earlier"
            return f"move {way} by {abs(self.shift_min)} min"
        if self.change is ChangeKind.BAND:
            way = "up" if self.band_shift_m > 0 else "down"
            return f"move {way} by {abs(self.band_shift_m):,.0f} m"
        if self.change is ChangeKind.REROUTE:
            names = ", ".join(sorted(self.routes))
            return f"reroute {names} ({self.detour_km:+,.1f} km)"
        return "keep"


class TrackPoint(Frozen):
    """A reported position of an activity during execution."""

    activity: str = Field(min_length=1)
    time: UTCTime
    lon: float = Field(ge=-180, le=180, allow_inf_nan=False)
    lat: float = Field(ge=-90, le=90, allow_inf_nan=False)
    altitude_m: float = Field(ge=-12_000, le=100_000, allow_inf_nan=False)


class ConformanceAlert(Frozen):
    """Track points of one activity outside every volume it declared (laterally, in
    band or in time), consecutive points grouped as one excursion."""

    activity: str
    owner: str | None
    volume: str | None  # the declared volume the excursion came nearest to
    start: dt.datetime
    end: dt.datetime
    points: list[TrackPoint]
    lateral_outside_m: float
    vertical_outside_m: float
    time_outside_min: float

    @computed_field  # type: ignore[prop-decorator]
    @property
    def reason(self) -> str:
        if self.volume is None:
            return "no such activity declared in the plan"
        parts = []
        if self.lateral_outside_m > 0:
            parts.append(f"{self.lateral_outside_m:,.0f} m outside laterally")
        if self.vertical_outside_m > 0:
            parts.append(f"{self.vertical_outside_m:,.0f} m outside its band")
        if self.time_outside_min > 0:
            parts.append(f"{self.time_outside_min:,.0f} min outside its window")
        n = len(self.points)
        return (
            f"left volume {self.volume}: up to {', '.join(parts)} "
            f"({n} track point{'s' if n > 1 else ''})"
        )


class StoredActivity(Frozen):
    """One version of an activity as the store holds it: who recorded it and why."""

    activity: Activity
    version: int
    withdrawn: bool
    change: str
    recorded_by: str
    recorded_at: dt.datetime | None = None


class NotificationLabel(StrEnum):
    """How every volume of an extract is marked: never a unit or a state."""

    COALITION = "coalition"
    MULTINATIONAL_FORCE = "multinational force"


class NotificationState(StrEnum):
    SENT = "sent"
    ACKNOWLEDGED = "acknowledged"
    OBJECTED = "objected"


class NotificationEvent(Frozen):
    state: NotificationState
    at: dt.datetime
    by: str
    note: str | None = None


class Notification(Frozen):
    """An extract sent to a party (volumes and times only) and what became of it: the
    hotline's log."""

    id: int
    party: str
    sent_by: str
    sent_at: dt.datetime
    extract: dict[str, object]
    events: list[NotificationEvent]

    @property
    def state(self) -> NotificationState:
        return self.events[-1].state if self.events else NotificationState.SENT
