"""Quantities on statements (issue 14): numbers kept as said, money converted at the ECB
rate of the day with the rate kept, and each bad quantity one clear line at its field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from sqlalchemy import Engine

from coalition.registry import Registry, load, validate
from coalition.registry.money import rate_on
from coalition.store import transaction
from tests.conftest import DATA

SOURCE = {"id": "test-figures", "title": "Figures for a test", "published": "2026-01-10",
          "language": "en", "url": "https://example.org/figures"}  # fmt: skip


def extra(folder: Path, statement: dict[str, object], kind: str = "troops") -> Path:
    pledge = {"id": f"NLD-{kind}", "actor": "NLD", "kind": kind,
              "description": "A test pledge of the Netherlands",
              "events": [{"date": "2026-01-08", "status": "announced", "source": "test-figures",
                          "quote": "The Netherlands will send troops, the minister said."}
                         | statement]}  # fmt: skip
    if kind == "troops":
        pledge["domains"] = ["land", "sea"]
    path = folder / "extra.yaml"
    path.write_text(yaml.safe_dump({"sources": [SOURCE], "pledges": [pledge]}), encoding="utf-8")
    return path


def problems(tmp_path: Path, statement: dict[str, object], kind: str = "troops") -> list[str]:
    return [str(i) for i in validate([DATA, extra(tmp_path, statement, kind)])]


def test_a_quantity_is_kept_as_said_and_in_euros(engine: Engine, tmp_path: Path) -> None:
    quantity = {
        "personnel": {"up_to": 300},
        "units": [{"type": "minehunter", "count": 2},
                  {"type": "mechanised_battalion", "count": {"from": 1, "to": 2}}],
        "basing": "in neighbouring NATO states, not in Ukraine",
        "readiness": "ready",
        "notice_days": 30,
    }  # fmt: skip
    load(engine, [DATA, extra(tmp_path, {"quantity": quantity})])
    with transaction(engine) as session:
        statement = Registry(session).statements["NLD-troops"][0]
    stated = statement.quantity
    assert stated is not None and stated.personnel is not None
    assert stated.personnel.text() == "up to 300" and stated.personnel.low is None
    assert [u.count.text() for u in stated.units] == ["2", "1 to 2"]
    assert "up to 300 personnel; 2 minehunter; 1 to 2 mechanised_battalion" in stated.text()
    funds = tmp_path / "funds"
    funds.mkdir()
    money: dict[str, object] = {"quantity": {"money": {"amount": 100_000_000, "currency": "USD"},
                          "stage": "committed"}}  # fmt: skip
    load(engine, [extra(funds, money, "financing")])
    with transaction(engine) as session:
        stated = Registry(session).statements["NLD-financing"][0].quantity
    assert stated is not None and stated.money is not None
    rate, day = rate_on("USD", dt.date(2026, 1, 8))
    assert (stated.money.rate, stated.money.rate_date) == (rate, day)
    assert stated.money.eur == pytest.approx(100_000_000 / rate, abs=0.01)
    assert "ECB" in stated.money.rate_source
    assert "1 EUR = " in stated.money.text()  # the rate's direction in words


@pytest.mark.parametrize(
    ("statement", "kind", "field", "words"),
    [
        ({"quantity": {"personnel": -5}}, "troops", "quantity.personnel.exact",
         "greater than or equal to 0"),
        ({"quantity": {"money": {"amount": 5, "currency": "EUR"}}}, "troops",
         "quantity.money", "money is support's"),
        ({"quantity": {"units": [{"type": "drone", "count": 5}]}}, "troops",
         "quantity.units[0].type", "record it on a support pledge"),
        ({"quantity": {"units": [{"type": "minehunter", "count": 1}], "stage": "committed"}},
         "training", "quantity.units[0].type", "record it on a troop pledge"),
        ({"quantity": {"money": {"amount": 0, "currency": "EUR"}, "stage": "committed"}},
         "financing", "quantity.money.amount", "an amount of 0"),
        ({"quantity": {"personnel": 10**23}}, "troops", "quantity.personnel.exact",
         "less than or equal to 1000000000"),
        ({"quantity": {"units": [{"type": "minehunters", "count": 2}]}}, "troops",
         "quantity.units[0].type", "did you mean 'minehunter'"),
        ({"quantity": {"units": [{"type": "fighter_aircraft", "count": 4}]}}, "troops",
         "quantity.units[0].type", "serves in air"),
        ({"quantity": {"money": {"amount": 5, "currency": "XYZ"}}}, "financing",
         "quantity.money.currency", "no ECB reference rate for currency 'XYZ'"),
        ({"quantity": {"money": {"amount": 5, "currency": "usd"}}}, "financing",
         "quantity.money.currency", "should match pattern"),
        ({"quantity": {"personnel": {"from": 9, "to": 3}}}, "troops", "quantity.personnel",
         "from low to high"),
        ({"quantity": {"personnel": {"up_to": 3, "exact": 3}}}, "troops", "quantity.personnel",
         "give one of"),
        ({"quantity": {"stage": "delivered"}}, "troops", "quantity.stage", "is for support"),
        ({"quantity": {"readiness": "ready"}}, "financing", "quantity.readiness",
         "troop contribution's"),
        ({"quantity": {}}, "troops", "quantity", "empty quantity"),
    ],
)  # fmt: skip
def test_a_bad_quantity_is_one_clear_line(
    tmp_path: Path, statement: dict[str, object], kind: str, field: str, words: str
) -> None:
    found = problems(tmp_path, statement, kind)
    assert len(found) == 1, found
    assert f"pledges[0].events[0].{field}" in found[0] and words in found[0], found[0]
