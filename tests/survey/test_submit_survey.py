"""submitSurvey: public, validated whole (a bad input stores nothing), honeypot, tokens, CSRF."""

from __future__ import annotations

import datetime as dt

import pytest
from tortoise.exceptions import IntegrityError, OperationalError

from portal.survey.models import SurveyResponse, SurveyToken
from portal.survey.service import hash_token
from tests.factories import make_world
from tests.survey.helpers import GOOD, SUBMIT, add_responses, make_service, submit_input

SERVICE = """
query($code: String!) {
  surveyService(code: $code) {
    code name unitName accepting requiresToken
    questions { code name question options }
  }
}
"""


async def submit(client, **overrides):
    body = await client.gql(SUBMIT, {"input": submit_input(**overrides)})
    assert not body.get("errors"), body["errors"]
    return body["data"]["submitSurvey"]


async def test_survey_service_shows_the_nine_questions_to_anyone(client):
    w = await make_world()
    await make_service(w.disdukcapil)
    data = await client.data(SERVICE, {"code": "CAPIL-KTP-EL "})
    service = data["surveyService"]
    assert (service["name"], service["unitName"]) == ("Perekaman KTP-el", "Disdukcapil")
    assert [q["code"] for q in service["questions"]] == [f"U{i}" for i in range(1, 10)]
    first = service["questions"][0]
    assert first["question"] == (
        "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis "
        "pelayanannya?"
    )
    assert first["options"] == ["Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"]
    assert all(len(q["options"]) == 4 for q in service["questions"])
    assert (await client.data(SERVICE, {"code": "tidak-ada"}))["surveyService"] is None


async def test_a_citizen_submits_without_signing_in(client):
    w = await make_world()
    service = await make_service(w.disdukcapil)
    result = await submit(
        client,
        suggestion="  Antrean terlalu lama di loket 2.\x07\x1b ",
        profile={"gender": "FEMALE", "ageBand": "AGE_30_39", "education": "S1",
                 "occupation": "WIRAUSAHA"},
    )  # fmt: skip
    assert result["__typename"] == "SubmitSurveySuccess"
    assert result["service"]["unitName"] == "Disdukcapil"
    row = await SurveyResponse.get(service=service)
    assert [getattr(row, f"u{i}") for i in range(1, 10)] == GOOD
    assert row.unit_id == w.disdukcapil.id
    assert row.suggestion == "Antrean terlalu lama di loket 2."
    assert (row.gender, row.age_band, row.education, row.occupation) == (
        "FEMALE", "AGE_30_39", "S1", "WIRAUSAHA",
    )  # fmt: skip
    # The client address is never stored, only a keyed hash of it.
    assert row.client_hash
    assert "127.0.0.1" not in row.client_hash


@pytest.mark.parametrize(
    ("overrides", "code", "field"),
    [
        ({"answers": [4, 3, 3, 4, 3, 4, 4, 3]}, "INVALID_ANSWERS", "answers"),
        ({"answers": [*GOOD, 4]}, "INVALID_ANSWERS", "answers"),
        ({"answers": []}, "INVALID_ANSWERS", "answers"),
        ({"answers": [4, 3, 3, 4, 0, 4, 4, 3, 3]}, "INVALID_ANSWERS", "answers[4]"),
        ({"answers": [4, 3, 3, 4, 3, 4, 4, 3, 5]}, "INVALID_ANSWERS", "answers[8]"),
        ({"answers": [-1, 3, 3, 4, 3, 4, 4, 3, 3]}, "INVALID_ANSWERS", "answers[0]"),
        ({"suggestion": "x" * 2001}, "SUGGESTION_TOO_LONG", "suggestion"),
        ({"serviceCode": "tidak-ada"}, "SERVICE_NOT_FOUND", "serviceCode"),
        ({"serviceCode": "'; DROP TABLE survey_response; --"}, "SERVICE_NOT_FOUND", "serviceCode"),
        ({"serviceCode": "c" * 5000}, "SERVICE_NOT_FOUND", "serviceCode"),
        ({"serviceCode": "capil-tutup"}, "SERVICE_CLOSED", "serviceCode"),
        ({"token": "ABCDE-FGHJK"}, "TOKEN_INVALID", "token"),
    ],
)
async def test_bad_input_gets_a_typed_error_and_stores_nothing(client, overrides, code, field):
    w = await make_world()
    await make_service(w.disdukcapil)
    await make_service(w.disdukcapil, "Legalisir", "capil-tutup", active=False)
    result = await submit(client, **overrides)
    assert result["__typename"] == "SubmitSurveyError"
    assert (result["code"], result["field"]) == (code, field)
    assert result["message"]
    assert await SurveyResponse.all().count() == 0


async def test_a_suggestion_of_exactly_2000_characters_is_accepted(client):
    w = await make_world()
    await make_service(w.disdukcapil)
    result = await submit(client, suggestion="y" * 2000)
    assert result["__typename"] == "SubmitSurveySuccess"


async def test_answers_that_are_not_integers_are_refused_by_the_schema(client):
    w = await make_world()
    await make_service(w.disdukcapil)
    body = await client.gql(
        SUBMIT, {"input": submit_input(answers=["4", 3.5, 3, 4, 3, 4, 4, 3, 3])}
    )
    assert body["errors"]
    assert await SurveyResponse.all().count() == 0


async def test_the_honeypot_pretends_success_and_stores_nothing(client):
    w = await make_world()
    await make_service(w.disdukcapil)
    result = await submit(client, website="http://spam.example")
    assert result["__typename"] == "SubmitSurveySuccess"
    assert result["message"].startswith("Terima kasih")
    assert await SurveyResponse.all().count() == 0


async def test_a_one_time_token_is_accepted_once(client):
    w = await make_world()
    service = await make_service(w.disdukcapil, requires_token=True)
    expires = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    await SurveyToken.create(
        service=service, token_hash=hash_token("ABCDEFGHJK"), expires_at=expires
    )
    missing = await submit(client)
    assert (missing["__typename"], missing["code"]) == ("SubmitSurveyError", "TOKEN_REQUIRED")
    first = await submit(client, token="abcde-fghjk")  # as typed by a person: case, dash
    assert first["__typename"] == "SubmitSurveySuccess"
    again = await submit(client, token="ABCDEFGHJK")
    assert (again["__typename"], again["code"]) == ("SubmitSurveyError", "TOKEN_USED")
    row = await SurveyResponse.get(service=service)
    token = await SurveyToken.get(service=service)
    assert row.token_id == token.id
    assert token.used_at is not None
    assert await SurveyResponse.all().count() == 1


async def test_an_expired_or_foreign_token_is_refused(client):
    w = await make_world()
    capil = await make_service(w.disdukcapil)
    other = await make_service(w.dinkes, "Imunisasi", "dinkes-imunisasi")
    past = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
    future = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    await SurveyToken.create(service=capil, token_hash=hash_token("OLDOLDOLD2"), expires_at=past)
    await SurveyToken.create(service=other, token_hash=hash_token("DINKES2345"), expires_at=future)
    expired = await submit(client, token="OLDOLDOLD2")
    foreign = await submit(client, token="DINKES2345")
    assert expired["code"] == "TOKEN_EXPIRED"
    assert foreign["code"] == "TOKEN_INVALID"
    assert await SurveyResponse.all().count() == 0


async def test_a_public_post_works_without_cookies_and_beside_a_session(client, new_client):
    w = await make_world()
    await make_service(w.disdukcapil)
    async with new_client(client) as anonymous:
        # No cookie at all: nothing for CSRF to protect, whatever the Origin.
        response = await anonymous.http.post(
            "/graphql",
            json={"query": SUBMIT, "variables": {"input": submit_input()}},
            headers={"Origin": "https://elsewhere.example"},
        )
        assert response.status_code == 200
        assert response.json()["data"]["submitSurvey"]["__typename"] == "SubmitSurveySuccess"
    # An employee's browser carries the session cookie: our own page (same origin) still works.
    await client.login(w.siti.nip)
    response = await client.http.post(
        "/graphql",
        json={"query": SUBMIT, "variables": {"input": submit_input()}},
        headers={"Origin": "http://testserver"},
    )
    assert response.json()["data"]["submitSurvey"]["__typename"] == "SubmitSurveySuccess"
    assert await SurveyResponse.all().count() == 2


async def test_the_database_refuses_answers_outside_1_to_4(db):
    w = await make_world()
    service = await make_service(w.disdukcapil)
    with pytest.raises((IntegrityError, OperationalError)):
        await add_responses(service, [[4, 3, 3, 4, 3, 4, 4, 3, 5]])
    with pytest.raises((IntegrityError, OperationalError)):
        await add_responses(service, [GOOD], suggestion="z" * 2001)
    assert await SurveyResponse.all().count() == 0


async def test_the_qr_code_is_an_svg_of_the_survey_link(client):
    w = await make_world()
    await make_service(w.disdukcapil)
    response = await client.http.get("/survey/capil-ktp-el/qr.svg")
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/svg+xml"
    assert response.text.startswith("<svg")
    assert "Perekaman KTP-el" in response.text
    assert (await client.http.get("/survey/tidak-ada/qr.svg")).status_code == 404
