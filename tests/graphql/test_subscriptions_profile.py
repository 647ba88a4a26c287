"""Issue 11, live: competency and plan changes reach the employee's and the supervisor's open
pages within a second (myProfileChanged, teamProfileChanged), and nobody else's."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from portal.competencies.models import Competency, CompetencyGroup, PositionRequirement
from portal.graphql.relay import to_global_id as gid
from portal.graphql.util import today
from portal.people.models import Employee
from portal.training.models import Course, CourseCompetency, TrainingMethod, TrainingMode
from tests.factories import BUDI_NIP, DEWI_NIP, SITI_NIP, World
from tests.graphql.live_client import (
    appoint_plt,
    mutate,
    portals,
    quiet,
    seed_with,
    settle,
    watchers,
)
from tests.live import session_cookie

PERSON = """employee { nip
  competencyProfile { items { required gap competency { code } } }
  trainingPlan { status items { id status plannedJp competency { code } proposedBy { nip } } } }"""
MINE = f"subscription {{ myProfileChanged {{ reason {PERSON} }} }}"
TEAM = f"subscription {{ teamProfileChanged {{ reason {PERSON} }} }}"


@dataclass
class Setting:
    w: World
    plt: Employee
    integrity_course: Course
    capil_course: Course


async def _build(w: World) -> Setting:
    """Courses that will close gaps (integrity at level 4; population administration for
    Disdukcapil's staff), and an acting Plt for Budi's position."""
    integrity = await Course.create(
        code="C-INT-04",
        title="Pelatihan Integritas Aparatur",
        mode=TrainingMode.KLASIKAL,
        method=TrainingMethod.PELATIHAN,
        jp=16,
        organiser="BKPSDM Kota Tangerang Selatan",
    )
    await CourseCompetency.create(course=integrity, competency=w.integritas, target_level=4)
    adminduk = await Competency.create(
        code="T.DKP.01", name="Administrasi Kependudukan", group=CompetencyGroup.TEKNIS
    )
    await PositionRequirement.create(position=w.capil_staff_pos, competency=adminduk, level=2)
    capil = await Course.create(
        code="C-DKP-01",
        title="Pelatihan Pelayanan Administrasi Kependudukan",
        mode=TrainingMode.KLASIKAL,
        method=TrainingMethod.PELATIHAN,
        jp=24,
        organiser="Ditjen Dukcapil",
    )
    await CourseCompetency.create(course=capil, competency=adminduk, target_level=2)
    return Setting(w, await appoint_plt(w), integrity, capil)


def _gaps(update: dict) -> dict[str, int | None]:
    return {
        i["competency"]["code"]: i["gap"] for i in update["employee"]["competencyProfile"]["items"]
    }


def _plan(update: dict) -> dict:
    return update["employee"]["trainingPlan"]


def _session(course: Course) -> dict:
    starts = today() + dt.timedelta(days=40)
    return {
        "courseId": gid("Course", course.id),
        "startsOn": str(starts),
        "endsOn": str(starts + dt.timedelta(days=1)),
        "enrollmentDeadline": str(starts - dt.timedelta(days=10)),
        "capacity": 20,
        "place": "Aula BKPSDM",
    }


async def _scenario(settings, *, processes: int) -> None:
    s = await seed_with(settings, _build)
    w, rina = s.w, s.w.colleague.nip
    year = today().year
    with portals(settings.database_url, processes=processes) as (act, watch):
        people = (SITI_NIP, BUDI_NIP, DEWI_NIP, s.plt.nip, w.kadis.nip, w.stranger.nip)
        cookies = {nip: await session_cookie(act, nip) for nip in (*people, w.other_supervisor.nip)}
        async with watchers(watch, cookies) as on:
            siti = await on.watch(SITI_NIP, MINE, label="Siti")
            budi = await on.watch(BUDI_NIP, TEAM, label="Budi")
            plt = await on.watch(s.plt.nip, TEAM, label="Plt of Budi's position")
            yusuf = await on.watch(w.other_supervisor.nip, TEAM, label="Yusuf (Disdukcapil)")
            strangers = [
                await on.watch(w.kadis.nip, TEAM, label="Kadis (indirect supervisor)"),
                await on.watch(w.kadis.nip, MINE, label="Kadis's own profile"),
                await on.watch(w.stranger.nip, TEAM, label="Agus (elsewhere in Dinkes)"),
                await on.watch(w.stranger.nip, MINE, label="Agus's own profile"),
                await on.watch(DEWI_NIP, TEAM, label="Dewi (HR, supervises nobody)"),
            ]
            await settle()

            async def supervisors_hear(count: int, since: float) -> list[dict]:
                """Budi and his acting Plt get the same updates, one per subordinate concerned."""
                heard = await budi.take(count, since=since)
                assert await plt.take(count, since=since) == heard
                return heard

            # A new assessment: Pelayanan Publik reaches the required level 2.
            changed = await mutate(
                act,
                cookies[DEWI_NIP],
                "recordAssessment",
                {
                    "nip": SITI_NIP,
                    "competencyId": gid("Competency", w.pelayanan.id),
                    "level": 2,
                    "assessedOn": str(today()),
                    "source": "SUPERVISOR",
                },
            )
            mine = await siti.next(since=changed.at)
            (team,) = await supervisors_hear(1, changed.at)
            assert (mine["reason"], _gaps(mine)["M.05"]) == ("profile.changed", 0)
            assert team == mine

            # HR raises the position's Integritas requirement to 4: both holders are concerned.
            changed = await mutate(
                act,
                cookies[DEWI_NIP],
                "setPositionRequirements",
                {
                    "positionId": gid("Position", w.siti_pos.id),
                    "requirements": [
                        {"competencyId": gid("Competency", w.integritas.id), "level": 4},
                        {"competencyId": gid("Competency", w.pelayanan.id), "level": 2},
                        {"competencyId": gid("Competency", w.asuhan.id), "level": 3},
                    ],
                },
            )
            mine = await siti.next(since=changed.at)
            assert (mine["reason"], _gaps(mine)["M.01"]) == ("requirements.changed", 1)
            team = await supervisors_hear(2, changed.at)
            assert {u["employee"]["nip"] for u in team} == {SITI_NIP, rina}
            assert {u["reason"] for u in team} == {"requirements.changed"}

            # Siti proposes an item for her Asuhan Keperawatan gap, then submits her plan.
            changed = await mutate(
                act,
                cookies[SITI_NIP],
                "proposePlanItem",
                {
                    "plannedJp": 24,
                    "competencyId": gid("Competency", w.asuhan.id),
                    "courseId": gid("Course", w.course.id),
                },
            )
            mine = await siti.next(since=changed.at)
            assert mine["reason"] == "plan.changed"
            assert [(i["competency"]["code"], i["status"]) for i in _plan(mine)["items"]] == [
                ("T.KES.01", "PROPOSED")
            ]
            assert await supervisors_hear(1, changed.at) == [mine]
            changed = await mutate(act, cookies[SITI_NIP], "submitPlan", {"year": year})
            mine = await siti.next(since=changed.at)
            assert _plan(mine)["status"] == "PROPOSED"
            assert await supervisors_hear(1, changed.at) == [mine]

            # Budi agrees it.
            changed = await mutate(
                act,
                cookies[BUDI_NIP],
                "agreePlan",
                {"employeeId": gid("Employee", w.siti.id), "year": year},
            )
            mine = await siti.next(since=changed.at)
            assert _plan(mine)["status"] == "AGREED"
            assert {i["status"] for i in _plan(mine)["items"]} == {"AGREED"}
            assert await supervisors_hear(1, changed.at) == [mine]

            # HR proposes items in bulk from the gap analysis of Dinkes: Siti and Rina.
            changed = await mutate(
                act,
                cookies[DEWI_NIP],
                "proposePlanItemsFromGaps",
                {"year": year, "unitId": gid("OrgUnit", w.dinkes.id)},
            )
            mine = await siti.next(since=changed.at)
            by_hr = [i for i in _plan(mine)["items"] if i["proposedBy"]["nip"] == DEWI_NIP]
            assert [(i["competency"]["code"], i["status"]) for i in by_hr] == [("M.01", "PROPOSED")]
            team = await supervisors_hear(2, changed.at)
            assert {u["employee"]["nip"] for u in team} == {SITI_NIP, rina}
            assert {u["reason"] for u in team} == {"plan.changed"}

            # Budi changes the proposed item's JP.
            changed = await mutate(
                act,
                cookies[BUDI_NIP],
                "updatePlanItem",
                {"itemId": by_hr[0]["id"], "plannedJp": 12},
            )
            mine = await siti.next(since=changed.at)
            assert [i["plannedJp"] for i in _plan(mine)["items"] if i["id"] == by_hr[0]["id"]] == [
                12
            ]
            assert await supervisors_hear(1, changed.at) == [mine]

            # A new session whose course closes the Integritas gap of both holders.
            changed = await mutate(
                act, cookies[DEWI_NIP], "createSession", _session(s.integrity_course)
            )
            mine = await siti.next(since=changed.at)
            assert mine["reason"] == "session.created"
            team = await supervisors_hear(2, changed.at)
            assert {u["employee"]["nip"] for u in team} == {SITI_NIP, rina}

            # A session that fits only Disdukcapil's staff: Yusuf hears, Siti and Budi do not.
            changed = await mutate(
                act, cookies[DEWI_NIP], "createSession", _session(s.capil_course)
            )
            (theirs,) = await yusuf.take(1, since=changed.at)
            assert (theirs["reason"], theirs["employee"]["nip"]) == (
                "session.created",
                w.capil_staff.nip,
            )

            await quiet(siti, budi, plt, yusuf, *strangers)


async def test_profile_changes_reach_the_employee_and_the_supervisor_live(settings):
    await _scenario(settings, processes=1)


@pytest.mark.postgres_only
async def test_profile_changes_made_on_one_process_reach_pages_open_on_another(settings):
    await _scenario(settings, processes=2)
