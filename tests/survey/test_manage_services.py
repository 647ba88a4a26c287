"""Managing a unit's survey: services, one-time tokens, the feedback list; who may do it."""

from __future__ import annotations

from portal.audit.models import AuditEntry
from portal.graphql.relay import to_global_id
from portal.survey.models import SurveyService, SurveyToken
from tests.factories import make_world
from tests.survey.helpers import SUBMIT, add_responses, make_service, make_unit_head, submit_input

ISSUE = """
mutation($input: IssueSurveyTokensInput!) {
  issueSurveyTokens(input: $input) {
    __typename
    ... on IssueSurveyTokensSuccess { tokens expiresAt service { code requiresToken } }
    ... on IssueSurveyTokensError { code field message }
  }
}
"""
CREATE = """
mutation($input: CreateSurveyServiceInput!) {
  createSurveyService(input: $input) {
    __typename
    ... on SurveyServiceSuccess {
      service { id code name active surveyUrl qrCodeUrl unit { name } }
    }
    ... on CreateSurveyServiceError { code field message }
  }
}
"""
UPDATE = """
mutation($input: UpdateSurveyServiceInput!) {
  updateSurveyService(input: $input) {
    __typename
    ... on SurveyServiceSuccess { service { name active requiresToken } }
    ... on UpdateSurveyServiceError { code field message }
  }
}
"""
SERVICES = "{ surveyServices(includeInactive: true) { totalCount edges { node { code } } } }"
RESPONSES = """
query($withSuggestion: Boolean) {
  surveyResponses(from: "2000-01-01", to: "2100-01-01", withSuggestion: $withSuggestion) {
    totalCount edges { node { id answers suggestion service { code } } }
  }
}
"""


async def test_hr_and_the_unit_head_issue_tokens_that_work_once(client, new_client):
    w = await make_world()
    await make_service(w.disdukcapil, requires_token=True)
    await make_unit_head(w.other_supervisor, w.disdukcapil)
    await client.login(w.other_supervisor.nip)
    body = await client.data(ISSUE, {"input": {"serviceCode": "capil-ktp-el", "count": 3}})
    issued = body["issueSurveyTokens"]
    assert issued["__typename"] == "IssueSurveyTokensSuccess"
    assert len(set(issued["tokens"])) == 3
    assert all(len(t) == 11 and t[5] == "-" for t in issued["tokens"])
    # Only hashes are kept.
    stored = await SurveyToken.all().values_list("token_hash", flat=True)
    assert not set(issued["tokens"]) & set(stored)
    assert await AuditEntry.filter(action="survey.tokens.issue").count() == 1
    async with new_client(client) as citizen:
        first = await citizen.data(SUBMIT, {"input": submit_input(token=issued["tokens"][0])})
        again = await citizen.data(SUBMIT, {"input": submit_input(token=issued["tokens"][0])})
    assert first["submitSurvey"]["__typename"] == "SubmitSurveySuccess"
    assert again["submitSurvey"]["code"] == "TOKEN_USED"
    await client.login(w.dewi.nip)
    too_many = await client.data(ISSUE, {"input": {"serviceCode": "capil-ktp-el", "count": 501}})
    assert too_many["issueSurveyTokens"]["code"] == "INVALID_COUNT"
    unknown = await client.data(ISSUE, {"input": {"serviceCode": "nope-nope", "count": 1}})
    assert unknown["issueSurveyTokens"]["code"] == "SERVICE_NOT_FOUND"


async def test_others_may_not_issue_tokens(client, new_client):
    w = await make_world()
    await make_service(w.disdukcapil)
    await make_unit_head(w.colleague, w.dinkes)
    variables = {"input": {"serviceCode": "capil-ktp-el", "count": 1}}
    async with new_client(client) as anonymous:
        body = await anonymous.gql(ISSUE, variables)
        assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    for nip in (w.colleague.nip, w.siti.nip, w.other_supervisor.nip):
        await client.login(nip)
        body = await client.gql(ISSUE, variables)
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN", nip
    assert await SurveyToken.all().count() == 0


async def test_a_unit_head_opens_renames_and_closes_a_service(client):
    w = await make_world()
    await make_unit_head(w.other_supervisor, w.disdukcapil)
    await client.login(w.other_supervisor.nip)
    unit = str(to_global_id("OrgUnit", w.disdukcapil.id))
    body = await client.data(CREATE, {"input": {"unitId": unit, "name": "Akta Kelahiran"}})
    service = body["createSurveyService"]["service"]
    assert service["code"].startswith("akta-kelahiran-")
    assert service["surveyUrl"] == f"http://127.0.0.1:8000/#/survei/{service['code']}"
    assert service["qrCodeUrl"] == f"/survey/{service['code']}/qr.svg"
    taken = await client.data(
        CREATE, {"input": {"unitId": unit, "name": "Akta Lagi", "code": service["code"]}}
    )
    assert taken["createSurveyService"]["code"] == "CODE_TAKEN"
    bad = await client.data(CREATE, {"input": {"unitId": unit, "name": "Xy", "code": "A B"}})
    assert bad["createSurveyService"]["code"] == "INVALID_NAME"
    changed = await client.data(
        UPDATE, {"input": {"serviceId": service["id"], "active": False, "requiresToken": True}}
    )
    assert changed["updateSurveyService"]["service"] == {
        "name": "Akta Kelahiran", "active": False, "requiresToken": True,
    }  # fmt: skip
    listed = await client.data(SERVICES)
    assert listed["surveyServices"]["totalCount"] == 1
    # Another unit is not theirs.
    dinkes = str(to_global_id("OrgUnit", w.dinkes.id))
    body = await client.gql(CREATE, {"input": {"unitId": dinkes, "name": "Imunisasi"}})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await SurveyService.all().count() == 1


async def test_the_feedback_list_is_scoped_and_filters_suggestions(client):
    w = await make_world()
    capil = await make_service(w.disdukcapil)
    dinkes = await make_service(w.dinkes, "Imunisasi", "dinkes-imunisasi")
    await add_responses(capil, [[4] * 9], suggestion="Petugas ramah")
    await add_responses(capil, [[3] * 9])
    await add_responses(dinkes, [[2] * 9], suggestion="Ruang tunggu panas")
    await make_unit_head(w.other_supervisor, w.disdukcapil)
    await client.login(w.other_supervisor.nip)
    everything = (await client.data(RESPONSES))["surveyResponses"]
    assert everything["totalCount"] == 2
    written = (await client.data(RESPONSES, {"withSuggestion": True}))["surveyResponses"]
    assert [e["node"]["suggestion"] for e in written["edges"]] == ["Petugas ramah"]
    await client.login(w.dewi.nip)
    assert (await client.data(RESPONSES))["surveyResponses"]["totalCount"] == 3
    await client.login(w.siti.nip)
    body = await client.gql(RESPONSES)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
