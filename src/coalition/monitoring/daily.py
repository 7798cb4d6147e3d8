"""The daily report in the OSCE monitoring mission's manner: the reporting period to its
cut-off, a summary compared with the previous period, the map of the day on Natural
Earth's basemap, ceasefire violations by place (impacts, outgoing, undetermined, with
calibre and direction), weapons (inside their lines, outside storage sites, storage
visits), freedom of movement, civilian casualties, damage and repair windows, the patrol
log and the sectors no monitor saw, counts per sector, alerts, and the events that merged
several reports (with why)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pandas as pd

from coalition.domain.monitoring import NOT_INCIDENTS
from coalition.monitoring import patrols, sections
from coalition.monitoring.counts import COUNTED, daily_counts, on_day, period_of
from coalition.monitoring.day_map import theatre_map
from coalition.monitoring.pipeline import DayResult, Setup
from coalition.reports import figures, render

#: The counts table in two parts that fit a page: fire, then weapons, people and places.
COUNT_GROUPS = (
    ("shelling", "impacts", "outgoing", "bursts", "flares_flashes", "drones", "events"),
    ("weapons", "violations", "missing", "restrictions", "killed", "injured", "unconfirmed",
     "damage", "patrols"),
)  # fmt: skip
#: The trend's series: what the mission's weekly charts showed.
TREND = {"shelling": "#d95f02", "bursts": "#7570b3", "drones": "#1b9e77", "weapons": "#444444",
         "restrictions": "#c51b7d"}  # fmt: skip


@dataclass(frozen=True)
class Written:
    html: Path
    pdf: Path | None


def _trend(result: DayResult, setup: Setup) -> pd.DataFrame:
    events = pd.concat([result.history, result.events], ignore_index=True)
    days = [result.day - dt.timedelta(days=k) for k in range(6, -1, -1)]
    rows, labels = [], []
    for day in days:
        chosen = on_day(events, day, setup.rules.reporting) if len(events) else events
        rows.append({k: int(COUNTED[k](chosen).sum()) if len(chosen) else 0 for k in TREND})
        labels.append(f"{day}" if len(chosen) else f"{day} (no reports)")
    return pd.DataFrame(rows, index=labels)


def _previous(result: DayResult, setup: Setup) -> pd.DataFrame:
    """The previous period's counts, patrols included, as the day's are counted."""
    day = result.day - dt.timedelta(days=1)
    sectors = setup.theatre.sector_codes
    before = daily_counts(result.history, day, sectors, setup.rules.reporting)
    seen = patrols.coverage(patrols.log(on_day(result.history, day, setup.rules.reporting),
                                        setup.theatre), sectors)  # fmt: skip
    return patrols.with_passes(before, seen).set_index("sector")


def _line_words(setup: Setup) -> str:
    props = setup.theatre.properties
    if setup.theatre.illustrative:
        return f"ILLUSTRATIVE line: {props.get('note', '')}"
    return str(props.get("note") or props.get("line_name") or "")


def render_html(result: DayResult, setup: Setup) -> str:
    setup = replace(setup, theatre=result.theatre)  # the line the day was measured against
    alert_sectors = {a.sector for a in result.alerts}
    zone_km = [z.each_side_km for z in setup.rules.zones]
    day = result.day.isoformat()
    events = result.events
    merged = events[events["n_reports"] > 1].sort_values("time")
    before = _previous(result, setup)
    previous = {
        sector: {c: int(before.loc[sector, c]) if sector in before.index else 0
                 for c in before.columns}
        for sector in result.counts["sector"]
    }  # fmt: skip
    start, end = period_of(result.day, setup.rules.reporting)
    fire = sections.fire_by_place(events)
    history = pd.concat([result.history, events], ignore_index=True)
    context: dict[str, Any] = {
        "day": day,
        "period": f"{start:%Y-%m-%d %H:%M} to {end:%Y-%m-%d %H:%M} UTC "
        f"({setup.rules.reporting.describe()})",
        "theatre": setup.theatre,
        "line_words": _line_words(setup),
        "rules": setup.rules,
        "n_reports": len(result.reports),
        "n_events": len(events),
        "n_incidents": int((~events["type"].isin([t.value for t in NOT_INCIDENTS])).sum()),
        "counts": result.counts.to_dict("records"),
        "count_groups": [[c for c in group if c in result.counts] for group in COUNT_GROUPS],
        "totals": result.counts.drop(columns="sector").sum().to_dict(),
        "previous": previous,
        "previous_totals": before.sum().to_dict(),
        "previous_day": (result.day - dt.timedelta(days=1)).isoformat(),
        # Deltas only against a period that had reports: against none, they mislead.
        "compare": bool(
            len(on_day(result.history, result.day - dt.timedelta(days=1), setup.rules.reporting))
        ),
        "alerts": result.alerts,
        "fire": fire[: sections.LIMIT],
        "fire_places": len(fire),
        "violations": sections.withdrawal_violations(events),
        "outside_storage": sections.weapons_outside_storage(events),
        "visits": sections.storage_visits(events),
        "restrictions": sections.restrictions(events),
        "casualties": sections.casualties(events),
        "damage": sections.damage(events),
        "windows": sections.repair_windows(events, history),
        "attributed": sections.attributed(events),
        "patrols": result.patrols.to_dict("records"),
        "unobserved": result.unobserved,
        "direction": sections.direction,
        "weapon": setup.rules.weapon,
        "contradictions": events[events["contradiction"] != ""]
        .sort_values("time")
        .to_dict("records"),
        "merged": merged.head(40).to_dict("records"),
        "merged_total": len(merged),
        "links": result.links,
        "map_svg": theatre_map(setup.theatre, events, zone_km, alert_sectors, f"Events on {day}"),
        "trend_svg": figures.trend_chart(
            _trend(result, setup), "Events per day, last 7 days", TREND
        ),
    }
    return render.html("coalition.monitoring", "daily_report.html.j2", **context)


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
