"""`coalition monitor`: ingest incident reports, count the day, raise alerts, write the
daily report. With no sub-command it runs the whole day on the bundled sample stream."""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from enum import StrEnum
from pathlib import Path

import pandas as pd
import typer
from rich.progress import Progress
from sqlalchemy import Engine

from coalition.cli.context import FORMAT, migrated_engine, settings
from coalition.cli.integrity import signed_products
from coalition.cli.output import Format, console, emit_rows, handles_errors, parse_date
from coalition.datafiles.paths import expand
from coalition.errors import CoalitionError
from coalition.monitoring import (
    FORMATS,
    DayResult,
    EventFilter,
    IngestResult,
    Reporting,
    Setup,
    Written,
    alert_log,
    analyse_day,
    events_between,
    in_words,
    ingest_files,
    latest_day,
    quarantine,
    synthetic,
    to_csv,
    to_geojson,
    to_parquet,
    to_records,
    why_merged,
    write_report,
)

app = typer.Typer(help="Ceasefire monitoring: reports, events, counts, alerts, daily report.")

DAY = typer.Option(
    None,
    "--day",
    help="report day (YYYY-MM-DD: the hours to the rules' cut-off, 19:30 Kyiv time, from the "
    "day before); default: the latest day with reports",
)
OUT = typer.Option(Path("reports"), "--out", help="folder for the HTML and PDF report")


#: Where its commands stand in `coalition --help` (see ``cli.registration``).
ORDER = 70


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="monitor")


def _setup(ctx: typer.Context) -> Setup:
    """The theatre and rules, with the line of contact loaded last into the database."""
    return Setup.load(settings(ctx).data_dir / "monitoring", migrated_engine(ctx))


def _files(paths: list[Path]) -> list[Path]:
    return expand(paths, FORMATS, "report files")


def _ingest(engine: Engine, setup: Setup, paths: list[Path]) -> list[IngestResult]:
    files = _files(paths)
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("ingesting", total=len(files))
        results = ingest_files(engine, files, setup.rules, lambda: progress.advance(task))
    emit_rows(
        [r.__dict__ for r in results],
        ["file", "rows", "stored", "duplicates", "quarantined"],
        Format.TABLE,
        "Ingest (stored once per report id; bad rows kept in the quarantine)",
    )
    return results


def _latest_day(engine: Engine, reporting: Reporting) -> dt.date:
    day = latest_day(engine, reporting)
    if day is None:
        raise CoalitionError("no reports stored: run `coalition monitor ingest FILE` first")
    return day


def _which_day(engine: Engine, day: str | None, reporting: Reporting) -> dt.date:
    """The day asked for, or the latest report day with reports."""
    return parse_date(day, "--day") if day else _latest_day(engine, reporting)


def _written(written: Written, ctx: typer.Context, engine: Engine) -> None:
    """Name the files and sign them with the ledger position they were made from."""
    console.print(f"report: {written.html}" + (f" and {written.pdf}" if written.pdf else ""))
    signed_products(engine, settings(ctx).keys_dir, [p for p in (written.html, written.pdf) if p])


def _show_day(result: DayResult, fmt: Format) -> None:
    rows = result.counts.to_dict("records")
    emit_rows(
        rows,
        list(result.counts.columns),
        fmt,
        f"Events per sector on {result.day} (corroborated: "
        f"{len(result.reports)} reports -> {len(result.events)} events)",
    )
    alerts = [
        {
            "rule": a.rule,
            "sector": a.sector,
            "crossed_at": a.crossed_at.strftime("%Y-%m-%d %H:%M"),
            "count": a.count,
            "threshold": f"> {a.threshold} in {a.window_h:g} h",
        }
        for a in result.alerts
    ]
    if fmt is Format.TABLE:
        if alerts:
            emit_rows(
                alerts,
                ["rule", "sector", "crossed_at", "count", "threshold"],
                fmt,
                f"Alerts on {result.day} ({result.new_alerts} new)",
            )
        else:
            console.print(f"No alerts on {result.day}.")
        if result.unobserved:
            console.print(
                f"[yellow]No patrol passed through {', '.join(result.unobserved)} that day: "
                "counts there come from cameras, sensors, UAVs and open sources alone, and "
                "quiet there is not evidence of calm.[/]",
                soft_wrap=True,
            )


@app.callback(invoke_without_command=True)
def monitor(
    ctx: typer.Context,
    day: str = DAY,
    out: Path = OUT,
    pdf: bool = typer.Option(True, "--pdf/--no-pdf", help="also print the report to PDF"),
) -> None:
    """With no sub-command: ingest the bundled sample stream, show the day's counts and
    alerts, and write the daily report (HTML and PDF)."""
    if ctx.invoked_subcommand is not None:
        return
    handles_errors(_demo)(ctx, day, out, pdf)


def _demo(ctx: typer.Context, day: str | None, out: Path, pdf: bool) -> None:
    engine, setup = migrated_engine(ctx), _setup(ctx)
    sample = settings(ctx).data_dir / "monitoring" / "sample"
    console.print(f"[bold]Sample stream[/] {sample} (synthetic, see its README)")
    _ingest(engine, setup, [sample])
    when = _which_day(engine, day, _setup(ctx).rules.reporting)
    result = analyse_day(engine, setup, when)
    _show_day(result, Format.TABLE)
    written = write_report(result, setup, out, pdf=pdf)
    _written(written, ctx, engine)


@app.command("ingest")
@handles_errors
def ingest_cmd(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(
        ..., help="report files or folders (csv, json, geojson, parquet)"
    ),
) -> None:
    """Store incident reports; the same report twice is stored once, bad rows go to the
    quarantine with their reasons."""
    _ingest(migrated_engine(ctx), _setup(ctx), paths)


@app.command("day")
@handles_errors
def day_cmd(ctx: typer.Context, day: str = DAY, fmt: Format = FORMAT) -> None:
    """Counts per sector for a day, and the alerts it raised."""
    engine = migrated_engine(ctx)
    when = _which_day(engine, day, _setup(ctx).rules.reporting)
    _show_day(analyse_day(engine, _setup(ctx), when), fmt)


class EventFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    GEOJSON = "geojson"
    PARQUET = "parquet"


@app.command("events")
@handles_errors
def events_cmd(
    ctx: typer.Context,
    day: str = DAY,
    first: str = typer.Option(None, "--from", help="first day of a range (YYYY-MM-DD)"),
    last: str = typer.Option(None, "--to", help="last day of a range (default: --from)"),
    sector: list[str] = typer.Option(None, "--sector", help="only this sector (repeatable)"),
    kind: list[str] = typer.Option(
        None,
        "--type",
        help="a report type or a count: shelling, bursts, drones, weapons, "
        "violations, casualties (repeatable)",
    ),
    zone: list[str] = typer.Option(None, "--zone", help="only this zone (repeatable)"),
    min_confidence: float = typer.Option(0.0, "--min-confidence", help="0 to 1"),
    merged_only: bool = typer.Option(
        False, "--merged", help="only events merged from several reports"
    ),
    fmt: EventFormat = typer.Option(EventFormat.TABLE, "--format", "-f"),
    out: Path = typer.Option(None, "--out", help="write to this file (needed for parquet)"),
) -> None:
    """Events of a day or a range, filtered, with every field: a table with the reports
    behind each and why they were merged, or JSON, CSV, GeoJSON or Parquet to export."""
    chosen = EventFilter(tuple(sector or ()), tuple(kind or ()), tuple(zone or ()),
                         min_confidence, merged_only)  # fmt: skip
    chosen.check()
    if fmt is EventFormat.PARQUET and out is None:
        raise CoalitionError("--format parquet needs --out FILE")
    engine = migrated_engine(ctx)
    if first or last:
        start = parse_date(first or last, "--from")
        end = parse_date(last, "--to") if last else start
    else:
        start = end = _which_day(engine, day, _setup(ctx).rules.reporting)
    with Progress(console=console, transient=True, disable=start == end) as bar:
        task = bar.add_task("events", total=(end - start).days + 1)
        events, links = events_between(engine, _setup(ctx), start, end,
                                       lambda _: bar.advance(task))  # fmt: skip
    events = chosen.apply(events)
    when = str(start) if start == end else f"{start} to {end}"
    if fmt is EventFormat.GEOJSON:
        _write(json.dumps(to_geojson(events), ensure_ascii=False), out)
    elif fmt is EventFormat.PARQUET:
        to_parquet(events, out)
        console.print(f"{len(events)} events ({when}) written to {out}")
    elif fmt in (EventFormat.JSON, EventFormat.CSV):
        text = (json.dumps(to_records(events, links), ensure_ascii=False)
                if fmt is EventFormat.JSON else to_csv(events, links))  # fmt: skip
        _write(text, out)
    else:
        rows = _event_rows(events, links)
        columns = list(rows[0]) if rows else ["event_id"]
        emit_rows(rows, columns, Format(fmt.value), f"Events, {when}")


def _write(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text + "\n")
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    console.print(f"written to {out}")


def _event_rows(events: pd.DataFrame, links: pd.DataFrame) -> list[dict[str, object]]:
    """One row per event for a person: where, what, and why its reports were merged."""
    why = why_merged(links)
    return [
        {
            "event_id": e.event_id,
            "time": e.time.strftime("%Y-%m-%d %H:%M:%S"),
            "type": e.type,
            "what": in_words(e),
            "sector": e.sector,
            "place": e.place,
            "geoprecision": e.geoprecision,
            "zone": e.zone,
            "km_from_line": round(e.distance_m / 1000, 1),
            "position": e.position_side,
            "attributed": e.side if isinstance(e.side, str) else "",
            "reports": e.n_reports,
            "confidence": round(e.confidence, 2),
            "violation": bool(e.violation),
            "contradiction": e.contradiction,
            "why_merged": why.get(e.event_id, ""),
        }
        for e in events.itertuples()
    ]


@app.command("report")
@handles_errors
def report_cmd(
    ctx: typer.Context,
    day: str = DAY,
    out: Path = OUT,
    pdf: bool = typer.Option(True, "--pdf/--no-pdf"),
) -> None:
    """Write the daily report (HTML, and PDF by WeasyPrint) with its map and charts."""
    engine = migrated_engine(ctx)
    when = _which_day(engine, day, _setup(ctx).rules.reporting)
    setup = _setup(ctx)
    written = write_report(analyse_day(engine, setup, when), setup, out, pdf=pdf)
    _written(written, ctx, engine)


@app.command("alerts")
@handles_errors
def alerts_cmd(
    ctx: typer.Context, day: str = typer.Option(None, "--day"), fmt: Format = FORMAT
) -> None:
    """The alert log (every alert raised so far, or one day's)."""
    rows = [
        {
            "day": a.day,
            "rule": a.rule,
            "sector": a.sector,
            "crossed_at": a.crossed_at,
            "count": a.count,
            "threshold": a.threshold,
            "events": a.event_ids,
        }
        for a in alert_log(migrated_engine(ctx), parse_date(day, "--day") if day else None)
    ]
    emit_rows(
        rows,
        ["day", "rule", "sector", "crossed_at", "count", "threshold", "events"],
        fmt,
        "Alert log",
    )


@app.command("quarantine")
@handles_errors
def quarantine_cmd(ctx: typer.Context, fmt: Format = FORMAT) -> None:
    """Rows that were not accepted, with the reasons and the row as received."""
    rows = [
        {"file": q.file, "row": q.row, "reason": q.reason, "raw": q.raw}
        for q in quarantine(migrated_engine(ctx))
    ]
    emit_rows(rows, ["file", "row", "reason", "raw"], fmt, "Quarantine")


@app.command("partition")
@handles_errors
def partition_cmd(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(..., help="report files or folders"),
    to: Path = typer.Option(..., "--to", help="dataset folder (day=YYYY-MM-DD/part-*.parquet)"),
) -> None:
    """Check reports and append them to a day-partitioned Parquet dataset, for `batch`.
    Rows that fail the checks are written beside it in _quarantine/, with the reasons."""
    from coalition.monitoring import scale  # Dask and DuckDB: loaded only for this command

    rules = _setup(ctx).rules
    for path in _files(paths):
        added = scale.partition(path, to, rules)
        console.print(  # one line a file, whatever the path's length: the terminal wraps
            f"{path}: {added.reports} reports in {added.days} day partitions, "
            f"{added.quarantined} quarantined",
            soft_wrap=True,
        )


@app.command("batch")
@handles_errors
def batch_cmd(
    ctx: typer.Context,
    dataset: Path = typer.Argument(..., help="dataset folder written by `partition`"),
    out: Path = typer.Option(..., "--out", help="folder for the events (Parquet, by day)"),
    workers: int = typer.Option(2, "--workers", min=1, help="local Dask worker processes"),
    scheduler: str = typer.Option(None, "--scheduler", help="address of a Dask scheduler"),
    fmt: Format = FORMAT,
) -> None:
    """Classify and corroborate every day of a dataset on Dask (a local cluster, or the
    scheduler given), write the events as Parquet and print the counts (DuckDB)."""
    from distributed import Client, LocalCluster

    from coalition.monitoring import scale

    setup = _setup(ctx)
    days = scale.dataset_days(dataset)
    if not days:
        raise CoalitionError(f"{dataset}: no day=YYYY-MM-DD partitions")
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task(f"{len(days)} days on Dask", total=len(days))

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done)

        if scheduler:
            with Client(scheduler) as client:
                scale.run_dask(dataset, setup, out, client, advance)
        else:
            with (
                LocalCluster(  # quiet: see forcegen.on_dask.cluster
                    n_workers=workers,
                    threads_per_worker=1,
                    dashboard_address=":0",
                    silence_logs=logging.CRITICAL,
                ) as cluster,
                Client(cluster) as client,
            ):
                scale.run_dask(dataset, setup, out, client, advance)
    table = scale.counts(out)
    emit_rows(
        table.assign(day=table["day"].astype(str)).to_dict("records"),
        list(table.columns),
        fmt,
        f"Events per day and sector ({out})",
    )


@app.command("synth")
@handles_errors
def synth_cmd(
    ctx: typer.Context,
    out: Path = typer.Argument(..., help="file to write (.csv, .json, .geojson, .parquet)"),
    events: int = typer.Option(1000, "--events", min=1),
    start: str = typer.Option("2026-06-01", "--start"),
    days: int = typer.Option(1, "--days", min=1),
    seed: int = typer.Option(0, "--seed"),
) -> None:
    """Write a synthetic report stream (for demos, tests and benchmarks; not real data)."""
    setup = _setup(ctx)
    frame = synthetic.generate(
        setup.theatre, setup.rules, events, parse_date(start, "--start"), days, seed
    )
    synthetic.write(frame, out)
    console.print(f"{len(frame)} reports of {events} events written to {out}")
