"""Writing to the audit trail, and reading it for HR. Nothing here updates or deletes an entry."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from tortoise.queryset import QuerySet

from portal.audit.models import AuditEntry


@dataclass(frozen=True, slots=True)
class RequestInfo:
    """Where a change came from; set once per request by the HTTP layer."""

    client_ip: str = ""
    request_id: str = ""


# RequestInfo is a frozen dataclass of two str fields: the shared default cannot be mutated.
current_request: ContextVar[RequestInfo] = ContextVar("portal_request", default=RequestInfo())  # noqa: B039


async def record(
    *,
    action: str,
    actor_id: int | None,
    actor_label: str = "",
    object_type: str = "",
    object_id: object = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry; call it inside the transaction of the change it describes."""
    info = current_request.get()
    return await AuditEntry.create(
        action=action,
        actor_id=actor_id,
        actor_label=actor_label,
        object_type=object_type,
        object_id=str(object_id),
        before=before,
        after=after,
        client_ip=info.client_ip,
        request_id=info.request_id,
    )


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """What HR narrows the trail to; every field is optional and they combine with AND."""

    actor_id: int | None = None
    action: str | None = None
    object_type: str | None = None
    object_id: str | None = None
    since: dt.datetime | None = None
    until: dt.datetime | None = None


def _filtered(audit_filter: AuditFilter) -> QuerySet[AuditEntry]:
    query = AuditEntry.all()
    f = audit_filter
    if f.actor_id is not None:
        query = query.filter(actor_id=f.actor_id)
    if f.action:
        # "role." asks for a family of actions; "role.grant" for one.
        query = (
            query.filter(action__startswith=f.action)
            if f.action.endswith(".")
            else query.filter(action=f.action)
        )
    if f.object_type:
        query = query.filter(object_type=f.object_type)
    if f.object_id:
        query = query.filter(object_id=f.object_id)
    if f.since is not None:
        query = query.filter(at__gte=f.since)
    if f.until is not None:
        query = query.filter(at__lt=f.until)
    return query


async def list_entries(
    *, audit_filter: AuditFilter, offset: int, limit: int
) -> tuple[list[AuditEntry], int]:
    """One page of the trail, newest first, and the number of entries that match."""
    query = _filtered(audit_filter)
    rows = await query.order_by("-id").offset(offset).limit(limit) if limit else []
    return list(rows), await query.count()


async def iter_entries(
    *, audit_filter: AuditFilter, batch: int = 1000
) -> AsyncIterator[list[AuditEntry]]:
    """Every matching entry, oldest first, in batches read by id (keyset, not offset)."""
    last = 0
    while True:
        rows = await _filtered(audit_filter).filter(id__gt=last).order_by("id").limit(batch)
        if not rows:
            return
        yield list(rows)
        last = rows[-1].id


_MAX_CODE = 64  # action, object_type and object_id columns
_MAX_NIP_INPUT = 40  # 18 digits, written with spaces at most


async def filter_for(
    *,
    actor_nip: str | None = None,
    action: str | None = None,
    object_type: str | None = None,
    object_id: str | None = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
) -> AuditFilter | None:
    """The filter for these criteria; None when nothing can match: ``actor_nip`` names no one, or
    a value is longer than its column could ever hold."""
    too_long = (
        (action, _MAX_CODE),
        (object_type, _MAX_CODE),
        (object_id, _MAX_CODE),
        (actor_nip, _MAX_NIP_INPUT),
    )
    if any(value is not None and len(value) > limit for value, limit in too_long):
        return None
    actor_id = None
    if actor_nip:
        from portal.people.models import Employee

        actor_id = (
            await Employee.filter(nip=actor_nip.replace(" ", ""))
            .first()
            .values_list("id", flat=True)
        )
        if actor_id is None:
            return None
    return AuditFilter(
        actor_id=actor_id,  # type: ignore[arg-type]
        action=action or None,
        object_type=object_type or None,
        object_id=object_id or None,
        since=_aware(since),
        until=_aware(until),
    )


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    """A moment without a zone is read as Jakarta time (WIB), as the UI shows them."""
    if value is None or value.tzinfo is not None:
        return value
    from zoneinfo import ZoneInfo

    return value.replace(tzinfo=ZoneInfo("Asia/Jakarta"))
