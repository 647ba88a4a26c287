"""Writing to the audit trail."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from portal.audit.models import AuditEntry


@dataclass(frozen=True, slots=True)
class RequestInfo:
    """Where a change came from; set once per request by the HTTP layer."""

    client_ip: str = ""
    request_id: str = ""


current_request: ContextVar[RequestInfo] = ContextVar("portal_request", default=RequestInfo())


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
