"""SKP rules the workflow test leaves out: the cascade parent, action plans, quarterly and yearly
reviews, reporting before agreement or again for a quarter, and what an evaluated SKP refuses."""

from __future__ import annotations

from portal.duties.models import SkpRealisation, SkpResult, SkpStatus
from portal.duties.progress_models import SkpActionPlan, SkpReview
from portal.graphql.util import today
from tests.duties.helpers import (
    ACTION_PLAN,
    ADD_INDICATOR,
    ADD_RESULT,
    AGREE,
    REPORT,
    REVIEW,
    audit,
    call,
    gid,
    make_plan,
    set_status,
)
from tests.factories import BUDI_NIP, SITI_NIP, add_skp, make_world


async def test_a_result_is_cascaded_only_from_the_supervisors_results_of_that_year(client):
    w = await make_world()
    plan = await make_plan(w)
    last_year = await (await add_skp(w.budi, plan.year - 1, results=1)).results.all().first()
    colleagues = await (await add_skp(w.colleague, plan.year, results=1)).results.all().first()
    other_line = (
        await (await add_skp(w.other_supervisor, plan.year, results=1)).results.all().first()
    )
    base = {"nip": SITI_NIP, "year": plan.year, "kind": "UTAMA", "description": "Edukasi pasien"}

    for nip in (SITI_NIP, BUDI_NIP):  # drafting herself, or assigned by him
        await client.login(nip)
        for parent in (last_year, colleagues, other_line, plan.drafted):
            refused = await call(client, ADD_RESULT, {**base, "parentResultId": gid(parent)})
            assert (refused["code"], refused["field"]) == ("INVALID_PARENT", "parentResultId")
        added = await call(client, ADD_RESULT, {**base, "parentResultId": gid(plan.budi_other)})
        assert added["__typename"] == "AddSkpResultSuccess", nip
    assert await plan.skp.results.all().count() == 4  # the two refused ones were not added


async def test_action_plan_rules(client):
    w = await make_world()
    plan = await make_plan(w)
    result = gid(plan.drafted)
    await client.login(SITI_NIP)
    for input, field in (
        ({"period": 0, "description": "Aksi"}, "period"),
        ({"period": 5, "description": "Aksi"}, "period"),
        ({"period": 1, "description": "  "}, "description"),
    ):
        refused = await call(client, ACTION_PLAN, {"resultId": result, **input})
        assert (refused["code"], refused["field"]) == ("INVALID_INPUT", field), input
    unknown = {"resultId": gid(SkpResult(id=999_999)), "period": 1, "description": "Aksi"}
    missing = await call(client, ACTION_PLAN, unknown)
    assert (missing["code"], missing["field"]) == ("NOT_FOUND", "resultId")

    # The owner and her supervisor plan actions, in a draft and in an agreed plan.
    planned = await call(
        client, ACTION_PLAN, {"resultId": result, "period": 1, "description": "Audit dokumen"}
    )
    added = await SkpActionPlan.get(result_id=plan.drafted.id)
    assert planned["skp"]["results"][0]["actionPlans"] == [
        {"id": gid(added), "period": 1, "description": "Audit dokumen"}
    ]
    await client.login(BUDI_NIP)
    await call(client, AGREE, {"skpId": gid(plan.skp)})
    planned = await call(
        client, ACTION_PLAN, {"resultId": result, "period": 3, "description": "Supervisi"}
    )
    assert [a["period"] for a in planned["skp"]["results"][0]["actionPlans"]] == [1, 3]
    assert [h["action"] for h in planned["skp"]["history"]] == [
        "ACTION_PLANNED",
        "AGREED",
        "ACTION_PLANNED",
    ]
    # No one else; and not after evaluation.
    for outsider in (w.colleague, w.other_supervisor, w.dewi, w.kadis):
        await client.login(outsider.nip)
        refused = await call(
            client, ACTION_PLAN, {"resultId": result, "period": 2, "description": "Aksi"}
        )
        assert refused["code"] == "NOT_ALLOWED", outsider.name
    await set_status(plan.skp, SkpStatus.EVALUATED)
    await client.login(SITI_NIP)
    refused = await call(client, ACTION_PLAN, {"resultId": result, "period": 2, "description": "A"})
    assert (refused["code"], refused["field"]) == ("INVALID_STATE", "resultId")


async def test_quarterly_reviews_keep_the_plan_open_and_the_yearly_one_closes_it(client):
    w = await make_world()
    plan = await make_plan(w)
    skp = gid(plan.skp)
    rating = {"resultRating": "AS_EXPECTED", "behaviourRating": "AS_EXPECTED"}
    await client.login(BUDI_NIP)
    early = await call(client, REVIEW, {"skpId": skp, "period": 1, **rating})
    assert (early["code"], early["field"]) == ("INVALID_STATE", "skpId")  # not agreed yet
    await call(client, AGREE, {"skpId": skp})
    for period in (-1, 5):
        refused = await call(client, REVIEW, {"skpId": skp, "period": period, **rating})
        assert (refused["code"], refused["field"]) == ("INVALID_INPUT", "period")

    quarterly = await call(client, REVIEW, {"skpId": skp, "period": 1, **rating})
    assert quarterly["skp"]["status"] == "AGREED"
    assert quarterly["skp"]["reviews"] == [{"period": 1, "predikat": "BAIK"}]
    # Rating the quarter again replaces its review.
    again = await call(
        client,
        REVIEW,
        {"skpId": skp, "period": 1, "resultRating": "BELOW", "behaviourRating": "BELOW"},
    )
    assert again["skp"]["reviews"] == [{"period": 1, "predikat": "SANGAT_KURANG"}]
    assert await SkpReview.filter(skp_id=plan.skp.id).count() == 1
    assert (await audit("skp.reviewed"))[-1].after == {
        "period": 1,
        "result": "BELOW",
        "behaviour": "BELOW",
        "predikat": "SANGAT_KURANG",
    }
    await client.login(SITI_NIP)
    own = await call(client, REVIEW, {"skpId": skp, "period": 1, **rating})
    assert own["code"] == "NOT_ALLOWED"

    await client.login(BUDI_NIP)
    yearly = await call(
        client,
        REVIEW,
        {"skpId": skp, "period": 0, "resultRating": "ABOVE", "behaviourRating": "ABOVE"},
    )
    assert yearly["skp"]["status"] == "EVALUATED"
    assert yearly["skp"]["reviews"] == [
        {"period": 0, "predikat": "SANGAT_BAIK"},
        {"period": 1, "predikat": "SANGAT_KURANG"},
    ]
    # Evaluated: no further rating, for a quarter or the year.
    for period in (0, 2):
        refused = await call(client, REVIEW, {"skpId": skp, "period": period, **rating})
        assert refused["code"] == "INVALID_STATE"


async def test_a_quarter_that_has_not_started_is_neither_rated_nor_reported(client):
    w = await make_world()
    plan = await make_plan(w, year=today().year + 1, status=SkpStatus.AGREED)
    await client.login(BUDI_NIP)
    rating = {"resultRating": "AS_EXPECTED", "behaviourRating": "AS_EXPECTED"}
    refused = await call(client, REVIEW, {"skpId": gid(plan.skp), "period": 1, **rating})
    assert (refused["code"], refused["field"]) == ("PERIOD_NOT_STARTED", "period")
    await client.login(SITI_NIP)
    report = {"indicatorId": gid(plan.indicator), "period": 1, "value": "5"}
    refused = await call(client, REPORT, report)
    assert (refused["code"], refused["field"]) == ("PERIOD_NOT_STARTED", "period")


async def test_realisation_is_reported_by_the_owner_once_the_plan_is_agreed(client):
    w = await make_world()
    plan = await make_plan(w)
    report = {"indicatorId": gid(plan.indicator), "period": 1, "value": "10"}
    await client.login(SITI_NIP)
    draft = await call(client, REPORT, report)
    assert (draft["code"], draft["field"]) == ("INVALID_STATE", "indicatorId")
    await client.login(BUDI_NIP)
    await call(client, AGREE, {"skpId": gid(plan.skp)})
    for reporter in (w.budi, w.colleague, w.dewi):
        await client.login(reporter.nip)
        refused = await call(client, REPORT, report)
        assert refused["code"] == "NOT_ALLOWED", reporter.name
    assert not await SkpRealisation.filter(indicator_id=plan.indicator.id).exists()


async def test_reporting_a_quarter_again_replaces_it_and_the_audit_keeps_both(client):
    w = await make_world()
    plan = await make_plan(w, status=SkpStatus.AGREED)
    await client.login(SITI_NIP)
    first = {
        "indicatorId": gid(plan.indicator),
        "period": 1,
        "value": "10",
        "note": "Awal",
        "evidenceUrl": "https://drive.example.go.id/1",
    }
    await call(client, REPORT, first)
    reported_at = (await SkpRealisation.get(indicator_id=plan.indicator.id)).reported_at
    again = await call(
        client, REPORT, {**first, "value": "25", "note": "Koreksi", "evidenceUrl": ""}
    )

    indicator = again["skp"]["results"][0]["indicators"][0]
    assert indicator["realisations"] == [{"period": 1, "value": "25.00"}]
    row = await SkpRealisation.get(indicator_id=plan.indicator.id)
    assert row.reported_at > reported_at  # the time of the report now in force
    assert [h["note"] for h in again["skp"]["history"]] == [
        "Triwulan 1: Awal",
        "Triwulan 1 (laporan ulang): Koreksi",
    ]
    entries = await audit("skp.realisation_reported")
    picture = {
        "indicator_id": plan.indicator.id,
        "period": 1,
        "value": "10.00",
        "note": "Awal",
        "evidence_url": "https://drive.example.go.id/1",
    }
    assert [(e.before, e.after) for e in entries] == [
        (None, picture),
        (picture, picture | {"value": "25.00", "note": "Koreksi", "evidence_url": ""}),
    ]


async def test_an_evaluated_skp_refuses_every_change(client):
    w = await make_world()
    plan = await make_plan(w, status=SkpStatus.EVALUATED)
    await client.login(BUDI_NIP)
    assigned = await call(
        client,
        ADD_RESULT,
        {"nip": SITI_NIP, "year": plan.year, "kind": "TAMBAHAN", "description": "Tugas baru"},
    )
    assert assigned["code"] == "INVALID_STATE"
    indicator = await call(
        client,
        ADD_INDICATOR,
        {
            "resultId": gid(plan.drafted),
            "aspect": "QUANTITY",
            "description": "Jumlah",
            "targetValue": "1",
        },
    )
    assert indicator["code"] == "INVALID_STATE"
    assert (await call(client, AGREE, {"skpId": gid(plan.skp)}))["code"] == "INVALID_STATE"
    await client.login(SITI_NIP)
    report = {"indicatorId": gid(plan.indicator), "period": 1, "value": "5"}
    assert (await call(client, REPORT, report))["code"] == "INVALID_STATE"
    assert (await plan.skp.results.all().count(), await SkpRealisation.all().count()) == (2, 0)
    # Edits, removals and reopening: test_skp_revisions; action plans: above.
