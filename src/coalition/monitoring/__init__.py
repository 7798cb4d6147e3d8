"""Ceasefire monitoring: theatre geometry and rules, report ingest with quarantine,
vectorised classification, corroboration into events, counts, alerts and daily reports."""

from __future__ import annotations

from coalition.monitoring.cases import (
    Case,
    advance,
    compliance,
    open_cases,
    reports_of,
    violation_cases,
)
from coalition.monitoring.counts import period_of
from coalition.monitoring.daily import Written, render_html, write_report
from coalition.monitoring.details import APPLIES
from coalition.monitoring.export import (
    EventFilter,
    events_between,
    plain,
    to_csv,
    to_geojson,
    to_parquet,
    to_records,
    why_merged,
)
from coalition.monitoring.ingest import (
    API_PREFIX,
    IngestResult,
    alert_log,
    ingest_file,
    ingest_files,
    ingest_under,
    latest_day,
    quarantine,
    store,
)
from coalition.monitoring.lines import current, history, load_geojson, load_line, theatre_geojson
from coalition.monitoring.pipeline import DayResult, Setup, analyse_day
from coalition.monitoring.reports import FORMATS, dedupe_within, validate
from coalition.monitoring.rules import Reporting
from coalition.monitoring.sections import in_words
from coalition.monitoring.theatre import load_theatre
from coalition.monitoring.triggers import fired, load_triggers

__all__ = [
    "API_PREFIX",
    "APPLIES",
    "FORMATS",
    "Case",
    "DayResult",
    "EventFilter",
    "IngestResult",
    "Reporting",
    "Setup",
    "Written",
    "advance",
    "alert_log",
    "analyse_day",
    "compliance",
    "current",
    "dedupe_within",
    "events_between",
    "fired",
    "history",
    "in_words",
    "ingest_file",
    "ingest_files",
    "ingest_under",
    "latest_day",
    "load_geojson",
    "load_line",
    "load_theatre",
    "load_triggers",
    "open_cases",
    "period_of",
    "plain",
    "quarantine",
    "render_html",
    "reports_of",
    "store",
    "theatre_geojson",
    "to_csv",
    "to_geojson",
    "to_parquet",
    "to_records",
    "validate",
    "violation_cases",
    "why_merged",
    "write_report",
]
