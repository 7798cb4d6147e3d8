"""Force sourcing: the secretariat runs a sourcing job under a scenario; everyone reads
the result. Jobs run at once on the bundled force data and are kept for fetching."""

from __future__ import annotations

import datetime as dt
import itertools
import threading
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Request, status
from pydantic import BaseModel, Field

from coalition.accounts.users import Role, User
from coalition.api.deps import ANYONE, audited, registry, require, settings
from coalition.domain.forcegen import SourcingResult
from coalition.forcegen.eligibility import prepare
from coalition.forcegen.files import load_force_data
from coalition.forcegen.sourcing import source
from coalition.registry.queries import Registry

router = APIRouter(prefix="/api/forcegen", tags=["force sourcing"])
_jobs: dict[int, SourcingResult] = {}
_ids = itertools.count(1)
_lock = threading.Lock()


class Job(BaseModel):
    scenario: str = Field(min_length=1, max_length=100, description="scenario id")
    method: Literal["milp", "greedy"] = "milp"
    on: dt.date | None = Field(default=None, description="registry as of (default: the scenario's)")


@router.get("/scenarios")
def scenarios(
    request: Request,
    _: Annotated[User, Depends(ANYONE)],
    reg: Annotated[Registry, Depends(registry)],
) -> list[dict[str, Any]]:
    """The bundled scenarios."""
    data = load_force_data(
        [settings(request).data_dir / "forcegen"], set(reg.pledges), set(reg.conditions)
    )
    return [{"id": s.id, "title": s.title, "as_of": s.as_of} for s in data.scenarios.values()]


@router.post("/jobs", status_code=201)
def run(
    job: Job,
    request: Request,
    user: Annotated[User, Depends(require(Role.SECRETARIAT))],
    reg: Annotated[Registry, Depends(registry)],
) -> dict[str, Any]:
    """Source the bundled requirements under a scenario; returns the job id."""
    data = load_force_data(
        [settings(request).data_dir / "forcegen"], set(reg.pledges), set(reg.conditions)
    )
    scenario = data.scenario(job.scenario)
    day = job.on or scenario.as_of or dt.datetime.now(dt.UTC).date()
    result = source(prepare(reg, data, day), scenario, job.method, time_limit=30.0)
    with _lock:
        ident = next(_ids)
        _jobs[ident] = result
    audited(request, user, "run sourcing", f"job {ident}", job.model_dump(mode="json"))
    return {"id": ident, "coverage": result.coverage, "objective": result.objective}


@router.get("/jobs/{ident}", response_model=SourcingResult)
def fetch(ident: int, _: Annotated[User, Depends(ANYONE)]) -> SourcingResult:
    """A sourcing job's result: assignment, gaps per capability, why units were unused."""
    found = _jobs.get(ident)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no job {ident}")
    return found
