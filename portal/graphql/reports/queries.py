"""Report queries: the report, its catalog, staffing needs and the named shortfall lists."""

from __future__ import annotations

import strawberry

from portal.graphql.context import Info
from portal.graphql.payloads import optional_pk
from portal.graphql.permissions import IsAuthenticated, require_principal
from portal.graphql.relay import (
    Connection,
    InvalidId,
    build_connection,
    from_global_id,
    page_request,
)
from portal.graphql.reports.lists import EmployeeCompetencyGap, JpShortfall, StaffingNeed
from portal.graphql.reports.permissions import CanListPeopleInReports, CanReadReports
from portal.graphql.reports.types import (
    Report,
    ReportError,
    ReportInput,
    ReportMeasureInfo,
    ReportResult,
)
from portal.graphql.util import year_or_current
from portal.reports import shortfalls, spec, staffing
from portal.reports.access import people_scope, report_scope
from portal.reports.catalog import MEASURES, Dimension, Measure
from portal.reports.errors import ReportError as DomainReportError
from portal.reports.facts import FACTS, facts_of
from portal.reports.service import run_report
from portal.reports.shortfalls import GapOrder, JpOrder
from portal.reports.staffing import StaffingDirection


def spec_of(input: ReportInput) -> spec.ReportSpec:
    """The domain's spec of a GraphQL input (filter values stay as given: see ``key_of``)."""
    return spec.ReportSpec(
        measures=tuple(Measure(m) for m in input.measures),
        group_by=tuple(Dimension(d) for d in input.group_by),
        filters=tuple(
            spec.Filter(Dimension(f.dimension), tuple(f.values), f.from_, f.to)
            for f in input.filters
        ),
        year=input.year,
        unit_level=input.unit_level,
        sort=tuple(
            spec.Sort(
                measure=None if s.measure is None else Measure(s.measure),
                dimension=None if s.dimension is None else Dimension(s.dimension),
                descending=s.descending,
            )
            for s in input.sort
        ),
        limit=input.limit,
    )


def key_of(node_type: str, value: str) -> int | None:
    """Units, positions, competencies and courses are named by global id in the API."""
    try:
        return from_global_id(value, node_type)[1]
    except InvalidId:
        return None


@strawberry.type
class ReportQuery:
    @strawberry.field(
        description="A report: measures grouped by dimensions within filters, computed by the "
        "database in one statement. HR sees everything; a unit head their units; a supervisor "
        "their line; groups too small to hide a person are suppressed for everyone but HR.",
        permission_classes=[IsAuthenticated, CanReadReports],
    )
    async def report(self, info: Info, input: ReportInput) -> ReportResult:
        principal = require_principal(info)
        try:
            answer = await run_report(
                principal=principal,
                spec=spec_of(input),
                min_group=info.context.settings.report_min_group,
                key_of=key_of,
            )
        except DomainReportError as error:
            return ReportError.of(error)  # type: ignore[no-any-return]
        return Report.of(answer, input.limit)

    @strawberry.field(
        description="The measures a report can ask for, with the dimensions each allows.",
        permission_classes=[IsAuthenticated, CanReadReports],
    )
    def report_measures(self) -> list[ReportMeasureInfo]:
        infos = []
        for measure in Measure:
            facts = facts_of(measure)
            dimensions = set().union(*(FACTS[f].dimensions for f in facts))
            infos.append(
                ReportMeasureInfo(
                    measure=measure,  # type: ignore[arg-type]
                    title=MEASURES[measure].title,
                    description=MEASURES[measure].description,
                    is_count=MEASURES[measure].integer,
                    facts=facts,  # type: ignore[arg-type]
                    dimensions=[d for d in Dimension if d in dimensions],  # type: ignore[misc]
                )
            )
        return infos

    @strawberry.field(
        description="Analysed positions by shortage or surplus of holders against their ABK "
        "need, within what you may see (positions without ABK inputs are left out).",
        permission_classes=[IsAuthenticated, CanReadReports],
    )
    async def staffing_needs(
        self,
        info: Info,
        direction: StaffingDirection = StaffingDirection.SHORTAGE,
        unit_id: strawberry.ID | None = None,
        min_gap: float = 0.0,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[StaffingNeed]:
        principal = require_principal(info)
        page = page_request(first, after, default=20, maximum=info.context.settings.max_page_size)
        result = await staffing.list_staffing_needs(
            scope=report_scope(principal),
            direction=direction,
            unit_id=optional_pk(unit_id, "OrgUnit"),
            min_gap=max(min_gap, 0.0),
            offset=page.offset,
            limit=page.limit,
        )
        return build_connection(result.items, result.total, page, StaffingNeed.of)

    @strawberry.field(
        description="Who falls short of their position's competency requirements, by how much, "
        "and which courses close each gap: HR everyone, a supervisor their line.",
        permission_classes=[IsAuthenticated, CanListPeopleInReports],
    )
    async def competency_gaps(
        self,
        info: Info,
        unit_id: strawberry.ID | None = None,
        competency_id: strawberry.ID | None = None,
        position_id: strawberry.ID | None = None,
        order_by: GapOrder = GapOrder.GAP_DESC,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[EmployeeCompetencyGap]:
        principal = require_principal(info)
        page = page_request(first, after, default=20, maximum=info.context.settings.max_page_size)
        result = await shortfalls.list_competency_gaps(
            scope=people_scope(principal),
            unit_id=optional_pk(unit_id, "OrgUnit"),
            competency_id=optional_pk(competency_id, "Competency"),
            position_id=optional_pk(position_id, "Position"),
            order=order_by,
            offset=page.offset,
            limit=page.limit,
        )
        courses = await shortfalls.closing_courses(result.items)
        return build_connection(
            result.items,
            result.total,
            page,
            lambda g: EmployeeCompetencyGap.of(g, courses.get(g.key, [])),
        )

    @strawberry.field(
        description="Who has not yet met the year's 20 JP development right, with the JP still "
        "missing: HR everyone, a supervisor their line.",
        permission_classes=[IsAuthenticated, CanListPeopleInReports],
    )
    async def jp_shortfalls(
        self,
        info: Info,
        year: int | None = None,
        unit_id: strawberry.ID | None = None,
        order_by: JpOrder = JpOrder.MISSING_DESC,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[JpShortfall]:
        principal = require_principal(info)
        page = page_request(first, after, default=20, maximum=info.context.settings.max_page_size)
        year = year_or_current(year)
        result = await shortfalls.list_jp_shortfalls(
            scope=people_scope(principal),
            year=year,
            unit_id=optional_pk(unit_id, "OrgUnit"),
            order=order_by,
            offset=page.offset,
            limit=page.limit,
        )
        return build_connection(result.items, result.total, page, JpShortfall.of)
