"""Files named on a command line: folders expand to the files inside them that have one
of the accepted suffixes, in a stable order; a name that does not exist is an error."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from coalition.errors import CoalitionError


def expand(paths: Iterable[Path], suffixes: Iterable[str], what: str) -> list[Path]:
    """The files among ``paths`` (folders searched recursively); ``what`` names them in
    the error raised when none is found."""
    accepted = {s.lower() for s in suffixes}
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix.lower() in accepted)
        elif path.exists():
            found.append(path)
        else:
            raise CoalitionError(f"{path}: no such file or folder")
    if not found:
        raise CoalitionError(f"no {what} found ({', '.join(sorted(accepted))})")
    return found
