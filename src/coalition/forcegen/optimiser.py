"""Assign offered units to requirements: a mixed-integer model solved by HiGHS, and the
greedy rule a staff officer would apply by hand, as the baseline it must beat.

Model: integer ``x[p]`` units on each eligible pair, continuous ``y[r]`` effective units
counted for requirement ``r`` (at most its quantity).
  maximise   sum_r weight[r] * y[r] / quantity[r]  -  eps * sum_p x[p]
  subject to sum_{p of offer o} x[p] <= count[o]                  (each unit used once)
             y[r] <= sum_{p of r} eff[p] * x[p]                   (coverage)
             sum_{p of state s, req r} eff[p] * x[p] <= share * quantity[r]   (share limit)
The small ``eps`` keeps units that add no coverage unassigned, so that "not used" means
"not needed".
"""

from __future__ import annotations

import math
import os
import sys
import time

import highspy
import numpy as np

from coalition.forcegen.problem import Problem, Solution, coverage_objective, covered_by

EPSILON = 1e-6


def _highs() -> highspy.Highs:
    """A silent solver. HiGHS prints a banner to the process's stdout (file descriptor 1)
    when it is first created, before any option can stop it, which would corrupt JSON or
    CSV output; it goes to /dev/null instead."""
    sys.stdout.flush()
    saved = os.dup(1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        h = highspy.Highs()  # type: ignore[no-untyped-call]
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(devnull)
    h.setOptionValue("output_flag", False)
    return h


def solve(problem: Problem, time_limit: float = 60.0, mip_rel_gap: float = 1e-4) -> Solution:
    """Optimal (or within ``mip_rel_gap``, proven) assignment by HiGHS."""
    started = time.perf_counter()
    n_pairs, n_req, n_off = len(problem.pair_eff), problem.n_requirements, problem.n_offers
    if n_pairs == 0:
        return Solution(
            units=np.zeros(0, dtype=np.int64),
            covered=np.zeros(n_req),
            objective=0.0,
            bound=0.0,
            seconds=time.perf_counter() - started,
            status="Optimal",
        )
    pairs = np.arange(n_pairs)
    # Rows: offers [0, n_off), coverage [n_off, n_off + n_req), share limits after.
    rows = [problem.pair_offer, n_off + problem.pair_req]
    values = [np.ones(n_pairs), -problem.pair_eff]
    cols = [pairs, pairs]
    n_rows = n_off + n_req
    share_upper = np.zeros(0)
    if problem.max_share < 1:
        group_key = problem.owner[problem.pair_offer] * n_req + problem.pair_req
        groups, group_of_pair = np.unique(group_key, return_inverse=True)
        rows.append(n_rows + group_of_pair)
        values.append(problem.pair_eff)
        cols.append(pairs)
        share_upper = problem.max_share * problem.quantity[groups % n_req].astype(np.float64)
        n_rows += len(groups)
    y_cols = n_pairs + np.arange(n_req)
    rows.append(n_off + np.arange(n_req))
    values.append(np.ones(n_req))
    cols.append(y_cols)
    row = np.concatenate(rows)
    col = np.concatenate(cols)
    val = np.concatenate(values)
    order = np.argsort(col, kind="stable")
    n_cols = n_pairs + n_req

    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = n_cols, n_rows
    per_unit = problem.weight / problem.quantity
    lp.col_cost_ = np.concatenate([np.full(n_pairs, -EPSILON), per_unit])
    unit_cap = np.minimum(
        problem.counts[problem.pair_offer],
        np.ceil(problem.quantity[problem.pair_req] / problem.pair_eff - 1e-9),
    )
    lp.col_lower_ = np.zeros(n_cols)
    lp.col_upper_ = np.concatenate([unit_cap, problem.quantity]).astype(np.float64)
    lp.row_lower_ = np.full(n_rows, -highspy.kHighsInf)
    lp.row_upper_ = np.concatenate(
        [problem.counts.astype(np.float64), np.zeros(n_req), share_upper]
    )
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = np.searchsorted(col[order], np.arange(n_cols + 1)).astype(np.int32)
    lp.a_matrix_.index_ = row[order].astype(np.int32)
    lp.a_matrix_.value_ = val[order]
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.integrality_ = [highspy.HighsVarType.kInteger] * n_pairs + [
        highspy.HighsVarType.kContinuous
    ] * n_req

    h = _highs()
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("mip_rel_gap", float(mip_rel_gap))
    h.passModel(lp)
    h.run()
    status = h.modelStatusToString(h.getModelStatus())
    info = h.getInfo()
    x = np.rint(np.asarray(h.getSolution().col_value[:n_pairs])).astype(np.int64)
    covered = covered_by(problem, x)
    objective = coverage_objective(problem, covered)
    bound = (
        info.mip_dual_bound + EPSILON * float(x.sum())
        if math.isfinite(info.mip_dual_bound)
        else objective
    )
    return Solution(
        units=x,
        covered=covered,
        objective=objective,
        bound=max(bound, objective),
        seconds=time.perf_counter() - started,
        status=status,
    )


def greedy(problem: Problem) -> Solution:
    """Baseline: requirements by priority; for each, the most efficient offers first."""
    started = time.perf_counter()
    remaining = problem.counts.astype(np.int64).copy()
    units = np.zeros(len(problem.pair_eff), dtype=np.int64)
    order = np.lexsort((-problem.pair_eff, problem.pair_req))
    starts = np.searchsorted(problem.pair_req[order], np.arange(problem.n_requirements + 1))
    for r in np.argsort(-problem.weight, kind="stable").tolist():
        need = float(problem.quantity[r])
        by_state: dict[int, float] = {}
        for p in order[starts[r] : starts[r + 1]].tolist():
            if need <= 1e-9:
                break
            o = int(problem.pair_offer[p])
            eff = float(problem.pair_eff[p])
            state = int(problem.owner[o])
            room = problem.max_share * problem.quantity[r] - by_state.get(state, 0.0)
            take = min(
                int(remaining[o]), math.ceil(need / eff - 1e-9), math.floor(room / eff + 1e-9)
            )
            if take <= 0:
                continue
            units[p] = take
            remaining[o] -= take
            need -= take * eff
            by_state[state] = by_state.get(state, 0.0) + take * eff
    covered = covered_by(problem, units)
    objective = coverage_objective(problem, covered)
    return Solution(
        units=units,
        covered=covered,
        objective=objective,
        bound=problem.max_objective(),
        seconds=time.perf_counter() - started,
        status="Greedy",
    )
