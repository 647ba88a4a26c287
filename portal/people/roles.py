"""Granting and revoking roles (HR, unit head): the rules and the audit trail.

Employee and supervisor are not granted: they follow from the org chart (and Plt/Plh
appointments). HR is organisation-wide; UNIT_HEAD is always scoped to one unit.
"""

from __future__ import annotations

from enum import StrEnum

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from portal.audit.service import record
from portal.errors import DomainError
from portal.people.models import Employee, OrgUnit, Role, RoleGrant


class RoleErrorCode(StrEnum):
    INVALID_NIP = "INVALID_NIP"
    NOT_FOUND = "NOT_FOUND"
    INACTIVE_EMPLOYEE = "INACTIVE_EMPLOYEE"
    UNIT_REQUIRED = "UNIT_REQUIRED"
    UNIT_NOT_ALLOWED = "UNIT_NOT_ALLOWED"
    UNIT_NOT_FOUND = "UNIT_NOT_FOUND"
    ALREADY_GRANTED = "ALREADY_GRANTED"
    NOT_GRANTED = "NOT_GRANTED"
    LAST_HR = "LAST_HR"


class RoleError(DomainError):
    """A role grant or revocation broke a rule."""


async def get_unit_by_code(*, code: str) -> OrgUnit | None:
    """The unit with this code, or None."""
    return await OrgUnit.get_or_none(code=code.strip())


async def list_grants(*, employee_id: int) -> list[RoleGrant]:
    """The employee's role grants, HR first."""
    return await RoleGrant.filter(employee_id=employee_id).order_by("role", "unit_id")


async def grant_role(
    *, nip: str, role: Role, unit_id: int | None, actor_id: int | None, actor_label: str = ""
) -> RoleGrant:
    """Grant ``role`` (UNIT_HEAD: for ``unit_id``) to the employee with this NIP; audited."""
    async with in_transaction("default"):
        employee = await _employee_for_update(nip)
        if not employee.active:
            raise RoleError(RoleErrorCode.INACTIVE_EMPLOYEE, "Pegawai tidak aktif.", field="nip")
        unit = await _checked_unit(role, unit_id)
        before = await _roles_picture(employee.id)
        if await RoleGrant.exists(employee_id=employee.id, role=role, unit_id=unit_id):
            raise RoleError(
                RoleErrorCode.ALREADY_GRANTED, "Peran ini sudah dimiliki pegawai.", field="role"
            )
        try:
            grant = await RoleGrant.create(
                employee=employee, role=role, unit=unit, granted_by_id=actor_id
            )
        except IntegrityError:
            raise RoleError(
                RoleErrorCode.ALREADY_GRANTED, "Peran ini sudah dimiliki pegawai.", field="role"
            ) from None
        await record(
            action="role.grant",
            actor_id=actor_id,
            actor_label=actor_label,
            object_type="Employee",
            object_id=employee.id,
            before={"roles": before},
            after={"roles": await _roles_picture(employee.id)},
        )
    return grant


async def revoke_role(
    *, nip: str, role: Role, unit_id: int | None, actor_id: int | None, actor_label: str = ""
) -> RoleGrant:
    """Take ``role`` (UNIT_HEAD: for ``unit_id``) away; returns the removed grant; audited."""
    async with in_transaction("default"):
        employee = await _employee_for_update(nip)
        await _checked_unit(role, unit_id)
        grant = await RoleGrant.get_or_none(employee_id=employee.id, role=role, unit_id=unit_id)
        if grant is None:
            raise RoleError(
                RoleErrorCode.NOT_GRANTED, "Pegawai tidak memiliki peran ini.", field="role"
            )
        if role == Role.HR:
            # Lock every HR grant: two HR officers revoking each other at once keep one.
            hr = (
                await RoleGrant.filter(role=Role.HR)
                .select_for_update()
                .values_list("id", flat=True)
            )
            if len(hr) <= 1:
                raise RoleError(
                    RoleErrorCode.LAST_HR,
                    "Peran HR terakhir tidak dapat dicabut: tunjuk petugas HR lain lebih dahulu.",
                    field="role",
                )
        before = await _roles_picture(employee.id)
        await RoleGrant.filter(id=grant.id).delete()
        await record(
            action="role.revoke",
            actor_id=actor_id,
            actor_label=actor_label,
            object_type="Employee",
            object_id=employee.id,
            before={"roles": before},
            after={"roles": await _roles_picture(employee.id)},
        )
    return grant


async def _employee_for_update(nip: str) -> Employee:
    value = "".join(nip.split())
    if len(value) != 18 or not value.isdigit():
        raise RoleError(RoleErrorCode.INVALID_NIP, "NIP harus 18 angka.", field="nip")
    # The row lock serialises grants for one employee on PostgreSQL (SQLite serialises writers).
    employee = await Employee.filter(nip=value).select_for_update().first()
    if employee is None:
        raise RoleError(RoleErrorCode.NOT_FOUND, "Pegawai tidak ditemukan.", field="nip")
    return employee


async def _checked_unit(role: Role, unit_id: int | None) -> OrgUnit | None:
    if role == Role.UNIT_HEAD:
        if unit_id is None:
            raise RoleError(
                RoleErrorCode.UNIT_REQUIRED, "Kepala unit harus disertai unitnya.", field="unitId"
            )
        unit = await OrgUnit.get_or_none(id=unit_id)
        if unit is None:
            raise RoleError(RoleErrorCode.UNIT_NOT_FOUND, "Unit tidak ditemukan.", field="unitId")
        return unit
    if unit_id is not None:
        raise RoleError(
            RoleErrorCode.UNIT_NOT_ALLOWED, f"Peran {role} tidak terikat pada unit.", field="unitId"
        )
    return None


async def _roles_picture(employee_id: int) -> list[str]:
    """Roles as the audit trail shows them: ``HR``, ``UNIT_HEAD:<unit code>``."""
    grants = await RoleGrant.filter(employee_id=employee_id).prefetch_related("unit")
    return sorted(f"{g.role}:{g.unit.code}" if g.unit else str(g.role) for g in grants)
