"""One family of errors a user can cause.

The CLI turns a :class:`CoalitionError` into a red line and exit code 2 (the API, later,
into a 4xx); anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


class CoalitionError(Exception):
    """An error caused by input the user can fix; the message says how."""


class NotFoundError(CoalitionError):
    """Something the user named (a state, a pledge, a person) is not in the registry."""


@dataclass(frozen=True)
class DataIssue:
    """One problem in a data file, located as precisely as the file allows."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


class DataFileError(CoalitionError):
    """A data file is malformed or refers to something unknown. Nothing was written."""

    def __init__(self, issues: list[DataIssue]) -> None:
        self.issues = issues
        lines = "\n".join(f"  {issue}" for issue in issues)
        noun = "problem" if len(issues) == 1 else "problems"
        super().__init__(f"{len(issues)} {noun} in the data; nothing was written:\n{lines}")


class ForbiddenError(CoalitionError):
    """The user's role may not do this (the API answers 403)."""


class HistoryConflictError(CoalitionError):
    """An append-only record would be rewritten."""


class StoreBusyError(CoalitionError):
    """The database stayed locked by another writer past the wait: try again shortly
    (the API answers 503 with Retry-After, not a client error)."""
