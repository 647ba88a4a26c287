"""The audit trail as CSV for HR: streamed in batches, oldest first, formula-safe.

Text cells that a spreadsheet would run as a formula (``= + - @``, tab, CR) get a leading ``'``,
as in the training export. ``before``/``after`` are compact JSON.
"""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator

import orjson

from portal.audit.models import AuditEntry
from portal.audit.service import AuditFilter, iter_entries

BOM = "\ufeff"  # Excel reads UTF-8 only with it
HEADER = [
    "id", "at_utc", "actor_id", "actor_label", "action", "object_type", "object_id",
    "client_ip", "request_id", "before", "after",
]  # fmt: skip
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def _json(value: object) -> str:
    return "" if value is None else orjson.dumps(value, default=str).decode()


def row_of(entry: AuditEntry) -> list[str]:
    return [
        str(entry.id),
        entry.at.isoformat(),
        "" if entry.actor_id is None else str(entry.actor_id),
        _cell(entry.actor_label),
        _cell(entry.action),
        _cell(entry.object_type),
        _cell(entry.object_id),
        _cell(entry.client_ip),
        _cell(entry.request_id),
        _cell(_json(entry.before)),
        _cell(_json(entry.after)),
    ]


def _lines(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


async def audit_csv(*, audit_filter: AuditFilter) -> AsyncIterator[str]:
    """The CSV text in chunks: BOM and header first, then one chunk per batch of entries."""
    yield BOM + _lines([HEADER])
    async for batch in iter_entries(audit_filter=audit_filter):
        yield _lines([row_of(e) for e in batch])
