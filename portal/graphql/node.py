"""``node(id:)``: fetch any object by global id, then apply the same rule its own query would."""

from __future__ import annotations

from typing import Any

from portal.competencies.models import Competency as CompetencyModel
from portal.duties import models as duties
from portal.duties.progress_models import SkpActionPlan as SkpActionPlanModel
from portal.graphql.competencies.types import Competency
from portal.graphql.context import Info
from portal.graphql.duties.types import Duty, Skp, SkpActionPlan, SkpIndicator, SkpResult
from portal.graphql.people.admin_types import ActingAppointment
from portal.graphql.people.types import Employee, OrgUnit, Position
from portal.graphql.permissions import Forbidden
from portal.graphql.relay import Node, from_global_id
from portal.graphql.training.types import (
    Course,
    Enrollment,
    TrainingPlanItem,
    TrainingRecord,
    TrainingSession,
)
from portal.people import models as people
from portal.people.access import can_view_employee
from portal.training import models as training


async def _owner_check(info: Info, employee_id: int) -> None:
    """Objects that belong to a person are visible to those who may see that person."""
    principal = info.context.principal
    assert principal is not None
    employee = await info.context.loaders.employee_by_id.load(employee_id)
    if employee is None or not await can_view_employee(
        principal, employee_id=employee.id, position_id=employee.position_id
    ):
        raise Forbidden()


async def resolve_node(info: Info, gid: str) -> Node | None:
    type_name, pk = from_global_id(gid)
    loaders = info.context.loaders
    row: Any
    match type_name:
        case "Employee":
            row = await loaders.employee_by_id.load(pk)
            if row is None:
                return _missing(info)
            await _owner_check(info, row.id)
            return Employee.from_model(row)
        case "OrgUnit":
            row = await loaders.unit_by_id.load(pk)
            return OrgUnit.from_model(row) if row else None
        case "Position":
            row = await loaders.position_by_id.load(pk)
            return Position.from_model(row) if row else None
        case "ActingAppointment":
            row = await people.ActingAppointment.get_or_none(id=pk)
            if row is None:
                return _missing(info)
            await _owner_check(info, row.employee_id)
            return ActingAppointment.from_model(row)
        case "Competency":
            row = await CompetencyModel.get_or_none(id=pk)
            return Competency.from_model(row) if row else None
        case "Course":
            row = await loaders.course_by_id.load(pk)
            return Course.from_model(row) if row else None
        case "TrainingSession":
            row = await loaders.session_by_id.load(pk)
            return TrainingSession.from_model(row) if row else None
        case "Duty":
            row = await duties.PositionDuty.get_or_none(id=pk)
            return Duty.from_model(row) if row else None
        case "Enrollment":
            row = await loaders.enrollment_by_id.load(pk)
            if row is None:
                return _missing(info)
            await _owner_check(info, row.employee_id)
            return Enrollment.from_model(row)
        case "TrainingPlanItem":
            row = await training.TrainingPlanItem.get_or_none(id=pk).prefetch_related("plan")
            if row is None:
                return _missing(info)
            await _owner_check(info, row.plan.employee_id)
            return TrainingPlanItem.from_model(row)
        case "TrainingRecord":
            row = await training.TrainingRecord.get_or_none(id=pk)
            if row is None:
                return _missing(info)
            await _owner_check(info, row.employee_id)
            return TrainingRecord.from_model(row)
        case "Skp":
            row = await duties.Skp.get_or_none(id=pk)
            if row is None:
                return _missing(info)
            await _owner_check(info, row.employee_id)
            return Skp.from_model(row)
        case "SkpResult":
            row = await duties.SkpResult.get_or_none(id=pk).prefetch_related("skp")
            if row is None:
                return _missing(info)
            await _owner_check(info, row.skp.employee_id)
            return SkpResult.from_model(row)
        case "SkpIndicator":
            row = await duties.SkpIndicator.get_or_none(id=pk).prefetch_related("result__skp")
            if row is None:
                return _missing(info)
            await _owner_check(info, row.result.skp.employee_id)
            return SkpIndicator.from_model(row)
        case "SkpActionPlan":
            row = await SkpActionPlanModel.get_or_none(id=pk).prefetch_related("result__skp")
            if row is None:
                return _missing(info)
            await _owner_check(info, row.result.skp.employee_id)
            return SkpActionPlan.from_model(row)
        case "SurveyService" | "SurveyResponse" | "FollowUpAction":
            return await _survey_node(info, type_name, pk)
    return None


async def _survey_node(info: Info, type_name: str, pk: int) -> Node | None:
    """Survey objects: visible to those who manage their unit (and an action to its owner)."""
    from portal.graphql.survey.followup_types import FollowUpAction
    from portal.graphql.survey.types import SurveyResponse, SurveyService
    from portal.survey import models as survey
    from portal.survey.access import survey_scope

    principal = info.context.principal
    assert principal is not None
    row: Any
    if type_name == "SurveyService":
        row = await survey.SurveyService.get_or_none(id=pk).prefetch_related("unit")
    elif type_name == "SurveyResponse":
        row = await survey.SurveyResponse.get_or_none(id=pk).prefetch_related("unit")
    else:
        row = await survey.FollowUpAction.get_or_none(id=pk).prefetch_related("unit")
    if row is None:
        return _missing(info)
    owner = type_name == "FollowUpAction" and row.owner_id == principal.employee_id
    if not owner and not (await survey_scope(principal)).covers(row.unit.path):
        raise Forbidden()
    if type_name == "SurveyService":
        return SurveyService.from_model(row, info.context.settings.base_url)
    if type_name == "SurveyResponse":
        return SurveyResponse.from_model(row)
    return FollowUpAction.from_model(row)


def _missing(info: Info) -> None:
    """HR learns that a personal object does not exist; others cannot tell it from forbidden."""
    principal = info.context.principal
    if principal is not None and principal.is_hr:
        return None
    raise Forbidden()


__all__ = ["people", "resolve_node"]
