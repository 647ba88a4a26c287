"""Live updates over graphql-transport-ws, with a client library we did not write (gql)."""

from __future__ import annotations

import asyncio

import pytest
from gql import Client, gql

from portal.db import close_db, init_db
from portal.training.models import Enrollment
from tests.factories import BUDI_NIP, SITI_NIP
from tests.graphql.live_client import first_result, post_graphql, seed, ws_transport
from tests.live import live_portal, session_cookie
from tests.training.helpers import REQUEST, sid

MY_ENROLLMENTS = gql("subscription { myEnrollmentChanged { id status session { seatsLeft } } }")
INBOX = gql(
    "subscription { approvalInboxChanged { kind enrollment { id status employee { name } } } }"
)


async def test_budi_sees_sitis_request_live_and_siti_sees_the_decision(settings):
    w = await seed(settings)
    with live_portal(settings.database_url) as base:
        siti_cookie = await session_cookie(base, SITI_NIP)
        budi_cookie = await session_cookie(base, BUDI_NIP)
        async with (
            Client(transport=ws_transport(base, budi_cookie)) as budi_ws,
            Client(transport=ws_transport(base, siti_cookie)) as siti_ws,
        ):
            inbox = asyncio.create_task(first_result(budi_ws, INBOX))
            await asyncio.sleep(0.3)  # let the subscription register
            loop = asyncio.get_running_loop()
            started = loop.time()
            body = await post_graphql(
                base, siti_cookie, REQUEST, {"input": {"sessionId": sid(w.session)}}
            )
            eid = body["data"]["requestEnrollment"]["enrollment"]["id"]
            change = (await inbox)["approvalInboxChanged"]
            assert loop.time() - started < 1.0
            assert change["kind"] == "ADDED"
            assert change["enrollment"]["employee"]["name"] == "Siti Rahmawati"

            mine = asyncio.create_task(first_result(siti_ws, MY_ENROLLMENTS))
            await asyncio.sleep(0.3)
            started = loop.time()
            decide = (
                "mutation($id: ID!) { decideEnrollment(input: "
                "{enrollmentId: $id, decision: APPROVE}) { __typename } }"
            )
            await post_graphql(base, budi_cookie, decide, {"id": eid})
            update = (await mine)["myEnrollmentChanged"]
            assert loop.time() - started < 1.0
            assert update["status"] == "ENROLLED"
            assert update["session"]["seatsLeft"] == 9


async def test_nobody_receives_what_they_may_not_read(settings):
    w = await seed(settings)
    with live_portal(settings.database_url) as base:
        stranger_cookie = await session_cookie(base, w.stranger.nip)
        siti_cookie = await session_cookie(base, SITI_NIP)
        async with Client(transport=ws_transport(base, stranger_cookie)) as ws:
            inbox = asyncio.create_task(first_result(ws, INBOX, within=1.5))
            mine = asyncio.create_task(first_result(ws, MY_ENROLLMENTS, within=1.5))
            await asyncio.sleep(0.3)
            await post_graphql(base, siti_cookie, REQUEST, {"input": {"sessionId": sid(w.session)}})
            for task in (inbox, mine):
                with pytest.raises(asyncio.TimeoutError):
                    await task


async def test_anonymous_subscription_is_refused(settings):
    await seed(settings)
    with live_portal(settings.database_url) as base:
        async with Client(transport=ws_transport(base, "")) as ws:
            # The refusal says "Silakan masuk" or carries the UNAUTHENTICATED code.
            with pytest.raises(Exception, match=r"(?i:masuk)|UNAUTHENTICATED"):
                await first_result(ws, MY_ENROLLMENTS)


@pytest.mark.postgres_only
async def test_a_decision_through_one_process_reaches_a_subscriber_on_another(settings):
    w = await seed(settings)
    with live_portal(settings.database_url) as first, live_portal(settings.database_url) as second:
        siti_cookie = await session_cookie(second, SITI_NIP)
        budi_cookie = await session_cookie(first, BUDI_NIP)
        body = await post_graphql(
            first, siti_cookie, REQUEST, {"input": {"sessionId": sid(w.session)}}
        )
        eid = body["data"]["requestEnrollment"]["enrollment"]["id"]
        async with Client(transport=ws_transport(second, siti_cookie)) as siti_ws:
            mine = asyncio.create_task(first_result(siti_ws, MY_ENROLLMENTS))
            await asyncio.sleep(0.5)
            loop = asyncio.get_running_loop()
            started = loop.time()
            decide = (
                "mutation($id: ID!) { decideEnrollment(input: "
                "{enrollmentId: $id, decision: APPROVE}) { __typename } }"
            )
            result = await post_graphql(first, budi_cookie, decide, {"id": eid})
            assert result["data"]["decideEnrollment"]["__typename"] == "DecideEnrollmentSuccess"
            update = (await mine)["myEnrollmentChanged"]
            assert update["status"] == "ENROLLED"
            assert loop.time() - started < 1.0
    await init_db(settings)
    try:
        assert (await Enrollment.get(employee_id=w.siti.id)).status == "ENROLLED"
    finally:
        await close_db()


async def test_a_result_budi_assigns_appears_live_on_sitis_page(settings):
    w = await seed(settings)
    with live_portal(settings.database_url) as base:
        siti_cookie = await session_cookie(base, SITI_NIP)
        budi_cookie = await session_cookie(base, BUDI_NIP)
        document = gql(
            "subscription { mySkpChanged { skp { results { description assignedBySupervisor } } } }"
        )
        async with Client(transport=ws_transport(base, siti_cookie)) as siti_ws:
            live = asyncio.create_task(first_result(siti_ws, document))
            await asyncio.sleep(0.3)
            loop = asyncio.get_running_loop()
            started = loop.time()
            assign = (
                "mutation($input: AddSkpResultInput!) "
                "{ addSkpResult(input: $input) { __typename } }"
            )
            from portal.graphql.util import today

            body = await post_graphql(
                base,
                budi_cookie,
                assign,
                {
                    "input": {
                        "nip": SITI_NIP,
                        "year": today().year,
                        "kind": "TAMBAHAN",
                        "description": "Penyuluhan PHBS",
                    }
                },
            )
            assert body["data"]["addSkpResult"]["__typename"] == "AddSkpResultSuccess"
            update = (await live)["mySkpChanged"]
            assert loop.time() - started < 1.0
            assert update["skp"]["results"] == [
                {"description": "Penyuluhan PHBS", "assignedBySupervisor": True}
            ]
    assert w.siti.nip == SITI_NIP


async def test_a_new_assessment_updates_sitis_gap_live(settings):
    w = await seed(settings)
    from portal.graphql.relay import to_global_id
    from portal.graphql.util import today
    from tests.factories import DEWI_NIP

    with live_portal(settings.database_url) as base:
        siti_cookie = await session_cookie(base, SITI_NIP)
        dewi_cookie = await session_cookie(base, DEWI_NIP)
        document = gql("""subscription { myProfileChanged { reason employee {
            competencyProfile { jobPersonMatch items { gap competency { code } } } } } }""")
        async with Client(transport=ws_transport(base, siti_cookie)) as siti_ws:
            live = asyncio.create_task(first_result(siti_ws, document))
            await asyncio.sleep(0.3)
            record = (
                "mutation($input: RecordAssessmentInput!) { recordAssessment(input: $input) "
                "{ __typename ... on RecordAssessmentError { code field message } } }"
            )
            body = await post_graphql(
                base,
                dewi_cookie,
                record,
                {
                    "input": {
                        "nip": SITI_NIP,
                        "competencyId": to_global_id("Competency", w.pelayanan.id),
                        "level": 2,
                        "assessedOn": str(today()),
                        "source": "SUPERVISOR",
                    }
                },
            )
            assert body["data"]["recordAssessment"]["__typename"] == "RecordAssessmentSuccess", body
            update = (await live)["myProfileChanged"]
            assert update["reason"] == "profile.changed"
            gaps = {
                i["competency"]["code"]: i["gap"]
                for i in update["employee"]["competencyProfile"]["items"]
            }
            assert gaps["M.05"] == 0
            assert update["employee"]["competencyProfile"]["jobPersonMatch"] == 66.67
