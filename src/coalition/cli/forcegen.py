"""Force-sourcing commands: `source` (one scenario) and `scenarios` (compare, Monte Carlo)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from coalition.cli.context import FORMAT, migrated_engine, open_registry, settings
from coalition.cli.output import Format, console, emit_json, emit_rows, handles_errors, parse_date
from coalition.domain.forcegen import RequirementResult, Scenario, SourcingResult
from coalition.errors import CoalitionError
from coalition.forcegen import (
    METHODS,
    ForceData,
    Outcome,
    Prepared,
    Runner,
    enumerate_exactly,
    estimate,
    force_data_in_force,
    on_dask,
    outcome_summary,
    parse_all,
    prepare,
    registry_day,
    run_here,
    simulate,
    source,
    uncertainty,
    with_assumptions,
)

DATA = typer.Option(None, "--data", help="force data files or folder (default: bundled)")
ON = typer.Option(None, "--on", help="read the registry as of this date (default: today)")


#: Where its commands stand in `coalition --help` (see ``cli.registration``).
ORDER = 50


def register(app: typer.Typer) -> None:
    app.command(name="source")(handles_errors(source_cmd))
    app.command(name="scenarios")(handles_errors(scenarios_cmd))


def _prepare(
    ctx: typer.Context,
    data_paths: list[Path] | None,
    on: str | None,
    scenario_names: list[str],
    horizon: int | None = None,
) -> tuple[ForceData, list[Scenario], Prepared]:
    folder = settings(ctx).data_dir / "forcegen"
    with open_registry(ctx) as registry:
        data = force_data_in_force(migrated_engine(ctx), folder, set(registry.pledges),
                                   set(registry.conditions), data_paths)  # fmt: skip
        scenarios = [data.scenario(n) for n in scenario_names] or list(data.scenarios.values())
        day = registry_day(scenarios, parse_date(on, "--on") if on else None)
        return data, scenarios, prepare(registry, data, day, horizon)


def source_cmd(
    ctx: typer.Context,
    scenario: str = typer.Option(
        None, "--scenario", "-s", help="scenario id (see `coalition scenarios`)"
    ),
    assume: list[str] = typer.Option(
        None,
        "--assume",
        help="change one assumption, e.g. parliament:DEU=false or us_backstop=0.5 "
        "(repeatable; on top of --scenario, or alone)",
    ),
    horizon: int = typer.Option(
        None, "--horizon", min=1, max=60, help="months to plan standing lines ahead"
    ),
    method: str = typer.Option(
        "milp", "--method", help="milp (optimal, HiGHS) or greedy (baseline)"
    ),
    gap: float = typer.Option(
        1e-4, "--gap", min=0.0, max=0.5, help="milp: stop once proven within this relative gap"
    ),
    time_limit: float = typer.Option(
        60.0,
        "--time-limit",
        min=0.1,
        help="milp: seconds at most; the best assignment found and its proven gap are shown",
    ),
    data: list[Path] = DATA,
    on: str = ON,
    fmt: Format = FORMAT,
) -> None:
    """Assign pledged units to the statement of requirements under one scenario (or a
    what-if: --assume), rotation by rotation, with each line's enablers."""
    if method not in METHODS:
        raise CoalitionError(f"--method: {method!r} is not one of {', '.join(METHODS)}")
    if scenario is None and not assume:
        raise CoalitionError("give --scenario, or --assume (or both): what to assume")
    assumptions = parse_all(assume or [])
    _, chosen, prepared = _prepare(ctx, data, on, [scenario] if scenario else [], horizon)
    base = chosen[0] if scenario else None
    what_if = with_assumptions(base, assumptions, prepared.conditions)
    result = source(prepared, what_if, method, gap=gap, time_limit=time_limit)
    if fmt is Format.JSON:
        emit_json(result)
    elif fmt is Format.CSV:
        emit_rows(
            _requirement_rows(result),
            ["requirement", "capability", "region", "needed", "covered", "met", "by", "note"],
            fmt,
        )
    else:
        _render(result)


def _requirement_rows(result: SourcingResult) -> list[dict[str, Any]]:
    return [
        {
            "requirement": r.requirement.id,
            "capability": r.requirement.capability,
            "region": r.requirement.region,
            "needed": r.requirement.quantity,
            "covered": round(r.covered, 2),
            "met": "yes" if r.met else "no",
            "by": ", ".join(
                f"{a.actor} {a.units}x{'' if a.efficiency == 1 else f' @{a.efficiency:g}'}"
                for a in r.assignments
            ),
            "note": r.note,
        }
        for r in result.requirements
    ]


def _render(result: SourcingResult) -> None:
    console.print(
        f"[bold]{result.scenario.title}[/] ({result.scenario.id}); registry as of "
        f"{result.as_of}; {result.method}: weighted coverage [bold]{result.coverage:.1%}[/]"
        f", proven gap {result.mip_gap:.2%}, {result.seconds * 1000:.0f} ms"
    )
    for warning in result.warnings:
        console.print(f"[yellow]note:[/] {warning}")
    render_lines(result, "Lines (who covers each rotation period, with its enablers)")
    render_force(result)
    gaps = [
        {
            "capability": g.capability,
            "required": g.required,
            "covered": round(g.covered, 2),
            "gap": round(g.gap, 2),
        }
        for g in result.gaps
        if g.gap > 1e-9
    ]
    if gaps:
        emit_rows(
            gaps, ["capability", "required", "covered", "gap"], Format.TABLE, "Gaps per capability"
        )
    render_shortfalls(result)
    render_offers(result, "Every offered unit")


def render_offers(result: SourcingResult, title: str) -> None:
    rows = [
        {"offer": o.offer_id, "state": o.actor, "capability": o.capability,
         "used": f"{o.used}/{o.count}", "why": o.reason}
        for o in result.offers
    ]  # fmt: skip
    emit_rows(rows, ["offer", "state", "capability", "used", "why"], Format.TABLE, title)


def _period_text(task: RequirementResult, as_of: dt.date | None = None) -> str:
    req = task.requirement
    label = f"#{req.period} " if req.period else ""
    who = ", ".join(
        f"{a.offer_id} {a.units}x" + ("" if a.efficiency == 1 else f" @{a.efficiency:g}")
        for a in task.assignments
    )
    who = who or "nobody"
    state = "met" if task.met else f"{task.covered:g} of {req.quantity}"
    past = " [past]" if task.past_on(as_of) else ""
    text = f"{label}{req.start} to {req.end}{past}: {who} ({state})"
    return text + (f"; {task.note}" if task.note else "")


def render_lines(result: SourcingResult, title: str) -> None:
    """The lines as a table, each with its periods and enablers below it."""
    emit_rows(
        line_rows(result),
        ["line", "requirement", "capability", "where", "when", "needed", "met", "periods"],
        Format.TABLE,
        title,
        below="periods",
    )


def line_rows(result: SourcingResult) -> list[dict[str, Any]]:
    """One row per line of the statement of requirements, its periods below."""
    rows = []
    for line in result.lines:
        req = line.line
        periods = [_period_text(t, result.as_of) for t in line.periods]
        periods += [f"  enabler {_period_text(t, result.as_of)}" for t in line.enablers]
        if line.sustained_units:
            periods.append(f"standing: {line.sustained_units} units tied up by rotation (1:"
                           f"{line.rotation_ratio} rule)")  # fmt: skip
        rows.append({
            "line": req.line or "", "requirement": req.id, "capability": req.capability,
            "where": req.region + (f" (framework: {', '.join(req.filled_by)})"
                                   if req.filled_by else ""),
            "when": f"{req.start} to " + ("standing" if req.standing else str(req.end or "open")),
            "needed": req.quantity, "met": "yes" if line.met else "no",
            "periods": "\n".join(periods),
        })  # fmt: skip
    return rows


def render_force(result: SourcingResult) -> None:
    """The force's people against the sizes public reporting gives (never pledges)."""
    force = result.force
    if force is None:
        return
    console.print(
        f"[bold]People[/]: the lines need {force.required_at_once:,} deployed at once "
        f"(busiest day {force.busiest_day}), this sourcing puts {force.sourced_at_once:,} "
        f"there, and {force.sourced_lowest:,} on its leanest day ({force.lowest_day}); "
        f"the standing lines tie up {force.sustained:,} with rotations."
    )
    if force.no_personnel_figure:
        console.print(f"  no people figure for: {', '.join(force.no_personnel_figure)}")
    for size in force.reported:
        console.print(
            f"  reported size ({size.date}, {size.basis.value}, "
            f"{size.source} {size.source_grade}): {size.text()}: {size.description}"
        )
    if not force.reported:
        console.print("  no reported size of the whole force in the registry by this date")


def render_shortfalls(result: SourcingResult) -> None:
    rows = [
        {"capability": s.capability, "short": f"{s.gap:g}", "lines": ", ".join(s.lines),
         "approach": ", ".join(s.approach)
         + (f" (framework posts: {', '.join(s.framework)})" if s.framework else "") or "-",
         "ruled out troops there": ", ".join(s.said_no) or "-"}
        for s in result.shortfalls
    ]  # fmt: skip
    if rows:
        emit_rows(
            rows,
            ["capability", "short", "lines", "approach", "ruled out troops there"],
            Format.TABLE,
            "Shortfalls, and the states to approach (hold it, offer none of it; considering "
            "first, then those that have said nothing in its domain)",
        )


def scenarios_cmd(
    ctx: typer.Context,
    names: list[str] = typer.Argument(None, help="scenario ids (default: all)"),
    draws: int = typer.Option(10_000, "--draws", min=100, max=1_000_000, help="Monte Carlo draws"),
    seed: int = typer.Option(0, "--seed", help="random seed (results are reproducible)"),
    exact: bool = typer.Option(False, "--exact", help="enumerate every case instead of sampling"),
    gap: float = typer.Option(
        0.0,
        "--gap",
        min=0.0,
        max=0.5,
        help="proven relative gap accepted per draw (0: optimal; 0.01 is much faster on "
        "large data, but a requirement that competes for units may then be met in more or "
        "fewer draws than in optimal plans: up to 8 points on the bench instance)",
    ),
    within: float = typer.Option(
        None,
        "--within",
        min=0.001,
        max=0.5,
        help="draw until every P(met) and the mean coverage are known within this share "
        "(0.01: one point) at 95%, instead of a fixed --draws; the half-width reached is shown",
    ),
    workers: int = typer.Option(
        0,
        "--workers",
        min=0,
        max=64,
        help="solve the draws on a local Dask cluster of this many processes (0: here)",
    ),
    scheduler: str = typer.Option(
        None, "--scheduler", help="address of a Dask scheduler to solve the draws on"
    ),
    data: list[Path] = DATA,
    on: str = ON,
    fmt: Format = FORMAT,
) -> None:
    """Compare scenarios: which pledges survive and what is covered; for uncertain
    scenarios, the probability each requirement is met and which assumptions matter."""
    _, chosen, prepared = _prepare(ctx, data, on, names or [])
    fixed = [s for s in chosen if not s.is_uncertain()]
    uncertain = [s for s in chosen if s.is_uncertain()]
    results = [source(prepared, s) for s in fixed]
    with _runner(workers, scheduler, bool(uncertain) and not exact) as run:
        outcomes = {s.id: _probabilistic(prepared, s, draws, seed, exact, gap, fmt, run, within)
                    for s in uncertain}  # fmt: skip
    if fmt is Format.JSON:
        emit_json(
            {
                "as_of": prepared.as_of.isoformat(),
                "fixed": [r.model_dump(mode="json") for r in results],
                "uncertain": {k: outcome_summary(prepared, v) for k, v in outcomes.items()},
            }
        )
        return
    if results:
        rows = [
            {
                "scenario": r.scenario.id,
                "title": r.scenario.title,
                "coverage": f"{r.coverage:.1%}",
                "lines met": f"{sum(x.met for x in r.lines)}/{len(r.lines)}",
                "offers standing": ", ".join(o.offer_id for o in r.offers if o.standing),
                "offers lost": ", ".join(
                    f"{o.offer_id} (needs {', '.join(o.lost_to)})" for o in r.offers if o.lost_to
                ),
            }
            for r in results
        ]
        emit_rows(
            rows,
            ["scenario", "title", "coverage", "lines met", "offers standing", "offers lost"],
            fmt,
            f"Scenarios (registry as of {prepared.as_of})",
        )
    for scenario in uncertain:
        _render_outcome(prepared, scenario, outcomes[scenario.id], fmt)


@contextmanager
def _runner(workers: int, scheduler: str | None, needed: bool) -> Iterator[Runner]:
    """Where the draws are solved: here, or on Dask when asked (and there are draws)."""
    if not needed or (not workers and not scheduler):
        yield run_here
        return
    with on_dask.cluster(scheduler, workers or 2) as run:
        yield run


def _probabilistic(
    prepared: Prepared,
    scenario: Scenario,
    draws: int,
    seed: int,
    exact: bool,
    gap: float,
    fmt: Format,
    run: Runner = run_here,
    within: float | None = None,
) -> Outcome:
    spread = uncertainty(prepared, scenario)
    problem = prepared.problem_for(scenario)
    if exact:
        return enumerate_exactly(problem, spread, gap=gap)
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total} patterns"),
        TimeElapsedColumn(),
    )
    with Progress(
        *columns, console=console, transient=True, disable=fmt is not Format.TABLE
    ) as bar:
        task = bar.add_task(f"{scenario.id}: {draws} draws", total=None)
        if within is not None:
            bar.update(task, description=f"{scenario.id}: to within {within:.1%}")
            return estimate(
                problem, spread, within=within, seed=seed, gap=gap, runner=run,
                progress=lambda done, total: bar.update(task, completed=done, total=total),
            )  # fmt: skip
        return simulate(
            problem,
            spread,
            draws,
            seed,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
            gap=gap,
            runner=run,
        )


def _render_outcome(prepared: Prepared, scenario: Scenario, outcome: Outcome, fmt: Format) -> None:
    data = outcome_summary(prepared, outcome)
    if fmt is Format.CSV:
        emit_rows(
            [{"requirement": k, "p_met": round(v, 4)} for k, v in data["p_met"].items()],
            ["requirement", "p_met"],
            fmt,
        )
        return
    how = "exact enumeration" if outcome.exact else "Monte Carlo"
    console.print(
        f"\n[bold]{scenario.title}[/] ({scenario.id}): {how} over {data['cases']} cases, "
        f"{data['patterns_solved']} optimisations"
        + (f" (each within {data['max_gap']:.2%} of the best)" if data["max_gap"] > 1e-4 else "")
        + (f"; every estimate within ±{data['precision']:.1%} ({data['confidence']:.0%})"
           if data.get("precision") is not None else "")
    )  # fmt: skip
    console.print(
        f"  weighted coverage: mean {data['mean_coverage']:.1%}, 5% {data['p5']:.1%}, "
        f"median {data['p50']:.1%}, 95% {data['p95']:.1%}"
    )
    table = Table(title="P(line fully met: every period, with its enablers)", title_justify="left")
    table.add_column("line")
    table.add_column("P(met)", justify="right")
    table.add_column("P(met) of each period", justify="left")
    for line, p in data["p_line_met"].items():
        periods = " ".join(f"{v:.0%}" for v in data["p_period_met"][line])
        table.add_row(line, f"{p:.1%}", periods)
    console.print(table)
    table = Table(title="Assumptions that move coverage most", title_justify="left")
    table.add_column("assumption")
    table.add_column("coverage if true minus if false", justify="right")
    for name, delta in data["sensitivity"].items():
        table.add_row(name, f"{delta:+.1%}")
    console.print(table)
