"""The employee home query: profile, duties, SKP, competency gap, plan, enrollments."""

from __future__ import annotations

import datetime as dt

from portal.graphql.util import today
from tests.factories import (
    SITI_NIP,
    add_enrollments,
    add_plan,
    add_record,
    add_skp,
    make_competency,
    make_world,
)

ME_QUERY = """
query Home($year: Int) {
  me {
    id nip nipFormatted name employmentType
    rank { code label title }
    position { name kind level unit { name } }
    unit { name }
    supervisor { name nip }
    duties { description }
    skp(year: $year) {
      year status
      results { kind description cascadedFrom { description }
        indicators { aspect description targetValue unitLabel progress
          realisations { period value note } } }
    }
    competencyProfile {
      jobPersonMatch requirementsTotal requirementsMet
      items { required assessed gap met source
        competency { code name group levels { level description indicators } } }
    }
    trainingPlan(year: $year) {
      year status plannedJp completedJp rightJp remainingJp rightMet
      items { title plannedJp status competency { code } course { title } }
    }
    enrollments(first: 50) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { node { status session { startsOn seatsLeft
        course { title competencies { targetLevel competency { code } } } } } }
    }
  }
}
"""


async def test_me_shows_siti_her_duties_gaps_and_plan(client):
    w = await make_world()
    year = today().year
    budi_skp = await add_skp(w.budi, year, results=1)
    parent = await budi_skp.results.all().first()
    await add_skp(w.siti, year, results=2, parent=parent)
    await add_plan(w.siti, year, w.pelayanan, w.course, items=2)
    await add_record(w.siti, year, 8)

    await client.login(SITI_NIP)
    me = (await client.data(ME_QUERY, {"year": year}))["me"]

    assert me["nip"] == SITI_NIP
    assert me["nipFormatted"] == "19920315 201903 2 001"
    assert me["rank"] == {"code": "III_A", "label": "III/a", "title": "Penata Muda"}
    assert me["supervisor"]["nip"] == w.budi.nip
    assert [d["description"] for d in me["duties"]] == [
        "Melakukan asuhan keperawatan",
        "Mendokumentasikan tindakan",
    ]
    results = me["skp"]["results"]
    assert [r["kind"] for r in results] == ["TAMBAHAN", "UTAMA"] or len(results) == 2
    assert all(r["cascadedFrom"]["description"] == "Hasil kerja 1" for r in results)
    assert results[0]["indicators"][0]["progress"] == 30.0

    profile = me["competencyProfile"]
    by_code = {i["competency"]["code"]: i for i in profile["items"]}
    assert by_code["M.01"] == {
        **by_code["M.01"],
        "required": 2,
        "assessed": 3,
        "gap": 0,
        "met": True,
    }
    # The newest assessment counts: Pelayanan Publik fell to 1 against a requirement of 2.
    assert by_code["M.05"] | {} == {
        **by_code["M.05"],
        "required": 2,
        "assessed": 1,
        "gap": 1,
        "met": False,
    }
    assert by_code["T.KES.01"]["assessed"] is None
    assert by_code["T.KES.01"]["gap"] == 3
    assert profile["requirementsTotal"] == 3
    assert profile["requirementsMet"] == 1
    assert profile["jobPersonMatch"] == 33.33
    assert len(by_code["M.01"]["competency"]["levels"]) == 5

    plan = me["trainingPlan"]
    assert plan["plannedJp"] == 16
    assert plan["completedJp"] == 8
    assert plan["rightJp"] == 20
    assert plan["remainingJp"] == 12
    assert plan["rightMet"] is False
    assert len(plan["items"]) == 2
    assert plan["items"][0]["competency"]["code"] == "M.05"


async def test_me_without_sign_in_is_an_authentication_error(client):
    body = await client.gql("{ me { name } }")
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def _grow_siti(w, n: int) -> None:
    year = today().year
    await add_skp(w.siti, year, results=n)
    await add_plan(w.siti, year, w.pelayanan, w.course, items=n)
    for i in range(n):
        comp = await make_competency(f"T.X.{n}.{i}", f"Teknis {i}", w.asuhan.group)
        from portal.competencies.models import Assessment, PositionRequirement

        await PositionRequirement.create(position=w.siti_pos, competency=comp, level=2)
        await Assessment.create(
            employee=w.siti,
            competency=comp,
            level=1,
            assessed_on=dt.date(2025, 1, 1),
            source="SELF",
        )
    await add_enrollments(w.siti, n, today())
    from portal.duties.models import PositionDuty

    await PositionDuty.bulk_create(
        [
            PositionDuty(
                position=w.siti_pos, description=f"Uraian tugas {n}.{i}", sort_order=10 + i
            )
            for i in range(n)
        ]
    )


async def test_me_costs_the_same_statements_for_2_or_200_items(client, count_queries, new_client):
    w = await make_world()
    await client.login(SITI_NIP)
    await _grow_siti(w, 2)
    with count_queries() as small:
        me = (await client.data(ME_QUERY, {"year": today().year}))["me"]
    assert me["enrollments"]["totalCount"] == 2

    # Same shape of data, a hundred times more of it.
    from portal.duties.models import Skp
    from portal.training.models import TrainingPlan

    await Skp.filter(employee=w.siti).delete()
    await TrainingPlan.filter(employee=w.siti).delete()
    await _grow_siti(w, 200)
    with count_queries() as large:
        me = (await client.data(ME_QUERY, {"year": today().year}))["me"]
    assert me["enrollments"]["totalCount"] == 202
    assert len(me["competencyProfile"]["items"]) > 200
    assert len(me["duties"]) == 2 + 2 + 200  # make_world's two, then both growths
    assert small.count == large.count, (small.statements, large.statements)
    # The principal with the employee row (1) + every relation batched once, related rows
    # that are always shown together brought by one joined statement: a fixed budget.
    assert small.count <= 14, small.statements
