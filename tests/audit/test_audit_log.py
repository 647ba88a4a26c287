"""The audit trail for HR: auditLog (filters, paging), CSV export, and append-only storage."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pytest
from tortoise import connections

from portal.audit.models import AuditEntry
from portal.audit.service import record
from portal.demo.seed import seed_demo_database
from portal.graphql.relay import encode_cursor
from tests.factories import DEWI_NIP, SITI_NIP, make_world

AUDIT_LOG = """query($first: Int, $after: String, $filter: AuditLogFilter) {
  auditLog(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { action actorId actorLabel objectType objectId before after at requestId } }
  }
}"""
ROOT = Path(__file__).resolve().parents[2]


async def _trail(w) -> None:
    await record(
        action="role.grant",
        actor_id=w.dewi.id,
        actor_label="Dewi",
        object_type="Employee",
        object_id=w.siti.id,
        after={"role": "HR"},
    )
    await record(
        action="role.revoke",
        actor_id=w.dewi.id,
        actor_label="Dewi",
        object_type="Employee",
        object_id=w.siti.id,
        before={"role": "HR"},
    )
    await record(
        action="skp.reviewed",
        actor_id=w.budi.id,
        actor_label='=HYPERLINK("x")',
        object_type="Skp",
        object_id=9,
    )


async def test_hr_reads_the_audit_log_filtered_and_paged(client):
    w = await make_world()
    await _trail(w)
    await client.login(DEWI_NIP)
    everything = (await client.data(AUDIT_LOG, {"first": 100}))["auditLog"]
    actions = [e["node"]["action"] for e in everything["edges"]]
    # Newest first (the sign-in just now is the newest).
    assert actions[:4] == ["auth.sign_in", "skp.reviewed", "role.revoke", "role.grant"]
    by_actor = (await client.data(AUDIT_LOG, {"filter": {"actorNip": w.budi.nip}}))["auditLog"]
    assert [e["node"]["action"] for e in by_actor["edges"]] == ["skp.reviewed"]
    family = (await client.data(AUDIT_LOG, {"filter": {"action": "role."}}))["auditLog"]
    assert family["totalCount"] == 2
    exact = (await client.data(AUDIT_LOG, {"filter": {"action": "role.grant"}}))["auditLog"]
    assert exact["edges"][0]["node"]["after"] == {"role": "HR"}
    obj = {"objectType": "Employee", "objectId": str(w.siti.id)}
    assert (await client.data(AUDIT_LOG, {"filter": obj}))["auditLog"]["totalCount"] == 2
    future = {"from": (dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)).isoformat()}
    assert (await client.data(AUDIT_LOG, {"filter": future}))["auditLog"]["totalCount"] == 0
    past = {"to": "2000-01-01T00:00:00+07:00"}
    assert (await client.data(AUDIT_LOG, {"filter": past}))["auditLog"]["totalCount"] == 0
    nobody = {"actorNip": "199001012015011999"}
    assert (await client.data(AUDIT_LOG, {"filter": nobody}))["auditLog"]["totalCount"] == 0
    first = (await client.data(AUDIT_LOG, {"first": 2}))["auditLog"]
    assert first["pageInfo"]["hasNextPage"]
    assert first["pageInfo"]["endCursor"] == encode_cursor(1)
    rest = (await client.data(AUDIT_LOG, {"first": 2, "after": encode_cursor(1)}))["auditLog"]
    assert rest["edges"][0]["node"]["action"] == actions[2]


async def test_audit_log_is_hr_only(client):
    await make_world()
    body = await client.gql(AUDIT_LOG)
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    await client.login(SITI_NIP)
    body = await client.gql(AUDIT_LOG)
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert (await client.http.get("/exports/audit-log.csv")).status_code == 403
    await client.logout()
    assert (await client.http.get("/exports/audit-log.csv")).status_code == 401


async def test_hr_exports_the_audit_log_as_csv(client):
    w = await make_world()
    await _trail(w)
    await client.login(DEWI_NIP)
    response = await client.http.get("/exports/audit-log.csv", params={"action": "role."})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.text.lstrip("\ufeff"))))
    assert rows[0][:5] == ["id", "at_utc", "actor_id", "actor_label", "action"]
    assert [r[4] for r in rows[1:]] == ["role.grant", "role.revoke"]  # oldest first
    everything = await client.http.get("/exports/audit-log.csv", params={"to": "2999-12-31"})
    labels = [r[3] for r in csv.reader(io.StringIO(everything.text.lstrip("\ufeff")))]
    assert '\'=HYPERLINK("x")' in labels  # a formula is text in a spreadsheet
    bad = await client.http.get("/exports/audit-log.csv", params={"from": "yesterday"})
    assert bad.status_code == 400
    assert await AuditEntry.filter(action="audit.exported", actor_id=w.dewi.id).count() == 2


async def test_audit_rows_cannot_be_updated_or_deleted_in_the_database(db):
    entry = await record(action="auth.sign_in", actor_id=1, actor_label="x")
    client = connections.get("default")
    for statement in (
        f"UPDATE audit_entry SET action = 'forged' WHERE id = {entry.id}",
        f"DELETE FROM audit_entry WHERE id = {entry.id}",
        "DELETE FROM audit_entry",
    ):
        with pytest.raises(Exception, match="append-only"):
            await client.execute_script(statement)
    with pytest.raises(Exception, match="append-only"):
        await AuditEntry.filter(id=entry.id).delete()
    with pytest.raises(Exception, match="append-only"):
        await AuditEntry.filter(id=entry.id).update(action="forged")
    assert (await AuditEntry.get(id=entry.id)).action == "auth.sign_in"


@pytest.mark.postgres_only
async def test_truncate_stays_possible_for_the_operator_reset(db):
    await record(action="auth.sign_in", actor_id=1)
    await connections.get("default").execute_script("TRUNCATE audit_entry")
    assert await AuditEntry.all().count() == 0


async def test_demo_reset_empties_the_trail_and_keeps_the_guard(settings):
    from portal.db import close_db, init_db

    await seed_demo_database(settings, employees=60, seed=3)
    await init_db(settings)
    try:
        await record(action="auth.sign_in", actor_id=1)
    finally:
        await close_db()
    assert "60 employees" in await seed_demo_database(settings, employees=60, seed=3, reset=True)
    await init_db(settings)
    try:
        assert await AuditEntry.all().count() == 0
        entry = await record(action="auth.sign_in", actor_id=1)
        with pytest.raises(Exception, match="append-only"):
            await AuditEntry.filter(id=entry.id).delete()
    finally:
        await close_db()


def test_the_code_has_no_update_or_delete_path_for_audit_entries():
    """Only the demo reset (an operator's whole-database action) may empty the table."""
    pattern = re.compile(
        r"AuditEntry[^\n]*\.(delete|update|save|select_for_update|bulk_update)\(|"
        r"(UPDATE|DELETE FROM)\s+\"?audit_entry",
        re.IGNORECASE,
    )
    offenders = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in (ROOT / "portal").rglob("*.py")
        if "migrations" not in path.parts
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []
