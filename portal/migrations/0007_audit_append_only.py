"""The audit trail is append-only in the database too: UPDATE and DELETE of a row are refused.

PostgreSQL: one trigger function raising on UPDATE or DELETE of ``audit_entry``, fired per row.
TRUNCATE stays possible: it fires no row trigger, and emptying the whole database
(``portal seed --demo --reset``) is an operator's action, not a code path. SQLite: BEFORE UPDATE and
BEFORE DELETE triggers that abort (the reset lifts and restores them, see portal/demo/writer.py).
Raw SQL only: the model does not change.
"""

from tortoise import migrations
from tortoise.migrations import operations as ops

MESSAGE = "audit_entry is append-only"

POSTGRES_FORWARD = [
    f"""CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '{MESSAGE}: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$""",
    'CREATE TRIGGER "audit_entry_append_only" BEFORE UPDATE OR DELETE ON "audit_entry" '
    "FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()",
]
POSTGRES_BACKWARD = [
    'DROP TRIGGER IF EXISTS "audit_entry_append_only" ON "audit_entry"',
    "DROP FUNCTION IF EXISTS audit_entry_append_only()",
]
SQLITE_FORWARD = [
    f'CREATE TRIGGER "audit_entry_no_{event.lower()}" BEFORE {event} ON "audit_entry" '
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}: {event} refused'); END"
    for event in ("UPDATE", "DELETE")
]
SQLITE_BACKWARD = [
    f'DROP TRIGGER IF EXISTS "audit_entry_no_{event}"' for event in ("update", "delete")
]


async def forward(apps, schema_editor) -> None:
    sqlite = schema_editor.DIALECT == "sqlite"
    for statement in SQLITE_FORWARD if sqlite else POSTGRES_FORWARD:
        await schema_editor.client.execute_script(statement)


async def backward(apps, schema_editor) -> None:
    sqlite = schema_editor.DIALECT == "sqlite"
    for statement in SQLITE_BACKWARD if sqlite else POSTGRES_BACKWARD:
        await schema_editor.client.execute_script(statement)


class Migration(migrations.Migration):
    dependencies = [("portal", "0006_survey")]
    operations = [ops.RunPython(forward, backward)]
