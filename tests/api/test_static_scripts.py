"""The dashboard's scripts share one global scope: a function or constant declared at the
top of two of them silently replaces the first (one tab's buttons would call another's
code), so each top-level name is declared once."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

STATIC = Path(__file__).resolve().parents[2] / "src" / "coalition" / "api" / "static"
_TOP = re.compile(r"^(?:async\s+)?(?:function\s*\*?\s*|const\s+|let\s+|var\s+|class\s+)(\w+)", re.M)


def test_each_top_level_name_is_declared_once() -> None:
    names = Counter(
        name for path in sorted(STATIC.glob("*.js")) for name in _TOP.findall(path.read_text())
    )
    assert [name for name, n in names.items() if n > 1] == []
