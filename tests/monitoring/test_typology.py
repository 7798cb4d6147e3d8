"""The full typology (issue 16): what only some report types say is checked and kept,
weapons are judged against their lines and the storage sites, a day runs to its cut-off,
patrols tell "no reports" from "no monitors"."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest

from coalition.errors import CoalitionError
from coalition.monitoring import patrols
from coalition.monitoring.classify import classify
from coalition.monitoring.corroborate import corroborate
from coalition.monitoring.details import with_details
from coalition.monitoring.reports import BASE, content_hashes, validate
from coalition.monitoring.rules import Reporting, load_rules
from coalition.monitoring.storage import MISSING, OUTSIDE, WITHDRAWAL
from tests.monitoring.helpers import RULES, small_setup

CLASSES = {"mlrs", "tank", "artillery_100mm_plus"}
SITES = load_rules(RULES).site_codes()


def _row(id: str, type: str = "explosion", **fields: object) -> dict[str, object]:
    base: dict[str, object] = {"id": id, "time": "2026-06-01T10:00:00Z", "reporter": "MT-1",
                               "reporter_kind": "monitor_team", "lon": 36.2, "lat": 48.0,
                               "uncertainty_m": 200, "type": type}  # fmt: skip
    return base | fields


def _reasons(*rows: dict[str, object]) -> dict[str, str]:
    parsed = validate(pd.DataFrame(list(rows)), CLASSES, SITES)
    raw = [json.loads(r)["id"] for r in parsed.quarantine["raw"]]
    return dict(zip(raw, parsed.quarantine["reason"], strict=True))


def test_details_are_checked_and_every_reason_listed() -> None:
    reasons = _reasons(
        _row("ok-casualty", "casualties", killed=1, injured=2, confirmed_by="hospital"),
        _row("no-people", "casualties"),
        _row("sum", "casualties", killed=1, injured=1, casualties=3),
        _row("restriction", "movement_restriction"),
        _row("unknown-restriction", "movement_restriction", restriction="teleport"),
        _row("site-on-explosion", "explosion", site="S-DNI"),
        _row("unknown-site", "storage_visit", site="S-XXX", weapon_class="tank", count=3),
        _row("side-without-basis", "impact", side="left"),
        _row("side-with-basis", "impact", side="left", basis="crater analysis"),
        _row("patrol-backwards", "patrol", until="2026-06-01T09:00:00Z"),
        _row("patrol-too-long", "patrol", until="2026-06-03T10:00:00Z"),
        _row("patrol-no-offset", "patrol", until="2026-06-01 12:00"),
        _row("bad-route", "patrol", until="2026-06-01T12:00:00Z", route="36.2 48.0"),
        _row("calibre", "impact", calibre_mm=5000),
        # Values past any real report: refused, never summed into a negative count.
        _row("huge-count", "weapon_sighting", weapon_class="tank", count=1e29),
        _row("huge-killed", "casualties", killed=1e20, injured=0),
        _row(
            "huge-int",
            "storage_visit",
            site="S-DNI",
            weapon_class="tank",
            count=3,
            lon=int("9" * 400),
            calibre_mm=int("9" * 400),
        ),
        _row("huge-uncertainty", uncertainty_m=1e300),
        _row("far-future", time="3026-06-03T10:00:00Z"),
        # A storage visit is made at its site and counts what the site holds.
        _row("visit-elsewhere", "storage_visit", site="S-DNI", weapon_class="tank", count=3),
        _row(
            "visit-unheld",
            "storage_visit",
            site="S-POL",
            weapon_class="tank",
            count=3,
            lon=34.55,
            lat=49.59,
        ),
    )
    assert "ok-casualty" not in reasons and "side-with-basis" not in reasons
    expected = {
        "no-people": "say how many were killed or injured",
        "sum": "casualties: not killed + injured",
        "restriction": "restriction: missing for a movement_restriction",
        "unknown-restriction": "restriction: unknown",
        "site-on-explosion": "site: not for this type",
        "unknown-site": "site: not a designated storage site",
        "side-without-basis": "side: an attribution needs its basis",
        "patrol-backwards": "until: not after the start",
        "patrol-too-long": "until: a patrol lasts at most 24 hours",
        "patrol-no-offset": "until: not an ISO 8601 time with a UTC offset",
        "bad-route": "route: not 'lon lat, lon lat, ...'",
        "calibre": "calibre_mm: not 1..1000 mm",
        "huge-count": "count: not a whole number from 1",
        "huge-killed": "killed: not a whole number from 0 to 100,000",
        "huge-int": "lon: not a longitude",
        "huge-uncertainty": "uncertainty_m: not 0..500,000 m",
        "far-future": "time: in the future",
        "visit-elsewhere": "site: the visit is placed more than 5 km from its site",
        "visit-unheld": "weapon_class: not in the site's inventory",
    }
    for ident, words in expected.items():
        assert words in reasons.get(ident, ""), (ident, reasons.get(ident))


def test_details_are_kept_and_old_reports_digest_as_before() -> None:
    rows = [_row("a", "casualties", killed=2, injured="1"),
            _row("b", "patrol", until="2026-06-01T15:00:00+02:00",
                 route="36.2 48.0, 36.3 48.1, 36.4 48.1"),
            _row("c")]  # fmt: skip
    parsed = validate(pd.DataFrame(rows), CLASSES, SITES)
    assert parsed.quarantine.empty, parsed.quarantine.to_dict("records")
    valid = parsed.valid.set_index("id")
    assert json.loads(valid.loc["a", "details"]) == {"confirmed_by": "unconfirmed",
                                                     "injured": 1, "killed": 2}  # fmt: skip
    assert valid.loc["a", "casualties"] == 3
    patrol = json.loads(valid.loc["b", "details"])
    assert patrol["until"] == "2026-06-01T13:00:00Z" and len(patrol["route"]) == 3
    # A report with no details digests exactly as before details existed.
    plain = parsed.valid[parsed.valid["id"] == "c"]
    assert valid.loc["c", "details"] is None
    before = content_hashes(plain[list(BASE)])
    assert before == [valid.loc["c", "content_hash"]]
    unpacked = with_details(parsed.valid).set_index("id")
    assert unpacked.loc["a", "killed"] == 2 and unpacked.loc["c", "killed"] is None


def _events(tmp_path: Path, *rows: dict[str, object]) -> pd.DataFrame:
    setup = small_setup(tmp_path)
    parsed = validate(pd.DataFrame(list(rows)), CLASSES, setup.rules.site_codes())
    assert parsed.quarantine.empty, parsed.quarantine.to_dict("records")
    reports = classify(with_details(parsed.valid), setup.theatre, setup.rules)
    return corroborate(reports, setup.theatre, setup.rules).events.set_index("event_id")


def test_weapons_against_their_lines_and_the_storage_sites(tmp_path: Path) -> None:
    # The small theatre's line runs along 36 E; the bundled rules' Dnipro site is at 35.02 E.
    events = _events(
        tmp_path,
        _row("inside", "weapon_sighting", lon=36.1, weapon_class="tank", count=2),
        _row("rear", "weapon_sighting", lon=35.3, lat=48.3, weapon_class="tank"),
        _row("at-site", "weapon_sighting", lon=35.02, lat=48.46, weapon_class="tank"),
        _row(
            "visit",
            "storage_visit",
            lon=35.02,
            lat=48.46,
            site="S-DNI",
            weapon_class="tank",
            count=27,
        ),
        _row(
            "full",
            "storage_visit",
            lon=35.02,
            lat=48.46,
            site="S-DNI",
            weapon_class="mlrs",
            count=12,
            time="2026-06-01T12:00:00Z",
        ),
    )
    assert events.loc["E-inside", "violation_kind"] == WITHDRAWAL
    assert events.loc["E-rear", "storage"] == OUTSIDE and not events.loc["E-rear", "violation"]
    assert events.loc["E-at-site", "storage"] == "at storage site S-DNI"
    visit = events.loc["E-visit"]
    assert (visit["expected"], visit["missing"], visit["violation_kind"]) == (30, 3, MISSING)
    assert events.loc["E-full", "missing"] == 0 and not events.loc["E-full", "violation"]


def test_impact_and_outgoing_fire_are_never_one_event(tmp_path: Path) -> None:
    events = _events(
        tmp_path,
        _row("i", "impact", lon=36.1),
        _row("o", "outgoing_fire", lon=36.1, reporter="MT-2"),
        _row("x", "explosion", lon=36.1, reporter="MT-3", time="2026-06-01T10:01:00Z"),
    )
    # The undetermined explosion merges with the impact; outgoing fire stays its own event.
    assert len(events) == 2 and events.loc["E-o", "n_reports"] == 1
    assert events.loc["E-i", "n_reports"] == 2


def test_rules_that_would_join_impact_and_outgoing_fire_are_refused(tmp_path: Path) -> None:
    from coalition.monitoring.rules import load_rules
    from tests.monitoring.helpers import RULES

    text = RULES.read_text(encoding="utf-8").replace(
        "  - [outgoing_fire, muzzle_flash]", "  - [outgoing_fire, muzzle_flash, explosion]"
    )
    (tmp_path / "rules.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(CoalitionError, match="explosion would merge an impact with outgoing"):
        load_rules(tmp_path / "rules.yaml")


@pytest.mark.parametrize(
    ("day", "start", "end"),
    [
        (dt.date(2026, 6, 1), "2026-05-31T16:30", "2026-06-01T16:30"),  # summer: UTC+3
        (dt.date(2026, 1, 15), "2026-01-14T17:30", "2026-01-15T17:30"),  # winter: UTC+2
        (dt.date(2026, 3, 29), "2026-03-28T17:30", "2026-03-29T16:30"),  # clocks go forward
    ],
)
def test_the_reporting_period_runs_to_the_local_cutoff(day: dt.date, start: str, end: str) -> None:
    reporting = Reporting(cutoff=dt.time(19, 30), timezone="Europe/Kyiv")
    got = reporting.period(day)
    assert [t.strftime("%Y-%m-%dT%H:%M") for t in got] == [start, end]
    assert reporting.day_of(got[0]) == day and reporting.day_of(got[1]) == day + dt.timedelta(1)
    assert Reporting().period(day)[0] == dt.datetime.combine(day, dt.time(0), tzinfo=dt.UTC)


def test_an_unknown_time_zone_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown time zone"):
        Reporting(timezone="Mars/Olympus")


def test_patrols_tell_unseen_sectors_from_quiet_ones(tmp_path: Path) -> None:
    setup = small_setup(tmp_path)
    events = _events(
        tmp_path,
        _row(
            "p",
            "patrol",
            lon=36.5,
            lat=47.5,
            until="2026-06-01T16:00:00Z",
            route="36.5 47.5, 36.6 48.0, 36.5 48.5",
        ),
    ).reset_index()
    log = patrols.log(events, setup.theatre)
    assert log.loc[0, "sectors"] == ["east"] and log.loc[0, "hours"] == 6.0
    assert log.loc[0, "km"] > 100
    seen = patrols.coverage(log, setup.theatre.sector_codes).set_index("sector")
    assert seen.loc["east", "observed"] and not seen.loc["west", "observed"]
