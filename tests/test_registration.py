"""Capabilities join the command line and the API by registration (issue 19): every
module of ``coalition.cli`` that defines ``register`` and every module of
``coalition.api.routers`` that defines ``router`` is found, so a new capability edits no
central file."""

from __future__ import annotations

import importlib
import pkgutil

import typer
from fastapi import FastAPI

import coalition.api.routers
import coalition.cli
from coalition.api.registration import all_routers, include_all
from coalition.cli.app import app
from coalition.cli.registration import command_modules


def _names(root: typer.Typer) -> set[str]:
    commands = {
        c.name or (c.callback.__name__ if c.callback else "") for c in root.registered_commands
    }
    groups = {g.name or "" for g in root.registered_groups}
    return commands | groups


def test_every_command_module_is_registered_in_its_order() -> None:
    modules = command_modules()
    declared = [
        m for info in pkgutil.iter_modules(coalition.cli.__path__)
        if callable(getattr(m := importlib.import_module(f"coalition.cli.{info.name}"),
                            "register", None))
    ]  # fmt: skip
    assert {m.__name__ for m in modules} == {m.__name__ for m in declared}
    orders = [getattr(m, "ORDER", 100) for m in modules]
    assert orders == sorted(orders)
    for module in modules:  # what each one registers is in the app
        alone = typer.Typer()
        module.register(alone)
        assert _names(alone) <= _names(app), module.__name__


def test_every_router_is_included() -> None:
    declared = {
        info.name for info in pkgutil.iter_modules(coalition.api.routers.__path__)
        if hasattr(importlib.import_module(f"coalition.api.routers.{info.name}"), "router")
    }  # fmt: skip
    assert len(all_routers()) == len(declared) >= 8
    api = FastAPI()
    include_all(api)
    paths = set(api.openapi()["paths"])
    for router in all_routers():
        documented = {getattr(r, "path", "") for r in router.routes
                      if getattr(r, "include_in_schema", False)}  # fmt: skip
        assert documented <= paths
