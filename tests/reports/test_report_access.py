"""Who sees what: HR everything; unit heads their units; supervisors their line; small groups
suppressed for everyone but HR; plain employees are refused."""

from __future__ import annotations

from portal.graphql.relay import to_global_id
from tests.conftest import running_app
from tests.factories import BUDI_NIP, DEWI_NIP, SITI_NIP
from tests.reports.world import add_unit_head, make_report_world

REPORT = """
query($input: ReportInput!) {
  report(input: $input) {
    __typename
    ... on Report {
      minGroupSize rowCount
      rows { suppressed cells { label } values { value } }
      totals { suppressed values { value } }
    }
  }
}
"""
STAFFING = ["HEADCOUNT", "REQUIRED_HEADCOUNT", "STAFFING_GAP"]


async def _rows(client, **input_):
    report = (await client.data(REPORT, {"input": input_}))["report"]
    rows = [
        (r["cells"][0]["label"] if r["cells"] else None, [v["value"] for v in r["values"]],
         r["suppressed"])
        for r in report["rows"]
    ]  # fmt: skip
    totals = ([v["value"] for v in report["totals"]["values"]], report["totals"]["suppressed"])
    return report, rows, totals


def _code(body):
    return body["errors"][0]["extensions"]["code"]


async def test_an_employee_who_supervises_nobody_gets_no_reports(client):
    await make_report_world()
    await client.login(SITI_NIP)
    body = await client.gql(REPORT, {"input": {"measures": ["HEADCOUNT"]}})
    assert _code(body) == "FORBIDDEN"
    for query in (
        "{ reportMeasures { measure } }",
        "{ staffingNeeds { totalCount } }",
        "{ competencyGaps { totalCount } }",
        "{ jpShortfalls { totalCount } }",
    ):
        assert _code(await client.gql(query)) == "FORBIDDEN", query


async def test_a_supervisor_sees_their_line_with_small_groups_suppressed(client):
    rw = await make_report_world()
    await client.login(rw.w.kadis.nip)  # heads Dinkes: every position below his
    report, rows, totals = await _rows(
        client,
        measures=STAFFING,
        groupBy=["UNIT"],
        sort=[{"measure": "STAFFING_GAP"}],
    )
    assert report["minGroupSize"] == 3
    # His own post is not in his line; the Pustu has one person: suppressed, and sorted last
    # although its real gap (-0.4) is the smallest.
    assert rows == [
        ("Dinas Kesehatan", [4, 4.2, 0.2], False),
        ("Puskesmas Pamulang", [4, 5.0, 2.0], False),
        ("Pustu Pondok Cabe", [None, None, None], True),
    ]
    assert totals == ([None, None, None], True)  # else the Pustu would follow by subtraction


async def test_a_small_line_is_suppressed_whole(client):
    rw = await make_report_world()
    await client.login(BUDI_NIP)  # Siti and Rina
    _, rows, totals = await _rows(client, measures=["HEADCOUNT"], groupBy=["RANK"])
    assert rows == [("III/a", [None], True)]
    assert totals == ([None], True)
    # Nothing of another unit, whatever the filter asks.
    capil = to_global_id("OrgUnit", rw.w.disdukcapil.id)
    _, rows, totals = await _rows(
        client, measures=["HEADCOUNT"], filters=[{"dimension": "UNIT", "values": [capil]}]
    )
    assert rows == [(None, [0], False)]
    assert totals == ([0], False)


async def test_a_unit_head_sees_their_units_subtree(client):
    rw = await make_report_world()
    ayu = rw.dokters[0]
    await add_unit_head(ayu, rw.puskesmas)
    await client.login(ayu.nip)
    _, rows, totals = await _rows(client, measures=["HEADCOUNT"], groupBy=["GENDER"])
    # Puskesmas and its Pustu: Ayu, Citra, Desi; Bayu, Eko.
    assert rows == [("Perempuan", [3], False), ("Laki-laki", [None], True)]
    assert totals == ([None], True)
    _, rows, totals = await _rows(client, measures=["HEADCOUNT"])
    assert totals == ([5], False)
    _, rows, _ = await _rows(client, measures=["STAFFING_GAP"], groupBy=["POSITION"])
    assert [r[0] for r in rows] == ["Bidan Terampil", "Dokter Ahli Pertama", "Perawat Terampil"]
    # Aggregates only: the lists that name people are for HR and supervisors.
    assert _code(await client.gql("{ competencyGaps { totalCount } }")) == "FORBIDDEN"
    assert _code(await client.gql("{ jpShortfalls { totalCount } }")) == "FORBIDDEN"


async def test_hr_sees_everything_unsuppressed(client):
    await make_report_world()
    await client.login(DEWI_NIP)
    report, rows, totals = await _rows(client, measures=["HEADCOUNT"], groupBy=["RANK"])
    assert report["minGroupSize"] == 0
    assert not any(r[2] for r in rows)
    assert ("III/d", [1], False) in rows
    assert totals == ([13], False)


async def test_the_threshold_is_a_setting(db):
    rw = await make_report_world()
    stricter = db.model_copy(update={"report_min_group": 5})
    async with running_app(stricter) as client:
        await client.login(rw.w.kadis.nip)
        report, rows, _ = await _rows(client, measures=["HEADCOUNT"], groupBy=["UNIT"])
    assert report["minGroupSize"] == 5
    assert [r[2] for r in rows] == [True, True, True]  # 4, 4 and 1 people
