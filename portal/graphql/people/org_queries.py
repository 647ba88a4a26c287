"""Org chart queries: units, positions, Plt/Plh appointments."""

from __future__ import annotations

import datetime as dt

import strawberry
from graphql import GraphQLError
from tortoise.expressions import Q

from portal.graphql.context import Info
from portal.graphql.enums import PositionKind
from portal.graphql.payloads import pk
from portal.graphql.people.admin_types import ActingAppointment
from portal.graphql.people.types import OrgUnit, Position
from portal.graphql.permissions import IsAuthenticated, IsHR
from portal.graphql.relay import Connection, build_connection, page_request
from portal.people import models


@strawberry.input(description="Filters for the unit list. All given filters must hold.")
class OrgUnitFilter:
    parent_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only the direct sub-units of this unit."
    )
    top_level: bool | None = strawberry.field(
        default=None, description="Only units without a parent."
    )
    active: bool | None = strawberry.field(default=True, description="Open (default) or closed.")
    search: str | None = strawberry.field(default=None, description="Part of the name or code.")


@strawberry.input(description="Filters for the position list. All given filters must hold.")
class PositionFilter:
    unit_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this unit and the units below it."
    )
    parent_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only positions this one supervises directly."
    )
    kind: PositionKind | None = strawberry.field(default=None, description="Position kind.")
    active: bool | None = strawberry.field(default=True, description="Open (default) or closed.")
    search: str | None = strawberry.field(default=None, description="Part of the name or code.")


async def _unit_path(gid: strawberry.ID) -> str:
    unit = await models.OrgUnit.get_or_none(id=pk(gid, "OrgUnit"))
    if unit is None:
        raise GraphQLError(
            "Unit tidak ditemukan.", extensions={"code": "NOT_FOUND", "field": "unitId"}
        )
    return unit.path


@strawberry.type
class OrgChartQuery:
    @strawberry.field(
        description="Units of the org chart, by name.", permission_classes=[IsAuthenticated]
    )
    async def org_units(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        filter: OrgUnitFilter | None = None,
    ) -> Connection[OrgUnit]:
        page = page_request(first, after, default=50, maximum=info.context.settings.max_page_size)
        f = filter or OrgUnitFilter()
        query = models.OrgUnit.all()
        if f.active is not None:
            query = query.filter(active=f.active)
        if f.parent_id is not None:
            query = query.filter(parent_id=pk(f.parent_id, "OrgUnit"))
        if f.top_level is not None:
            query = query.filter(parent_id__isnull=f.top_level)
        if f.search:
            term = f.search.strip()
            query = query.filter(Q(name__icontains=term) | Q(code__istartswith=term))
        total = await query.count()
        rows = await query.order_by("name", "id").offset(page.offset).limit(page.limit)
        return build_connection(rows, total, page, OrgUnit.from_model)

    @strawberry.field(
        description="Positions of the org chart, by name.", permission_classes=[IsAuthenticated]
    )
    async def positions(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        filter: PositionFilter | None = None,
    ) -> Connection[Position]:
        page = page_request(first, after, default=50, maximum=info.context.settings.max_page_size)
        f = filter or PositionFilter()
        query = models.Position.all()
        if f.active is not None:
            query = query.filter(active=f.active)
        if f.unit_id is not None:
            query = query.filter(unit__path__startswith=await _unit_path(f.unit_id))
        if f.parent_id is not None:
            query = query.filter(parent_id=pk(f.parent_id, "Position"))
        if f.kind is not None:
            query = query.filter(kind=f.kind)
        if f.search:
            term = f.search.strip()
            query = query.filter(Q(name__icontains=term) | Q(code__istartswith=term))
        total = await query.count()
        rows = await query.order_by("name", "id").offset(page.offset).limit(page.limit)
        return build_connection(rows, total, page, Position.from_model)

    @strawberry.field(
        description="Plt/Plh appointments, latest start first (HR).", permission_classes=[IsHR]
    )
    async def acting_appointments(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        position_id: strawberry.ID | None = None,
        in_force_on: dt.date | None = None,
    ) -> Connection[ActingAppointment]:
        page = page_request(first, after, default=20, maximum=info.context.settings.max_page_size)
        query = models.ActingAppointment.all()
        if position_id is not None:
            query = query.filter(position_id=pk(position_id, "Position"))
        if in_force_on is not None:
            query = query.filter(starts_on__lte=in_force_on, ends_on__gte=in_force_on)
        total = await query.count()
        rows = await query.order_by("-starts_on", "-id").offset(page.offset).limit(page.limit)
        return build_connection(rows, total, page, ActingAppointment.from_model)
