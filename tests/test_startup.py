"""What every ``coalition`` command pays at start: the command line imports every
capability to build its help, so heavy libraries a capability needs only to draw or
print are imported when they are used (measured, not timed here: pyplot alone was about a
third of a second of each start)."""

from __future__ import annotations

import subprocess
import sys


def test_building_the_command_line_imports_no_plotting_or_printing_library() -> None:
    probe = (
        "import sys, coalition.cli.app; "
        "print(sorted(m for m in ('matplotlib', 'weasyprint') if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert loaded == "[]"
