"""Survey queries: the public service lookup, and results, feedback and actions for managers."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any
from urllib.parse import urlencode

import strawberry
from graphql import GraphQLError

from portal.graphql.context import Info
from portal.graphql.permissions import Forbidden, IsAuthenticated
from portal.graphql.relay import (
    Connection,
    InvalidId,
    build_connection,
    from_global_id,
    page_request,
    to_global_id,
)
from portal.graphql.survey.followup_types import FollowUpAction, FollowUpStatus
from portal.graphql.survey.permissions import CanManageSurvey
from portal.graphql.survey.types import (
    PublicSurveyService,
    SurveyIkm,
    SurveyResponse,
    SurveyResultGroup,
    SurveyResults,
    SurveyService,
)
from portal.graphql.util import today
from portal.people.models import OrgUnit
from portal.survey import followup, results, service
from portal.survey import models as survey_models
from portal.survey.access import survey_scope
from portal.survey.errors import SurveyError

SurveyGroupBy = strawberry.enum(
    results.GroupBy, name="SurveyGroupBy", description="How survey results are grouped."
)


def optional_pk(gid: strawberry.ID | None, type_name: str) -> int | None:
    return None if gid is None else from_global_id(gid, type_name)[1]


async def checked_filters(
    info: Info, unit_id: strawberry.ID | None, service_id: strawberry.ID | None
) -> tuple[int | None, int | None]:
    """Primary keys of the unit and service asked for, each inside the caller's scope."""
    unit_pk = optional_pk(unit_id, "OrgUnit")
    service_pk = optional_pk(service_id, "SurveyService")
    scope = await survey_scope(info.context.principal)
    if unit_pk is not None:
        unit = await OrgUnit.get_or_none(id=unit_pk).only("id", "path")
        if unit is None:
            raise InvalidId("Unit tidak ditemukan.")
        if not scope.covers(unit.path):
            raise Forbidden()
    if service_pk is not None:
        row = await survey_models.SurveyService.get_or_none(id=service_pk).prefetch_related("unit")
        if row is None:
            raise InvalidId("Layanan tidak ditemukan.")
        if not scope.covers(row.unit.path):
            raise Forbidden()
    return unit_pk, service_pk


def _group_key(group_by: results.GroupBy | None, key: str) -> str:
    if group_by is results.GroupBy.UNIT:
        return str(to_global_id("OrgUnit", int(key)))
    if group_by is results.GroupBy.SERVICE:
        return str(to_global_id("SurveyService", int(key)))
    return key


def _csv_url(args: dict[str, Any]) -> str:
    return "/survey/results.csv?" + urlencode({k: v for k, v in args.items() if v is not None})


@strawberry.type
class SurveyQuery:
    @strawberry.field(
        description="A survey service by its public code, for the survey page (no sign-in); "
        "null when there is no such service."
    )
    async def survey_service(self, info: Info, code: str) -> PublicSurveyService | None:
        row = await service.get_service_by_code(code=code[:64])
        if row is None:
            return None
        unit = await info.context.loaders.unit_by_id.load(row.unit_id)
        assert unit is not None
        return PublicSurveyService.from_model(row, unit.name, info.context.settings.base_url)

    @strawberry.field(
        description="Survey services of the units you manage (HR: all), by name.",
        permission_classes=[IsAuthenticated, CanManageSurvey],
    )
    async def survey_services(
        self,
        info: Info,
        unit_id: strawberry.ID | None = None,
        include_inactive: bool = False,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[SurveyService]:
        page = page_request(first, after, default=50, maximum=info.context.settings.max_page_size)
        unit_pk, _ = await checked_filters(info, unit_id, None)
        scope = await survey_scope(info.context.principal)
        query = survey_models.SurveyService.all()
        if not include_inactive:
            query = query.filter(active=True)
        units = OrgUnit.all()
        if unit_pk is not None:
            unit = await OrgUnit.get(id=unit_pk)
            units = units.filter(path__startswith=unit.path)
        if unit_pk is not None or not scope.everything:
            allowed = [
                i for i, path in await units.values_list("id", "path") if scope.covers(str(path))
            ]
            query = query.filter(unit_id__in=allowed)
        total = await query.count()
        rows = await query.order_by("name", "id").offset(page.offset).limit(page.limit)
        base = info.context.settings.base_url
        return build_connection(rows, total, page, lambda r: SurveyService.from_model(r, base))

    @strawberry.field(
        description="IKM over a period (WIB dates, inclusive) for the units you manage (HR: "
        "all), optionally for one unit's subtree or one service, overall and per group.",
        permission_classes=[IsAuthenticated, CanManageSurvey],
    )
    async def survey_results(
        self,
        info: Info,
        start: Annotated[dt.date, strawberry.argument(name="from", description="First day (WIB).")],
        end: Annotated[dt.date, strawberry.argument(name="to", description="Last day (WIB).")],
        unit_id: strawberry.ID | None = None,
        service_id: strawberry.ID | None = None,
        group_by: SurveyGroupBy | None = None,
    ) -> SurveyResults:
        unit_pk, service_pk = await checked_filters(info, unit_id, service_id)
        try:
            found = await results.survey_results(
                scope=await survey_scope(info.context.principal),
                start=start,
                end=end,
                unit_id=unit_pk,
                service_id=service_pk,
                group_by=group_by,
            )
        except SurveyError as exc:
            raise GraphQLError(
                exc.message, extensions={"code": str(exc.code), "field": exc.field}
            ) from None
        overall = found.overall.result
        return SurveyResults(
            start=found.start,
            end=found.end,
            overall=SurveyIkm.of(overall) if overall else None,
            groups=[
                SurveyResultGroup(
                    key=_group_key(group_by, g.key),
                    label=g.label,
                    result=SurveyIkm.of(r) if (r := g.counts.result) else None,
                )
                for g in found.groups
            ],
            csv_url=_csv_url(
                {
                    "from": start.isoformat(),
                    "to": end.isoformat(),
                    "unitId": unit_id,
                    "serviceId": service_id,
                    "groupBy": group_by.value if group_by else None,
                }
            ),
        )

    @strawberry.field(
        description="Responses in a period for the units you manage, newest first: the "
        "feedback to turn into follow-up actions.",
        permission_classes=[IsAuthenticated, CanManageSurvey],
    )
    async def survey_responses(
        self,
        info: Info,
        start: Annotated[dt.date, strawberry.argument(name="from", description="First day (WIB).")],
        end: Annotated[dt.date, strawberry.argument(name="to", description="Last day (WIB).")],
        unit_id: strawberry.ID | None = None,
        service_id: strawberry.ID | None = None,
        with_suggestion: Annotated[
            bool, strawberry.argument(description="Only responses with a written suggestion.")
        ] = False,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[SurveyResponse]:
        page = page_request(first, after, default=20, maximum=info.context.settings.max_page_size)
        unit_pk, service_pk = await checked_filters(info, unit_id, service_id)
        if start > end:
            raise GraphQLError(
                "Tanggal awal tidak boleh setelah tanggal akhir.",
                extensions={"code": "INVALID_PERIOD", "field": "from"},
            )
        low, high = results.utc_bounds(start, end)
        query = survey_models.SurveyResponse.filter(submitted_at__gte=low, submitted_at__lt=high)
        scope = await survey_scope(info.context.principal)
        units = OrgUnit.all()
        if unit_pk is not None:
            units = units.filter(path__startswith=(await OrgUnit.get(id=unit_pk)).path)
        if unit_pk is not None or not scope.everything:
            allowed = [i for i, p in await units.values_list("id", "path") if scope.covers(str(p))]
            query = query.filter(unit_id__in=allowed)
        if service_pk is not None:
            query = query.filter(service_id=service_pk)
        if with_suggestion:
            query = query.exclude(suggestion="")
        total = await query.count()
        rows = await query.order_by("-submitted_at", "-id").offset(page.offset).limit(page.limit)
        return build_connection(rows, total, page, SurveyResponse.from_model)

    @strawberry.field(
        description="Follow-up actions you may see, soonest due first: HR all, unit heads "
        "their units', everyone else the ones they own.",
        permission_classes=[IsAuthenticated],
    )
    async def follow_up_actions(
        self,
        info: Info,
        unit_id: strawberry.ID | None = None,
        service_id: strawberry.ID | None = None,
        status: list[FollowUpStatus] | None = None,
        overdue: Annotated[
            bool, strawberry.argument(description="Only live actions past their due date.")
        ] = False,
        mine: Annotated[bool, strawberry.argument(description="Only the ones you own.")] = False,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[FollowUpAction]:
        page = page_request(first, after, default=20, maximum=info.context.settings.max_page_size)
        principal = info.context.principal
        assert principal is not None
        scope = await survey_scope(principal)
        unit_pk = optional_pk(unit_id, "OrgUnit")
        service_pk = optional_pk(service_id, "SurveyService")
        rows, total = await followup.list_actions(
            principal=principal,
            unit_paths=None if scope.everything else scope.paths,
            unit_id=unit_pk,
            service_id=service_pk,
            statuses=status or (),
            overdue_on=today() if overdue else None,
            owned_by_me=mine,
            offset=page.offset,
            limit=page.limit,
        )
        return build_connection(rows, total, page, FollowUpAction.from_model)
