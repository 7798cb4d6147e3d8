"""The benchmark scripts run end to end at a tiny size (their figures come from bench/)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_forcegen_bench_runs_and_reports(tmp_path: Path) -> None:
    out = tmp_path / "figures.json"
    args = "--requirements 40 --units 100 --mc-requirements 8 --mc-units 40 --mc-states 5"
    args += f" --draws 200 --naive-draws 20 --json {out}"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "forcegen.py"), *args.split()],
        check=True,
        capture_output=True,
        timeout=300,
    )
    figures = json.loads(out.read_text())
    sourcing, mc = figures["sourcing"], figures["monte_carlo"]
    assert sourcing["milp_objective"] >= sourcing["greedy_objective"] - 1e-9
    assert sourcing["milp_proven_gap"] < 0.01
    assert mc["draws"] == 200
    assert mc["uncertain_variables"] == 11  # the US backstop, 5 parliaments, 5 governments
    # Accepting a 1% gap can only lose coverage, and at most 1% of it in each draw.
    rough, best = mc["gap_1pct"]["mean_coverage"], mc["optimal"]["mean_coverage"]
    assert best * 0.99 - 1e-9 <= rough <= best + 1e-9
    # The same draws on Dask give the same estimates, with one worker and with two.
    assert mc["dask_1"]["same_as_one_process"] and mc["dask_2"]["same_as_one_process"]
    assert mc["by_precision"]["half_width"] <= 0.01 or mc["by_precision"]["draws"] >= 200_000


def test_monitoring_bench_runs_and_reports(tmp_path: Path) -> None:
    out = tmp_path / "figures.json"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "monitoring.py"),
            *f"--reports 3000 --days 2 --sample 500 --json {out}".split(),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    figures = json.loads(out.read_text())
    assert 2500 < figures["reports"] < 3500
    # The naive loop and GeoPandas compute the same distances and sectors.
    assert figures["naive_agrees"] == 1.0
    assert figures["geopandas_agrees"] == 1.0
    assert 0 < figures["events"] < figures["reports"]
    for key in ("classify_s", "locate_s", "naive_classify_s", "geopandas_classify_s"):
        assert figures[key] > 0


def test_osint_bench_runs_and_reports(tmp_path: Path) -> None:
    out = tmp_path / "figures.json"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "osint.py"), "--articles", "20", "--json", str(out)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    figures = json.loads(out.read_text())
    assert figures["articles"] == 20
    assert figures["candidates"] > 0 and figures["project_articles_per_s"] > 0
    assert figures["duplicate_groups"] >= 1  # the same stories recur in the corpus


def test_ledger_bench_runs_and_reports(tmp_path: Path) -> None:
    out = tmp_path / "figures.json"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "ledger.py"), "--events", "300", "--no-postgres",
         "--json", str(out)],
        check=True,
        capture_output=True,
        timeout=300,
    )  # fmt: skip
    figures = json.loads(out.read_text())
    with_, without = figures["sqlite_with"], figures["sqlite_without"]
    assert with_["stored"] == without["stored"] == figures["reports"] > 300
    assert with_["verified"] is True and with_["ingest_s"] > 0 and without["ingest_s"] > 0
