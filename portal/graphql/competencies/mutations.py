"""HR mutations on competency standards and assessments."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry

from portal.competencies import assessments, dictionary, errors
from portal.competencies.models import Assessment as AssessmentModel
from portal.competencies.models import Competency as CompetencyModel
from portal.graphql.competencies.types import Assessment, Competency
from portal.graphql.context import Info
from portal.graphql.enums import AssessmentSource, CompetencyGroup
from portal.graphql.payloads import (
    error_type,
    keep,
    keep_nullable_pk,
    optional_pk,
    payload,
    pk,
    result_union,
)
from portal.graphql.people.types import Employee, Position
from portal.graphql.permissions import IsHR, require_principal
from portal.people.changes import UNCHANGED, given
from portal.people.models import Employee as EmployeeModel

CompetencyErrorCode = strawberry.enum(
    errors.CompetencyErrorCode, description="Why a competency or assessment change was refused."
)


@strawberry.input(description="What one level (1-5) of a competency means.")
class LevelInput:
    level: int = strawberry.field(description="Level 1-5.")
    description: str = strawberry.field(description="Meaning of the level.")
    indicators: list[str] = strawberry.field(
        default_factory=list, description="Behaviour indicators of the level."
    )

    def spec(self) -> dictionary.LevelSpec:
        return dictionary.LevelSpec(self.level, self.description, tuple(self.indicators))


@strawberry.input(description="A new competency of the dictionary.")
class CreateCompetencyInput:
    code: str = strawberry.field(description="Unique code, e.g. T.KES.01.")
    name: str = strawberry.field(description="Name.")
    group: CompetencyGroup = strawberry.field(
        description="Technical, managerial or socio-cultural."
    )
    description: str = strawberry.field(default="", description="What it is about.")
    unit_id: strawberry.ID | None = strawberry.field(
        default=None, description="Agency a technical competency belongs to."
    )
    levels: list[LevelInput] = strawberry.field(
        default_factory=list, description="Level descriptors 1-5."
    )


@strawberry.input(description="Changes to a competency; fields left out stay as they are.")
class UpdateCompetencyInput:
    id: strawberry.ID = strawberry.field(description="The competency.")
    code: str | None = strawberry.field(default=strawberry.UNSET, description="Unique code.")
    name: str | None = strawberry.field(default=strawberry.UNSET, description="Name.")
    group: CompetencyGroup | None = strawberry.field(default=strawberry.UNSET, description="Group.")
    description: str | None = strawberry.field(default=strawberry.UNSET, description="Description.")
    unit_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET, description="Agency (technical only; null: none)."
    )
    active: bool | None = strawberry.field(
        default=strawberry.UNSET, description="In use (inactive ones cannot be required)."
    )
    levels: list[LevelInput] | None = strawberry.field(
        default=strawberry.UNSET, description="Level descriptors, replacing the current ones."
    )


@strawberry.type(description="The competency after the change.")
class CompetencySuccess:
    competency: Competency = strawberry.field(description="The competency as it is now.")


@strawberry.input(description="A required level.")
class RequirementInput:
    competency_id: strawberry.ID = strawberry.field(description="The competency.")
    level: int = strawberry.field(description="Required level 1-5.")


@strawberry.input(description="The levels a position requires, replacing the current ones.")
class SetPositionRequirementsInput:
    position_id: strawberry.ID = strawberry.field(description="The position.")
    requirements: list[RequirementInput] = strawberry.field(
        description="Every requirement of the position (an empty list clears them)."
    )


@strawberry.type(description="The position with its new requirements.")
class PositionRequirementsSuccess:
    position: Position = strawberry.field(description="The position.")


@strawberry.input(description="An assessed level.")
class RecordAssessmentInput:
    nip: str = strawberry.field(description="NIP of the employee assessed.")
    competency_id: strawberry.ID = strawberry.field(description="The competency.")
    level: int = strawberry.field(description="Assessed level 1-5.")
    assessed_on: dt.date = strawberry.field(description="Date of the assessment (not future).")
    source: AssessmentSource = strawberry.field(description="Assessment center, supervisor, ...")
    evidence: str = strawberry.field(default="", description="Evidence or report reference.")

    def spec(self) -> assessments.AssessmentSpec:
        return assessments.AssessmentSpec(
            nip=self.nip,
            competency_id=pk(self.competency_id, "Competency"),
            level=self.level,
            assessed_on=self.assessed_on,
            source=self.source,
            evidence=self.evidence,
        )


@strawberry.input(description="Many assessed levels, recorded all together or not at all.")
class RecordAssessmentsInput:
    items: list[RecordAssessmentInput] = strawberry.field(
        description="The assessments (at most 1000)."
    )


@strawberry.type(description="The recorded assessment, and the employee's updated profile.")
class RecordAssessmentSuccess:
    assessment: Assessment = strawberry.field(description="The recorded assessment.")
    employee: Employee = strawberry.field(description="The employee assessed.")


@strawberry.type(description="How many assessments were recorded, and for whom.")
class RecordAssessmentsSuccess:
    count: int = strawberry.field(description="Assessments recorded.")
    employees: list[Employee] = strawberry.field(description="The employees assessed.")


CreateCompetencyError = error_type(
    "CreateCompetencyError", CompetencyErrorCode, "creating a competency"
)
UpdateCompetencyError = error_type(
    "UpdateCompetencyError", CompetencyErrorCode, "changing a competency"
)
SetPositionRequirementsError = error_type(
    "SetPositionRequirementsError", CompetencyErrorCode, "setting the requirements"
)
RecordAssessmentError = error_type(
    "RecordAssessmentError", CompetencyErrorCode, "recording the assessment"
)
RecordAssessmentsError = error_type(
    "RecordAssessmentsError", CompetencyErrorCode, "recording the assessments"
)
CreateCompetencyResult = Annotated[
    CompetencySuccess | CreateCompetencyError, result_union("CreateCompetencyResult")
]
UpdateCompetencyResult = Annotated[
    CompetencySuccess | UpdateCompetencyError, result_union("UpdateCompetencyResult")
]
SetPositionRequirementsResult = Annotated[
    PositionRequirementsSuccess | SetPositionRequirementsError,
    result_union("SetPositionRequirementsResult"),
]
RecordAssessmentResult = Annotated[
    RecordAssessmentSuccess | RecordAssessmentError, result_union("RecordAssessmentResult")
]
RecordAssessmentsResult = Annotated[
    RecordAssessmentsSuccess | RecordAssessmentsError, result_union("RecordAssessmentsResult")
]


def _competency(row: CompetencyModel) -> CompetencySuccess:
    return CompetencySuccess(competency=Competency.from_model(row))


@strawberry.type
class CompetencyMutation:
    @strawberry.mutation(description="Add a competency (HR).", permission_classes=[IsHR])
    async def create_competency(
        self, info: Info, input: CreateCompetencyInput
    ) -> CreateCompetencyResult:
        work = dictionary.create_competency(
            code=input.code,
            name=input.name,
            group=input.group,
            description=input.description,
            unit_id=optional_pk(input.unit_id, "OrgUnit"),
            levels=[level.spec() for level in input.levels],
            actor_id=require_principal(info).employee_id,
        )
        return await payload(work, CreateCompetencyError, _competency)

    @strawberry.mutation(description="Change a competency (HR).", permission_classes=[IsHR])
    async def update_competency(
        self, info: Info, input: UpdateCompetencyInput
    ) -> UpdateCompetencyResult:
        levels = keep(input.levels)
        work = dictionary.update_competency(
            competency_id=pk(input.id, "Competency"),
            code=keep(input.code),
            name=keep(input.name),
            group=keep(input.group),
            description=keep(input.description),
            unit_id=keep_nullable_pk(input.unit_id, "OrgUnit"),
            active=keep(input.active),
            levels=[level.spec() for level in levels] if given(levels) else UNCHANGED,
            actor_id=require_principal(info).employee_id,
        )
        return await payload(work, UpdateCompetencyError, _competency)

    @strawberry.mutation(
        description="Set the competency levels a position requires, as a whole (HR).",
        permission_classes=[IsHR],
    )
    async def set_position_requirements(
        self, info: Info, input: SetPositionRequirementsInput
    ) -> SetPositionRequirementsResult:
        work = dictionary.set_position_requirements(
            position_id=pk(input.position_id, "Position"),
            requirements=[
                dictionary.RequirementSpec(pk(r.competency_id, "Competency"), r.level)
                for r in input.requirements
            ],
            actor_id=require_principal(info).employee_id,
        )
        return await payload(
            work,
            SetPositionRequirementsError,
            lambda row: PositionRequirementsSuccess(position=Position.from_model(row)),
        )

    @strawberry.mutation(
        description="Record an assessed level; the employee is told (HR).",
        permission_classes=[IsHR],
    )
    async def record_assessment(
        self, info: Info, input: RecordAssessmentInput
    ) -> RecordAssessmentResult:
        work = assessments.record_assessment(
            spec=input.spec(), actor_id=require_principal(info).employee_id
        )

        async def success(row: AssessmentModel) -> RecordAssessmentSuccess:
            employee = await EmployeeModel.get(id=row.employee_id)
            return RecordAssessmentSuccess(
                assessment=Assessment.from_model(row), employee=Employee.from_model(employee)
            )

        return await payload(work, RecordAssessmentError, success)

    @strawberry.mutation(
        description="Record many assessed levels, all or none (HR).", permission_classes=[IsHR]
    )
    async def record_assessments(
        self, info: Info, input: RecordAssessmentsInput
    ) -> RecordAssessmentsResult:
        work = assessments.record_assessments(
            specs=[item.spec() for item in input.items],
            actor_id=require_principal(info).employee_id,
        )

        async def success(rows: list[AssessmentModel]) -> RecordAssessmentsSuccess:
            ids = list(dict.fromkeys(r.employee_id for r in rows))
            found = await info.context.loaders.employee_by_id.load_many(ids)
            return RecordAssessmentsSuccess(
                count=len(rows), employees=[Employee.from_model(e) for e in found if e is not None]
            )

        return await payload(work, RecordAssessmentsError, success)
