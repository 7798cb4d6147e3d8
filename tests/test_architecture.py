"""docs/ARCHITECTURE.md is the map of the package: it must name every package and
top-level module under src/coalition, and nothing that is not there."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def mapped() -> list[str]:
    """The entries of the layout's ``src/coalition/`` block: lines indented by two spaces
    that start with a package (``name/``) or a module (``name.py``)."""
    text = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    block = text.split("src/coalition/\n", 1)[1].split("```", 1)[0]
    return re.findall(r"^  ([a-z_]+/|[a-z_]+\.py)\s", block, flags=re.MULTILINE)


def test_the_map_names_each_package_and_module_once() -> None:
    entries = mapped()
    assert len(entries) == len(set(entries)), sorted(e for e in entries if entries.count(e) > 1)
    package = ROOT / "src" / "coalition"
    present = {f"{p.name}/" for p in package.iterdir() if any(p.glob("*.py"))}
    present |= {p.name for p in package.glob("*.py") if p.name != "__init__.py"}
    assert set(entries) == present


def test_the_shared_reports_layer_holds_no_capabilitys_report() -> None:
    """A report is its capability's template (issue 19): a new one edits no shared file."""
    reports = ROOT / "src" / "coalition" / "reports"
    assert not list(reports.rglob("*.j2")), "a report template belongs to its capability"
    assert list((ROOT / "src" / "coalition" / "monitoring" / "templates").glob("*.j2"))
