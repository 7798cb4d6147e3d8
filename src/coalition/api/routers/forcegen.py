"""Force sourcing: the secretariat runs a sourcing job under a scenario; everyone reads
the result. Jobs run at once on the bundled force data and are kept for fetching."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, HTTPException, Query, Request, status
from pydantic import Field

from coalition.accounts.users import Role, User
from coalition.api.bodies import RequestBody
from coalition.api.deps import ANYONE, auditing, engine, registry, require, settings
from coalition.domain.forcegen import (
    Assumption,
    Conference,
    Requirement,
    RoundComparison,
    RoundResult,
    Scenario,
    SourcingResult,
)
from coalition.errors import DataFileError
from coalition.forcegen import (
    REQUIREMENTS,
    ForceData,
    compare,
    force_data_in_force,
    jobs,
    outcome_summary,
    prepare,
    registry_day,
    run_round,
    save_edit,
    simulate,
    source,
    uncertainty,
    with_assumptions,
)
from coalition.registry import Registry

router = APIRouter(prefix="/api/forcegen", tags=["force sourcing"])
ORDER = 40  # where its routes stand in the app (see ``api.registration``)


class Job(RequestBody):
    scenario: str = Field(min_length=1, max_length=100, description="scenario id")
    method: Literal["milp", "greedy"] = "milp"
    on: dt.date | None = Field(default=None, description="registry as of (default: the scenario's)")
    assume: dict[str, Assumption] = Field(
        default_factory=dict,
        max_length=50,
        description="what-if: assumptions on top of the scenario, e.g. "
        '{"parliament:DEU": false, "us_backstop": 0.5}',
    )
    horizon_months: int | None = Field(
        default=None, ge=1, le=60, description="months to plan standing lines ahead"
    )


def _data(request: Request, reg: Registry) -> ForceData:
    folder = settings(request).data_dir / "forcegen"
    return force_data_in_force(engine(request), folder, set(reg.pledges), set(reg.conditions))


def _save(request: Request, reg: Registry, key: str, body: Any, user: User) -> ForceData:
    folder = settings(request).data_dir / "forcegen"
    try:
        with auditing(request, user, "edit force data", key, {"body": body}):
            data = save_edit(
                engine(request), folder, set(reg.pledges), set(reg.conditions), key, body,
                user.username,
            )  # fmt: skip
    except DataFileError as exc:
        problems = [f"{i.field}: {i.message}" for i in exc.issues]
        raise HTTPException(422, problems) from exc
    return data


@router.get("/requirements", response_model=list[Requirement])
def requirements(
    request: Request,
    _: Annotated[User, Depends(ANYONE)],
    reg: Annotated[Registry, Depends(registry)],
) -> list[Requirement]:
    """The statement of requirements in force (bundled, or as the secretariat set it)."""
    return _data(request, reg).requirements


@router.put("/requirements", response_model=list[Requirement])
def set_requirements(
    body: Annotated[list[Requirement], Body(min_length=1, max_length=10_000)],
    request: Request,
    user: Annotated[User, Depends(require(Role.SECRETARIAT))],
    reg: Annotated[Registry, Depends(registry)],
) -> list[Requirement]:
    """Replace the statement of requirements (checked like the files: capabilities,
    regions, placement rules)."""
    records = [r.model_dump(mode="json", exclude_none=True) for r in body]
    return _save(request, reg, REQUIREMENTS, records, user).requirements


@router.put("/scenarios/{ident}", response_model=Scenario)
def set_scenario(
    ident: str,
    body: Scenario,
    request: Request,
    user: Annotated[User, Depends(require(Role.SECRETARIAT))],
    reg: Annotated[Registry, Depends(registry)],
) -> Scenario:
    """Add a scenario, or replace one, under this id (conditions checked against the
    registry's)."""
    if body.id != ident:
        raise HTTPException(422, f"id: {body.id!r} in the body, {ident!r} in the path")
    record = body.model_dump(mode="json", exclude_none=True)
    return _save(request, reg, f"scenario:{ident}", record, user).scenario(ident)


@router.get("/scenarios")
def scenarios(
    request: Request,
    _: Annotated[User, Depends(ANYONE)],
    reg: Annotated[Registry, Depends(registry)],
) -> list[dict[str, Any]]:
    """The bundled scenarios."""
    data = _data(request, reg)
    return [{"id": s.id, "title": s.title, "as_of": s.as_of} for s in data.scenarios.values()]


@router.post("/jobs", status_code=201)
def run(
    job: Job,
    request: Request,
    user: Annotated[User, Depends(require(Role.SECRETARIAT))],
    reg: Annotated[Registry, Depends(registry)],
) -> dict[str, Any]:
    """Source the bundled requirements under a scenario; returns the job id."""
    data = _data(request, reg)
    scenario = data.scenario(job.scenario)
    prepared = prepare(reg, data, registry_day([scenario], job.on), job.horizon_months)
    what_if = with_assumptions(scenario, job.assume, prepared.conditions)
    result = source(prepared, what_if, job.method, time_limit=30.0)
    asked = job.model_dump(mode="json")
    with auditing(request, user, "run sourcing", f"scenario {job.scenario}", asked):
        ident = jobs.save(engine(request), user.username, asked, result)
    return {"id": ident, "coverage": result.coverage, "objective": result.objective}


@router.get("/jobs/{ident}", response_model=SourcingResult)
def fetch(ident: int, request: Request, _: Annotated[User, Depends(ANYONE)]) -> SourcingResult:
    """A sourcing job's result: assignment, gaps per capability, why units were unused."""
    found = jobs.get(engine(request), ident)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no job {ident}")
    return found


@router.get("/conferences", response_model=list[Conference])
def conferences(
    request: Request,
    _: Annotated[User, Depends(ANYONE)],
    reg: Annotated[Registry, Depends(registry)],
) -> list[Conference]:
    """The force sourcing conference rounds on record, with the bids made in each."""
    return sorted(_data(request, reg).conferences, key=lambda c: c.round)


@router.get("/conferences/{number}", response_model=RoundResult)
def conference_round(
    number: int,
    request: Request,
    _: Annotated[User, Depends(ANYONE)],
    reg: Annotated[Registry, Depends(registry)],
) -> RoundResult:
    """A round: bids standing (full or partial), the accepted assignment, and the
    shortfalls carried to the next round with the states to approach."""
    data = _data(request, reg)
    return run_round(reg, data, data.conferences, number)


@router.get("/conferences/{number}/compare/{other}", response_model=RoundComparison)
def conference_compare(
    number: int,
    other: int,
    request: Request,
    _: Annotated[User, Depends(ANYONE)],
    reg: Annotated[Registry, Depends(registry)],
) -> RoundComparison:
    """What changed between two rounds: each line's coverage, and the bids made,
    changed or withdrawn in between."""
    data = _data(request, reg)
    rounds = [run_round(reg, data, data.conferences, n) for n in (number, other)]
    return compare(*rounds)


@router.get("/scenarios/{ident}/odds")
def odds(
    ident: str,
    request: Request,
    _: Annotated[User, Depends(ANYONE)],
    reg: Annotated[Registry, Depends(registry)],
    draws: Annotated[int, Query(ge=100, le=20_000)] = 2_000,
    seed: Annotated[int, Query(ge=0, le=2**31)] = 0,
    on: dt.date | None = None,
) -> dict[str, Any]:
    """The probabilistic view of an uncertain scenario (Monte Carlo, reproducible by
    seed): coverage quantiles, the chance each line is fully met, and the assumptions
    that move coverage most."""
    data = _data(request, reg)
    scenario = data.scenario(ident)
    if not scenario.is_uncertain():
        raise HTTPException(
            422, f"scenario {ident!r} has no probabilities: source it (POST /jobs) instead"
        )
    prepared = prepare(reg, data, registry_day([scenario], on))
    outcome = simulate(prepared.problem_for(scenario), uncertainty(prepared, scenario), draws, seed)
    return {"scenario": scenario.model_dump(mode="json"), "as_of": prepared.as_of.isoformat(),
            "draws": draws, "seed": seed} | outcome_summary(prepared, outcome)  # fmt: skip
