"""The dashboard's tabs, found rather than listed, so that a new capability's tab adds
its own files and edits none: a fragment ``api/templates/tabs/<id>.html`` (one
``<section>`` with ``data-title``, ``data-order`` and, for a tab only some roles see,
``data-roles``) and, if the tab draws anything, a script ``api/static/<id>.js`` that
calls ``registerTab(id, draw)`` (``app.js``). The page is ``dashboard.html.j2`` with the
tabs put in, in their order."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from coalition.errors import CoalitionError

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"

_SECTION = re.compile(r"\A\s*<section\b([^>]*)>")
_ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')


@dataclass(frozen=True)
class Tab:
    id: str
    title: str
    order: int
    roles: str | None  # the roles it is offered to (space-separated); None: everyone
    html: str
    script: str | None  # its script in ``static/``, if it has one


def tab_of(path: Path, static: Path) -> Tab:
    """A tab from its fragment; a fragment that does not say what it is fails loudly,
    naming the file (a developer's mistake, found by the tests, never by a user)."""
    html = path.read_text(encoding="utf-8")
    opening = _SECTION.match(html)
    attributes = dict(_ATTRIBUTE.findall(opening.group(1))) if opening else {}
    if attributes.get("id") != path.stem or "data-title" not in attributes:
        raise CoalitionError(
            f"{path}: a tab is one <section> whose id is the file's name ({path.stem!r}) "
            'and which has a data-title="..."'
        )
    order = attributes.get("data-order", "100")
    if not order.isdigit():
        raise CoalitionError(f"{path}: data-order must be a whole number, not {order!r}")
    script = f"{path.stem}.js" if (static / f"{path.stem}.js").is_file() else None
    return Tab(path.stem, attributes["data-title"], int(order), attributes.get("data-roles"),
               html, script)  # fmt: skip


def tabs(templates: Path = TEMPLATES, static: Path = STATIC) -> list[Tab]:
    """Every tab, in its order (then its id)."""
    found = [tab_of(path, static) for path in sorted((templates / "tabs").glob("*.html"))]
    return sorted(found, key=lambda tab: (tab.order, tab.id))


def page(templates: Path = TEMPLATES, static: Path = STATIC) -> str:
    """The dashboard's one page with every tab."""
    environment = Environment(
        loader=FileSystemLoader(templates), autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True, lstrip_blocks=True,
    )  # fmt: skip
    shell = environment.get_template("dashboard.html.j2")
    return shell.render(tabs=tabs(templates, static))


@lru_cache(maxsize=1)
def served_page() -> str:
    """The page as served: package files only, so it is built once per process."""
    return page()
