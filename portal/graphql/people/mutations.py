"""People mutations: HR grants and revokes roles (HR, UNIT_HEAD)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Annotated, Any

import strawberry

from portal.graphql.context import Info
from portal.graphql.enums import Role
from portal.graphql.payloads import error_of, optional_pk, payload
from portal.graphql.people.types import Employee, OrgUnit
from portal.graphql.permissions import CanManageRoles, IsAuthenticated, require_principal
from portal.graphql.relay import InvalidId
from portal.people import roles
from portal.people.models import Role as DomainRole
from portal.people.models import RoleGrant as RoleGrantModel

RoleErrorCode = strawberry.enum(roles.RoleErrorCode, description="Why a role change failed.")


@strawberry.type(description="A role HR granted to an employee.")
class RoleGrant:
    unit_pk: strawberry.Private[int | None]
    role: Role = strawberry.field(description="The role.")
    granted_at: dt.datetime = strawberry.field(description="When it was granted.")

    @classmethod
    def from_model(cls, row: RoleGrantModel) -> RoleGrant:
        return cls(unit_pk=row.unit_id, role=DomainRole(row.role), granted_at=row.granted_at)

    @strawberry.field(description="The unit a UNIT_HEAD grant covers (null for HR).")
    async def unit(self, info: Info) -> OrgUnit | None:
        if self.unit_pk is None:
            return None
        row = await info.context.loaders.unit_by_id.load(self.unit_pk)
        return OrgUnit.from_model(row) if row else None


@strawberry.input(description="Which role to grant or revoke, to whom.")
class GrantRoleInput:
    nip: str = strawberry.field(description="NIP of the employee.")
    role: Role = strawberry.field(description="HR or UNIT_HEAD.")
    unit_id: strawberry.ID | None = strawberry.field(
        default=None, description="The unit (required for UNIT_HEAD, not allowed for HR)."
    )


@strawberry.input(description="Which role to take away, from whom.")
class RevokeRoleInput:
    nip: str = strawberry.field(description="NIP of the employee.")
    role: Role = strawberry.field(description="HR or UNIT_HEAD.")
    unit_id: strawberry.ID | None = strawberry.field(
        default=None, description="The unit of the UNIT_HEAD grant."
    )


@strawberry.type(description="The role was granted.")
class GrantRoleSuccess:
    employee: Employee = strawberry.field(description="The employee who now holds the role.")
    grant: RoleGrant = strawberry.field(description="The new grant.")


@strawberry.type(description="The role was not granted; nothing changed.")
class GrantRoleError:
    code: RoleErrorCode = strawberry.field(description="Machine-readable reason.")
    field: str | None = strawberry.field(description="Input field at fault, if one.")
    message: str = strawberry.field(description="Readable reason (Indonesian).")

    of = error_of(RoleErrorCode)


@strawberry.type(description="The role was revoked.")
class RevokeRoleSuccess:
    employee: Employee = strawberry.field(description="The employee who no longer holds it.")
    grant: RoleGrant = strawberry.field(description="The grant as it was before revocation.")


@strawberry.type(description="The role was not revoked; nothing changed.")
class RevokeRoleError:
    code: RoleErrorCode = strawberry.field(description="Machine-readable reason.")
    field: str | None = strawberry.field(description="Input field at fault, if one.")
    message: str = strawberry.field(description="Readable reason (Indonesian).")

    of = error_of(RoleErrorCode)


GrantRoleResult = Annotated[
    GrantRoleSuccess | GrantRoleError,
    strawberry.union("GrantRoleResult", description="Outcome of grantRole."),
]
RevokeRoleResult = Annotated[
    RevokeRoleSuccess | RevokeRoleError,
    strawberry.union("RevokeRoleResult", description="Outcome of revokeRole."),
]


def _unit_pk(unit_id: strawberry.ID | None) -> int | None:
    try:
        return optional_pk(unit_id, "OrgUnit")
    except InvalidId:
        raise roles.RoleError(
            roles.RoleErrorCode.UNIT_NOT_FOUND, "Unit tidak ditemukan.", field="unitId"
        ) from None


def _granted(info: Info, success: type) -> Callable[[RoleGrantModel], Awaitable[Any]]:
    async def build(grant: RoleGrantModel) -> Any:
        row = await info.context.loaders.employee_by_id.load(grant.employee_id)
        assert row is not None
        return success(employee=Employee.from_model(row), grant=RoleGrant.from_model(grant))

    return build


@strawberry.type
class PeopleMutation:
    @strawberry.mutation(
        description="Grant a role (HR only). Audited.",
        permission_classes=[IsAuthenticated, CanManageRoles],
    )
    async def grant_role(self, info: Info, input: GrantRoleInput) -> GrantRoleResult:
        principal = require_principal(info)

        async def work() -> RoleGrantModel:
            return await roles.grant_role(
                nip=input.nip,
                role=DomainRole(input.role),
                unit_id=_unit_pk(input.unit_id),
                actor_id=principal.employee_id,
                actor_label=principal.name,
            )

        return await payload(work(), GrantRoleError, _granted(info, GrantRoleSuccess))

    @strawberry.mutation(
        description="Revoke a role (HR only). The last HR grant cannot be revoked. Audited.",
        permission_classes=[IsAuthenticated, CanManageRoles],
    )
    async def revoke_role(self, info: Info, input: RevokeRoleInput) -> RevokeRoleResult:
        principal = require_principal(info)

        async def work() -> RoleGrantModel:
            return await roles.revoke_role(
                nip=input.nip,
                role=DomainRole(input.role),
                unit_id=_unit_pk(input.unit_id),
                actor_id=principal.employee_id,
                actor_label=principal.name,
            )

        return await payload(work(), RevokeRoleError, _granted(info, RevokeRoleSuccess))
