"""Who may open the survey's management side (which units: ``portal.survey.access``)."""

from __future__ import annotations

from typing import Any

from strawberry.permission import BasePermission

from portal.graphql.context import Info
from portal.graphql.permissions import Permission
from portal.survey.access import can_manage_any

_FORBIDDEN: dict[str, Any] = {"code": "FORBIDDEN"}


class CanManageSurvey(BasePermission):
    """HR, or the head of a unit (each unit's data is checked against their grants)."""

    name = Permission.SURVEY
    message = "Hanya BKPSDM dan kepala unit yang boleh mengelola survei kepuasan."
    error_extensions = _FORBIDDEN

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return can_manage_any(info.context.principal)
