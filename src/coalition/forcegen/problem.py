"""The numeric core of force sourcing: offers x requirements as arrays.

Kept free of names and dates so that the optimiser, the greedy baseline, the Monte Carlo
and the benchmark generator all work on the same small structure.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

Ints = NDArray[np.int64]
Floats = NDArray[np.float64]
Bools = NDArray[np.bool_]


@dataclass(frozen=True)
class Problem:
    """``counts[o]`` units in offer ``o`` of state ``owner[o]``; requirement ``r`` needs
    ``quantity[r]`` units with priority ``weight[r]``; pair ``p`` lets offer
    ``pair_offer[p]`` serve requirement ``pair_req[p]`` at ``pair_eff[p]``. No state may
    provide more than ``max_share`` of one requirement."""

    counts: Ints
    owner: Ints
    quantity: Ints
    weight: Floats
    pair_offer: Ints
    pair_req: Ints
    pair_eff: Floats
    max_share: float = 1.0

    @property
    def n_offers(self) -> int:
        return len(self.counts)

    @property
    def n_requirements(self) -> int:
        return len(self.quantity)

    def max_objective(self) -> float:
        return float(self.weight.sum())

    def share_groups(self) -> tuple[Ints, Floats]:
        """The share-limit group (state, requirement) of each pair, and the effective
        units each group may give: ``max_share`` of the requirement (no limit at 100%)."""
        key = self.owner[self.pair_offer] * self.n_requirements + self.pair_req
        groups, group_of_pair = np.unique(key, return_inverse=True)
        limit = self.max_share if self.max_share < 1 else np.inf
        upper: Floats = limit * self.quantity[groups % self.n_requirements].astype(np.float64)
        return group_of_pair.reshape(-1).astype(np.int64), upper

    def restrict(self, available: Bools) -> Problem:
        """The same problem with only the offers marked available."""
        return self._pairs(available[self.pair_offer])

    def without_requirements(self, blocked: Bools) -> Problem:
        """The same problem where no unit may serve the requirements marked blocked."""
        return self._pairs(~blocked[self.pair_req])

    def _pairs(self, keep: Bools) -> Problem:
        """The same offers and requirements with only the pairs marked ``keep``."""
        return Problem(
            counts=self.counts,
            owner=self.owner,
            quantity=self.quantity,
            weight=self.weight,
            pair_offer=self.pair_offer[keep],
            pair_req=self.pair_req[keep],
            pair_eff=self.pair_eff[keep],
            max_share=self.max_share,
        )

    def subproblem(self, offers: Ints, requirements: Ints) -> Problem:
        """The part of the problem on these offers and requirements, renumbered."""
        offer_map = np.full(self.n_offers, -1)
        offer_map[offers] = np.arange(len(offers))
        req_map = np.full(self.n_requirements, -1)
        req_map[requirements] = np.arange(len(requirements))
        keep = (offer_map[self.pair_offer] >= 0) & (req_map[self.pair_req] >= 0)
        return Problem(
            counts=self.counts[offers],
            owner=self.owner[offers],
            quantity=self.quantity[requirements],
            weight=self.weight[requirements],
            pair_offer=offer_map[self.pair_offer[keep]],
            pair_req=req_map[self.pair_req[keep]],
            pair_eff=self.pair_eff[keep],
            max_share=self.max_share,
        )

    def components(self) -> list[tuple[Ints, Ints]]:
        """Independent parts (offers, requirements) linked by no eligible pair; each can be
        solved alone. Requirements no offer can serve are left out."""
        parent = np.arange(self.n_offers + self.n_requirements)

        def find(i: int) -> int:
            root = i
            while parent[root] != root:
                root = int(parent[root])
            while parent[i] != root:
                parent[i], i = root, int(parent[i])
            return root

        for o, r in zip(self.pair_offer.tolist(), self.pair_req.tolist(), strict=True):
            a, b = find(o), find(self.n_offers + r)
            if a != b:
                parent[a] = b
        groups: dict[int, tuple[list[int], list[int]]] = {}
        linked = set(self.pair_offer.tolist()) | {self.n_offers + r for r in self.pair_req.tolist()}
        for node in sorted(linked):
            offers, reqs = groups.setdefault(find(node), ([], []))
            (offers if node < self.n_offers else reqs).append(
                node % self.n_offers if node < self.n_offers else node - self.n_offers
            )
        return [
            (np.array(o, dtype=np.int64), np.array(r, dtype=np.int64)) for o, r in groups.values()
        ]


@dataclass(frozen=True)
class Solution:
    """Units per pair, effective coverage per requirement, and how good it is."""

    units: Ints
    covered: Floats
    objective: float
    bound: float
    seconds: float
    status: str
    extra: dict[str, float] = field(default_factory=dict)

    @property
    def gap(self) -> float:
        """Proven relative gap to the best possible objective (0 when optimal)."""
        if self.bound <= 0:
            return 0.0
        return max(0.0, (self.bound - self.objective) / self.bound)


def coverage_objective(problem: Problem, covered: Floats) -> float:
    """Weighted coverage: each requirement counts its weight times the share covered."""
    share = np.minimum(covered, problem.quantity) / problem.quantity
    return float((problem.weight * share).sum())


def covered_by(problem: Problem, units: Ints | Floats) -> Floats:
    return np.bincount(
        problem.pair_req, weights=problem.pair_eff * units, minlength=problem.n_requirements
    ).astype(np.float64)
