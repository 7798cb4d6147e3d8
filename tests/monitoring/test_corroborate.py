"""Crafted clusters: what must merge, and near misses that must stay apart."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from coalition.monitoring.classify import classify
from coalition.monitoring.corroborate import Corroborated, corroborate
from coalition.monitoring.pipeline import Setup
from tests.monitoring.helpers import frame, report, small_setup

# One degree of longitude at 48 N is about 74.6 km: 0.001 deg is about 74.6 m.
M_PER_DEG_LON = 74_625.0


@pytest.fixture
def setup(tmp_path: Path) -> Setup:
    return small_setup(tmp_path)


def run(setup: Setup, *rows: dict[str, Any]) -> Corroborated:
    return corroborate(
        classify(frame(*rows), setup.theatre, setup.rules), setup.theatre, setup.rules
    )


def groups(result: Corroborated) -> list[list[str]]:
    members = result.members.groupby("event_id")["report_id"].apply(sorted)
    return sorted(members.tolist())


def test_three_reporters_of_one_explosion_make_one_event(setup: Setup) -> None:
    result = run(
        setup,
        report("mt", "2026-06-01T10:00:00Z", 36.100, 48.0, uncertainty_m=300),
        report(
            "cam",
            "2026-06-01T10:01:30Z",
            36.103,
            48.0,
            reporter="CAM-1",
            reporter_kind="fixed_camera",
            type="projectile",
            uncertainty_m=150,
        ),
        report(
            "ac",
            "2026-06-01T10:04:00Z",
            36.110,
            48.0,
            reporter="AC-1",
            reporter_kind="acoustic_sensor",
            uncertainty_m=800,
        ),
    )
    assert groups(result) == [["ac", "cam", "mt"]]
    event = result.events.iloc[0]
    assert event["n_reports"] == 3 and event["type"] == "explosion"  # the most trusted
    assert event["time"] == pd.Timestamp("2026-06-01T10:00:00Z")
    # 1 - (1-0.9)(1-0.8)(1-0.6)
    assert event["confidence"] == pytest.approx(1 - 0.1 * 0.2 * 0.4)
    assert event["uncertainty_m"] < 150  # several fixes narrow the position
    links = result.links
    assert len(links) >= 2 and (links["metres_apart"] <= links["metres_allowed"]).all()
    assert (links["seconds_apart"] <= setup.rules.corroboration.window_s).all()


def test_near_misses_stay_apart(setup: Setup) -> None:
    allowed = 200 + 200  # two reports of 200 m uncertainty
    just_out = (allowed + 30) / M_PER_DEG_LON
    just_in = (allowed - 30) / M_PER_DEG_LON
    window = setup.rules.corroboration.window_s
    result = run(
        setup,
        # too far apart for their stated uncertainty
        report("far_a", "2026-06-01T10:00:00Z", 36.1, 48.0),
        report("far_b", "2026-06-01T10:00:00Z", 36.1 + just_out, 48.0, reporter="MT-2"),
        # too late
        report("late_a", "2026-06-01T12:00:00Z", 36.2, 48.0),
        report(
            "late_b",
            f"{pd.Timestamp('2026-06-01T12:00:00Z') + pd.Timedelta(seconds=window + 1)}",
            36.2,
            48.0,
            reporter="MT-2",
        ),
        # one reporter twice: two explosions, not one
        report("same_a", "2026-06-01T14:00:00Z", 36.3, 48.0),
        report("same_b", "2026-06-01T14:00:30Z", 36.3, 48.0),
        # incompatible types
        report("drone", "2026-06-01T16:00:00Z", 36.4, 48.0, type="drone"),
        report("boom", "2026-06-01T16:00:00Z", 36.4, 48.0, reporter="MT-2"),
        # sightings of different weapon classes
        report(
            "tank", "2026-06-01T18:00:00Z", 36.5, 48.0, type="weapon_sighting", weapon_class="tank"
        ),
        report(
            "mlrs",
            "2026-06-01T18:00:00Z",
            36.5,
            48.0,
            type="weapon_sighting",
            weapon_class="mlrs",
            reporter="MT-2",
        ),
        # and the control: just inside, merged
        report("in_a", "2026-06-01T20:00:00Z", 36.6, 48.0),
        report("in_b", "2026-06-01T20:00:00Z", 36.6 + just_in, 48.0, reporter="MT-2"),
    )
    merged = [g for g in groups(result) if len(g) > 1]
    assert merged == [["in_a", "in_b"]]
    assert len(result.events) == 11


def test_chains_merge_and_contradictions_stay_visible(setup: Setup) -> None:
    result = run(
        setup,
        report("a", "2026-06-01T10:00:00Z", 36.100, 48.0, side="left", basis="crater analysis"),
        report(
            "b",
            "2026-06-01T10:05:00Z",
            36.105,
            48.0,
            reporter="MT-2",
            side="right",
            basis="crater analysis",
        ),
        report("c", "2026-06-01T10:09:00Z", 36.110, 48.0, reporter="MT-3"),
    )
    # a-c are 9 min and 745 m apart (too far), but each is linked to b.
    assert groups(result) == [["a", "b", "c"]]
    assert len(result.links) == 2
    assert result.events["contradiction"].iloc[0] == "reporters attribute it to different sides"


def test_a_vague_report_pairs_by_its_own_radius(setup: Setup) -> None:
    """One open-source report 5 km uncertain among many precise ones still finds its
    event (it is paired one by one, not through the common search box)."""
    precise = [
        report(
            f"p{i}",
            "2026-06-01T10:00:00Z",
            36.0 + i * 0.05,
            48.5,
            reporter=f"MT-{i}",
            uncertainty_m=50,
        )
        for i in range(200)
    ]
    vague = report(
        "osint",
        "2026-06-01T10:03:00Z",
        36.0 + 0.05 * 7 + 0.04,
        48.5,
        reporter="OS-1",
        reporter_kind="open_source",
        uncertainty_m=5_000,
    )
    result = run(setup, *precise, vague)
    event = result.members.set_index("report_id")["event_id"]
    assert event["osint"] == event["p7"]
