"""`coalition support`: the support tracker, Kiel-style: per state and capability area,
what was committed, allocated and delivered to Ukraine's forces over a period, in euros
and items, with the gap and (``--explain``) every figure's quote."""

from __future__ import annotations

import datetime as dt

import typer

from coalition.cli.context import FORMAT, open_registry
from coalition.cli.output import Format, console, emit_json, emit_rows, handles_errors, parse_date
from coalition.cli.registry import evidence
from coalition.domain.quantities import CapabilityArea, CountSum, SupportStage, TrackerRow
from coalition.registry import Registry, unit_types

#: Where its commands stand in `coalition --help` (see ``cli.registration``).
ORDER = 40


def register(app: typer.Typer) -> None:
    app.command(name="support")(handles_errors(support))


def _items(found: dict[str, CountSum]) -> str:
    """Items by their label ("2 air-defence system (fire unit)"), as said."""
    return (
        ", ".join(f"{n.said} {unit_types()[kind].label}" for kind, n in sorted(found.items()))
        or "-"
    )


def support(
    ctx: typer.Context,
    state: str = typer.Option(None, "--state", help="one state (code or name)"),
    area: CapabilityArea = typer.Option(None, "--area", help="one capability area"),
    year: int = typer.Option(None, "--year", help="statements of this year (else --from/--to)"),
    start: str = typer.Option(None, "--from", help="first day (YYYY-MM-DD), default 2025-01-01"),
    end: str = typer.Option(None, "--to", help="last day (YYYY-MM-DD), default today"),
    explain: bool = typer.Option(False, "--explain", help="every figure with its quote"),
    fmt: Format = FORMAT,
) -> None:
    """What each state committed, allocated and delivered to Ukraine's forces, per
    capability area (air defence, drones, demining, ammunition, training, financing...)."""
    if year is not None:
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    else:
        first = parse_date(start, "--from", Registry.SUPPORT_FROM)
        last = parse_date(end, "--to")
    with open_registry(ctx) as registry:
        code = registry.actor(state).code if state else None
        rows = registry.support(first, last, code, area.value if area else None)
    if fmt is Format.JSON:
        emit_json(rows)
        return
    emit_rows(
        [_row(r) for r in rows],
        [
            "state",
            "area",
            "committed",
            "allocated",
            "delivered",
            "gap",
            "items committed",
            "items allocated",
            "items delivered",
        ],
        fmt,
        f"Support to Ukraine's forces stated in the registry, {first} to {last} (a partial "
        "record, not a total; EUR at the ECB rate of each day)",
    )
    if fmt is Format.TABLE and not rows:
        console.print("no support statement with a stage in this period", soft_wrap=True)
    if explain:
        figures = [
            {"state": f.actor, "area": r.area, "date": str(f.date), "figure": f.said,
             "evidence": evidence(f)}
            for r in rows for f in r.figures
        ]  # fmt: skip
        emit_rows(figures, ["state", "area", "date", "figure", "evidence"], fmt,
                  "The figures behind the tracker", below="evidence")  # fmt: skip


def _row(r: TrackerRow) -> dict[str, object]:
    return {
        "state": r.actor,
        "area": r.area,
        "committed": r.euros(SupportStage.COMMITTED),
        "allocated": r.euros(SupportStage.ALLOCATED),
        "delivered": r.euros(SupportStage.DELIVERED),
        "gap": "-" if r.gap_eur is None else f"EUR {r.gap_eur:,.0f}",
        "items committed": _items(r.committed_items),
        "items allocated": _items(r.allocated_items),
        "items delivered": _items(r.delivered_items),
    }
