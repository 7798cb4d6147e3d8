"""Ceasefire monitoring: theatre geometry and rules, report ingest with quarantine,
vectorised classification, corroboration into events, counts, alerts and daily reports."""
