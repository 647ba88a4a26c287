"""Mutations that change a written SKP: thin wrappers over portal.duties.revisions and
portal.duties.action_plans.

Edit and remove results and indicators of a draft, and action plans until the SKP is evaluated;
reopen an agreed plan (the supervisor) so that it can be changed. The rules, and why they are
what they are, live in the service modules.
"""

from __future__ import annotations

from typing import Any

import strawberry

from portal.duties import action_plans, revisions
from portal.graphql.context import Info
from portal.graphql.duties.mutations import (
    SkpChangeSuccess,
    skp_change_success,
    skp_error,
    skp_union,
)
from portal.graphql.enums import IndicatorAspect, ResultKind
from portal.graphql.payloads import keep, keep_nullable, keep_nullable_pk, payload, pk
from portal.graphql.permissions import IsAuthenticated, require_principal

EditSkpResultError = skp_error("EditSkpResultError")
RemoveSkpResultError = skp_error("RemoveSkpResultError")
EditSkpIndicatorError = skp_error("EditSkpIndicatorError")
RemoveSkpIndicatorError = skp_error("RemoveSkpIndicatorError")
EditSkpActionPlanError = skp_error("EditSkpActionPlanError")
RemoveSkpActionPlanError = skp_error("RemoveSkpActionPlanError")
ReopenSkpError = skp_error("ReopenSkpError")

EditSkpResultResult = skp_union("EditSkpResultResult", SkpChangeSuccess, EditSkpResultError)
RemoveSkpResultResult = skp_union("RemoveSkpResultResult", SkpChangeSuccess, RemoveSkpResultError)
EditSkpIndicatorResult = skp_union(
    "EditSkpIndicatorResult", SkpChangeSuccess, EditSkpIndicatorError
)
RemoveSkpIndicatorResult = skp_union(
    "RemoveSkpIndicatorResult", SkpChangeSuccess, RemoveSkpIndicatorError
)
EditSkpActionPlanResult = skp_union(
    "EditSkpActionPlanResult", SkpChangeSuccess, EditSkpActionPlanError
)
RemoveSkpActionPlanResult = skp_union(
    "RemoveSkpActionPlanResult", SkpChangeSuccess, RemoveSkpActionPlanError
)
ReopenSkpResult = skp_union("ReopenSkpResult", SkpChangeSuccess, ReopenSkpError)


@strawberry.input(description="Changes to a work result (RHK) of a draft SKP; left out: unchanged.")
class EditSkpResultInput:
    result_id: strawberry.ID = strawberry.field(description="The result.")
    description: str | None = strawberry.field(
        default=strawberry.UNSET, description="The result to achieve."
    )
    kind: ResultKind | None = strawberry.field(
        default=strawberry.UNSET, description="Main (utama) or additional (tambahan)."
    )
    parent_result_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET,
        description="The supervisor's result (that year) it is cascaded from; null: none "
        "(refused for a main result while the supervisor has results).",
    )


@strawberry.input(description="A work result to remove from a draft SKP, with its indicators.")
class RemoveSkpResultInput:
    result_id: strawberry.ID = strawberry.field(description="The result.")


@strawberry.input(description="Changes to an indicator of a draft SKP; left out: unchanged.")
class EditSkpIndicatorInput:
    indicator_id: strawberry.ID = strawberry.field(description="The indicator.")
    aspect: IndicatorAspect | None = strawberry.field(
        default=strawberry.UNSET, description="Quantity, quality, time or qualitative."
    )
    description: str | None = strawberry.field(
        default=strawberry.UNSET, description="What is measured."
    )
    target_value: str | None = strawberry.field(
        default=strawberry.UNSET,
        description="Numeric target (decimal string); null clears it (qualitative only).",
    )
    target_text: str | None = strawberry.field(
        default=strawberry.UNSET, description="Target in words (required when qualitative)."
    )
    unit_label: str | None = strawberry.field(
        default=strawberry.UNSET, description="Unit, e.g. dokumen, %, bulan."
    )


@strawberry.input(description="An indicator to remove from a draft SKP.")
class RemoveSkpIndicatorInput:
    indicator_id: strawberry.ID = strawberry.field(description="The indicator.")


@strawberry.input(
    description="Changes to an action plan of an SKP not yet evaluated; left out: unchanged."
)
class EditSkpActionPlanInput:
    action_plan_id: strawberry.ID = strawberry.field(description="The action plan.")
    period: int | None = strawberry.field(default=strawberry.UNSET, description="Quarter 1-4.")
    description: str | None = strawberry.field(
        default=strawberry.UNSET, description="What will be done."
    )


@strawberry.input(description="An action plan to remove from an SKP not yet evaluated.")
class RemoveSkpActionPlanInput:
    action_plan_id: strawberry.ID = strawberry.field(description="The action plan.")


@strawberry.input(description="Return a subordinate's agreed SKP to draft so that it can change.")
class ReopenSkpInput:
    skp_id: strawberry.ID = strawberry.field(description="The SKP.")
    note: str = strawberry.field(description="Why it is reopened (told to the employee).")


@strawberry.type
class SkpRevisionMutations:
    @strawberry.mutation(
        description="Change a work result of a draft SKP: yours, or a direct subordinate's.",
        permission_classes=[IsAuthenticated],
    )
    async def edit_skp_result(self, info: Info, input: EditSkpResultInput) -> EditSkpResultResult:
        work = revisions.edit_result(
            principal=require_principal(info),
            result_id=pk(input.result_id, "SkpResult"),
            description=keep(input.description),
            kind=keep(input.kind),
            parent_result_id=keep_nullable_pk(input.parent_result_id, "SkpResult"),
        )
        return await payload(
            work, EditSkpResultError, lambda row: skp_change_success(info, row.skp_id)
        )

    @strawberry.mutation(
        description="Remove a work result, with its indicators and action plans, from a draft "
        "SKP. Refused while other SKPs are cascaded from it or realisation was reported on it.",
        permission_classes=[IsAuthenticated],
    )
    async def remove_skp_result(
        self, info: Info, input: RemoveSkpResultInput
    ) -> RemoveSkpResultResult:
        work = revisions.remove_result(
            principal=require_principal(info), result_id=pk(input.result_id, "SkpResult")
        )
        return await payload(
            work, RemoveSkpResultError, lambda skp: skp_change_success(info, skp.id)
        )

    @strawberry.mutation(
        description="Change an indicator or its target in a draft SKP.",
        permission_classes=[IsAuthenticated],
    )
    async def edit_skp_indicator(
        self, info: Info, input: EditSkpIndicatorInput
    ) -> EditSkpIndicatorResult:
        work = revisions.edit_indicator(
            principal=require_principal(info),
            indicator_id=pk(input.indicator_id, "SkpIndicator"),
            aspect=keep(input.aspect),
            description=keep(input.description),
            target_value=keep_nullable(input.target_value),
            target_text=keep(input.target_text),
            unit_label=keep(input.unit_label),
        )

        async def success(row: Any) -> SkpChangeSuccess:
            result = await row.result
            return await skp_change_success(info, result.skp_id)

        return await payload(work, EditSkpIndicatorError, success)

    @strawberry.mutation(
        description="Remove an indicator from a draft SKP (refused once realisation was reported).",
        permission_classes=[IsAuthenticated],
    )
    async def remove_skp_indicator(
        self, info: Info, input: RemoveSkpIndicatorInput
    ) -> RemoveSkpIndicatorResult:
        work = revisions.remove_indicator(
            principal=require_principal(info),
            indicator_id=pk(input.indicator_id, "SkpIndicator"),
        )
        return await payload(
            work, RemoveSkpIndicatorError, lambda skp: skp_change_success(info, skp.id)
        )

    @strawberry.mutation(
        description="Change an action plan's quarter or text: yours, or a direct subordinate's, "
        "in a draft or agreed SKP (not once evaluated).",
        permission_classes=[IsAuthenticated],
    )
    async def edit_skp_action_plan(
        self, info: Info, input: EditSkpActionPlanInput
    ) -> EditSkpActionPlanResult:
        work = action_plans.edit_action_plan(
            principal=require_principal(info),
            action_plan_id=pk(input.action_plan_id, "SkpActionPlan"),
            period=keep(input.period),
            description=keep(input.description),
        )

        async def success(row: Any) -> SkpChangeSuccess:
            result = await row.result
            return await skp_change_success(info, result.skp_id)

        return await payload(work, EditSkpActionPlanError, success)

    @strawberry.mutation(
        description="Remove an action plan from a draft or agreed SKP (not once evaluated).",
        permission_classes=[IsAuthenticated],
    )
    async def remove_skp_action_plan(
        self, info: Info, input: RemoveSkpActionPlanInput
    ) -> RemoveSkpActionPlanResult:
        work = action_plans.remove_action_plan(
            principal=require_principal(info),
            action_plan_id=pk(input.action_plan_id, "SkpActionPlan"),
        )
        return await payload(
            work, RemoveSkpActionPlanError, lambda skp: skp_change_success(info, skp.id)
        )

    @strawberry.mutation(
        description="Return a direct subordinate's agreed SKP to draft so that it can be changed "
        "and agreed again.",
        permission_classes=[IsAuthenticated],
    )
    async def reopen_skp(self, info: Info, input: ReopenSkpInput) -> ReopenSkpResult:
        work = revisions.reopen_skp(
            principal=require_principal(info), skp_id=pk(input.skp_id, "Skp"), note=input.note
        )
        return await payload(work, ReopenSkpError, lambda skp: skp_change_success(info, skp.id))
