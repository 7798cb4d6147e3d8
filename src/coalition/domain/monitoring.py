"""Vocabularies of ceasefire monitoring (values are the strings used in report files)."""

from __future__ import annotations

from enum import StrEnum


class ReportType(StrEnum):
    """What a reporter saw or heard, or did (the OSCE monitoring mission's categories).

    Fire: an ``impact`` is where a round landed, ``outgoing_fire`` where one was fired
    from, an ``explosion`` one the reporter could not tell; origin and impact are never
    merged into one event. Weapons: a ``weapon_sighting`` anywhere (the withdrawal rules
    and the storage sites judge it), a ``storage_visit`` counts what a permanent storage
    site holds against its inventory. People and places: ``casualties`` (killed and
    injured, and who confirmed them), ``infrastructure_damage``, a ``repair_window``
    agreed for repairs (a window of silence), a ``movement_restriction`` met by a patrol.
    A ``patrol`` is where and when monitors were, so that quiet can be told from unseen.
    """

    EXPLOSION = "explosion"
    IMPACT = "impact"
    OUTGOING_FIRE = "outgoing_fire"
    PROJECTILE = "projectile"
    BURST_OF_FIRE = "burst_of_fire"
    FLARE = "flare"
    MUZZLE_FLASH = "muzzle_flash"
    DRONE = "drone"
    WEAPON_SIGHTING = "weapon_sighting"
    STORAGE_VISIT = "storage_visit"
    CASUALTIES = "casualties"
    INFRASTRUCTURE_DAMAGE = "infrastructure_damage"
    REPAIR_WINDOW = "repair_window"
    MOVEMENT_RESTRICTION = "movement_restriction"
    PATROL = "patrol"


class Restriction(StrEnum):
    """How monitors' freedom of movement was restricted."""

    DENIAL = "denial"  # turned back: no access
    CHECKPOINT = "checkpoint"  # held or delayed at a checkpoint
    MINES = "mines"  # the road is mined or not cleared
    JAMMING = "jamming"  # a monitoring UAV's signal jammed
    CONDITIONAL = "conditional"  # let through only on conditions (an escort, a route)


class Facility(StrEnum):
    """Civilian infrastructure a report concerns (damage, or a repair window)."""

    WATER = "water"
    POWER = "power"
    GAS = "gas"
    HEATING = "heating"
    RAIL = "rail"
    ROAD = "road"
    RESIDENTIAL = "residential"
    SCHOOL = "school"
    HEALTH = "health"
    OTHER = "other"


class ConfirmedBy(StrEnum):
    """Who confirmed casualties to the monitors (the mission's practice: a hospital or
    morgue confirms; what residents say is reported, unconfirmed)."""

    HOSPITAL = "hospital"
    MORGUE = "morgue"
    AUTHORITIES = "authorities"
    MONITORS = "monitors"  # seen by the monitors themselves
    UNCONFIRMED = "unconfirmed"  # heard from residents or others, not confirmed


class ReporterKind(StrEnum):
    MONITOR_TEAM = "monitor_team"
    FIXED_CAMERA = "fixed_camera"
    UAV = "uav"
    ACOUSTIC_SENSOR = "acoustic_sensor"
    OPEN_SOURCE = "open_source"


class Side(StrEnum):
    """Which side of the line of contact a position lies on (names in theatre data)."""

    LEFT = "left"
    RIGHT = "right"


#: Report types counted as shelling (heavy-weapon fire) in daily counts and thresholds.
SHELLING = (ReportType.EXPLOSION, ReportType.IMPACT, ReportType.OUTGOING_FIRE,
            ReportType.PROJECTILE)  # fmt: skip
#: Reports of what monitors did or what was agreed, not of incidents: never counted as
#: events, never merged.
NOT_INCIDENTS = (ReportType.PATROL, ReportType.REPAIR_WINDOW)
#: Confirmations that make casualties "confirmed" in the report.
CONFIRMING = (ConfirmedBy.HOSPITAL, ConfirmedBy.MORGUE, ConfirmedBy.AUTHORITIES,
              ConfirmedBy.MONITORS)  # fmt: skip


class CaseState(StrEnum):
    """Where a violation case stands: seen, checked, put to the party, and put right or
    not at the re-visit (or dismissed when the check does not bear the report out)."""

    OBSERVED = "observed"
    VERIFIED = "verified"
    DISMISSED = "dismissed"
    NOTIFIED = "notified"
    RECTIFIED = "rectified"
    NOT_RECTIFIED = "not_rectified"


#: The steps a case may take from each state (a case not rectified is notified again).
NEXT_STATES: dict[CaseState, tuple[CaseState, ...]] = {
    CaseState.OBSERVED: (CaseState.VERIFIED, CaseState.DISMISSED),
    CaseState.VERIFIED: (CaseState.NOTIFIED,),
    CaseState.NOTIFIED: (CaseState.RECTIFIED, CaseState.NOT_RECTIFIED),
    CaseState.NOT_RECTIFIED: (CaseState.NOTIFIED, CaseState.RECTIFIED),
    CaseState.RECTIFIED: (),
    CaseState.DISMISSED: (),
}
