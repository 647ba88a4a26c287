"""A pending request follows the employee's line: transfer (mutasi) and re-parented positions."""

from __future__ import annotations

import datetime as dt

from portal.graphql.relay import to_global_id
from portal.notifications.models import Notification
from portal.training.models import Enrollment, EnrollmentEvent
from tests.factories import BUDI_NIP, DEWI_NIP, SITI_NIP, make_world
from tests.graphql.test_org_mutations import UPDATE_POSITION
from tests.graphql.test_staff_mutations import TRANSFER
from tests.training.helpers import INBOX, decide, request


async def _inbox_count(client, nip: str) -> int:
    await client.login(nip)
    return (await client.data(INBOX))["approvalInbox"]["totalCount"]


async def test_a_transfer_sends_pending_requests_to_the_new_supervisor(client):
    w = await make_world()
    await client.login(SITI_NIP)
    asked = await request(client, w.session)
    assert await _inbox_count(client, BUDI_NIP) == 1

    # Siti moves to Disdukcapil, under Yusuf (the head there).
    await client.login(DEWI_NIP)
    yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    moved = await client.data(
        TRANSFER,
        {
            "input": {
                "nip": SITI_NIP,
                "positionId": to_global_id("Position", w.capil_staff_pos.id),
                "effectiveOn": yesterday,
            }
        },
    )
    assert moved["transferEmployee"]["__typename"] == "EmployeeSuccess"
    assert await _inbox_count(client, BUDI_NIP) == 0
    assert await _inbox_count(client, w.other_supervisor.nip) == 1
    enrollment = await Enrollment.get(employee=w.siti)
    assert enrollment.awaiting_position_id == w.capil_head_pos.id
    events = await EnrollmentEvent.filter(enrollment=enrollment).order_by("id")
    assert [(e.from_status, e.to_status, e.actor_id) for e in events] == [
        (None, "REQUESTED", w.siti.id),
        ("REQUESTED", "REQUESTED", None),
    ]
    assert await Notification.filter(
        recipient_id=w.other_supervisor.id, kind="enrollment.requested"
    ).exists()
    # Budi is outside the line now; Yusuf decides.
    await client.login(BUDI_NIP)
    refused = await decide(client, asked["enrollment"]["id"])
    assert refused["code"] == "NOT_APPROVER"
    await client.login(w.other_supervisor.nip)
    decided = await decide(client, asked["enrollment"]["id"])
    assert decided["enrollment"]["status"] == "ENROLLED"


async def test_a_position_moved_under_another_parent_takes_its_requests_along(client):
    w = await make_world()
    await client.login(SITI_NIP)
    await request(client, w.session)
    # Siti's position now reports to the head of Disdukcapil instead of Budi's.
    await client.login(DEWI_NIP)
    data = await client.data(
        UPDATE_POSITION,
        {
            "input": {
                "id": to_global_id("Position", w.siti_pos.id),
                "parentId": to_global_id("Position", w.capil_head_pos.id),
            }
        },
    )
    assert data["updatePosition"]["__typename"] == "PositionSuccess"
    assert await _inbox_count(client, BUDI_NIP) == 0
    assert await _inbox_count(client, w.other_supervisor.nip) == 1


async def test_a_decided_request_is_not_moved(client):
    w = await make_world()
    await client.login(SITI_NIP)
    asked = await request(client, w.session)
    await client.login(BUDI_NIP)
    await decide(client, asked["enrollment"]["id"])
    await client.login(DEWI_NIP)
    await client.data(
        TRANSFER,
        {
            "input": {
                "nip": SITI_NIP,
                "positionId": to_global_id("Position", w.capil_staff_pos.id),
                "effectiveOn": dt.date.today().isoformat(),
            }
        },
    )
    enrollment = await Enrollment.get(employee=w.siti)
    assert enrollment.status == "ENROLLED"
    assert await EnrollmentEvent.filter(enrollment=enrollment).count() == 2
