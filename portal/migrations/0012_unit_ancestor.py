"""Each unit's ancestor at every depth, kept true by the database (PostgreSQL only).

``unit_ancestor (depth, unit_id, ancestor_id)``: for each unit and each depth 0..10 a report can
group by (``unitLevel``), the unit's ancestor at that depth, or the unit itself when it is
shallower (``portal.reports.maintained.UNIT_ANCESTOR_SELECT``, from the unit's materialised
path). A report grouped by OPD joins the 68,000 rows of one depth (an index-only scan of the
key) instead of cutting the path of each of a million fact rows (``split_part``): 20-25 % of the
headcount, job-person match and 20 JP reports at 1M employees (bench/reports/NOTES.md).

Statement-level triggers on ``org_unit`` over the transition tables: inserted units get their
rows, a changed path (a unit moved, with its subtree: each descendant's path changes too)
recomputes the unit's rows from its new path, deleted units lose theirs, TRUNCATE empties it.
Each row depends only on its own unit's path, so concurrent writers need no more than the
unit's own row lock. SQLite keeps walking the tree in the report statement (small data): no
table there. The backfill is ``portal.reports.maintained``'s, also run by
``portal rebuild-aggregates``.
"""

from tortoise import migrations
from tortoise.migrations import operations as ops

from portal.reports.maintained import (
    UNIT_ANCESTOR_COLUMNS,
    UNIT_ANCESTOR_SELECT,
    unit_ancestor_statements,
)

TABLE = (
    "CREATE TABLE unit_ancestor (depth SMALLINT NOT NULL, unit_id INTEGER NOT NULL, "
    "ancestor_id INTEGER NOT NULL, "
    "CONSTRAINT unit_ancestor_pkey PRIMARY KEY (depth, unit_id) INCLUDE (ancestor_id))"
)
_UPSERT = (
    f"INSERT INTO unit_ancestor {UNIT_ANCESTOR_COLUMNS} {UNIT_ANCESTOR_SELECT} "
    "ON CONFLICT (depth, unit_id) DO UPDATE SET ancestor_id = excluded.ancestor_id "
    "WHERE unit_ancestor.ancestor_id IS DISTINCT FROM excluded.ancestor_id;"
)
_MOVED = (
    "(SELECT n.id, n.path FROM new_rows n JOIN old_rows o ON o.id = n.id "
    "WHERE n.path IS DISTINCT FROM o.path)"
)


def _trigger(event: str, referencing: str, body: str) -> list[str]:
    """A plpgsql function and its statement-level AFTER trigger on ``org_unit``."""
    name = f"unit_ancestor_{event.lower()}"
    return [
        f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        f"BEGIN\n{body}\nRETURN NULL;\nEND\n$$",
        f'CREATE TRIGGER "{name}" AFTER {event} ON "org_unit" {referencing} '
        f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()",
    ]


TRIGGERS = [
    *_trigger("INSERT", "REFERENCING NEW TABLE AS new_rows", _UPSERT.format(units="new_rows")),
    *_trigger(
        "UPDATE",
        "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
        _UPSERT.format(units=_MOVED),
    ),
    *_trigger(
        "DELETE",
        "REFERENCING OLD TABLE AS old_rows",
        "DELETE FROM unit_ancestor a USING old_rows o WHERE a.unit_id = o.id;",
    ),
    *_trigger("TRUNCATE", "", "TRUNCATE unit_ancestor;"),
]
BACKWARD = [
    *(
        f'DROP TRIGGER IF EXISTS "unit_ancestor_{e}" ON "org_unit"'
        for e in ("insert", "update", "delete", "truncate")
    ),
    *(
        f"DROP FUNCTION IF EXISTS unit_ancestor_{e}()"
        for e in ("insert", "update", "delete", "truncate")
    ),
    "DROP TABLE IF EXISTS unit_ancestor",
]


async def forward(apps, schema_editor) -> None:
    if schema_editor.DIALECT == "sqlite":
        return
    for statement in [TABLE, *TRIGGERS, *unit_ancestor_statements("postgres")]:
        await schema_editor.client.execute_script(statement)


async def backward(apps, schema_editor) -> None:
    if schema_editor.DIALECT == "sqlite":
        return
    for statement in BACKWARD:
        await schema_editor.client.execute_script(statement)


class Migration(migrations.Migration):
    dependencies = [("portal", "0011_competency_summary")]
    operations = [ops.RunPython(forward, backward)]
