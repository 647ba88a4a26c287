"""``auditLog``: the audit trail for HR, newest first, filtered, as a connection."""

from __future__ import annotations

import datetime as dt

import strawberry
from strawberry.scalars import JSON

from portal.audit import service
from portal.audit.models import AuditEntry as AuditEntryModel
from portal.graphql.context import Info
from portal.graphql.permissions import IsAuthenticated, IsHR
from portal.graphql.relay import Connection, build_connection, page_request, to_global_id
from portal.graphql.util import local


@strawberry.type(description="One entry of the audit trail: who did what to which object, when.")
class AuditEntry:
    id: strawberry.ID = strawberry.field(description="Global, opaque id of the entry.")
    database_id: int = strawberry.field(description="Sequence number (grows with time).")
    at: dt.datetime = strawberry.field(description="When it happened.")
    actor_id: int | None = strawberry.field(
        description="Database id of the employee who acted; null for the system or a refused "
        "sign-in."
    )
    actor_label: str = strawberry.field(description="Name or label of the actor at the time.")
    action: str = strawberry.field(description="What was done, e.g. role.grant, auth.sign_in.")
    object_type: str = strawberry.field(description="Type of the object acted on.")
    object_id: str = strawberry.field(description="Database id of the object acted on.")
    before: JSON | None = strawberry.field(description="The object's relevant fields before.")
    after: JSON | None = strawberry.field(description="The object's relevant fields after.")
    client_ip: str = strawberry.field(description="Address the request came from.")
    request_id: str = strawberry.field(description="Id of the request (as in the logs).")

    @classmethod
    def from_model(cls, row: AuditEntryModel) -> AuditEntry:
        return cls(
            id=to_global_id("AuditEntry", row.id),
            database_id=row.id,
            at=local(row.at),  # type: ignore[arg-type]
            actor_id=row.actor_id,
            actor_label=row.actor_label,
            action=row.action,
            object_type=row.object_type,
            object_id=row.object_id,
            before=row.before,  # type: ignore[arg-type]
            after=row.after,  # type: ignore[arg-type]
            client_ip=row.client_ip,
            request_id=row.request_id,
        )


@strawberry.input(description="Narrows the audit trail; criteria combine with AND.")
class AuditLogFilter:
    actor_nip: str | None = strawberry.field(default=None, description="NIP of the actor.")
    action: str | None = strawberry.field(
        default=None,
        description="An action (role.grant), or a family ending with a dot (role.).",
    )
    object_type: str | None = strawberry.field(default=None, description="e.g. Employee.")
    object_id: str | None = strawberry.field(default=None, description="Database id of the object.")
    from_: dt.datetime | None = strawberry.field(
        default=None, name="from", description="Entries at or after this moment."
    )
    to: dt.datetime | None = strawberry.field(
        default=None, description="Entries before this moment."
    )


async def domain_filter(value: AuditLogFilter | None) -> service.AuditFilter | None:
    f = value or AuditLogFilter()
    return await service.filter_for(
        actor_nip=f.actor_nip,
        action=f.action,
        object_type=f.object_type,
        object_id=f.object_id,
        since=f.from_,
        until=f.to,
    )


@strawberry.type
class AuditQuery:
    @strawberry.field(
        description="The audit trail, newest first (HR only). Append-only: entries are never "
        "changed or removed. The same filters download as CSV at /exports/audit-log.csv.",
        permission_classes=[IsAuthenticated, IsHR],
    )
    async def audit_log(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        filter: AuditLogFilter | None = None,
    ) -> Connection[AuditEntry]:
        page = page_request(first, after, default=50, maximum=info.context.settings.max_page_size)
        criteria = await domain_filter(filter)
        if criteria is None:
            return build_connection([], 0, page, AuditEntry.from_model)
        rows, total = await service.list_entries(
            audit_filter=criteria, offset=page.offset, limit=page.limit
        )
        return build_connection(rows, total, page, AuditEntry.from_model)
