"""Editing and removing SKP results and indicators, and reopening an agreed plan.

Rules (portal/duties/revisions.py): a draft changes; the employee changes her own draft except the
results her supervisor assigned; the supervisor changes anything in it; an agreed plan changes only
after the supervisor reopens it; an evaluated one never. Each change is in the history and the
audit log with before and after, and reaches the live pages.
"""

from __future__ import annotations

import asyncio
from decimal import Decimal

from portal.auth.principal import load_principal
from portal.duties import revisions
from portal.duties.models import SkpIndicator, SkpRealisation, SkpResult, SkpStatus
from portal.duties.progress_models import SkpActionPlan
from portal.notifications.models import Notification
from tests.duties.helpers import (
    AGREE,
    EDIT_INDICATOR,
    EDIT_RESULT,
    REMOVE_INDICATOR,
    REMOVE_RESULT,
    REOPEN,
    REPORT,
    audit,
    call,
    gid,
    make_plan,
    set_status,
    subscribe_in_process,
)
from tests.factories import BUDI_NIP, SITI_NIP, add_skp, make_world
from tests.training.support import captured_events


def result_of(payload: dict, result_id: str) -> dict:
    return next(r for r in payload["skp"]["results"] if r["id"] == result_id)


async def test_siti_edits_her_draft_result_with_before_and_after_in_history_and_audit(client):
    w = await make_world()
    plan = await make_plan(w)
    drafted = gid(plan.drafted)
    await client.login(SITI_NIP)

    edited = await call(
        client,
        EDIT_RESULT,
        {
            "resultId": drafted,
            "description": "Asuhan keperawatan rawat inap",
            "parentResultId": gid(plan.budi_other),
        },
    )

    assert edited["__typename"] == "SkpChangeSuccess"
    result = result_of(edited, drafted)
    assert result["description"] == "Asuhan keperawatan rawat inap"
    assert result["kind"] == "UTAMA"  # left out: unchanged
    assert result["cascadedFrom"]["description"] == "Kepatuhan rekam medis"
    (entry,) = edited["skp"]["history"]
    assert entry["action"] == "RESULT_EDITED"
    assert entry["actorName"] == "Siti Rahmawati"
    assert entry["note"] == (
        "Hasil kerja “Asuhan keperawatan”: uraian “Asuhan keperawatan” → "
        "“Asuhan keperawatan rawat inap”; diturunkan dari “Mutu layanan keperawatan” → "
        "“Kepatuhan rekam medis”"
    )
    (logged,) = await audit("skp.result_edited")
    assert logged.actor_id == w.siti.id
    assert logged.object_type == "Skp"
    assert logged.object_id == str(plan.skp.id)
    assert logged.before == {
        "id": plan.drafted.id,
        "skp_id": plan.skp.id,
        "kind": "UTAMA",
        "description": "Asuhan keperawatan",
        "parent_id": plan.budi_main.id,
        "assigned_by_id": None,
    }
    assert logged.after == logged.before | {
        "description": "Asuhan keperawatan rawat inap",
        "parent_id": plan.budi_other.id,
    }
    # Her own change is no news to her: no notification.
    assert not await Notification.filter(recipient_id=w.siti.id).exists()

    # An additional result needs no cascade; cutting it is allowed there.
    tambahan = await call(
        client,
        EDIT_RESULT,
        {"resultId": drafted, "kind": "TAMBAHAN", "parentResultId": None},
    )
    assert result_of(tambahan, drafted)["kind"] == "TAMBAHAN"
    assert result_of(tambahan, drafted)["cascadedFrom"] is None
    assert tambahan["skp"]["history"][-1]["note"].endswith(
        "jenis “utama” → “tambahan”; diturunkan dari “Kepatuhan rekam medis” → –"
    )

    # An edit that changes nothing records nothing.
    same = await call(client, EDIT_RESULT, {"resultId": drafted, "kind": "TAMBAHAN"})
    assert same["__typename"] == "SkpChangeSuccess"
    assert len(same["skp"]["history"]) == 2
    assert len(await audit("skp.result_edited")) == 2


async def test_edit_result_keeps_the_cascade_to_the_supervisors_results_of_that_year(client):
    w = await make_world()
    plan = await make_plan(w)
    last_year = await add_skp(w.budi, plan.year - 1, results=1)
    stale = await SkpResult.get(skp=last_year)
    elsewhere = await SkpResult.get(skp=await add_skp(w.other_supervisor, plan.year, results=1))
    drafted = gid(plan.drafted)
    await client.login(SITI_NIP)

    for parent in (stale, elsewhere, plan.assigned):  # last year's, another line's, her own
        refused = await call(
            client, EDIT_RESULT, {"resultId": drafted, "parentResultId": gid(parent)}
        )
        assert refused == {
            "__typename": "EditSkpResultError",
            "code": "INVALID_PARENT",
            "field": "parentResultId",
            "message": "Hasil kerja atasan tidak ditemukan untuk tahun ini.",
        }, parent.description
    cut = await call(client, EDIT_RESULT, {"resultId": drafted, "parentResultId": None})
    assert (cut["code"], cut["field"]) == ("CASCADE_REQUIRED", "parentResultId")
    promoted = await call(client, EDIT_RESULT, {"resultId": gid(plan.assigned), "kind": "UTAMA"})
    assert promoted["code"] == "NOT_ALLOWED"  # Budi assigned it; see the next test
    blank = await call(client, EDIT_RESULT, {"resultId": drafted, "description": "  "})
    assert (blank["code"], blank["field"]) == ("INVALID_INPUT", "description")
    missing = await call(client, EDIT_RESULT, {"resultId": gid(SkpResult(id=999_999))})
    assert missing["code"] == "NOT_FOUND"

    await client.login(BUDI_NIP)
    promoted = await call(client, EDIT_RESULT, {"resultId": gid(plan.assigned), "kind": "UTAMA"})
    assert (promoted["code"], promoted["field"]) == ("CASCADE_REQUIRED", "parentResultId")
    promoted = await call(
        client,
        EDIT_RESULT,
        {"resultId": gid(plan.assigned), "kind": "UTAMA", "parentResultId": gid(plan.budi_main)},
    )
    assert result_of(promoted, gid(plan.assigned))["kind"] == "UTAMA"
    assert await SkpResult.filter(id=plan.drafted.id, parent_id=plan.budi_main.id).exists()
    assert len(await audit("skp.result_edited")) == 1  # the refusals wrote nothing


async def test_what_budi_assigned_only_budi_changes_and_siti_is_told(client):
    w = await make_world()
    plan = await make_plan(w)
    assigned = gid(plan.assigned)
    await client.login(SITI_NIP)
    for document, input in (
        (EDIT_RESULT, {"resultId": assigned, "description": "Penyuluhan"}),
        (REMOVE_RESULT, {"resultId": assigned}),
    ):
        refused = await call(client, document, input)
        assert (refused["code"], refused["field"]) == ("NOT_ALLOWED", "resultId")
    # Indicators of an assigned result are hers to fix in a draft (targets are negotiated).
    fixed = await call(
        client, EDIT_INDICATOR, {"indicatorId": gid(plan.assigned_indicator), "targetValue": "10"}
    )
    assert fixed["__typename"] == "SkpChangeSuccess"

    await client.login(BUDI_NIP)
    edited = await call(client, EDIT_RESULT, {"resultId": assigned, "description": "Penyuluhan"})
    assert result_of(edited, assigned)["description"] == "Penyuluhan"
    # He may change what she drafted too, while it is a draft.
    edited = await call(
        client, EDIT_RESULT, {"resultId": gid(plan.drafted), "description": "Asuhan pasien"}
    )
    assert result_of(edited, gid(plan.drafted))["description"] == "Asuhan pasien"
    told = await Notification.filter(recipient_id=w.siti.id).order_by("id")
    assert [(n.kind, n.title) for n in told] == [
        ("skp.changed", "Atasan mengubah hasil kerja SKP Anda"),
        ("skp.changed", "Atasan mengubah hasil kerja SKP Anda"),
    ]
    assert told[0].body.startswith("Hasil kerja “Penyuluhan PHBS”: uraian")
    assert told[0].refs == {"skp": plan.skp.id}
    removed = await call(client, REMOVE_RESULT, {"resultId": assigned})
    assert [r["description"] for r in removed["skp"]["results"]] == ["Asuhan pasien"]


async def test_no_one_outside_the_line_changes_or_reopens_it(client):
    w = await make_world()
    plan = await make_plan(w)
    attempts = (
        (EDIT_RESULT, {"resultId": gid(plan.drafted), "description": "Diubah"}),
        (REMOVE_RESULT, {"resultId": gid(plan.drafted)}),
        (EDIT_INDICATOR, {"indicatorId": gid(plan.indicator), "targetValue": "1"}),
        (REMOVE_INDICATOR, {"indicatorId": gid(plan.indicator)}),
        (REOPEN, {"skpId": gid(plan.skp), "note": "Ubah target"}),
    )
    # A stranger in Dinkes, a colleague under Budi, another unit's head, HR, Budi's own head
    # (indirect supervisors read, they do not change).
    for outsider in (w.stranger, w.colleague, w.other_supervisor, w.dewi, w.kadis):
        await client.login(outsider.nip)
        for document, input in attempts:
            refused = await call(client, document, input)
            assert refused["code"] == "NOT_ALLOWED", (outsider.name, document[:40])
    await client.login(SITI_NIP)
    refused = await call(client, REOPEN, {"skpId": gid(plan.skp), "note": "Ubah target"})
    assert (refused["code"], refused["field"]) == ("NOT_ALLOWED", "skpId")
    await client.logout()
    body = await client.gql(EDIT_RESULT, {"input": attempts[0][1]})
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    # Nothing changed, nothing was recorded.
    assert await SkpIndicator.filter(id=plan.indicator.id).exists()
    assert (await SkpResult.get(id=plan.drafted.id)).description == "Asuhan keperawatan"
    assert not await audit("skp.result_edited")
    assert not await audit("skp.indicator_removed")


async def test_an_agreed_plan_changes_only_after_budi_reopens_it(client):
    w = await make_world()
    plan = await make_plan(w, status=SkpStatus.AGREED)
    changes = (
        (EDIT_RESULT, {"resultId": gid(plan.drafted), "description": "Diubah"}),
        (REMOVE_RESULT, {"resultId": gid(plan.drafted)}),
        (EDIT_INDICATOR, {"indicatorId": gid(plan.indicator), "targetValue": "120"}),
        (REMOVE_INDICATOR, {"indicatorId": gid(plan.assigned_indicator)}),
    )
    for nip in (SITI_NIP, BUDI_NIP):
        await client.login(nip)
        for document, input in changes:
            refused = await call(client, document, input)
            assert refused["code"] == "INVALID_STATE", (nip, document[:40])
            assert "membukanya kembali" in refused["message"]

    await client.login(BUDI_NIP)
    blank = await call(client, REOPEN, {"skpId": gid(plan.skp), "note": " "})
    assert (blank["code"], blank["field"]) == ("INVALID_INPUT", "note")
    reopened = await call(client, REOPEN, {"skpId": gid(plan.skp), "note": "Target diturunkan"})
    assert reopened["skp"]["status"] == "DRAFT"
    assert reopened["skp"]["history"] == [
        {"action": "REOPENED", "actorName": "Budi Santoso", "note": "Target diturunkan"}
    ]
    (logged,) = await audit("skp.reopened")
    assert (logged.before, logged.after) == (
        {"status": "AGREED"},
        {"status": "DRAFT", "note": "Target diturunkan"},
    )
    (told,) = await Notification.filter(recipient_id=w.siti.id)
    assert (told.kind, told.body) == ("skp.reopened", "Target diturunkan")
    again = await call(client, REOPEN, {"skpId": gid(plan.skp), "note": "Lagi"})
    assert (again["code"], again["message"]) == ("INVALID_STATE", "SKP ini masih rancangan.")

    await client.login(SITI_NIP)
    # While reopened nothing is reported against it...
    report = {"indicatorId": gid(plan.indicator), "period": 1, "value": "5"}
    assert (await call(client, REPORT, report))["code"] == "INVALID_STATE"
    # ...and it changes as a draft does.
    for document, input in changes[:1] + changes[2:3]:
        assert (await call(client, document, input))["__typename"] == "SkpChangeSuccess"
    await client.login(BUDI_NIP)
    agreed = await call(client, AGREE, {"skpId": gid(plan.skp), "note": "Sepakat"})
    assert agreed["skp"]["status"] == "AGREED"
    assert [h["action"] for h in agreed["skp"]["history"]] == [
        "REOPENED",
        "RESULT_EDITED",
        "INDICATOR_EDITED",
        "AGREED",
    ]


async def test_removing_a_result_takes_its_indicators_and_action_plans_into_the_audit(client):
    w = await make_world()
    plan = await make_plan(w)
    await SkpActionPlan.create(result=plan.drafted, period=2, description="Audit dokumen")
    await client.login(SITI_NIP)

    removed = await call(client, REMOVE_RESULT, {"resultId": gid(plan.drafted)})

    assert [r["description"] for r in removed["skp"]["results"]] == ["Penyuluhan PHBS"]
    assert removed["skp"]["history"] == [
        {
            "action": "RESULT_REMOVED",
            "actorName": "Siti Rahmawati",
            "note": "Hasil kerja “Asuhan keperawatan”",
        }
    ]
    assert not await SkpIndicator.filter(id=plan.indicator.id).exists()
    assert not await SkpActionPlan.filter(result_id=plan.drafted.id).exists()
    (logged,) = await audit("skp.result_removed")
    assert logged.after is None
    assert logged.before["description"] == "Asuhan keperawatan"
    assert logged.before["parent_id"] == plan.budi_main.id
    assert logged.before["indicators"] == [
        {
            "id": plan.indicator.id,
            "result_id": plan.drafted.id,
            "aspect": "QUANTITY",
            "description": "Dokumen asuhan lengkap",
            "target_value": "100.00",
            "target_text": "",
            "unit_label": "dokumen",
        }
    ]
    assert logged.before["action_plans"] == [{"period": 2, "description": "Audit dokumen"}]
    again = await call(client, REMOVE_RESULT, {"resultId": gid(plan.drafted)})
    assert (again["code"], again["field"]) == ("NOT_FOUND", "resultId")


async def test_a_result_others_are_cascaded_from_is_not_removed(client):
    w = await make_world()
    plan = await make_plan(w)
    await set_status(plan.budi_skp, SkpStatus.DRAFT)
    await client.login(BUDI_NIP)

    refused = await call(client, REMOVE_RESULT, {"resultId": gid(plan.budi_main)})

    assert refused == {
        "__typename": "RemoveSkpResultError",
        "code": "HAS_CASCADED_RESULTS",
        "field": "resultId",
        "message": "Hasil kerja ini menjadi acuan 1 hasil kerja bawahan; "
        "ubah atau hapus dulu hasil kerja tersebut.",
    }
    assert await SkpResult.filter(id=plan.budi_main.id).exists()
    # Once Siti's result is cascaded from his other one, it can go.
    moved = {"resultId": gid(plan.drafted), "parentResultId": gid(plan.budi_other)}
    assert (await call(client, EDIT_RESULT, moved))["__typename"] == "SkpChangeSuccess"
    removed = await call(client, REMOVE_RESULT, {"resultId": gid(plan.budi_main)})
    assert [r["description"] for r in removed["skp"]["results"]] == ["Kepatuhan rekam medis"]


async def test_what_was_reported_on_is_edited_but_not_removed(client):
    w = await make_world()
    plan = await make_plan(w)
    await SkpRealisation.create(
        indicator=plan.indicator, period=1, value=Decimal(30), note="Triwulan I"
    )
    await client.login(BUDI_NIP)

    for document, input, field in (
        (REMOVE_INDICATOR, {"indicatorId": gid(plan.indicator)}, "indicatorId"),
        (REMOVE_RESULT, {"resultId": gid(plan.drafted)}, "resultId"),
    ):
        refused = await call(client, document, input)
        assert (refused["code"], refused["field"]) == ("HAS_REALISATIONS", field)
    edited = await call(
        client, EDIT_INDICATOR, {"indicatorId": gid(plan.indicator), "targetValue": "80"}
    )
    indicator = result_of(edited, gid(plan.drafted))["indicators"][0]
    assert indicator["targetValue"] == "80.00"
    assert indicator["realisations"] == [{"period": 1, "value": "30.00"}]


async def test_indicator_edits_keep_a_valid_target_and_are_audited(client):
    w = await make_world()
    plan = await make_plan(w)
    indicator = gid(plan.indicator)
    await client.login(SITI_NIP)

    edited = await call(
        client,
        EDIT_INDICATOR,
        {"indicatorId": indicator, "targetValue": "120", "unitLabel": "berkas"},
    )

    after = result_of(edited, gid(plan.drafted))["indicators"][0]
    assert (after["targetValue"], after["unitLabel"], after["aspect"]) == (
        "120.00",
        "berkas",
        "QUANTITY",
    )
    assert edited["skp"]["history"][-1]["note"] == (
        "Indikator “Dokumen asuhan lengkap”: target “100.00” → “120.00”; "
        "satuan “dokumen” → “berkas”"
    )
    (logged,) = await audit("skp.indicator_edited")
    assert (logged.before["target_value"], logged.after["target_value"]) == ("100.00", "120.00")
    assert (logged.before["unit_label"], logged.after["unit_label"]) == ("dokumen", "berkas")

    for input, field in (
        ({"aspect": "QUALITATIVE"}, "targetText"),  # qualitative needs a target in words
        ({"targetValue": None}, "targetValue"),  # quantity needs a number
        ({"targetValue": "-1"}, "targetValue"),
        ({"targetValue": "banyak"}, "targetValue"),
        ({"description": ""}, "description"),
        ({"unitLabel": "x" * 61}, "unitLabel"),
        ({"targetText": "x" * 256}, "targetText"),
    ):
        refused = await call(client, EDIT_INDICATOR, {"indicatorId": indicator, **input})
        assert (refused["code"], refused["field"]) == ("INVALID_INPUT", field), input
    qualitative = await call(
        client,
        EDIT_INDICATOR,
        {
            "indicatorId": indicator,
            "aspect": "QUALITATIVE",
            "targetValue": None,
            "targetText": "Tanpa keluhan pasien",
        },
    )
    after = result_of(qualitative, gid(plan.drafted))["indicators"][0]
    assert (after["aspect"], after["targetValue"], after["targetText"]) == (
        "QUALITATIVE",
        None,
        "Tanpa keluhan pasien",
    )
    assert "aspek “kuantitas” → “kualitatif”" in qualitative["skp"]["history"][-1]["note"]
    assert len(await audit("skp.indicator_edited")) == 2

    removed = await call(client, REMOVE_INDICATOR, {"indicatorId": indicator})
    assert result_of(removed, gid(plan.drafted))["indicators"] == []
    assert removed["skp"]["history"][-1] == {
        "action": "INDICATOR_REMOVED",
        "actorName": "Siti Rahmawati",
        "note": "Indikator “Dokumen asuhan lengkap”",
    }
    (logged,) = await audit("skp.indicator_removed")
    assert logged.after is None
    assert logged.before["target_text"] == "Tanpa keluhan pasien"
    # An emptied plan is not agreed.
    await client.login(BUDI_NIP)
    empty = await call(client, AGREE, {"skpId": gid(plan.skp)})
    assert empty["code"] == "EMPTY_PLAN"


async def test_after_evaluation_nothing_is_changed_or_reopened(client):
    w = await make_world()
    plan = await make_plan(w, status=SkpStatus.EVALUATED)
    await client.login(BUDI_NIP)
    for document, input in (
        (EDIT_RESULT, {"resultId": gid(plan.drafted), "description": "Diubah"}),
        (REMOVE_RESULT, {"resultId": gid(plan.assigned)}),
        (EDIT_INDICATOR, {"indicatorId": gid(plan.indicator), "targetValue": "1"}),
        (REMOVE_INDICATOR, {"indicatorId": gid(plan.indicator)}),
        (REOPEN, {"skpId": gid(plan.skp), "note": "Koreksi"}),
    ):
        refused = await call(client, document, input)
        assert refused["code"] == "INVALID_STATE", document[:40]
        assert "sudah dinilai" in refused["message"]


async def test_each_change_is_published_to_the_live_pages(client):
    w = await make_world()
    plan = await make_plan(w)
    await client.login(BUDI_NIP)
    expected = {"employee": w.siti.id, "skp": plan.skp.id, "position": w.siti_pos.id}
    async with captured_events() as events:

        def skp_events() -> list[tuple[str, dict]]:
            # Budi's changes also notify Siti (notification.created); the SKP pages follow these.
            return [(e.topic, e.ids) for e in events.drain() if e.topic.startswith("skp.")]

        for document, input in (
            (EDIT_RESULT, {"resultId": gid(plan.drafted), "description": "Diubah"}),
            (EDIT_INDICATOR, {"indicatorId": gid(plan.indicator), "targetValue": "90"}),
            (REMOVE_INDICATOR, {"indicatorId": gid(plan.assigned_indicator)}),
            (REMOVE_RESULT, {"resultId": gid(plan.assigned)}),
        ):
            assert (await call(client, document, input))["__typename"] == "SkpChangeSuccess"
            assert skp_events() == [("skp.changed", expected)]
        # A refused change publishes nothing.
        refused = await call(client, REMOVE_RESULT, {"resultId": gid(plan.budi_main)})
        assert refused["__typename"] == "RemoveSkpResultError"
        assert skp_events() == []
        await set_status(plan.skp, SkpStatus.AGREED)
        await call(client, REOPEN, {"skpId": gid(plan.skp), "note": "Ubah"})
        assert skp_events() == [("skp.changed", expected)]


async def test_sitis_open_page_sees_budis_edit_live(db):
    """Through the mySkpChanged subscription itself (in-process), within a second."""
    w = await make_world()
    plan = await make_plan(w)
    siti = await load_principal(employee_id=w.siti.id, via="test")
    budi = await load_principal(employee_id=w.budi.id, via="test")
    async with captured_events():
        stream = await subscribe_in_process(
            db, siti, "subscription { mySkpChanged { skp { results { description } } } }"
        )
        try:
            first = asyncio.ensure_future(stream.__anext__())
            await asyncio.sleep(0.1)  # let it subscribe to the bus
            await revisions.edit_result(
                principal=budi, result_id=plan.drafted.id, description="Asuhan rawat inap"
            )
            update = await asyncio.wait_for(first, timeout=1.0)
        finally:
            await stream.aclose()
    assert update.errors is None
    descriptions = [r["description"] for r in update.data["mySkpChanged"]["skp"]["results"]]
    assert descriptions == ["Asuhan rawat inap", "Penyuluhan PHBS"]
