"""IKM as a measure of the general `report` query: the same figure surveyResults publishes,
grouped by unit, service and WIB period, scoped and suppressed like every report."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from portal.graphql.relay import to_global_id
from tests.survey.helpers import add_responses, make_unit_head
from tests.survey.test_survey_results import RESULTS, seeded

REPORT = """
query($input: ReportInput!) {
  report(input: $input) {
    __typename
    ... on Report {
      fact years minGroupSize
      rows { suppressed cells { dimension value label } ikm surveyResponses }
      totals { suppressed ikm surveyResponses }
    }
    ... on ReportError { code field message }
  }
}
"""


async def _report(client, **input_):
    return (
        await client.data(REPORT, {"input": {"measures": ["IKM", "SURVEY_RESPONSES"]} | input_})
    )["report"]


async def test_ikm_per_service_matches_survey_results(client):
    w, _, akta, _ = await seeded()
    await client.login(w.dewi.nip)
    report = await _report(client, groupBy=["SURVEY_SERVICE"], year=2026)
    assert report["fact"] == "SURVEY"
    published = (
        await client.data(RESULTS, {"from": "2026-01-01", "to": "2026-12-31", "groupBy": "SERVICE"})
    )["surveyResults"]
    # surveyResults labels a service "Name (Unit)"; the report labels it by name.
    expected = {g["label"].split(" (")[0]: g["result"] for g in published["groups"]}
    rows = {r["cells"][0]["label"]: r for r in report["rows"]}
    assert set(rows) == set(expected) == {"Perekaman KTP-el", "Akta Kelahiran", "Imunisasi"}
    for label, row in rows.items():
        # The report keeps the unrounded value; published figures are it rounded to 2 places.
        assert f"{row['ikm']:.2f}" == expected[label]["ikm"], (label, row)
        assert row["surveyResponses"] == expected[label]["respondents"]
    assert f"{report['totals']['ikm']:.2f}" == published["overall"]["ikm"]
    assert report["totals"]["surveyResponses"] == published["overall"]["respondents"]
    # Akta: [3]*9 and [2]*9 -> NRR 2.5 on every element -> IKM 62.5 exactly.
    assert rows["Akta Kelahiran"]["ikm"] == 62.5
    # The service's cell value is its global id, usable as a filter.
    akta_id = str(to_global_id("SurveyService", akta.id))
    assert rows["Akta Kelahiran"]["cells"][0]["value"] == akta_id
    only = await _report(
        client, year=2026, filters=[{"dimension": "SURVEY_SERVICE", "values": [akta_id]}]
    )
    assert only["totals"] == {"suppressed": False, "ikm": 62.5, "surveyResponses": 2}


async def test_ikm_per_unit_and_wib_month(client):
    w, _, _, imunisasi = await seeded()
    # 31 Dec 2025 20:00 UTC is 1 Jan 2026 03:00 WIB: January 2026, not December 2025.
    await add_responses(imunisasi, [[1] * 9], at=dt.datetime(2025, 12, 31, 20, 0, tzinfo=dt.UTC))
    await client.login(w.dewi.nip)
    report = await _report(client, groupBy=["UNIT", "MONTH"], year=2026)
    cells = [[c["label"] for c in r["cells"]] + [r["surveyResponses"]] for r in report["rows"]]
    assert cells == [
        ["Dinas Kesehatan", "2026-01", 1],
        ["Dinas Kesehatan", "2026-03", 1],
        ["Disdukcapil", "2026-03", 6],
    ], cells
    january = await _report(client, filters=[{"dimension": "MONTH", "values": ["2026-01"]}])
    assert january["totals"]["surveyResponses"] == 1
    assert january["totals"]["ikm"] == 25.0
    assert (await _report(client, year=2025))["totals"]["surveyResponses"] == 0


async def test_unit_heads_see_their_units_ikm_and_supervisors_none(client):
    w, *_ = await seeded()
    await make_unit_head(w.other_supervisor, w.disdukcapil)
    await client.login(w.other_supervisor.nip)
    report = await _report(client, groupBy=["SURVEY_SERVICE"], year=2026)
    assert report["minGroupSize"] == 3
    rows = {r["cells"][0]["label"]: r for r in report["rows"]}
    assert set(rows) == {"Perekaman KTP-el", "Akta Kelahiran"}  # not Dinkes' Imunisasi
    # Two answers are too few to show anyone but HR; the totals would give them away.
    assert rows["Akta Kelahiran"]["suppressed"]
    assert rows["Akta Kelahiran"]["ikm"] is None
    assert rows["Perekaman KTP-el"]["surveyResponses"] == 4
    assert report["totals"]["suppressed"]
    # A supervisor who heads no unit reads reports of their line: no survey answers there.
    await client.login(w.budi.nip)
    report = await _report(client, year=2026)
    assert report["totals"]["surveyResponses"] == 0
    assert report["totals"]["ikm"] is None


async def test_ikm_in_the_report_csv_and_typed_errors(client):
    w, *_ = await seeded()
    await client.login(w.dewi.nip)
    response = await client.http.get(
        "/reports/export.csv",
        params={
            "input": json.dumps(
                {"measures": ["IKM", "SURVEY_RESPONSES"], "groupBy": ["UNIT"], "year": 2026}
            )
        },
    )
    assert response.status_code == 200, response.text
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert table[0] == ["Unit Kerja", "IKM", "Jumlah Responden SKM", "Disamarkan"]
    assert {r[0] for r in table[1:-1]} == {"Disdukcapil", "Dinas Kesehatan"}
    # IKM and headcount come from different data: a typed error, not a wrong number.
    body = await client.data(REPORT, {"input": {"measures": ["IKM", "HEADCOUNT"]}})
    assert body["report"]["code"] == "UNSUPPORTED_COMBINATION"
    body = await client.data(REPORT, {"input": {"measures": ["IKM"], "groupBy": ["GENDER"]}})
    assert body["report"] == {
        "__typename": "ReportError",
        "code": "UNSUPPORTED_COMBINATION",
        "field": "groupBy[0]",
        "message": body["report"]["message"],
    }
