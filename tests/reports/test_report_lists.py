"""Staffing shortages and surpluses, who falls short in a competency (and which courses close
it), and who is under 20 JP this year."""

from __future__ import annotations

from portal.graphql.relay import to_global_id
from portal.training.models import (
    Course,
    CourseCompetency,
    TrainingMethod,
    TrainingMode,
    TrainingPlanItem,
)
from tests.factories import BUDI_NIP, DEWI_NIP
from tests.reports.world import add_unit_head, make_report_world

NEEDS = """
query($direction: StaffingDirection, $unitId: ID, $minGap: Float, $first: Int, $after: String) {
  staffingNeeds(direction: $direction, unitId: $unitId, minGap: $minGap, first: $first,
                after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { position { name } unit { name } requiredHeadcount actualHeadcount gap } }
  }
}
"""
GAPS = """
query($unitId: ID, $competencyId: ID, $orderBy: GapOrder) {
  competencyGaps(unitId: $unitId, competencyId: $competencyId, orderBy: $orderBy, first: 50) {
    totalCount
    edges { node {
      employee { name } competency { code } position { name } unit { name }
      requiredLevel assessedLevel gap closingCourses { code }
    } }
  }
}
"""
JP = """
query($year: Int, $unitId: ID, $orderBy: JpOrder, $first: Int, $after: String) {
  jpShortfalls(year: $year, unitId: $unitId, orderBy: $orderBy, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { employee { name } unit { name } year completedJp missingJp } }
  }
}
"""


def _nodes(data, name):
    return [e["node"] for e in data[name]["edges"]]


async def _needs(client, **variables):
    data = await client.data(NEEDS, variables)
    rows = [
        (n["position"]["name"], n["requiredHeadcount"], n["actualHeadcount"], n["gap"])
        for n in _nodes(data, "staffingNeeds")
    ]
    return rows, data["staffingNeeds"]


async def test_staffing_shortages_and_surpluses(client):
    rw = await make_report_world()
    await client.login(DEWI_NIP)
    rows, _ = await _needs(client)
    assert rows == [
        ("Dokter Ahli Pertama", 5.0, 3, 2.0),
        ("Perawat Ahli Pertama", 2.8, 2, 0.8),
    ]
    rows, _ = await _needs(client, direction="SURPLUS")
    assert rows == [("Pengadministrasi Umum", 0.4, 1, -0.6), ("Perawat Terampil", 0.6, 1, -0.4)]
    rows, page = await _needs(client, direction="ALL", first=3)
    assert [r[0] for r in rows] == [
        "Dokter Ahli Pertama", "Perawat Ahli Pertama", "Kepala Seksi Pelayanan"
    ]  # fmt: skip
    assert page["totalCount"] == 5
    rows, page = await _needs(client, direction="ALL", first=3, after=page["pageInfo"]["endCursor"])
    assert [r[0] for r in rows] == ["Perawat Terampil", "Pengadministrasi Umum"]
    assert page["pageInfo"]["hasNextPage"] is False
    puskesmas = to_global_id("OrgUnit", rw.puskesmas.id)
    rows, _ = await _needs(client, unitId=puskesmas, direction="ALL")
    assert [r[0] for r in rows] == ["Dokter Ahli Pertama", "Perawat Terampil"]
    rows, _ = await _needs(client, minGap=1)
    assert [r[0] for r in rows] == ["Dokter Ahli Pertama"]
    # Past the end: no rows, the total still right.
    _, page = await _needs(client, first=2, after=page["pageInfo"]["endCursor"])
    assert page["totalCount"] == 2


async def test_staffing_needs_follow_the_readers_scope(client):
    rw = await make_report_world()
    await add_unit_head(rw.dokters[0], rw.pustu)
    await client.login(rw.dokters[0].nip)
    rows, _ = await _needs(client, direction="ALL")
    assert [r[0] for r in rows] == ["Perawat Terampil"]
    await client.login(BUDI_NIP)
    rows, _ = await _needs(client, direction="ALL")
    assert [r[0] for r in rows] == ["Perawat Ahli Pertama"]


async def _courses(rw) -> None:
    """Courses for Pelayanan Publik: which of them close a gap of required level 2 or 3?"""
    for code, level, active, kinds in (
        ("PP-3", 3, True, []),  # closes every gap here
        ("PP-2", 2, True, []),  # closes level-2 requirements only; the better fit for those
        ("PP-1", 1, True, []),  # too low for any
        ("PP-OLD", 3, False, []),  # archived
        ("PP-JPT", 3, True, ["JPT"]),  # not open to the staff who fall short
    ):
        course = await Course.create(
            code=code, title=f"Pelayanan Publik {code}", mode=TrainingMode.KLASIKAL,
            method=TrainingMethod.PELATIHAN, jp=8 if level == 3 else 12, organiser="BKPSDM",
            active=active, eligible_kinds=kinds,
        )  # fmt: skip
        await CourseCompetency.create(course=course, competency=rw.w.pelayanan, target_level=level)


async def test_who_falls_short_in_pelayanan_publik_and_which_courses_close_it(client):
    rw = await make_report_world()
    await _courses(rw)
    await client.login(DEWI_NIP)
    pelayanan = to_global_id("Competency", rw.w.pelayanan.id)
    data = await client.data(GAPS, {"competencyId": pelayanan})
    rows = [
        (n["employee"]["name"], n["requiredLevel"], n["assessedLevel"], n["gap"],
         [c["code"] for c in n["closingCourses"]])
        for n in _nodes(data, "competencyGaps")
    ]  # fmt: skip
    assert rows == [
        ("Citra Dewi", 2, None, 2, ["PP-2", "PP-3"]),
        ("Dedi Kurniawan", 2, None, 2, ["PP-2", "PP-3"]),
        ("Rina Marlina", 2, None, 2, ["PP-2", "PP-3"]),
        ("Agus Salim", 2, 1, 1, ["PP-2", "PP-3"]),
        ("Bayu Pratama", 2, 1, 1, ["PP-2", "PP-3"]),
        ("Siti Rahmawati", 2, 1, 1, ["PP-2", "PP-3"]),
    ]
    assert data["competencyGaps"]["totalCount"] == 6
    dinkes = to_global_id("OrgUnit", rw.w.dinkes.id)
    data = await client.data(GAPS, {"competencyId": pelayanan, "unitId": dinkes})
    assert data["competencyGaps"]["totalCount"] == 5  # not Dedi of Disdukcapil

    # HR turns the gaps into proposed plan items with the existing bulk mutation: it proposes
    # the first closing course of each gap, the one listed first here.
    body = await client.data(
        """mutation($input: ProposePlanItemsFromGapsInput!) {
             proposePlanItemsFromGaps(input: $input) {
               ... on ProposePlanItemsFromGapsSuccess { proposedCount } } }""",
        {"input": {"year": rw.year, "unitId": dinkes, "competencyId": pelayanan}},
    )
    assert body["proposePlanItemsFromGaps"]["proposedCount"] == 5
    proposed = await TrainingPlanItem.filter(competency_id=rw.w.pelayanan.id).values_list(
        "course__code", flat=True
    )
    assert set(proposed) == {"PP-2"}


async def test_a_supervisor_lists_the_gaps_of_their_line_only(client):
    await make_report_world()
    await client.login(BUDI_NIP)
    data = await client.data(GAPS)
    rows = [
        (n["employee"]["name"], n["competency"]["code"], n["gap"])
        for n in _nodes(data, "competencyGaps")
    ]
    assert rows == [
        ("Rina Marlina", "T.KES.01", 3),
        ("Siti Rahmawati", "T.KES.01", 3),
        ("Rina Marlina", "M.01", 2),
        ("Rina Marlina", "M.05", 2),
        ("Siti Rahmawati", "M.05", 1),
    ]
    data = await client.data(GAPS, {"orderBy": "NAME"})
    assert [n["employee"]["name"] for n in _nodes(data, "competencyGaps")] == [
        "Rina Marlina", "Rina Marlina", "Rina Marlina", "Siti Rahmawati", "Siti Rahmawati"
    ]  # fmt: skip


async def _jp(client, **variables):
    data = await client.data(JP, variables)
    rows = [
        (n["employee"]["name"], n["completedJp"], n["missingJp"])
        for n in _nodes(data, "jpShortfalls")
    ]
    return rows, data["jpShortfalls"]


async def test_who_is_under_20_jp_this_year(client):
    rw = await make_report_world()
    await client.login(DEWI_NIP)
    rows, page = await _jp(client)
    assert rows == [
        ("Agus Salim", 0, 20),
        ("Bayu Pratama", 0, 20),
        ("Dedi Kurniawan", 0, 20),
        ("Yusuf Hidayat", 0, 20),
        ("Desi Anggraini", 5, 15),
        ("Siti Rahmawati", 12, 8),
        ("Budi Santoso", 16, 4),
        ("Citra Dewi", 19, 1),
    ]
    assert page["totalCount"] == 8
    rows, _ = await _jp(client, orderBy="UNIT", first=4)
    assert rows == [
        ("Agus Salim", 0, 20), ("Siti Rahmawati", 12, 8), ("Budi Santoso", 16, 4),
        ("Dedi Kurniawan", 0, 20),
    ]  # fmt: skip
    capil = to_global_id("OrgUnit", rw.w.disdukcapil.id)
    rows, _ = await _jp(client, unitId=capil, orderBy="NAME")
    assert rows == [("Dedi Kurniawan", 0, 20), ("Yusuf Hidayat", 0, 20)]
    _, page = await _jp(client, year=rw.year - 1)
    assert page["totalCount"] == 12  # only Dedi had 20 JP last year


async def test_a_supervisor_lists_their_line_under_20_jp(client):
    rw = await make_report_world()
    await client.login(rw.w.other_supervisor.nip)
    rows, _ = await _jp(client)
    assert rows == [("Dedi Kurniawan", 0, 20)]
    await client.login(BUDI_NIP)
    rows, _ = await _jp(client)
    assert rows == [("Siti Rahmawati", 12, 8)]
