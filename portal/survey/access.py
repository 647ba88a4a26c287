"""Who may manage which unit's survey: the one place these rules live.

HR (BKPSDM) manages every unit. A unit head (RoleGrant UNIT_HEAD) manages the subtree of each
unit granted: its services, tokens, results and follow-up actions. The owner of a follow-up
action may report progress on it (status and evidence), nothing more. Everyone else, signed in
or not, only fills in the public survey.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from portal.people.models import OrgUnit

if TYPE_CHECKING:
    from portal.auth.principal import Principal


@dataclass(frozen=True, slots=True)
class SurveyScope:
    """The units a principal manages: everything, or the subtrees under ``paths``."""

    everything: bool
    paths: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.everything and not self.paths

    def covers(self, unit_path: str) -> bool:
        return self.everything or any(unit_path.startswith(p) for p in self.paths)


def can_manage_any(principal: Principal | None) -> bool:
    """HR or a unit head: may open the survey results at all."""
    return principal is not None and (principal.is_hr or bool(principal.head_of_units))


async def survey_scope(principal: Principal | None) -> SurveyScope:
    """The units whose survey this principal manages (one query for a unit head)."""
    if principal is None:
        return SurveyScope(False)
    if principal.is_hr:
        return SurveyScope(True)
    if not principal.head_of_units:
        return SurveyScope(False)
    paths = await OrgUnit.filter(id__in=sorted(principal.head_of_units)).values_list(
        "path", flat=True
    )
    return SurveyScope(False, tuple(sorted(str(p) for p in paths)))


async def can_manage_unit(principal: Principal | None, unit_id: int) -> bool:
    """HR, or the head of this unit or of a unit above it."""
    if principal is None:
        return False
    if principal.is_hr:
        return True
    if not principal.head_of_units:
        return False
    unit = await OrgUnit.get_or_none(id=unit_id).only("id", "path")
    return unit is not None and (await survey_scope(principal)).covers(unit.path)
