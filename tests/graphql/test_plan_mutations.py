"""Plan mutations over HTTP: Siti proposes and submits, Budi sees and agrees or returns, HR proposes
in bulk; strangers are refused; the plan view stays at a flat statement count."""

from __future__ import annotations

from portal.graphql.relay import to_global_id
from portal.graphql.util import today
from portal.training.models import TrainingMethod, TrainingPlan, TrainingPlanItem
from tests.factories import BUDI_NIP, DEWI_NIP, SITI_NIP, make_world
from tests.training.support import dump

PLAN = """status plannedJp completedJp rightJp remainingJp rightMet returnNote agreedAt
  agreedBy { name } employee { name }
  items { id title method plannedJp status proposedBy { name }
    course { code } competency { code } }"""
PROPOSE = f"""mutation($input: ProposePlanItemInput!) {{ proposePlanItem(input: $input) {{
  __typename ... on ProposePlanItemSuccess {{ item {{ id title status }} plan {{ {PLAN} }} }}
  ... on ProposePlanItemError {{ code field message }} }} }}"""
UPDATE = """mutation($input: UpdatePlanItemInput!) { updatePlanItem(input: $input) {
  __typename ... on UpdatePlanItemSuccess { item { title plannedJp } plan { plannedJp } }
  ... on UpdatePlanItemError { code field message } } }"""
DROP = """mutation($input: DropPlanItemInput!) { dropPlanItem(input: $input) {
  __typename ... on DropPlanItemSuccess { item { status } plan { plannedJp } }
  ... on DropPlanItemError { code field message } } }"""
SUBMIT = f"""mutation {{ submitPlan(input: {{}}) {{
  __typename ... on SubmitPlanSuccess {{ plan {{ {PLAN} }} }}
  ... on SubmitPlanError {{ code field message }} }} }}"""
AGREE = f"""mutation($input: AgreePlanInput!) {{ agreePlan(input: $input) {{
  __typename ... on AgreePlanSuccess {{ plan {{ {PLAN} }} }}
  ... on AgreePlanError {{ code field message }} }} }}"""
RETURN = """mutation($input: ReturnPlanInput!) { returnPlan(input: $input) {
  __typename ... on ReturnPlanSuccess { plan { status returnNote } }
  ... on ReturnPlanError { code field message } } }"""
BULK = """mutation($input: ProposePlanItemsFromGapsInput!) {
  proposePlanItemsFromGaps(input: $input) {
  __typename ... on ProposePlanItemsFromGapsSuccess { proposedCount planCount gapsWithoutCourse }
  ... on ProposePlanItemsFromGapsError { code field message } } }"""
SUBORDINATE_PLAN = (
    f"""query($nip: String!) {{ employee(nip: $nip) {{ trainingPlan {{ {PLAN} }} }} }}"""
)


def gid(kind: str, pk: int) -> str:
    return to_global_id(kind, pk)


async def _propose(client, w) -> dict:
    data = await client.data(
        PROPOSE,
        {
            "input": {
                "plannedJp": 24,
                "courseId": gid("Course", w.course.id),
                "competencyId": gid("Competency", w.asuhan.id),
            }
        },
    )
    return data["proposePlanItem"]


async def test_siti_proposes_budi_agrees(client):
    w = await make_world()
    await client.login(SITI_NIP)
    proposed = await _propose(client, w)
    assert proposed["__typename"] == "ProposePlanItemSuccess"
    plan = proposed["plan"]
    assert (plan["status"], plan["plannedJp"], plan["rightJp"], plan["employee"]) == (
        "DRAFT",
        24,
        20,
        {"name": "Siti Rahmawati"},
    )
    assert plan["items"][0] | {"id": None} == {
        "id": None,
        "title": "Pelatihan Asuhan Keperawatan Kritis",
        "method": "PELATIHAN",
        "plannedJp": 24,
        "status": "PROPOSED",
        "proposedBy": {"name": "Siti Rahmawati"},
        "course": {"code": "C-KEP-01"},
        "competency": {"code": "T.KES.01"},
    }
    submitted = (await client.data(SUBMIT))["submitPlan"]
    assert submitted["plan"]["status"] == "PROPOSED"
    again = (await client.data(SUBMIT))["submitPlan"]
    assert (again["__typename"], again["code"]) == ("SubmitPlanError", "PLAN_UNDER_REVIEW")

    await client.login(BUDI_NIP)
    seen = (await client.data(SUBORDINATE_PLAN, {"nip": SITI_NIP}))["employee"]["trainingPlan"]
    assert seen["status"] == "PROPOSED"
    assert len(seen["items"]) == 1
    agreed = (await client.data(AGREE, {"input": {"employeeId": gid("Employee", w.siti.id)}}))[
        "agreePlan"
    ]
    assert agreed["__typename"] == "AgreePlanSuccess"
    plan = agreed["plan"]
    assert (plan["status"], plan["agreedBy"], plan["items"][0]["status"]) == (
        "AGREED",
        {"name": "Budi Santoso"},
        "AGREED",
    )
    assert plan["agreedAt"].endswith("+07:00")


async def test_budi_returns_with_a_note_and_changes_items(client):
    w = await make_world()
    await client.login(SITI_NIP)
    item_id = (await _propose(client, w))["item"]["id"]
    early = (await client.data(UPDATE, {"input": {"itemId": item_id, "plannedJp": 20}}))[
        "updatePlanItem"
    ]
    assert early["__typename"] == "UpdatePlanItemSuccess"
    await client.data(SUBMIT)
    await client.login(BUDI_NIP)
    changed = (await client.data(UPDATE, {"input": {"itemId": item_id, "plannedJp": 16}}))[
        "updatePlanItem"
    ]
    assert changed == {
        "__typename": "UpdatePlanItemSuccess",
        "item": {"title": "Pelatihan Asuhan Keperawatan Kritis", "plannedJp": 16},
        "plan": {"plannedJp": 16},
    }
    not_allowed = (await client.data(UPDATE, {"input": {"itemId": item_id, "method": "SEMINAR"}}))[
        "updatePlanItem"
    ]
    assert (not_allowed["code"], not_allowed["field"]) == ("FIELD_NOT_ALLOWED", "method")
    missing_note = await client.data(
        RETURN, {"input": {"employeeId": gid("Employee", w.siti.id), "note": ""}}
    )
    assert missing_note["returnPlan"]["code"] == "REQUIRED"
    returned = (
        await client.data(
            RETURN,
            {"input": {"employeeId": gid("Employee", w.siti.id), "note": "Tambahkan coaching."}},
        )
    )["returnPlan"]
    assert returned == {
        "__typename": "ReturnPlanSuccess",
        "plan": {"status": "DRAFT", "returnNote": "Tambahkan coaching."},
    }
    await client.login(SITI_NIP)
    mine = (await client.data("{ me { trainingPlan { returnNote status } } }"))["me"][
        "trainingPlan"
    ]
    assert mine == {"returnNote": "Tambahkan coaching.", "status": "DRAFT"}
    dropped = (await client.data(DROP, {"input": {"itemId": item_id}}))["dropPlanItem"]
    assert dropped == {
        "__typename": "DropPlanItemSuccess",
        "item": {"status": "DROPPED"},
        "plan": {"plannedJp": 0},
    }
    coaching = await client.data(
        PROPOSE, {"input": {"plannedJp": 4, "title": "Coaching", "method": "COACHING"}}
    )
    assert coaching["proposePlanItem"]["__typename"] == "ProposePlanItemSuccess"
    resubmitted = (await client.data(SUBMIT))["submitPlan"]["plan"]
    assert (resubmitted["status"], resubmitted["returnNote"]) == ("PROPOSED", "")


async def test_strangers_are_refused_and_change_nothing(client):
    w = await make_world()
    await client.login(SITI_NIP)
    item_id = (await _propose(client, w))["item"]["id"]
    await client.data(SUBMIT)
    siti_id = gid("Employee", w.siti.id)
    before = await dump()
    # Dewi (HR) is not Siti's supervisor; Rina is a colleague; Siti cannot agree her own plan.
    for nip in (DEWI_NIP, SITI_NIP, w.colleague.nip, w.kadis.nip):
        await client.login(nip)
        for document, variables in [
            (AGREE, {"employeeId": siti_id}),
            (RETURN, {"employeeId": siti_id, "note": "x"}),
        ]:
            body = await client.gql(document, {"input": variables})
            assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN", nip
    for nip in (w.colleague.nip, DEWI_NIP):
        await client.login(nip)
        for document in (UPDATE, DROP):
            body = await client.gql(document, {"input": {"itemId": item_id}})
            assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN", nip
    await client.login(BUDI_NIP)  # a supervisor, not HR
    body = await client.gql(BULK, {"input": {"year": today().year}})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await dump() == before


async def test_hr_bulk_proposal_then_budi_agrees(client):
    w = await make_world()
    await client.login(DEWI_NIP)
    variables = {"input": {"year": today().year, "unitId": gid("OrgUnit", w.dinkes.id)}}
    first = (await client.data(BULK, variables))["proposePlanItemsFromGaps"]
    # Asuhan Keperawatan for Siti and Rina (C-KEP-01); nothing closes Pelayanan or Integritas.
    assert first == {
        "__typename": "ProposePlanItemsFromGapsSuccess",
        "proposedCount": 2,
        "planCount": 2,
        "gapsWithoutCourse": 3,
    }
    again = (await client.data(BULK, variables))["proposePlanItemsFromGaps"]
    assert (again["proposedCount"], again["planCount"]) == (0, 0)
    bad = (await client.data(BULK, {"input": {"year": 1999}}))["proposePlanItemsFromGaps"]
    assert (bad["code"], bad["field"]) == ("INVALID_YEAR", "year")
    await client.login(BUDI_NIP)
    plan = (await client.data(SUBORDINATE_PLAN, {"nip": SITI_NIP}))["employee"]["trainingPlan"]
    assert plan["status"] == "PROPOSED"
    assert plan["items"][0]["proposedBy"] == {"name": "Dewi Lestari"}
    agreed = (await client.data(AGREE, {"input": {"employeeId": gid("Employee", w.siti.id)}}))[
        "agreePlan"
    ]
    assert agreed["plan"]["status"] == "AGREED"


async def test_plan_view_costs_the_same_for_2_and_30_items(client, count_queries):
    w = await make_world()
    plan = await TrainingPlan.create(employee=w.siti, year=today().year, agreed_by=w.budi)
    await client.login(BUDI_NIP)

    async def add(n: int) -> None:
        await TrainingPlanItem.bulk_create(
            [
                TrainingPlanItem(
                    plan=plan,
                    competency=w.asuhan if i % 2 else w.pelayanan,
                    course=w.course,
                    title=f"Rencana {i}",
                    method=TrainingMethod.PELATIHAN,
                    planned_jp=2,
                    proposed_by=w.siti if i % 2 else w.dewi,
                )
                for i in range(n)
            ]
        )

    await add(2)
    with count_queries() as small:
        data = await client.data(SUBORDINATE_PLAN, {"nip": SITI_NIP})
    assert len(data["employee"]["trainingPlan"]["items"]) == 2
    await add(28)
    with count_queries() as large:
        data = await client.data(SUBORDINATE_PLAN, {"nip": SITI_NIP})
    assert len(data["employee"]["trainingPlan"]["items"]) == 30
    assert small.count == large.count, large.statements
