"""Object-level rules for people: who may read whom. The one place these rules live."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from portal.auth.principal import Principal


async def can_view_employee(
    principal: Principal, *, employee_id: int, position_id: int | None
) -> bool:
    """Self, HR, and supervisors of the employee's position (directly or further up)."""
    if principal.employee_id == employee_id or principal.is_hr:
        return True
    if position_id is None:
        return False
    return position_id in (await principal.line()).all


async def can_supervise(principal: Principal, *, position_id: int | None) -> bool:
    """Direct supervisor (or acting Plt/Plh) of the position: may decide and assign."""
    if position_id is None:
        return False
    return position_id in (await principal.line()).direct


async def can_list_employees(principal: Principal) -> bool:
    """HR lists everyone; a supervisor lists their line; others may not list people."""
    return principal.is_hr or await principal.is_supervisor()
