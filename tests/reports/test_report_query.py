"""Dewi's questions through GraphQL, with exact numbers on known data, on both databases."""

from __future__ import annotations

from portal.graphql.relay import to_global_id
from tests.factories import DEWI_NIP
from tests.reports.world import add_enrollments, make_report_world

REPORT = """
query($input: ReportInput!) {
  report(input: $input) {
    __typename
    ... on Report {
      fact rowCount truncated years minGroupSize
      rows {
        suppressed
        cells { dimension value label }
        values { measure value }
        unit { value label } rank { value label }
        headcount requiredHeadcount staffingGap positionsWithoutAbk
        avgCompetencyGap maxCompetencyGap jobPersonMatch employeesWithGap
        jpCompleted jpRightMetShare employeesUnder20Jp jpMissing
        enrollments medianApprovalHours
      }
      totals { suppressed values { measure value } }
    }
    ... on ReportError { code field message }
  }
}
"""
STAFFING = ["HEADCOUNT", "REQUIRED_HEADCOUNT", "STAFFING_GAP", "POSITIONS_WITHOUT_ABK"]


async def _report(client, **input_):
    data = await client.data(REPORT, {"input": input_})
    return data["report"]


def _table(report, *measures):
    """{first label: (measure values...)} of the rows."""
    keys = [m[0].lower() + m.title().replace("_", "")[1:] for m in measures]
    return {row["cells"][0]["label"]: tuple(row[k] for k in keys) for row in report["rows"]}


def _totals(report):
    return [v["value"] for v in report["totals"]["values"]]


async def test_staffing_gap_per_unit_for_dinas_kesehatan(client):
    rw = await make_report_world()
    await client.login(DEWI_NIP)
    dinkes = to_global_id("OrgUnit", rw.w.dinkes.id)
    report = await _report(
        client,
        measures=STAFFING,
        groupBy=["UNIT"],
        unitLevel=2,
        filters=[{"dimension": "UNIT", "values": [dinkes]}],
    )
    assert report["__typename"] == "Report"
    assert report["fact"] == "POSITIONS"
    assert _table(report, *STAFFING) == {
        # Positions of Dinkes itself, then the Puskesmas with its Pustu folded in.
        "Dinas Kesehatan": (5, 4.2, 0.2, 1),
        "Puskesmas Pamulang": (5, 5.6, 1.6, 1),
    }
    assert _totals(report) == [10, 9.8, 1.8, 2]
    assert report["rows"][1]["unit"]["value"] == to_global_id("OrgUnit", rw.puskesmas.id)
    assert report["minGroupSize"] == 0
    assert report["rowCount"] == 2

    exact = await _report(
        client,
        measures=["STAFFING_GAP"],
        groupBy=["UNIT"],
        filters=[{"dimension": "UNIT", "values": [dinkes]}],
        sort=[{"measure": "STAFFING_GAP", "descending": True}],
    )
    assert [(r["cells"][0]["label"], r["staffingGap"]) for r in exact["rows"]] == [
        ("Puskesmas Pamulang", 2.0),
        ("Dinas Kesehatan", 0.2),
        ("Pustu Pondok Cabe", -0.4),
    ]
    whole = await _report(client, measures=["STAFFING_GAP"], groupBy=["UNIT"], unitLevel=1)
    assert _table(whole, "STAFFING_GAP") == {
        "BKPSDM": (None,),  # no ABK inputs at all: the need is unknown, not zero
        "Dinas Kesehatan": (1.8,),
        "Disdukcapil": (None,),
    }


async def test_average_gap_in_pelayanan_publik_per_rank(client):
    rw = await make_report_world()
    await client.login(DEWI_NIP)
    pelayanan = to_global_id("Competency", rw.w.pelayanan.id)
    measures = [
        "AVG_COMPETENCY_GAP",
        "MAX_COMPETENCY_GAP",
        "JOB_PERSON_MATCH",
        "EMPLOYEES_WITH_GAP",
    ]
    report = await _report(
        client,
        measures=measures,
        groupBy=["RANK"],
        filters=[{"dimension": "COMPETENCY", "values": [pelayanan]}],
    )
    assert report["fact"] == "COMPETENCIES"
    assert _table(report, *measures) == {
        "III/a": (1.5, 2, 0.0, 4),
        "III/b": (0.5, 1, 50.0, 1),
        "III/c": (1.0, 2, 50.0, 1),
        "III/d": (0.0, 0, 100.0, 0),
    }
    assert [r["rank"]["value"] for r in report["rows"]] == ["III_A", "III_B", "III_C", "III_D"]
    assert _totals(report) == [1.0, 2, 33.33, 6]


async def test_gap_and_match_per_rank_over_every_competency(client):
    """No competency dimension or filter: one row per employee (``competency_summary``), with
    averages and shares weighted by requirements: the requirement-level numbers exactly."""
    await make_report_world()
    await client.login(DEWI_NIP)
    measures = [
        "AVG_COMPETENCY_GAP",
        "MAX_COMPETENCY_GAP",
        "JOB_PERSON_MATCH",
        "EMPLOYEES_WITH_GAP",
    ]
    report = await _report(client, measures=measures, groupBy=["RANK"])
    assert report["fact"] == "COMPETENCIES"
    # Siti's post requires Integritas 2, Pelayanan Publik 2 and Asuhan Keperawatan 3; the others
    # Pelayanan Publik only. III/a: Siti met 1 of 3 (gaps 0, 1, 3), Rina 0 of 3 (2, 2, 3), Agus
    # and Dedi 0 of 1 (1, 2): 14 / 8. III/b Ayu met, Bayu 1; III/c Citra 2, Dewi met; III/d met.
    assert _table(report, *measures) == {
        "III/a": (1.75, 3, 12.5, 4),
        "III/b": (0.5, 1, 50.0, 1),
        "III/c": (1.0, 2, 50.0, 1),
        "III/d": (0.0, 0, 100.0, 0),
    }
    assert _totals(report) == [1.31, 3, 30.77, 6]  # 17 / 13, 4 of 13 met
    # The same question answered requirement by requirement (a filter on every group).
    groups = ["MANAJERIAL", "SOSIAL_KULTURAL", "TEKNIS"]
    by_requirement = await _report(
        client,
        measures=measures,
        groupBy=["RANK"],
        filters=[{"dimension": "COMPETENCY_GROUP", "values": groups}],
    )
    assert _table(by_requirement, *measures) == _table(report, *measures)
    assert _totals(by_requirement) == _totals(report)


async def test_who_is_under_20_jp_this_year_in_numbers(client):
    rw = await make_report_world()
    await client.login(DEWI_NIP)
    measures = ["EMPLOYEES_UNDER_20_JP", "JP_MISSING", "JP_RIGHT_MET_SHARE", "JP_COMPLETED"]
    report = await _report(client, measures=measures, groupBy=["UNIT"], unitLevel=1)
    assert report["fact"] == "JP_RIGHT"
    assert report["years"] == [rw.year]
    assert _table(report, *measures) == {
        "BKPSDM": (0, 0, 100.0, 40),
        # Siti 8, Budi 4, Agus 20, Bayu 20, Citra 1, Desi 15 missing; 10 active employees.
        "Dinas Kesehatan": (6, 68, 40.0, 146),
        "Disdukcapil": (2, 40, 0.0, 0),
    }
    assert _totals(report) == [8, 108, 38.46, 186]
    # JP completed alone comes from the records themselves: the same number for the year.
    records = await _report(client, measures=["JP_COMPLETED"], year=rw.year)
    assert records["fact"] == "TRAINING_RECORDS"
    assert _totals(records) == [186]
    last_year = await _report(client, measures=["JP_COMPLETED"], year=rw.year - 1)
    assert _totals(last_year) == [30]
    by_year = await _report(
        client,
        measures=["EMPLOYEES_UNDER_20_JP"],
        groupBy=["YEAR"],
        filters=[{"dimension": "YEAR", "from": str(rw.year - 1), "to": str(rw.year)}],
    )
    assert _table(by_year, "EMPLOYEES_UNDER_20_JP") == {
        str(rw.year - 1): (12,),  # only Dedi met it last year
        str(rw.year): (8,),
    }


async def test_enrollments_by_status_and_median_approval_hours(client):
    rw = await make_report_world()
    await add_enrollments(rw)
    await client.login(DEWI_NIP)
    measures = ["ENROLLMENTS", "MEDIAN_APPROVAL_HOURS"]
    report = await _report(client, measures=measures, groupBy=["ENROLLMENT_STATUS"])
    assert report["fact"] == "ENROLLMENTS"
    assert _table(report, *measures) == {
        "Diajukan": (1, None),
        "Dibatalkan": (1, None),
        "Ditolak": (1, 4.0),
        "Terdaftar": (2, 20.0),
    }
    assert _totals(report) == [5, 10.0]
    by_month = await _report(
        client,
        measures=["ENROLLMENTS"],
        groupBy=["MONTH", "COURSE"],
        filters=[{"dimension": "MONTH", "values": [f"{rw.year}-03"]}],
    )
    assert [[c["label"] for c in r["cells"]] for r in by_month["rows"]] == [
        [f"{rw.year}-03", "Pelayanan Prima"]
    ]
    other_year = await _report(client, measures=["ENROLLMENTS"], year=rw.year - 1)
    assert _totals(other_year) == [0]


async def test_headcount_by_unit_gender_age_and_sorting(client):
    rw = await make_report_world()
    await client.login(DEWI_NIP)
    report = await _report(
        client,
        measures=["HEADCOUNT"],
        groupBy=["UNIT", "GENDER"],
        unitLevel=1,
        sort=[{"measure": "HEADCOUNT", "descending": True}],
        limit=2,
    )
    assert report["fact"] == "EMPLOYEES"
    assert report["rowCount"] == 4
    assert report["truncated"]
    # A tie on the measure falls back to the dimensions' order (FEMALE before MALE).
    assert [([c["label"] for c in r["cells"]], r["headcount"]) for r in report["rows"]] == [
        (["Dinas Kesehatan", "Perempuan"], 5),
        (["Dinas Kesehatan", "Laki-laki"], 5),
    ]
    assert _totals(report) == [13]  # the inactive employee is not counted
    bands = await _report(client, measures=["HEADCOUNT"], groupBy=["AGE_BAND"])
    assert sum(r["headcount"] for r in bands["rows"]) == 13
    assert {r["cells"][0]["value"] for r in bands["rows"]} <= {
        "<25",
        "25-34",
        "35-44",
        "45-54",
        "55+",
    }
    kinds = await _report(
        client,
        measures=["HEADCOUNT"],
        groupBy=["POSITION_KIND"],
        filters=[{"dimension": "EMPLOYMENT_TYPE", "values": ["PNS"]}],
    )
    assert _table(kinds, "HEADCOUNT") == {"JPT": (2,), "Administrasi": (3,), "Fungsional": (8,)}
    assert rw  # the world is used through the names above


async def test_unsupported_combinations_are_typed_errors(client):
    await make_report_world()
    await client.login(DEWI_NIP)
    cases = [
        ({"measures": ["REQUIRED_HEADCOUNT"], "groupBy": ["RANK"]}, "groupBy[0]"),
        ({"measures": ["HEADCOUNT"], "groupBy": ["COMPETENCY"]}, "groupBy[0]"),
        ({"measures": ["HEADCOUNT", "JP_COMPLETED"]}, "measures[1]"),
        ({"measures": ["ENROLLMENTS"], "filters": [{"dimension": "COMPETENCY", "values": ["x"]}]},
         "filters[0].dimension"),
        ({"measures": ["STAFFING_GAP"], "filters": [{"dimension": "YEAR", "values": ["2025"]}]},
         "filters[0].dimension"),
    ]  # fmt: skip
    for input_, field in cases:
        report = await _report(client, **input_)
        assert report["__typename"] == "ReportError", input_
        assert (report["code"], report["field"]) == ("UNSUPPORTED_COMBINATION", field), report


async def test_bad_input_is_a_typed_error(client):
    await make_report_world()
    await client.login(DEWI_NIP)
    cases = [
        ({"measures": []}, "NO_MEASURES", "measures"),
        ({"measures": ["HEADCOUNT"], "groupBy": ["RANK", "RANK"]}, "DUPLICATE", "groupBy[1]"),
        ({"measures": ["HEADCOUNT"], "filters": [{"dimension": "UNIT", "values": ["bogus"]}]},
         "INVALID_FILTER", "filters[0].values[0]"),
        ({"measures": ["HEADCOUNT"], "filters": [{"dimension": "RANK", "values": ["V_Z"]}]},
         "INVALID_FILTER", "filters[0].values[0]"),
        ({"measures": ["HEADCOUNT"], "filters": [{"dimension": "RANK", "from": "I_A"}]},
         "INVALID_FILTER", "filters[0].from"),
        ({"measures": ["JP_COMPLETED"], "filters": [{"dimension": "MONTH", "values": ["2025-13"]}]},
         "INVALID_FILTER", "filters[0].values[0]"),
        ({"measures": ["HEADCOUNT"], "sort": [{"measure": "JP_MISSING"}]},
         "INVALID_SORT", "sort[0].measure"),
        ({"measures": ["HEADCOUNT"], "limit": 0}, "INVALID_LIMIT", "limit"),
        ({"measures": ["HEADCOUNT"], "unitLevel": 99}, "INVALID_UNIT_LEVEL", "unitLevel"),
        ({"measures": ["JP_COMPLETED"], "year": 2025,
          "filters": [{"dimension": "YEAR", "values": ["2025"]}]}, "INVALID_YEAR", "year"),
    ]  # fmt: skip
    for input_, code, field in cases:
        report = await _report(client, **input_)
        assert (report["__typename"], report["code"], report["field"]) == (
            "ReportError",
            code,
            field,
        ), (input_, report)


async def test_a_report_is_one_sql_statement(client, count_queries):
    rw = await make_report_world()
    await add_enrollments(rw)
    await client.login(DEWI_NIP)
    with count_queries() as baseline:
        await client.data("{ reportMeasures { measure } }")
    inputs = [
        {"measures": STAFFING, "groupBy": ["UNIT", "POSITION"], "unitLevel": 1},
        {"measures": ["AVG_COMPETENCY_GAP", "JOB_PERSON_MATCH"], "groupBy": ["COMPETENCY_GROUP"]},
        {"measures": ["JP_RIGHT_MET_SHARE", "JP_MISSING"], "groupBy": ["UNIT", "YEAR", "GENDER"]},
        {"measures": ["ENROLLMENTS", "MEDIAN_APPROVAL_HOURS"], "groupBy": ["COURSE", "MONTH"]},
        {"measures": ["JP_COMPLETED"], "groupBy": ["COURSE", "AGE_BAND", "POSITION_LEVEL"]},
    ]
    for input_ in inputs:
        with count_queries() as counter:
            report = await _report(client, **input_)
        assert report["__typename"] == "Report", report
        assert counter.count == baseline.count + 1, counter.statements
