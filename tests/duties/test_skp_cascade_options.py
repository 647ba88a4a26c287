"""Employee.skpCascadeOptions: the supervisor's results a main result is cascaded from."""

from __future__ import annotations

from portal.graphql.util import today
from tests.factories import BUDI_NIP, SITI_NIP, add_skp, make_world

OPTIONS = """query($nip: String!) {
  employee(nip: $nip) { skpCascadeOptions { id kind description } }
}"""


async def test_siti_her_supervisor_and_hr_see_budis_results_as_options(client):
    w = await make_world()
    await add_skp(w.budi, today().year, results=2)
    for reader in (SITI_NIP, BUDI_NIP, w.dewi.nip):
        await client.login(reader)
        options = (await client.data(OPTIONS, {"nip": SITI_NIP}))["employee"]["skpCascadeOptions"]
        assert [(o["kind"], o["description"]) for o in options] == [
            ("UTAMA", "Hasil kerja 1"),
            ("TAMBAHAN", "Hasil kerja 2"),
        ], reader


async def test_no_options_without_a_supervisor_skp_and_none_for_outsiders(client):
    w = await make_world()
    await client.login(SITI_NIP)
    assert (await client.data(OPTIONS, {"nip": SITI_NIP}))["employee"]["skpCascadeOptions"] == []
    await add_skp(w.budi, today().year - 1, results=1)  # last year's results are not offered
    assert (await client.data(OPTIONS, {"nip": SITI_NIP}))["employee"]["skpCascadeOptions"] == []
    await client.login(w.stranger.nip)
    body = await client.gql(OPTIONS, {"nip": SITI_NIP})
    assert body.get("errors")
    assert not (body.get("data") or {}).get("employee")
