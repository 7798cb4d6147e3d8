"""What can stand in for what: the closure of the substitution table.

Substitutions chain (a light battalion stands in for a mechanised one, a motorised
company for a light battalion...) with efficiencies multiplying along the chain; the
best chain wins. A cycle makes the table meaningless and is refused, naming it.
"""

from __future__ import annotations

from collections.abc import Iterable

from coalition.domain.forcegen import Substitution
from coalition.errors import CoalitionError


def find_cycle(substitutions: Iterable[Substitution]) -> list[str] | None:
    """A cycle ``a -> b -> ... -> a`` in "stands in for" edges, or None."""
    edges: dict[str, list[str]] = {}
    for s in substitutions:
        edges.setdefault(s.substitute, []).append(s.required)
    state: dict[str, int] = {}  # 1 on the path, 2 done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in edges.get(node, []):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(edges):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def closure(substitutions: Iterable[Substitution]) -> dict[tuple[str, str], float]:
    """``(required, provided) -> efficiency`` for every capability that can serve another,
    through any chain, the best chain winning. Identity pairs are not included."""
    table = list(substitutions)
    cycle = find_cycle(table)
    if cycle:
        raise CoalitionError("substitutions form a cycle: " + " -> ".join(cycle))
    best: dict[tuple[str, str], float] = {}
    for s in table:
        key = (s.required, s.substitute)
        best[key] = max(best.get(key, 0.0), s.efficiency)
    changed = True
    while changed:  # the table is small and acyclic: this settles in a few passes
        changed = False
        for (required, middle), first in list(best.items()):
            for (middle2, provided), second in list(best.items()):
                if middle2 != middle or provided == required:
                    continue
                value = first * second
                if value > best.get((required, provided), 0.0) + 1e-12:
                    best[(required, provided)] = value
                    changed = True
    return best
