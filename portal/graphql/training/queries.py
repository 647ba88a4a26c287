"""Catalog queries."""

from __future__ import annotations

import datetime as dt
from enum import Enum

import strawberry
from graphql import GraphQLError
from tortoise.expressions import F, Q, RawSQL, Subquery

from portal.graphql.context import Info
from portal.graphql.enums import CompetencyGroup, TrainingMode
from portal.graphql.permissions import IsAuthenticated
from portal.graphql.relay import Connection, build_connection, from_global_id, page_request
from portal.graphql.training.types import TrainingSession
from portal.graphql.util import today
from portal.training.models import Course as CourseModel
from portal.training.models import CourseCompetency, SessionStatus
from portal.training.models import TrainingSession as SessionModel


@strawberry.enum(description="Order of the catalog.")
class SessionSort(Enum):
    STARTS_ON_ASC = "STARTS_ON_ASC"
    STARTS_ON_DESC = "STARTS_ON_DESC"
    DEADLINE_ASC = "DEADLINE_ASC"
    SEATS_LEFT_DESC = "SEATS_LEFT_DESC"
    TITLE_ASC = "TITLE_ASC"


_ORDER = {
    SessionSort.STARTS_ON_ASC: ("starts_on", "id"),
    SessionSort.STARTS_ON_DESC: ("-starts_on", "-id"),
    SessionSort.DEADLINE_ASC: ("enrollment_deadline", "id"),
    SessionSort.SEATS_LEFT_DESC: ("-seats_left", "starts_on", "id"),
    SessionSort.TITLE_ASC: ("course__title", "starts_on", "id"),
}


@strawberry.input(description="Catalog filters. All given filters must hold.")
class SessionFilter:
    competency_id: strawberry.ID | None = strawberry.field(
        default=None, description="Courses developing this competency."
    )
    competency_group: CompetencyGroup | None = strawberry.field(
        default=None, description="Courses developing a competency of this group."
    )
    mode: TrainingMode | None = strawberry.field(default=None, description="Classical or not.")
    starts_from: dt.date | None = strawberry.field(
        default=None, description="Starting on or after."
    )
    starts_until: dt.date | None = strawberry.field(
        default=None, description="Starting on or before."
    )
    eligible_unit_id: strawberry.ID | None = strawberry.field(
        default=None, description="Open to this unit (courses without a unit list are open to all)."
    )
    has_open_seats: bool | None = strawberry.field(default=None, description="Seats still free.")
    open_for_requests: bool | None = strawberry.field(
        default=True, description="Open and before the deadline (default); null for all."
    )
    search: str | None = strawberry.field(default=None, description="Part of the course title.")


@strawberry.type
class TrainingQuery:
    @strawberry.field(
        description="The training catalog: sessions with their course and free seats.",
        permission_classes=[IsAuthenticated],
    )
    async def training_sessions(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        filter: SessionFilter | None = None,
        sort: SessionSort = SessionSort.STARTS_ON_ASC,
    ) -> Connection[TrainingSession]:
        page = page_request(first, after, default=20, maximum=info.context.settings.max_page_size)
        f = filter or SessionFilter()
        if f.starts_from and f.starts_until and f.starts_from > f.starts_until:
            raise GraphQLError(
                "`startsFrom` must not be after `startsUntil`.",
                extensions={"code": "INVALID_DATE_RANGE", "field": "startsUntil"},
            )
        # Filters on a course's competencies and units are subqueries, not joins: a join to a
        # list repeats sessions, and the DISTINCT that removed them broke ORDER BY the course
        # title on PostgreSQL ("ORDER BY expressions must appear in select list").
        query = SessionModel.all().annotate(seats_left=F("capacity") - F("seats_taken"))
        if f.competency_id is not None:
            _, pk = from_global_id(f.competency_id, "Competency")
            developing = CourseCompetency.filter(competency_id=pk)
            query = query.filter(course_id__in=Subquery(developing.values("course_id")))
        if f.competency_group is not None:
            developing = CourseCompetency.filter(competency__group=f.competency_group)
            query = query.filter(course_id__in=Subquery(developing.values("course_id")))
        if f.mode is not None:
            query = query.filter(course__mode=f.mode)
        if f.starts_from is not None:
            query = query.filter(starts_on__gte=f.starts_from)
        if f.starts_until is not None:
            query = query.filter(starts_on__lte=f.starts_until)
        if f.eligible_unit_id is not None:
            _, unit_pk = from_global_id(f.eligible_unit_id, "OrgUnit")
            for_unit = CourseModel.filter(eligible_units__id=unit_pk).values("id")
            for_all = CourseModel.filter(eligible_units__id__isnull=True).values("id")
            query = query.filter(
                Q(course_id__in=Subquery(for_unit)) | Q(course_id__in=Subquery(for_all))
            )
        if f.has_open_seats is not None:
            query = (
                query.filter(seats_left__gt=0)
                if f.has_open_seats
                else query.filter(seats_left__lte=0)
            )
        if f.open_for_requests:
            query = query.filter(status=SessionStatus.OPEN, enrollment_deadline__gte=today())
        elif f.open_for_requests is False:
            query = query.filter(
                Q(status__not=SessionStatus.OPEN) | Q(enrollment_deadline__lt=today())
            )
        if f.search:
            query = query.filter(course__title__icontains=f.search.strip())
        # One statement for the page, its courses and the total (counted by the database over
        # the filtered rows before the page is cut); the courses prime `course_by_id`.
        rows = (
            await query.annotate(total=RawSQL("COUNT(*) OVER ()"))
            .select_related("course")
            .order_by(*_ORDER[sort])
            .offset(page.offset)
            .limit(page.limit)
        )
        total = int(rows[0].total) if rows else 0  # type: ignore[attr-defined]
        if not rows and page.offset:  # past the end: count what there is
            total = await query.count()
        courses = {r.course_id: r.course for r in rows}  # type: ignore[attr-defined]
        info.context.loaders.course_by_id.prime_many(courses)
        return build_connection(rows, total, page, TrainingSession.from_model)
