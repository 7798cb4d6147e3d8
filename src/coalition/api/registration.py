"""How a capability's routes join the API: a module of ``coalition.api.routers`` that
defines ``router`` is found and included, in the order of its ``ORDER`` (then its name),
so that a new capability adds its own router module and edits no central file."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI

import coalition.api.routers
from coalition.discovery import modules_defining


def all_routers() -> list[APIRouter]:
    """Every router of ``coalition.api.routers``, in their order."""
    modules = modules_defining(coalition.api.routers, "router")
    return [m.router for m in modules if isinstance(m.router, APIRouter)]


def include_all(app: FastAPI) -> None:
    for router in all_routers():
        app.include_router(router)
