"""SKP and duty mutations: thin wrappers over portal.duties.service."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any

import strawberry

from portal.duties import service
from portal.duties.errors import SkpError
from portal.duties.errors import SkpErrorCode as DomainCode
from portal.duties.predikat import parse_matrix
from portal.graphql.context import Info
from portal.graphql.duties.types import Skp, SkpIndicator, SkpResult
from portal.graphql.enums import IndicatorAspect, Rating, ResultKind
from portal.graphql.permissions import IsAuthenticated, IsHR
from portal.graphql.relay import from_global_id
from portal.people.errors import PeopleError
from portal.people.service import get_employee_by_nip

SkpErrorCode = strawberry.enum(DomainCode, description="Why an SKP action failed.")


@strawberry.interface(description="An SKP rule was broken; nothing was changed.")
class SkpProblem:
    code: SkpErrorCode = strawberry.field(description="Machine-readable reason.")
    field: str | None = strawberry.field(description="Input field at fault, if one.")
    message: str = strawberry.field(description="Readable reason (Indonesian).")


def _error(name: str) -> type:
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


AddSkpResultError = _error("AddSkpResultError")
AddSkpIndicatorError = _error("AddSkpIndicatorError")
AddSkpActionPlanError = _error("AddSkpActionPlanError")
AgreeSkpError = _error("AgreeSkpError")
ReportSkpRealisationError = _error("ReportSkpRealisationError")
ReviewSkpError = _error("ReviewSkpError")
SetPositionDutiesError = _error("SetPositionDutiesError")


def _union(name: str, *types: type) -> Any:
    return Annotated[
        types[0] | types[1], strawberry.union(name, description=f"Outcome of {name[:-6]}.")
    ]  # type: ignore[return-value]


AddSkpResultResult = _union("AddSkpResultResult", AddSkpResultSuccess, AddSkpResultError)
AddSkpIndicatorResult = _union(
    "AddSkpIndicatorResult", AddSkpIndicatorSuccess, AddSkpIndicatorError
)
AddSkpActionPlanResult = _union("AddSkpActionPlanResult", SkpChangeSuccess, AddSkpActionPlanError)
AgreeSkpResult = _union("AgreeSkpResult", SkpChangeSuccess, AgreeSkpError)
ReportSkpRealisationResult = _union(
    "ReportSkpRealisationResult", SkpChangeSuccess, ReportSkpRealisationError
)
ReviewSkpResult = _union("ReviewSkpResult", SkpChangeSuccess, ReviewSkpError)


@strawberry.type(description="A position's duties were replaced.")
class SetPositionDutiesSuccess:
    duties: list[str] = strawberry.field(description="The duties now in force.")


SetPositionDutiesResult = _union(
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


async def _run(call: Callable[[], Awaitable[Any]], error: type) -> Any:
    try:
        return await call()
    except (SkpError, PeopleError) as exc:
        code = (
            DomainCode(str(exc.code))
            if str(exc.code) in DomainCode.__members__
            else DomainCode.INVALID_INPUT
        )
        return error(code=code, field=exc.field, message=exc.message)


async def _skp(info: Info, skp_id: int) -> Skp:
    info.context.loaders.skp_by_employee_year.clear_all()
    from portal.duties.models import Skp as SkpModel

    return Skp.from_model(await SkpModel.get(id=skp_id))


def _pk(gid: strawberry.ID, type_name: str) -> int:
    return from_global_id(gid, type_name)[1]


@strawberry.type
class SkpMutations:
    @strawberry.mutation(
        description="Add a result to your SKP, or assign one to a direct subordinate.",
        permission_classes=[IsAuthenticated],
    )
    async def add_skp_result(self, info: Info, input: AddSkpResultInput) -> AddSkpResultResult:
        principal = info.context.principal
        assert principal is not None

        async def call() -> Any:
            employee = await get_employee_by_nip(nip=input.nip)
            row = await service.add_result(
                principal=principal,
                employee_id=employee.id if employee else 0,
                year=input.year,
                kind=input.kind,
                description=input.description,
                parent_result_id=_pk(input.parent_result_id, "SkpResult")
                if input.parent_result_id
                else None,
            )
            return AddSkpResultSuccess(
                result=SkpResult.from_model(row), skp=await _skp(info, row.skp_id)
            )

        return await _run(call, AddSkpResultError)

    @strawberry.mutation(
        description="Add an indicator to a result.", permission_classes=[IsAuthenticated]
    )
    async def add_skp_indicator(
        self, info: Info, input: AddSkpIndicatorInput
    ) -> AddSkpIndicatorResult:
        principal = info.context.principal
        assert principal is not None

        async def call() -> Any:
            row = await service.add_indicator(
                principal=principal,
                result_id=_pk(input.result_id, "SkpResult"),
                aspect=input.aspect,
                description=input.description,
                target_value=input.target_value,
                target_text=input.target_text,
                unit_label=input.unit_label,
            )
            return AddSkpIndicatorSuccess(indicator=SkpIndicator.from_model(row))

        return await _run(call, AddSkpIndicatorError)

    @strawberry.mutation(
        description="Plan an action for a result in a quarter.",
        permission_classes=[IsAuthenticated],
    )
    async def add_skp_action_plan(
        self, info: Info, input: AddSkpActionPlanInput
    ) -> AddSkpActionPlanResult:
        principal = info.context.principal
        assert principal is not None

        async def call() -> Any:
            row = await service.add_action_plan(
                principal=principal,
                result_id=_pk(input.result_id, "SkpResult"),
                period=input.period,
                description=input.description,
            )
            result = await row.result
            return SkpChangeSuccess(skp=await _skp(info, result.skp_id))

        return await _run(call, AddSkpActionPlanError)

    @strawberry.mutation(
        description="Agree a direct subordinate's SKP.", permission_classes=[IsAuthenticated]
    )
    async def agree_skp(self, info: Info, input: AgreeSkpInput) -> AgreeSkpResult:
        principal = info.context.principal
        assert principal is not None

        async def call() -> Any:
            row = await service.agree_skp(
                principal=principal, skp_id=_pk(input.skp_id, "Skp"), note=input.note
            )
            return SkpChangeSuccess(skp=await _skp(info, row.id))

        return await _run(call, AgreeSkpError)

    @strawberry.mutation(
        description="Report what you achieved in a quarter.", permission_classes=[IsAuthenticated]
    )
    async def report_skp_realisation(
        self, info: Info, input: ReportSkpRealisationInput
    ) -> ReportSkpRealisationResult:
        principal = info.context.principal
        assert principal is not None

        async def call() -> Any:
            row = await service.report_realisation(
                principal=principal,
                indicator_id=_pk(input.indicator_id, "SkpIndicator"),
                period=input.period,
                value=input.value,
                note=input.note,
                evidence_url=input.evidence_url,
            )
            indicator = await row.indicator.prefetch_related("result")
            return SkpChangeSuccess(skp=await _skp(info, indicator.result.skp_id))

        return await _run(call, ReportSkpRealisationError)

    @strawberry.mutation(
        description="Rate a direct subordinate's SKP and give feedback.",
        permission_classes=[IsAuthenticated],
    )
    async def review_skp(self, info: Info, input: ReviewSkpInput) -> ReviewSkpResult:
        principal = info.context.principal
        assert principal is not None
        matrix = parse_matrix(info.context.settings.skp_predikat_matrix)

        async def call() -> Any:
            row = await service.review_skp(
                principal=principal,
                skp_id=_pk(input.skp_id, "Skp"),
                period=input.period,
                result_rating=input.result_rating,
                behaviour_rating=input.behaviour_rating,
                feedback=input.feedback,
                matrix=matrix,
            )
            return SkpChangeSuccess(skp=await _skp(info, row.skp_id))

        return await _run(call, ReviewSkpError)

    @strawberry.mutation(description="Replace a position's duties (HR).", permission_classes=[IsHR])
    async def set_position_duties(
        self, info: Info, input: SetPositionDutiesInput
    ) -> SetPositionDutiesResult:
        principal = info.context.principal
        assert principal is not None

        async def call() -> Any:
            await service.set_position_duties(
                principal=principal,
                position_id=_pk(input.position_id, "Position"),
                duties=input.duties,
            )
            return SetPositionDutiesSuccess(duties=[d.strip() for d in input.duties])

        return await _run(call, SetPositionDutiesError)
