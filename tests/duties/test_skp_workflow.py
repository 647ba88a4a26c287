"""SKP workflow: assign (cascaded), agree, report with evidence, review, predikat, history, live."""

from __future__ import annotations

import datetime as dt

import pytest

from portal.audit.models import AuditEntry
from portal.duties.models import Rating
from portal.duties.predikat import DEFAULT_MATRIX, Predikat, parse_matrix, predikat
from portal.graphql.relay import to_global_id
from portal.graphql.util import today
from portal.settings import load_settings
from tests.factories import BUDI_NIP, SITI_NIP, add_skp, make_world

ADD_RESULT = """mutation($input: AddSkpResultInput!) { addSkpResult(input: $input) {
  __typename ... on AddSkpResultSuccess {
    result { id kind description assignedBySupervisor cascadedFrom { description } }
    skp { id status }
  }
  ... on AddSkpResultError { code field message } } }"""
ADD_INDICATOR = """mutation($input: AddSkpIndicatorInput!) { addSkpIndicator(input: $input) {
  __typename ... on AddSkpIndicatorSuccess { indicator { id targetValue } }
  ... on AddSkpIndicatorError { code field } } }"""
AGREE = """mutation($id: ID!) { agreeSkp(input: {skpId: $id, note: "Sepakat"}) {
  __typename ... on SkpChangeSuccess { skp { status } } ... on AgreeSkpError { code } } }"""
REPORT = """mutation($input: ReportSkpRealisationInput!) { reportSkpRealisation(input: $input) {
  __typename ... on SkpChangeSuccess {
    skp { results { indicators { progress realisations { period value evidenceUrl } } } }
  }
  ... on ReportSkpRealisationError { code field } } }"""
REVIEW = """mutation($input: ReviewSkpInput!) { reviewSkp(input: $input) {
  __typename ... on SkpChangeSuccess {
    skp { status resultRating reviews { period predikat feedback } history { action actorName } }
  }
  ... on ReviewSkpError { code field } } }"""
TEAM = "{ myTeam { employee { name } skpStatus results indicators overdue latestPredikat } }"


def test_predikat_matrix_default_and_configurable():
    # The annex of PermenPANRB 6/2022, cell by cell: (result, behaviour) -> predikat.
    a, s, b = Rating.ABOVE, Rating.AS_EXPECTED, Rating.BELOW
    annex = {
        (a, a): Predikat.SANGAT_BAIK, (a, s): Predikat.BAIK, (a, b): Predikat.KURANG,
        (s, a): Predikat.BAIK, (s, s): Predikat.BAIK, (s, b): Predikat.KURANG,
        (b, a): Predikat.BUTUH_PERBAIKAN, (b, s): Predikat.BUTUH_PERBAIKAN,
        (b, b): Predikat.SANGAT_KURANG,
    }  # fmt: skip
    assert {pair: predikat(*pair) for pair in annex} == annex
    assert annex == DEFAULT_MATRIX
    custom = parse_matrix(
        "{" + ", ".join(f'"{r.value}/{b.value}": "BAIK"' for r, b in DEFAULT_MATRIX) + "}"
    )
    assert predikat(Rating.BELOW, Rating.BELOW, custom) is Predikat.BAIK
    with pytest.raises(ValueError, match="must cover all nine rating combinations"):
        parse_matrix('{"ABOVE/ABOVE": "BAIK"}')


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("{not json", "not JSON"),
        ("[1, 2]", "expected a JSON object"),
        ('{"ABOVE/ABOVE": "EXCELLENT"}', "'ABOVE/ABOVE': 'EXCELLENT' is not"),
        ('{"ABOVE": "BAIK"}', "'ABOVE': 'BAIK' is not"),
        ('{"ABOVE/ABOVE": "BAIK"}', "all nine"),
    ],
)
def test_a_malformed_predikat_matrix_stops_the_start_up(raw, reason):
    with pytest.raises(ValueError, match="PORTAL_SKP_PREDIKAT_MATRIX") as caught:
        load_settings(skp_predikat_matrix=raw)
    assert reason in str(caught.value)


async def test_budi_assigns_siti_reports_budi_rates(client):
    w = await make_world()
    year = today().year
    budi_skp = await add_skp(w.budi, year, results=1)
    parent = await budi_skp.results.all().first()
    parent_id = to_global_id("SkpResult", parent.id)

    await client.login(BUDI_NIP)
    base = {
        "nip": SITI_NIP,
        "year": year,
        "kind": "UTAMA",
        "description": "Cakupan asuhan keperawatan",
    }
    missing = (await client.data(ADD_RESULT, {"input": base}))["addSkpResult"]
    assert missing["code"] == "CASCADE_REQUIRED"
    added = (await client.data(ADD_RESULT, {"input": {**base, "parentResultId": parent_id}}))[
        "addSkpResult"
    ]
    assert added["result"]["assignedBySupervisor"] is True
    assert added["result"]["cascadedFrom"]["description"] == "Hasil kerja 1"
    result_id = added["result"]["id"]
    ind = (
        await client.data(
            ADD_INDICATOR,
            {
                "input": {
                    "resultId": result_id,
                    "aspect": "QUANTITY",
                    "description": "Pasien dilayani",
                    "targetValue": "400",
                    "unitLabel": "pasien",
                }
            },
        )
    )["addSkpIndicator"]
    indicator_id = ind["indicator"]["id"]
    assert (await client.data(AGREE, {"id": added["skp"]["id"]}))["agreeSkp"]["skp"][
        "status"
    ] == "AGREED"

    await client.login(SITI_NIP)
    # She cannot add results to an agreed plan herself, nor agree it.
    assert (await client.data(ADD_RESULT, {"input": {**base, "kind": "TAMBAHAN"}}))["addSkpResult"][
        "code"
    ] == "INVALID_STATE"
    assert (await client.data(AGREE, {"id": added["skp"]["id"]}))["agreeSkp"][
        "code"
    ] == "NOT_ALLOWED"
    report = {
        "indicatorId": indicator_id,
        "period": 1,
        "value": "100",
        "note": "Triwulan I",
        "evidenceUrl": "https://drive.example.go.id/bukti/1",
    }
    bad = (await client.data(REPORT, {"input": {**report, "evidenceUrl": "javascript:alert(1)"}}))[
        "reportSkpRealisation"
    ]
    assert bad["field"] == "evidenceUrl"
    bad = (await client.data(REPORT, {"input": {**report, "value": "banyak"}}))[
        "reportSkpRealisation"
    ]
    assert bad["field"] == "value"
    ok = (await client.data(REPORT, {"input": report}))["reportSkpRealisation"]
    indicator = ok["skp"]["results"][0]["indicators"][0]
    assert indicator["progress"] == 25.0
    assert indicator["realisations"][0]["evidenceUrl"].startswith("https://")

    await client.login(BUDI_NIP)
    team = (await client.data(TEAM))["myTeam"]
    assert {m["employee"]["name"] for m in team} == {"Siti Rahmawati", "Rina Marlina"}
    siti = next(m for m in team if m["employee"]["name"] == "Siti Rahmawati")
    assert siti["skpStatus"] == "AGREED"
    assert siti["indicators"] == 1
    reviewed = (
        await client.data(
            REVIEW,
            {
                "input": {
                    "skpId": added["skp"]["id"],
                    "period": 0,
                    "resultRating": "ABOVE",
                    "behaviourRating": "AS_EXPECTED",
                    "feedback": "Pertahankan",
                }
            },
        )
    )["reviewSkp"]
    skp = reviewed["skp"]
    assert skp["status"] == "EVALUATED"
    assert skp["resultRating"] == "ABOVE"
    assert skp["reviews"] == [{"period": 0, "predikat": "BAIK", "feedback": "Pertahankan"}]
    assert [h["action"] for h in skp["history"]] == [
        "RESULT_ASSIGNED",
        "INDICATOR_ADDED",
        "AGREED",
        "REALISATION_REPORTED",
        "REVIEWED",
    ]
    assert skp["history"][0]["actorName"] == "Budi Santoso"
    assert await AuditEntry.filter(action="skp.reviewed").count() == 1


async def test_no_one_outside_the_line_can_touch_it(client):
    w = await make_world()
    year = today().year
    skp = await add_skp(w.siti, year, results=1)
    result = await skp.results.all().first()
    for outsider in (w.stranger.nip, w.other_supervisor.nip, w.colleague.nip, w.kadis.nip):
        await client.login(outsider)
        body = await client.data(
            ADD_RESULT,
            {
                "input": {
                    "nip": SITI_NIP,
                    "year": year,
                    "kind": "TAMBAHAN",
                    "description": "Tugas tambahan",
                }
            },
        )
        assert body["addSkpResult"]["code"] == "NOT_ALLOWED", outsider
        body = await client.data(AGREE, {"id": to_global_id("Skp", skp.id)})
        assert body["agreeSkp"]["code"] == "NOT_ALLOWED"
        body = await client.data(
            ADD_INDICATOR,
            {
                "input": {
                    "resultId": to_global_id("SkpResult", result.id),
                    "aspect": "QUALITATIVE",
                    "description": "x",
                    "targetText": "y",
                }
            },
        )
        assert body["addSkpIndicator"]["code"] == "NOT_ALLOWED"


async def test_rules_on_periods_and_states(client):
    await make_world()
    year = today().year
    await client.login(SITI_NIP)
    # Her supervisor has no SKP: a main result needs no parent.
    added = (
        await client.data(
            ADD_RESULT,
            {
                "input": {
                    "nip": SITI_NIP,
                    "year": year,
                    "kind": "UTAMA",
                    "description": "Pelayanan pasien",
                }
            },
        )
    )["addSkpResult"]
    assert added["__typename"] == "AddSkpResultSuccess"
    await client.login(BUDI_NIP)
    assert (await client.data(AGREE, {"id": added["skp"]["id"]}))["agreeSkp"][
        "code"
    ] == "EMPTY_PLAN"
    ind = (
        await client.data(
            ADD_INDICATOR,
            {
                "input": {
                    "resultId": added["result"]["id"],
                    "aspect": "QUALITATIVE",
                    "description": "Kepuasan pasien",
                    "targetText": "Tidak ada keluhan",
                }
            },
        )
    )["addSkpIndicator"]
    await client.data(AGREE, {"id": added["skp"]["id"]})
    assert (await client.data(AGREE, {"id": added["skp"]["id"]}))["agreeSkp"][
        "code"
    ] == "INVALID_STATE"
    await client.login(SITI_NIP)
    next_year = {"indicatorId": ind["indicator"]["id"], "period": 4, "note": "x"}
    if today() < dt.date(year, 10, 1):
        assert (await client.data(REPORT, {"input": next_year}))["reportSkpRealisation"][
            "code"
        ] == "PERIOD_NOT_STARTED"
    empty = {"indicatorId": ind["indicator"]["id"], "period": 1, "note": ""}
    assert (await client.data(REPORT, {"input": empty}))["reportSkpRealisation"]["field"] == "note"
    assert (await client.data(REPORT, {"input": {**empty, "period": 9}}))["reportSkpRealisation"][
        "field"
    ] == "period"


async def test_team_view_costs_the_same_for_2_or_20_subordinates(client, count_queries):
    w = await make_world()
    from tests.factories import make_employee

    await client.login(BUDI_NIP)
    with count_queries() as small:
        assert len((await client.data(TEAM))["myTeam"]) == 2
    for i in range(18):
        person = await make_employee(f"Perawat {i:02d}", w.siti_pos, w.dinkes)
        await add_skp(person, today().year, results=2)
    with count_queries() as large:
        assert len((await client.data(TEAM))["myTeam"]) == 20
    assert small.count == large.count


async def test_hr_sets_duties_and_holders_see_them(client):
    w = await make_world()
    document = """mutation($input: SetPositionDutiesInput!) { setPositionDuties(input: $input) {
      __typename ... on SetPositionDutiesSuccess { duties }
      ... on SetPositionDutiesError { code field } } }"""
    variables = {
        "input": {
            "positionId": to_global_id("Position", w.siti_pos.id),
            "duties": ["Asuhan", "Edukasi pasien"],
        }
    }
    await client.login(BUDI_NIP)
    assert (await client.gql(document, variables))["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    from tests.factories import DEWI_NIP

    await client.login(DEWI_NIP)
    assert (await client.data(document, variables))["setPositionDuties"]["duties"] == [
        "Asuhan",
        "Edukasi pasien",
    ]
    bad = {"input": {**variables["input"], "duties": ["ok", "  "]}}
    assert (await client.data(document, bad))["setPositionDuties"]["field"] == "duties[1]"
    await client.login(SITI_NIP)
    duties = (await client.data("{ me { duties { description } } }"))["me"]["duties"]
    assert [d["description"] for d in duties] == ["Asuhan", "Edukasi pasien"]
