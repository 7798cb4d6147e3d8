"""Synthetic force-sourcing instances of any size, for benchmarks and tests.

Shaped like the real problem: a dozen capability types, a few dozen regions, states that
each offer a few kinds of units and accept only some regions (national caveats), one
substitution per capability, requirements with priorities; and a scenario in which every
state's parliament and government, and the US backstop, are uncertain.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from coalition.forcegen.montecarlo import Uncertainty
from coalition.forcegen.problem import Problem


@dataclass(frozen=True)
class Instance:
    problem: Problem
    uncertainty: Uncertainty


def generate(
    n_requirements: int,
    n_units: int,
    n_states: int = 30,
    n_capabilities: int = 12,
    n_regions: int = 25,
    regions_per_offer: int = 6,
    seed: int = 0,
) -> Instance:
    rng = np.random.default_rng(seed)
    req_cap = rng.integers(0, n_capabilities, n_requirements)
    req_region = rng.integers(0, n_regions, n_requirements)
    quantity = rng.integers(1, 7, n_requirements)
    weight = rng.choice([1.0, 2.0, 3.0], n_requirements)

    counts: list[int] = []
    while sum(counts) < n_units:
        counts.append(min(int(rng.integers(1, 4)), n_units - sum(counts)))
    n_offers = len(counts)
    owner = rng.integers(0, n_states, n_offers)
    offer_cap = rng.integers(0, n_capabilities, n_offers)
    allowed = np.zeros((n_offers, n_regions), dtype=bool)
    for o in range(n_offers):
        allowed[o, rng.choice(n_regions, regions_per_offer, replace=False)] = True
    substitute_for = (np.arange(n_capabilities) + 1) % n_capabilities  # cap c stands in for c+1

    pair_offer: list[np.ndarray] = []
    pair_req: list[np.ndarray] = []
    pair_eff: list[np.ndarray] = []
    for served, eff in ((offer_cap, 1.0), (substitute_for[offer_cap], 0.7)):
        for c in range(n_capabilities):
            offers = np.flatnonzero(served == c)
            reqs = np.flatnonzero(req_cap == c)
            if len(offers) == 0 or len(reqs) == 0:
                continue
            ok = allowed[np.ix_(offers, req_region[reqs])]
            o_idx, r_idx = np.nonzero(ok)
            pair_offer.append(offers[o_idx])
            pair_req.append(reqs[r_idx])
            pair_eff.append(np.full(len(o_idx), eff))
    problem = Problem(
        counts=np.array(counts, dtype=np.int64),
        owner=owner.astype(np.int64),
        quantity=quantity.astype(np.int64),
        weight=weight,
        pair_offer=np.concatenate(pair_offer).astype(np.int64),
        pair_req=np.concatenate(pair_req).astype(np.int64),
        pair_eff=np.concatenate(pair_eff),
    )
    # Variables: us_backstop, then parliament and government of each state.
    names = (
        ["us_backstop"]
        + [f"parliament:S{s:02d}" for s in range(n_states)]
        + [f"government:S{s:02d}" for s in range(n_states)]
    )
    probability = np.concatenate(
        [[0.5], rng.uniform(0.6, 0.95, n_states), rng.uniform(0.8, 0.99, n_states)]
    )
    needs_backstop = rng.random(n_states) < 0.3
    needs = tuple(
        tuple(([0] if needs_backstop[s] else []) + [1 + s, 1 + n_states + s])
        for s in owner.tolist()
    )
    return Instance(
        problem=problem,
        uncertainty=Uncertainty(
            variables=tuple(names),
            probability=probability,
            needs=needs,
            offered=np.ones(n_offers, dtype=bool),
        ),
    )
