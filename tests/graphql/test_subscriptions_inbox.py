"""Issue 4, live: a request the employee cancels, and one an acting Plt decides for the
supervisor, leave the supervisor's open approval inbox within a second; nobody else hears."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from portal.people.models import Employee
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
from tests.training.helpers import sid

INBOX = "subscription { approvalInboxChanged { kind enrollment { id status employee { nip } } } }"
REQUESTED = "... on RequestEnrollmentSuccess { enrollment { id } }"


@dataclass
class Setting:
    w: World
    plt: Employee


async def _build(w: World) -> Setting:
    return Setting(w, await appoint_plt(w))


async def _scenario(settings, *, processes: int) -> None:
    s = await seed_with(settings, _build)
    w, rina = s.w, s.w.colleague.nip
    session = {"sessionId": sid(w.session), "reason": "Menutup kesenjangan kompetensi"}
    with portals(settings.database_url, processes=processes) as (act, watch):
        people = (SITI_NIP, BUDI_NIP, DEWI_NIP, rina, s.plt.nip, w.kadis.nip, w.stranger.nip)
        cookies = {nip: await session_cookie(act, nip) for nip in (*people, w.other_supervisor.nip)}
        async with watchers(watch, cookies) as on:
            budi = await on.watch(BUDI_NIP, INBOX, label="Budi")
            plt = await on.watch(s.plt.nip, INBOX, label="Plt of Budi's position")
            strangers = [
                await on.watch(w.kadis.nip, INBOX, label="Kadis (indirect)"),
                await on.watch(w.stranger.nip, INBOX, label="Agus"),
                await on.watch(w.other_supervisor.nip, INBOX, label="Yusuf"),
                await on.watch(DEWI_NIP, INBOX, label="Dewi (HR, no HR step here)"),
                await on.watch(SITI_NIP, INBOX, label="Siti (her own request)"),
            ]
            await settle()

            async def approvers_see(kind: str, enrollment_id: str, since: float) -> dict:
                """Budi's inbox and his acting Plt's show the same change."""
                change = await budi.next(since=since)
                assert await plt.next(since=since) == change
                assert (change["kind"], change["enrollment"]["id"]) == (kind, enrollment_id)
                return change["enrollment"]

            # Siti asks for a seat, then cancels it herself.
            asked = await mutate(
                act, cookies[SITI_NIP], "requestEnrollment", session, select=REQUESTED
            )
            eid = asked.payload["enrollment"]["id"]
            await approvers_see("ADDED", eid, asked.at)
            changed = await mutate(
                act, cookies[SITI_NIP], "cancelEnrollment", {"enrollmentId": eid}
            )
            assert (await approvers_see("REMOVED", eid, changed.at))["status"] == "CANCELLED"

            # Rina asks; the Plt decides for Budi, and the request leaves Budi's inbox.
            asked = await mutate(act, cookies[rina], "requestEnrollment", session, select=REQUESTED)
            eid = asked.payload["enrollment"]["id"]
            await approvers_see("ADDED", eid, asked.at)
            changed = await mutate(
                act,
                cookies[s.plt.nip],
                "decideEnrollment",
                {"enrollmentId": eid, "decision": "APPROVE", "note": "Atas nama Kepala Seksi"},
            )
            decided = await approvers_see("REMOVED", eid, changed.at)
            assert (decided["status"], decided["employee"]["nip"]) == ("ENROLLED", rina)

            await quiet(budi, plt, *strangers)


async def test_cancelled_and_delegated_requests_leave_the_inbox_live(settings):
    await _scenario(settings, processes=1)


@pytest.mark.postgres_only
async def test_inbox_changes_made_on_one_process_reach_an_inbox_open_on_another(settings):
    await _scenario(settings, processes=2)
