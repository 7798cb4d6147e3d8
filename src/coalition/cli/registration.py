"""How a command group joins `coalition`: a module of this package that defines
``register(root)`` is found and called, in the order of its ``ORDER`` (then its name), so
that a new capability adds its own module and edits no central file. Modules that only
add commands to another group (``cases`` and ``lines`` to ``monitor``) do so when
imported; every module is imported."""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

import typer

import coalition.cli


def command_modules() -> list[ModuleType]:
    """Every module of ``coalition.cli`` that registers commands, in their order."""
    found = []
    for info in pkgutil.iter_modules(coalition.cli.__path__):
        module = importlib.import_module(f"coalition.cli.{info.name}")
        if callable(getattr(module, "register", None)):
            found.append(module)
    return sorted(found, key=lambda m: (getattr(m, "ORDER", 100), m.__name__))


def register_all(root: typer.Typer) -> None:
    for module in command_modules():
        module.register(root)
