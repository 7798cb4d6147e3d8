"""Violations as cases (issue 16): a heavy weapon seen inside its band, or weapons missing
from their storage site, is a violation on its own, not a count over a threshold. Each
such event opens one case, which then goes observed -> verified -> notified to the party
-> rectified or not (at a re-visit), every step recorded with who and why in an
append-only history under the ledger. A case names
the agreement's rule it breaks, quoting it, and the reports it rests on."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import Engine, select

from coalition.domain.monitoring import NEXT_STATES, CaseState
from coalition.errors import CoalitionError, NotFoundError
from coalition.monitoring.pipeline import DayResult
from coalition.monitoring.rules import Rules
from coalition.monitoring.storage import MISSING, WITHDRAWAL
from coalition.store import ledger, transaction
from coalition.store.tables import CaseEventRow, ViolationCaseRow


@dataclass(frozen=True)
class Step:
    state: CaseState
    at: dt.datetime
    by: str
    note: str | None


@dataclass(frozen=True)
class Case:
    id: int
    event_id: str
    observed_at: dt.datetime
    sector: str
    place: str
    side: str
    weapon_class: str
    count: int
    distance_km: float
    required_km: float
    reports: tuple[str, ...]
    rule: str
    steps: tuple[Step, ...]
    kind: str = WITHDRAWAL
    detail: str = ""

    @property
    def state(self) -> CaseState:
        return self.steps[-1].state


def _rule_text(rules: Rules, kind: str = WITHDRAWAL) -> str:
    """The agreement's words the violation breaks (every source of the rule set, and for
    weapons missing from storage, the storage regime's too)."""
    sources = [*rules.rule_set.sources, *(rules.storage.sources if kind == MISSING else [])]
    quotes = "; ".join(f"{s.title} ({s.date}): \u201c{s.quote}\u201d" for s in sources)
    return f"{rules.rule_set.name}: {quotes}"


def describe(e: Any, rules: Rules) -> str:
    """What the violation is, in words a notification can carry."""
    weapon = rules.weapon(e.weapon_class)
    if e.violation_kind == MISSING:
        return (f"{int(e.missing)} x {weapon} missing from storage site {e.site}: "
                f"{int(e.count)} of {int(e.expected)} present")  # fmt: skip
    return (f"{int(e.count)} x {weapon} {e.distance_m / 1000:.1f} km from the line, "
            f"{e.required_m / 1000:.0f} km required")  # fmt: skip


def _against(result: DayResult, kind: str) -> str:
    """Which line a distance was measured from (a later line does not change the case)."""
    if kind != WITHDRAWAL:
        return ""
    props = result.theatre.properties
    line = props.get("line_name") or f"bundled line of {props.get('as_of', 'unknown date')}"
    return f" (measured from the {line})"


def reports_of(links: pd.DataFrame, event_id: str) -> tuple[str, ...]:
    """The reports an event was made from: its merged pairs, or its one report."""
    mine = links[links["event_id"] == event_id]
    found = set(mine["report_a"]).union(mine["report_b"]) if len(mine) else set()
    return tuple(sorted(found or {event_id.removeprefix("E-")}))


def open_cases(engine: Engine, result: DayResult, rules: Rules, by: str) -> list[int]:
    """A case for each of the day's violations that has none yet; the new cases' ids."""
    violations = result.events[result.events["violation"].astype(bool)]
    opened: list[int] = []
    now = dt.datetime.now(dt.UTC)
    with transaction(engine) as session:
        known = set(session.scalars(select(ViolationCaseRow.event_id).where(
            ViolationCaseRow.event_id.in_(violations["event_id"].tolist()))))  # fmt: skip
        for e in violations.itertuples():
            if e.event_id in known:
                continue
            row = ViolationCaseRow(
                event_id=e.event_id, observed_at=pd.Timestamp(e.time).to_pydatetime(),
                sector=e.sector, place=e.place, side=e.position_side,
                weapon_class=e.weapon_class,
                count=int(e.missing) if e.violation_kind == MISSING else int(e.count),
                distance_m=float(e.distance_m), required_m=float(e.required_m),
                lon=float(e.lon), lat=float(e.lat),
                reports=list(reports_of(result.links, e.event_id)),
                rule=_rule_text(rules, e.violation_kind), kind=e.violation_kind,
                detail=describe(e, rules) + _against(result, e.violation_kind),
                opened_by=by, opened_at=now,
            )  # fmt: skip
            ledger.add(session, row)
            seen = CaseEventRow(case_id=row.id, state=CaseState.OBSERVED.value, at=now, by=by,
                                note="opened from the event")  # fmt: skip
            ledger.add(session, seen)
            opened.append(row.id)
    return opened


def advance(engine: Engine, case_id: int, state: CaseState, by: str, note: str) -> Case:
    """Record the case's next step; a step its state does not allow is refused."""
    if not note.strip():
        raise CoalitionError("say why (a note): who checked, what the party answered")
    with transaction(engine) as session:
        row = session.get(ViolationCaseRow, case_id)
        if row is None:
            raise NotFoundError(f"no violation case {case_id}")
        last = session.scalars(select(CaseEventRow).where(CaseEventRow.case_id == case_id)
                               .order_by(CaseEventRow.id.desc()).limit(1)).one()  # fmt: skip
        now_state = CaseState(last.state)
        if state not in NEXT_STATES[now_state]:
            allowed = ", ".join(s.value for s in NEXT_STATES[now_state]) or "none (closed)"
            raise CoalitionError(
                f"case {case_id} is {now_state.value}: it can go to {allowed}, not {state.value}"
            )
        step = CaseEventRow(case_id=case_id, state=state.value, at=dt.datetime.now(dt.UTC),
                            by=by, note=note.strip())  # fmt: skip
        ledger.add(session, step)
    return case(engine, case_id)


def violation_cases(
    engine: Engine, state: CaseState | None = None, ident: int | None = None
) -> list[Case]:
    """Every case (or case ``ident``) with its history, oldest first (only those now in
    ``state``)."""
    with transaction(engine) as session:
        query = select(ViolationCaseRow).order_by(ViolationCaseRow.id)
        steps_query = select(CaseEventRow).order_by(CaseEventRow.id)
        if ident is not None:
            query = query.where(ViolationCaseRow.id == ident)
            steps_query = steps_query.where(CaseEventRow.case_id == ident)
        rows = session.scalars(query).all()
        by_case: dict[int, list[Step]] = {}
        for s in session.scalars(steps_query):
            by_case.setdefault(s.case_id, []).append(
                Step(state=CaseState(s.state), at=s.at, by=s.by, note=s.note)
            )
        found = [_case(r, by_case.get(r.id, [])) for r in rows]
    return [c for c in found if state is None or c.state is state]


def case(engine: Engine, case_id: int) -> Case:
    found = violation_cases(engine, ident=case_id)
    if not found:
        raise NotFoundError(f"no violation case {case_id}")
    return found[0]


def _case(row: ViolationCaseRow, steps: list[Step]) -> Case:
    return Case(
        id=row.id, event_id=row.event_id, observed_at=row.observed_at, sector=row.sector,
        place=row.place, side=row.side, weapon_class=row.weapon_class, count=row.count,
        distance_km=round(row.distance_m / 1000, 1), required_km=round(row.required_m / 1000, 1),
        reports=tuple(row.reports), rule=row.rule, steps=tuple(steps),
        kind=row.kind or WITHDRAWAL, detail=row.detail or "",
    )  # fmt: skip


def compliance(engine: Engine) -> pd.DataFrame:
    """Per side and month: cases opened, verified, rectified and not rectified."""
    rows = [
        {"side": c.side, "month": c.observed_at.strftime("%Y-%m"), "opened": 1,
         "verified": int(any(s.state is CaseState.VERIFIED for s in c.steps)),
         "rectified": int(c.state is CaseState.RECTIFIED),
         "not_rectified": int(c.state is CaseState.NOT_RECTIFIED)}
        for c in violation_cases(engine)
    ]  # fmt: skip
    if not rows:
        return pd.DataFrame(columns=["side", "month", "opened", "verified", "rectified",
                                     "not_rectified"])  # fmt: skip
    return pd.DataFrame(rows).groupby(["side", "month"], as_index=False).sum()
