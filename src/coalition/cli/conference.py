"""`coalition conference`: force sourcing conference rounds, their bids, the accepted
assignment, the shortfalls carried over, and what changed between two rounds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from coalition.cli.context import FORMAT, migrated_engine, open_registry, settings
from coalition.cli.forcegen import (
    DATA,
    render_force,
    render_lines,
    render_offers,
    render_shortfalls,
)
from coalition.cli.output import Format, console, emit_json, emit_rows, handles_errors
from coalition.domain.forcegen import BidState, RoundComparison, RoundResult
from coalition.errors import CoalitionError
from coalition.forcegen import compare, force_data_in_force, run_round

#: Where its commands stand in `coalition --help` (see ``cli.registration``).
ORDER = 60


def register(app: typer.Typer) -> None:
    app.command(name="conference")(handles_errors(conference_cmd))


def conference_cmd(
    ctx: typer.Context,
    number: int = typer.Argument(None, help="the round to show (default: list the rounds)"),
    against: int = typer.Option(
        None, "--compare", help="compare with this earlier (or later) round"
    ),
    data: list[Path] = DATA,
    fmt: Format = FORMAT,
) -> None:
    """Force sourcing conferences: a round's bids (full or partial), the accepted
    assignment, the shortfalls carried to the next round with the states to approach;
    with --compare, what changed between two rounds."""
    folder = settings(ctx).data_dir / "forcegen"
    with open_registry(ctx) as registry:
        force = force_data_in_force(migrated_engine(ctx), folder, set(registry.pledges),
                                    set(registry.conditions), data)  # fmt: skip
        if number is None:
            if against is not None:
                raise CoalitionError("--compare needs a round to compare it with")
            rows = [{"round": c.round, "date": str(c.date), "title": c.title,
                     "scenario": c.scenario, "bids": len(c.bids)}
                    for c in sorted(force.conferences, key=lambda c: c.round)]  # fmt: skip
            emit_rows(rows, ["round", "date", "title", "scenario", "bids"], fmt, "Conferences")
            return
        shown = run_round(registry, force, force.conferences, number)
        other = None if against is None else run_round(registry, force, force.conferences, against)
    if other is not None:
        _comparison(compare(shown, other), fmt)
        return
    if fmt is Format.JSON:
        emit_json(shown)
        return
    _round(shown, fmt)


def _bid_row(bid: BidState) -> dict[str, Any]:
    pledge = "stands" if bid.pledge_stands else f"does not stand: {bid.pledge_status}"
    return {"offer": bid.offer, "state": bid.actor, "line": bid.line, "units": bid.units,
            "bid": "full" if bid.full else "partial", "round": bid.made_in,
            "pledge": pledge}  # fmt: skip


def _round(shown: RoundResult, fmt: Format) -> None:
    c, result = shown.conference, shown.result
    if fmt is Format.TABLE:
        console.print(
            f"[bold]{c.title}[/] (round {c.round}, {c.date}; scenario {c.scenario}; registry "
            f"as of {result.as_of}): weighted coverage [bold]{result.coverage:.1%}[/]"
        )
    emit_rows([_bid_row(b) for b in shown.bids],
              ["offer", "state", "line", "units", "bid", "round", "pledge"], fmt,
              "Bids standing (a later round's bid replaces an earlier one; full: enough for "
              "every period of the horizon)")  # fmt: skip
    if fmt is not Format.TABLE:
        return
    render_lines(result, "Accepted assignment")
    render_force(result)
    render_shortfalls(result)
    render_offers(result, "Every bid: what was used, and why the rest was not")


def _comparison(diff: RoundComparison, fmt: Format) -> None:
    if fmt is Format.JSON:
        emit_json(diff)
        return
    if fmt is Format.TABLE:
        console.print(
            f"[bold]Round {diff.first} → round {diff.second}[/]: weighted coverage "
            f"{diff.coverage_before:.1%} → {diff.coverage_after:.1%}"
        )
    first, second = f"round {diff.first}", f"round {diff.second}"
    rows = [
        {"line": ch.line, first: f"{ch.before:.0%}" + (" met" if ch.met_before else ""),
         second: f"{ch.after:.0%}" + (" met" if ch.met_after else ""),
         "change": _change(ch.before, ch.after)}
        for ch in diff.lines
    ]  # fmt: skip
    columns = ["line", first, second, "change"]
    emit_rows(rows, columns, fmt, "Lines (share of each line's periods covered)")
    bids = [_bid_row(b) | {"what": "new"} for b in diff.bids_added]
    bids += [_bid_row(b) | {"what": "withdrawn"} for b in diff.bids_withdrawn]
    bids += [
        _bid_row(new) | {"what": f"changed from {old.units}"} for old, new in diff.bids_changed
    ]
    if bids:
        emit_rows(bids, ["what", "offer", "state", "line", "units", "bid"], fmt, "Bids")


def _change(before: float, after: float) -> str:
    if abs(after - before) < 1e-9:
        return "="
    return f"{'+' if after > before else '-'}{abs(after - before):.0%}"
