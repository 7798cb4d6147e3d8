"""The numeric core of force sourcing: offers x requirements as arrays.

Kept free of names and dates so that the optimiser, the greedy baseline, the Monte Carlo
and the benchmark generator all work on the same small structure.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
from numpy.typing import NDArray

Ints = NDArray[np.int64]
Floats = NDArray[np.float64]
Bools = NDArray[np.bool_]


@dataclass(frozen=True)
class Enabling:
    """Units count as a capability only with their enablers. Group ``g`` lets requirement
    ``target[g]`` count at most ``quantity[target] / need[g]`` times the coverage of its
    members (``member_req[k]`` for each ``k`` with ``member_group[k] == g``): a dedicated
    enabler of quantity ``need`` half met makes half the line usable; an enabler in reach
    (``need`` 1) makes it usable as soon as one member unit is there."""

    target: Ints
    need: Floats
    member_group: Ints
    member_req: Ints

    def renumber(self, req_map: Ints) -> Enabling | None:
        """The groups whose target and members all survive ``req_map`` (old -> new, -1)."""
        alive = req_map[self.target] >= 0
        member_alive = alive[self.member_group] & (req_map[self.member_req] >= 0)
        groups = np.flatnonzero(alive)
        if len(groups) == 0:
            return None
        group_map = np.full(len(self.target), -1)
        group_map[groups] = np.arange(len(groups))
        return Enabling(
            target=req_map[self.target[groups]],
            need=self.need[groups],
            member_group=group_map[self.member_group[member_alive]],
            member_req=req_map[self.member_req[member_alive]],
        )


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
    enabling: Enabling | None = None

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
        return replace(
            self,
            pair_offer=self.pair_offer[keep],
            pair_req=self.pair_req[keep],
            pair_eff=self.pair_eff[keep],
        )

    def usable(self, covered: Floats) -> Floats:
        """Coverage that counts: at most the quantity, and no more than the enablers
        allow (see ``Enabling``)."""
        usable = np.minimum(covered, self.quantity).astype(np.float64)
        if self.enabling is None:
            return usable
        e = self.enabling
        # Enablers have no enablers of their own here, so one pass settles it.
        supplied = np.bincount(
            e.member_group, weights=usable[e.member_req], minlength=len(e.target)
        )
        cap = self.quantity[e.target] * supplied / e.need
        limit = np.full(self.n_requirements, np.inf)
        np.minimum.at(limit, e.target, cap)
        result: Floats = np.minimum(usable, limit)
        return result

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
            enabling=None if self.enabling is None else self.enabling.renumber(req_map),
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

        links = list(zip(self.pair_offer.tolist(), (self.n_offers + self.pair_req).tolist(),
                         strict=True))  # fmt: skip
        if self.enabling is not None:  # a line and its enablers are solved together
            e = self.enabling
            links += list(zip((self.n_offers + e.target[e.member_group]).tolist(),
                              (self.n_offers + e.member_req).tolist(), strict=True))  # fmt: skip
        for u, v in links:
            a, b = find(u), find(v)
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
    """Weighted coverage: each requirement counts its weight times the share covered
    (``covered`` as ``Problem.usable`` gives it)."""
    share = np.minimum(covered, problem.quantity) / problem.quantity
    return float((problem.weight * share).sum())


def covered_by(problem: Problem, units: Ints | Floats) -> Floats:
    return np.bincount(
        problem.pair_req, weights=problem.pair_eff * units, minlength=problem.n_requirements
    ).astype(np.float64)
