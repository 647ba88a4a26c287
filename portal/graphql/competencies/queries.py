"""The competency dictionary, for anyone signed in."""

from __future__ import annotations

import strawberry
from tortoise.expressions import Q

from portal.competencies.models import Competency as CompetencyModel
from portal.graphql.competencies.types import Competency
from portal.graphql.context import Info
from portal.graphql.enums import CompetencyGroup
from portal.graphql.payloads import pk
from portal.graphql.permissions import IsAuthenticated
from portal.graphql.relay import Connection, build_connection, page_request


@strawberry.input(description="Filters for the dictionary. All given filters must hold.")
class CompetencyFilter:
    group: CompetencyGroup | None = strawberry.field(default=None, description="Group.")
    unit_id: strawberry.ID | None = strawberry.field(
        default=None, description="Technical competencies of this agency."
    )
    active: bool | None = strawberry.field(default=True, description="In use (default) or not.")
    search: str | None = strawberry.field(default=None, description="Part of the name or code.")


@strawberry.type
class CompetencyQuery:
    @strawberry.field(
        description="The competency dictionary, by code.", permission_classes=[IsAuthenticated]
    )
    async def competencies(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        filter: CompetencyFilter | None = None,
    ) -> Connection[Competency]:
        page = page_request(first, after, default=50, maximum=info.context.settings.max_page_size)
        f = filter or CompetencyFilter()
        query = CompetencyModel.all()
        if f.active is not None:
            query = query.filter(active=f.active)
        if f.group is not None:
            query = query.filter(group=f.group)
        if f.unit_id is not None:
            query = query.filter(unit_id=pk(f.unit_id, "OrgUnit"))
        if f.search:
            term = f.search.strip()
            query = query.filter(Q(name__icontains=term) | Q(code__istartswith=term))
        total = await query.count()
        rows = await query.order_by("code", "id").offset(page.offset).limit(page.limit)
        return build_connection(rows, total, page, Competency.from_model)
