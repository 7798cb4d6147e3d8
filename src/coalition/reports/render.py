"""HTML from the package's Jinja2 templates, and PDF from that HTML (WeasyPrint)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

_env = Environment(
    loader=PackageLoader("coalition.reports", "templates"),
    autoescape=select_autoescape(["html", "j2"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def html(template: str, **context: Any) -> str:
    return _env.get_template(template).render(**context)


def pdf(page: str, path: Path) -> None:
    """Print the HTML page to a PDF file (imported late: WeasyPrint loads Pango)."""
    from weasyprint import HTML

    HTML(string=page).write_pdf(str(path))
