"""The plan's history in the store (issue 13), on both backends: versions append-only
and in the ledger, the owner fixed, a bad file stores nothing, and concurrent revisions
of one activity are each stored under their own version or refused with a clear error,
never lost quietly."""

from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy import Engine
from typer.testing import CliRunner

from coalition.cli.app import app
from coalition.deconfliction import history
from coalition.deconfliction.plans import load_plans
from coalition.errors import CoalitionError
from coalition.store import ledger, transaction

REPO = Path(__file__).resolve().parents[2]
PLAN = load_plans([REPO / "data" / "deconfliction" / "day-illustrative.yaml"])
runner = CliRunner()


def test_concurrent_revisions_lose_nothing(engine: Engine) -> None:
    convoy = next(a for a in PLAN if a.owner == "GBR" and a.kind == "convoy")
    history.submit(engine, [convoy], "first")
    outcomes: dict[int, str] = {}

    def revise(n: int) -> None:
        try:
            written = history.submit(
                engine, [convoy.model_copy(update={"priority": 10 + n})], f"w{n}"
            )
            outcomes[n] = f"v{written[0].version}"
        except CoalitionError as exc:  # refused: another writer got there first
            outcomes[n] = f"refused: {exc}"

    threads = [threading.Thread(target=revise, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    stored = history.versions(engine, convoy.id)
    written = {n for n, said in outcomes.items() if said.startswith("v")}
    assert [v.version for v in stored] == list(range(1, len(written) + 2))  # contiguous
    assert {v.recorded_by for v in stored[1:]} == {f"w{n}" for n in written}
    assert all(
        ("another writer" in s or "busy" in s) for s in outcomes.values() if s.startswith("refused")
    )
    with transaction(engine) as session:
        assert ledger.verify(session).ok


def test_withdrawn_is_not_current_and_owner_is_fixed(engine: Engine) -> None:
    history.submit(engine, PLAN, "cli")
    first = PLAN[4]
    history.withdraw(engine, first.id, "cell", "weather")
    assert first.id not in {s.activity.id for s in history.current(engine)}
    assert [v.change for v in history.versions(engine, first.id)] == [
        "submitted",
        "withdrawn: weather",
    ]
    again = history.submit(engine, [first], "cli")  # filed again after a withdrawal
    assert again[0].version == 3
    other = first.model_copy(update={"owner": "POL"})
    try:
        history.submit(engine, [other], "cli")
    except CoalitionError as exc:
        assert f"is {first.owner}'s" in str(exc)
    else:
        raise AssertionError("an activity changed hands")


def test_a_bad_plan_file_stores_nothing(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'plans.sqlite3'}"
    good = (REPO / "data" / "deconfliction" / "day-illustrative.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        good.replace("floor_m: 0, ceiling_m: 10,", "floor_m: 50, ceiling_m: 10,", 1), "utf-8"
    )
    (tmp_path / "theatre.geojson").write_text(
        (REPO / "data" / "monitoring" / "theatre.geojson").read_text(encoding="utf-8"), "utf-8"
    )
    refused = runner.invoke(app, ["--db", db, "deconflict", "load", str(bad)])
    assert refused.exit_code == 2 and "floor" in refused.output
    assert "Traceback" not in refused.output
    listed = runner.invoke(app, ["--db", db, "deconflict", "hotline", "--format", "csv"])
    assert listed.exit_code == 0
    from coalition.store import make_engine

    assert history.current(make_engine(db)) == []
    stored = runner.invoke(app, ["--db", db, "deconflict", "load"])
    assert stored.exit_code == 0 and f"{len(PLAN)} activity versions stored" in stored.output


def test_the_cli_notifies_as_the_server_does(tmp_path: Path) -> None:
    """`deconflict notify` covers what the API's does by default: not the party's own
    activities, not Ukraine's; the label is one of the fixed ones."""
    from coalition.deconfliction import hotline
    from coalition.store import make_engine

    db = f"sqlite:///{tmp_path / 'notify.sqlite3'}"
    assert runner.invoke(app, ["--db", db, "deconflict", "load"]).exit_code == 0
    free = runner.invoke(app, ["--db", db, "deconflict", "notify", "--party", "RUS",
                               "--day", "2026-07-01", "--label", "GBR forces"])  # fmt: skip
    assert free.exit_code == 2
    sent = runner.invoke(app, ["--db", db, "deconflict", "notify", "--party", "RUS",
                               "--day", "2026-07-01", "--label", "coalition"])  # fmt: skip
    assert sent.exit_code == 0, sent.output
    (logged,) = hotline.log(make_engine(db))
    expected = sum(len(a.volumes) for a in PLAN if a.owner not in ("UKR", "RUS") and not a.is_zone)
    assert expected < sum(len(a.volumes) for a in PLAN if not a.is_zone)  # Ukraine's left out
    features = logged.extract["features"]
    assert isinstance(features, list) and len(features) == expected
