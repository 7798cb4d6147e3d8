"""The force data a server works on: the bundled files, with the secretariat's edits on
top (a new statement of requirements replaces the bundled one; a scenario with a known
id replaces it, a new id adds one). Edits are checked exactly as files are, before they
are kept."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

import yaml
from sqlalchemy import Engine, select

from coalition.forcegen.files import ForceData, load_force_data
from coalition.store import transaction
from coalition.store.tables import ForceEditRow

REQUIREMENTS = "requirements"


def _edits(engine: Engine) -> dict[str, Any]:
    with transaction(engine) as session:
        return {row.key: row.body for row in session.scalars(select(ForceEditRow))}


def force_data_in_force(
    engine: Engine,
    folder: Path,
    pledge_ids: set[str],
    conditions: set[str],
    paths: list[Path] | None = None,
) -> ForceData:
    """The force data a sourcing uses, the same from the command line and the server:
    the files a user names, as they are; otherwise the bundled data in ``folder`` with
    the secretariat's stored edits (the dashboard's), so both doors source the same."""
    if paths:
        return load_force_data(paths, pledge_ids, conditions)
    return load_edited(engine, folder, pledge_ids, conditions)


def load_edited(
    engine: Engine,
    folder: Path,
    pledge_ids: set[str],
    conditions: set[str],
    extra: dict[str, Any] | None = None,
) -> ForceData:
    """The bundled force data in ``folder`` with the stored edits (and ``extra``, an edit
    being checked) applied."""
    edits = _edits(engine) | (extra or {})
    files = sorted(folder.glob("*.yaml"))
    if REQUIREMENTS in edits:
        files = [f for f in files if f.name != "requirements.yaml"]
    with TemporaryDirectory() as tmp:
        overlay = Path(tmp) / "server-edits.yaml"
        body: dict[str, Any] = {}
        if REQUIREMENTS in edits:
            body["requirements"] = edits[REQUIREMENTS]
        scenarios = [v for k, v in sorted(edits.items()) if k.startswith("scenario:")]
        if scenarios:
            body["scenarios"] = scenarios
        overlay.write_text(yaml.safe_dump(body, sort_keys=False), encoding="utf-8")
        return load_force_data([*files, overlay], pledge_ids, conditions)


def save_edit(
    engine: Engine,
    folder: Path,
    pledge_ids: set[str],
    conditions: set[str],
    key: str,
    body: Any,
    username: str,
) -> ForceData:
    """Check an edit with everything else, then keep it (raises DataFileError if not)."""
    data = load_edited(engine, folder, pledge_ids, conditions, {key: body})
    with transaction(engine) as session:
        row = session.get(ForceEditRow, key)
        if row is None:
            row = ForceEditRow(key=key)
            session.add(row)
        row.body, row.updated_by, row.updated_at = body, username, dt.datetime.now(dt.UTC)
    return data
