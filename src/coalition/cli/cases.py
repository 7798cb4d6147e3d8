"""`coalition monitor cases|case|triggers`: violations as cases, their course, per-side
compliance, and the trigger rules that engage the coalition's commitments."""

from __future__ import annotations

import datetime as dt
import getpass
from collections.abc import Callable

import typer

from coalition.cli.context import FORMAT, migrated_engine, open_registry, settings
from coalition.cli.monitor import _setup, _which_day, app
from coalition.cli.output import Format, console, emit_rows, handles_errors, parse_date
from coalition.domain.monitoring import CaseState
from coalition.monitoring import (
    Case,
    advance,
    analyse_day,
    compliance,
    fired,
    load_triggers,
    open_cases,
    violation_cases,
)


def _row(c: Case, party: Callable[[bool], str]) -> dict[str, object]:
    inside = c.required_km - c.distance_km
    history = "; ".join(
        f"{s.state.value} {s.at:%Y-%m-%d %H:%M} by {s.by}: {s.note or ''}" for s in c.steps
    )
    return {
        "case": c.id,
        "state": c.state.value,
        "observed": c.observed_at.strftime("%Y-%m-%d %H:%M"),
        "where": f"{c.place} ({c.sector})",
        "side": party(c.side == "left"),
        "kind": c.kind,
        "weapon": f"{c.count} x {c.weapon_class}",
        "what": c.detail or f"inside by {inside:.1f} km ({c.distance_km} of {c.required_km} km)",
        "reports": ", ".join(c.reports),
        "history": history,
    }


@app.command("cases")
@handles_errors
def cases_cmd(
    ctx: typer.Context,
    day: str = typer.Option(None, "--open", help="open cases from this day's violations first"),
    state: CaseState = typer.Option(None, "--state", help="only cases now in this state"),
    by: str = typer.Option(None, "--by", help="who opens them (default: your login)"),
    fmt: Format = FORMAT,
) -> None:
    """Violation cases: each heavy weapon seen inside its band is one, with its course
    (observed, verified, notified, rectified or not) and the reports behind it."""
    engine = migrated_engine(ctx)
    if day is not None:
        setup = _setup(ctx)
        result = analyse_day(engine, setup, _which_day(engine, day, setup.rules.reporting))
        new = open_cases(engine, result, setup.rules, by or getpass.getuser())
        console.print(f"{len(new)} case(s) opened from {result.day}")
    found = violation_cases(engine, state)
    party = _setup(ctx).theatre.side_name
    if fmt is Format.JSON:
        emit_rows([_row(c, party) | {"rule": c.rule} for c in found], [], Format.JSON)
        return
    columns = ["case", "state", "observed", "where", "side", "weapon", "what", "reports",
               "history"]  # fmt: skip
    emit_rows([_row(c, party) for c in found], columns, fmt, "Violation cases", below="history")
    if found and fmt is Format.TABLE:
        console.print(f"rule: {found[-1].rule}", soft_wrap=True)
        table = compliance(engine)
        table["side"] = [party(side == "left") for side in table["side"]]
        emit_rows(table.to_dict("records"), list(table.columns), fmt, "Compliance per side")


@app.command("case")
@handles_errors
def case_cmd(
    ctx: typer.Context,
    ident: int = typer.Argument(..., help="case number"),
    state: CaseState = typer.Argument(
        ..., help="the next step: verified, dismissed, notified, rectified, not_rectified"
    ),
    note: str = typer.Option(..., "--note", help="why: who checked, what the party said"),
    by: str = typer.Option(None, "--by", help="who records it (default: your login)"),
) -> None:
    """Record a case's next step (the history is append-only: a step is never undone)."""
    found = advance(migrated_engine(ctx), ident, state, by or getpass.getuser(), note)
    console.print(f"case {found.id}: {found.state.value}")


@app.command("triggers")
@handles_errors
def triggers_cmd(
    ctx: typer.Context,
    on: str = typer.Option(None, "--on", help="the window's last day (default: today)"),
    fmt: Format = FORMAT,
) -> None:
    """Trigger rules whose verified pattern holds, the commitment each rests on (quoted),
    and the states whose commitments it engages (from the registry)."""
    day = parse_date(on, "--on") if on else dt.datetime.now(dt.UTC).date()
    rules = load_triggers(settings(ctx).data_dir / "monitoring" / "triggers.yaml")
    found = violation_cases(migrated_engine(ctx))
    party = _setup(ctx).theatre.side_name
    with open_registry(ctx) as registry:
        firings = fired(rules, found, registry, day)
    rows = [
        {"trigger": f.trigger.id,
         "side": "any" if f.side is None else party(f.side == "left"),
         "cases": ", ".join(map(str, f.cases)),
         "engaged": ", ".join(f"{e.actor} ({e.pledge_id}, {e.status}: {e.why})" for e in f.engaged),
         "rests on": f"\u201c{f.trigger.agreement.quote}\u201d ({f.trigger.agreement.source}). "
                     f"Consequence: {f.trigger.consequence}"}
        for f in firings
    ]  # fmt: skip
    emit_rows(rows, ["trigger", "side", "cases", "engaged", "rests on"], fmt,
              f"Triggers fired in the window ending {day}", below="rests on")  # fmt: skip
    if not firings and fmt is Format.TABLE:
        console.print("no trigger rule's pattern holds")
