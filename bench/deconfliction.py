"""Deconfliction benchmark: conflict detection over a synthetic day of 100,000 volumes,
against the obvious alternatives in the same run.

Run from the repository root:
    .venv/bin/python bench/deconfliction.py                  # issue 13's size: 100,000
    .venv/bin/python bench/deconfliction.py --volumes 20000 --json out.json

Target on 2 cores (issue 13): detection over a day of 100,000 volumes in under 5 s.
Compared with brute force (every pair in plain Python; timed on a random subsample of
volumes and extrapolated by the number of pairs, n^2) and with PostGIS on a throwaway
local server: the same volumes as cores (points, lines, polygons) with their radius, a
GiST index on the footprint boxes and one on the time ranges, joined by box overlap
(`&&`, widened by the largest minimum) and `tstzrange` overlap (widened by the largest
buffer), then the same exact predicate in SQL. Where the PostGIS extension is missing,
the same query runs on plain PostgreSQL with `box` and `tstzrange` GiST indexes and
box-to-box distance only (an upper bound of the work, not the same answer; labelled).
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from rich.console import Console
from rich.table import Table

from coalition.deconfliction.bruteforce import brute_force
from coalition.deconfliction.detect import candidate_blocks, detect
from coalition.deconfliction.rules import load_rules
from coalition.deconfliction.synthetic import Knobs, generate
from coalition.deconfliction.volumes import VolumeTable, build_table

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "data" / "deconfliction" / "separation.yaml"


def _rows(table: VolumeTable, postgis: bool, reach: float) -> list[tuple[Any, ...]]:
    # Microseconds: synthetic windows are whole seconds, so these are exact.
    starts = np.round(table.start * 1e6).astype(np.int64).astype("datetime64[us]").astype(str)
    ends = np.round(table.end * 1e6).astype(np.int64).astype("datetime64[us]").astype(str)
    shapes = shapely.to_wkt(table.core, rounding_precision=-1).tolist() if postgis else None
    env = table.envelope.tolist()
    rows = []
    for k in range(len(table)):
        during = f"[{starts[k]}+00,{ends[k]}+00)"
        box = f"(({env[k][0]},{env[k][1]}),({env[k][2]},{env[k][3]}))"
        x0, y0, x1, y1 = env[k][0] - reach, env[k][1] - reach, env[k][2] + reach, env[k][3] + reach
        wide = f"(({x0},{y0}),({x1},{y1}))"
        geometry = shapes[k] if shapes else None
        rows.append(
            (
                k,
                int(table.activity[k]),
                int(table.kind[k]),
                float(table.floor[k]),
                float(table.ceiling[k]),
                during,
                float(table.radius[k]),
                box,
                wide,
                geometry,
                *env[k],
            )
        )
    return rows


QUERY_POSTGIS = """
SELECT a.id, b.id
FROM vols a JOIN vols b
  ON b.env && ST_Expand(a.env, %(reach)s) AND b.during && a.reach_time
 AND a.id < b.id AND a.act <> b.act
JOIN rules r ON r.ka = a.kind AND r.kb = b.kind
WHERE extract(epoch FROM greatest(lower(a.during), lower(b.during))
                        - least(upper(a.during), upper(b.during))) < r.buffer_s
  AND greatest(a.floor, b.floor) - least(a.ceil, b.ceil) < r.vertical
  AND CASE WHEN r.lateral_m > 0
           THEN greatest(ST_Distance(a.core, b.core) - a.r - b.r, 0) < r.lateral_m
           WHEN a.r + b.r > 0 THEN ST_Distance(a.core, b.core) < a.r + b.r
           ELSE ST_Relate(a.core, b.core, 'T********') END
"""

QUERY_PLAIN = """
SELECT a.id, b.id
FROM vols a JOIN vols b
  ON b.envbox && a.reachbox
 AND b.during && a.reach_time AND a.id < b.id AND a.act <> b.act
JOIN rules r ON r.ka = a.kind AND r.kb = b.kind
WHERE extract(epoch FROM greatest(lower(a.during), lower(b.during))
                        - least(upper(a.during), upper(b.during))) < r.buffer_s
  AND greatest(a.floor, b.floor) - least(a.ceil, b.ceil) < r.vertical
  AND sqrt(greatest(b.x0 - a.x1, a.x0 - b.x1, 0) ^ 2
         + greatest(b.y0 - a.y1, a.y0 - b.y1, 0) ^ 2) <= r.lateral_m
"""


def database(
    table: VolumeTable, reach: float, buffer_s: float, use_postgis: bool = True
) -> dict[str, Any]:
    """Load the volumes into a throwaway local PostgreSQL, index them and run the join
    (with PostGIS when it is installed and ``use_postgis``)."""
    sys.path.insert(0, str(ROOT))
    from sqlalchemy import create_engine, text
    from tests.pg_server import LocalPostgres, PostgresUnavailable

    rules = load_rules(RULES)
    try:
        server = LocalPostgres()
    except PostgresUnavailable as exc:
        return {"skipped": str(exc)}
    url = server.start()
    try:
        engine = create_engine(url)
        postgis = use_postgis
        with engine.begin() as con:
            try:
                if postgis:
                    con.execute(text("CREATE EXTENSION postgis"))
            except Exception:
                postgis = False
        raw = engine.raw_connection()
        cur = raw.cursor()
        started = time.perf_counter()
        cur.execute(
            "CREATE UNLOGGED TABLE vols (id int, act int, kind int, floor float8, "
            "ceil float8, during tstzrange, r float8, envbox box, reachbox box, core text, "
            "x0 float8, y0 float8, x1 float8, y1 float8)"
        )
        with cur.copy("COPY vols FROM STDIN") as copy:
            for row in _rows(table, postgis, reach):
                copy.write_row(row)
        cur.execute("ALTER TABLE vols ADD COLUMN reach_time tstzrange")
        widen = f"interval '{buffer_s} seconds'"
        cur.execute(
            f"UPDATE vols SET reach_time = tstzrange(lower(during) - {widen}, "
            f"upper(during) + {widen})"
        )
        if postgis:
            cur.execute("ALTER TABLE vols ALTER COLUMN core TYPE geometry USING core::geometry")
            cur.execute("ALTER TABLE vols ADD COLUMN env geometry")
            cur.execute("UPDATE vols SET env = ST_Expand(ST_Envelope(core), r)")
            cur.execute("CREATE INDEX ON vols USING gist (env)")
        else:
            cur.execute("CREATE INDEX ON vols USING gist (envbox)")
        cur.execute("CREATE INDEX ON vols USING gist (during)")
        cur.execute(
            "CREATE TABLE rules (ka int, kb int, lateral_m float8, vertical float8, "
            "buffer_s float8)"
        )
        codes = np.argwhere(rules.rule >= 0)
        cur.executemany(
            "INSERT INTO rules VALUES (%s, %s, %s, %s, %s)",
            [
                (
                    int(a),
                    int(b),
                    float(rules.lateral[a, b]),
                    float(rules.vertical[a, b]),
                    float(rules.buffer_s[a, b]),
                )
                for a, b in codes
            ],
        )
        cur.execute("ANALYZE")
        raw.commit()
        loaded = time.perf_counter() - started
        cur.execute("SET max_parallel_workers_per_gather = 2")
        started = time.perf_counter()
        cur.execute(QUERY_POSTGIS if postgis else QUERY_PLAIN, {"reach": reach})
        pairs = {(min(a, b), max(a, b)) for a, b in cur.fetchall()}
        seconds = time.perf_counter() - started
        raw.close()
        engine.dispose()
        return {"postgis": postgis, "load_s": loaded, "query_s": seconds, "pairs": pairs}
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--volumes", type=int, default=100_000)
    parser.add_argument("--zones", type=int, default=40, help="standing zones added")
    parser.add_argument(
        "--sample", type=int, default=1_500, help="activities sampled for brute force"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--postgres",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="also time PostGIS (or plain PostgreSQL) on a local server",
    )
    parser.add_argument(
        "--postgis",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="use PostGIS when installed (--no-postgis: plain PostgreSQL boxes)",
    )
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    console = Console()
    rules = load_rules(RULES)
    console.print(
        f"[bold]deconfliction benchmark[/] on {platform.machine()}, "
        f"Python {platform.python_version()}"
    )
    figures: dict[str, Any] = {}

    with console.status(f"generating a day of {args.volumes:,} volumes"):
        started = time.perf_counter()
        activities = generate(args.volumes, args.seed, knobs=Knobs(zones=args.zones))
        figures["generate_s"] = time.perf_counter() - started
        started = time.perf_counter()
        table = build_table(activities)
        figures["compile_s"] = time.perf_counter() - started
    n = len(table)
    figures.update(volumes=n, activities=len(activities))

    with console.status(f"detecting conflicts among {n:,} volumes"):
        started = time.perf_counter()
        found = detect(table, rules)
        figures["detect_s"] = time.perf_counter() - started
        figures["conflicts"] = len(found)
        figures["candidate_pairs"] = sum(len(b[2]) for b in candidate_blocks(table, rules))

    with console.status(f"brute force on {args.sample:,} volumes"):
        rng = np.random.default_rng(0)
        chosen = sorted(
            rng.choice(
                len(activities), size=min(args.sample, len(activities)), replace=False
            ).tolist()
        )
        part = build_table([activities[k] for k in chosen])
        m = len(part)
        started = time.perf_counter()
        slow = brute_force(part, rules)
        brute = time.perf_counter() - started
        figures["brute_sample_volumes"] = m
        figures["brute_sample_s"] = brute
        figures["brute_extrapolated_s"] = brute * (n * (n - 1)) / max(m * (m - 1), 1)
        figures["brute_agrees"] = slow.pairs() == detect(part, rules).pairs()

    if args.postgres:
        with console.status("PostgreSQL: loading, indexing and joining the same volumes"):
            pg = database(table, rules.max_lateral, float(rules.buffer_s.max()), args.postgis)
        if "skipped" in pg:
            figures["postgres_skipped"] = pg["skipped"]
        else:
            ours = {(int(a), int(b)) for a, b in zip(found.a, found.b, strict=True)}
            figures.update(
                postgres_contains_ours=ours <= pg["pairs"],
                postgres_postgis=pg["postgis"],
                postgres_load_s=pg["load_s"],
                postgres_query_s=pg["query_s"],
                postgres_pairs=len(pg["pairs"]),
                postgres_agrees=pg["pairs"] == ours,
            )

    d = figures["detect_s"]
    table_out = Table(
        title=f"Conflict detection, a day of {n:,} volumes ({figures['conflicts']:,} conflicts)"
    )
    for column in ("method", "seconds", "time / project's", "note"):
        table_out.add_column(column)
    table_out.add_row(
        "project: R-trees per kind + numpy + GEOS",
        f"{d:.2f}",
        "1.0",
        f"{figures['candidate_pairs']:,} candidate pairs; projection and "
        f"compile {figures['compile_s']:.1f} s before",
    )
    b = figures["brute_extrapolated_s"]
    table_out.add_row(
        "brute force, every pair in Python",
        f"{b:,.0f}",
        f"{b / d:,.0f}",
        f"EXTRAPOLATED (x n^2) from {m:,} volumes in {brute:.1f} s; "
        f"same pairs there: {figures['brute_agrees']}",
    )
    if "postgres_query_s" in figures:
        q = figures["postgres_query_s"]
        label = (
            "PostGIS: && + tstzrange, GiST"
            if figures["postgres_postgis"]
            else "plain PostgreSQL: box && + tstzrange, GiST (boxes only)"
        )
        table_out.add_row(
            label,
            f"{q:.2f}",
            f"{q / d:.1f}",
            f"query only, after {figures['postgres_load_s']:.1f} s to load and index; "
            + (
                f"same pairs: {figures['postgres_agrees']}"
                if figures["postgres_postgis"]
                else f"{figures['postgres_pairs']:,} box pairs, containing ours: "
                f"{figures['postgres_contains_ours']}"
            ),
        )
    elif "postgres_skipped" in figures:
        table_out.add_row("PostgreSQL", "", "", f"skipped: {figures['postgres_skipped']}")
    console.print(table_out)
    console.print(
        f"detection: {d:.2f} s (target under 5 s for 100,000 volumes) -> "
        + ("met" if d < 5 or n < 100_000 else "MISSED")
    )
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
