"""Live updates over graphql-transport-ws.

Each subscription listens to the event bus, re-reads what an event names with fresh loaders, and
re-authorizes against a freshly loaded principal before yielding: nobody receives what they may not
read.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Callable, Collection
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry

from portal.auth.principal import Principal, load_principal
from portal.duties.team import team_rows
from portal.events import Event, get_bus
from portal.graphql.context import Info
from portal.graphql.duties.queries import TeamMember
from portal.graphql.duties.types import Duty, Skp
from portal.graphql.loaders import Loaders
from portal.graphql.notifications import Notification
from portal.graphql.permissions import IsAuthenticated, NotAuthenticated
from portal.graphql.relay import from_global_id
from portal.graphql.training.types import Enrollment, TrainingSession
from portal.graphql.util import today, year_or_current
from portal.notifications.models import Notification as NotificationModel
from portal.people.models import Employee as EmployeeModel
from portal.training.gaps import employees_a_session_fits

if TYPE_CHECKING:
    from portal.graphql.people.types import Employee

EmployeeRef = Annotated["Employee", strawberry.lazy("portal.graphql.people.types")]


@strawberry.enum(description="How a change affects an approver's inbox.")
class InboxChangeKind(Enum):
    ADDED = "ADDED"
    UPDATED = "UPDATED"
    REMOVED = "REMOVED"


@strawberry.type(description="A request entered, changed in, or left your approval inbox.")
class InboxChange:
    kind: InboxChangeKind = strawberry.field(description="Added, updated or removed.")
    enrollment: Enrollment = strawberry.field(description="The request as it is now.")


# Whether an event can concern the subscriber at all, judged from the event and the subscriber's
# employee id alone (which a subscription never changes): what every other rule needs is loaded
# only for the events that pass.
Relevant = Callable[[Event, int], bool]


def _about_me(event: Event, me: int) -> bool:
    return event.ids.get("employee") == me


def _awaits_someone(event: Event, me: int) -> bool:
    """An enrollment change that enters or leaves some approver's inbox (not one's own request)."""
    ids = event.ids
    if ids.get("employee") == me:
        return False
    return any(
        ids.get(k)
        for k in ("awaiting_position", "previous_awaiting_position", "awaiting_hr",
                  "previous_awaiting_hr")
    )  # fmt: skip


async def _events(
    info: Info, topics: Collection[str], relevant: Relevant | None = None
) -> AsyncGenerator[tuple[Event, Principal], None]:
    """Bus events for these topics with the subscriber's principal re-loaded for each one.

    ``relevant`` drops the events that cannot concern this subscriber before anything is read:
    with a thousand pages open, an enrollment change would otherwise cost each worker a thousand
    principal loads to deliver it to one or two of them.
    """
    bus = get_bus()
    first = info.context.principal
    if bus is None or first is None:
        raise NotAuthenticated()
    me = first.employee_id
    subscription = bus.subscribe(topics)
    try:
        async for event in subscription:
            if relevant is not None and not relevant(event, me):
                continue
            principal = await load_principal(employee_id=me, via=first.via)
            if principal is None:  # deactivated since connecting: stop talking to them
                return
            # Field guards below (e.g. Employee's) judge by the principal as of this event too.
            info.context.principal = principal
            info.context.loaders = Loaders()  # never answer from a cache older than the event
            yield event, principal
    finally:
        subscription.close()


@strawberry.type(description="Live updates about enrollments, seats and notifications.")
class EnrollmentSubscription:
    @strawberry.subscription(
        description="Your own enrollments as they change.", permission_classes=[IsAuthenticated]
    )
    async def my_enrollment_changed(self, info: Info) -> AsyncGenerator[Enrollment, None]:
        async for event, principal in _events(info, {"enrollment.changed"}, _about_me):
            if event.ids.get("employee") != principal.employee_id:
                continue
            row = await info.context.loaders.enrollment_by_id.load(event.ids["enrollment"])
            if row is not None and row.employee_id == principal.employee_id:
                yield Enrollment.from_model(row)

    @strawberry.subscription(
        description="Requests entering or leaving your approval inbox "
        "(new, cancelled, decided by a delegate).",
        permission_classes=[IsAuthenticated],
    )
    async def approval_inbox_changed(self, info: Info) -> AsyncGenerator[InboxChange, None]:
        async for event, principal in _events(info, {"enrollment.changed"}, _awaits_someone):
            mine = {
                p for p in (principal.position_id, *principal.acting_position_ids) if p is not None
            }

            ids, hr = event.ids, principal.is_hr
            now = ids.get("awaiting_position") in mine or (hr and bool(ids.get("awaiting_hr")))
            before = ids.get("previous_awaiting_position") in mine or (
                hr and bool(ids.get("previous_awaiting_hr"))
            )
            if not (now or before) or event.ids.get("employee") == principal.employee_id:
                continue
            row = await info.context.loaders.enrollment_by_id.load(event.ids["enrollment"])
            if row is None:
                continue
            still = row.status == "REQUESTED" and (
                row.awaiting_position_id in mine or (principal.is_hr and row.awaiting_hr)
            )
            kind = (
                InboxChangeKind.UPDATED
                if (still and before)
                else InboxChangeKind.ADDED
                if still
                else InboxChangeKind.REMOVED
            )
            yield InboxChange(kind=kind, enrollment=Enrollment.from_model(row))

    @strawberry.subscription(
        description="A session's free seats as they change.", permission_classes=[IsAuthenticated]
    )
    async def session_seats_changed(
        self, info: Info, session_id: strawberry.ID
    ) -> AsyncGenerator[TrainingSession, None]:
        _, pk = from_global_id(session_id, "TrainingSession")

        def in_session(event: Event, _me: int) -> bool:
            return event.ids.get("session") == pk

        topics = {"session.seats", "session.changed"}
        async for _event, _principal in _events(info, topics, in_session):
            row = await info.context.loaders.session_by_id.load(pk)
            if row is not None:
                yield TrainingSession.from_model(row)

    @strawberry.subscription(
        description="Your new notifications.", permission_classes=[IsAuthenticated]
    )
    async def notification_received(self, info: Info) -> AsyncGenerator[Notification, None]:
        async for event, principal in _events(info, {"notification.created"}, _about_me):
            if event.ids.get("employee") != principal.employee_id:
                continue
            query = NotificationModel.filter(recipient_id=principal.employee_id)
            if "notification" in event.ids:
                query = query.filter(id=event.ids["notification"])
            row = await query.order_by("-id").first()
            if row is not None:
                yield Notification.from_model(row)


@strawberry.type(description="Live updates about duties and SKP.")
class SkpSubscription:
    @strawberry.subscription(
        description="Your SKP and duties as they change "
        "(assigned results, agreement, feedback, ratings).",
        permission_classes=[IsAuthenticated],
    )
    async def my_skp_changed(
        self, info: Info, year: int | None = None
    ) -> AsyncGenerator[SkpLive, None]:
        year = year_or_current(year)
        async for event, principal in _events(info, {"skp.changed"}, _about_me):
            if event.ids.get("employee") != principal.employee_id:
                continue
            yield await _skp_live(info, principal.employee_id, year)

    @strawberry.subscription(
        description="A direct subordinate's SKP changed (your team view).",
        permission_classes=[IsAuthenticated],
    )
    async def team_changed(
        self, info: Info, year: int | None = None
    ) -> AsyncGenerator[TeamMember, None]:
        year = year_or_current(year)
        async for event, principal in _events(info, {"skp.changed"}):
            # Where the person sits now, not when the event left: a transfer moves them out.
            row = await info.context.loaders.employee_by_id.load(event.ids.get("employee", 0))
            if (
                row is None
                or not row.active
                or row.position_id not in (await principal.line()).direct
            ):
                continue
            (progress,) = await team_rows(employee_ids=[row.id], year=year, today=today())
            member = TeamMember.of(progress, row)
            member._year = year
            yield member


@strawberry.type(description="Your duties and SKP after a change.")
class SkpLive:
    duties: list[Duty] = strawberry.field(description="Duties of your position.")
    skp: Skp | None = strawberry.field(description="Your SKP for the year.")


async def _skp_live(info: Info, employee_id: int, year: int | None) -> SkpLive:
    loaders = info.context.loaders
    employee = await loaders.employee_by_id.load(employee_id)
    duties = (
        await loaders.duties_by_position_id.load(employee.position_id)
        if employee and employee.position_id
        else []
    )
    skp = await loaders.skp_by_employee_year.load((employee_id, year or today().year))
    return SkpLive(
        duties=[Duty.from_model(d) for d in duties], skp=Skp.from_model(skp) if skp else None
    )


PROFILE_TOPICS = frozenset(
    {"profile.changed", "requirements.changed", "plan.changed", "session.created"}
)


@strawberry.type(
    description="Someone's competency profile or plan changed: re-read what you show from "
    "`employee`."
)
class ProfileUpdate:
    reason: str = strawberry.field(
        description="Event topic: profile.changed (a new assessment), requirements.changed "
        "(the standard of their position), plan.changed (their training plan), "
        "session.created (a new session fits one of their gaps)."
    )
    employee_pk: strawberry.Private[int]

    @strawberry.field(
        description="The person as of now: you (myProfileChanged) or your direct subordinate "
        "(teamProfileChanged)."
    )
    async def employee(self, info: Info) -> EmployeeRef:
        from portal.graphql.people.types import Employee

        row = await info.context.loaders.employee_by_id.load(self.employee_pk)
        assert row is not None
        return Employee.from_model(row)


def _may_concern_me(event: Event, me: int) -> bool:
    """Someone else's assessment or plan never changes my profile page."""
    if event.topic in ("profile.changed", "plan.changed"):
        return _about_me(event, me)
    return True


async def _concerns_me(event: Event, principal: Principal) -> bool:
    """The event changes what the subscriber's own profile page shows."""
    ids = event.ids
    if event.topic in ("profile.changed", "plan.changed"):
        return ids.get("employee") == principal.employee_id
    if event.topic == "requirements.changed":
        return principal.position_id is not None and ids.get("position") == principal.position_id
    if event.topic == "session.created":
        fits = await employees_a_session_fits(
            session_id=ids.get("session", 0), employee_ids=[principal.employee_id]
        )
        return bool(fits)
    return False


async def _subordinates_concerned(info: Info, event: Event, direct: frozenset[int]) -> list[int]:
    """Active holders of the ``direct`` positions whose profile page the event changes."""
    ids = event.ids
    if not direct:
        return []
    if event.topic in ("profile.changed", "plan.changed"):
        row = await info.context.loaders.employee_by_id.load(ids.get("employee", 0))
        return [row.id] if row is not None and row.active and row.position_id in direct else []
    if event.topic == "requirements.changed":
        if ids.get("position") not in direct:
            return []
        holders = EmployeeModel.filter(position_id=ids["position"], active=True).order_by("id")
        return [holder.id for holder in await holders.only("id")]
    if event.topic == "session.created":
        return await employees_a_session_fits(session_id=ids.get("session", 0), position_ids=direct)
    return []


@strawberry.type(description="Live updates about competency profiles and training plans.")
class ProfileSubscription:
    @strawberry.subscription(
        description="A new assessment, a changed requirement, a plan change or a new session "
        "that fits your gap: yields your up-to-date profile.",
        permission_classes=[IsAuthenticated],
    )
    async def my_profile_changed(self, info: Info) -> AsyncGenerator[ProfileUpdate, None]:
        async for event, principal in _events(info, PROFILE_TOPICS, _may_concern_me):
            if await _concerns_me(event, principal):
                yield ProfileUpdate(reason=event.topic, employee_pk=principal.employee_id)

    @strawberry.subscription(
        description="Like myProfileChanged, for the people you directly supervise (as their "
        "supervisor or acting Plt/Plh): a new assessment, a changed requirement of their "
        "position, a plan item proposed, changed or agreed (also HR's bulk proposals), or a new "
        "session that fits their gap. Yields one update per subordinate concerned.",
        permission_classes=[IsAuthenticated],
    )
    async def team_profile_changed(self, info: Info) -> AsyncGenerator[ProfileUpdate, None]:
        async for event, principal in _events(info, PROFILE_TOPICS):
            direct = (await principal.line()).direct
            for employee_id in await _subordinates_concerned(info, event, direct):
                yield ProfileUpdate(reason=event.topic, employee_pk=employee_id)


@strawberry.type(description="Live updates (graphql-transport-ws on /graphql).")
class Subscription(EnrollmentSubscription, SkpSubscription, ProfileSubscription):
    pass
