"""surveyResults and its CSV: SQL sums, exact IKM, groups, periods in WIB, who sees what."""

from __future__ import annotations

import csv
import datetime as dt
import io

from portal.graphql.relay import to_global_id
from tests.factories import make_unit, make_world
from tests.survey.helpers import add_responses, make_service, make_unit_head
from tests.survey.test_ikm import FOUR

RESULTS = """
query($from: Date!, $to: Date!, $unitId: ID, $serviceId: ID, $groupBy: SurveyGroupBy) {
  surveyResults(from: $from, to: $to, unitId: $unitId, serviceId: $serviceId, groupBy: $groupBy) {
    from to csvUrl
    overall {
      respondents ikm ikmExact grade gradeLabel weakestElements
      elements { code name nrr score grade weakest needsAttention }
    }
    groups { key label result { respondents ikm grade } }
  }
}
"""
UTC = dt.UTC
MARCH = dt.datetime(2026, 3, 10, 3, 0, tzinfo=UTC)


async def seeded():
    w = await make_world()
    ktp = await make_service(w.disdukcapil)
    akta = await make_service(w.disdukcapil, "Akta Kelahiran", "capil-akta")
    imunisasi = await make_service(w.dinkes, "Imunisasi", "dinkes-imunisasi")
    await add_responses(ktp, FOUR, at=MARCH)
    await add_responses(akta, [[3] * 9, [2] * 9], at=MARCH)
    await add_responses(imunisasi, [[4] * 9], at=MARCH)
    return w, ktp, akta, imunisasi


async def results(client, **variables):
    args = {"from": "2026-01-01", "to": "2026-12-31"} | variables
    return (await client.data(RESULTS, args))["surveyResults"]


async def test_hr_sees_the_ikm_computed_from_sql_sums(client):
    w, ktp, _, _ = await seeded()
    await client.login(w.dewi.nip)
    data = await results(client, serviceId=str(to_global_id("SurveyService", ktp.id)))
    overall = data["overall"]
    # The worked example of test_ikm (81.25, B), this time summed by the database.
    assert (overall["respondents"], overall["ikm"], overall["ikmExact"]) == (4, "81.25", "325/4")
    assert (overall["grade"], overall["gradeLabel"]) == ("B", "Baik")
    assert overall["weakestElements"] == ["U2", "U3", "U9"]
    u2 = overall["elements"][1]
    assert u2 == {
        "code": "U2", "name": "Sistem, Mekanisme, dan Prosedur", "nrr": "2.750",
        "score": "68.75", "grade": "C", "weakest": True, "needsAttention": True,
    }  # fmt: skip


async def test_groups_by_service_and_unit_add_up_to_the_overall(client):
    w, _ktp, akta, _imunisasi = await seeded()
    await client.login(w.dewi.nip)
    by_service = await results(client, groupBy="SERVICE")
    labels = [(g["label"], g["result"]["respondents"]) for g in by_service["groups"]]
    assert labels == [
        ("Akta Kelahiran (Disdukcapil)", 2),
        ("Imunisasi (Dinas Kesehatan)", 1),
        ("Perekaman KTP-el (Disdukcapil)", 4),
    ]
    assert by_service["groups"][0]["key"] == str(to_global_id("SurveyService", akta.id))
    assert by_service["overall"]["respondents"] == 7
    by_unit = await results(client, groupBy="UNIT")
    assert [(g["label"], g["result"]["respondents"]) for g in by_unit["groups"]] == [
        ("Dinas Kesehatan", 1),
        ("Disdukcapil", 6),
    ]
    # Disdukcapil: all answers add up to 117 + 27 + 18 = 162 over 6 respondents, so the NRRs
    # add up to 162 / 6 = 27 and IKM = 27 x 1/9 x 25 = 75 (C).
    capil = await results(client, unitId=str(to_global_id("OrgUnit", w.disdukcapil.id)))
    assert (capil["overall"]["ikmExact"], capil["overall"]["ikm"]) == ("75/1", "75.00")
    assert capil["overall"]["grade"] == "C"


async def test_months_and_quarters_are_cut_at_midnight_wib(client):
    w, ktp, _, _ = await seeded()
    # 31 March 18:30 UTC is 1 April 01:30 WIB: April, second quarter.
    await add_responses(ktp, [[1] * 9], at=dt.datetime(2026, 3, 31, 18, 30, tzinfo=UTC))
    # 30 June 16:59 UTC is 23:59 WIB: still June.
    await add_responses(ktp, [[2] * 9], at=dt.datetime(2026, 6, 30, 16, 59, tzinfo=UTC))
    await client.login(w.dewi.nip)
    months = await results(client, groupBy="MONTH")
    assert [(g["key"], g["label"], g["result"]["respondents"]) for g in months["groups"]] == [
        ("2026-03", "Maret 2026", 7),
        ("2026-04", "April 2026", 1),
        ("2026-06", "Juni 2026", 1),
    ]
    quarters = await results(client, groupBy="QUARTER")
    assert [(g["key"], g["label"]) for g in quarters["groups"]] == [
        ("2026-Q1", "Triwulan I 2026"),
        ("2026-Q2", "Triwulan II 2026"),
    ]
    # The period's last day is counted whole, in WIB.
    april_first = await results(client, **{"from": "2026-04-01", "to": "2026-04-01"})
    assert april_first["overall"]["respondents"] == 1
    march = await results(client, **{"from": "2026-03-01", "to": "2026-03-31"})
    assert march["overall"]["respondents"] == 7


async def test_an_empty_period_has_no_ikm(client):
    w, *_ = await seeded()
    await client.login(w.dewi.nip)
    data = await results(client, **{"from": "2025-01-01", "to": "2025-12-31"}, groupBy="MONTH")
    assert data["overall"] is None
    assert data["groups"] == []


async def test_a_unit_head_sees_their_subtree_only(client):
    w, _ktp, _, imunisasi = await seeded()
    seksi = await make_unit("Seksi Pendaftaran Penduduk", w.disdukcapil)
    counter = await make_service(seksi, "Pindah Datang", "capil-pindah")
    await add_responses(counter, [[4] * 9], at=MARCH)
    await make_unit_head(w.other_supervisor, w.disdukcapil)
    await client.login(w.other_supervisor.nip)
    data = await results(client, groupBy="UNIT")
    assert [g["label"] for g in data["groups"]] == ["Disdukcapil", "Seksi Pendaftaran Penduduk"]
    assert data["overall"]["respondents"] == 7
    # Another unit, or its service, is forbidden, not silently empty.
    dinkes = str(to_global_id("OrgUnit", w.dinkes.id))
    body = await client.gql(RESULTS, {"from": "2026-01-01", "to": "2026-12-31", "unitId": dinkes})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    service = str(to_global_id("SurveyService", imunisasi.id))
    body = await client.gql(
        RESULTS, {"from": "2026-01-01", "to": "2026-12-31", "serviceId": service}
    )
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_employees_and_anonymous_may_not_read_results(client, new_client):
    w, *_ = await seeded()
    variables = {"from": "2026-01-01", "to": "2026-12-31"}
    async with new_client(client) as anonymous:
        body = await anonymous.gql(RESULTS, variables)
        assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    for nip in (w.siti.nip, w.budi.nip, w.other_supervisor.nip):  # no UNIT_HEAD grant
        await client.login(nip)
        body = await client.gql(RESULTS, variables)
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN", nip


async def test_a_backwards_period_is_an_input_error(client):
    w, *_ = await seeded()
    await client.login(w.dewi.nip)
    body = await client.gql(RESULTS, {"from": "2026-05-01", "to": "2026-04-01"})
    assert body["errors"][0]["extensions"] == {"code": "INVALID_PERIOD", "field": "from"}


async def test_csv_export_streams_the_same_results_with_a_bom(client, new_client):
    w, *_ = await seeded()
    await make_unit_head(w.other_supervisor, w.disdukcapil)
    await client.login(w.dewi.nip)
    data = await results(client, groupBy="SERVICE")
    response = await client.http.get(data["csvUrl"])
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert "attachment" in response.headers["content-disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Kelompok", "Responden", "NRR U1"]
    assert rows[0][-4:] == ["IKM", "Mutu", "Kinerja", "Unsur terlemah"]
    assert [r[0] for r in rows[1:]] == [
        "Akta Kelahiran (Disdukcapil)",
        "Imunisasi (Dinas Kesehatan)",
        "Perekaman KTP-el (Disdukcapil)",
        "Seluruhnya",
    ]
    ktp = rows[3]
    assert ktp[1:3] == ["4", "3.500"]
    assert ktp[-4:] == ["81.25", "B", "Baik", "U2 U3 U9"]
    assert b"\r\n" in response.content
    # Same authorization as the query: a unit head gets their units, others are refused.
    await client.login(w.other_supervisor.nip)
    scoped = await client.http.get(data["csvUrl"])
    assert [r[0] for r in csv.reader(io.StringIO(scoped.content.decode("utf-8-sig")))][1:] == [
        "Akta Kelahiran (Disdukcapil)",
        "Perekaman KTP-el (Disdukcapil)",
        "Seluruhnya",
    ]
    await client.login(w.siti.nip)
    assert (await client.http.get(data["csvUrl"])).status_code == 403
    async with new_client(client) as anonymous:
        assert (await anonymous.http.get(data["csvUrl"])).status_code == 401
    await client.login(w.dewi.nip)
    assert (
        await client.http.get("/survey/results.csv?from=2026-05-01&to=2026-01-01")
    ).status_code == 400
