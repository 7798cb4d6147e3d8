"""Resolution: the whole day's plan re-solved at once, not conflict by conflict (moving
one activity out of one conflict can push it into another).

For each activity that must give way (the lower priority of a conflict; either one of
equal priority; never a standing zone) resolution lists candidate changes (see
``candidates``): time shifts, band changes, reroutes round zones. Detection then runs
once over every candidate of every activity together, so that each conflicting pair of
choices is known, and HiGHS picks one candidate per activity:
  minimise   sum cost[c] x[c]  +  M sum s[k]
  subject to sum_{c of activity a} x[c] = 1                       (one choice each)
             x[c] + x[d] <= 1   for every conflicting pair of choices that changes a plan
             x[c] + x[d] <= 1 + s[k]  for the plan's own conflicts (keep-keep pairs)
x, s binary. A slack s[k] = 1 is a conflict no allowed change removes: it is named, with
the reason, instead of making the model infeasible. The chosen plan is then detected
again from scratch; what remains must be exactly the conflicts named unsolved.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass

import highspy
import numpy as np
import shapely

from coalition.deconfliction.candidates import Candidate, apply, rerouted, time_and_band
from coalition.deconfliction.conflicts import describe
from coalition.deconfliction.detect import detect
from coalition.deconfliction.geometry import footprint, shapes
from coalition.deconfliction.rules import Rules
from coalition.deconfliction.volumes import VolumeTable, build_table
from coalition.domain.deconfliction import Activity
from coalition.domain.deconfliction_results import ChangeKind, Conflict, Proposal
from coalition.errors import HistoryConflictError
from coalition.highs import silent_highs


@dataclass(frozen=True)
class Resolution:
    before: list[Conflict]
    proposals: list[Proposal]
    plan: list[Activity]  # every activity, with the proposals accepted
    after: list[Conflict]  # detection run again on ``plan``
    unsolved: dict[str, str]  # conflict id -> why no allowed change removes it
    status: str
    seconds: float
    candidates: int

    def proposed_for(self, activity_id: str, shown: str | None = None) -> tuple[Proposal, Activity]:
        """The change proposed for one activity and the activity as it changes it. A
        decision names the change as it was shown (``shown``, its summary): if the plan
        has moved on and the proposal is another now, nothing may be filed."""
        proposal = next((p for p in self.proposals if p.activity == activity_id), None)
        changed = next((a for a in self.plan if a.id == activity_id), None)
        if proposal is None or changed is None:
            raise HistoryConflictError(f"no change is proposed for {activity_id}")
        if shown is not None and shown != proposal.summary:
            raise HistoryConflictError(
                f"the plan has changed: the proposal for {activity_id} is now "
                f"{proposal.summary!r}, not {shown!r}"
            )
        return proposal, changed


def _movable(table: VolumeTable, a: np.ndarray, b: np.ndarray) -> set[int]:
    """Activities that give way: the lower priority side, both when equal; zones never."""
    out: set[int] = set()
    for i, j in zip(a.tolist(), b.tolist(), strict=True):
        ai, bj = int(table.activity[i]), int(table.activity[j])
        pi, pj = table.activities[ai].priority, table.activities[bj].priority
        for mine, zone_mine, zone_other, p_mine, p_other in (
            (ai, table.zone[i], table.zone[j], pi, pj),
            (bj, table.zone[j], table.zone[i], pj, pi),
        ):
            if not zone_mine and (zone_other or p_mine <= p_other):
                out.add(mine)
    return out


def _blocked(
    table: VolumeTable, a: np.ndarray, b: np.ndarray, rule: np.ndarray, rules: Rules
) -> dict[int, dict[str, list[tuple[str, shapely.Geometry]]]]:
    """activity -> volume id -> zones (name, area widened by the rule) it enters."""
    out: dict[int, dict[str, list[tuple[str, shapely.Geometry]]]] = {}
    for i, j, k in zip(a.tolist(), b.tolist(), rule.tolist(), strict=True):
        if table.zone[i] == table.zone[j]:
            continue
        mover, zone = (j, i) if table.zone[i] else (i, j)
        reach = float(table.radius[zone]) + rules.separations[k].lateral_m
        area = footprint(table.core[zone], reach)[()] if reach > 0 else table.core[zone]
        volumes = out.setdefault(int(table.activity[mover]), {})
        volumes.setdefault(table.volume_id[mover], []).append((table.activity_id(zone), area))
    return out


def _candidate_table(
    table: VolumeTable, activities: list[Activity], cands: list[Candidate]
) -> tuple[VolumeTable, np.ndarray]:
    """Every candidate as activities in one table (projections reused but for new
    routes); rows keep their real activity index so that detection never compares two
    choices of the same activity. Returns the table and each row's candidate."""
    changed = [apply(activities[c.activity], c) for c in cands]
    cores, radii = [], []
    for c, activity in zip(cands, changed, strict=True):
        rows = table.rows_of(c.activity)
        core, radius = table.core[rows].copy(), table.radius[rows].copy()
        for k, volume in enumerate(activity.volumes):
            if volume.id in c.routes:
                new_core, new_radius = shapes([volume])
                core[k], radius[k] = new_core[0], new_radius[0]
        cores.append(core)
        radii.append(radius)
    built = build_table(changed, (np.concatenate(cores), np.concatenate(radii)))
    owner = np.array([c.activity for c in cands], dtype=np.int64)
    return dataclasses.replace(built, activity=owner[built.activity]), built.activity


def _solve(
    cands: list[Candidate], p: np.ndarray, q: np.ndarray, soft: np.ndarray, time_limit: float
) -> tuple[np.ndarray, np.ndarray, str]:
    """The model of the module docstring; returns chosen x, slacks s and the status."""
    n, m = len(cands), int(soft.sum())
    cost = np.array([c.cost for c in cands], float)
    big = 1.0 + cost.sum()
    owner = np.array([c.activity for c in cands])
    groups = np.unique(owner)
    starts, index, value, lower, upper = [0], [], [], [], []
    for g in groups.tolist():
        members = np.flatnonzero(owner == g)
        index += members.tolist()
        value += [1.0] * len(members)
        starts.append(len(index))
        lower.append(1.0)
        upper.append(1.0)
    slack = n + np.cumsum(soft) - 1
    for k in range(len(p)):
        index += [int(p[k]), int(q[k])] + ([int(slack[k])] if soft[k] else [])
        value += [1.0, 1.0] + ([-1.0] if soft[k] else [])
        starts.append(len(index))
        lower.append(-highspy.kHighsInf)
        upper.append(1.0)
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = n + m, len(starts) - 1
    lp.col_cost_ = np.concatenate([cost, np.full(m, big)])
    lp.col_lower_ = np.zeros(n + m)
    lp.col_upper_ = np.ones(n + m)
    lp.row_lower_ = np.array(lower)
    lp.row_upper_ = np.array(upper)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
    lp.a_matrix_.index_ = np.array(index, dtype=np.int32)
    lp.a_matrix_.value_ = np.array(value, float)
    lp.integrality_ = [highspy.HighsVarType.kInteger] * (n + m)
    h = silent_highs()
    h.setOptionValue("time_limit", float(time_limit))
    h.passModel(lp)
    h.run()
    status = h.modelStatusToString(h.getModelStatus())
    values = np.asarray(h.getSolution().col_value, float)
    if len(values) != n + m:  # no solution at all: keep every plan, name every conflict
        keep = np.array([c.change is ChangeKind.NONE for c in cands], float)
        return keep, np.ones(m), status
    return np.rint(values[:n]), np.rint(values[n:]), status


def _why(
    conflict: Conflict,
    cands: list[Candidate],
    clears: set[int],
    reroute_why: dict[int, str],
    names: dict[str, int],
    rules: Rules,
) -> str:
    """Why no chosen change removes ``conflict``."""
    settings = rules.resolution
    changing = {c.activity for c in cands if c.change is not ChangeKind.NONE}
    movers = [names[n] for n in (conflict.a_activity, conflict.b_activity) if names[n] in changing]
    limits = f"shifts up to {settings.max_shift_h:g} h either way"
    if any(c.change is ChangeKind.BAND for c in cands if c.activity in movers):
        limits += f", bands up to {settings.max_band_steps * settings.band_step_m:,.0f} m"
    reroutes = "; ".join(reroute_why[a] for a in movers if a in reroute_why)
    if reroutes:
        limits += f"; no reroute: {reroutes}"
    if not any(c.activity in movers and k in clears for k, c in enumerate(cands)):
        return f"no allowed change clears it ({limits})"
    return f"every change that clears it ({limits}) makes another conflict"


def resolve(activities: list[Activity], rules: Rules, time_limit: float = 30.0) -> Resolution:
    """Propose the cheapest set of changes that removes every conflict it can (see the
    module docstring), and check the changed plan again."""
    started = time.perf_counter()
    if not activities:  # a day with nothing planned has nothing to resolve
        return Resolution([], [], [], [], {}, "empty plan", 0.0, 0)
    table = build_table(activities)
    found = detect(table, rules)
    before = describe(table, found, rules)
    movable = _movable(table, found.a, found.b)
    blocked = _blocked(table, found.a, found.b, found.rule, rules)
    cands: list[Candidate] = []
    reroute_why: dict[int, str] = {}
    for index, activity in enumerate(activities):
        if index not in movable:
            cands.append(Candidate(index, ChangeKind.NONE, 0.0))
            continue
        cands += time_and_band(index, activity, rules.resolution)
        if index in blocked:
            candidate, why = rerouted(index, activity, blocked[index], rules.resolution)
            if candidate is None:
                reroute_why[index] = f"{activity.id}: {why}"
            else:
                cands.append(candidate)
    ctable, row_cand = _candidate_table(table, activities, cands)
    clash = detect(ctable, rules)
    pairs = np.unique(np.sort(np.column_stack([row_cand[clash.a], row_cand[clash.b]]), axis=1),
                      axis=0).reshape(-1, 2)  # fmt: skip
    p, q = pairs[:, 0], pairs[:, 1]
    keep = np.array([c.change is ChangeKind.NONE for c in cands])
    soft = keep[p] & keep[q]
    x, _, status = _solve(cands, p, q, soft, time_limit)
    chosen = {cands[k].activity: cands[k] for k in np.flatnonzero(x > 0.5).tolist()}
    plan = [apply(a, chosen[i]) if i in chosen else a for i, a in enumerate(activities)]
    after_table = build_table(plan)
    after = describe(after_table, detect(after_table, rules), rules)

    names = {a.id: i for i, a in enumerate(activities)}
    # Candidates that, on their own, clear some conflict with a kept partner.
    in_conflict = set(p[~keep[p] & keep[q]].tolist()) | set(q[~keep[q] & keep[p]].tolist())
    clears = {k for k in range(len(cands)) if not keep[k] and k not in in_conflict}
    unsolved = {c.id: _why(c, cands, clears, reroute_why, names, rules) for c in after}
    gone = {c.id for c in before} - set(unsolved)
    proposals = []
    for index, candidate in sorted(chosen.items()):
        if candidate.change is ChangeKind.NONE:
            continue
        activity = activities[index]
        proposals.append(
            Proposal(
                activity=activity.id,
                owner=activity.owner,
                change=candidate.change,
                shift_min=candidate.shift_min,
                band_shift_m=candidate.band_m,
                routes=candidate.routes,
                detour_km=round(candidate.detour_km, 2),
                cost=round(candidate.cost, 1),
                resolves=sorted(c.id for c in before if c.id in gone
                                and activity.id in (c.a_activity, c.b_activity)),
            )
        )  # fmt: skip
    return Resolution(before, proposals, plan, after, unsolved, status,
                      time.perf_counter() - started, len(cands))  # fmt: skip
