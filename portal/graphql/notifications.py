"""Notifications: the list, the unread count, and marking read."""

from __future__ import annotations

import datetime as dt

import strawberry
from strawberry.scalars import JSON

from portal.graphql.context import Info
from portal.graphql.permissions import IsAuthenticated
from portal.graphql.relay import (
    Connection,
    Node,
    build_connection,
    from_global_id,
    page_request,
    to_global_id,
)
from portal.graphql.util import local
from portal.notifications import models, service


@strawberry.type(description="Something that happened that you should know about.")
class Notification(Node):
    kind: str = strawberry.field(description="Machine-readable kind, e.g. enrollment.decided.")
    title: str = strawberry.field(description="Headline.")
    body: str = strawberry.field(description="Details.")
    refs: JSON = strawberry.field(description="Objects it is about, as {type: databaseId}.")
    created_at: dt.datetime = strawberry.field(description="When it happened.")
    read: bool = strawberry.field(description="Whether you have read it.")

    @classmethod
    def from_model(cls, row: models.Notification) -> Notification:
        return cls(
            id=to_global_id("Notification", row.id),
            kind=row.kind,
            title=row.title,
            body=row.body,
            refs=row.refs,
            created_at=local(row.created_at),  # type: ignore[arg-type]
            read=row.read_at is not None,
        )


@strawberry.type
class NotificationQuery:
    @strawberry.field(
        description="Your notifications, newest first.", permission_classes=[IsAuthenticated]
    )
    async def notifications(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        unread_only: bool = False,
    ) -> Connection[Notification]:
        principal = info.context.principal
        assert principal is not None
        page = page_request(first, after, default=20, maximum=info.context.settings.max_page_size)
        query = models.Notification.filter(recipient_id=principal.employee_id)
        if unread_only:
            query = query.filter(read_at__isnull=True)
        total = await query.count()
        rows = await query.order_by("-created_at", "-id").offset(page.offset).limit(page.limit)
        return build_connection(rows, total, page, Notification.from_model)

    @strawberry.field(
        description="How many of your notifications are unread.",
        permission_classes=[IsAuthenticated],
    )
    async def unread_notification_count(self, info: Info) -> int:
        principal = info.context.principal
        assert principal is not None
        return await service.unread_count(employee_id=principal.employee_id)


@strawberry.input(description="Which notifications to mark read.")
class MarkNotificationsReadInput:
    ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="These; all when omitted."
    )


@strawberry.type(description="Notifications were marked read.")
class MarkNotificationsReadSuccess:
    marked: int = strawberry.field(description="How many changed.")
    unread_count: int = strawberry.field(description="Unread left.")


@strawberry.type
class NotificationMutations:
    @strawberry.mutation(
        description="Mark your notifications read.", permission_classes=[IsAuthenticated]
    )
    async def mark_notifications_read(
        self, info: Info, input: MarkNotificationsReadInput
    ) -> MarkNotificationsReadSuccess:
        principal = info.context.principal
        assert principal is not None
        ids = (
            [from_global_id(i, "Notification")[1] for i in input.ids]
            if input.ids is not None
            else None
        )
        # Only the caller's own rows can change: the service filters by recipient.
        marked = await service.mark_read(employee_id=principal.employee_id, notification_ids=ids)
        return MarkNotificationsReadSuccess(
            marked=marked,
            unread_count=await service.unread_count(employee_id=principal.employee_id),
        )
