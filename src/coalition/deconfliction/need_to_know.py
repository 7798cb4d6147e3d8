"""Need to know: a national planner sees their own state's activities and the conflicts
that involve them, never another state's plan. Ukraine's air-defence zones and the
other nations' activities stay hidden; in a conflict, the other side is told only as
"another activity" or "a standing zone", with where, when, by how much and the rule:
what the planner needs to move, nothing about who is there. ``viewer`` None sees all
(the secretariat's deconfliction cell)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from coalition.domain.deconfliction_results import Conflict, Proposal, StoredActivity

HIDDEN_ACTIVITY = "(another activity)"
HIDDEN_ZONE = "(a standing zone)"


def masked(conflict_id: str) -> str:
    """A conflict's id names both volumes; shown to one side, it is a digest instead
    (stable, so the same conflict keeps its name from run to run)."""
    return "c-" + hashlib.sha256(conflict_id.encode()).hexdigest()[:12]


def activities(stored: Iterable[StoredActivity], viewer: str | None) -> list[StoredActivity]:
    return [s for s in stored if viewer is None or s.activity.owner == viewer]


def conflicts(found: Iterable[Conflict], viewer: str | None) -> list[Conflict]:
    """The conflicts ``viewer`` is party to, their own side first and the other redacted."""
    if viewer is None:
        return list(found)
    shown = []
    for c in found:
        if c.a_owner != viewer and c.b_owner != viewer:
            continue
        if c.a_owner != viewer:  # their side first
            c = c.model_copy(
                update={
                    "a_activity": c.b_activity, "a_volume": c.b_volume, "a_owner": c.b_owner,
                    "a_kind": c.b_kind, "b_activity": c.a_activity, "b_volume": c.a_volume,
                    "b_owner": c.a_owner, "b_kind": c.a_kind,
                }
            )  # fmt: skip
        if c.b_owner != viewer:
            zone = c.b_kind.startswith("zone:")
            c = c.model_copy(
                update={
                    "id": masked(c.id),
                    "b_activity": HIDDEN_ZONE if zone else HIDDEN_ACTIVITY,
                    "b_volume": "",
                    "b_owner": "",
                    "b_kind": "zone" if zone else "activity",
                }
            )
        shown.append(c)
    return shown


def proposals(
    found: Iterable[Proposal], viewer: str | None, seen: Iterable[Conflict]
) -> list[Proposal]:
    """The changes proposed to ``viewer``'s own activities, naming the conflicts they
    resolve as ``viewer`` sees them."""
    if viewer is None:
        return list(found)
    names = {c.id: c.id for c in seen}
    return [
        p.model_copy(update={"resolves": [names.get(r, masked(r)) for r in p.resolves]})
        for p in found
        if p.owner == viewer
    ]
