"""Declared permissions. Names live in one enum; each class has a readable message."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, ClassVar

from graphql import GraphQLError
from strawberry.permission import BasePermission

from portal.auth.principal import Principal
from portal.graphql.context import Info


class Permission(StrEnum):
    """Every permission the API declares. Add a member here before using a new one."""

    AUTHENTICATED = "AUTHENTICATED"  # any signed-in employee (session or bearer token)
    HR = "HR"  # BKPSDM operator (RoleGrant HR)
    LIST_EMPLOYEES = "LIST_EMPLOYEES"  # HR, or a supervisor for their own line
    SUPERVISOR = "SUPERVISOR"  # holds, or acts (Plt/Plh) in, a position with subordinates
    UNIT_HEAD = "UNIT_HEAD"  # RoleGrant UNIT_HEAD for at least one unit (which one: per object)
    MANAGE_ROLES = "MANAGE_ROLES"  # grant and revoke HR / UNIT_HEAD: HR only
    READ_REPORTS = "READ_REPORTS"  # HR all; unit heads their units; supervisors their line
    REPORT_PEOPLE = "REPORT_PEOPLE"  # named lists in reports: HR, or a supervisor for their line
    SURVEY = "SURVEY"  # survey results, tokens, follow-up: HR all units, unit heads their own


class Forbidden(GraphQLError):
    """Top-level error for a denied object-level check."""

    def __init__(self, message: str = "Anda tidak berhak melihat atau mengubah data ini.") -> None:
        super().__init__(message, extensions={"code": "FORBIDDEN"})


class NotAuthenticated(GraphQLError):
    def __init__(self) -> None:
        super().__init__("Silakan masuk terlebih dahulu.", extensions={"code": "UNAUTHENTICATED"})


class IsAuthenticated(BasePermission):
    """Signed in through SSO, dev sign-in or a bearer token."""

    name = Permission.AUTHENTICATED
    message = "Silakan masuk terlebih dahulu."
    error_extensions: ClassVar[dict[str, Any]] = {"code": "UNAUTHENTICATED"}

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return info.context.principal is not None


class IsHR(BasePermission):
    """Holds the HR (BKPSDM) role."""

    name = Permission.HR
    message = "Hanya petugas BKPSDM yang boleh melakukan ini."
    error_extensions: ClassVar[dict[str, Any]] = {"code": "FORBIDDEN"}

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        principal = info.context.principal
        return principal is not None and principal.is_hr


class CanListEmployees(BasePermission):
    """HR, or a supervisor (lists only their own line)."""

    name = Permission.LIST_EMPLOYEES
    message = "Hanya atasan dan petugas BKPSDM yang boleh melihat daftar pegawai."
    error_extensions: ClassVar[dict[str, Any]] = {"code": "FORBIDDEN"}

    async def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        from portal.people.access import can_list_employees

        principal = info.context.principal
        return principal is not None and await can_list_employees(principal)


class IsSupervisor(BasePermission):
    """Supervises someone today (own position or an acting Plt/Plh appointment)."""

    name = Permission.SUPERVISOR
    message = "Hanya atasan yang boleh melakukan ini."
    error_extensions: ClassVar[dict[str, Any]] = {"code": "FORBIDDEN"}

    async def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        principal = info.context.principal
        return principal is not None and await principal.is_supervisor()


class IsUnitHead(BasePermission):
    """Head of at least one unit; each object's unit is checked by its domain's access rules."""

    name = Permission.UNIT_HEAD
    message = "Hanya kepala unit yang boleh melakukan ini."
    error_extensions: ClassVar[dict[str, Any]] = {"code": "FORBIDDEN"}

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        principal = info.context.principal
        return principal is not None and bool(principal.head_of_units)


class CanManageRoles(BasePermission):
    """Grants and revokes roles: HR only."""

    name = Permission.MANAGE_ROLES
    message = "Hanya petugas BKPSDM yang boleh memberi atau mencabut peran."
    error_extensions: ClassVar[dict[str, Any]] = {"code": "FORBIDDEN"}

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        principal = info.context.principal
        return principal is not None and principal.is_hr


def require_principal(info: Info) -> Principal:
    """The signed-in caller; resolvers behind a permission class can rely on one being there."""
    principal = info.context.principal
    if principal is None:
        raise NotAuthenticated()
    return principal
