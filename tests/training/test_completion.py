"""After the session: attendance, completion credits JP, feedback by the attendee only."""

from __future__ import annotations

import datetime as dt

from portal.graphql.util import today
from portal.training.models import TrainingFeedback, TrainingRecord, TrainingSession
from tests.factories import BUDI_NIP, DEWI_NIP, SITI_NIP, make_world
from tests.training.helpers import decide, request

ATTEND = """mutation($id: ID!, $attended: Boolean!) {
  recordAttendance(input: {enrollmentId: $id, attended: $attended}) {
  __typename ... on RecordAttendanceSuccess { enrollment { status } }
  ... on RecordAttendanceError { code } } }"""
COMPLETE = """mutation($id: ID!) {
  completeEnrollment(input: {enrollmentId: $id, certificateNumber: "800/123/BKPSDM/2026"}) {
  __typename ... on CompleteEnrollmentSuccess { enrollment { status jpCredited } }
  ... on CompleteEnrollmentError { code } } }"""
FEEDBACK = """mutation($id: ID!, $rating: Int!) {
  submitTrainingFeedback(input: {enrollmentId: $id, rating: $rating, comment: "Bermanfaat"}) {
  __typename ... on SubmitTrainingFeedbackError { code field } } }"""


async def _enrolled(client, w) -> str:
    await client.login(SITI_NIP)
    eid = (await request(client, w.session))["enrollment"]["id"]
    await client.login(BUDI_NIP)
    await decide(client, eid)
    return eid


async def test_attendance_completion_credits_jp_and_feedback(client):
    w = await make_world()
    eid = await _enrolled(client, w)
    await client.login(DEWI_NIP)
    early = (await client.data(ATTEND, {"id": eid, "attended": True}))["recordAttendance"]
    assert early["code"] == "SESSION_NOT_STARTED"
    start = today() - dt.timedelta(days=1)
    await TrainingSession.filter(id=w.session.id).update(starts_on=start, ends_on=start)
    assert (await client.data(COMPLETE, {"id": eid}))["completeEnrollment"][
        "code"
    ] == "INVALID_TRANSITION"
    attended = (await client.data(ATTEND, {"id": eid, "attended": True}))["recordAttendance"]
    assert attended["enrollment"]["status"] == "ATTENDED"
    done = (await client.data(COMPLETE, {"id": eid}))["completeEnrollment"]
    assert done["enrollment"] == {"status": "COMPLETED", "jpCredited": 24}
    record = await TrainingRecord.get(employee_id=w.siti.id)
    assert (record.jp, record.year, record.certificate_number) == (
        24,
        start.year,
        "800/123/BKPSDM/2026",
    )

    await client.login(SITI_NIP)
    plan = (
        await client.data(
            "query($y: Int) { me { trainingPlan(year: $y) { completedJp rightMet } } }",
            {"y": start.year},
        )
    )["me"]["trainingPlan"]
    assert plan == {"completedJp": 24, "rightMet": True}
    assert (await client.data(FEEDBACK, {"id": eid, "rating": 6}))["submitTrainingFeedback"][
        "field"
    ] == "rating"
    assert (await client.data(FEEDBACK, {"id": eid, "rating": 5}))["submitTrainingFeedback"][
        "__typename"
    ] == "SubmitTrainingFeedbackSuccess"
    assert (await client.data(FEEDBACK, {"id": eid, "rating": 4}))["submitTrainingFeedback"][
        "code"
    ] == "FEEDBACK_EXISTS"
    await client.login(BUDI_NIP)
    assert (await client.data(FEEDBACK, {"id": eid, "rating": 4}))["submitTrainingFeedback"][
        "code"
    ] == "NOT_FOUND"
    assert await TrainingFeedback.all().count() == 1


async def test_no_show_frees_the_seat_and_only_hr_records(client):
    w = await make_world()
    eid = await _enrolled(client, w)
    start = today() - dt.timedelta(days=1)
    await TrainingSession.filter(id=w.session.id).update(starts_on=start, ends_on=start)
    await client.login(BUDI_NIP)
    body = await client.gql(ATTEND, {"id": eid, "attended": False})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    await client.login(DEWI_NIP)
    assert (await client.data(ATTEND, {"id": eid, "attended": False}))["recordAttendance"][
        "enrollment"
    ]["status"] == "NO_SHOW"
    assert (await TrainingSession.get(id=w.session.id)).seats_taken == 0
