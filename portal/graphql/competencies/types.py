"""Competency dictionary and profile types."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import strawberry

from portal.competencies import models
from portal.competencies.service import GapItem, Profile
from portal.graphql.context import Info
from portal.graphql.enums import AssessmentSource, CompetencyGroup
from portal.graphql.relay import Node, to_global_id

if TYPE_CHECKING:  # only for mypy: strawberry resolves it through strawberry.lazy
    from portal.graphql.people.types import OrgUnit

UnitRef = Annotated["OrgUnit", strawberry.lazy("portal.graphql.people.types")]


@strawberry.type(description="What one level (1-5) of a competency means.")
class CompetencyLevelDescriptor:
    level: int = strawberry.field(description="Level 1-5.")
    description: str = strawberry.field(description="Meaning of the level.")
    indicators: list[str] = strawberry.field(description="Behaviour indicators of the level.")


@strawberry.type(description="A competency of the dictionary (PermenPANRB 38/2017).")
class Competency(Node):
    pk: strawberry.Private[int]
    unit_pk: strawberry.Private[int | None]
    code: str = strawberry.field(description="Code, e.g. M.01.")
    name: str = strawberry.field(description="Name, e.g. Integritas.")
    group: CompetencyGroup = strawberry.field(
        description="Technical, managerial or socio-cultural."
    )
    description: str = strawberry.field(description="What the competency is about.")
    active: bool = strawberry.field(description="In use (inactive ones cannot be required).")

    @classmethod
    def from_model(cls, row: models.Competency) -> Competency:
        return cls(
            id=to_global_id("Competency", row.id),
            pk=row.id,
            unit_pk=row.unit_id,
            code=row.code,
            name=row.name,
            group=row.group,
            description=row.description,
            active=row.active,
        )

    @strawberry.field(description="The agency a technical competency belongs to, if any.")
    async def unit(self, info: Info) -> UnitRef | None:
        from portal.graphql.people.types import OrgUnit

        if self.unit_pk is None:
            return None
        row = await info.context.loaders.unit_by_id.load(self.unit_pk)
        return OrgUnit.from_model(row) if row else None

    @strawberry.field(description="Level descriptors 1-5 with behaviour indicators.")
    async def levels(self, info: Info) -> list[CompetencyLevelDescriptor]:
        rows = await info.context.loaders.levels_by_competency_id.load(self.pk)
        return [
            CompetencyLevelDescriptor(
                level=r.level, description=r.description, indicators=list(r.indicators or [])
            )
            for r in rows
        ]


@strawberry.type(description="One competency of a person's profile: required against assessed.")
class CompetencyGap:
    item: strawberry.Private[GapItem]
    required: int | None = strawberry.field(description="Level the position requires, if any.")
    assessed: int | None = strawberry.field(description="Latest assessed level, if assessed.")
    gap: int | None = strawberry.field(
        description="Required minus assessed (0 when met, unassessed counts as 0); "
        "null if not required."
    )
    met: bool = strawberry.field(description="The assessed level reaches the required one.")
    assessed_on: dt.date | None = strawberry.field(description="Date of the latest assessment.")
    source: AssessmentSource | None = strawberry.field(
        description="Source of the latest assessment."
    )

    @classmethod
    def from_item(cls, item: GapItem) -> CompetencyGap:
        return cls(
            item=item,
            required=item.required,
            assessed=item.assessed,
            gap=item.gap,
            met=item.met,
            assessed_on=item.assessed_on,
            source=models.AssessmentSource(item.source) if item.source else None,
        )

    @strawberry.field(description="The competency.")
    async def competency(self, info: Info) -> Competency:
        row = await info.context.loaders.competency_by_id.load(self.item.competency_id)
        assert row is not None  # foreign key
        return Competency.from_model(row)


@strawberry.type(description="A person's competencies against what their position requires.")
class CompetencyProfile:
    items: list[CompetencyGap] = strawberry.field(description="Required competencies first.")
    requirements_total: int = strawberry.field(description="Competencies the position requires.")
    requirements_met: int = strawberry.field(description="Requirements the person meets.")
    job_person_match: float | None = strawberry.field(
        description="Share of requirements met, in percent (null when the position has none)."
    )

    @classmethod
    def from_profile(cls, profile: Profile) -> CompetencyProfile:
        return cls(
            items=[CompetencyGap.from_item(i) for i in profile.items],
            requirements_total=profile.requirements_total,
            requirements_met=profile.requirements_met,
            job_person_match=profile.job_person_match,
        )


@strawberry.type(description="The level a position requires in a competency.")
class CompetencyRequirement:
    competency_pk: strawberry.Private[int]
    level: int = strawberry.field(description="Required level 1-5.")

    @classmethod
    def from_model(cls, row: models.PositionRequirement) -> CompetencyRequirement:
        return cls(competency_pk=row.competency_id, level=row.level)

    @strawberry.field(description="The competency.")
    async def competency(self, info: Info) -> Competency:
        row = await info.context.loaders.competency_by_id.load(self.competency_pk)
        assert row is not None  # foreign key
        return Competency.from_model(row)


@strawberry.type(description="An assessed level of an employee in a competency.")
class Assessment:
    competency_pk: strawberry.Private[int]
    level: int = strawberry.field(description="Assessed level 1-5.")
    assessed_on: dt.date = strawberry.field(description="Date of the assessment.")
    source: AssessmentSource = strawberry.field(description="Where the level came from.")
    evidence: str = strawberry.field(description="Evidence or report reference.")

    @classmethod
    def from_model(cls, row: models.Assessment) -> Assessment:
        return cls(
            competency_pk=row.competency_id,
            level=row.level,
            assessed_on=row.assessed_on,
            source=row.source,
            evidence=row.evidence,
        )

    @strawberry.field(description="The competency.")
    async def competency(self, info: Info) -> Competency:
        row = await info.context.loaders.competency_by_id.load(self.competency_pk)
        assert row is not None  # foreign key
        return Competency.from_model(row)
