"""People queries: me, employee(nip:), employees(...)."""

from __future__ import annotations

import strawberry
from graphql import GraphQLError
from starlette.requests import Request
from tortoise.expressions import Q

from portal.graphql.context import Info
from portal.graphql.enums import EmploymentType, PositionKind, Rank
from portal.graphql.people.types import Employee
from portal.graphql.permissions import CanListEmployees, Forbidden, IsAuthenticated
from portal.graphql.relay import Connection, build_connection, from_global_id, page_request
from portal.people import service
from portal.people.access import can_view_employee
from portal.people.errors import PeopleError
from portal.people.models import Employee as EmployeeModel
from portal.people.models import OrgUnit


@strawberry.input(description="Filters for the employee list. All given filters must hold.")
class EmployeeFilter:
    unit_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this unit and the units below it."
    )
    position_kind: PositionKind | None = strawberry.field(
        default=None, description="Position kind."
    )
    rank: Rank | None = strawberry.field(default=None, description="Exact rank.")
    employment_type: EmploymentType | None = strawberry.field(default=None, description="PNS/PPPK.")
    search: str | None = strawberry.field(
        default=None, description="Part of the name, or the start of the NIP."
    )
    active: bool | None = strawberry.field(default=True, description="Active (default) or not.")


def user_input_error(error: PeopleError) -> GraphQLError:
    return GraphQLError(
        error.message, extensions={"code": str(error.code), "field": error.field or ""}
    )


@strawberry.type
class PeopleQuery:
    @strawberry.field(description="The signed-in employee.", permission_classes=[IsAuthenticated])
    async def me(self, info: Info) -> Employee:
        principal = info.context.principal
        assert principal is not None
        loaders = info.context.loaders
        if principal.row is not None and isinstance(info.context.request, Request):
            # Read whole for this very request by the principal's statement (a WebSocket's
            # principal is as old as the socket: there the row is read again).
            loaders.employee_by_id.prime(principal.employee_id, principal.row)
        row = await loaders.employee_by_id.load(principal.employee_id)
        assert row is not None
        return Employee.from_model(row)

    @strawberry.field(
        description="An employee by NIP: yourself, your line (supervisors) or anyone (HR). "
        "Null only for HR when no such employee exists.",
        permission_classes=[IsAuthenticated],
    )
    async def employee(self, info: Info, nip: str) -> Employee | None:
        principal = info.context.principal
        assert principal is not None
        try:
            row = await service.get_employee_by_nip(nip=nip)
        except PeopleError as error:
            raise user_input_error(error) from None
        if row is None:
            if principal.is_hr:
                return None
            raise Forbidden()  # never reveal whether a NIP exists to someone who may not look
        if not await can_view_employee(principal, employee_id=row.id, position_id=row.position_id):
            raise Forbidden()
        return Employee.from_model(row)

    @strawberry.field(
        description="Employees: everyone for HR, the supervision line for supervisors.",
        permission_classes=[CanListEmployees],
    )
    async def employees(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        filter: EmployeeFilter | None = None,
    ) -> Connection[Employee]:
        principal = info.context.principal
        assert principal is not None
        page = page_request(first, after, default=20, maximum=info.context.settings.max_page_size)
        query = EmployeeModel.all()
        if not principal.is_hr:
            query = query.filter(position_id__in=list((await principal.line()).all))
        f = filter or EmployeeFilter()
        if f.active is not None:
            query = query.filter(active=f.active)
        if f.unit_id is not None:
            _, unit_pk = from_global_id(f.unit_id, "OrgUnit")
            unit = await OrgUnit.get_or_none(id=unit_pk)
            if unit is None:
                raise GraphQLError(
                    "Unit tidak ditemukan.", extensions={"code": "NOT_FOUND", "field": "unitId"}
                )
            query = query.filter(unit__path__startswith=unit.path)
        if f.position_kind is not None:
            query = query.filter(position__kind=f.position_kind)
        if f.rank is not None:
            query = query.filter(rank=f.rank)
        if f.employment_type is not None:
            query = query.filter(employment_type=f.employment_type)
        if f.search:
            term = f.search.strip()
            query = query.filter(Q(name__icontains=term) | Q(nip__startswith=term.replace(" ", "")))
        total = await query.count()
        rows = await query.order_by("name", "id").offset(page.offset).limit(page.limit)
        return build_connection(rows, total, page, Employee.from_model)
