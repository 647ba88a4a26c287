"""Duty and SKP types."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import strawberry

from portal.duties import models
from portal.duties.progress_models import SkpActionPlan as SkpActionPlanModel
from portal.graphql.context import Info
from portal.graphql.enums import IndicatorAspect, Rating, ResultKind, SkpStatus
from portal.graphql.relay import Node, to_global_id
from portal.graphql.util import local


@strawberry.type(description="A duty in the job description (uraian tugas) of a position.")
class Duty(Node):
    description: str = strawberry.field(description="What the holder must do.")

    @classmethod
    def from_model(cls, row: models.PositionDuty) -> Duty:
        return cls(id=to_global_id("Duty", row.id), description=row.description)


@strawberry.type(description="What was reported against an indicator for one period.")
class SkpRealisation:
    period: int = strawberry.field(description="Quarter 1-4.")
    value: Decimal | None = strawberry.field(description="Quantitative realisation, if any.")
    note: str = strawberry.field(description="Narrative of what was achieved.")
    evidence_url: str = strawberry.field(description="Link to the evidence.")
    reported_at: dt.datetime = strawberry.field(description="When it was reported.")

    @classmethod
    def from_model(cls, row: models.SkpRealisation) -> SkpRealisation:
        return cls(
            period=row.period,
            value=row.value,
            note=row.note,
            evidence_url=row.evidence_url,
            reported_at=local(row.reported_at),  # type: ignore[arg-type]
        )


@strawberry.type(description="An indicator of a work result, with its target and realisations.")
class SkpIndicator(Node):
    pk: strawberry.Private[int]
    aspect: IndicatorAspect = strawberry.field(
        description="Quantity, quality, time or qualitative."
    )
    description: str = strawberry.field(description="What is measured.")
    target_value: Decimal | None = strawberry.field(description="Numeric yearly target, if any.")
    target_text: str = strawberry.field(description="Target as text (qualitative indicators).")
    unit_label: str = strawberry.field(description="Unit of the target, e.g. dokumen, %.")

    @classmethod
    def from_model(cls, row: models.SkpIndicator) -> SkpIndicator:
        return cls(
            id=to_global_id("SkpIndicator", row.id),
            pk=row.id,
            aspect=row.aspect,
            description=row.description,
            target_value=row.target_value,
            target_text=row.target_text,
            unit_label=row.unit_label,
        )

    @strawberry.field(description="Realisations reported so far, by period.")
    async def realisations(self, info: Info) -> list[SkpRealisation]:
        rows = await info.context.loaders.realisations_by_indicator_id.load(self.pk)
        return [SkpRealisation.from_model(r) for r in rows]

    @strawberry.field(
        description="Realised so far as a percentage of the numeric target (null without one)."
    )
    async def progress(self, info: Info) -> float | None:
        if not self.target_value:
            return None
        rows = await info.context.loaders.realisations_by_indicator_id.load(self.pk)
        done = sum((r.value or Decimal(0) for r in rows), Decimal(0))
        return round(float(done * 100 / self.target_value), 2)


@strawberry.type(description="A planned work result (RHK) of an SKP.")
class SkpResult(Node):
    pk: strawberry.Private[int]
    parent_pk: strawberry.Private[int | None]
    kind: ResultKind = strawberry.field(description="Main (utama) or additional (tambahan).")
    description: str = strawberry.field(description="The result to achieve.")

    @classmethod
    def from_model(cls, row: models.SkpResult) -> SkpResult:
        return cls(
            id=to_global_id("SkpResult", row.id),
            pk=row.id,
            parent_pk=row.parent_id,
            assigned=row.assigned_by_id is not None,
            kind=row.kind,
            description=row.description,
        )

    @strawberry.field(description="The supervisor's result this one is cascaded from.")
    async def cascaded_from(self, info: Info) -> SkpResult | None:
        if self.parent_pk is None:
            return None
        row = await info.context.loaders.skp_result_by_id.load(self.parent_pk)
        return SkpResult.from_model(row) if row else None

    @strawberry.field(description="Indicators with targets.")
    async def indicators(self, info: Info) -> list[SkpIndicator]:
        rows = await info.context.loaders.indicators_by_result_id.load(self.pk)
        return [SkpIndicator.from_model(r) for r in rows]

    @strawberry.field(description="Planned actions per quarter.")
    async def action_plans(self, info: Info) -> list[SkpActionPlan]:
        rows = await info.context.loaders.action_plans_by_result_id.load(self.pk)
        return [SkpActionPlan.from_model(r) for r in rows]

    @strawberry.field(description="True when the supervisor assigned this result.")
    def assigned_by_supervisor(self) -> bool:
        return self.assigned

    assigned: strawberry.Private[bool] = False


@strawberry.type(description="An employee's performance plan (SKP) for one year.")
class Skp(Node):
    pk: strawberry.Private[int]
    year: int = strawberry.field(description="Year of the plan.")
    starts_on: dt.date = strawberry.field(description="First day of the period.")
    ends_on: dt.date = strawberry.field(description="Last day of the period.")
    status: SkpStatus = strawberry.field(description="Draft, agreed or evaluated.")
    result_rating: Rating | None = strawberry.field(description="Rating of results, once rated.")
    behaviour_rating: Rating | None = strawberry.field(
        description="Rating of behaviour, once rated."
    )

    @classmethod
    def from_model(cls, row: models.Skp) -> Skp:
        return cls(
            id=to_global_id("Skp", row.id),
            pk=row.id,
            year=row.year,
            starts_on=row.starts_on,
            ends_on=row.ends_on,
            status=row.status,
            result_rating=row.result_rating,
            behaviour_rating=row.behaviour_rating,
        )

    @strawberry.field(description="Work results, main ones first.")
    async def results(self, info: Info) -> list[SkpResult]:
        rows = await info.context.loaders.results_by_skp_id.load(self.pk)
        return [SkpResult.from_model(r) for r in rows]

    @strawberry.field(description="Ratings and feedback, by period (0 = yearly).")
    async def reviews(self, info: Info) -> list[SkpReview]:
        rows = await info.context.loaders.reviews_by_skp_id.load(self.pk)
        return [
            SkpReview(
                period=r.period,
                result_rating=r.result_rating,
                behaviour_rating=r.behaviour_rating,
                predikat=r.predikat,
                feedback=r.feedback,
                reviewed_at=local(r.reviewed_at),  # type: ignore[arg-type]
            )
            for r in rows
        ]

    @strawberry.field(description="Everything that happened to this SKP, oldest first.")
    async def history(self, info: Info) -> list[SkpHistoryEntry]:
        rows = await info.context.loaders.skp_events_by_skp_id.load(self.pk)
        actors = await info.context.loaders.employee_by_id.load_many(
            [r.actor_id for r in rows if r.actor_id]
        )
        names = {a.id: a.name for a in actors if a}
        return [
            SkpHistoryEntry(
                action=r.action, actor_name=names.get(r.actor_id), note=r.note, at=local(r.at)
            )  # type: ignore[arg-type]
            for r in rows
        ]


@strawberry.type(description="A planned action (rencana aksi) for a result in a quarter.")
class SkpActionPlan(Node):
    period: int = strawberry.field(description="Quarter 1-4.")
    description: str = strawberry.field(description="What will be done.")

    @classmethod
    def from_model(cls, row: SkpActionPlanModel) -> SkpActionPlan:
        return cls(
            id=to_global_id("SkpActionPlan", row.id),
            period=row.period,
            description=row.description,
        )


@strawberry.type(
    description="The supervisor's rating and feedback for a quarter (1-4) or the year (0)."
)
class SkpReview:
    period: int = strawberry.field(description="Quarter 1-4, or 0 for the yearly evaluation.")
    result_rating: Rating = strawberry.field(description="Rating of the work results.")
    behaviour_rating: Rating = strawberry.field(description="Rating of work behaviour.")
    predikat: str = strawberry.field(
        description="SANGAT_BAIK, BAIK, BUTUH_PERBAIKAN, KURANG or SANGAT_KURANG "
        "(matrix of PermenPANRB 6/2022)."
    )
    feedback: str = strawberry.field(description="The supervisor's feedback.")
    reviewed_at: dt.datetime = strawberry.field(description="When it was given or last changed.")


@strawberry.type(description="One step of an SKP's history.")
class SkpHistoryEntry:
    action: str = strawberry.field(
        description="What happened, e.g. AGREED, RESULT_ASSIGNED, REVIEWED."
    )
    actor_name: str | None = strawberry.field(description="Who did it.")
    note: str = strawberry.field(description="Details.")
    at: dt.datetime = strawberry.field(description="When.")
