"""Ledger benchmark: what tamper evidence costs when a million incident reports are
ingested, with and without the ledger, in the same run, on SQLite (and PostgreSQL when
the tests' local server is available).

Run from the repository root (README, "Benchmarks"):
    .venv/bin/python bench/ledger.py                    # issue 12's size: ~1,000,000 reports
    .venv/bin/python bench/ledger.py --events 5000 --json out.json

"Without" is the same ingest (one transaction, RETURNING, quarantine) with the step that
enters the inserted rows in the ledger taken out; "with" is what ships. Also timed: a
full `verify` of the store (every record re-hashed against the ledger, the Merkle root).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from coalition.monitoring import ingest
from coalition.monitoring.pipeline import Setup
from coalition.monitoring.reports import Parsed, validate
from coalition.monitoring.synthetic import generate
from coalition.store import ledger, make_engine, transaction, upgrade

ROOT = Path(__file__).resolve().parents[1]


@contextmanager
def without_ledger() -> Iterator[None]:
    """The shipped ingest with its ledger step removed, for the comparison only."""
    kept = ingest._enter_ledger
    ingest._enter_ledger = lambda *args, **kwargs: None
    try:
        yield
    finally:
        ingest._enter_ledger = kept


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def run(url: str, parsed: Parsed, ledgered: bool) -> dict[str, Any]:
    engine = make_engine(url)
    upgrade(engine)

    def store() -> ingest.IngestResult:
        return ingest.store(engine, parsed, "bench.csv")

    if ledgered:
        seconds, result = timed(store)
    else:
        with without_ledger():
            seconds, result = timed(store)
    figures: dict[str, Any] = {"ingest_s": round(seconds, 2), "stored": result.stored}
    if ledgered:

        def check() -> ledger.Verification:
            with transaction(engine) as session:
                return ledger.verify(session)

        verify_s, verified = timed(check)
        figures |= {"verify_s": round(verify_s, 2), "verified": verified.ok}
    engine.dispose()
    return figures


@contextmanager
def postgres() -> Iterator[str | None]:
    """The tests' throwaway local PostgreSQL server, or None where there is none."""
    sys.path.insert(0, str(ROOT))
    from tests.pg_server import LocalPostgres, PostgresUnavailable

    try:
        server = LocalPostgres()
    except PostgresUnavailable as exc:
        print(f"PostgreSQL skipped: {exc}")
        yield None
        return
    url = server.start()
    try:
        yield url
    finally:
        server.stop()


def scratch_pg(admin_url: str, name: str) -> str:
    from sqlalchemy import create_engine, text

    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name}"))
        conn.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    return admin_url.rsplit("/", 1)[0] + f"/{name}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=590_000, help="~1.7 reports each")
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    setup = Setup.load(ROOT / "data" / "monitoring")
    frame = generate(setup.theatre, setup.rules, args.events, dt.date(2026, 6, 1), days=7)
    raw = frame.drop(columns=[c for c in ("event_id",) if c in frame])
    parsed = validate(raw, set(setup.rules.withdrawal_distance()))
    figures: dict[str, Any] = {
        "reports": len(parsed.valid),
        "machine": f"{platform.machine()}, {platform.python_version()}",
    }
    with tempfile.TemporaryDirectory() as folder:
        for ledgered in (False, True):
            url = f"sqlite:///{Path(folder) / f'ledger-{ledgered}.sqlite3'}"
            figures[f"sqlite_{'with' if ledgered else 'without'}"] = run(url, parsed, ledgered)
    if not args.no_postgres:
        with postgres() as admin_url:
            if admin_url is not None:
                for ledgered in (False, True):
                    url = scratch_pg(admin_url, f"bench_ledger_{int(ledgered)}")
                    key = f"postgresql_{'with' if ledgered else 'without'}"
                    figures[key] = run(url, parsed, ledgered)

    table = Table(title=f"Ingest of {figures['reports']:,} reports, with and without the ledger")
    for column in ("backend", "without (s)", "with (s)", "ratio", "verify (s)"):
        table.add_column(column, justify="right")
    for backend in ("sqlite", "postgresql"):
        if f"{backend}_with" not in figures:
            continue
        without, with_ = figures[f"{backend}_without"], figures[f"{backend}_with"]
        ratio = with_["ingest_s"] / max(without["ingest_s"], 1e-9)
        figures[f"{backend}_ratio"] = round(ratio, 2)
        table.add_row(
            backend,
            f"{without['ingest_s']:.1f}",
            f"{with_['ingest_s']:.1f}",
            f"{ratio:.2f}x",
            f"{with_['verify_s']:.1f}",
        )
    Console().print(table)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
