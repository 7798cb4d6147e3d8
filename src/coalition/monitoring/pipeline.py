"""One day of monitoring, end to end: the stored reports around the day are classified
and corroborated, the day's events counted per sector, thresholds checked and new
alerts logged."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine

from coalition.errors import CoalitionError
from coalition.monitoring import patrols
from coalition.monitoring.classify import classify
from coalition.monitoring.corroborate import corroborate
from coalition.monitoring.counts import alerts_for_day, daily_counts, on_day, period_of
from coalition.monitoring.ingest import alert_log, load_reports, record_alerts
from coalition.monitoring.lines import in_force
from coalition.monitoring.places import describe
from coalition.monitoring.rules import Rules, load_rules
from coalition.monitoring.theatre import Theatre, load_theatre
from coalition.store.tables import AlertRow


@dataclass(frozen=True)
class Setup:
    theatre: Theatre
    rules: Rules
    #: The bundled theatre, when lines loaded into a database may replace its line: each
    #: day is then analysed against the line in force that day (see ``lines``).
    bundled: Theatre | None = None

    @classmethod
    def load(cls, folder: Path, engine: Engine | None = None) -> Setup:
        """The bundled theatre and rules; with a database, the line loaded last there
        replaces the bundled line (see ``lines``), and a day's analysis takes the line
        in force that day."""
        theatre = load_theatre(folder / "theatre.geojson")
        rules = load_rules(folder / "rules.yaml")
        if engine is None:
            return cls(theatre, rules)
        return cls(in_force(engine, theatre), rules, bundled=theatre)

    def on(self, engine: Engine, day: dt.date) -> Setup:
        """The setup for ``day``: its line of contact."""
        if self.bundled is None:
            return self
        return replace(self, theatre=in_force(engine, self.bundled, day))


@dataclass(frozen=True)
class DayResult:
    day: dt.date
    theatre: Theatre  # the line of contact in force that day, and the sectors
    reports: pd.DataFrame  # the day's classified reports
    events: pd.DataFrame  # the day's events
    history: pd.DataFrame  # events of the days before, as far as thresholds look back
    links: pd.DataFrame  # why reports were merged (the day's events)
    counts: pd.DataFrame
    patrols: pd.DataFrame  # the day's patrol log (see ``patrols``)
    coverage: pd.DataFrame  # per sector: patrols that passed, hours, observed or not
    new_alerts: int
    alerts: list[AlertRow]

    @property
    def unobserved(self) -> list[str]:
        """The sectors no patrol passed through that day: quiet there is not calm."""
        return list(self.coverage[~self.coverage["observed"]]["sector"])


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
    setup = setup.on(engine, day)
    rules = setup.rules
    look_back = max([t.window_h for t in rules.thresholds] + [0.0])
    window = pd.Timedelta(seconds=rules.corroboration.window_s)
    day_start, day_end = period_of(day, rules.reporting)
    start = min(day_start - pd.Timedelta(days=history_days),
                day_start - pd.Timedelta(hours=look_back))  # fmt: skip
    end = day_end + window
    reports = classify(
        load_reports(engine, start.to_pydatetime(), end.to_pydatetime()), setup.theatre, rules
    )
    found = corroborate(reports, setup.theatre, rules)
    events = found.events.sort_values("time").reset_index(drop=True)
    today = with_places(on_day(events, day, rules.reporting))
    history = events[events["time"] < day_start]
    raised = alerts_for_day(events[events["time"] < day_end], rules, day)
    new = record_alerts(engine, raised)
    members = found.members[found.members["event_id"].isin(today["event_id"])]
    day_reports = reports[reports["id"].isin(members["report_id"])].reset_index(drop=True)
    patrol_log = patrols.log(today, setup.theatre, day_reports)
    seen = patrols.coverage(patrol_log, setup.theatre.sector_codes)
    counts = daily_counts(events, day, setup.theatre.sector_codes, rules.reporting)
    return DayResult(
        day=day,
        theatre=setup.theatre,
        reports=day_reports,
        events=today.reset_index(drop=True),
        history=history.reset_index(drop=True),
        links=found.links[found.links["event_id"].isin(today["event_id"])].reset_index(drop=True),
        counts=patrols.with_passes(counts, seen),
        patrols=patrol_log,
        coverage=seen,
        new_alerts=new,
        alerts=alert_log(engine, day),
    )
