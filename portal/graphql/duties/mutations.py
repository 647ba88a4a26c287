"""SKP and duty mutations: thin wrappers over portal.duties.service."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from portal.duties import action_plans, service
from portal.duties.errors import SkpErrorCode as DomainCode
from portal.duties.models import Skp as SkpModel
from portal.duties.models import SkpResult as SkpResultModel
from portal.duties.predikat import parse_matrix
from portal.graphql.context import Info
from portal.graphql.duties.types import Skp, SkpIndicator, SkpResult
from portal.graphql.enums import IndicatorAspect, Rating, ResultKind
from portal.graphql.payloads import error_of, optional_pk, payload, pk
from portal.graphql.permissions import IsAuthenticated, IsHR, require_principal
from portal.people.service import get_employee_by_nip

SkpErrorCode = strawberry.enum(DomainCode, description="Why an SKP action failed.")


@strawberry.interface(description="An SKP rule was broken; nothing was changed.")
class SkpProblem:
    code: SkpErrorCode = strawberry.field(description="Machine-readable reason.")
    field: str | None = strawberry.field(description="Input field at fault, if one.")
    message: str = strawberry.field(description="Readable reason (Indonesian).")

    # A result is added by the employee's NIP: people's codes read as INVALID_INPUT.
    of = error_of(SkpErrorCode, fallback=SkpErrorCode.INVALID_INPUT)


def skp_error(name: str) -> Any:
    """The error type of one SKP mutation: an :class:`SkpProblem` with its own name."""
    return strawberry.type(type(name, (SkpProblem,), {}), description=f"{name[:-5]} failed.")


@strawberry.type(description="A work result was added or assigned.")
class AddSkpResultSuccess:
    result: SkpResult = strawberry.field(description="The new result.")
    skp: Skp = strawberry.field(description="The SKP it belongs to.")


@strawberry.type(description="An indicator was added.")
class AddSkpIndicatorSuccess:
    indicator: SkpIndicator = strawberry.field(description="The new indicator.")


@strawberry.type(description="The SKP changed.")
class SkpChangeSuccess:
    skp: Skp = strawberry.field(description="The SKP after the change.")


AddSkpResultError = skp_error("AddSkpResultError")
AddSkpIndicatorError = skp_error("AddSkpIndicatorError")
AddSkpActionPlanError = skp_error("AddSkpActionPlanError")
AgreeSkpError = skp_error("AgreeSkpError")
ReportSkpRealisationError = skp_error("ReportSkpRealisationError")
ReviewSkpError = skp_error("ReviewSkpError")
SetPositionDutiesError = skp_error("SetPositionDutiesError")


def skp_union(name: str, *types: type) -> Any:
    """What one SKP mutation returns: its success payload or its error type."""
    return Annotated[
        types[0] | types[1], strawberry.union(name, description=f"Outcome of {name[:-6]}.")
    ]  # type: ignore[return-value]


AddSkpResultResult = skp_union("AddSkpResultResult", AddSkpResultSuccess, AddSkpResultError)
AddSkpIndicatorResult = skp_union(
    "AddSkpIndicatorResult", AddSkpIndicatorSuccess, AddSkpIndicatorError
)
AddSkpActionPlanResult = skp_union(
    "AddSkpActionPlanResult", SkpChangeSuccess, AddSkpActionPlanError
)
AgreeSkpResult = skp_union("AgreeSkpResult", SkpChangeSuccess, AgreeSkpError)
ReportSkpRealisationResult = skp_union(
    "ReportSkpRealisationResult", SkpChangeSuccess, ReportSkpRealisationError
)
ReviewSkpResult = skp_union("ReviewSkpResult", SkpChangeSuccess, ReviewSkpError)


@strawberry.type(description="A position's duties were replaced.")
class SetPositionDutiesSuccess:
    duties: list[str] = strawberry.field(description="The duties now in force.")


SetPositionDutiesResult = skp_union(
    "SetPositionDutiesResult", SetPositionDutiesSuccess, SetPositionDutiesError
)


@strawberry.input(
    description="A work result (RHK) for an SKP; yours, or assigned to a direct subordinate."
)
class AddSkpResultInput:
    nip: str = strawberry.field(description="Whose SKP: your own NIP or a direct subordinate's.")
    year: int = strawberry.field(description="Year of the SKP.")
    kind: ResultKind = strawberry.field(description="Main (utama) or additional (tambahan).")
    description: str = strawberry.field(description="The result to achieve.")
    parent_result_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="The supervisor's result it is cascaded from (required for main results).",
    )


@strawberry.input(description="An indicator with its target.")
class AddSkpIndicatorInput:
    result_id: strawberry.ID = strawberry.field(description="The result.")
    aspect: IndicatorAspect = strawberry.field(
        description="Quantity, quality, time or qualitative."
    )
    description: str = strawberry.field(description="What is measured.")
    target_value: str | None = strawberry.field(
        default=None, description="Numeric target (decimal string)."
    )
    target_text: str = strawberry.field(default="", description="Target in words (qualitative).")
    unit_label: str = strawberry.field(default="", description="Unit, e.g. dokumen, %, bulan.")


@strawberry.input(description="A planned action for a result in a quarter.")
class AddSkpActionPlanInput:
    result_id: strawberry.ID = strawberry.field(description="The result.")
    period: int = strawberry.field(description="Quarter 1-4.")
    description: str = strawberry.field(description="What will be done.")


@strawberry.input(description="Agree a subordinate's SKP.")
class AgreeSkpInput:
    skp_id: strawberry.ID = strawberry.field(description="The SKP.")
    note: str = strawberry.field(default="", description="Note to the employee.")


@strawberry.input(description="What was achieved against an indicator in a quarter, with evidence.")
class ReportSkpRealisationInput:
    indicator_id: strawberry.ID = strawberry.field(description="The indicator.")
    period: int = strawberry.field(description="Quarter 1-4.")
    value: str | None = strawberry.field(
        default=None, description="Achieved value (decimal string)."
    )
    note: str = strawberry.field(default="", description="What was done.")
    evidence_url: str = strawberry.field(
        default="", description="Link to the evidence (http/https)."
    )


@strawberry.input(description="Rate a subordinate's SKP for a quarter or the year, with feedback.")
class ReviewSkpInput:
    skp_id: strawberry.ID = strawberry.field(description="The SKP.")
    period: int = strawberry.field(description="Quarter 1-4, or 0 for the yearly evaluation.")
    result_rating: Rating = strawberry.field(description="Rating of work results.")
    behaviour_rating: Rating = strawberry.field(description="Rating of behaviour.")
    feedback: str = strawberry.field(default="", description="Feedback to the employee.")


@strawberry.input(description="Replace a position's duties (HR).")
class SetPositionDutiesInput:
    position_id: strawberry.ID = strawberry.field(description="The position.")
    duties: list[str] = strawberry.field(description="Duties in order.")


async def skp_change_success(info: Info, skp_id: int) -> SkpChangeSuccess:
    """The SKP as it is now (its per-request cache dropped: the change made it stale)."""
    info.context.loaders.skp_by_employee_year.clear_all()
    return SkpChangeSuccess(skp=Skp.from_model(await SkpModel.get(id=skp_id)))


@strawberry.type
class SkpMutations:
    @strawberry.mutation(
        description="Add a result to your SKP, or assign one to a direct subordinate.",
        permission_classes=[IsAuthenticated],
    )
    async def add_skp_result(self, info: Info, input: AddSkpResultInput) -> AddSkpResultResult:
        principal = require_principal(info)

        async def work() -> SkpResultModel:
            employee = await get_employee_by_nip(nip=input.nip)
            return await service.add_result(
                principal=principal,
                employee_id=employee.id if employee else 0,
                year=input.year,
                kind=input.kind,
                description=input.description,
                # An empty id is taken as none, as clients have always been able to send.
                parent_result_id=optional_pk(input.parent_result_id or None, "SkpResult"),
            )

        async def success(row: SkpResultModel) -> AddSkpResultSuccess:
            changed = await skp_change_success(info, row.skp_id)
            return AddSkpResultSuccess(result=SkpResult.from_model(row), skp=changed.skp)

        return await payload(work(), AddSkpResultError, success)

    @strawberry.mutation(
        description="Add an indicator to a result.", permission_classes=[IsAuthenticated]
    )
    async def add_skp_indicator(
        self, info: Info, input: AddSkpIndicatorInput
    ) -> AddSkpIndicatorResult:
        work = service.add_indicator(
            principal=require_principal(info),
            result_id=pk(input.result_id, "SkpResult"),
            aspect=input.aspect,
            description=input.description,
            target_value=input.target_value,
            target_text=input.target_text,
            unit_label=input.unit_label,
        )
        return await payload(
            work,
            AddSkpIndicatorError,
            lambda row: AddSkpIndicatorSuccess(indicator=SkpIndicator.from_model(row)),
        )

    @strawberry.mutation(
        description="Plan an action for a result in a quarter.",
        permission_classes=[IsAuthenticated],
    )
    async def add_skp_action_plan(
        self, info: Info, input: AddSkpActionPlanInput
    ) -> AddSkpActionPlanResult:
        work = action_plans.add_action_plan(
            principal=require_principal(info),
            result_id=pk(input.result_id, "SkpResult"),
            period=input.period,
            description=input.description,
        )

        async def success(row: Any) -> SkpChangeSuccess:
            result = await row.result
            return await skp_change_success(info, result.skp_id)

        return await payload(work, AddSkpActionPlanError, success)

    @strawberry.mutation(
        description="Agree a direct subordinate's SKP.", permission_classes=[IsAuthenticated]
    )
    async def agree_skp(self, info: Info, input: AgreeSkpInput) -> AgreeSkpResult:
        work = service.agree_skp(
            principal=require_principal(info), skp_id=pk(input.skp_id, "Skp"), note=input.note
        )
        return await payload(work, AgreeSkpError, lambda row: skp_change_success(info, row.id))

    @strawberry.mutation(
        description="Report what you achieved in a quarter.", permission_classes=[IsAuthenticated]
    )
    async def report_skp_realisation(
        self, info: Info, input: ReportSkpRealisationInput
    ) -> ReportSkpRealisationResult:
        work = service.report_realisation(
            principal=require_principal(info),
            indicator_id=pk(input.indicator_id, "SkpIndicator"),
            period=input.period,
            value=input.value,
            note=input.note,
            evidence_url=input.evidence_url,
        )

        async def success(row: Any) -> SkpChangeSuccess:
            indicator = await row.indicator.prefetch_related("result")
            return await skp_change_success(info, indicator.result.skp_id)

        return await payload(work, ReportSkpRealisationError, success)

    @strawberry.mutation(
        description="Rate a direct subordinate's SKP and give feedback.",
        permission_classes=[IsAuthenticated],
    )
    async def review_skp(self, info: Info, input: ReviewSkpInput) -> ReviewSkpResult:
        matrix = parse_matrix(
            info.context.settings.skp_predikat_matrix
        )  # checked at start-up; cached
        work = service.review_skp(
            principal=require_principal(info),
            skp_id=pk(input.skp_id, "Skp"),
            period=input.period,
            result_rating=input.result_rating,
            behaviour_rating=input.behaviour_rating,
            feedback=input.feedback,
            matrix=matrix,
        )
        return await payload(work, ReviewSkpError, lambda row: skp_change_success(info, row.skp_id))

    @strawberry.mutation(description="Replace a position's duties (HR).", permission_classes=[IsHR])
    async def set_position_duties(
        self, info: Info, input: SetPositionDutiesInput
    ) -> SetPositionDutiesResult:
        work = service.set_position_duties(
            principal=require_principal(info),
            position_id=pk(input.position_id, "Position"),
            duties=input.duties,
        )
        return await payload(
            work,
            SetPositionDutiesError,
            lambda _: SetPositionDutiesSuccess(duties=[d.strip() for d in input.duties]),
        )
