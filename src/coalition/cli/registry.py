"""Registry commands: load and validate data, positions, timelines, changes, totals, roles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import typer
from rich.table import Table
from rich.text import Text

from coalition.cli.context import FORMAT, open_registry, settings
from coalition.cli.output import (
    Format,
    console,
    emit_json,
    emit_rows,
    handles_errors,
    parse_date,
    print_indented,
)
from coalition.domain import (
    Bucket,
    Change,
    Condition,
    PledgePosition,
    Statement,
    Status,
)
from coalition.domain.quantities import (
    CountSum,
    EuroSum,
    Figure,
    ForceSize,
    QuantityTotals,
    SizeBasis,
    SizeSpan,
)
from coalition.errors import DataFileError
from coalition.registry import load, validate
from coalition.store import is_current, make_engine, upgrade

#: Where its commands stand in `coalition --help` (see ``cli.registration``).
ORDER = 10


def register(app: typer.Typer) -> None:
    """Attach the registry commands to the root app."""
    for command in (load_cmd, validate_cmd, position, timeline, changes, totals, roles):
        app.command(name=command.__name__.removesuffix("_cmd"))(handles_errors(command))


def load_cmd(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(None, help="data files or folders (default: bundled)"),
) -> None:
    """Create or upgrade the database, then load data files into it (all or nothing)."""
    conf = settings(ctx)
    engine = make_engine(conf.db_url)
    upgrade(engine)
    summary = load(engine, paths or [conf.registry_dir])
    table = Table(title=f"Loaded into {engine.url.render_as_string()}", title_justify="left")
    for column in ("records", "new", "already stored"):
        table.add_column(column)
    for what in sorted(set(summary.inserted) | set(summary.unchanged)):
        table.add_row(what, str(summary.inserted.get(what, 0)), str(summary.unchanged.get(what, 0)))
    console.print(table)
    if summary.kept_not_in_files:
        console.print(
            f"[yellow]{summary.kept_not_in_files} stored statements are no longer in the files; "
            "history is append-only, so they were kept.[/]"
        )


def validate_cmd(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(None, help="data files or folders (default: bundled)"),
) -> None:
    """Check data files without writing anything: against the database too when it
    holds a registry (the whole load is rehearsed and rolled back, so a file that
    validates also loads)."""
    chosen = paths or [settings(ctx).registry_dir]
    engine = make_engine(settings(ctx).db_url)
    if not is_current(engine):
        issues = validate(chosen)
        if issues:
            raise DataFileError(issues)
        console.print("[green]valid[/] (the files alone: no registry in the database)")
        return
    summary = load(engine, chosen, rehearse=True)
    added = sum(summary.inserted.values())
    console.print(f"[green]valid[/]: a load would add {added} records to the database")


def _statement_row(s: Statement) -> dict[str, Any]:
    return {
        "date": s.date.isoformat(),
        "status": s.status.label,
        "conditions": list(s.conditions),
        "speaker": s.speaker,
        "role": s.speaker_role,
        "quote": s.quote,
        "source": s.source.id,
        "grade": s.grade,
        "outlet": s.source.outlet,
        "url": s.source.url or s.source.file,
    }


def _position_row(p: PledgePosition) -> dict[str, Any]:
    return {
        "pledge": p.pledge.id,
        "kind": p.pledge.kind.value,
        "domains": [d.value for d in p.pledge.domains],
        "status": p.reading,
        "since": p.since.isoformat(),
        "conditions": list(p.conditions),
        "quote": _quotes(p.statements),
        "sources": [s.source.id for s in p.statements],
        "set_aside": _quotes(p.set_aside),
    }


def _quotes(statements: Iterable[Statement]) -> str:
    return " | ".join(f"{s.quote} [{s.source.id} {s.grade}]" for s in statements)


def position(
    ctx: typer.Context,
    state: str = typer.Argument(..., help="ISO code (POL), country name or organisation"),
    on: str = typer.Option(None, "--on", help="date (YYYY-MM-DD), default today"),
    known_by: str = typer.Option(None, "--known-by", help="only sources published by this date"),
    recorded_by: str = typer.Option(
        None, "--recorded-by", help="only what the registry had recorded by this date"
    ),
    fmt: Format = FORMAT,
) -> None:
    """What a state had said of each of its pledges on a date, with quotes and sources.
    With --known-by, statements the registry recorded after that day are marked late."""
    day = parse_date(on, "--on")
    known = parse_date(known_by, "--known-by") if known_by else None
    recorded = parse_date(recorded_by, "--recorded-by") if recorded_by else None
    with open_registry(ctx) as registry:
        result = registry.position(state, day, known, recorded)
        mission = registry.mission_conditions(day)
        labels = {code: c.label for code, c in registry.conditions.items()}
    if fmt is Format.JSON:
        emit_json(result)
        return
    if fmt is Format.CSV:
        emit_rows(
            [_position_row(p) for p in result.pledges],
            [
                "pledge", "kind", "domains", "status", "since", "conditions", "quote", "sources",
                "set_aside",
            ],
            fmt,
        )  # fmt: skip
        return
    console.print(
        Text.assemble(
            (f"{result.actor.name} ({result.actor.code})", "bold"),
            f" on {day}",
            f", from sources published by {known}" if known else "",
            f", as the registry had recorded it by {recorded}" if recorded else "",
        )
    )
    if not result.pledges:
        console.print("  no statement recorded by then: position unknown")
    for p in result.pledges:
        _print_pledge(p, mission, labels, known)
    for stance in result.stances:
        console.print()
        print_indented(f"{stance.stance.value} {stance.subject} ({stance.date})", 0)
        print_indented(f"“{stance.quote}” [{stance.source.id} {stance.source.grade}]")


def _print_pledge(
    p: PledgePosition,
    mission: tuple[Condition, ...],
    labels: dict[str, str],
    known_by: dt.date | None = None,
) -> None:
    """The pledge's position, then each statement with its quote and citation on their
    own indented lines (they wrap there, not from the start of the line)."""
    named = ", ".join(labels.get(c, c) for c in p.conditions)
    conditions = f"; its own conditions: {named}" if p.conditions else ""
    console.print(
        Text.assemble(
            "\n",
            (p.pledge.id, "bold"),
            f" ({p.pledge.description}): ",
            (p.status.label, "bold"),
            f" since {p.since}{conditions}",
            ("; ", "") if p.parliament_pending else "",
            ("parliamentary vote pending", "yellow") if p.parliament_pending else "",
            (" (sources disagree)", "yellow") if p.disputed else "",
        )
    )
    if mission and p.pledge.under_mission:
        waits = "; ".join(c.label for c in mission)
        print_indented(f"mission conditions (every force in Ukraine): {waits}", 2)
    for st in p.statements:
        _print_statement(st, known_by)
    if p.set_aside:
        print_indented("set aside (the speaker's own words say otherwise that day):", 2)
        for st in p.set_aside:
            _print_statement(st, known_by)


def _print_statement(st: Statement, known_by: dt.date | None = None) -> None:
    who = f"{st.speaker} ({st.speaker_role})" if st.speaker_role else (st.speaker or "")
    note = f"; late entry: recorded {st.recorded_on}" if st.late_for(known_by) else ""
    print_indented(f"• {st.date} {st.status.label} [{st.grade}]{note}", 2)
    print_indented(f"“{st.quote}”", 6)
    if st.original_quote:
        print_indented(f"original ({st.translated_from}): “{st.original_quote}”", 6)
    elif st.translated_from:
        language = "an unknown language" if st.translated_from == "und" else st.translated_from
        print_indented(f"translated from {language}; original not held", 6, style="dim")
    print_indented(f"{who + ' — ' if who else ''}{_cite(st)}; {st.grade_label}", 6, style="dim")


def _cite(st: Statement) -> str:
    src = st.source
    parts = [
        src.id,
        src.outlet or "",
        src.published.isoformat() if src.published else "",
        src.url or src.file or "",
    ]
    return ", ".join(p for p in parts if p)


def timeline(
    ctx: typer.Context,
    state: str = typer.Argument(..., help="ISO code (POL), country name or organisation"),
    fmt: Format = FORMAT,
) -> None:
    """Every statement and stance of a state, oldest first."""
    with open_registry(ctx) as registry:
        actor = registry.actor(state)
        entries = registry.timeline(actor.code)
    if fmt is Format.JSON:
        emit_json(entries)
        return
    rows = []
    for e in entries:
        if e.statement is not None and e.pledge is not None:
            rows.append({"pledge": e.pledge.id, **_statement_row(e.statement)})
        elif e.stance is not None:
            rows.append(
                {
                    "date": e.date.isoformat(),
                    "pledge": "(stance)",
                    "status": f"{e.stance.stance.value}: {e.stance.subject}",
                    "quote": e.stance.quote,
                    "source": e.stance.source.id,
                    "grade": e.stance.source.reliability.value,
                    "speaker": e.stance.speaker,
                }
            )
    emit_rows(
        rows,
        ["date", "pledge", "status", "conditions", "speaker", "quote", "source", "grade"],
        fmt,
        f"Timeline of {actor.name} ({actor.code})",
        below="quote",
    )


def _change_row(c: Change) -> dict[str, Any]:
    def show(status: Status | None, conditions: tuple[str, ...]) -> str:
        if status is None:
            return "unknown"
        return status.label + (f" [{', '.join(conditions)}]" if conditions else "")

    return {
        "state": c.actor.code,
        "pledge": c.pledge.id,
        "from": show(c.before, c.before_conditions),
        "to": show(c.after, c.after_conditions),
        "kind": "first statement" if c.first_statement else "changed",
        "evidence": " | ".join(_evidence(c)),
    }


def _evidence(c: Change) -> list[str]:
    return [f"{s.date} {s.status.label}: {s.quote} [{s.source.id} {s.grade}]" for s in c.statements]


def changes(
    ctx: typer.Context,
    start: str = typer.Option(..., "--from", help="first date (YYYY-MM-DD)"),
    end: str = typer.Option(None, "--to", help="last date, default today"),
    only_changed: bool = typer.Option(False, "--only-changed", help="hide first statements"),
    fmt: Format = FORMAT,
) -> None:
    """Who changed position between two dates, with the statements in between."""
    day0, day1 = parse_date(start, "--from"), parse_date(end, "--to")
    with open_registry(ctx) as registry:
        result = [
            c for c in registry.changes(day0, day1) if not (only_changed and c.first_statement)
        ]
    if fmt is Format.JSON:
        emit_json(result)
        return
    states = sorted({c.actor.code for c in result})
    rows = [_change_row(c) for c in result]
    if fmt is Format.TABLE:  # one statement a line under its row, not joined by " | "
        rows = [row | {"evidence": _evidence(c)} for row, c in zip(rows, result, strict=True)]
    emit_rows(
        rows,
        ["state", "pledge", "from", "to", "kind", "evidence"],
        fmt,
        f"Changes {day0} → {day1}: {len(states)} states ({', '.join(states)})",
        below="evidence",
    )


def totals(
    ctx: typer.Context,
    on: str = typer.Option(None, "--on", help="date (YYYY-MM-DD), default today"),
    explain: bool = typer.Option(
        False, "--explain", help="list every figure behind the sums, with its quote"
    ),
    fmt: Format = FORMAT,
) -> None:
    """Pledges per troop domain, per kind of support and per status, on a date; the
    people, units and euros stated, by status or stage, with the pledges that state none."""
    day = parse_date(on, "--on")
    with open_registry(ctx) as registry:
        result = registry.totals(day)
    if fmt is Format.JSON:
        emit_json(result)
        return
    buckets = [Bucket.IN, Bucket.CONDITIONAL, Bucket.OPEN, Bucket.OUT]
    groups = [(f"troops: {d.value}", counts) for d, counts in result.by_domain.items()]
    groups += [(k.value, counts) for k, counts in sorted(result.by_kind.items())]
    rows = [
        {"group": name, **{b.value: counts.get(b, 0) for b in buckets}} for name, counts in groups
    ]
    emit_rows(rows, ["group", *(b.value for b in buckets)], fmt, f"Pledges on {day}")
    status_rows = [{"status": s.label, "pledges": n} for s, n in sorted(result.by_status.items())]
    emit_rows(status_rows, ["status", "pledges"], fmt, f"Per status on {day}")
    if result.quantities is not None:
        _quantities(result.quantities, fmt, explain)
    emit_sizes(result.sizes, fmt)


def evidence(f: Figure) -> str:
    """A figure's quote, source and grade, and the data file's caveat if any."""
    grade = f" {f.grade}" if f.grade else ""
    note = f" Note: {f.note}" if f.note else ""
    return f"\u201c{f.quote}\u201d ({f.source}{grade}).{note}"


def emit_sizes(sizes: Sequence[ForceSize], fmt: Format) -> None:
    """Reported sizes of the planned force, newest first: what pledged personnel is
    read against. None is a pledge; each says who reported it and how."""
    if not sizes:
        return
    rows = [
        {"date": str(s.date), "size": s.personnel.text(),
         "covers": " + ".join(s.covers) or "whole force",
         "counts": "with rotations" if s.span is SizeSpan.WITH_ROTATIONS else "at one time",
         "basis": "official" if s.basis is SizeBasis.OFFICIAL else "press (unnamed officials)",
         "evidence": f"{s.description}: \u201c{s.quote}\u201d ({s.source} {s.source_grade})"}
        for s in sorted(sizes, key=lambda s: s.date, reverse=True)
    ]  # fmt: skip
    columns = ["date", "size", "covers", "counts", "basis", "evidence"]
    emit_rows(rows, columns, fmt, "Reported size of the planned force (not pledges)", "evidence")


def _quantities(found: QuantityTotals, fmt: Format, explain: bool) -> None:
    """The stated sums: troop personnel and units by status, support euros by stage."""
    rows = [
        {"what": "personnel", "status or stage": Status(status).label, "stated": total.text(),
         "pledges with a figure": len(total.figures), "unknown": len(total.unknown)}
        for status, total in sorted(found.personnel.items())
    ]  # fmt: skip
    rows += [
        {"what": unit, "status or stage": Status(status).label, "stated": total.text(),
         "pledges with a figure": len(total.figures), "unknown": len(total.unknown)}
        for unit, by_status in sorted(found.units.items())
        for status, total in sorted(by_status.items())
    ]  # fmt: skip
    rows += [
        {"what": "support (EUR)", "status or stage": stage, "stated": total.text(),
         "pledges with a figure": len({f.pledge_id for f in total.figures}),
         "unknown": len(set(total.unknown))}
        for stage, total in found.support.items()
    ]  # fmt: skip
    columns = ["what", "status or stage", "stated", "pledges with a figure", "unknown"]
    emit_rows(rows, columns, fmt, f"Stated quantities on {found.on} (as said; unknown: no figure)")
    if not explain:
        return
    sums: list[tuple[str, CountSum | EuroSum]] = [
        ("personnel", t) for t in found.personnel.values()
    ]
    sums += [(u, t) for u, by in found.units.items() for t in by.values()]
    sums += [(f"support {s}", t) for s, t in found.support.items()]
    figures = [
        {"sum": what, "state": f.actor, "pledge": f.pledge_id, "date": str(f.date),
         "figure": f.said, "evidence": evidence(f)}
        for what, total in sums
        for f in total.figures
    ]  # fmt: skip
    columns = ["sum", "state", "pledge", "date", "figure", "evidence"]
    emit_rows(figures, columns, fmt, "The figures behind the sums", below="evidence")


def roles(
    ctx: typer.Context,
    actor: str = typer.Option(None, "--actor", help="only this state or organisation"),
    on: str = typer.Option(None, "--on", help="only roles held on this date"),
    fmt: Format = FORMAT,
) -> None:
    """Who held which office when (e.g. Scholz, then Merz, as German chancellor)."""
    day = parse_date(on, "--on") if on else None
    with open_registry(ctx) as registry:
        code = registry.actor(actor).code if actor else None
        found = registry.offices(code, day)
    if fmt is Format.JSON:
        emit_json(found)
        return
    rows = [
        {
            "actor": r.actor,
            "title": r.title,
            "person": r.person_name,
            "from": r.start.isoformat(),
            "until": r.end.isoformat() if r.end else "",
        }
        for r in found
    ]
    emit_rows(rows, ["actor", "title", "person", "from", "until"], fmt, "Offices")
