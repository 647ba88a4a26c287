"""Correcting and removing SKP action plans (rencana aksi).

Rules (portal/duties/action_plans.py): action plans are the year's working plan, so, like adding
one, the employee and her direct supervisor (or his acting Plt) change them while the SKP is a
draft or agreed, never once it is evaluated. Each change is in the history and the audit log
with before and after, tells the employee when her supervisor made it, and reaches the live
pages.
"""

from __future__ import annotations

import asyncio

from portal.auth.principal import load_principal
from portal.duties import action_plans
from portal.duties.models import SkpStatus
from portal.duties.progress_models import SkpActionPlan, SkpEvent
from portal.notifications.models import Notification
from tests.duties.helpers import (
    EDIT_ACTION_PLAN,
    REMOVE_ACTION_PLAN,
    audit,
    call,
    gid,
    make_plan,
    subscribe_in_process,
)
from tests.factories import BUDI_NIP, SITI_NIP, make_world
from tests.graphql.live_client import appoint_plt
from tests.training.support import captured_events

NODE = "query($id: ID!) { node(id: $id) { id ... on SkpActionPlan { period description } } }"


async def _plans(plan) -> tuple[SkpActionPlan, SkpActionPlan]:
    """Two action plans on Siti's own main result."""
    first = await SkpActionPlan.create(result=plan.drafted, period=1, description="Audit dokumen")
    second = await SkpActionPlan.create(
        result=plan.drafted, period=2, description="Supervisi ruangan"
    )
    return first, second


def plans_of(payload: dict, result_id: str) -> list[dict]:
    result = next(r for r in payload["skp"]["results"] if r["id"] == result_id)
    return result["actionPlans"]


async def _rows() -> list[tuple[int, int, str]]:
    return [(a.id, a.period, a.description) for a in await SkpActionPlan.all().order_by("id")]


async def test_siti_corrects_and_removes_her_action_plans_with_history_and_audit(client):
    w = await make_world()
    plan = await make_plan(w)
    first, second = await _plans(plan)
    drafted = gid(plan.drafted)
    await client.login(SITI_NIP)

    edited = await call(
        client,
        EDIT_ACTION_PLAN,
        {"actionPlanId": gid(first), "period": 3, "description": "Audit dokumen rekam medis"},
    )

    assert edited["__typename"] == "SkpChangeSuccess"
    assert plans_of(edited, drafted) == [
        {"id": gid(second), "period": 2, "description": "Supervisi ruangan"},
        {"id": gid(first), "period": 3, "description": "Audit dokumen rekam medis"},
    ]
    assert edited["skp"]["history"] == [
        {
            "action": "ACTION_PLAN_EDITED",
            "actorName": "Siti Rahmawati",
            "note": "Rencana aksi “Audit dokumen”: periode “Triwulan 1” → “Triwulan 3”; "
            "uraian “Audit dokumen” → “Audit dokumen rekam medis”",
        }
    ]
    (logged,) = await audit("skp.action_plan_edited")
    assert (logged.actor_id, logged.object_type, logged.object_id) == (
        w.siti.id,
        "Skp",
        str(plan.skp.id),
    )
    assert logged.before == {
        "id": first.id,
        "result_id": plan.drafted.id,
        "period": 1,
        "description": "Audit dokumen",
    }
    assert logged.after == logged.before | {
        "period": 3,
        "description": "Audit dokumen rekam medis",
    }

    # Left out stays as it is.
    reworded = await call(
        client, EDIT_ACTION_PLAN, {"actionPlanId": gid(first), "description": "Audit berkas"}
    )
    assert plans_of(reworded, drafted)[1] == {
        "id": gid(first),
        "period": 3,
        "description": "Audit berkas",
    }
    assert reworded["skp"]["history"][-1]["note"] == (
        "Rencana aksi “Audit dokumen rekam medis”: uraian “Audit dokumen rekam medis” → "
        "“Audit berkas”"
    )

    # An edit that changes nothing records nothing (surrounding spaces are not a change).
    same = await call(
        client,
        EDIT_ACTION_PLAN,
        {"actionPlanId": gid(first), "period": 3, "description": "  Audit berkas "},
    )
    assert same["__typename"] == "SkpChangeSuccess"
    assert len(same["skp"]["history"]) == 2
    assert len(await audit("skp.action_plan_edited")) == 2

    removed = await call(client, REMOVE_ACTION_PLAN, {"actionPlanId": gid(second)})

    assert plans_of(removed, drafted) == [
        {"id": gid(first), "period": 3, "description": "Audit berkas"}
    ]
    assert removed["skp"]["history"][-1] == {
        "action": "ACTION_PLAN_REMOVED",
        "actorName": "Siti Rahmawati",
        "note": "Rencana aksi “Supervisi ruangan” (Triwulan 2)",
    }
    (logged,) = await audit("skp.action_plan_removed")
    assert logged.after is None
    assert logged.before == {
        "id": second.id,
        "result_id": plan.drafted.id,
        "period": 2,
        "description": "Supervisi ruangan",
    }
    assert not await SkpActionPlan.filter(id=second.id).exists()
    # Her own changes are no news to her.
    assert not await Notification.filter(recipient_id=w.siti.id).exists()

    for document, input in (
        (REMOVE_ACTION_PLAN, {"actionPlanId": gid(second)}),
        (EDIT_ACTION_PLAN, {"actionPlanId": gid(second), "period": 1}),
    ):
        gone = await call(client, document, input)
        assert (gone["code"], gone["field"]) == ("NOT_FOUND", "actionPlanId")


async def test_budi_and_his_plt_change_them_in_an_agreed_plan_and_siti_is_told(client):
    w = await make_world()
    plan = await make_plan(w, status=SkpStatus.AGREED)
    first, second = await _plans(plan)
    plt = await appoint_plt(w)

    # Agreed is no obstacle for working plans: Siti corrects hers without a reopening.
    await client.login(SITI_NIP)
    own = await call(client, EDIT_ACTION_PLAN, {"actionPlanId": gid(second), "period": 4})
    assert own["__typename"] == "SkpChangeSuccess"
    assert own["skp"]["status"] == "AGREED"

    await client.login(BUDI_NIP)
    edited = await call(
        client, EDIT_ACTION_PLAN, {"actionPlanId": gid(first), "description": "Audit bulanan"}
    )
    assert plans_of(edited, gid(plan.drafted))[0]["description"] == "Audit bulanan"
    await client.login(plt.nip)
    removed = await call(client, REMOVE_ACTION_PLAN, {"actionPlanId": gid(second)})
    assert [a["id"] for a in plans_of(removed, gid(plan.drafted))] == [gid(first)]
    assert [(h["action"], h["actorName"]) for h in removed["skp"]["history"]] == [
        ("ACTION_PLAN_EDITED", "Siti Rahmawati"),
        ("ACTION_PLAN_EDITED", "Budi Santoso"),
        ("ACTION_PLAN_REMOVED", "Wawan Setiawan"),
    ]

    told = await Notification.filter(recipient_id=w.siti.id).order_by("id")
    assert [(n.kind, n.title, n.body, n.refs) for n in told] == [
        (
            "skp.changed",
            "Atasan mengubah rencana aksi SKP Anda",
            "Rencana aksi “Audit dokumen”: uraian “Audit dokumen” → “Audit bulanan”",
            {"skp": plan.skp.id},
        ),
        (
            "skp.changed",
            "Atasan menghapus rencana aksi SKP Anda",
            "Rencana aksi “Supervisi ruangan” (Triwulan 4)",
            {"skp": plan.skp.id},
        ),
    ]


async def test_no_one_outside_the_line_changes_them(client):
    w = await make_world()
    plan = await make_plan(w)
    first, _ = await _plans(plan)
    rows = await _rows()
    attempts = (
        (EDIT_ACTION_PLAN, {"actionPlanId": gid(first), "description": "Diubah"}),
        (REMOVE_ACTION_PLAN, {"actionPlanId": gid(first)}),
    )
    # A stranger in Dinkes, a colleague under Budi, another unit's head, HR, Budi's own head.
    for outsider in (w.stranger, w.colleague, w.other_supervisor, w.dewi, w.kadis):
        await client.login(outsider.nip)
        for document, input in attempts:
            refused = await call(client, document, input)
            assert refused["code"] == "NOT_ALLOWED", (outsider.name, document[:40])
        # HR and Budi's own head read it by its id (they read her SKP); the others do not.
        body = await client.gql(NODE, {"id": gid(first)})
        if outsider in (w.dewi, w.kadis):
            assert body["data"]["node"]["description"] == "Audit dokumen", outsider.name
        else:
            assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN", outsider.name
    await client.logout()
    body = await client.gql(EDIT_ACTION_PLAN, {"input": attempts[0][1]})
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"

    assert await _rows() == rows
    assert not await SkpEvent.filter(skp_id=plan.skp.id).exists()
    assert not await audit("skp.action_plan_edited")
    assert not await audit("skp.action_plan_removed")
    await client.login(SITI_NIP)
    found = await client.data(NODE, {"id": gid(first)})
    assert found["node"] == {"id": gid(first), "period": 1, "description": "Audit dokumen"}


async def test_after_evaluation_they_no_longer_change(client):
    w = await make_world()
    plan = await make_plan(w, status=SkpStatus.EVALUATED)
    first, _ = await _plans(plan)
    rows = await _rows()
    for nip in (SITI_NIP, BUDI_NIP):
        await client.login(nip)
        for document, input in (
            (EDIT_ACTION_PLAN, {"actionPlanId": gid(first), "period": 2}),
            (REMOVE_ACTION_PLAN, {"actionPlanId": gid(first)}),
        ):
            refused = await call(client, document, input)
            assert (refused["code"], refused["field"]) == ("INVALID_STATE", "actionPlanId")
            assert refused["message"] == "SKP sudah dinilai dan tidak dapat diubah lagi."
    assert await _rows() == rows
    assert not await SkpEvent.filter(skp_id=plan.skp.id).exists()
    assert not await Notification.filter(recipient_id=w.siti.id).exists()


async def test_bad_input_is_a_typed_error_and_changes_nothing(client):
    w = await make_world()
    plan = await make_plan(w)
    first, _ = await _plans(plan)
    rows = await _rows()
    await client.login(SITI_NIP)

    for input, field, message in (
        ({"period": 0}, "period", "Periode harus 1-4."),
        ({"period": 5}, "period", "Periode harus 1-4."),
        ({"period": 2, "description": "  "}, "description", "Wajib diisi."),
        ({"description": "x" * 2001}, "description", "Maksimal 2000 karakter."),
    ):
        refused = await call(client, EDIT_ACTION_PLAN, {"actionPlanId": gid(first), **input})
        assert refused == {
            "__typename": "EditSkpActionPlanError",
            "code": "INVALID_INPUT",
            "field": field,
            "message": message,
        }, input
    missing = await call(
        client, EDIT_ACTION_PLAN, {"actionPlanId": gid(SkpActionPlan(id=999_999)), "period": 1}
    )
    assert (missing["code"], missing["field"]) == ("NOT_FOUND", "actionPlanId")
    # Another type's id is no action plan's: a top-level INVALID_ID.
    body = await client.gql(REMOVE_ACTION_PLAN, {"input": {"actionPlanId": gid(plan.indicator)}})
    assert body["errors"][0]["extensions"]["code"] == "INVALID_ID"

    assert await _rows() == rows
    assert not await SkpEvent.filter(skp_id=plan.skp.id).exists()
    assert not await audit("skp.action_plan_edited")


async def test_each_change_is_published_to_the_live_pages(client):
    w = await make_world()
    plan = await make_plan(w)
    first, second = await _plans(plan)
    await client.login(BUDI_NIP)
    expected = {"employee": w.siti.id, "skp": plan.skp.id, "position": w.siti_pos.id}
    async with captured_events() as events:

        def skp_events() -> list[tuple[str, dict]]:
            return [(e.topic, e.ids) for e in events.drain() if e.topic.startswith("skp.")]

        for document, input in (
            (EDIT_ACTION_PLAN, {"actionPlanId": gid(first), "period": 4}),
            (REMOVE_ACTION_PLAN, {"actionPlanId": gid(second)}),
        ):
            assert (await call(client, document, input))["__typename"] == "SkpChangeSuccess"
            assert skp_events() == [("skp.changed", expected)]
        # Neither a refused change nor one that changes nothing publishes anything.
        refused = await call(client, EDIT_ACTION_PLAN, {"actionPlanId": gid(first), "period": 0})
        assert refused["__typename"] == "EditSkpActionPlanError"
        unchanged = await call(client, EDIT_ACTION_PLAN, {"actionPlanId": gid(first), "period": 4})
        assert unchanged["__typename"] == "SkpChangeSuccess"
        assert skp_events() == []


async def test_sitis_open_page_sees_budis_correction_live(db):
    """Through the mySkpChanged subscription itself (in-process), within a second."""
    w = await make_world()
    plan = await make_plan(w)
    first, second = await _plans(plan)
    siti = await load_principal(employee_id=w.siti.id, via="test")
    budi = await load_principal(employee_id=w.budi.id, via="test")
    async with captured_events():
        stream = await subscribe_in_process(
            db,
            siti,
            "subscription { mySkpChanged { skp { results { actionPlans { id period } } } } }",
        )
        try:
            update = asyncio.ensure_future(stream.__anext__())
            await asyncio.sleep(0.1)  # let it subscribe to the bus
            await action_plans.edit_action_plan(principal=budi, action_plan_id=first.id, period=3)
            changed = await asyncio.wait_for(update, timeout=1.0)
        finally:
            await stream.aclose()
    assert changed.errors is None
    (drafted, _assigned) = changed.data["mySkpChanged"]["skp"]["results"]
    assert drafted["actionPlans"] == [
        {"id": gid(second), "period": 2},
        {"id": gid(first), "period": 3},
    ]
