"""Declared permissions. Names live in one enum; each class has a readable message."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from graphql import GraphQLError
from strawberry.permission import BasePermission

from portal.graphql.context import Info


class Permission(StrEnum):
    AUTHENTICATED = "AUTHENTICATED"
    HR = "HR"
    LIST_EMPLOYEES = "LIST_EMPLOYEES"


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
    error_extensions = {"code": "UNAUTHENTICATED"}

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return info.context.principal is not None


class IsHR(BasePermission):
    """Holds the HR (BKPSDM) role."""

    name = Permission.HR
    message = "Hanya petugas BKPSDM yang boleh melakukan ini."
    error_extensions = {"code": "FORBIDDEN"}

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        principal = info.context.principal
        return principal is not None and principal.is_hr


class CanListEmployees(BasePermission):
    """HR, or a supervisor (lists only their own line)."""

    name = Permission.LIST_EMPLOYEES
    message = "Hanya atasan dan petugas BKPSDM yang boleh melihat daftar pegawai."
    error_extensions = {"code": "FORBIDDEN"}

    async def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        from portal.people.access import can_list_employees

        principal = info.context.principal
        return principal is not None and await can_list_employees(principal)


def require_principal(info: Info):  # type: ignore[no-untyped-def]
    principal = info.context.principal
    if principal is None:
        raise NotAuthenticated()
    return principal
