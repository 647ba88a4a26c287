"""The query builder: one parameterised statement, the fact it picks, the years it covers."""

from __future__ import annotations

import datetime as dt

import pytest

from portal.reports.access import Scope
from portal.reports.builder import build_report_sql
from portal.reports.catalog import Dimension as D
from portal.reports.catalog import Fact
from portal.reports.catalog import Measure as M
from portal.reports.errors import ReportError
from portal.reports.facts import COMPETENCIES, COMPETENCY_SUMMARY, FACTS, facts_of
from portal.reports.service import run_scoped_report
from portal.reports.spec import Filter, ReportSpec, resolve
from tests.factories import add_record
from tests.reports.world import add_enrollments, make_report_world

EVERYTHING = Scope(everything=True)


@pytest.mark.parametrize("dialect", ["postgres", "sqlite"])
def test_user_values_only_travel_as_parameters(dialect):
    spec = ReportSpec(
        measures=(M.ENROLLMENTS, M.MEDIAN_APPROVAL_HOURS),
        group_by=(D.UNIT, D.AGE_BAND),
        filters=(
            Filter(D.UNIT, ("987654",)),
            Filter(D.MONTH, ("2031-07",), start="2031-01"),
            Filter(D.ENROLLMENT_STATUS, ("NO_SHOW",)),
            Filter(D.YEAR, ("2031",)),
        ),
        unit_level=7,
        limit=4321,
    )
    plan = resolve(spec, this_year=2031)
    built = build_report_sql(
        plan,
        Scope(False, unit_ids=(876543,), root_position_ids=(765432,)),
        dialect=dialect,
        today=dt.date(2031, 5, 6),
        min_group=3,
    )
    for value in ("987654", "2031", "NO_SHOW", "4321", "876543", "765432", "-07"):
        assert value not in built.sql, value
    assert {"NO_SHOW", 987654, 4321} <= set(built.params)
    assert built.sql.count("$") >= len(set(built.params))


def test_the_first_fact_with_every_measure_and_dimension_answers():
    def fact(*measures, group_by=()):
        spec = ReportSpec(measures=tuple(measures), group_by=tuple(group_by))
        return resolve(spec, this_year=2030).fact.fact

    assert fact(M.HEADCOUNT) is Fact.EMPLOYEES
    assert fact(M.HEADCOUNT, group_by=[D.GENDER]) is Fact.EMPLOYEES
    assert fact(M.HEADCOUNT, M.STAFFING_GAP) is Fact.POSITIONS
    assert fact(M.JP_COMPLETED, group_by=[D.COURSE]) is Fact.TRAINING_RECORDS
    assert fact(M.JP_COMPLETED, M.JP_RIGHT_MET_SHARE) is Fact.JP_RIGHT
    with pytest.raises(ReportError) as caught:
        fact(M.JP_RIGHT_MET_SHARE, group_by=[D.COURSE])
    assert caught.value.field == "groupBy[0]"


def test_gaps_without_a_competency_dimension_read_the_per_employee_summary():
    def source(group_by=(), filters=()):
        spec = ReportSpec(
            measures=(M.JOB_PERSON_MATCH, M.AVG_COMPETENCY_GAP),
            group_by=tuple(group_by),
            filters=tuple(filters),
        )
        return resolve(spec, this_year=2030).fact

    assert source(group_by=[D.UNIT, D.RANK]) is COMPETENCY_SUMMARY
    assert source(group_by=[D.UNIT]).fact is Fact.COMPETENCIES  # the same fact to the API
    assert source(group_by=[D.COMPETENCY]) is COMPETENCIES
    assert source(filters=[Filter(D.COMPETENCY_GROUP, ("TEKNIS",))]) is COMPETENCIES
    assert FACTS[Fact.COMPETENCIES] is COMPETENCIES  # the catalog lists the public one
    assert facts_of(M.JOB_PERSON_MATCH) == [Fact.COMPETENCIES]


async def test_each_report_is_one_statement(db, count_queries):
    rw = await make_report_world()
    await add_enrollments(rw)
    specs = [
        ReportSpec(measures=(M.HEADCOUNT,), group_by=(D.UNIT, D.AGE_BAND), unit_level=1),
        ReportSpec(measures=(M.STAFFING_GAP, M.POSITIONS_WITHOUT_ABK), group_by=(D.POSITION,)),
        ReportSpec(measures=(M.JOB_PERSON_MATCH,), group_by=(D.COMPETENCY, D.GENDER)),
        ReportSpec(measures=(M.JOB_PERSON_MATCH, M.EMPLOYEES_WITH_GAP), group_by=(D.GENDER,)),
        ReportSpec(measures=(M.JP_MISSING,), group_by=(D.YEAR, D.RANK)),
        ReportSpec(measures=(M.MEDIAN_APPROVAL_HOURS,), group_by=(D.ENROLLMENT_STATUS,)),
    ]
    for spec in specs:
        for scope, least in (
            (EVERYTHING, 0),
            (Scope(False, (rw.puskesmas.id,), (rw.w.head_pos.id,)), 3),
        ):
            with count_queries() as counter:
                await run_scoped_report(spec=spec, scope=scope, min_group=least)
            assert counter.count == 1, counter.statements


async def test_grouping_by_year_without_a_filter_covers_every_year_with_records(db):
    rw = await make_report_world()
    await add_record(rw.w.dewi, rw.year - 3, 21)
    spec = ReportSpec(measures=(M.EMPLOYEES_UNDER_20_JP,), group_by=(D.YEAR,))
    report = await run_scoped_report(spec=spec, scope=EVERYTHING, min_group=0)
    assert report.years is None
    counts = {row.cells[0].value: row.values[M.EMPLOYEES_UNDER_20_JP] for row in report.rows}
    # Years without any record in between still count everyone as short.
    assert counts == {
        str(rw.year - 3): 12,
        str(rw.year - 2): 13,
        str(rw.year - 1): 12,
        str(rw.year): 8,
    }


async def test_unit_level_zero_is_the_whole_pemda(db):
    await make_report_world()
    spec = ReportSpec(measures=(M.HEADCOUNT,), group_by=(D.UNIT,), unit_level=0)
    report = await run_scoped_report(spec=spec, scope=EVERYTHING, min_group=0)
    assert [(r.cells[0].label, r.values[M.HEADCOUNT]) for r in report.rows] == [
        ("Pemerintah Kota Tangerang Selatan", 13)
    ]
