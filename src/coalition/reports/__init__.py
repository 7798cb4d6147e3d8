"""Shared rendering: Jinja2 templates to HTML, WeasyPrint to PDF, matplotlib figures as
inline SVG (maps are drawn from the geometry itself: no tile server is needed)."""
