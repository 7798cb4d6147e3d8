"""Every table of every capability, one module per owner (registry, monitoring, accounts,
osint, forcegen, ledger, deconfliction): they share one schema, one migration chain and
one ledger, so they live together in ``store`` and nothing outside ``store`` and the
capabilities' own storage code writes to them.

Enumerations are stored as plain strings (validated by the domain types on the way in)
so that SQLite and PostgreSQL share one schema. History tables (``APPEND_ONLY_TABLES``:
status events, their conditions, stances, aggregate claims, force sizes, reports, cases,
the ledger...) are append-only: the migration installs triggers that refuse UPDATE and
DELETE on both backends.
"""

from __future__ import annotations

from coalition.store.tables.accounts import AuditRow, TokenRow, UserRow
from coalition.store.tables.base import APPEND_ONLY_TABLES, NAMING, Base
from coalition.store.tables.deconfliction import (
    NotificationEventRow,
    NotificationRow,
    PlanVersionRow,
)
from coalition.store.tables.forcegen import ForceEditRow, SourcingJobRow
from coalition.store.tables.ledger import LedgerHeadRow, LedgerRow
from coalition.store.tables.monitoring import (
    AlertRow,
    CaseEventRow,
    ContactLineRow,
    IncidentReportRow,
    QuarantineRow,
    ViolationCaseRow,
)
from coalition.store.tables.osint import OsintCandidateRow, OsintDocumentRow, OsintSourceRow
from coalition.store.tables.registry import (
    ActorRow,
    AggregateClaimRow,
    ConditionRow,
    EventConditionRow,
    ForceSizeRow,
    MeetingParticipantRow,
    MeetingRow,
    MissionConditionRow,
    PersonRow,
    PledgeRow,
    RoleRow,
    SourceRow,
    StanceRow,
    StatusEventRow,
)

__all__ = [
    "APPEND_ONLY_TABLES",
    "NAMING",
    "ActorRow",
    "AggregateClaimRow",
    "AlertRow",
    "AuditRow",
    "Base",
    "CaseEventRow",
    "ConditionRow",
    "ContactLineRow",
    "EventConditionRow",
    "ForceEditRow",
    "ForceSizeRow",
    "IncidentReportRow",
    "LedgerHeadRow",
    "LedgerRow",
    "MeetingParticipantRow",
    "MeetingRow",
    "MissionConditionRow",
    "NotificationEventRow",
    "NotificationRow",
    "OsintCandidateRow",
    "OsintDocumentRow",
    "OsintSourceRow",
    "PersonRow",
    "PlanVersionRow",
    "PledgeRow",
    "QuarantineRow",
    "RoleRow",
    "SourceRow",
    "SourcingJobRow",
    "StanceRow",
    "StatusEventRow",
    "TokenRow",
    "UserRow",
    "ViolationCaseRow",
]
