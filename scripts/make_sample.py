"""Write the bundled synthetic sample (data/monitoring/sample/): two report days against
the bundled theatre, every kind of report on each day, and a few bad rows on purpose.

The generator's seed is searched from 11 (day one) and 12 (day two) upwards, in steps of
two, for the first stream in which every report type appears and at least one weapon is
seen inside its band and one storage visit finds weapons missing: the sample must show
every section of the daily report. The seeds found are printed and written in the README.

    .venv/bin/python scripts/make_sample.py
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from coalition.domain.monitoring import ReportType
from coalition.monitoring import synthetic
from coalition.monitoring.classify import classify
from coalition.monitoring.pipeline import Setup
from coalition.monitoring.reports import BASE

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "data" / "monitoring" / "sample"
BAD_ROWS = """BAD-1,2026-06-01 14:05,MONITOR_TEAM-03,monitor_team,37.61,48.42,300,explosion,,,,,,
BAD-2,2026-06-01T15:10:00Z,UAV-02,uav,376.1,48.42,50,weapon_sighting,mlrs,2,,,,
BAD-3,2026-06-01T16:00:00Z,OPEN_SOURCE-01,telegram,36.2,47.6,2000,artillery,,,,,,
BAD-4,2026-06-01T17:30:00Z,FIXED_CAMERA-07,fixed_camera,35.9,47.5,150,weapon_sighting,,,,,,
"""


def complete(frame: pd.DataFrame, setup: Setup) -> bool:
    """Every type present, a weapon inside its band, weapons missing from a site."""
    if set(frame["type"]) != {t.value for t in ReportType}:
        return False
    visits = frame[frame["type"] == ReportType.STORAGE_VISIT.value]
    inventory = {s.code: s.inventory for s in setup.rules.storage.sites}
    missing = any(inventory[r.site][r.weapon_class] > r.count for r in visits.itertuples())
    return missing and bool(classify(frame, setup.theatre, setup.rules)["violation"].any())


def day(setup: Setup, when: dt.date, events: int, seed: int) -> tuple[pd.DataFrame, int]:
    while True:
        frame = synthetic.generate(setup.theatre, setup.rules, events, when, 1, seed)
        if complete(frame, setup):
            return frame, seed
        seed += 2


def with_bad_rows(path: Path, frame: pd.DataFrame) -> None:
    """Four malformed rows (each for one reason) and one report repeated."""
    synthetic.write(frame, path)
    header = path.read_text(encoding="utf-8").splitlines()[0].split(",")
    bad = [row.split(",") for row in BAD_ROWS.strip().splitlines()]
    fields = BASE  # the bad rows give every common column, in its order
    rows = [dict(zip(fields, row, strict=True)) for row in bad]
    lines = [",".join(row.get(c, "") for c in header) for row in rows]
    repeated = path.read_text(encoding="utf-8").splitlines()[len(frame) // 2]
    with path.open("a", encoding="utf-8") as out:
        out.write("\n".join([*lines, repeated]) + "\n")


def main() -> None:
    setup = Setup.load(ROOT / "data" / "monitoring")
    one, seed_one = day(setup, dt.date(2026, 6, 1), 160, 11)
    two, seed_two = day(setup, dt.date(2026, 6, 2), 180, 12)
    for old in FOLDER.glob("*-2026-06-0*.*"):
        old.unlink()
    with_bad_rows(FOLDER / "reports-2026-06-01.csv", one)
    uav = two["reporter_kind"] == "uav"
    synthetic.write(two[~uav], FOLDER / "reports-2026-06-02.ndjson")
    synthetic.write(two[uav], FOLDER / "uav-2026-06-02.geojson")
    print(f"seeds {seed_one} and {seed_two}: {len(one)} and {len(two)} reports")


if __name__ == "__main__":
    main()
