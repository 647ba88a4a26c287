"""Follow-up action types: the action, its history and the IKM before and after it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import strawberry

from portal.graphql.context import Info
from portal.graphql.people.types import Employee, OrgUnit
from portal.graphql.relay import Node, to_global_id
from portal.graphql.survey.types import SurveyIkm, SurveyResponse, SurveyService
from portal.graphql.util import local, today
from portal.survey import followup, ikm, models
from portal.survey.elements import BY_CODE
from portal.survey.results import Window

FollowUpStatus = strawberry.enum(
    models.FollowUpStatus, description="State of a follow-up action (tindak lanjut)."
)


@strawberry.type(description="A step in a follow-up action's history.")
class FollowUpEvent:
    actor_pk: strawberry.Private[int | None]
    from_status: FollowUpStatus | None = strawberry.field(description="Status before (null: new).")
    to_status: FollowUpStatus = strawberry.field(description="Status after.")
    note: str = strawberry.field(description="Note given with the change.")
    changed: list[str] = strawberry.field(description="Fields that changed (status, evidence...).")
    at: dt.datetime = strawberry.field(description="When.")

    @classmethod
    def from_model(cls, row: models.FollowUpEvent) -> FollowUpEvent:
        return cls(
            actor_pk=row.actor_id,
            from_status=row.from_status,
            to_status=row.to_status,
            note=row.note,
            changed=sorted(row.changes or {}),
            at=local(row.at),  # type: ignore[arg-type]
        )

    @strawberry.field(description="Who made the change.")
    async def actor(self, info: Info) -> Employee | None:
        if self.actor_pk is None:
            return None
        row = await info.context.loaders.employee_by_id.load(self.actor_pk)
        return Employee.from_model(row) if row else None


@strawberry.type(description="IKM of the action's unit or service over a window of days.")
class IkmWindow:
    start: dt.datetime = strawberry.field(name="from", description="Start of the window.")
    end: dt.datetime = strawberry.field(name="to", description="End of the window (exclusive).")
    complete: bool = strawberry.field(description="The window has ended (not still filling).")
    result: SurveyIkm | None = strawberry.field(description="IKM in the window (null: none).")
    element_nrr: Decimal | None = strawberry.field(
        description="NRR of the element the action targets, if it names one and has answers."
    )


async def _window(info: Info, window: Window | None, element: str | None) -> IkmWindow | None:
    if window is None:
        return None
    counts = await info.context.loaders.survey.counts_by_window.load(window)
    result = counts.result
    nrr = None
    if result is not None and element in BY_CODE:
        score = next(e for e in result.elements if e.code == element)
        nrr = ikm.rounded(score.nrr, 3)
    return IkmWindow(
        start=local(window.start),  # type: ignore[arg-type]
        end=local(window.end),  # type: ignore[arg-type]
        complete=window.end <= dt.datetime.now(dt.UTC),
        result=SurveyIkm.of(result) if result else None,
        element_nrr=nrr,
    )


@strawberry.type(description="A follow-up action (tindak lanjut) on survey feedback.")
class FollowUpAction(Node):
    row: strawberry.Private[models.FollowUpAction]
    title: str = strawberry.field(description="What will be done.")
    description: str = strawberry.field(description="Details, e.g. the feedback it answers.")
    status: FollowUpStatus = strawberry.field(description="Current status.")
    element: str | None = strawberry.field(description="The element (U1-U9) it aims to improve.")
    due_on: dt.date = strawberry.field(description="Due date.")
    evidence: str = strawberry.field(description="Evidence of what was done (text or link).")
    overdue: bool = strawberry.field(description="Still open or in progress after its due date.")
    created_at: dt.datetime = strawberry.field(description="When it was recorded.")
    updated_at: dt.datetime = strawberry.field(description="Last change.")
    completed_at: dt.datetime | None = strawberry.field(description="When it was marked done.")

    @classmethod
    def from_model(cls, row: models.FollowUpAction) -> FollowUpAction:
        return cls(
            id=to_global_id("FollowUpAction", row.id),
            row=row,
            title=row.title,
            description=row.description,
            status=row.status,
            element=row.element,
            due_on=row.due_on,
            evidence=row.evidence,
            overdue=followup.is_overdue(row, today()),
            created_at=local(row.created_at),  # type: ignore[arg-type]
            updated_at=local(row.updated_at),  # type: ignore[arg-type]
            completed_at=local(row.completed_at),
        )

    @strawberry.field(description="The unit responsible.")
    async def unit(self, info: Info) -> OrgUnit:
        row = await info.context.loaders.unit_by_id.load(self.row.unit_id)
        assert row is not None
        return OrgUnit.from_model(row)

    @strawberry.field(description="The service it concerns, if one.")
    async def service(self, info: Info) -> SurveyService | None:
        if self.row.service_id is None:
            return None
        row = await info.context.loaders.survey.service_by_id.load(self.row.service_id)
        return SurveyService.from_model(row, info.context.settings.base_url)

    @strawberry.field(description="The employee who owns it.")
    async def owner(self, info: Info) -> Employee:
        row = await info.context.loaders.employee_by_id.load(self.row.owner_id)
        assert row is not None
        return Employee.from_model(row)

    @strawberry.field(description="Who recorded it.")
    async def created_by(self, info: Info) -> Employee | None:
        if self.row.created_by_id is None:
            return None
        row = await info.context.loaders.employee_by_id.load(self.row.created_by_id)
        return Employee.from_model(row) if row else None

    @strawberry.field(description="Every change, oldest first.")
    async def history(self, info: Info) -> list[FollowUpEvent]:
        rows = await info.context.loaders.survey.events_by_action_id.load(self.row.id)
        return [FollowUpEvent.from_model(r) for r in rows]

    @strawberry.field(description="The responses whose feedback led to it.")
    async def source_responses(self, info: Info) -> list[SurveyResponse]:
        rows = await info.context.loaders.survey.sources_by_action_id.load(self.row.id)
        return [SurveyResponse.from_model(r) for r in rows]

    @strawberry.field(description="IKM of its unit or service in the 90 days before it.")
    async def ikm_before(self, info: Info) -> IkmWindow:
        before, _ = followup.impact_windows(self.row)
        window = await _window(info, before, self.row.element)
        assert window is not None
        return window

    @strawberry.field(
        description="IKM in the 90 days after it was done (null until it is DONE): the next "
        "period's result beside the action that aimed to improve it."
    )
    async def ikm_after(self, info: Info) -> IkmWindow | None:
        _, after = followup.impact_windows(self.row)
        return await _window(info, after, self.row.element)
