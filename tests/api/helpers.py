"""What the API's tests share: the states the bundled registry names."""

from __future__ import annotations

from pathlib import Path

import yaml

REGISTRY = Path(__file__).resolve().parents[2] / "data" / "registry"


def registry_state_codes() -> set[str]:
    """Every state code the registry's files name: pledges' and stances' actors and
    meeting participants, less the organisations (EU, NATO, UN)."""
    codes: set[str] = set()
    organisations: set[str] = set()
    for path in sorted(REGISTRY.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        codes |= {p["actor"] for p in doc.get("pledges") or []}
        codes |= {s["actor"] for s in doc.get("stances") or []}
        codes |= {c for m in doc.get("meetings") or [] for c in m.get("participants") or []}
        organisations |= {o["code"] for o in doc.get("organisations") or []}
    return codes - organisations
