"""The situation report: the main job's output, for people (rich) or tools (JSON)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.panel import Panel
from rich.text import Text

from coalition.cli.context import FORMAT, open_registry, settings
from coalition.cli.integrity import signed_products
from coalition.cli.output import (
    Format,
    console,
    emit_json,
    emit_rows,
    handles_errors,
    parse_date,
    print_indented,
    print_table,
)
from coalition.cli.registry import emit_sizes
from coalition.domain import (
    Bucket,
    MissionCondition,
    SituationReport,
    SituationSection,
    Status,
)
from coalition.domain.quantities import QuantityTotals
from coalition.errors import CoalitionError
from coalition.store import make_engine

BUCKET_STYLE = {
    Bucket.IN: "green",
    Bucket.CONDITIONAL: "yellow",
    Bucket.OPEN: "cyan",
    Bucket.OUT: "red",
    Bucket.UNKNOWN: "dim",
}


#: Where its commands stand in `coalition --help` (see ``cli.registration``).
ORDER = 30


def register(app: typer.Typer) -> None:
    app.command(name="report")(handles_errors(report))


def report(
    ctx: typer.Context,
    on: str = typer.Option(None, "--on", help="date (YYYY-MM-DD), default today"),
    fmt: Format = FORMAT,
    out: Path = typer.Option(
        None, "--out", help="also write the report as JSON to this file, signed (FILE.sig)"
    ),
) -> None:
    """Who is in, conditional, open, out or unknown on a date, per domain, with the
    conditions each conditional pledge waits for."""
    day = parse_date(on, "--on")
    with open_registry(ctx) as registry:
        result = registry.situation(day)
    if out is not None:
        _export(ctx, result, out)
    if fmt is Format.JSON:
        emit_json(result)
    else:
        render(result)


def _export(ctx: typer.Context, result: SituationReport, out: Path) -> None:
    """The report as a file a ministry can be sent, signed with the ledger position."""
    try:
        out.write_text(result.model_dump_json(indent=2), encoding="utf-8")
    except OSError as exc:
        raise CoalitionError(f"{out}: cannot write the report ({exc.strerror})") from exc
    conf = settings(ctx)
    signed_products(make_engine(conf.db_url), conf.keys_dir, [out])


def render(report: SituationReport) -> None:
    console.print(
        Panel.fit(
            f"[bold]Situation report[/] on {report.on}: pledges and positions "
            "of the states offering security guarantees"
        )
    )
    if report.mission:
        console.print(
            "[bold]Mission conditions[/] (every pledge of forces in Ukraine waits for them, "
            "on top of its own):"
        )
        evidence: dict[str, list[MissionCondition]] = {}
        for m in report.mission:
            evidence.setdefault(m.label, []).append(m)
        for label, items in evidence.items():
            print_indented(f"{label}:", 2)
            for m in items:
                who = f"{m.speaker}, " if m.speaker else ""
                print_indented(f"“{m.quote}” ({who}{m.date}, {m.source.id} {m.source.grade})")
    for section in report.sections:
        _section(section)
    if report.claims:
        claims = [
            {
                "date": claim.date.isoformat(),
                "count": claim.count,
                "said_by": claim.speaker or "",
                "source": f"{claim.source.id} {claim.source.grade}",
                "what": claim.description,
            }
            for claim in report.claims
        ]
        columns = ["date", "count", "said_by", "source", "what"]
        emit_rows(claims, columns, Format.TABLE, "Reported counts (states not named)", "what")
        named = report.in_for_forces()
        console.print(
            f"  The registry names {len(named)} states as in for forces (land, sea or air): "
            f"{', '.join(sorted(named)) or 'none'}."
        )
    if report.quantities is not None:
        _quantities(report.quantities)
    emit_sizes(report.sizes, Format.TABLE)
    if report.stances:
        console.print("[bold]Positions of non-contributors[/]")
        for stance in report.stances:
            print_indented(
                f"{stance.actor} {stance.stance.value} {stance.subject} ({stance.date})", 2
            )
            print_indented(f"“{stance.quote}” [{stance.source.id} {stance.source.grade}]")
    if report.disputed:
        console.print(
            "[bold]Disputed readings[/] (sources disagree on the latest day; read at the "
            "least committed)"
        )
        for position in report.disputed:
            readings = "; ".join(
                f"{s.source.id} [{s.grade}]: {s.status.label}" for s in position.statements
            )
            print_indented(f"{position.pledge.id} on {position.since}: {readings}", 2)
    if report.meetings:
        last = report.meetings[-1]
        console.print(f"[bold]Latest meeting[/]: {last.title}, {last.place}, {last.date}")
        latest_priorities = report.current_priorities
        if latest_priorities is not None:
            console.print(f"  Priorities ({latest_priorities.date}):")
            for number, item in enumerate(latest_priorities.priorities, 1):
                console.print(f"   {number}. {item}")


def _quantities(found: QuantityTotals) -> None:
    """How much is stated: troop personnel by status, support euros by stage, each with
    the pledges that state no figure (details: `coalition totals --explain`)."""
    rows = [
        {"what": f"personnel, {Status(status).label}", "stated": total.text()}
        for status, total in sorted(found.personnel.items())
        if total.figures
    ]
    rows += [
        {"what": f"support {stage}", "stated": total.text()}
        for stage, total in found.support.items()
        if total.figures or total.unknown
    ]
    if rows:
        emit_rows(rows, ["what", "stated"], Format.TABLE,
                  "How much is stated (coalition totals --explain for the quotes)")  # fmt: skip


def _section(section: SituationSection) -> None:
    known = [row for row in section.rows if row.position is not None]
    unknown = ", ".join(r.actor.code for r in section.in_bucket(Bucket.UNKNOWN))
    if not known:
        console.print(f"[bold]{section.title}[/]: no statement yet from {unknown or 'anyone'}")
        return
    rows: list[list[str | Text]] = []
    for row in known:
        assert row.position is not None
        status = row.position.reading
        sources = sorted({s.source.id for s in row.position.statements})
        rows.append(
            [
                Text(row.label, style=BUCKET_STYLE[row.bucket]),
                row.actor.code,
                status,
                row.position.since.isoformat(),
                ", ".join(c.label for c in row.own_conditions),
                sources[0] + (f" +{len(sources) - 1}" if len(sources) > 1 else ""),
            ]
        )
    headers = ["", "state", "status", "since", "own conditions", "sources"]
    caption = f"unknown (no statement yet): {unknown}" if unknown else ""
    print_table(headers, rows, section.title, caption)
