"""The daily report in the OSCE monitoring mission's manner: a summary, the map of the
day's events drawn from the theatre geometry, the trend of the last days, counts per
sector, the alerts, withdrawal-rule violations and the events that merged several
reports (with why)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from coalition.monitoring.counts import daily_counts
from coalition.monitoring.day_map import theatre_map
from coalition.monitoring.pipeline import DayResult, Setup
from coalition.reports import figures, render

TYPES = ("explosion", "projectile", "burst_of_fire", "drone", "weapon_sighting", "casualties")


@dataclass(frozen=True)
class Written:
    html: Path
    pdf: Path | None


def _trend(result: DayResult) -> pd.DataFrame:
    events = pd.concat([result.history, result.events], ignore_index=True)
    days = pd.date_range(end=pd.Timestamp(result.day), periods=7, freq="D").date
    if not len(events):
        return pd.DataFrame(0, index=days, columns=list(TYPES))
    day = events["time"].dt.tz_convert("UTC").dt.date
    table = pd.crosstab(day, events["type"]).reindex(index=days, columns=list(TYPES), fill_value=0)
    return table.fillna(0).astype(int)


def render_html(result: DayResult, setup: Setup) -> str:
    alert_sectors = {a.sector for a in result.alerts}
    zone_km = [z.each_side_km for z in setup.rules.zones]
    day = result.day.isoformat()
    events = result.events
    merged = events[events["n_reports"] > 1].sort_values("time")
    # The previous period, as the mission's reports compare it: the day before.
    before = daily_counts(result.history, result.day - dt.timedelta(days=1),
                          setup.theatre.sector_codes).set_index("sector")  # fmt: skip
    previous = {
        sector: {c: int(before.loc[sector, c]) if sector in before.index else 0
                 for c in before.columns}
        for sector in result.counts["sector"]
    }  # fmt: skip
    return render.html(
        "monitoring_daily.html.j2",
        day=day,
        theatre=setup.theatre,
        rules=setup.rules,
        n_reports=len(result.reports),
        n_events=len(events),
        counts=result.counts.to_dict("records"),
        count_columns=[c for c in result.counts.columns if c != "sector"],
        totals=result.counts.drop(columns="sector").sum().to_dict(),
        previous=previous,
        previous_totals=before.sum().to_dict(),
        previous_day=(result.day - dt.timedelta(days=1)).isoformat(),
        alerts=result.alerts,
        violations=events[events["violation"].astype(bool)].sort_values("time").to_dict("records"),
        contradictions=events[events["contradiction"] != ""].sort_values("time").to_dict("records"),
        merged=merged.head(40).to_dict("records"),
        merged_total=len(merged),
        links=result.links,
        map_svg=theatre_map(
            setup.theatre, events, zone_km, alert_sectors, f"Events on {day} (illustrative line)"
        ),
        trend_svg=figures.trend_chart(_trend(result), "Events per day, last 7 days"),
    )


def write_report(result: DayResult, setup: Setup, folder: Path, pdf: bool = True) -> Written:
    folder.mkdir(parents=True, exist_ok=True)
    page = render_html(result, setup)
    html_path = folder / f"monitoring-{result.day.isoformat()}.html"
    html_path.write_text(page, encoding="utf-8")
    pdf_path = None
    if pdf:
        pdf_path = html_path.with_suffix(".pdf")
        render.pdf(page, pdf_path)
    return Written(html_path, pdf_path)
