"""Follow-up mutations: HR or the unit's head records actions; owners report progress."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry

from portal.graphql.context import Info
from portal.graphql.payloads import error_type, optional_pk, payload, pk
from portal.graphql.permissions import IsAuthenticated, require_principal
from portal.graphql.survey.followup_types import FollowUpAction, FollowUpStatus
from portal.graphql.survey.permissions import CanManageSurvey
from portal.graphql.util import today
from portal.people.models import Employee
from portal.survey import followup
from portal.survey.errors import FollowUpError
from portal.survey.errors import FollowUpErrorCode as DomainCode
from portal.survey.models import FollowUpAction as FollowUpActionModel

FollowUpErrorCode = strawberry.enum(DomainCode, description="Why a follow-up change was refused.")


@strawberry.input(description="A follow-up action on survey feedback, for a unit or a service.")
class CreateFollowUpActionInput:
    title: str = strawberry.field(description="What will be done (3-200 characters).")
    owner_nip: str = strawberry.field(description="NIP of the employee who owns it.")
    due_on: dt.date = strawberry.field(description="Due date (today or later).")
    unit_id: strawberry.ID | None = strawberry.field(
        default=None, description="The unit (leave out when giving a service)."
    )
    service_id: strawberry.ID | None = strawberry.field(
        default=None, description="The service it concerns (its unit is then the unit)."
    )
    description: str = strawberry.field(default="", description="Details.")
    element: str | None = strawberry.field(
        default=None, description="The element (U1-U9) it aims to improve."
    )
    response_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list, description="Responses whose feedback led to it (up to 50)."
    )


@strawberry.input(description="Move a follow-up action or record its evidence.")
class UpdateFollowUpActionInput:
    action_id: strawberry.ID = strawberry.field(description="The action.")
    status: FollowUpStatus | None = strawberry.field(default=None, description="New status.")
    evidence: str | None = strawberry.field(
        default=None, description="Evidence of what was done (required to mark it DONE)."
    )
    note: str = strawberry.field(default="", description="A note for the history.")
    title: str | None = strawberry.field(default=None, description="New title (managers).")
    owner_nip: str | None = strawberry.field(default=None, description="New owner (managers).")
    due_on: dt.date | None = strawberry.field(default=None, description="New due date (managers).")


@strawberry.type(description="The follow-up action as it is now.")
class FollowUpActionSuccess:
    action: FollowUpAction = strawberry.field(description="The action.")


CreateFollowUpActionError = error_type(
    "CreateFollowUpActionError", FollowUpErrorCode, "recording the action"
)
UpdateFollowUpActionError = error_type(
    "UpdateFollowUpActionError", FollowUpErrorCode, "changing the action"
)
CreateFollowUpActionResult = Annotated[
    FollowUpActionSuccess | CreateFollowUpActionError,
    strawberry.union("CreateFollowUpActionResult", description="The new action, or why not."),
]
UpdateFollowUpActionResult = Annotated[
    FollowUpActionSuccess | UpdateFollowUpActionError,
    strawberry.union("UpdateFollowUpActionResult", description="The changed action, or why not."),
]


async def _owner_pk(nip: str) -> int:
    value = "".join(nip.split())
    owner = await Employee.get_or_none(nip=value, active=True) if len(value) == 18 else None
    if owner is None:
        raise FollowUpError(
            DomainCode.OWNER_NOT_FOUND, "Pegawai dengan NIP ini tidak ditemukan.", "ownerNip"
        )
    return owner.id


def _action(row: FollowUpActionModel) -> FollowUpActionSuccess:
    return FollowUpActionSuccess(action=FollowUpAction.from_model(row))


@strawberry.type
class FollowUpMutations:
    @strawberry.mutation(
        description="Record a follow-up action on survey feedback (HR, or the unit's head); "
        "the owner is notified. Audited.",
        permission_classes=[IsAuthenticated, CanManageSurvey],
    )
    async def create_follow_up_action(
        self, info: Info, input: CreateFollowUpActionInput
    ) -> CreateFollowUpActionResult:
        principal = require_principal(info)

        async def work() -> FollowUpActionModel:
            return await followup.create_action(
                principal=principal,
                # An empty id is taken as none, as clients have always been able to send.
                unit_id=optional_pk(input.unit_id or None, "OrgUnit"),
                service_id=optional_pk(input.service_id or None, "SurveyService"),
                title=input.title,
                description=input.description,
                owner_id=await _owner_pk(input.owner_nip),
                due_on=input.due_on,
                element=input.element,
                response_ids=[pk(r, "SurveyResponse") for r in input.response_ids],
                today=today(),
            )

        return await payload(work(), CreateFollowUpActionError, _action)

    @strawberry.mutation(
        description="Change a follow-up action: status and evidence (HR, the unit's head or "
        "the owner), title, owner and due date (HR or the unit's head). Audited.",
        permission_classes=[IsAuthenticated],
    )
    async def update_follow_up_action(
        self, info: Info, input: UpdateFollowUpActionInput
    ) -> UpdateFollowUpActionResult:
        principal = require_principal(info)

        async def work() -> FollowUpActionModel:
            return await followup.update_action(
                principal=principal,
                action_id=pk(input.action_id, "FollowUpAction"),
                status=input.status,
                evidence=input.evidence,
                note=input.note,
                title=input.title,
                owner_id=await _owner_pk(input.owner_nip) if input.owner_nip else None,
                due_on=input.due_on,
            )

        return await payload(work(), UpdateFollowUpActionError, _action)
