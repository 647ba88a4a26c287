"""Bulk writes shared by the importers: audit entries and id look-ups by natural key."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tortoise.models import Model

from portal.audit.models import AuditEntry
from portal.audit.service import current_request
from portal.imports.csvfile import chunks

BATCH = 500


async def audit_rows(
    action: str,
    object_type: str,
    changes: Iterable[tuple[object, dict[str, Any] | None, dict[str, Any]]],
    *,
    actor_id: int | None,
) -> None:
    """One audit entry per changed row: (object id, before, after), in one insert per batch."""
    info = current_request.get()
    entries = [
        AuditEntry(
            action=action,
            actor_id=actor_id,
            object_type=object_type,
            object_id=str(object_id),
            before=before,
            after=after,
            client_ip=info.client_ip,
            request_id=info.request_id,
        )
        for object_id, before, after in changes
    ]
    if entries:
        await AuditEntry.bulk_create(entries, batch_size=BATCH)


async def ids_by(model: type[Model], key: str, values: Iterable[str]) -> dict[str, int]:
    """Primary keys of rows by a unique text column (``bulk_create`` does not return them)."""
    found: dict[str, int] = {}
    for part in chunks(sorted(set(values))):
        rows = await model.filter(**{f"{key}__in": part}).values_list(key, "id")
        found.update({str(k): int(i) for k, i in rows})
    return found
