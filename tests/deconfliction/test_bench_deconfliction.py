"""The deconfliction benchmark runs end to end at a tiny size (its figures come from
bench/deconfliction.py at 100,000 volumes)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_deconfliction_bench_runs_and_reports(tmp_path: Path) -> None:
    out = tmp_path / "figures.json"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "deconfliction.py"), "--volumes", "2000",
         "--zones", "5", "--sample", "150", "--no-postgres", "--json", str(out)],
        check=True,
        capture_output=True,
        timeout=300,
    )  # fmt: skip
    figures = json.loads(out.read_text())
    assert figures["volumes"] == 2005 and figures["conflicts"] > 0
    assert figures["brute_agrees"] is True
    assert figures["detect_s"] > 0 and figures["brute_extrapolated_s"] > figures["brute_sample_s"]
    assert figures["candidate_pairs"] >= figures["conflicts"]
