"""Creating and reading notifications. Call ``notify`` inside the transaction of the change."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from portal.events import Event, after_commit, emit
from portal.notifications.mailer import get_mailer
from portal.notifications.models import Notification
from portal.people.models import Employee

TOPIC = "notification.created"
_INDIVIDUAL_LIMIT = 20


async def notify(
    *,
    recipient_ids: Iterable[int],
    kind: str,
    title: str,
    body: str = "",
    refs: dict[str, int] | None = None,
) -> list[Notification]:
    """Store one notification per recipient and announce it (after commit) to their open pages."""
    recipients = sorted(set(recipient_ids))
    if not recipients:
        return []
    if len(recipients) <= _INDIVIDUAL_LIMIT:
        # One INSERT each so every event can name its notification (bulk inserts return no ids
        # on every engine); a subscriber then shows exactly that one.
        rows = [
            await Notification.create(
                recipient_id=r, kind=kind, title=title, body=body, refs=refs or {}
            )
            for r in recipients
        ]
        for row in rows:
            emit(Event(TOPIC, {"employee": row.recipient_id, "notification": row.id}))
    else:
        rows = [
            Notification(recipient_id=r, kind=kind, title=title, body=body, refs=refs or {})
            for r in recipients
        ]
        await Notification.bulk_create(rows, batch_size=1000)
        for r in recipients:
            emit(Event(TOPIC, {"employee": r}))
    mailer = get_mailer()
    if mailer is not None:
        addresses = [
            a
            for a in await Employee.filter(id__in=recipients, active=True).values_list(
                "email", flat=True
            )
            if a
        ]
        if addresses:
            text = f"{title}\n\n{body}\n\n-- Portal ASN" if body else f"{title}\n\n-- Portal ASN"

            async def send() -> None:
                await mailer.send(to=addresses, subject=f"[Portal ASN] {title}", body=text)

            after_commit(send)
    return rows


async def unread_count(*, employee_id: int) -> int:
    """How many notifications the employee has not read."""
    return await Notification.filter(recipient_id=employee_id, read_at__isnull=True).count()


async def mark_read(*, employee_id: int, notification_ids: list[int] | None = None) -> int:
    """Mark the given (or all) of the employee's notifications read; returns how many changed."""
    query = Notification.filter(recipient_id=employee_id, read_at__isnull=True)
    if notification_ids is not None:
        query = query.filter(id__in=notification_ids)
    return await query.update(read_at=dt.datetime.now(dt.UTC))
