"""The README's path for a demo, through the command line: migrate, seed, sign in, read.

``portal migrate`` and ``portal seed --demo`` run as the operator runs them (a child process with
``PORTAL_*`` settings); then the portal serves that database and the personas read what the
issue promises: Siti her duties, gaps and plan; Budi Siti but not a stranger (both engines).
"""

from __future__ import annotations

import os
import subprocess
import sys

from portal.settings import Settings
from tests.conftest import running_app

SITI, BUDI, AGUS = "199203152019032001", "197805102005011002", "198208172008011005"
HOME = """{ me { name duties { description }
  competencyProfile { requirementsTotal items { gap competency { code } } }
  trainingPlan { plannedJp rightJp items { title } } } }"""
READ = "query($nip: String!) { employee(nip: $nip) { name } }"


def _portal(*args: str, database_url: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PORTAL_")}
    done = subprocess.run(
        [sys.executable, "-m", "portal.cli", *args],
        env=env | {"PORTAL_DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


async def test_migrate_seed_then_siti_and_budi_read_what_they_should(settings: Settings):
    url = settings.database_url
    _portal("migrate", database_url=url)  # already migrated: a no-op that must succeed
    out = _portal("seed", "--demo", "--employees", "60", "--seed", "1", database_url=url)
    assert "Demo data loaded" in out
    assert "60 employees" in out

    async with running_app(settings) as client:
        await client.login(SITI)
        me = (await client.data(HOME))["me"]
        assert me["name"] == "Siti Rahmawati"
        assert me["duties"]
        profile = me["competencyProfile"]
        assert profile["requirementsTotal"] == len(profile["items"]) > 0
        assert any(item["gap"] > 0 for item in profile["items"])
        assert me["trainingPlan"]["rightJp"] == 20
        assert me["trainingPlan"]["items"]

        await client.login(BUDI)
        assert (await client.data(READ, {"nip": SITI}))["employee"]["name"] == "Siti Rahmawati"
        body = await client.gql(READ, {"nip": AGUS})
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
