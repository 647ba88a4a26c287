"""The per-client rate limit of the public survey (PORTAL_SURVEY_RATE_LIMIT) and its stores."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from portal.settings import load_settings
from portal.survey.models import SurveyResponse, SurveyToken
from portal.survey.ratelimit import RateRule, client_key, make_store
from portal.survey.service import hash_token
from tests.factories import make_world
from tests.survey.helpers import SUBMIT, make_service, submit_input


@pytest.fixture
def settings(database_url):
    return load_settings(
        database_url=database_url, dev_login=True, env="development", survey_rate_limit="2/1h"
    )


async def submit(client, **overrides):
    body = await client.gql(SUBMIT, {"input": submit_input(**overrides)})
    return body["data"]["submitSurvey"]


async def test_a_client_over_the_limit_gets_rate_limited_and_nothing_is_stored(client):
    w = await make_world()
    await make_service(w.disdukcapil)
    await make_service(w.disdukcapil, "Akta Kelahiran", "capil-akta")
    assert (await submit(client))["__typename"] == "SubmitSurveySuccess"
    assert (await submit(client))["__typename"] == "SubmitSurveySuccess"
    third = await submit(client)
    assert (third["__typename"], third["code"]) == ("SubmitSurveyError", "RATE_LIMITED")
    assert await SurveyResponse.all().count() == 2
    # The limit is per client *and service*: another service of the unit still works.
    other = await submit(client, serviceCode="capil-akta")
    assert other["__typename"] == "SubmitSurveySuccess"


async def test_bad_input_does_not_use_up_the_limit(client):
    w = await make_world()
    await make_service(w.disdukcapil)
    for _ in range(3):
        assert (await submit(client, answers=[1, 2]))["code"] == "INVALID_ANSWERS"
    assert (await submit(client))["__typename"] == "SubmitSurveySuccess"


async def test_a_valid_one_time_token_is_not_counted(client):
    w = await make_world()
    service = await make_service(w.disdukcapil)
    from datetime import UTC, datetime, timedelta

    expires = datetime.now(UTC) + timedelta(days=1)
    for token in ("AAAAAAAAA2", "BBBBBBBBB2", "CCCCCCCCC2"):
        await SurveyToken.create(service=service, token_hash=hash_token(token), expires_at=expires)
    for token in ("AAAAAAAAA2", "BBBBBBBBB2", "CCCCCCCCC2"):
        assert (await submit(client, token=token))["__typename"] == "SubmitSurveySuccess"
    assert await SurveyResponse.all().count() == 3


def test_the_rule_is_parsed_and_checked_at_start_up():
    assert RateRule.parse("10/1h") == RateRule(10, 3600)
    assert RateRule.parse("3/30m") == RateRule(3, 1800)
    assert RateRule.parse("5 / 600") == RateRule(5, 600)
    assert RateRule.parse("0/1d") == RateRule(0, 86400)
    for bad in ("ten per hour", "5/0", "5/1w", ""):
        with pytest.raises(ValueError, match=r"rate limit|window"):
            RateRule.parse(bad)
    with pytest.raises(ValueError, match="PORTAL_SURVEY_RATE_LIMIT"):
        load_settings(survey_rate_limit="banyak")


async def test_memory_store_counts_per_key_and_window():
    store = make_store(None)
    rule = RateRule(2, 1)
    assert [await store.hit("a", rule) for _ in range(3)] == [True, True, False]
    assert await store.hit("b", rule)
    await asyncio.sleep(1.05)
    assert await store.hit("a", rule)
    assert await store.hit("a", RateRule(0, 1))  # 0 = off


def test_client_key_is_keyed_and_never_the_address():
    key = client_key("secret-1", "10.1.2.3", "capil-ktp-el")
    assert key == client_key("secret-1", "10.1.2.3", "capil-ktp-el")
    assert key != client_key("secret-2", "10.1.2.3", "capil-ktp-el")
    assert key != client_key("secret-1", "10.1.2.3", "capil-akta")
    assert "10.1.2.3" not in key
    assert len(key) == 64


async def _redis_available() -> bool:
    try:
        _reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", 6379), 1)
    except (OSError, TimeoutError):
        return False
    writer.close()
    return True


async def test_redis_store_shares_counts_between_instances():
    if not await _redis_available():
        pytest.skip("Redis is not running at 127.0.0.1:6379")
    key = f"test-{uuid.uuid4().hex}"
    one, two = (
        make_store("redis://127.0.0.1:6379/15"),
        make_store("redis://127.0.0.1:6379/15"),
    )
    try:
        rule = RateRule(2, 60)
        assert await one.hit(key, rule)
        assert await two.hit(key, rule)  # another process: the same count
        assert not await one.hit(key, rule)
    finally:
        await one.close()
        await two.close()


async def test_redis_store_fails_open_when_redis_is_down():
    store = make_store("redis://127.0.0.1:1/0")
    try:
        assert await store.hit("k", RateRule(1, 60))
        assert await store.hit("k", RateRule(1, 60))
    finally:
        await store.close()
