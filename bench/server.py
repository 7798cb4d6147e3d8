"""Server benchmark: position-as-of queries over HTTP on loopback at a fixed rate (500
requests/s for 30 s by default, by Debian's hey: 5 processes on 5 states and dates, 2
connections each), p50/p99 latency, on SQLite and on PostgreSQL; and the same load
without the in-memory registry snapshot (every request reads the database), the obvious
alternative.

Run from the repository root (README, "Benchmarks"):
    .venv/bin/python bench/server.py                       # 500/s for 30 s, both databases
    .venv/bin/python bench/server.py --rate 200 --seconds 5 --json out.json

Target on 2 cores (issue 6): p99 under 50 ms on SQLite and PostgreSQL.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
import numpy as np
from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
COALITION = [sys.executable, "-m", "coalition.cli.app"]
STATES = ["GBR", "FRA", "DEU", "POL", "SWE", "ITA", "ESP", "DNK", "FIN", "NLD"]
DAYS = ["2025-02-17", "2025-03-01", "2025-09-04", "2026-01-06", "2026-06-01"]


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _prepare(url: str) -> None:
    env = os.environ | {"COALITION_NEW_PASSWORD": "benchmark password"}
    subprocess.run([*COALITION, "--db", url, "load"], check=True, capture_output=True)
    subprocess.run([*COALITION, "--db", url, "users", "add", "bench", "--role", "observer"],
                   check=True, capture_output=True, env=env)  # fmt: skip


def _hey() -> str:
    """Debian's hey, the load generator (installed when missing and allowed)."""
    found = shutil.which("hey")
    if found is None and os.geteuid() == 0:
        subprocess.run(["apt-get", "install", "-y", "-qq", "hey"], check=False, capture_output=True)
        found = shutil.which("hey")
    if found is None:
        raise SystemExit("this benchmark needs Debian's hey: apt-get install hey")
    return found


def _load(base: str, token: str, rate: float, seconds: float) -> dict[str, Any]:
    """Five hey processes at once, each on its own state and date, two connections
    each, together ``rate`` requests per second; every response's time from CSV."""
    hey, streams = _hey(), 5
    per_connection = rate / (streams * 2)
    procs = []
    for k in range(streams):
        url = f"{base}/api/states/{STATES[k]}/position?on={DAYS[k]}"
        procs.append(subprocess.Popen(
            [hey, "-z", f"{seconds}s", "-c", "2", "-q", f"{per_connection:g}", "-o", "csv",
             "-H", f"Authorization: Bearer {token}", url],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        ))  # fmt: skip
    times, errors = [], 0
    for proc in procs:
        out, _ = proc.communicate()
        for line in out.splitlines()[1:]:
            fields = line.split(",")
            if len(fields) >= 7:
                times.append(float(fields[0]))
                errors += fields[6] != "200"
    ms = np.array(times) * 1000
    return {"requests": len(ms), "errors": errors, "achieved_rate": len(ms) / seconds,
            "p50_ms": float(np.percentile(ms, 50)), "p99_ms": float(np.percentile(ms, 99)),
            "max_ms": float(ms.max())}  # fmt: skip


def run(url: str, rate: float, seconds: float, ttl: float) -> dict[str, Any]:
    port = _port()
    env = os.environ | {"COALITION_SNAPSHOT_TTL": str(ttl)}
    command = [*COALITION, "--db", url, "serve", "--port", str(port)]
    server = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                httpx.get(base + "/api/health", timeout=0.5)
                break
            except httpx.HTTPError:
                time.sleep(0.05)
        form = {"username": "bench", "password": "benchmark password"}
        token = httpx.post(base + "/api/auth/token", data=form).json()["access_token"]
        _load(base, token, min(rate, 50), 1.0)  # warm up
        return _load(base, token, rate, seconds)
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=500)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    console = Console()
    console.print(
        f"[bold]server benchmark[/] on {platform.machine()}, Python {platform.python_version()}"
    )
    folder = Path(tempfile.mkdtemp(prefix="coalition-bench-"))
    backends = {"SQLite": f"sqlite:///{folder / 'bench.sqlite3'}"}
    server = None
    if not args.no_postgres:
        from tests.pg_server import LocalPostgres, PostgresUnavailable

        try:
            server = LocalPostgres()
            backends["PostgreSQL"] = server.start()
        except PostgresUnavailable as exc:
            console.print(f"PostgreSQL skipped: {exc}")
    figures: dict[str, Any] = {"rate": args.rate, "seconds": args.seconds}
    try:
        for name, url in backends.items():
            _prepare(url)
            with console.status(f"{name}: {args.rate:g}/s for {args.seconds:g} s"):
                figures[name] = run(url, args.rate, args.seconds, ttl=2.0)
            with console.status(f"{name}, no snapshot: {args.rate:g}/s for {args.seconds:g} s"):
                figures[name + " without snapshot"] = run(url, args.rate, args.seconds, ttl=0.0)
    finally:
        if server is not None:
            server.stop()
    table = Table(
        title=f"GET /api/states/{{code}}/position, {args.rate:g} requests/s for {args.seconds:g} s"
    )
    for column in ("database", "reads", "achieved/s", "p50 ms", "p99 ms", "max ms", "errors"):
        table.add_column(column)
    for name in backends:
        for label, key in (
            ("snapshot", name),
            ("every request reads the database", name + " without snapshot"),
        ):
            r = figures[key]
            table.add_row(name, label, f"{r['achieved_rate']:.0f}", f"{r['p50_ms']:.1f}",
                          f"{r['p99_ms']:.1f}", f"{r['max_ms']:.0f}", str(r["errors"]))  # fmt: skip
    console.print(table)
    for name in backends:
        p99 = figures[name]["p99_ms"]
        console.print(
            f"{name}: p99 {p99:.1f} ms (target under 50 ms) -> {'met' if p99 < 50 else 'MISSED'}"
        )
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
