"""Vocabularies of ceasefire monitoring (values are the strings used in report files)."""

from __future__ import annotations

from enum import StrEnum


class ReportType(StrEnum):
    """What a reporter saw or heard (the OSCE monitoring mission's categories)."""

    EXPLOSION = "explosion"
    PROJECTILE = "projectile"
    BURST_OF_FIRE = "burst_of_fire"
    DRONE = "drone"
    WEAPON_SIGHTING = "weapon_sighting"
    CASUALTIES = "casualties"


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


#: Report types counted as shelling in daily counts and thresholds.
SHELLING = (ReportType.EXPLOSION, ReportType.PROJECTILE)


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
