"""Storage: tables, engine/session set-up and migrations. Capability packages use it;
nothing outside them touches the tables."""

from coalition.store.engine import make_engine, transaction
from coalition.store.migrate import downgrade, is_current, upgrade

__all__ = ["downgrade", "is_current", "make_engine", "transaction", "upgrade"]
