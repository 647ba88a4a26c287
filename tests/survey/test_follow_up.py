"""Follow-up actions: who may record and change them, the moves, history, audit, the IKM loop."""

from __future__ import annotations

import datetime as dt

from portal.audit.models import AuditEntry
from portal.graphql.relay import to_global_id
from portal.graphql.util import today
from portal.notifications.models import Notification
from portal.survey.models import FollowUpAction, FollowUpStatus
from tests.factories import make_world
from tests.survey.helpers import add_responses, make_service, make_unit_head

CREATE = """
mutation($input: CreateFollowUpActionInput!) {
  createFollowUpAction(input: $input) {
    __typename
    ... on FollowUpActionSuccess {
      action { id title status element dueOn overdue owner { nip } unit { name }
               service { code } sourceResponses { suggestion } history { toStatus } }
    }
    ... on CreateFollowUpActionError { code field message }
  }
}
"""
UPDATE = """
mutation($input: UpdateFollowUpActionInput!) {
  updateFollowUpAction(input: $input) {
    __typename
    ... on FollowUpActionSuccess {
      action { status evidence completedAt
               history { fromStatus toStatus note changed actor { nip } }
               ikmBefore { result { ikm respondents } elementNrr complete }
               ikmAfter { result { ikm respondents } elementNrr complete } }
    }
    ... on UpdateFollowUpActionError { code field message }
  }
}
"""
LIST = """
query($overdue: Boolean, $mine: Boolean, $status: [FollowUpStatus!]) {
  followUpActions(first: 20, overdue: $overdue, mine: $mine, status: $status) {
    totalCount edges { node { title status overdue unit { name } } }
  }
}
"""


async def world_with_feedback():
    w = await make_world()
    service = await make_service(w.disdukcapil)
    responses = await add_responses(service, [[4, 3, 1, 4, 3, 4, 4, 3, 3]], suggestion="Lama!")
    await make_unit_head(w.other_supervisor, w.disdukcapil)
    await make_unit_head(w.colleague, w.dinkes)
    return w, service, responses


def create_input(w, service, responses=(), **overrides):
    return {
        "serviceId": str(to_global_id("SurveyService", service.id)),
        "title": "Tambah loket perekaman pada jam sibuk",
        "ownerNip": w.capil_staff.nip,
        "dueOn": (today() + dt.timedelta(days=14)).isoformat(),
        "element": "U3",
        "responseIds": [str(to_global_id("SurveyResponse", r.id)) for r in responses],
    } | overrides


async def create(client, variables):
    body = await client.gql(CREATE, {"input": variables})
    return body


async def test_hr_and_the_units_head_may_record_actions(client):
    w, service, responses = await world_with_feedback()
    for nip in (w.dewi.nip, w.other_supervisor.nip):
        await client.login(nip)
        body = await create(client, create_input(w, service, responses))
        action = body["data"]["createFollowUpAction"]["action"]
        assert action["status"] == "OPEN"
        assert action["unit"]["name"] == "Disdukcapil"
        assert action["owner"]["nip"] == w.capil_staff.nip
        assert action["sourceResponses"] == [{"suggestion": "Lama!"}]
        assert action["history"] == [{"toStatus": "OPEN"}]
    assert await FollowUpAction.all().count() == 2
    assert await Notification.filter(recipient_id=w.capil_staff.id).count() == 2
    assert await AuditEntry.filter(action="survey.follow_up.create").count() == 2


async def test_others_may_not_record_actions(client, new_client):
    w, service, responses = await world_with_feedback()
    variables = {"input": create_input(w, service, responses)}
    async with new_client(client) as anonymous:
        body = await anonymous.gql(CREATE, variables)
        assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    # Another unit's head (Dinkes), a plain employee, a supervisor without a unit-head grant.
    for nip in (w.colleague.nip, w.siti.nip, w.budi.nip, w.capil_staff.nip):
        await client.login(nip)
        body = await client.gql(CREATE, variables)
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN", nip
    # Naming the unit instead of the service changes nothing.
    await client.login(w.colleague.nip)
    by_unit = create_input(
        w, service, serviceId=None, unitId=str(to_global_id("OrgUnit", w.disdukcapil.id))
    )
    body = await client.gql(CREATE, {"input": by_unit})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await FollowUpAction.all().count() == 0


async def test_bad_actions_get_typed_errors(client):
    w, service, responses = await world_with_feedback()
    other = await make_service(w.dinkes, "Imunisasi", "dinkes-imunisasi")
    foreign = await add_responses(other, [[4] * 9])
    await client.login(w.dewi.nip)
    cases = [
        ({"title": "x"}, "INVALID_TITLE", "title"),
        ({"ownerNip": "123"}, "OWNER_NOT_FOUND", "ownerNip"),
        ({"element": "U10"}, "INVALID_ELEMENT", "element"),
        ({"dueOn": (today() - dt.timedelta(days=1)).isoformat()}, "INVALID_DUE_DATE", "dueOn"),
        ({"responseIds": [str(to_global_id("SurveyResponse", foreign[0].id))]},
         "INVALID_RESPONSES", "responseIds"),
        ({"serviceId": None}, "UNIT_NOT_FOUND", "unitId"),
    ]  # fmt: skip
    for overrides, code, field in cases:
        body = await create(client, create_input(w, service, responses, **overrides))
        result = body["data"]["createFollowUpAction"]
        assert (result["__typename"], result["code"], result["field"]) == (
            "CreateFollowUpActionError", code, field,
        ), overrides  # fmt: skip
    assert await FollowUpAction.all().count() == 0


async def test_status_moves_need_evidence_to_finish_and_are_recorded(client):
    w, service, responses = await world_with_feedback()
    await client.login(w.other_supervisor.nip)
    action_id = (await create(client, create_input(w, service, responses)))["data"][
        "createFollowUpAction"
    ]["action"]["id"]

    async def update(**fields):
        body = await client.gql(UPDATE, {"input": {"actionId": action_id, **fields}})
        assert not body.get("errors"), body["errors"]
        return body["data"]["updateFollowUpAction"]

    started = await update(status="IN_PROGRESS", note="Mulai pekan ini")
    assert started["action"]["status"] == "IN_PROGRESS"
    no_evidence = await update(status="DONE")
    assert (no_evidence["code"], no_evidence["field"]) == ("EVIDENCE_REQUIRED", "evidence")
    # The owner reports progress on their own action.
    await client.login(w.capil_staff.nip)
    done = await update(status="DONE", evidence="Loket 3 dibuka 08.00-12.00; SK Kadis 12/2026")
    action = done["action"]
    assert action["status"] == "DONE"
    assert action["completedAt"]
    assert [(h["fromStatus"], h["toStatus"]) for h in action["history"]] == [
        (None, "OPEN"), ("OPEN", "IN_PROGRESS"), ("IN_PROGRESS", "DONE"),
    ]  # fmt: skip
    assert action["history"][1]["note"] == "Mulai pekan ini"
    assert action["history"][2]["changed"] == ["evidence", "status"]
    assert action["history"][2]["actor"]["nip"] == w.capil_staff.nip
    # The IKM of the 90 days before it and (still filling) after it, with the target element.
    assert action["ikmBefore"]["result"]["respondents"] == 1
    assert action["ikmBefore"]["elementNrr"] == "1.000"
    assert action["ikmAfter"] == {"result": None, "elementNrr": None, "complete": False}
    # The owner may not re-assign it; cancelling a done action is not a move.
    body = await client.gql(UPDATE, {"input": {"actionId": action_id, "ownerNip": w.siti.nip}})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    await client.login(w.dewi.nip)
    bad = await update(status="CANCELLED")
    assert bad["code"] == "INVALID_TRANSITION"
    assert await AuditEntry.filter(action="survey.follow_up.update").count() == 2


async def test_others_may_not_change_an_action(client, new_client):
    w, service, responses = await world_with_feedback()
    await client.login(w.dewi.nip)
    action_id = (await create(client, create_input(w, service, responses)))["data"][
        "createFollowUpAction"
    ]["action"]["id"]
    variables = {"input": {"actionId": action_id, "status": "CANCELLED"}}
    async with new_client(client) as anonymous:
        body = await anonymous.gql(UPDATE, variables)
        assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    for nip in (w.colleague.nip, w.siti.nip, w.budi.nip):
        await client.login(nip)
        body = await client.gql(UPDATE, variables)
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN", nip
    assert (await FollowUpAction.get()).status is FollowUpStatus.OPEN


async def test_next_periods_ikm_is_shown_beside_a_done_action(client):
    w, service, _ = await world_with_feedback()
    now = dt.datetime.now(dt.UTC)
    action = await FollowUpAction.create(
        unit=w.disdukcapil, service=service, element="U3", title="Tambah loket",
        owner=w.capil_staff, due_on=today(), status=FollowUpStatus.DONE, evidence="Foto loket",
        completed_at=now - dt.timedelta(days=100),
    )  # fmt: skip
    await FollowUpAction.filter(id=action.id).update(created_at=now - dt.timedelta(days=130))
    await add_responses(service, [[2] * 9, [2] * 9], at=now - dt.timedelta(days=150))
    await add_responses(service, [[4] * 9, [3] * 9], at=now - dt.timedelta(days=50))
    await client.login(w.other_supervisor.nip)
    query = """{ followUpActions(first: 5) { edges { node {
      ikmBefore { result { ikm respondents } elementNrr complete }
      ikmAfter { result { ikm respondents grade } elementNrr complete } } } } }"""
    node = (await client.data(query))["followUpActions"]["edges"][0]["node"]
    assert node["ikmBefore"] == {
        "result": {"ikm": "50.00", "respondents": 2}, "elementNrr": "2.000", "complete": True,
    }  # fmt: skip
    # Before: the 1 of world_with_feedback is today, outside both windows.
    assert node["ikmAfter"] == {
        "result": {"ikm": "87.50", "respondents": 2, "grade": "B"},
        "elementNrr": "3.500",
        "complete": True,
    }


async def test_open_and_overdue_lists(client):
    w, _service, _ = await world_with_feedback()
    past = today() - dt.timedelta(days=3)
    common = {"owner": w.capil_staff, "unit": w.disdukcapil}
    await FollowUpAction.create(title="Terlambat", due_on=past, **common)
    await FollowUpAction.create(title="Berjalan", due_on=today(), status=FollowUpStatus.IN_PROGRESS,
                                **common)  # fmt: skip
    await FollowUpAction.create(title="Selesai", due_on=past, status=FollowUpStatus.DONE, **common)
    await FollowUpAction.create(title="Dinkes", due_on=past, owner=w.siti, unit=w.dinkes)
    await client.login(w.other_supervisor.nip)
    everything = (await client.data(LIST))["followUpActions"]
    assert [e["node"]["title"] for e in everything["edges"]] == ["Terlambat", "Selesai", "Berjalan"]
    overdue = (await client.data(LIST, {"overdue": True}))["followUpActions"]
    assert [e["node"]["title"] for e in overdue["edges"]] == ["Terlambat"]
    assert overdue["edges"][0]["node"]["overdue"] is True
    live = (await client.data(LIST, {"status": ["OPEN", "IN_PROGRESS"]}))["followUpActions"]
    assert live["totalCount"] == 2
    await client.login(w.dewi.nip)
    assert (await client.data(LIST, {"overdue": True}))["followUpActions"]["totalCount"] == 2
    # The owner sees their own actions; an employee with none sees none.
    await client.login(w.capil_staff.nip)
    assert (await client.data(LIST))["followUpActions"]["totalCount"] == 3
    await client.login(w.budi.nip)
    assert (await client.data(LIST))["followUpActions"]["totalCount"] == 0


NODE = """
query($id: ID!) {
  node(id: $id) {
    __typename
    ... on SurveyService { code }
    ... on SurveyResponse { suggestion }
    ... on FollowUpAction { title }
  }
}
"""


async def test_survey_objects_by_global_id_follow_the_survey_rules(client):
    """node(id) on a service, a response and an action.

    Its unit's managers may read them, and so may the action's owner.
    """
    w, service, responses = await world_with_feedback()
    await client.login(w.dewi.nip)
    body = await create(client, create_input(w, service, responses))
    action_id = body["data"]["createFollowUpAction"]["action"]["id"]
    ids = {
        "SurveyService": to_global_id("SurveyService", service.id),
        "SurveyResponse": to_global_id("SurveyResponse", responses[0].id),
        "FollowUpAction": action_id,
    }
    # HR and the unit's head see all three.
    for nip in (w.dewi.nip, w.other_supervisor.nip):
        await client.login(nip)
        for type_name, gid in ids.items():
            node = (await client.data(NODE, {"id": str(gid)}))["node"]
            assert node["__typename"] == type_name, (nip, node)
    # The action's owner sees the action only; another unit's head and a plain employee nothing.
    await client.login(w.capil_staff.nip)
    node = (await client.data(NODE, {"id": action_id}))["node"]
    assert node == {
        "__typename": "FollowUpAction",
        "title": "Tambah loket perekaman pada jam sibuk",
    }
    for nip in (w.capil_staff.nip, w.colleague.nip, w.siti.nip):
        await client.login(nip)
        for type_name, gid in ids.items():
            if nip == w.capil_staff.nip and type_name == "FollowUpAction":
                continue
            body = await client.gql(NODE, {"id": str(gid)})
            assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN", (nip, type_name)
    # A missing one: HR learns it is missing, others cannot tell it from forbidden.
    missing = str(to_global_id("SurveyResponse", 999_999))
    await client.login(w.dewi.nip)
    assert (await client.data(NODE, {"id": missing}))["node"] is None
