"""Roles: HR grants and revokes (service, GraphQL, CLI), audited; Plt/Plh acting appointments."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest

from portal import cli
from portal.audit.models import AuditEntry
from portal.auth.principal import load_principal
from portal.db import close_db, init_db
from portal.graphql.relay import to_global_id
from portal.people import roles
from portal.people.models import ActingAppointment, ActingKind, Role, RoleGrant
from portal.settings import load_settings
from tests.factories import BUDI_NIP, DEWI_NIP, SITI_NIP, make_world

GRANT = """mutation Grant($input: GrantRoleInput!) {
  grantRole(input: $input) {
    __typename
    ... on GrantRoleSuccess { employee { nip } grant { role unit { code } } }
    ... on GrantRoleError { code field message }
  }
}"""
REVOKE = """mutation Revoke($input: RevokeRoleInput!) {
  revokeRole(input: $input) {
    __typename
    ... on RevokeRoleSuccess { employee { nip } grant { role } }
    ... on RevokeRoleError { code field message }
  }
}"""
SITI_PROFILE = f'{{ employee(nip: "{SITI_NIP}") {{ nip email }} }}'


async def test_grant_and_revoke_unit_head_are_audited_with_before_and_after(db):
    w = await make_world()
    grant = await roles.grant_role(
        nip=BUDI_NIP,
        role=Role.UNIT_HEAD,
        unit_id=w.dinkes.id,
        actor_id=w.dewi.id,
        actor_label="Dewi Lestari",
    )
    assert grant.unit_id == w.dinkes.id
    principal = await load_principal(employee_id=w.budi.id, via="test")
    assert principal is not None
    assert principal.head_of_units == {w.dinkes.id}
    entry = await AuditEntry.get(action="role.grant")
    assert entry.actor_id == w.dewi.id
    assert entry.object_id == str(w.budi.id)
    assert entry.before == {"roles": []}
    assert entry.after == {"roles": [f"UNIT_HEAD:{w.dinkes.code}"]}

    await roles.revoke_role(
        nip=BUDI_NIP, role=Role.UNIT_HEAD, unit_id=w.dinkes.id, actor_id=w.dewi.id
    )
    assert not await RoleGrant.exists(employee_id=w.budi.id)
    entry = await AuditEntry.get(action="role.revoke")
    assert (entry.before, entry.after) == ({"roles": [f"UNIT_HEAD:{w.dinkes.code}"]}, {"roles": []})


@pytest.mark.parametrize(
    ("nip", "role", "unit", "code"),
    [
        ("12345", Role.HR, None, roles.RoleErrorCode.INVALID_NIP),
        ("199001012015011999", Role.HR, None, roles.RoleErrorCode.NOT_FOUND),
        (BUDI_NIP, Role.UNIT_HEAD, None, roles.RoleErrorCode.UNIT_REQUIRED),
        (BUDI_NIP, Role.HR, "dinkes", roles.RoleErrorCode.UNIT_NOT_ALLOWED),
        (BUDI_NIP, Role.UNIT_HEAD, -1, roles.RoleErrorCode.UNIT_NOT_FOUND),
        (DEWI_NIP, Role.HR, None, roles.RoleErrorCode.ALREADY_GRANTED),
    ],
)
async def test_grant_rules(db, nip, role, unit, code):
    w = await make_world()
    unit_id = w.dinkes.id if unit == "dinkes" else unit
    with pytest.raises(roles.RoleError) as info:
        await roles.grant_role(nip=nip, role=role, unit_id=unit_id, actor_id=w.dewi.id)
    assert info.value.code is code
    assert not await AuditEntry.exists(action="role.grant")


async def test_revoke_rules_keep_the_last_hr(db):
    w = await make_world()
    with pytest.raises(roles.RoleError) as info:
        await roles.revoke_role(nip=SITI_NIP, role=Role.HR, unit_id=None, actor_id=w.dewi.id)
    assert info.value.code is roles.RoleErrorCode.NOT_GRANTED
    with pytest.raises(roles.RoleError) as info:
        await roles.revoke_role(nip=DEWI_NIP, role=Role.HR, unit_id=None, actor_id=w.dewi.id)
    assert info.value.code is roles.RoleErrorCode.LAST_HR
    await roles.grant_role(nip=SITI_NIP, role=Role.HR, unit_id=None, actor_id=w.dewi.id)
    await roles.revoke_role(nip=DEWI_NIP, role=Role.HR, unit_id=None, actor_id=w.siti.id)
    assert await RoleGrant.filter(role=Role.HR).count() == 1


async def test_hr_grants_a_role_through_graphql(client):
    w = await make_world()
    await client.login(DEWI_NIP)
    unit_id = to_global_id("OrgUnit", w.dinkes.id)
    data = await client.data(
        GRANT, {"input": {"nip": BUDI_NIP, "role": "UNIT_HEAD", "unitId": unit_id}}
    )
    assert data["grantRole"] == {
        "__typename": "GrantRoleSuccess",
        "employee": {"nip": BUDI_NIP},
        "grant": {"role": "UNIT_HEAD", "unit": {"code": w.dinkes.code}},
    }
    again = await client.data(
        GRANT, {"input": {"nip": BUDI_NIP, "role": "UNIT_HEAD", "unitId": unit_id}}
    )
    assert again["grantRole"]["__typename"] == "GrantRoleError"
    assert again["grantRole"]["code"] == "ALREADY_GRANTED"
    assert again["grantRole"]["field"] == "role"
    bad_unit = await client.data(
        GRANT, {"input": {"nip": BUDI_NIP, "role": "UNIT_HEAD", "unitId": "not-an-id"}}
    )
    assert bad_unit["grantRole"]["code"] == "UNIT_NOT_FOUND"
    entry = await AuditEntry.get(action="role.grant")
    assert entry.actor_id == w.dewi.id
    assert entry.request_id
    assert entry.client_ip == "127.0.0.1"

    revoked = await client.data(
        REVOKE, {"input": {"nip": BUDI_NIP, "role": "UNIT_HEAD", "unitId": unit_id}}
    )
    assert revoked["revokeRole"]["__typename"] == "RevokeRoleSuccess"
    last = await client.data(REVOKE, {"input": {"nip": DEWI_NIP, "role": "HR"}})
    assert last["revokeRole"]["code"] == "LAST_HR"


async def test_a_supervisor_cannot_grant_roles(client):
    await make_world()
    await client.login(BUDI_NIP)
    body = await client.gql(GRANT, {"input": {"nip": BUDI_NIP, "role": "HR"}})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert not await RoleGrant.exists(role=Role.HR, employee__nip=BUDI_NIP)


@pytest.mark.parametrize(
    ("starts", "ends", "sees_line"),
    [(-1, 1, True), (0, 0, True), (-10, -1, False), (1, 10, False)],
    ids=["during", "single-day", "ended", "not-yet"],
)
async def test_acting_supervisor_sees_the_line_only_during_the_appointment(
    client, starts, ends, sees_line
):
    """Plt/Plh: Agus acts as Budi's position (Kepala Seksi) for a date range."""
    w = await make_world()
    today = dt.datetime.now(dt.UTC).astimezone(dt.timezone(dt.timedelta(hours=7))).date()
    await ActingAppointment.create(
        position=w.budi_pos,
        employee=w.stranger,
        kind=ActingKind.PLT,
        starts_on=today + dt.timedelta(days=starts),
        ends_on=today + dt.timedelta(days=ends),
    )
    await client.login(w.stranger.nip)
    body = await client.gql(SITI_PROFILE)
    if sees_line:
        assert body["data"]["employee"]["nip"] == SITI_NIP
        employees = await client.data("{ employees { edges { node { nip } } } }")
        assert {e["node"]["nip"] for e in employees["employees"]["edges"]} == {
            SITI_NIP,
            w.colleague.nip,
        }
    else:
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


def test_cli_grants_and_revokes_roles(database_url, monkeypatch, capsys):
    monkeypatch.setenv("PORTAL_DATABASE_URL", database_url)

    async def setup() -> str:
        await init_db(load_settings(database_url=database_url))
        try:
            return (await make_world()).dinkes.code
        finally:
            await close_db()

    async def grants() -> list[tuple[str, str | None]]:
        await init_db(load_settings(database_url=database_url))
        try:
            rows = await RoleGrant.filter(employee__nip=BUDI_NIP).prefetch_related("unit")
            entries = await AuditEntry.filter(action__startswith="role.").order_by("id")
            assert all(e.actor_label.startswith("cli:") for e in entries)
            return [(str(r.role), r.unit.code if r.unit else None) for r in rows]
        finally:
            await close_db()

    unit = asyncio.run(setup())
    cli.main(["roles", "grant", BUDI_NIP, "unit_head", "--unit", unit])
    assert "UNIT_HEAD" in capsys.readouterr().out
    assert asyncio.run(grants()) == [("UNIT_HEAD", unit)]
    with pytest.raises(SystemExit, match="ALREADY_GRANTED"):
        cli.main(["roles", "grant", BUDI_NIP, "UNIT_HEAD", "--unit", unit])
    with pytest.raises(SystemExit, match="UNIT_NOT_FOUND"):
        cli.main(["roles", "grant", BUDI_NIP, "UNIT_HEAD", "--unit", "NOPE"])
    cli.main(["roles", "revoke", BUDI_NIP, "UNIT_HEAD", "--unit", unit])
    assert asyncio.run(grants()) == []
