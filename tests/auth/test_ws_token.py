"""WebSocket subscriptions authenticated by a bearer token in connection_init."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from gql import Client, gql
from gql.transport.exceptions import TransportServerError
from gql.transport.websockets import WebsocketsTransport

from portal.db import close_db, init_db
from tests.factories import make_world
from tests.idp.fixture import obtain_user_tokens
from tests.live import live_portal
from tests.training.helpers import REQUEST, sid

MINE = gql("subscription { myEnrollmentChanged { status } }")


def _env(idp) -> dict[str, str]:
    return {
        "PORTAL_OIDC_ISSUER": idp.issuer,
        "PORTAL_OIDC_CLIENT_ID": idp.client_id,
        "PORTAL_OIDC_CLIENT_SECRET": idp.client_secret,
    }


async def test_token_in_connection_init_authenticates_the_socket(settings, idp):
    await init_db(settings)
    try:
        w = await make_world()
    finally:
        await close_db()
    token = (await asyncio.to_thread(obtain_user_tokens, idp, "siti"))["access_token"]
    with live_portal(settings.database_url, extra_env=_env(idp)) as base:
        transport = WebsocketsTransport(
            url=base.replace("http", "ws") + "/graphql",
            init_payload={"authorization": f"Bearer {token}"},
        )
        async with Client(transport=transport) as ws:

            async def first():
                async for result in ws.subscribe(MINE):
                    return result

            task = asyncio.create_task(first())
            await asyncio.sleep(0.3)
            async with httpx.AsyncClient(
                base_url=base, headers={"Authorization": f"Bearer {token}"}
            ) as http:
                body = (
                    await http.post(
                        "/graphql",
                        json={
                            "query": REQUEST,
                            "variables": {"input": {"sessionId": sid(w.session)}},
                        },
                    )
                ).json()
            assert body["data"]["requestEnrollment"]["enrollment"]["status"] == "REQUESTED"
            assert (await asyncio.wait_for(task, 5))["myEnrollmentChanged"]["status"] == "REQUESTED"

        forged = WebsocketsTransport(
            url=base.replace("http", "ws") + "/graphql",
            init_payload={"authorization": "Bearer not-a-token"},
        )

        async def subscribe_with_forged_token():
            async with Client(transport=forged) as ws:
                async for _ in ws.subscribe(MINE):
                    break

        with pytest.raises((TransportServerError, Exception)):
            await subscribe_with_forged_token()
