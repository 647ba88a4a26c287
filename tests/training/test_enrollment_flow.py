"""The enrollment flow through GraphQL: request, approval chain, seats, waitlist, errors."""

from __future__ import annotations

import datetime as dt

from portal.audit.models import AuditEntry
from portal.graphql.relay import to_global_id
from portal.people.models import ActingAppointment, ActingKind
from portal.people.ranks import PositionLevel
from portal.training.models import Enrollment, EnrollmentEvent, TrainingSession
from tests.factories import (
    BUDI_NIP,
    DEWI_NIP,
    SITI_NIP,
    make_employee,
    make_position,
    make_world,
)
from tests.training.helpers import CANCEL, INBOX, REQUEST, VERIFY, decide, request, sid


async def test_siti_requests_budi_sees_it_and_approves(client):
    w = await make_world()
    await client.login(SITI_NIP)
    result = await request(client, w.session)
    assert result["__typename"] == "RequestEnrollmentSuccess"
    assert result["enrollment"]["status"] == "REQUESTED"

    await client.login(BUDI_NIP)
    inbox = (await client.data(INBOX))["approvalInbox"]
    assert inbox["totalCount"] == 1
    assert inbox["edges"][0]["node"]["employee"]["name"] == "Siti Rahmawati"
    decided = await decide(client, result["enrollment"]["id"], note="Silakan")
    assert decided["__typename"] == "DecideEnrollmentSuccess"
    assert decided["enrollment"]["status"] == "ENROLLED"
    assert [(h["fromStatus"], h["toStatus"]) for h in decided["enrollment"]["history"]] == [
        (None, "REQUESTED"),
        ("REQUESTED", "ENROLLED"),
    ]
    assert decided["enrollment"]["history"][1]["actor"]["name"] == "Budi Santoso"
    assert (await TrainingSession.get(id=w.session.id)).seats_taken == 1
    assert (await client.data(INBOX))["approvalInbox"]["totalCount"] == 0
    actions = set(await AuditEntry.all().values_list("action", flat=True))
    assert {"enrollment.requested", "enrollment.enrolled"} <= actions

    await client.login(SITI_NIP)
    notes = await client.data(
        "{ unreadNotificationCount notifications { edges { node { kind title } } } }"
    )
    assert notes["unreadNotificationCount"] == 1
    assert notes["notifications"]["edges"][0]["node"]["kind"] == "enrollment.decided"
    await client.data("mutation { markNotificationsRead(input: {}) { marked unreadCount } }")
    assert (await client.data("{ unreadNotificationCount }"))["unreadNotificationCount"] == 0


async def test_double_request_makes_one_request(client):
    w = await make_world()
    await client.login(SITI_NIP)
    assert (await request(client, w.session))["__typename"] == "RequestEnrollmentSuccess"
    again = await request(client, w.session)
    assert again == {
        "__typename": "RequestEnrollmentError",
        "code": "ALREADY_REQUESTED",
        "field": "sessionId",
        "message": again["message"],
    }
    assert await Enrollment.filter(employee=w.siti).count() == 1


async def test_request_rules_are_typed_errors_and_change_nothing(client):
    w = await make_world()
    await client.login(SITI_NIP)
    today = dt.date.today()
    late = await TrainingSession.create(
        course=w.course,
        starts_on=today + dt.timedelta(days=3),
        ends_on=today + dt.timedelta(days=4),
        enrollment_deadline=today - dt.timedelta(days=1),
        capacity=5,
    )
    closed = await TrainingSession.create(
        course=w.course,
        starts_on=today,
        ends_on=today,
        enrollment_deadline=today,
        capacity=5,
        status="CLOSED",
    )
    assert (await request(client, late))["code"] == "DEADLINE_PASSED"
    assert (await request(client, closed))["code"] == "SESSION_CLOSED"
    assert (await request(client, w.session, reason="x" * 3000))["code"] == "INVALID_INPUT"
    w.course.eligible_kinds = ["JPT"]
    await w.course.save()
    assert (await request(client, w.session))["code"] == "NOT_ELIGIBLE"
    w.course.eligible_kinds = []
    await w.course.save()
    await w.course.eligible_units.add(w.disdukcapil)
    assert (await request(client, w.session))["code"] == "NOT_ELIGIBLE"
    await w.course.eligible_units.add(w.dinkes.parent if w.dinkes.parent_id else w.dinkes)
    body = await client.gql(
        REQUEST, {"input": {"sessionId": to_global_id("TrainingSession", 999999)}}
    )
    assert body["data"]["requestEnrollment"]["code"] == "SESSION_NOT_FOUND"
    body = await client.gql(REQUEST, {"input": {"sessionId": "nonsense"}})
    assert body["errors"][0]["extensions"]["code"] == "INVALID_ID"
    assert await Enrollment.all().count() == 0
    assert await EnrollmentEvent.all().count() == 0


async def test_only_the_approver_may_decide(client):
    w = await make_world()
    await client.login(SITI_NIP)
    eid = (await request(client, w.session))["enrollment"]["id"]
    assert (await decide(client, eid))["code"] == "OWN_REQUEST"
    for outsider in (
        w.other_supervisor.nip,
        w.stranger.nip,
        w.colleague.nip,
        w.kadis.nip,
        DEWI_NIP,
    ):
        await client.login(outsider)
        assert (await decide(client, eid))["code"] == "NOT_APPROVER", outsider
    assert (await Enrollment.get(id=int(await _pk(eid)))).status == "REQUESTED"
    await client.login(BUDI_NIP)
    assert (await decide(client, eid, "REJECT", "Kuota unit penuh"))["enrollment"][
        "status"
    ] == "REJECTED"
    # Decided is decided.
    assert (await decide(client, eid))["code"] == "INVALID_TRANSITION"


async def _pk(gid: str) -> int:
    from portal.graphql.relay import from_global_id

    return from_global_id(gid)[1]


async def test_chain_with_second_level_and_hr(client):
    w = await make_world()
    w.course.approval_steps = ["SECOND_LEVEL", "HR"]
    await w.course.save()
    await client.login(SITI_NIP)
    eid = (await request(client, w.session))["enrollment"]["id"]
    await client.login(BUDI_NIP)
    assert (await decide(client, eid))["enrollment"]["status"] == "REQUESTED"
    assert (await decide(client, eid))["code"] == "NOT_APPROVER"  # now it waits for the kadis
    await client.login(w.kadis.nip)
    assert (await client.data(INBOX))["approvalInbox"]["totalCount"] == 1
    assert (await decide(client, eid))["enrollment"]["status"] == "REQUESTED"
    await client.login(DEWI_NIP)
    assert (await decide(client, eid))["enrollment"]["status"] == "ENROLLED"


async def test_a_six_step_chain_climbs_the_line_then_hr(client):
    """Siti's request walks six approvers: Budi, the kadis, three levels above him, then HR;
    each step is recorded, and nobody but the approver of the moment can decide."""
    w = await make_world()
    above, parent = [], None
    for title in ("Sekretaris Daerah", "Asisten Administrasi Umum", "Staf Ahli Bupati"):
        parent = await make_position(title, w.dinkes, parent, PositionLevel.JPT_PRATAMA)
        above.insert(0, parent)
    w.head_pos.parent = above[0]
    await w.head_pos.save(update_fields=["parent_id"])
    holders = [await make_employee(f"Pejabat {i}", p, w.dinkes) for i, p in enumerate(above)]
    w.course.approval_steps = ["SECOND_LEVEL", "THIRD_LEVEL", "FOURTH_LEVEL", "FIFTH_LEVEL", "HR"]
    await w.course.save()
    await client.login(SITI_NIP)
    eid = (await request(client, w.session))["enrollment"]["id"]
    approvers = [BUDI_NIP, w.kadis.nip, *(h.nip for h in holders), DEWI_NIP]
    for i, nip in enumerate(approvers[:-1]):
        await client.login(approvers[i + 1])  # the next approver cannot decide before its turn
        assert (await decide(client, eid))["code"] == "NOT_APPROVER", i
        await client.login(nip)
        assert (await decide(client, eid))["enrollment"]["status"] == "REQUESTED", i
    await client.login(DEWI_NIP)
    assert (await decide(client, eid))["enrollment"]["status"] == "ENROLLED"
    events = await EnrollmentEvent.filter(enrollment_id=await _pk(eid)).order_by("id")
    assert [e.step for e in events] == [None, 0, 1, 2, 3, 4, 5]
    assert [(e.from_status, e.to_status) for e in events][-1] == ("REQUESTED", "ENROLLED")


async def test_rejection_at_a_later_step_ends_the_request(client):
    w = await make_world()
    w.course.approval_steps = ["SECOND_LEVEL"]
    await w.course.save()
    await client.login(SITI_NIP)
    eid = (await request(client, w.session))["enrollment"]["id"]
    await client.login(BUDI_NIP)
    await decide(client, eid)
    await client.login(w.kadis.nip)
    assert (await decide(client, eid, "REJECT"))["enrollment"]["status"] == "REJECTED"
    assert (await TrainingSession.get(id=w.session.id)).seats_taken == 0


async def test_hr_verification_step(client):
    w = await make_world()
    w.course.requires_hr_verification = True
    await w.course.save()
    await client.login(SITI_NIP)
    eid = (await request(client, w.session))["enrollment"]["id"]
    await client.login(BUDI_NIP)
    assert (await decide(client, eid))["enrollment"]["status"] == "REQUESTED"
    await client.login(DEWI_NIP)
    assert (await decide(client, eid))["code"] == "INVALID_TRANSITION"
    verified = (await client.data(VERIFY, {"input": {"enrollmentId": eid, "decision": "APPROVE"}}))[
        "verifyEnrollment"
    ]
    assert verified["enrollment"]["status"] == "ENROLLED"
    await client.login(BUDI_NIP)
    body = await client.gql(VERIFY, {"input": {"enrollmentId": eid, "decision": "APPROVE"}})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_full_session_waitlists_and_a_freed_seat_promotes_in_order(client):
    w = await make_world()
    w.session.capacity = 1
    await w.session.save()
    await client.login(SITI_NIP)
    siti_eid = (await request(client, w.session))["enrollment"]["id"]
    await client.login(w.colleague.nip)
    colleague_eid = (await request(client, w.session))["enrollment"]["id"]
    await client.login(BUDI_NIP)
    assert (await decide(client, siti_eid))["enrollment"]["status"] == "ENROLLED"
    assert (await decide(client, colleague_eid))["enrollment"]["status"] == "WAITLISTED"
    await client.login(SITI_NIP)
    cancelled = (await client.data(CANCEL, {"input": {"enrollmentId": siti_eid}}))[
        "cancelEnrollment"
    ]
    assert cancelled["enrollment"]["status"] == "CANCELLED"
    promoted = await Enrollment.get(id=await _pk(colleague_eid))
    assert promoted.status == "ENROLLED"
    assert (await TrainingSession.get(id=w.session.id)).seats_taken == 1
    await client.login(w.colleague.nip)
    kinds = [
        e["node"]["kind"]
        for e in (await client.data("{ notifications { edges { node { kind } } } }"))[
            "notifications"
        ]["edges"]
    ]
    assert "enrollment.promoted" in kinds
    # Cancelling twice is refused; cancelling someone else's is not found.
    await client.login(SITI_NIP)
    assert (await client.data(CANCEL, {"input": {"enrollmentId": siti_eid}}))["cancelEnrollment"][
        "code"
    ] == "INVALID_TRANSITION"
    assert (await client.data(CANCEL, {"input": {"enrollmentId": colleague_eid}}))[
        "cancelEnrollment"
    ]["code"] == "NOT_FOUND"


async def test_acting_supervisor_decides_within_dates(client):
    w = await make_world()
    plt = await make_employee("Wawan Setiawan", w.other_pos, w.dinkes)
    today = dt.date.today()
    await ActingAppointment.create(
        position=w.budi_pos,
        employee=plt,
        kind=ActingKind.PLT,
        starts_on=today - dt.timedelta(days=1),
        ends_on=today + dt.timedelta(days=5),
    )
    await client.login(SITI_NIP)
    eid = (await request(client, w.session))["enrollment"]["id"]
    await client.login(plt.nip)
    assert (await client.data(INBOX))["approvalInbox"]["totalCount"] == 1
    assert (await decide(client, eid))["enrollment"]["status"] == "ENROLLED"
    # An appointment that has ended gives no rights.
    await ActingAppointment.filter(employee=plt).update(ends_on=today - dt.timedelta(days=1))
    await client.login(w.colleague.nip)
    eid2 = (await request(client, w.session))["enrollment"]["id"]
    await client.login(plt.nip)
    assert (await decide(client, eid2))["code"] == "NOT_APPROVER"


async def test_supervisor_enrolls_directly(client):
    w = await make_world()
    document = """mutation($input: EnrollEmployeeInput!) { enrollEmployee(input: $input) {
      __typename ... on EnrollEmployeeSuccess { enrollment { status history { note } } }
      ... on EnrollEmployeeError { code field } } }"""
    await client.login(BUDI_NIP)
    ok = await client.data(
        document, {"input": {"nip": SITI_NIP, "sessionId": sid(w.session), "note": "Penugasan"}}
    )
    assert ok["enrollEmployee"]["enrollment"]["status"] == "ENROLLED"
    assert ok["enrollEmployee"]["enrollment"]["history"][0]["note"] == "Penugasan"
    bad = await client.data(
        document, {"input": {"nip": w.stranger.nip, "sessionId": sid(w.session)}}
    )
    assert bad["enrollEmployee"]["code"] == "NOT_APPROVER"
    bad = await client.data(document, {"input": {"nip": "123", "sessionId": sid(w.session)}})
    assert bad["enrollEmployee"]["field"] == "nip"
