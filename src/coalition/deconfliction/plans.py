"""Plans from files: YAML (the planners' format, errors at file:line), GeoJSON (from a
GIS) and CSV (from a spreadsheet: one row per volume). All three become the same
``Activity`` values, checked by the same rules, and nothing is accepted from a set of
files with a problem in any of them: a plan half-read is a plan with a hole in it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from coalition.datafiles import Parsed, field_path, issue_at, parse_files
from coalition.datafiles.paths import expand
from coalition.deconfliction.tables import read_csv_rows, read_geojson_rows
from coalition.deconfliction.theatre_zone import line_of_contact_ring
from coalition.domain.deconfliction import Activity, Metres, Volume
from coalition.errors import CoalitionError, DataFileError, DataIssue

YAML_SUFFIXES = (".yaml", ".yml")
SUFFIXES = (*YAML_SUFFIXES, ".geojson", ".json", ".csv")


class LineOfContact(BaseModel):
    """A volume drawn as the buffer along the monitoring theatre's line of contact."""

    model_config = ConfigDict(extra="forbid")

    theatre: str = Field(description="theatre GeoJSON, relative to this file")
    buffer_m: Metres


class PlannedVolume(Volume):
    """A volume as a YAML file may give it: also as a line-of-contact buffer."""

    SHAPES: ClassVar[tuple[str, ...]] = ("polygon", "circle", "route", "line_of_contact")
    line_of_contact: LineOfContact | None = None


class PlannedActivity(Activity):
    volumes: Sequence[PlannedVolume] = Field(min_length=1)


class PlanFile(BaseModel):
    """A YAML plan file. ``illustrative``, ``note`` and ``sources`` describe the file."""

    model_config = ConfigDict(extra="forbid")

    illustrative: bool = False
    note: str | None = None
    sources: list[str] = []
    activities: list[PlannedActivity] = []


def _from_yaml(item: Parsed[PlanFile]) -> tuple[list[Activity], list[DataIssue]]:
    activities, issues = [], []
    for i, planned in enumerate(item.model.activities):
        volumes, failed = [], False
        for k, volume in enumerate(planned.volumes):
            fields = volume.model_dump(exclude={"line_of_contact"})
            if volume.line_of_contact is not None:
                where = item.path.parent / volume.line_of_contact.theatre
                try:
                    fields["polygon"] = line_of_contact_ring(where, volume.line_of_contact.buffer_m)
                except CoalitionError as exc:
                    loc = ("activities", i, "volumes", k, "line_of_contact", "theatre")
                    issues.append(issue_at(item, loc, str(exc)))
                    failed = True
                    continue
            volumes.append(Volume.model_validate(fields))
        if failed:
            continue
        fields = planned.model_dump(exclude={"volumes"})
        activities.append(Activity.model_validate({**fields, "volumes": volumes}))
    return activities, issues


def _read_yaml(paths: Sequence[Path]) -> tuple[list[tuple[Path, Activity, str]], list[DataIssue]]:
    parsed, issues = parse_files(paths, PlanFile)
    found = []
    for item in parsed:
        activities, problems = _from_yaml(item)
        issues += problems
        for i, activity in enumerate(activities):
            found.append((item.path, activity, _where(item, ("activities", i, "id"))))
    return found, issues


def _where(item: Parsed[PlanFile], loc: tuple[int | str, ...]) -> str:
    issue = issue_at(item, loc, "")
    return f"{issue.file}:{issue.line}" if issue.line else issue.file


def _read_rows(path: Path) -> tuple[list[tuple[Path, Activity, str]], list[DataIssue]]:
    """CSV or GeoJSON: each row one volume; rows of one activity id are merged."""
    rows, issues = read_csv_rows(path) if path.suffix.lower() == ".csv" else read_geojson_rows(path)
    grouped: dict[str, tuple[dict[str, Any], list[Any], str, int | None]] = {}
    for row in rows:
        head = {k: v for k, v in row.activity.items() if v not in (None, "")}
        name = str(head.get("id", ""))
        if name in grouped:
            first, volumes, where, line = grouped[name]
            for key in sorted(set(first) | set(head)):
                if first.get(key) != head.get(key):
                    issues.append(
                        DataIssue(
                            str(path), row.line, row.field(key),
                            f"activity {name!r} has {key} {first.get(key)!r} at {where}, "
                            f"{head.get(key)!r} here",
                        )
                    )  # fmt: skip
                    break
            volumes.append(row.volume)
        else:
            grouped[name] = (head, [row.volume], row.where, row.line)
    found = []
    for name, (head, volumes, where, line) in grouped.items():
        try:
            found.append((path, Activity.model_validate({**head, "volumes": volumes}), where))
        except ValidationError as exc:
            for error in exc.errors():
                loc = error["loc"]
                row = _row_of(rows, name, loc)
                issues.append(
                    DataIssue(
                        str(path),
                        row.line if row else line,
                        row.field(_column(loc)) if row else field_path(loc),
                        _message(error),
                    )
                )
    return found, issues


def _row_of(rows: Sequence[Any], activity: str, loc: tuple[int | str, ...]) -> Any:
    """The row a validation error points at: the activity's k-th volume row."""
    mine = [r for r in rows if str(r.activity.get("id", "")) == activity]
    if len(loc) >= 2 and loc[0] == "volumes" and isinstance(loc[1], int) and loc[1] < len(mine):
        return mine[loc[1]]
    return mine[0] if mine else None


_COLUMN = {"id": "activity", "polygon": "geometry", "route": "geometry", "circle": "geometry",
           "coordinates": "geometry", "center": "geometry"}  # fmt: skip


def _column(loc: tuple[int | str, ...]) -> str:
    """The file's column for a validation error's location in an Activity."""
    if len(loc) >= 3 and loc[0] == "volumes":
        inner = [s for s in loc[2:] if isinstance(s, str)]
        if not inner:
            return "geometry"
        name = inner[-1] if inner[-1] in ("radius_m", "width_m") else inner[0]
        return "volume" if name == "id" else _COLUMN.get(name, name)
    if loc and loc[0] == "volumes":
        return "volume"
    return _COLUMN.get(str(loc[0]), str(loc[0])) if loc else ""


def _message(error: Any) -> str:
    text = str(error["msg"]).removeprefix("Value error, ")
    if error["type"] in {"enum", "literal_error"}:
        return f"{error['input']!r} is not allowed: {text}"
    return text


def load_plans(paths: Sequence[Path]) -> list[Activity]:
    """Every activity of the files named (folders expanded), or a DataFileError that
    lists every problem of every file, one line each."""
    files = expand(paths, SUFFIXES, "plan files (.yaml, .geojson, .csv)")
    found: list[tuple[Path, Activity, str]] = []
    issues: list[DataIssue] = []
    yaml_files = [p for p in files if p.suffix.lower() in YAML_SUFFIXES]
    if yaml_files:
        found, issues = _read_yaml(yaml_files)
    for path in files:
        if path.suffix.lower() not in YAML_SUFFIXES:
            rows, problems = _read_rows(path)
            found += rows
            issues += problems
    seen: dict[str, str] = {}
    for _, activity, where in found:
        if activity.id in seen:
            text = f"activity {activity.id!r} also at {seen[activity.id]}"
            issues.append(DataIssue(where, None, "id", text))
        seen.setdefault(activity.id, where)
    if issues:
        raise DataFileError(issues)
    if not found:
        raise CoalitionError(f"no activities in {', '.join(map(str, files))}")
    return [activity for _, activity, _ in found]


def write_plans(activities: Sequence[Activity], path: Path) -> None:
    """A plan file (YAML) that ``load_plans`` reads back as the same activities: what a
    resolved plan is saved as."""
    document = {"activities": [a.model_dump(mode="json", exclude_none=True) for a in activities]}
    path.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True), "utf-8")
