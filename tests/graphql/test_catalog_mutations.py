"""Catalog mutations over HTTP: result unions, typed errors, HR only, flat statement counts."""

from __future__ import annotations

import datetime as dt

from portal.graphql.relay import from_global_id, to_global_id
from portal.graphql.util import today
from portal.training.models import Course, Enrollment, EnrollmentStatus, TrainingSession
from tests.factories import BUDI_NIP, DEWI_NIP, SITI_NIP, make_world
from tests.training.support import dump

COURSE_FIELDS = """id code title mode method jp organiser active requiresHrVerification
  approvalSteps eligiblePositionKinds eligibleUnits { name }
  competencies { targetLevel competency { code } }"""
CREATE_COURSE = f"""mutation($input: CreateCourseInput!) {{ createCourse(input: $input) {{
  __typename ... on CreateCourseSuccess {{ course {{ {COURSE_FIELDS} }} }}
  ... on CreateCourseError {{ code field message }} }} }}"""
UPDATE_COURSE = f"""mutation($input: UpdateCourseInput!) {{ updateCourse(input: $input) {{
  __typename ... on UpdateCourseSuccess {{ course {{ {COURSE_FIELDS} }} }}
  ... on UpdateCourseError {{ code field message }} }} }}"""
ARCHIVE_COURSE = """mutation($input: ArchiveCourseInput!) { archiveCourse(input: $input) {
  __typename ... on ArchiveCourseSuccess { course { active } }
  ... on ArchiveCourseError { code field message } } }"""
SESSION_FIELDS = "id startsOn endsOn capacity seatsTaken place onlineUrl status hrVerification"
CREATE_SESSION = f"""mutation($input: CreateSessionInput!) {{ createSession(input: $input) {{
  __typename ... on CreateSessionSuccess {{ session {{ {SESSION_FIELDS} course {{ code }} }} }}
  ... on CreateSessionError {{ code field message }} }} }}"""
UPDATE_SESSION = f"""mutation($input: UpdateSessionInput!) {{ updateSession(input: $input) {{
  __typename ... on UpdateSessionSuccess {{ session {{ {SESSION_FIELDS} }} }}
  ... on UpdateSessionError {{ code field message }} }} }}"""
CLOSE_SESSION = """mutation($input: CloseSessionInput!) { closeSession(input: $input) {
  __typename ... on CloseSessionSuccess { session { status openForRequests } }
  ... on CloseSessionError { code field message } } }"""
CANCEL_SESSION = """mutation($input: CancelSessionInput!) { cancelSession(input: $input) {
  __typename ... on CancelSessionSuccess { session { status seatsTaken } cancelledEnrollments }
  ... on CancelSessionError { code field message } } }"""


def gid(kind: str, pk: int) -> str:
    return to_global_id(kind, pk)


def course_input(w, **extra) -> dict:
    return {
        "code": "RS-01",
        "title": "Manajemen Rumah Sakit",
        "method": "WORKSHOP",
        "jp": 30,
        "organiser": "Kemenkes RI",
        "competencies": [{"competencyId": gid("Competency", w.pelayanan.id), "targetLevel": 3}],
        "eligiblePositionKinds": ["FUNGSIONAL", "ADMINISTRASI"],
        "eligibleUnitIds": [gid("OrgUnit", w.dinkes.id)],
        "approvalSteps": ["SECOND_LEVEL", "HR"],
        "requiresHrVerification": True,
    } | extra


def session_input(w, **extra) -> dict:
    start = today() + dt.timedelta(days=21)
    return {
        "courseId": gid("Course", w.course.id),
        "startsOn": str(start),
        "endsOn": str(start + dt.timedelta(days=1)),
        "enrollmentDeadline": str(start),
        "capacity": 25,
        "place": "Aula RSU Kota Tangerang Selatan",
    } | extra


async def test_hr_creates_and_updates_a_course(client):
    w = await make_world()
    await client.login(DEWI_NIP)
    created = (await client.data(CREATE_COURSE, {"input": course_input(w)}))["createCourse"]
    assert created["__typename"] == "CreateCourseSuccess"
    course = created["course"]
    assert course | {"id": None} == {
        "id": None,
        "code": "RS-01",
        "title": "Manajemen Rumah Sakit",
        "mode": "KLASIKAL",
        "method": "WORKSHOP",
        "jp": 30,
        "organiser": "Kemenkes RI",
        "active": True,
        "requiresHrVerification": True,
        "approvalSteps": ["SECOND_LEVEL", "HR"],
        "eligiblePositionKinds": ["FUNGSIONAL", "ADMINISTRASI"],
        "eligibleUnits": [{"name": "Dinas Kesehatan"}],
        "competencies": [{"targetLevel": 3, "competency": {"code": "M.05"}}],
    }
    updated = (
        await client.data(
            UPDATE_COURSE,
            {
                "input": {
                    "courseId": course["id"],
                    "jp": 32,
                    "eligibleUnitIds": [],
                    "approvalSteps": [],
                }
            },
        )
    )["updateCourse"]
    assert updated["__typename"] == "UpdateCourseSuccess"
    assert (
        updated["course"]["jp"],
        updated["course"]["eligibleUnits"],
        updated["course"]["approvalSteps"],
    ) == (32, [], [])
    assert updated["course"]["eligiblePositionKinds"] == ["FUNGSIONAL", "ADMINISTRASI"]
    archived = (await client.data(ARCHIVE_COURSE, {"input": {"courseId": course["id"]}}))[
        "archiveCourse"
    ]
    assert archived == {"__typename": "ArchiveCourseSuccess", "course": {"active": False}}


async def test_course_errors_are_typed_and_change_nothing(client):
    w = await make_world()
    await client.login(DEWI_NIP)
    before = await dump()
    for extra, code, field in [
        ({"code": "C-KEP-01"}, "CODE_TAKEN", "code"),
        ({"mode": "NON_KLASIKAL"}, "METHOD_MODE_MISMATCH", "mode"),
        ({"jp": 0}, "INVALID_JP", "jp"),
        (
            {"approvalSteps": ["HR", "SECOND_LEVEL", "HR", "SECOND_LEVEL", "HR", "SECOND_LEVEL"]},
            "TOO_MANY_APPROVAL_STEPS",
            "approvalSteps",
        ),
        (
            {"competencies": [{"competencyId": gid("Competency", w.asuhan.id), "targetLevel": 7}]},
            "INVALID_TARGET_LEVEL",
            "competencies",
        ),
    ]:
        result = (await client.data(CREATE_COURSE, {"input": course_input(w, **extra)}))[
            "createCourse"
        ]
        assert result["__typename"] == "CreateCourseError"
        assert (result["code"], result["field"]) == (code, field)
        assert result["message"]
    assert await dump() == before


async def test_hr_schedules_changes_closes_and_cancels_a_session(client):
    w = await make_world()
    await client.login(DEWI_NIP)
    created = await client.data(CREATE_SESSION, {"input": session_input(w, hrVerification=True)})
    session = created["createSession"]["session"]
    assert (
        session["capacity"],
        session["status"],
        session["hrVerification"],
        session["course"],
    ) == (25, "OPEN", True, {"code": "C-KEP-01"})
    kept = await client.data(
        UPDATE_SESSION, {"input": {"sessionId": session["id"], "capacity": 30}}
    )
    assert kept["updateSession"]["session"]["capacity"] == 30
    assert kept["updateSession"]["session"]["hrVerification"] is True  # left out: kept
    cleared = await client.data(
        UPDATE_SESSION, {"input": {"sessionId": session["id"], "hrVerification": None}}
    )
    assert (
        cleared["updateSession"]["session"]["hrVerification"] is None
    )  # explicit null: follow course
    closed = (await client.data(CLOSE_SESSION, {"input": {"sessionId": session["id"]}}))[
        "closeSession"
    ]
    assert closed == {
        "__typename": "CloseSessionSuccess",
        "session": {"status": "CLOSED", "openForRequests": False},
    }
    again = (await client.data(CLOSE_SESSION, {"input": {"sessionId": session["id"]}}))[
        "closeSession"
    ]
    assert (again["__typename"], again["code"], again["field"]) == (
        "CloseSessionError",
        "SESSION_NOT_OPEN",
        "sessionId",
    )
    pk = from_global_id(session["id"], "TrainingSession")[1]
    await Enrollment.create(employee=w.siti, session_id=pk, status=EnrollmentStatus.ENROLLED)
    await TrainingSession.filter(id=pk).update(seats_taken=1)
    cancelled = await client.data(
        CANCEL_SESSION, {"input": {"sessionId": session["id"], "reason": "Banjir."}}
    )
    assert cancelled["cancelSession"] == {
        "__typename": "CancelSessionSuccess",
        "session": {"status": "CANCELLED", "seatsTaken": 0},
        "cancelledEnrollments": 1,
    }


async def test_session_errors_are_typed_and_change_nothing(client):
    w = await make_world()
    await client.login(DEWI_NIP)
    before = await dump()
    bad = [
        ({"endsOn": str(today())}, "INVALID_DATES", "endsOn"),
        ({"capacity": 0}, "INVALID_CAPACITY", "capacity"),
        ({"place": "", "onlineUrl": "ftp://x"}, "INVALID_URL", "onlineUrl"),
    ]
    for extra, code, field in bad:
        result = (await client.data(CREATE_SESSION, {"input": session_input(w, **extra)}))[
            "createSession"
        ]
        assert (result["__typename"], result["code"], result["field"]) == (
            "CreateSessionError",
            code,
            field,
        )
    await TrainingSession.filter(id=w.session.id).update(seats_taken=5)
    before = await dump()
    small = (
        await client.data(
            UPDATE_SESSION,
            {"input": {"sessionId": gid("TrainingSession", w.session.id), "capacity": 4}},
        )
    )["updateSession"]
    assert (small["code"], small["field"]) == ("CAPACITY_BELOW_TAKEN", "capacity")
    empty = (
        await client.data(
            CANCEL_SESSION,
            {"input": {"sessionId": gid("TrainingSession", w.session.id), "reason": ""}},
        )
    )["cancelSession"]
    assert (empty["code"], empty["field"]) == ("REQUIRED", "reason")
    assert await dump() == before


async def test_catalog_mutations_are_hr_only(client):
    w = await make_world()
    course_id = gid("Course", w.course.id)
    session_id = gid("TrainingSession", w.session.id)
    calls = [
        (CREATE_COURSE, course_input(w)),
        (UPDATE_COURSE, {"courseId": course_id, "jp": 1}),
        (ARCHIVE_COURSE, {"courseId": course_id}),
        (CREATE_SESSION, session_input(w)),
        (UPDATE_SESSION, {"sessionId": session_id, "capacity": 1}),
        (CLOSE_SESSION, {"sessionId": session_id}),
        (CANCEL_SESSION, {"sessionId": session_id, "reason": "x"}),
    ]
    before = await dump()
    for nip in (SITI_NIP, BUDI_NIP, None):
        if nip:
            await client.login(nip)
        else:
            client.http.cookies.clear()
        for document, variables in calls:
            body = await client.gql(document, {"input": variables})
            expected = "FORBIDDEN" if nip else "UNAUTHENTICATED"
            assert body["errors"][0]["extensions"]["code"] == expected, (nip, document[:40])
    assert await dump() == before


CATALOG = """query($first: Int) { trainingSessions(first: $first) { edges { node {
  hrVerification
  course { code active approvalSteps eligiblePositionKinds eligibleUnits { code } } } } } }"""


async def test_catalog_with_eligibility_costs_the_same_for_10_and_60(client, count_queries):
    w = await make_world()
    start = today() + dt.timedelta(days=5)
    for i in range(60):
        course = await Course.create(
            code=f"K{i}",
            title=f"Kursus {i}",
            mode="NON_KLASIKAL",
            method="E_LEARNING",
            jp=2,
            organiser="LAN",
            approval_steps=["HR"],
        )
        await course.eligible_units.add(w.dinkes, w.disdukcapil)
        await TrainingSession.create(
            course=course,
            starts_on=start,
            ends_on=start,
            enrollment_deadline=start,
            capacity=5,
            place="Daring",
        )
    await client.login(SITI_NIP)
    with count_queries() as ten:
        page = await client.data(CATALOG, {"first": 10})
    assert len(page["trainingSessions"]["edges"]) == 10
    with count_queries() as sixty:
        page = await client.data(CATALOG, {"first": 60})
    assert len(page["trainingSessions"]["edges"]) == 60
    assert ten.count == sixty.count, sixty.statements
    units = page["trainingSessions"]["edges"][-1]["node"]["course"]["eligibleUnits"]
    assert sorted(u["code"] for u in units) == sorted([w.dinkes.code, w.disdukcapil.code])
