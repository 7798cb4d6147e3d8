"""HTML from a capability's Jinja2 templates, and PDF from that HTML (WeasyPrint). Each
report is its capability's own (``monitoring/templates/daily_report.html.j2``): a new
capability's report adds a template to its own package and edits nothing here."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape


@cache
def _environment(package: str) -> Environment:
    return Environment(
        loader=PackageLoader(package, "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def html(package: str, template: str, **context: Any) -> str:
    """``template`` from the ``templates`` folder of ``package`` (a dotted name)."""
    return _environment(package).get_template(template).render(**context)


def pdf(page: str, path: Path) -> None:
    """Print the HTML page to a PDF file (imported late: WeasyPrint loads Pango)."""
    from weasyprint import HTML

    HTML(string=page).write_pdf(str(path))
