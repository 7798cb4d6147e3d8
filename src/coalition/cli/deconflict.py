"""`coalition deconflict`: check a day's plans for conflicts, propose changes that
remove them, check reported tracks against the plan, and write the extract notified to
another party. Plans are YAML, GeoJSON or CSV files (or folders of them)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer

from coalition.cli.context import FORMAT, migrated_engine, settings
from coalition.cli.output import Format, console, emit_rows, handles_errors, parse_date
from coalition.deconfliction import (
    Rules,
    build_table,
    check_tracks,
    describe,
    detect,
    history,
    hotline,
    load_plans,
    load_rules,
    notification_extract,
    read_tracks,
    resolve,
    write_plans,
)
from coalition.domain.deconfliction import Activity
from coalition.domain.deconfliction_results import (
    Conflict,
    NotificationLabel,
    NotificationState,
)

app = typer.Typer(
    help="Deconfliction: planned activities as 4D volumes, conflicts, resolution, "
    "conformance and notification extracts.",
    no_args_is_help=True,
)

#: Where its commands stand in `coalition --help` (see ``cli.registration``).
ORDER = 5


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="deconflict")


PLANS = typer.Argument(
    None, help="plan files (.yaml, .geojson, .csv) or folders (default: the bundled day)"
)
BUNDLED_DAY = "day-illustrative.yaml"
RULES = typer.Option(None, "--rules", help="separation rules (default: bundled)")


def _plans(ctx: typer.Context, paths: list[Path] | None) -> list[Activity]:
    return load_plans(paths or [settings(ctx).data_dir / "deconfliction" / BUNDLED_DAY])


def _rules(ctx: typer.Context, path: Path | None) -> Rules:
    return load_rules(path or settings(ctx).data_dir / "deconfliction" / "separation.yaml")


def _hhmm(conflict: Conflict) -> str:
    start, end = conflict.start, conflict.end
    day = "" if start.date() == end.date() else f"{end:%Y-%m-%d} "
    return f"{start:%Y-%m-%d %H:%M}-{day}{end:%H:%M}Z"


def _conflict_rows(conflicts: list[Conflict]) -> list[dict[str, Any]]:
    return [
        {
            "conflict": f"{c.a_activity}/{c.a_volume} vs {c.b_activity}/{c.b_volume}",
            "rule": c.rule,
            "where": f"{c.lon:.4f} {c.lat:.4f}",
            "when": _hhmm(c),
            "reason": c.reason,
        }
        for c in conflicts
    ]


def _show_conflicts(conflicts: list[Conflict], fmt: Format, title: str) -> None:
    if fmt is Format.JSON:
        sys.stdout.write(
            json.dumps([c.model_dump(mode="json") for c in conflicts], indent=2) + "\n"
        )
        return
    emit_rows(
        _conflict_rows(conflicts), ["conflict", "rule", "where", "when", "reason"], fmt, title,
        below="reason",
    )  # fmt: skip


@app.command("check")
@handles_errors
def check_cmd(
    ctx: typer.Context,
    paths: list[Path] | None = PLANS,
    rules_path: Path = RULES,
    fmt: Format = FORMAT,
) -> None:
    """List the conflicts of the plans, with where, when, by how much and which rule."""
    rules = _rules(ctx, rules_path)
    activities = _plans(ctx, paths)
    table = build_table(activities)
    conflicts = describe(table, detect(table, rules), rules)
    if conflicts or fmt is not Format.TABLE:
        _show_conflicts(conflicts, fmt, "Conflicts (where: lon lat of closest approach)")
    if fmt is Format.TABLE:
        console.print(
            f"{len(conflicts)} conflict{'s' if len(conflicts) != 1 else ''} among "
            f"{len(activities)} activities ({len(table)} volumes)",
            soft_wrap=True,
        )


@app.command("resolve")
@handles_errors
def resolve_cmd(
    ctx: typer.Context,
    paths: list[Path] | None = PLANS,
    rules_path: Path = RULES,
    out: Path = typer.Option(None, "--out", help="write the plan with every change accepted"),
    time_limit: float = typer.Option(30.0, "--time-limit", min=0.1, help="solver seconds"),
    fmt: Format = FORMAT,
) -> None:
    """Propose the cheapest changes that remove the conflicts (the lower priority moves),
    solved for the whole day at once, then check the changed plan again."""
    result = resolve(_plans(ctx, paths), _rules(ctx, rules_path), time_limit)
    if fmt is Format.JSON:
        payload = {
            "conflicts_before": [c.model_dump(mode="json") for c in result.before],
            "proposals": [p.model_dump(mode="json") for p in result.proposals],
            "conflicts_after": [c.model_dump(mode="json") for c in result.after],
            "unsolved": result.unsolved,
            "solver_status": result.status,
        }
        sys.stdout.write(json.dumps(payload, indent=2) + "\n")
    else:
        rows = [
            {
                "activity": p.activity,
                "owner": p.owner,
                "cost": f"{p.cost:g}",
                "change": p.summary,
                "resolves": "; ".join(p.resolves),
                "proposal": f"{p.summary}; resolves {', '.join(p.resolves) or 'nothing'}",
            }
            for p in result.proposals
        ]
        if rows:
            columns = ["activity", "owner", "cost", "proposal"]
            if fmt is Format.CSV:
                columns = ["activity", "owner", "cost", "change", "resolves"]
            title = f"Proposals for {len(result.before)} conflicts (cost in weighted minutes)"
            emit_rows(rows, columns, fmt, title, below="proposal")
        if fmt is Format.TABLE:
            console.print(
                f"{len(result.before)} conflicts before; re-check of the changed plan: "
                f"{len(result.after)} remain (solver: {result.status}, "
                f"{result.candidates} candidate changes)",
                soft_wrap=True,
            )
            for conflict_id, why in result.unsolved.items():
                console.print(f"unsolved {conflict_id}: {why}", soft_wrap=True, markup=False)
    if out:
        write_plans(result.plan, out)
        if fmt is Format.TABLE:
            console.print(f"plan with the proposals accepted: {out}", markup=False, soft_wrap=True)


@app.command("tracks")
@handles_errors
def tracks_cmd(
    plan: Path = typer.Argument(..., help="the plan (a file or a folder of them)"),
    tracks: Path = typer.Argument(..., help="track points CSV: activity,time,lon,lat,altitude_m"),
    fmt: Format = FORMAT,
) -> None:
    """Check track points against the volumes declared for them; consecutive points
    outside make one alert."""
    points = read_tracks(tracks)
    alerts = check_tracks(load_plans([plan]), points)
    if fmt is Format.JSON:
        sys.stdout.write(json.dumps([a.model_dump(mode="json") for a in alerts], indent=2) + "\n")
        return
    rows = [
        {
            "activity": a.activity,
            "volume": a.volume or "",
            "from": f"{a.start:%Y-%m-%d %H:%M:%S}Z",
            "to": f"{a.end:%H:%M:%S}Z",
            "points": len(a.points),
            "reason": a.reason,
        }
        for a in alerts
    ]
    if rows or fmt is Format.CSV:
        columns = ["activity", "volume", "from", "to", "points", "reason"]
        emit_rows(rows, columns, fmt, "Conformance alerts", below="reason")
    if fmt is Format.TABLE:
        console.print(f"{len(alerts)} alerts from {len(points)} track points", soft_wrap=True)


@app.command("extract")
@handles_errors
def extract_cmd(
    ctx: typer.Context,
    paths: list[Path] | None = PLANS,
    party: str = typer.Option(..., "--party", help="who is notified (ISO 3166 code, e.g. RUS)"),
    label: NotificationLabel = typer.Option(None, "--label", help="how each volume is marked"),
    out: Path = typer.Option(None, "--out", help="write the GeoJSON here instead of stdout"),
) -> None:
    """The extract notified to a party, as GeoJSON: footprints, bands and windows only
    (no unit, activity, kind or priority; no standing zones)."""
    extract = notification_extract(_plans(ctx, paths), party, label.value if label else None)
    text = json.dumps(extract.geojson, indent=1, ensure_ascii=False) + "\n"
    if out:
        out.write_text(text, encoding="utf-8")
        console.print(f"{len(extract.refs)} volumes notified to {extract.party}: {out}",
                      markup=False, soft_wrap=True)  # fmt: skip
    else:
        sys.stdout.write(text)


@app.command("load")
@handles_errors
def load_cmd(
    ctx: typer.Context,
    paths: list[Path] | None = PLANS,
    by: str = typer.Option("cli", "--by", help="who files the plans (kept with each version)"),
) -> None:
    """Store plans in the database (all or nothing): a new activity as version 1, a
    changed one as its next version; the server's planners then see them."""
    written = history.submit(migrated_engine(ctx), _plans(ctx, paths), by)
    console.print(f"{len(written)} activity versions stored", soft_wrap=True)


@app.command("notify")
@handles_errors
def notify_cmd(
    ctx: typer.Context,
    party: str = typer.Option(..., "--party", help="who is notified (ISO 3166 code, e.g. RUS)"),
    day: str = typer.Option(..., "--day", help="the stored plan of this UTC day"),
    label: NotificationLabel = typer.Option(None, "--label", help="how each volume is marked"),
    owners: list[str] = typer.Option(
        None,
        "--owner",
        help="whose activities (repeatable); default: all but the party and Ukraine",
    ),
    by: str = typer.Option("cli", "--by"),
) -> None:
    """Notify a party of a day's stored plan (the extract only) and log it as sent."""
    engine = migrated_engine(ctx)
    when = parse_date(day, "--day")
    code = hotline.party_code(party)
    plan = hotline.chosen(
        [s.activity for s in history.on_day(engine, when)],
        code,
        set(owners) if owners else None,
        settings(ctx).beneficiary,
    )
    sent = hotline.notify(engine, plan, code, by, label, when)
    console.print(
        f"notification {sent.id}: {_count(sent.extract)} volumes sent to {sent.party}",
        soft_wrap=True,
    )


def _count(geojson: dict[str, object]) -> int:
    features = geojson.get("features")
    return len(features) if isinstance(features, list) else 0


@app.command("answer")
@handles_errors
def answer_cmd(
    ctx: typer.Context,
    notification: int = typer.Argument(..., help="the notification's number"),
    state: NotificationState = typer.Option(..., "--state"),
    note: str = typer.Option(None, "--note"),
    by: str = typer.Option("cli", "--by"),
) -> None:
    """Log a party's answer to a notification (acknowledged or objected)."""
    done = hotline.answer(migrated_engine(ctx), notification, state, by, note)
    console.print(f"notification {done.id} to {done.party}: {done.state.value}", soft_wrap=True)


@app.command("hotline")
@handles_errors
def hotline_cmd(ctx: typer.Context, fmt: Format = FORMAT) -> None:
    """The hotline log: every notification, newest first, with its answers."""
    rows = [
        {
            "id": n.id,
            "party": n.party,
            "sent": f"{n.sent_at:%Y-%m-%d %H:%M}Z by {n.sent_by}",
            "state": n.state.value,
            "history": "; ".join(
                f"{e.state.value} {e.at:%Y-%m-%d %H:%M}Z by {e.by}"
                + (f": {e.note}" if e.note else "")
                for e in n.events
            ),
        }
        for n in hotline.log(migrated_engine(ctx))
    ]
    emit_rows(
        rows, ["id", "party", "sent", "state", "history"], fmt, "Hotline log", below="history"
    )
