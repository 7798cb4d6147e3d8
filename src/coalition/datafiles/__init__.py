"""Reading data files (YAML) into validated models, every problem located at file:line.

Shared by every capability that takes files from users (registry data, statements of
requirements, scenarios...).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from coalition.datafiles.hints import did_you_mean
from coalition.datafiles.yaml_lines import field_path, line_of, load_yaml
from coalition.errors import DataFileError, DataIssue

M = TypeVar("M", bound=BaseModel)

__all__ = [
    "Parsed",
    "data_files",
    "did_you_mean",
    "field_path",
    "issue_at",
    "line_of",
    "parse_files",
    "parse_records",
]


@dataclass
class Parsed(Generic[M]):
    """One file: its path, its raw document (with line numbers) and its validated model."""

    path: Path
    document: Any
    model: M


def data_files(paths: Iterable[Path]) -> list[Path]:
    """Expand folders to their ``*.yaml``/``*.yml`` files, in a stable order."""
    found: list[Path] = []
    paths = list(paths)
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.suffix in {".yaml", ".yml"}))
        elif path.exists():
            found.append(path)
        else:
            raise DataFileError([DataIssue(str(path), None, "", "no such file or folder")])
    if not found:
        raise DataFileError([DataIssue(", ".join(map(str, paths)), None, "", "no data files")])
    return found


def _message(error: Any) -> str:
    text = str(error["msg"]).removeprefix("Value error, ")
    if error["type"] in {"enum", "literal_error"}:
        return f"{error['input']!r} is not allowed: {text}"
    return text


def parse_files(paths: Sequence[Path], model: type[M]) -> tuple[list[Parsed[M]], list[DataIssue]]:
    """Read and validate each file against ``model``; collect every problem."""
    parsed: list[Parsed[M]] = []
    issues: list[DataIssue] = []
    for path in data_files(paths):
        name = str(path)
        try:
            document = load_yaml(path)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark
            line = mark.line + 1 if mark is not None else None
            issues.append(DataIssue(name, line, "", f"not valid YAML: {exc.problem}"))
            continue
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            issues.append(DataIssue(name, None, "", f"cannot read: {exc}"))
            continue
        _validate(path, {} if document is None else document, model, parsed, issues)
    return parsed, issues


def parse_records(
    name: str, document: dict[str, Any], model: type[M]
) -> tuple[list[Parsed[M]], list[DataIssue]]:
    """Validate records held in memory (shaped as a file of ``model`` holds them), with
    problems reported as in a file called ``name`` (without line numbers): writes that
    come from the server or the review queue, not from files."""
    parsed: list[Parsed[M]] = []
    issues: list[DataIssue] = []
    _validate(Path(name), document, model, parsed, issues)
    return parsed, issues


def _validate(
    path: Path, document: Any, model: type[M], parsed: list[Parsed[M]], issues: list[DataIssue]
) -> None:
    name = str(path)
    try:
        validated = model.model_validate(document)
    except ValidationError as exc:
        for error in exc.errors():
            loc = error["loc"]
            issues.append(DataIssue(name, line_of(document, loc), field_path(loc), _message(error)))
        return
    parsed.append(Parsed(path, document, validated))


def issue_at(parsed: Parsed[Any], loc: tuple[int | str, ...], message: str) -> DataIssue:
    """A problem found after validation (a cross-reference), located in its file."""
    return DataIssue(str(parsed.path), line_of(parsed.document, loc), field_path(loc), message)
