"""Object-level rules for the catalog, training plans and exports. The one place they live.

Enrollment decisions have their own rules in the enrollment service (approval chain).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from portal.errors import PermissionDeniedError
from portal.people.access import can_supervise
from portal.people.models import ActingAppointment, Employee, Position

if TYPE_CHECKING:
    from portal.auth.principal import Principal


def can_manage_catalog(principal: Principal) -> bool:
    """Courses and sessions are BKPSDM's (HR) to create, change, close and cancel."""
    return principal.is_hr


def can_export_training(principal: Principal) -> bool:
    """The SIASN training-history export holds everyone's records: HR only."""
    return principal.is_hr


def can_propose_in_bulk(principal: Principal) -> bool:
    """Proposals from the gap analysis touch many plans at once: HR only."""
    return principal.is_hr


def owns_plan(principal: Principal, *, employee_id: int) -> bool:
    """Only the employee writes and submits their own plan (HR and supervisors do not)."""
    return principal.employee_id == employee_id


async def can_review_plan(principal: Principal, *, position_id: int | None) -> bool:
    """The direct supervisor, or whoever acts for them (Plt/Plh), agrees, changes or returns."""
    return await can_supervise(principal, position_id=position_id)


def require(allowed: bool) -> None:
    """Raise the top-level 'forbidden' when a rule says no."""
    if not allowed:
        raise PermissionDeniedError()


async def supervisor_ids(*, position_ids: set[int], on: dt.date) -> dict[int, set[int]]:
    """For each position, who supervises its holder: parent-position holders and Plt/Plh."""
    if not position_ids:
        return {}
    parents = dict(await Position.filter(id__in=position_ids).values_list("id", "parent_id"))
    parent_ids = {p for p in parents.values() if p is not None}
    by_parent: dict[int, set[int]] = {p: set() for p in parent_ids}
    holders = await Employee.filter(position_id__in=parent_ids, active=True).values_list(
        "position_id", "id"
    )
    acting = await ActingAppointment.filter(
        position_id__in=parent_ids, starts_on__lte=on, ends_on__gte=on
    ).values_list("position_id", "employee_id")
    for parent, employee in [*holders, *acting]:
        by_parent[parent].add(employee)
    return {pid: by_parent.get(parent, set()) for pid, parent in parents.items() if parent}
