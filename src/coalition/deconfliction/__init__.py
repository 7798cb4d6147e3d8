"""Deconfliction: planned activities (flights, drones, ships, mine clearance, convoys)
as 4D volumes, the conflicts between them and with standing zones, the changes that
remove them, conformance of what was flown or driven, and what is notified to a party.

A pipeline of pure functions over the domain types of ``coalition.domain.deconfliction``:
plans (files: YAML, GeoJSON, CSV; tables for the row formats) -> volumes (a plan as
arrays, in metres: geometry) + rules (separation minima with their sources) -> detect
(vectorised; bruteforce is its reference) -> conflicts (records in a planner's words) ->
resolve (candidates, reroute, one HiGHS model for the day, re-checked) ; conformance
(tracks against volumes) ; extract (the notification) ; synthetic (days of any size).
Nothing here stores anything: ids (activity, volume, conflict) are stable, so that the
server can keep the plan's history, the proposals and the notification log on top.
"""

from __future__ import annotations

from coalition.deconfliction.conflicts import describe
from coalition.deconfliction.conformance import check_tracks, read_tracks
from coalition.deconfliction.detect import detect
from coalition.deconfliction.extract import notification_extract
from coalition.deconfliction.geometry import footprint, shapes
from coalition.deconfliction.layers import day_layers
from coalition.deconfliction.plans import load_plans, write_plans
from coalition.deconfliction.resolve import resolve
from coalition.deconfliction.rules import Rules, load_rules
from coalition.deconfliction.volumes import build_table

__all__ = [
    "Rules",
    "build_table",
    "check_tracks",
    "day_layers",
    "describe",
    "detect",
    "footprint",
    "load_plans",
    "load_rules",
    "notification_extract",
    "read_tracks",
    "resolve",
    "shapes",
    "write_plans",
]
