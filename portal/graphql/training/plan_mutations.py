"""Training-plan mutations: the employee proposes and submits, the supervisor agrees, changes or
returns, HR proposes in bulk from the gap analysis. Object-level rules live in the service
(``portal.training.access``); a refusal is a top-level FORBIDDEN."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any

import strawberry

from portal.graphql.context import Info
from portal.graphql.enums import TrainingMethod
from portal.graphql.payloads import error_of, optional_pk, payload, pk
from portal.graphql.permissions import IsAuthenticated, IsHR, require_principal
from portal.graphql.training.types import TrainingPlan, TrainingPlanItem
from portal.graphql.util import today
from portal.training import plan_bulk, plans
from portal.training.errors import PlanErrorCode as DomainCode
from portal.training.models import TrainingPlan as PlanModel

PlanErrorCode = strawberry.enum(DomainCode, description="Why a training-plan change failed.")


@strawberry.interface(description="A training-plan rule was broken; nothing was changed.")
class PlanProblem:
    code: PlanErrorCode = strawberry.field(description="Machine-readable reason.")
    field: str | None = strawberry.field(description="Input field at fault, if one.")
    message: str = strawberry.field(description="Readable reason (Indonesian).")

    of = error_of(PlanErrorCode)


def _error_type(name: str, description: str) -> Any:
    return strawberry.type(type(name, (PlanProblem,), {}), description=description)


def _item_success(name: str, description: str) -> type:
    cls = type(name, (), {"__annotations__": {"item": TrainingPlanItem, "plan": TrainingPlan}})
    cls.item = strawberry.field(description="The item after the change.")  # type: ignore[attr-defined]
    cls.plan = strawberry.field(description="The whole plan after the change.")  # type: ignore[attr-defined]
    return strawberry.type(cls, description=description)


def _plan_success(name: str, description: str) -> type:
    cls = type(name, (), {"__annotations__": {"plan": TrainingPlan}})
    cls.plan = strawberry.field(description="The plan after the change.")  # type: ignore[attr-defined]
    return strawberry.type(cls, description=description)


ProposePlanItemSuccess = _item_success("ProposePlanItemSuccess", "The item was added.")
ProposePlanItemError = _error_type("ProposePlanItemError", "Why the item could not be added.")
UpdatePlanItemSuccess = _item_success("UpdatePlanItemSuccess", "The item was changed.")
UpdatePlanItemError = _error_type("UpdatePlanItemError", "Why the item could not be changed.")
DropPlanItemSuccess = _item_success("DropPlanItemSuccess", "The item was dropped.")
DropPlanItemError = _error_type("DropPlanItemError", "Why the item could not be dropped.")
SubmitPlanSuccess = _plan_success("SubmitPlanSuccess", "The plan went to the supervisor.")
SubmitPlanError = _error_type("SubmitPlanError", "Why the plan could not be submitted.")
AgreePlanSuccess = _plan_success("AgreePlanSuccess", "The plan was agreed.")
AgreePlanError = _error_type("AgreePlanError", "Why the plan could not be agreed.")
ReturnPlanSuccess = _plan_success("ReturnPlanSuccess", "The plan went back to the employee.")
ReturnPlanError = _error_type("ReturnPlanError", "Why the plan could not be returned.")
ProposePlanItemsFromGapsError = _error_type(
    "ProposePlanItemsFromGapsError", "Why the bulk proposal could not run."
)


@strawberry.type(description="What a bulk proposal from the gap analysis did.")
class ProposePlanItemsFromGapsSuccess:
    proposed_count: int = strawberry.field(description="Plan items added (PROPOSED).")
    plan_count: int = strawberry.field(description="Plans that received items.")
    gaps_without_course: int = strawberry.field(
        description="Gaps in scope that no active course open to the employee closes."
    )


ProposePlanItemResult = Annotated[
    ProposePlanItemSuccess | ProposePlanItemError,
    strawberry.union(
        "ProposePlanItemResult",
        description="Outcome of propose plan item: the changed object or a typed error.",
    ),
]  # type: ignore[valid-type]
UpdatePlanItemResult = Annotated[
    UpdatePlanItemSuccess | UpdatePlanItemError,
    strawberry.union(
        "UpdatePlanItemResult",
        description="Outcome of update plan item: the changed object or a typed error.",
    ),
]  # type: ignore[valid-type]
DropPlanItemResult = Annotated[
    DropPlanItemSuccess | DropPlanItemError,
    strawberry.union(
        "DropPlanItemResult",
        description="Outcome of drop plan item: the changed object or a typed error.",
    ),
]  # type: ignore[valid-type]
SubmitPlanResult = Annotated[
    SubmitPlanSuccess | SubmitPlanError,
    strawberry.union(
        "SubmitPlanResult",
        description="Outcome of submit plan: the changed object or a typed error.",
    ),
]  # type: ignore[valid-type]
AgreePlanResult = Annotated[
    AgreePlanSuccess | AgreePlanError,
    strawberry.union(
        "AgreePlanResult", description="Outcome of agree plan: the changed object or a typed error."
    ),
]  # type: ignore[valid-type]
ReturnPlanResult = Annotated[
    ReturnPlanSuccess | ReturnPlanError,
    strawberry.union(
        "ReturnPlanResult",
        description="Outcome of return plan: the changed object or a typed error.",
    ),
]  # type: ignore[valid-type]
ProposePlanItemsFromGapsResult = Annotated[
    ProposePlanItemsFromGapsSuccess | ProposePlanItemsFromGapsError,
    strawberry.union(
        "ProposePlanItemsFromGapsResult",
        description="Outcome of a bulk proposal: what it did, or a typed error.",
    ),
]  # type: ignore[valid-type]


@strawberry.input(description="A new item of your own plan: a catalog course or another activity.")
class ProposePlanItemInput:
    planned_jp: int = strawberry.field(description="Lesson hours planned, more than 0.")
    year: int | None = strawberry.field(default=None, description="This year (default) or next.")
    competency_id: strawberry.ID | None = strawberry.field(
        default=None, description="The competency gap it closes, if any."
    )
    course_id: strawberry.ID | None = strawberry.field(
        default=None, description="A catalog course (brings its method and, by default, title)."
    )
    title: str = strawberry.field(default="", description="Activity name (needed without course).")
    method: TrainingMethod | None = strawberry.field(
        default=None, description="Form of the activity (needed without a course)."
    )


@strawberry.input(description="Changes to a plan item; left-out fields keep their value.")
class UpdatePlanItemInput:
    item_id: strawberry.ID = strawberry.field(description="The item.")
    title: str | None = strawberry.field(default=None, description="New title.")
    planned_jp: int | None = strawberry.field(default=None, description="New planned JP.")
    method: TrainingMethod | None = strawberry.field(
        default=None, description="New method (owner only, activities without a course)."
    )
    competency_id: strawberry.ID | None = strawberry.field(
        default=None, description="New competency (owner only)."
    )
    course_id: strawberry.ID | None = strawberry.field(
        default=None, description="New course (owner only)."
    )


@strawberry.input(description="The item to drop, with an optional note.")
class DropPlanItemInput:
    item_id: strawberry.ID = strawberry.field(description="The item.")
    note: str = strawberry.field(default="", description="Why (told to the employee).")


@strawberry.input(description="Your plan to submit to your supervisor.")
class SubmitPlanInput:
    year: int | None = strawberry.field(default=None, description="Year of the plan (default now).")


@strawberry.input(description="A subordinate's submitted plan to agree.")
class AgreePlanInput:
    employee_id: strawberry.ID = strawberry.field(description="The employee (global id).")
    year: int | None = strawberry.field(default=None, description="Year of the plan (default now).")
    note: str = strawberry.field(default="", description="Note to the employee.")


@strawberry.input(description="A subordinate's submitted plan to send back for changes.")
class ReturnPlanInput:
    employee_id: strawberry.ID = strawberry.field(description="The employee (global id).")
    note: str = strawberry.field(description="What to change (required).")
    year: int | None = strawberry.field(default=None, description="Year of the plan (default now).")


@strawberry.input(description="Scope of a bulk proposal from the gap analysis.")
class ProposePlanItemsFromGapsInput:
    year: int = strawberry.field(description="Plan year: this year or next.")
    unit_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this unit and those below it (default everyone)."
    )
    competency_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only gaps in this competency (default every competency)."
    )


def _with_item(info: Info, success: type) -> Callable[[Any], Awaitable[Any]]:
    async def build(item: Any) -> Any:
        employee_id, year = await PlanModel.get(id=item.plan_id).values_list("employee_id", "year")
        view = await TrainingPlan.load(info, employee_id=employee_id, year=year)
        return success(item=TrainingPlanItem.from_model(item), plan=view)

    return build


def _with_plan(info: Info, success: type) -> Callable[[Any], Awaitable[Any]]:
    async def build(plan: Any) -> Any:
        view = await TrainingPlan.load(info, employee_id=plan.employee_id, year=plan.year)
        return success(plan=view)

    return build


def _proposed(result: plan_bulk.BulkProposal) -> ProposePlanItemsFromGapsSuccess:
    return ProposePlanItemsFromGapsSuccess(
        proposed_count=result.proposed,
        plan_count=result.plans,
        gaps_without_course=result.without_course,
    )


@strawberry.type
class PlanMutations:
    @strawberry.mutation(
        description="Add an item to your own plan (the plan is created as a draft if needed).",
        permission_classes=[IsAuthenticated],
    )
    async def propose_plan_item(
        self, info: Info, input: ProposePlanItemInput
    ) -> ProposePlanItemResult:
        work = plans.propose_plan_item(
            principal=require_principal(info),
            year=input.year or today().year,
            planned_jp=input.planned_jp,
            competency_id=optional_pk(input.competency_id, "Competency"),
            course_id=optional_pk(input.course_id, "Course"),
            title=input.title,
            method=input.method,
        )
        return await payload(work, ProposePlanItemError, _with_item(info, ProposePlanItemSuccess))

    @strawberry.mutation(
        description="Edit a plan item: yours while drafting, or a subordinate's title and JP "
        "while reviewing.",
        permission_classes=[IsAuthenticated],
    )
    async def update_plan_item(
        self, info: Info, input: UpdatePlanItemInput
    ) -> UpdatePlanItemResult:
        changes = plans.ItemChanges(
            title=input.title,
            method=input.method,
            planned_jp=input.planned_jp,
            competency_id=optional_pk(input.competency_id, "Competency"),
            course_id=optional_pk(input.course_id, "Course"),
        )
        work = plans.update_plan_item(
            principal=require_principal(info),
            item_id=pk(input.item_id, "TrainingPlanItem"),
            changes=changes,
        )
        return await payload(work, UpdatePlanItemError, _with_item(info, UpdatePlanItemSuccess))

    @strawberry.mutation(
        description="Drop a plan item: your proposal while drafting, or a subordinate's while "
        "reviewing.",
        permission_classes=[IsAuthenticated],
    )
    async def drop_plan_item(self, info: Info, input: DropPlanItemInput) -> DropPlanItemResult:
        work = plans.drop_plan_item(
            principal=require_principal(info),
            item_id=pk(input.item_id, "TrainingPlanItem"),
            note=input.note,
        )
        return await payload(work, DropPlanItemError, _with_item(info, DropPlanItemSuccess))

    @strawberry.mutation(
        description="Submit your draft plan to your supervisor.",
        permission_classes=[IsAuthenticated],
    )
    async def submit_plan(self, info: Info, input: SubmitPlanInput) -> SubmitPlanResult:
        work = plans.submit_plan(principal=require_principal(info), year=input.year or today().year)
        return await payload(work, SubmitPlanError, _with_plan(info, SubmitPlanSuccess))

    @strawberry.mutation(
        description="Agree a direct subordinate's submitted plan (supervisor or Plt/Plh).",
        permission_classes=[IsAuthenticated],
    )
    async def agree_plan(self, info: Info, input: AgreePlanInput) -> AgreePlanResult:
        work = plans.agree_plan(
            principal=require_principal(info),
            employee_id=pk(input.employee_id, "Employee"),
            year=input.year or today().year,
            note=input.note,
        )
        return await payload(work, AgreePlanError, _with_plan(info, AgreePlanSuccess))

    @strawberry.mutation(
        description="Send a direct subordinate's submitted plan back with a note.",
        permission_classes=[IsAuthenticated],
    )
    async def return_plan(self, info: Info, input: ReturnPlanInput) -> ReturnPlanResult:
        work = plans.return_plan(
            principal=require_principal(info),
            employee_id=pk(input.employee_id, "Employee"),
            year=input.year or today().year,
            note=input.note,
        )
        return await payload(work, ReturnPlanError, _with_plan(info, ReturnPlanSuccess))

    @strawberry.mutation(
        description="Propose a plan item for every competency gap in scope, with the best-fitting "
        "course; re-running adds nothing twice (HR).",
        permission_classes=[IsAuthenticated, IsHR],
    )
    async def propose_plan_items_from_gaps(
        self, info: Info, input: ProposePlanItemsFromGapsInput
    ) -> ProposePlanItemsFromGapsResult:
        work = plan_bulk.propose_plan_items_from_gaps(
            principal=require_principal(info),
            year=input.year,
            unit_id=optional_pk(input.unit_id, "OrgUnit"),
            competency_id=optional_pk(input.competency_id, "Competency"),
        )
        return await payload(work, ProposePlanItemsFromGapsError, _proposed)
