"""Who may ask for reports (the scope of what they see is the domain's: ``reports.access``)."""

from __future__ import annotations

from typing import Any

from strawberry.permission import BasePermission

from portal.graphql.context import Info
from portal.graphql.permissions import Permission
from portal.reports.access import can_list_people_in_reports, can_read_reports

_FORBIDDEN: dict[str, Any] = {"code": "FORBIDDEN"}


class CanReadReports(BasePermission):
    """HR, unit heads and supervisors; each sees only their part of the organisation."""

    name = Permission.READ_REPORTS
    message = "Hanya BKPSDM, kepala unit dan atasan yang boleh melihat laporan."
    error_extensions = _FORBIDDEN

    async def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        principal = info.context.principal
        return principal is not None and await can_read_reports(principal)


class CanListPeopleInReports(BasePermission):
    """Lists that name people: HR, or a supervisor for their own line."""

    name = Permission.REPORT_PEOPLE
    message = "Hanya BKPSDM dan atasan yang boleh melihat daftar pegawai dalam laporan."
    error_extensions = _FORBIDDEN

    async def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        principal = info.context.principal
        return principal is not None and await can_list_people_in_reports(principal)
