"""Modules found rather than listed: the CLI's command groups and the API's routers join
by being a module of their package that defines what they bring, in the order of their
``ORDER`` (then their name), so that a new capability edits no central file."""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType


def modules_defining(package: ModuleType, attribute: str) -> list[ModuleType]:
    """Every module of ``package`` that defines ``attribute``, in their order. Every
    module is imported (one may add to another's group when imported)."""
    found = []
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        if getattr(module, attribute, None) is not None:
            found.append(module)
    return sorted(found, key=lambda m: (getattr(m, "ORDER", 100), m.__name__))
