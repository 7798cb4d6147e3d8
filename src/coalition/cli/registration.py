"""How a command group joins `coalition`: a module of this package that defines
``register(root)`` is found and called, in the order of its ``ORDER`` (then its name), so
that a new capability adds its own module and edits no central file. Modules that only
add commands to another group (``cases`` and ``lines`` to ``monitor``) do so when
imported; every module is imported."""

from __future__ import annotations

from types import ModuleType

import typer

import coalition.cli
from coalition.discovery import modules_defining


def command_modules() -> list[ModuleType]:
    """Every module of ``coalition.cli`` that registers commands, in their order."""
    return [m for m in modules_defining(coalition.cli, "register") if callable(m.register)]


def register_all(root: typer.Typer) -> None:
    for module in command_modules():
        module.register(root)
