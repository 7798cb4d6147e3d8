"""Sums of stated quantities (issue 14): troop personnel by status with the unknowns
counted, support by stage, and the tracker's committed against delivered per state and
area, each figure traced to its quote. Test figures, not real ones."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from sqlalchemy import Engine
from typer.testing import CliRunner

from coalition.cli.app import app
from coalition.domain.quantities import SupportStage
from coalition.registry import Registry, load
from coalition.store import transaction
from tests.conftest import DATA

SOURCE = {"id": "test-tally", "title": "Figures for a test", "published": "2025-12-31",
          "language": "en", "url": "https://example.org/tally"}  # fmt: skip


def said(day: str, quote: str, quantity: dict[str, object]) -> dict[str, object]:
    return {"date": day, "status": "announced", "source": "test-tally", "quote": quote,
            "quantity": quantity}  # fmt: skip


def figures(folder: Path) -> Path:
    support = {
        "id": "FIN-test-support", "actor": "FIN", "kind": "weapons",
        "description": "Finnish air defence for Ukraine (test)",
        "events": [
            said("2025-03-01", "Finland commits two air-defence systems.",
                 {"units": [{"type": "air_defence_system", "count": 2}],
                  "money": {"amount": 300_000_000, "currency": "EUR"}, "stage": "committed"}),
            said("2025-06-01", "Finland delivered one air-defence system.",
                 {"units": [{"type": "air_defence_system", "count": 1}],
                  "money": {"amount": 150_000_000, "currency": "EUR"}, "stage": "delivered"}),
            said("2025-07-01", "Finland commits drones, no sum given.",
                 {"units": [{"type": "drone", "count": {"up_to": 500}}], "stage": "committed"}),
        ],
    }  # fmt: skip
    troops = {
        "id": "NLD-test-troops", "actor": "NLD", "kind": "troops", "domains": ["land"],
        "description": "Dutch troops (test)",
        "events": [said("2025-09-01", "The Netherlands would send up to 300 troops.",
                        {"personnel": {"up_to": 300}}),
                   said("2025-10-01", "The Dutch troops would be based in Poland.",
                        {"basing": "in Poland"})],
    }  # fmt: skip
    lent = {
        "id": "FIN-test-loan", "actor": "FIN", "kind": "financing",
        "description": "A Finnish loan (test)",
        "events": [said("2025-04-01", "Finland lends about 100 million euros.",
                        {"money": {"amount": 100_000_000, "currency": "EUR", "said": "about",
                                   "instrument": "loan"}, "stage": "committed"})],
    }  # fmt: skip
    path = folder / "figures.yaml"
    document = {"sources": [SOURCE], "pledges": [support, troops, lent]}
    path.write_text(yaml.safe_dump(document), "utf-8")
    return path


@pytest.fixture
def registry_with_figures(engine: Engine, tmp_path: Path) -> Engine:
    load(engine, [DATA, figures(tmp_path)])
    return engine


def test_the_tracker_answers_what_germany_committed_and_delivered(
    registry_with_figures: Engine,
) -> None:
    with transaction(registry_with_figures) as session:
        reg = Registry(session)
        rows = reg.support(dt.date(2025, 1, 1), dt.date(2025, 12, 31), "FIN", "air_defence")
        later = reg.support(dt.date(2026, 1, 1), dt.date(2026, 12, 31), "FIN")
        drones = reg.support(dt.date(2025, 1, 1), dt.date(2025, 12, 31), "FIN", "drones")
    (row,) = rows
    assert (row.committed_eur, row.delivered_eur, row.gap_eur) == (300e6, 150e6, 150e6)
    assert row.committed_items["air_defence_system"].said == "2"
    assert row.delivered_items["air_defence_system"].said == "1"
    assert row.figures[0].quote == "Finland commits two air-defence systems."
    assert later == []
    assert drones[0].no_amount == {"committed": 1}  # unknown, not zero:
    assert drones[0].euros(SupportStage.COMMITTED) == "1 statement, value not stated"
    assert drones[0].gap_eur is None


def test_totals_count_the_unknowns_and_explain(registry_with_figures: Engine) -> None:
    with transaction(registry_with_figures) as session:
        found = Registry(session).quantities(dt.date(2025, 12, 1))
    announced = found.personnel["announced"]
    assert (announced.low, announced.high) == (0, 300)  # "up to 300" adds no lower bound
    assert announced.text().startswith("up to 300")
    assert len(announced.unknown) >= 1  # other announced troop pledges state no figure
    committed = found.support["committed"]
    mine = [f for f in committed.figures if f.pledge_id == "FIN-test-support"]
    assert [f.said for f in mine] == ["2 air_defence_system; EUR 300,000,000; committed"]
    assert "FIN-test-support" in committed.unknown  # the drones, with no sum


def test_the_cli_and_the_api_show_the_same(registry_with_figures: Engine) -> None:
    runner = CliRunner()
    url = registry_with_figures.url.render_as_string(hide_password=False)
    args = ["support", "--state", "Finland", "--year", "2025", "--area", "air_defence"]
    shown = runner.invoke(app, ["--db", url, *args, "--explain"], env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    text = " ".join(shown.output.split())
    assert "EUR 300.0m" in text and "EUR 150.0m" in text
    assert "Finland delivered one air-defence system." in text
    totals = runner.invoke(app, ["--db", url, "totals", "--on", "2025-12-01", "--explain"],
                           env={"COLUMNS": "200"})  # fmt: skip
    assert totals.exit_code == 0 and "up to 300 personnel" in totals.output
    assert "The Netherlands would send up to 300 troops." in " ".join(totals.output.split())


def test_a_later_statement_without_figures_keeps_the_earlier_ones(
    registry_with_figures: Engine,
) -> None:
    """The 1 Oct statement gives basing alone: the 300 said on 1 Sep still counts."""
    with transaction(registry_with_figures) as session:
        found = Registry(session).quantities(dt.date(2025, 12, 1))
    mine = [f for f in found.personnel["announced"].figures if f.pledge_id == "NLD-test-troops"]
    assert [f.said for f in mine] == ["up to 300 personnel"]


def test_loans_and_approximate_amounts_are_said_so(registry_with_figures: Engine) -> None:
    with transaction(registry_with_figures) as session:
        reg = Registry(session)
        committed = reg.quantities(dt.date(2025, 12, 1)).support["committed"]
        money = [
            q.money for said in reg.statements.values() for st in said
            if (q := st.quantity) and q.money and q.stage is SupportStage.COMMITTED
            and st.date <= dt.date(2025, 12, 1)
        ]  # fmt: skip
    loans = sum(m.eur for m in money if m.instrument.value == "loan")
    about = sum(m.eur for m in money if m.said.value == "about")
    assert committed.loans_eur == pytest.approx(loans) and loans >= 100e6
    assert committed.about_eur == pytest.approx(about) and about >= 100e6
    assert "of which loans EUR" in committed.text() and "said as about EUR" in committed.text()
    loan = next(f for f in committed.figures if f.pledge_id == "FIN-test-loan")
    assert loan.said.startswith("about EUR 100,000,000") and "(a loan)" in loan.said
    assert loan.grade == "F"  # the test source's reliability, shown with the quote
