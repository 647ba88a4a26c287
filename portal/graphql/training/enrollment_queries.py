"""The approver's inbox: requests waiting for my decision."""

from __future__ import annotations

import strawberry
from tortoise.expressions import Q

from portal.graphql.context import Info
from portal.graphql.permissions import IsAuthenticated
from portal.graphql.relay import Connection, build_connection, page_request
from portal.graphql.training.types import Enrollment
from portal.training.models import Enrollment as EnrollmentModel
from portal.training.models import EnrollmentStatus


def inbox_filter(position_ids: set[int], is_hr: bool) -> Q | None:
    """Requests waiting at a step I decide: my (or my acting) positions, or HR's steps."""
    conditions = []
    if position_ids:
        conditions.append(Q(awaiting_position_id__in=list(position_ids)))
    if is_hr:
        conditions.append(Q(awaiting_hr=True))
    if not conditions:
        return None
    combined = conditions[0]
    for c in conditions[1:]:
        combined |= c
    return combined


@strawberry.type
class EnrollmentQuery:
    @strawberry.field(
        description="Requests waiting for your decision, oldest first "
        "(supervisor, Plt/Plh, HR steps).",
        permission_classes=[IsAuthenticated],
    )
    async def approval_inbox(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Enrollment]:
        principal = info.context.principal
        assert principal is not None
        page = page_request(first, after, default=20, maximum=info.context.settings.max_page_size)
        positions = {
            p for p in (principal.position_id, *principal.acting_position_ids) if p is not None
        }
        condition = inbox_filter(positions, principal.is_hr)
        if condition is None:
            return build_connection([], 0, page, Enrollment.from_model)
        query = EnrollmentModel.filter(condition, status=EnrollmentStatus.REQUESTED).exclude(
            employee_id=principal.employee_id
        )
        total = await query.count()
        rows = await query.order_by("requested_at", "id").offset(page.offset).limit(page.limit)
        return build_connection(rows, total, page, Enrollment.from_model)
