"""Issue 5, live: an SKP agreement, a rating with feedback, and HR's change of the position's
duties reach the employee's open page (mySkpChanged) and the supervisor's team view (teamChanged)
within a second, and nobody else's."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from portal.duties.models import Skp
from portal.graphql.relay import to_global_id as gid
from portal.graphql.util import today
from portal.people.models import Employee
from tests.factories import BUDI_NIP, DEWI_NIP, SITI_NIP, World, add_skp
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

MINE = """subscription($year: Int) { mySkpChanged(year: $year) {
  duties { description } skp { status reviews { period predikat feedback } } } }"""
TEAM = """subscription($year: Int) { teamChanged(year: $year) {
  employee { nip } skpStatus latestPredikat skp { status } } }"""


@dataclass
class Setting:
    w: World
    plt: Employee
    skp: Skp


async def _build(w: World) -> Setting:
    """Siti's drafted SKP (one main result with an indicator) and an acting Plt for Budi."""
    skp = await add_skp(w.siti, today().year, results=1)
    return Setting(w, await appoint_plt(w), skp)


async def _scenario(settings, *, processes: int) -> None:
    s = await seed_with(settings, _build)
    w, rina = s.w, s.w.colleague.nip
    year = {"year": today().year}
    with portals(settings.database_url, processes=processes) as (act, watch):
        people = (SITI_NIP, BUDI_NIP, DEWI_NIP, rina, s.plt.nip, w.kadis.nip, w.stranger.nip)
        cookies = {nip: await session_cookie(act, nip) for nip in (*people, w.other_supervisor.nip)}
        async with watchers(watch, cookies) as on:
            siti = await on.watch(SITI_NIP, MINE, label="Siti", variables=year)
            colleague = await on.watch(rina, MINE, label="Rina (same position)", variables=year)
            budi = await on.watch(BUDI_NIP, TEAM, label="Budi", variables=year)
            plt = await on.watch(s.plt.nip, TEAM, label="Plt of Budi's position", variables=year)
            strangers = [
                await on.watch(w.kadis.nip, TEAM, label="Kadis (indirect)", variables=year),
                await on.watch(w.stranger.nip, TEAM, label="Agus's team", variables=year),
                await on.watch(w.stranger.nip, MINE, label="Agus's SKP", variables=year),
                await on.watch(w.other_supervisor.nip, TEAM, label="Yusuf", variables=year),
                await on.watch(DEWI_NIP, TEAM, label="Dewi (HR)", variables=year),
            ]
            await settle()

            async def team_sees(count: int, since: float) -> list[dict]:
                """Budi's team view and his acting Plt's get the same rows."""
                rows = await budi.take(count, since=since)
                assert await plt.take(count, since=since) == rows
                return rows

            # Budi agrees Siti's SKP.
            skp_id = gid("Skp", s.skp.id)
            changed = await mutate(
                act, cookies[BUDI_NIP], "agreeSkp", {"skpId": skp_id, "note": "Sepakat"}
            )
            assert (await siti.next(since=changed.at))["skp"]["status"] == "AGREED"
            (row,) = await team_sees(1, changed.at)
            assert (row["employee"]["nip"], row["skpStatus"]) == (SITI_NIP, "AGREED")

            # He rates the first quarter with feedback.
            changed = await mutate(
                act,
                cookies[BUDI_NIP],
                "reviewSkp",
                {
                    "skpId": skp_id,
                    "period": 1,
                    "resultRating": "ABOVE",
                    "behaviourRating": "AS_EXPECTED",
                    "feedback": "Pertahankan",
                },
            )
            (review,) = (await siti.next(since=changed.at))["skp"]["reviews"]
            assert (review["period"], review["feedback"]) == (1, "Pertahankan")
            (row,) = await team_sees(1, changed.at)
            assert row["latestPredikat"] == review["predikat"]

            # HR changes the duties of the position Siti and Rina hold.
            duties = ["Melakukan asuhan keperawatan", "Memberikan edukasi kesehatan pasien"]
            changed = await mutate(
                act,
                cookies[DEWI_NIP],
                "setPositionDuties",
                {"positionId": gid("Position", w.siti_pos.id), "duties": duties},
            )
            for holder in (siti, colleague):
                update = await holder.next(since=changed.at)
                assert [d["description"] for d in update["duties"]] == duties
            rows = await team_sees(2, changed.at)
            assert {r["employee"]["nip"] for r in rows} == {SITI_NIP, rina}

            await quiet(siti, colleague, budi, plt, *strangers)


async def test_skp_changes_reach_the_employee_and_the_team_view_live(settings):
    await _scenario(settings, processes=1)


@pytest.mark.postgres_only
async def test_skp_changes_made_on_one_process_reach_pages_open_on_another(settings):
    await _scenario(settings, processes=2)
