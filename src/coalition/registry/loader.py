"""Load registry data files into the database: validate all, then write all or nothing.

Every problem found is reported at once, each naming its file, line and field; the
database is touched only when there is none, in one transaction. Status events, stances
and aggregate claims are history: re-loading the same evidence is a no-op, reading the
same evidence differently is refused, and stored history missing from the files is kept.
The checks are in ``registry.checks``, the writes in ``registry.writes``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from coalition.datafiles import parse_files, parse_records
from coalition.errors import CoalitionError, DataFileError, DataIssue
from coalition.registry.checks import Known, check_references
from coalition.registry.schema import DatasetIn, ParsedFile
from coalition.registry.writes import (
    LoadSummary,
    stored_not_in_files,
    write_history,
    write_people,
    write_vocabulary,
)
from coalition.store import transaction

__all__ = ["LoadSummary", "load", "load_records", "parse", "validate"]


def parse(paths: Sequence[Path]) -> tuple[list[ParsedFile], list[DataIssue]]:
    """Read and validate the files' shape; cross-references are checked later."""
    return parse_files(paths, DatasetIn)


def load_records(
    engine: Engine, dataset: dict[str, Any], name: str, owner: str | None = None
) -> LoadSummary:
    """Store records held in memory (shaped as a data file holds them) with the same
    checks as files, all or nothing; problems are reported as in a file called ``name``.
    For writes that do not come from files: the server's, accepted OSINT candidates.
    ``owner``: the state of the national representative writing (new sources are
    theirs; cited sources must be shared or theirs)."""
    parsed, issues = parse_records(name, dataset, DatasetIn)
    return _store(engine, parsed, issues, rehearse=False, owner=owner)


class _Rehearsed(Exception):
    """Ends a rehearsal: the transaction rolls back, the summary is kept."""

    def __init__(self, summary: LoadSummary) -> None:
        self.summary = summary


def load(
    engine: Engine, paths: Sequence[Path], rehearse: bool = False, owner: str | None = None
) -> LoadSummary:
    """Validate ``paths`` (files or folders) and store them in one transaction. With
    ``rehearse`` the whole load runs (every check a real load makes, history conflicts
    included) and is rolled back: what `validate` says is what `load` will do."""
    parsed, issues = parse(paths)
    return _store(engine, parsed, issues, rehearse, owner)


def _store(
    engine: Engine,
    parsed: list[ParsedFile],
    issues: list[DataIssue],
    rehearse: bool,
    owner: str | None,
) -> LoadSummary:
    """Check everything, then write everything in one transaction (rolled back when
    rehearsing: the rehearsal ends by raising, so nothing it wrote stays)."""
    try:
        with transaction(engine) as session:
            known = Known.from_db(session)
            issues += check_references(parsed, known, owner) if not issues else []
            if issues:
                raise DataFileError(issues)
            summary = LoadSummary(files=[str(p.path) for p in parsed])
            try:
                # Definitions from every file first, then what refers to them.
                for item in parsed:
                    write_vocabulary(session, item, summary, owner)
                for item in parsed:
                    write_people(session, item, summary)
                for item in parsed:
                    write_history(session, item, summary)
            except IntegrityError as exc:
                raise CoalitionError(f"the database refused the data: {exc.orig}") from exc
            summary.kept_not_in_files = stored_not_in_files(session, parsed)
            if rehearse:
                raise _Rehearsed(summary)
        return summary
    except _Rehearsed as done:
        return done.summary


def validate(paths: Sequence[Path], engine: Engine | None = None) -> list[DataIssue]:
    """Check files without writing: against themselves, or also against a database."""
    parsed, issues = parse(paths)
    if issues:
        return issues
    if engine is None:
        return check_references(parsed, Known())
    with transaction(engine) as session:
        return check_references(parsed, Known.from_db(session))
