"""The command line and the API are front doors (issue 19): they parse, call a
capability and format. Neither reads tables nor builds SQL of its own; a test on their
imports holds it, so that logic cannot leak back up unseen."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[1] / "src" / "coalition"
DOORS = sorted([*(SOURCE / "cli").rglob("*.py"), *(SOURCE / "api").rglob("*.py")])
#: What builds or runs SQL; an ``Engine`` passed on to a capability is plumbing.
_SQL = {"select", "insert", "update", "delete", "text", "Session", "sessionmaker"}


def leaks(text: str) -> list[str]:
    """The imports of a module that reach tables or SQL."""
    found = []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.startswith("coalition.store.tables")]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = {a.name for a in node.names}
            if node.module.startswith("coalition.store.tables") or (
                node.module == "coalition.store" and "tables" in names
            ):
                found.append(node.module)
            if node.module.split(".")[0] == "sqlalchemy" and names & _SQL:
                found.append(f"{node.module}: {', '.join(sorted(names & _SQL))}")
    return found


@pytest.mark.parametrize("path", DOORS, ids=lambda p: str(p.relative_to(SOURCE)))
def test_a_front_door_imports_no_table_and_builds_no_sql(path: Path) -> None:
    assert leaks(path.read_text(encoding="utf-8")) == []


def test_the_check_sees_a_leak() -> None:
    assert leaks("from coalition.store.tables import IncidentReportRow") != []
    assert leaks("from coalition.store import tables") != []
    assert leaks("from sqlalchemy import select, Engine") == ["sqlalchemy: select"]
    assert leaks("from sqlalchemy import Engine") == []
