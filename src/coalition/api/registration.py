"""How a capability's routes join the API: a module of ``coalition.api.routers`` that
defines ``router`` is found and included, in the order of its ``ORDER`` (then its name),
so that a new capability adds its own router module and edits no central file."""

from __future__ import annotations

import importlib
import pkgutil

from fastapi import APIRouter, FastAPI

import coalition.api.routers


def all_routers() -> list[APIRouter]:
    """Every router of ``coalition.api.routers``, in their order."""
    found = []
    for info in pkgutil.iter_modules(coalition.api.routers.__path__):
        module = importlib.import_module(f"coalition.api.routers.{info.name}")
        router = getattr(module, "router", None)
        if isinstance(router, APIRouter):
            found.append((getattr(module, "ORDER", 100), info.name, router))
    return [router for _, _, router in sorted(found, key=lambda item: item[:2])]


def include_all(app: FastAPI) -> None:
    for router in all_routers():
        app.include_router(router)
