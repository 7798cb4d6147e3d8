"""Need to know: a national planner sees their own state's activities and the conflicts
that involve them, never another state's plan. Ukraine's air-defence zones and the
other nations' activities stay hidden; in a conflict, the other side is told only as
"another activity" or "a standing zone", with a coarse place, when, and by how much:
what the planner needs to move, nothing about who is there. A conflict still says that
something is there; what a national may file is bounded (no standing zones, a volume of
at most ``MAX_AREA_KM2`` and ``MAX_WINDOW`` in the server) so that a probe cannot sweep
the theatre. ``viewer`` None sees all (the secretariat's deconfliction cell)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import shapely

from coalition.deconfliction.geometry import footprint, shapes
from coalition.domain.deconfliction import Activity
from coalition.domain.deconfliction_results import (
    Conflict,
    Proposal,
    StoredActivity,
    TrackPoint,
)
from coalition.errors import ForbiddenError, NotFoundError

HIDDEN_ACTIVITY = "(another activity)"
HIDDEN_ZONE = "(a standing zone)"
#: What a national planner may file: a priority up to this (higher is the cell's to
#: give), volumes up to this footprint and this long.
MAX_PRIORITY = 5
MAX_AREA_KM2 = 10_000.0
MAX_HOURS = 24.0
#: What a national planner is told of a conflict no allowed change removes (the reason
#: names the other side).
UNSOLVED = "no allowed change removes it: the deconfliction cell will decide"


def activities(stored: Iterable[StoredActivity], viewer: str | None) -> list[StoredActivity]:
    return [s for s in stored if viewer is None or s.activity.owner == viewer]


#: How coarsely a national planner is told where another's volume meets theirs: about
#: 10 km, enough to know which leg to move, too coarse to draw the other volume.
PLACE_DECIMALS = 1


def conflicts(found: Iterable[Conflict], viewer: str | None) -> list[Conflict]:
    """The conflicts ``viewer`` is party to, their own side first and the other redacted:
    no id, owner or kind, no rule name (it would tell the kind), no overlap area, the
    place rounded to 0.1 degree and the distance to the kilometre. What is left is what
    the planner needs to move: when, how far apart in height and time, and the minima."""
    return [shown for _, shown in _shown(found, viewer)]


def seen_as(found: Iterable[Conflict], viewer: str | None) -> dict[str, str]:
    """Each conflict's id -> the id ``viewer`` is shown (only the conflicts theirs)."""
    return {original.id: shown.id for original, shown in _shown(found, viewer)}


def _shown(found: Iterable[Conflict], viewer: str | None) -> list[tuple[Conflict, Conflict]]:
    """Each conflict ``viewer`` is party to, with what they are shown of it."""
    if viewer is None:
        return [(c, c) for c in found]
    pairs: list[tuple[Conflict, Conflict]] = []
    for original in sorted(found, key=lambda c: (c.start, c.id)):
        c = original
        if c.a_owner != viewer and c.b_owner != viewer:
            continue
        if c.a_owner != viewer:  # their side first
            c = c.model_copy(
                update={
                    "a_activity": c.b_activity, "a_volume": c.b_volume, "a_owner": c.b_owner,
                    "a_kind": c.b_kind, "b_activity": c.a_activity, "b_volume": c.a_volume,
                    "b_owner": c.a_owner, "b_kind": c.a_kind,
                }
            )  # fmt: skip
        if c.b_owner != viewer:
            zone = c.b_kind.startswith("zone:")
            own = (c.a_activity, c.a_volume)
            n = 1 + sum(1 for _, s in pairs if (s.a_activity, s.a_volume) == own)
            c = c.model_copy(
                update={
                    "id": f"{c.a_activity}/{c.a_volume}#{n}",
                    "b_activity": HIDDEN_ZONE if zone else HIDDEN_ACTIVITY,
                    "b_volume": "", "b_owner": "", "b_kind": "zone" if zone else "activity",
                    "rule": "standing zone" if zone else "separation", "rule_basis": "",
                    "overlap_km2": None, "distance_m": round(c.distance_m, -3),
                    "lon": round(c.lon, PLACE_DECIMALS), "lat": round(c.lat, PLACE_DECIMALS),
                }
            )  # fmt: skip
        pairs.append((original, c))
    return pairs


def proposals(
    found: Iterable[Proposal], viewer: str | None, names: dict[str, str]
) -> list[Proposal]:
    """The changes proposed to ``viewer``'s own activities, naming the conflicts they
    resolve as ``viewer`` sees them."""
    if viewer is None:
        return list(found)
    return [
        p.model_copy(update={"resolves": [names[r] for r in p.resolves if r in names]})
        for p in found
        if p.owner == viewer
    ]


def plan(activities: Iterable[Activity], viewer: str | None) -> list[Activity]:
    """The activities of a day's plan that ``viewer`` may see: their own."""
    return [a for a in activities if viewer in (None, a.owner)]


def unsolved(why: dict[str, str], viewer: str | None, names: dict[str, str]) -> dict[str, str]:
    """The conflicts no allowed change removes, as ``viewer`` sees them (``names``, from
    ``seen_as``); a national planner is not told why, since the reason names the other
    side."""
    return {names[c]: reason if viewer is None else UNSOLVED
            for c, reason in why.items() if c in names}  # fmt: skip


def filing_problems(activity: Activity, actor: str) -> list[str]:
    """What keeps ``actor``'s national planner from filing ``activity``: an id that does
    not start with the state's code, a standing zone (the cell's), a priority above the
    cap, or a volume larger or longer than a national plan's (so that a probe cannot
    sweep the theatre). Empty: it may be filed."""
    problems = []
    if not activity.id.startswith(f"{actor}-"):
        problems.append(f"id: a {actor} activity's id starts with '{actor}-'")
    if activity.is_zone:
        problems.append("kind: standing zones are filed by the deconfliction cell")
    if activity.priority > MAX_PRIORITY:
        problems.append(f"priority: above {MAX_PRIORITY} is given by the deconfliction cell")
    core, radius = shapes(list(activity.volumes))
    areas = shapely.area(footprint(core, radius)) / 1e6
    for volume, area in zip(activity.volumes, areas.tolist(), strict=True):
        hours = (volume.end - volume.start).total_seconds() / 3600
        if area > MAX_AREA_KM2:
            problems.append(f"volumes.{volume.id}: {area:,.0f} km²; a national plan's volume "
                            f"covers at most {MAX_AREA_KM2:,.0f} km²")  # fmt: skip
        if hours > MAX_HOURS:
            problems.append(f"volumes.{volume.id}: {hours:g} h; a national plan's volume "
                            f"lasts at most {MAX_HOURS:g} h")  # fmt: skip
    return problems


def days(stored: Iterable[StoredActivity]) -> list[str]:
    """The days (ISO, UTC) that the activities' volumes touch."""
    found: set[str] = set()
    for s in stored:
        for volume in s.activity.volumes:
            day = volume.start.date()
            while day <= volume.end.date():
                found.add(day.isoformat())
                day += dt.timedelta(days=1)
    return sorted(found)


def may_file(activity: Activity, viewer: str | None) -> list[str]:
    """What keeps ``viewer`` (a national planner's state; None: the cell) from filing
    ``activity``: another state's activity is refused outright (``ForbiddenError``);
    their own is checked against a national plan's bounds (the problems, empty if
    none)."""
    if viewer is None:
        return []
    if activity.owner != viewer:
        raise ForbiddenError(f"this planner plans for {viewer}, not {activity.owner}")
    return filing_problems(activity, viewer)


def seen(versions: list[StoredActivity], activity_id: str, viewer: str | None) -> StoredActivity:
    """An activity's newest version as ``viewer`` may see it: to a national planner
    another state's activity is as unknown as one that does not exist (the same error)."""
    latest = versions[-1] if versions else None
    if latest is None or viewer not in (None, latest.activity.owner):
        raise NotFoundError(f"no activity {activity_id!r} of yours")
    return latest


def own_tracks(points: Iterable[TrackPoint], plan: Iterable[Activity], viewer: str | None) -> None:
    """A national planner reports the tracks of their own current activities only
    (``plan``: the activities ``viewer`` may see)."""
    known = {a.id for a in plan}
    others = sorted({p.activity for p in points} - known)
    if others and viewer is not None:
        raise ForbiddenError(f"not {viewer}'s current activities: {others[:5]}")
