"""One day of monitoring, end to end: the stored reports around the day are classified
and corroborated, the day's events counted per sector, thresholds checked and new
alerts logged."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine

from coalition.errors import CoalitionError
from coalition.monitoring.classify import classify
from coalition.monitoring.corroborate import corroborate
from coalition.monitoring.counts import alerts_for_day, daily_counts, on_day
from coalition.monitoring.ingest import alert_log, load_reports, record_alerts
from coalition.monitoring.places import describe
from coalition.monitoring.rules import Rules, load_rules
from coalition.monitoring.theatre import Theatre, load_theatre
from coalition.store.tables import AlertRow


@dataclass(frozen=True)
class Setup:
    theatre: Theatre
    rules: Rules

    @classmethod
    def load(cls, folder: Path) -> Setup:
        return cls(load_theatre(folder / "theatre.geojson"), load_rules(folder / "rules.yaml"))


@dataclass(frozen=True)
class DayResult:
    day: dt.date
    reports: pd.DataFrame  # the day's classified reports
    events: pd.DataFrame  # the day's events
    history: pd.DataFrame  # events of the days before, as far as thresholds look back
    links: pd.DataFrame  # why reports were merged (the day's events)
    counts: pd.DataFrame
    new_alerts: int
    alerts: list[AlertRow]


#: Days the analysis can represent (pandas timestamps run from 1677 to 2262); a day
#: outside is a user's mistake, not a crash.
FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2200, 12, 31)


def with_places(events: pd.DataFrame) -> pd.DataFrame:
    """The events with where they are in words and how precisely (see ``places``)."""
    found = describe(events["lon"].to_numpy(float), events["lat"].to_numpy(float))
    return events.assign(place=[p.text for p in found],
                         geoprecision=[p.geoprecision for p in found])  # fmt: skip


def analyse_day(engine: Engine, setup: Setup, day: dt.date, history_days: int = 7) -> DayResult:
    if not FIRST_DAY <= day <= LAST_DAY:
        raise CoalitionError(f"day {day} is outside {FIRST_DAY}..{LAST_DAY}")
    rules = setup.rules
    look_back = max([t.window_h for t in rules.thresholds] + [0.0])
    window = pd.Timedelta(seconds=rules.corroboration.window_s)
    start = pd.Timestamp(day, tz="UTC") - pd.Timedelta(days=history_days)
    start = min(start, pd.Timestamp(day, tz="UTC") - pd.Timedelta(hours=look_back))
    end = pd.Timestamp(day, tz="UTC") + pd.Timedelta(days=1) + window
    reports = classify(
        load_reports(engine, start.to_pydatetime(), end.to_pydatetime()), setup.theatre, rules
    )
    found = corroborate(reports, setup.theatre, rules)
    events = found.events.sort_values("time").reset_index(drop=True)
    day_start = pd.Timestamp(day, tz="UTC")
    today = with_places(on_day(events, day))
    history = events[events["time"] < day_start]
    raised = alerts_for_day(events[events["time"] < day_start + pd.Timedelta(days=1)], rules, day)
    new = record_alerts(engine, raised)
    members = found.members[found.members["event_id"].isin(today["event_id"])]
    return DayResult(
        day=day,
        reports=reports[reports["id"].isin(members["report_id"])].reset_index(drop=True),
        events=today.reset_index(drop=True),
        history=history.reset_index(drop=True),
        links=found.links[found.links["event_id"].isin(today["event_id"])].reset_index(drop=True),
        counts=daily_counts(events, day, setup.theatre.sector_codes),
        new_alerts=new,
        alerts=alert_log(engine, day),
    )
