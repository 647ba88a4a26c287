"""Per-employee competency summary, kept true by the database (PostgreSQL and SQLite).

``competency_summary``: one row per employee with the number of requirements of their position,
how many of them their current levels (``competency_current``) meet, the sum of the gaps and the
largest gap (``portal.reports.maintained.SUMMARY_SELECT``). Reports of the job-person match and
the gap measures without a competency dimension or filter read one row per employee from it
instead of joining every requirement of every employee with the current levels (at 1M employees:
5.9M x 3.6M rows, 3 s; why, with the plans: bench/reports/NOTES.md).

What changes a summary, and the trigger that recomputes it from the base rows:

- a current level (``competency_current``, itself kept from ``assessment`` by migration 0010):
  the employees of the touched rows;
- an employee inserted, moved to another position, or made active again: that employee (an
  inactive employee's summary is not followed: reports count active employees only, and
  reactivation recomputes it);
- a requirement of a position added, changed or removed: the position's active holders;
- an employee deleted: its row goes; TRUNCATE empties or recomputes the table.

PostgreSQL: statement-level triggers over the transition tables call one function with the
employees to recompute, as a set (a bulk import is one statement, not one per row). Concurrent
writers of one employee take turns on the employee's summary row (``FOR UPDATE``); the second
recomputes with a snapshot taken after the first committed, so neither's change is lost. SQLite
(one writer at a time): row triggers. The backfill is ``portal.reports.maintained``'s, the same
SQL as ``portal rebuild-aggregates``.

Also mended here (PostgreSQL): migration 0010's recompute of a current level after an update or
delete of assessments kept an existing row unless the recomputed one was newer. Two concurrent
transactions touching one pair (one deleting the newest assessment, the other changing an older
one) could leave the level of a deleted assessment. The recompute reads the assessments with a
snapshot taken after any concurrent writer of the pair committed (it waited on the pair's row),
so it is authoritative: it now overwrites.
"""

from tortoise import migrations
from tortoise.migrations import operations as ops

from portal.reports.maintained import SUMMARY_COLUMNS, SUMMARY_SELECT, summary_statements

_SET = (
    "requirements = excluded.requirements, met = excluded.met, gap_sum = excluded.gap_sum, "
    "max_gap = excluded.max_gap"
)

POSTGRES_TABLES = [
    "CREATE TABLE competency_summary (employee_id INTEGER NOT NULL, "
    "requirements SMALLINT NOT NULL, met SMALLINT NOT NULL, gap_sum SMALLINT NOT NULL, "
    "max_gap SMALLINT NOT NULL, CONSTRAINT competency_summary_pkey PRIMARY KEY (employee_id))",
]
SQLITE_TABLES = [
    "CREATE TABLE competency_summary (employee_id INTEGER NOT NULL PRIMARY KEY, "
    "requirements SMALLINT NOT NULL, met SMALLINT NOT NULL, gap_sum SMALLINT NOT NULL, "
    "max_gap SMALLINT NOT NULL)",
]

# Recompute the summaries of the employees in ``ids``: make sure each has a row, lock the rows
# in id order (concurrent writers of one employee take turns; id order: no deadlock between two
# bulk writes), then recompute with a fresh snapshot (a new statement: READ COMMITTED).
_PG_REFRESH = (
    "CREATE FUNCTION competency_summary_refresh(ids integer[]) RETURNS void "
    "LANGUAGE plpgsql AS $$\n"
    "BEGIN\n"
    "IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;\n"
    f"INSERT INTO competency_summary {SUMMARY_COLUMNS} "
    "SELECT e.id, 0, 0, 0, 0 FROM employee e WHERE e.id = ANY(ids) ORDER BY e.id "
    "ON CONFLICT (employee_id) DO NOTHING;\n"
    "PERFORM 1 FROM competency_summary s WHERE s.employee_id = ANY(ids) "
    "ORDER BY s.employee_id FOR UPDATE;\n"
    "UPDATE competency_summary s SET requirements = x.requirements, met = x.met, "
    "gap_sum = x.gap_sum, max_gap = x.max_gap "
    f"FROM ({SUMMARY_SELECT.format(where='WHERE e.id = ANY(ids)')}) x "
    "WHERE s.employee_id = x.employee_id AND (s.requirements, s.met, s.gap_sum, s.max_gap) "
    "IS DISTINCT FROM (x.requirements, x.met, x.gap_sum, x.max_gap);\n"
    "END\n$$"
)


def _pg_trigger(name: str, table: str, event: str, referencing: str, body: str) -> list[str]:
    """A plpgsql function and its statement-level AFTER trigger."""
    return [
        f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        f"BEGIN\n{body}\nRETURN NULL;\nEND\n$$",
        f'CREATE TRIGGER "{name}" AFTER {event} ON "{table}" {referencing} '
        f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()",
    ]


# Migration 0010's update and delete recompute, with an unconditional overwrite on conflict.
_SET_CURRENT = (
    "level = excluded.level, assessed_on = excluded.assessed_on, "
    "assessment_id = excluded.assessment_id"
)
_RECOMPUTE = (
    "DELETE FROM competency_current cc USING ({pairs}) p "
    "WHERE cc.employee_id = p.employee_id AND cc.competency_id = p.competency_id;\n"
    "INSERT INTO competency_current AS cc "
    "(employee_id, competency_id, level, assessed_on, assessment_id) "
    "SELECT DISTINCT ON (n.employee_id, n.competency_id) n.employee_id, n.competency_id, "
    "n.level, n.assessed_on, n.id FROM assessment n JOIN ({pairs}) p "
    "ON p.employee_id = n.employee_id AND p.competency_id = n.competency_id "
    "ORDER BY n.employee_id, n.competency_id, n.assessed_on DESC, n.id DESC "
    f"ON CONFLICT (employee_id, competency_id) DO UPDATE SET {_SET_CURRENT};"
)
_BOTH_PAIRS = (
    "SELECT employee_id, competency_id FROM old_rows "
    "UNION SELECT employee_id, competency_id FROM new_rows"
)
_OLD_PAIRS = "SELECT DISTINCT employee_id, competency_id FROM old_rows"


def _pg_function(name: str, body: str) -> str:
    return (
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        f"BEGIN\n{body}\nRETURN NULL;\nEND\n$$"
    )


POSTGRES_RECOMPUTE = [
    _pg_function("competency_current_update", _RECOMPUTE.replace("{pairs}", _BOTH_PAIRS)),
    _pg_function("competency_current_delete", _RECOMPUTE.replace("{pairs}", _OLD_PAIRS)),
]


def _refresh(ids: str) -> str:
    return f"PERFORM competency_summary_refresh(ARRAY({ids}));"


_REBUILD = ";\n".join(summary_statements("postgres")) + ";"
_HOLDERS = "SELECT e.id FROM employee e WHERE e.active AND e.position_id IN ({positions})"  # the partial index ``report_employee_position`` (active holders)
_MOVED = (
    "SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id "
    "WHERE n.position_id IS DISTINCT FROM o.position_id OR (n.active AND NOT o.active)"
)

POSTGRES_TRIGGERS = [
    _PG_REFRESH,
    *_pg_trigger(
        "competency_summary_level_insert", "competency_current", "INSERT",
        "REFERENCING NEW TABLE AS new_rows",
        _refresh("SELECT DISTINCT employee_id FROM new_rows"),
    ),
    *_pg_trigger(
        "competency_summary_level_update", "competency_current", "UPDATE",
        "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
        _refresh("SELECT employee_id FROM old_rows UNION SELECT employee_id FROM new_rows"),
    ),
    *_pg_trigger(
        "competency_summary_level_delete", "competency_current", "DELETE",
        "REFERENCING OLD TABLE AS old_rows",
        _refresh("SELECT DISTINCT employee_id FROM old_rows"),
    ),
    *_pg_trigger(
        "competency_summary_level_truncate", "competency_current", "TRUNCATE", "", _REBUILD
    ),
    *_pg_trigger(
        "competency_summary_employee_insert", "employee", "INSERT",
        "REFERENCING NEW TABLE AS new_rows", _refresh("SELECT id FROM new_rows"),
    ),
    *_pg_trigger(
        "competency_summary_employee_update", "employee", "UPDATE",
        "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows", _refresh(_MOVED),
    ),
    *_pg_trigger(
        "competency_summary_employee_delete", "employee", "DELETE",
        "REFERENCING OLD TABLE AS old_rows",
        "DELETE FROM competency_summary s USING old_rows o WHERE s.employee_id = o.id;",
    ),
    *_pg_trigger(
        "competency_summary_employee_truncate", "employee", "TRUNCATE", "",
        "TRUNCATE competency_summary;",
    ),
    *_pg_trigger(
        "competency_summary_requirement_insert", "position_requirement", "INSERT",
        "REFERENCING NEW TABLE AS new_rows",
        _refresh(_HOLDERS.format(positions="SELECT position_id FROM new_rows")),
    ),
    *_pg_trigger(
        "competency_summary_requirement_update", "position_requirement", "UPDATE",
        "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
        _refresh(_HOLDERS.format(
            positions="SELECT position_id FROM old_rows UNION SELECT position_id FROM new_rows"
        )),
    ),
    *_pg_trigger(
        "competency_summary_requirement_delete", "position_requirement", "DELETE",
        "REFERENCING OLD TABLE AS old_rows",
        _refresh(_HOLDERS.format(positions="SELECT position_id FROM old_rows")),
    ),
    *_pg_trigger(
        "competency_summary_requirement_truncate", "position_requirement", "TRUNCATE", "",
        _REBUILD,
    ),
]  # fmt: skip
_PG_TRIGGER_NAMES = [
    (f"competency_summary_{what}_{event}", table)
    for what, table in (
        ("level", "competency_current"),
        ("employee", "employee"),
        ("requirement", "position_requirement"),
    )
    for event in ("insert", "update", "delete", "truncate")
]
POSTGRES_BACKWARD = [
    *(f'DROP TRIGGER IF EXISTS "{name}" ON "{table}"' for name, table in _PG_TRIGGER_NAMES),
    *(f"DROP FUNCTION IF EXISTS {name}()" for name, _ in _PG_TRIGGER_NAMES),
    "DROP FUNCTION IF EXISTS competency_summary_refresh(integer[])",
    "DROP TABLE IF EXISTS competency_summary",
]


def _sqlite_refresh(where: str) -> str:
    """Upsert the summaries of the employees ``where`` selects (``e``: employee)."""
    return (
        f"INSERT INTO competency_summary {SUMMARY_COLUMNS} "
        f"{SUMMARY_SELECT.format(where=f'WHERE {where}')} "
        f"ON CONFLICT (employee_id) DO UPDATE SET {_SET}"
    )


def _sqlite_trigger(name: str, event: str, table: str, body: list[str], when: str = "") -> str:
    statements = "".join(f"{s}; " for s in body)
    condition = f"WHEN {when} " if when else ""
    return f'CREATE TRIGGER "{name}" AFTER {event} ON "{table}" {condition}BEGIN {statements}END'


def _sqlite_holders(row: str) -> str:
    return _sqlite_refresh(f"e.active AND e.position_id = {row}.position_id")


SQLITE_TRIGGERS = [
    _sqlite_trigger(
        "competency_summary_level_insert", "INSERT", "competency_current",
        [_sqlite_refresh("e.id = NEW.employee_id")],
    ),
    _sqlite_trigger(
        "competency_summary_level_update", "UPDATE", "competency_current",
        [_sqlite_refresh("e.id IN (OLD.employee_id, NEW.employee_id)")],
    ),
    _sqlite_trigger(
        "competency_summary_level_delete", "DELETE", "competency_current",
        [_sqlite_refresh("e.id = OLD.employee_id")],
    ),
    _sqlite_trigger(
        "competency_summary_employee_insert", "INSERT", "employee",
        [_sqlite_refresh("e.id = NEW.id")],
    ),
    _sqlite_trigger(
        "competency_summary_employee_update", "UPDATE OF position_id, active", "employee",
        [_sqlite_refresh("e.id = NEW.id")],
        when="OLD.position_id IS NOT NEW.position_id OR (NEW.active AND NOT OLD.active)",
    ),
    _sqlite_trigger(
        "competency_summary_employee_delete", "DELETE", "employee",
        ["DELETE FROM competency_summary WHERE employee_id = OLD.id"],
    ),
    _sqlite_trigger(
        "competency_summary_requirement_insert", "INSERT", "position_requirement",
        [_sqlite_holders("NEW")],
    ),
    _sqlite_trigger(
        "competency_summary_requirement_update", "UPDATE", "position_requirement",
        [_sqlite_holders("OLD"), _sqlite_holders("NEW")],
    ),
    _sqlite_trigger(
        "competency_summary_requirement_delete", "DELETE", "position_requirement",
        [_sqlite_holders("OLD")],
    ),
]  # fmt: skip
SQLITE_BACKWARD = [
    *(f'DROP TRIGGER IF EXISTS "{name}"' for name, _ in _PG_TRIGGER_NAMES),
    "DROP TABLE IF EXISTS competency_summary",
]


async def forward(apps, schema_editor) -> None:
    dialect = schema_editor.DIALECT
    sqlite = dialect == "sqlite"
    for statement in [
        *(SQLITE_TABLES if sqlite else POSTGRES_TABLES),
        *(SQLITE_TRIGGERS if sqlite else [*POSTGRES_TRIGGERS, *POSTGRES_RECOMPUTE]),
        *summary_statements(dialect),
    ]:
        await schema_editor.client.execute_script(statement)


async def backward(apps, schema_editor) -> None:
    sqlite = schema_editor.DIALECT == "sqlite"
    for statement in SQLITE_BACKWARD if sqlite else POSTGRES_BACKWARD:
        await schema_editor.client.execute_script(statement)


class Migration(migrations.Migration):
    dependencies = [("portal", "0010_report_aggregates")]
    operations = [ops.RunPython(forward, backward)]
