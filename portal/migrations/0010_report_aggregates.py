"""Pre-aggregates the HR reports read, kept true by the database itself (PostgreSQL and SQLite).

- ``competency_current``: one row per (employee, competency) with the latest assessment (newest
  ``assessed_on``, then highest id: ``latest_per_competency``), its level and date;
- ``training_jp_year``: JP and number of training records per (year, employee);
- ``enrollment.approval_requested_at`` / ``approval_decided_at``: the request event (nothing ->
  REQUESTED) and the final decision event (REQUESTED -> WAITLISTED, ENROLLED or REJECTED) of an
  enrollment. Raw columns the model does not map: nothing but these triggers writes them.

Triggers, not the domain code, keep them, so every write path (mutations, CSV import, the demo
generator's COPY, hand-written SQL) does. PostgreSQL: statement-level triggers over the
transition tables (a bulk insert of 100,000 assessments is one set-based upsert, not 100,000
calls) and a TRUNCATE trigger (the demo reset). SQLite: row triggers. Insert of an assessment
upserts its pair when it is newer; update and delete recompute the pairs they touch from
``assessment`` (the ``report_assessment_latest`` index). Training records add and subtract.
Why, with the plans: bench/reports/NOTES.md. The backfill is ``portal.reports.maintained``,
the same SQL as ``portal rebuild-aggregates`` and the report benchmark's loader.
"""

from tortoise import migrations
from tortoise.migrations import operations as ops

from portal.reports.maintained import aggregate_statements

_DECISIONS = "('WAITLISTED', 'ENROLLED', 'REJECTED')"
_PAIR_LATEST = (
    "SELECT a.employee_id, a.competency_id, a.level, a.assessed_on, a.id FROM assessment a "
    "WHERE a.employee_id = {e} AND a.competency_id = {c} "
    "ORDER BY a.assessed_on DESC, a.id DESC LIMIT 1"
)
_NEWER = (
    "excluded.assessed_on > competency_current.assessed_on OR "
    "(excluded.assessed_on = competency_current.assessed_on "
    "AND excluded.assessment_id > competency_current.assessment_id)"
)
_SET_CURRENT = (
    "level = excluded.level, assessed_on = excluded.assessed_on, "
    "assessment_id = excluded.assessment_id"
)
_REQUEST_AT = (
    "(SELECT MIN(ev.at) FROM enrollment_event ev WHERE ev.enrollment_id = {id} "
    "AND ev.from_status IS NULL AND ev.to_status = 'REQUESTED')"
)
_DECISION_AT = (
    "(SELECT MAX(ev.at) FROM enrollment_event ev WHERE ev.enrollment_id = {id} "
    f"AND ev.from_status = 'REQUESTED' AND ev.to_status IN {_DECISIONS})"
)

POSTGRES_TABLES = [
    "CREATE TABLE competency_current (employee_id INTEGER NOT NULL, "
    "competency_id INTEGER NOT NULL, level SMALLINT NOT NULL, assessed_on DATE NOT NULL, "
    "assessment_id INTEGER NOT NULL, "
    "CONSTRAINT competency_current_pkey PRIMARY KEY (employee_id, competency_id) INCLUDE (level))",
    "CREATE INDEX competency_current_competency ON competency_current "
    "(competency_id, employee_id, level)",
    "CREATE TABLE training_jp_year (year SMALLINT NOT NULL, employee_id INTEGER NOT NULL, "
    "jp INTEGER NOT NULL, records INTEGER NOT NULL, "
    "CONSTRAINT training_jp_year_pkey PRIMARY KEY (year, employee_id) INCLUDE (jp))",
    "ALTER TABLE enrollment ADD COLUMN approval_requested_at TIMESTAMPTZ, "
    "ADD COLUMN approval_decided_at TIMESTAMPTZ",
]
SQLITE_TABLES = [
    "CREATE TABLE competency_current (employee_id INTEGER NOT NULL, "
    "competency_id INTEGER NOT NULL, level SMALLINT NOT NULL, assessed_on DATE NOT NULL, "
    "assessment_id INTEGER NOT NULL, PRIMARY KEY (employee_id, competency_id)) WITHOUT ROWID",
    "CREATE INDEX competency_current_competency ON competency_current "
    "(competency_id, employee_id, level)",
    "CREATE TABLE training_jp_year (year SMALLINT NOT NULL, employee_id INTEGER NOT NULL, "
    "jp INTEGER NOT NULL, records INTEGER NOT NULL, PRIMARY KEY (year, employee_id)) "
    "WITHOUT ROWID",
    "ALTER TABLE enrollment ADD COLUMN approval_requested_at TIMESTAMP",
    "ALTER TABLE enrollment ADD COLUMN approval_decided_at TIMESTAMP",
]


def _pg_trigger(name: str, table: str, event: str, referencing: str, body: str) -> list[str]:
    """A plpgsql function and its statement-level AFTER trigger."""
    return [
        f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        f"BEGIN\n{body}\nRETURN NULL;\nEND\n$$",
        f'CREATE TRIGGER "{name}" AFTER {event} ON "{table}" {referencing} '
        f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()",
    ]


_PG_UPSERT_LATEST = (
    "INSERT INTO competency_current AS cc "
    "(employee_id, competency_id, level, assessed_on, assessment_id) "
    "SELECT DISTINCT ON (n.employee_id, n.competency_id) n.employee_id, n.competency_id, "
    "n.level, n.assessed_on, n.id FROM {source} n {where}"
    "ORDER BY n.employee_id, n.competency_id, n.assessed_on DESC, n.id DESC "
    f"ON CONFLICT (employee_id, competency_id) DO UPDATE SET {_SET_CURRENT} "
    "WHERE (excluded.assessed_on, excluded.assessment_id) > (cc.assessed_on, cc.assessment_id);"
)
# Update and delete: forget the touched pairs, then take each one's latest from the table.
_PG_RECOMPUTE = (
    "DELETE FROM competency_current cc USING ({pairs}) p "
    "WHERE cc.employee_id = p.employee_id AND cc.competency_id = p.competency_id;\n"
    + _PG_UPSERT_LATEST.format(
        source="assessment",
        where="JOIN ({pairs}) p ON p.employee_id = n.employee_id "
        "AND p.competency_id = n.competency_id ",
    )
)
_PG_JP_ADD = (
    "INSERT INTO training_jp_year AS t (year, employee_id, jp, records) "
    "SELECT n.year, n.employee_id, SUM(n.jp), COUNT(*) FROM new_rows n "
    "GROUP BY n.year, n.employee_id ON CONFLICT (year, employee_id) DO UPDATE "
    "SET jp = t.jp + excluded.jp, records = t.records + excluded.records;"
)
_PG_JP_SUBTRACT = (
    "UPDATE training_jp_year t SET jp = t.jp - o.jp, records = t.records - o.records "
    "FROM (SELECT year, employee_id, SUM(jp) AS jp, COUNT(*) AS records FROM old_rows "
    "GROUP BY year, employee_id) o WHERE t.year = o.year AND t.employee_id = o.employee_id;\n"
    "DELETE FROM training_jp_year t USING (SELECT DISTINCT year, employee_id FROM old_rows) o "
    "WHERE t.year = o.year AND t.employee_id = o.employee_id AND t.records <= 0;"
)
_PG_APPROVAL = (
    "UPDATE enrollment en SET approval_requested_at = x.rq, approval_decided_at = x.dc "
    "FROM (SELECT k.id, {rq} AS rq, {dc} AS dc FROM ({ids}) k) x "
    "WHERE en.id = x.id AND (en.approval_requested_at IS DISTINCT FROM x.rq "
    "OR en.approval_decided_at IS DISTINCT FROM x.dc);".format(
        rq=_REQUEST_AT.format(id="k.id"), dc=_DECISION_AT.format(id="k.id"), ids="{ids}"
    )
)
_OLD_PAIRS = "SELECT DISTINCT employee_id, competency_id FROM old_rows"
_BOTH_PAIRS = (
    "SELECT employee_id, competency_id FROM old_rows "
    "UNION SELECT employee_id, competency_id FROM new_rows"
)

POSTGRES_TRIGGERS = [
    *_pg_trigger(
        "competency_current_insert", "assessment", "INSERT", "REFERENCING NEW TABLE AS new_rows",
        _PG_UPSERT_LATEST.format(source="new_rows", where=""),
    ),
    *_pg_trigger(
        "competency_current_update", "assessment", "UPDATE",
        "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
        _PG_RECOMPUTE.replace("{pairs}", _BOTH_PAIRS),
    ),
    *_pg_trigger(
        "competency_current_delete", "assessment", "DELETE", "REFERENCING OLD TABLE AS old_rows",
        _PG_RECOMPUTE.replace("{pairs}", _OLD_PAIRS),
    ),
    *_pg_trigger(
        "competency_current_truncate", "assessment", "TRUNCATE", "",
        "TRUNCATE competency_current;",
    ),
    *_pg_trigger(
        "training_jp_year_insert", "training_record", "INSERT",
        "REFERENCING NEW TABLE AS new_rows", _PG_JP_ADD,
    ),
    *_pg_trigger(
        "training_jp_year_update", "training_record", "UPDATE",
        "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
        _PG_JP_SUBTRACT + "\n" + _PG_JP_ADD,
    ),
    *_pg_trigger(
        "training_jp_year_delete", "training_record", "DELETE",
        "REFERENCING OLD TABLE AS old_rows", _PG_JP_SUBTRACT,
    ),
    *_pg_trigger(
        "training_jp_year_truncate", "training_record", "TRUNCATE", "",
        "TRUNCATE training_jp_year;",
    ),
    *_pg_trigger(
        "enrollment_approval_insert", "enrollment_event", "INSERT",
        "REFERENCING NEW TABLE AS new_rows",
        _PG_APPROVAL.replace("{ids}", "SELECT DISTINCT enrollment_id AS id FROM new_rows"),
    ),
    *_pg_trigger(
        "enrollment_approval_update", "enrollment_event", "UPDATE",
        "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
        _PG_APPROVAL.replace(
            "{ids}",
            "SELECT enrollment_id AS id FROM old_rows UNION SELECT enrollment_id FROM new_rows",
        ),
    ),
    *_pg_trigger(
        "enrollment_approval_delete", "enrollment_event", "DELETE",
        "REFERENCING OLD TABLE AS old_rows",
        _PG_APPROVAL.replace("{ids}", "SELECT DISTINCT enrollment_id AS id FROM old_rows"),
    ),
]  # fmt: skip
POSTGRES_BACKWARD = [
    *(
        f'DROP TRIGGER IF EXISTS "{name}_{event}" ON "{table}"'
        for name, table in (
            ("competency_current", "assessment"),
            ("training_jp_year", "training_record"),
            ("enrollment_approval", "enrollment_event"),
        )
        for event in ("insert", "update", "delete", "truncate")
    ),
    *(
        f"DROP FUNCTION IF EXISTS {name}_{event}()"
        for name in ("competency_current", "training_jp_year", "enrollment_approval")
        for event in ("insert", "update", "delete", "truncate")
    ),
    "DROP TABLE IF EXISTS competency_current",
    "DROP TABLE IF EXISTS training_jp_year",
    "ALTER TABLE enrollment DROP COLUMN IF EXISTS approval_requested_at, "
    "DROP COLUMN IF EXISTS approval_decided_at",
]


def _sqlite_trigger(name: str, event: str, table: str, body: list[str], when: str = "") -> str:
    statements = "".join(f"{s}; " for s in body)
    condition = f"WHEN {when} " if when else ""
    return f'CREATE TRIGGER "{name}" AFTER {event} ON "{table}" {condition}BEGIN {statements}END'


def _sqlite_recompute(row: str) -> list[str]:
    e, c = f"{row}.employee_id", f"{row}.competency_id"
    return [
        f"DELETE FROM competency_current WHERE employee_id = {e} AND competency_id = {c}",
        "INSERT INTO competency_current "
        "(employee_id, competency_id, level, assessed_on, assessment_id) "
        + _PAIR_LATEST.format(e=e, c=c),
    ]


def _sqlite_jp(row: str, sign: str) -> list[str]:
    if sign == "+":
        return [
            "INSERT INTO training_jp_year (year, employee_id, jp, records) "
            f"VALUES ({row}.year, {row}.employee_id, {row}.jp, 1) "
            "ON CONFLICT (year, employee_id) DO UPDATE SET "
            "jp = training_jp_year.jp + excluded.jp, records = training_jp_year.records + 1"
        ]
    key = f"year = {row}.year AND employee_id = {row}.employee_id"
    return [
        f"UPDATE training_jp_year SET jp = jp - {row}.jp, records = records - 1 WHERE {key}",
        f"DELETE FROM training_jp_year WHERE {key} AND records <= 0",
    ]


def _sqlite_approval(row: str) -> list[str]:
    rid = f"{row}.enrollment_id"
    return [
        f"UPDATE enrollment SET approval_requested_at = {_REQUEST_AT.format(id=rid)}, "
        f"approval_decided_at = {_DECISION_AT.format(id=rid)} WHERE id = {rid}"
    ]


_SQLITE_APPROVAL_EVENT = (
    "((NEW.from_status IS NULL AND NEW.to_status = 'REQUESTED') OR "
    f"(NEW.from_status = 'REQUESTED' AND NEW.to_status IN {_DECISIONS}))"
)
SQLITE_TRIGGERS = [
    _sqlite_trigger(
        "competency_current_insert", "INSERT", "assessment",
        ["INSERT INTO competency_current "
         "(employee_id, competency_id, level, assessed_on, assessment_id) "
         "VALUES (NEW.employee_id, NEW.competency_id, NEW.level, NEW.assessed_on, NEW.id) "
         f"ON CONFLICT (employee_id, competency_id) DO UPDATE SET {_SET_CURRENT} "
         f"WHERE {_NEWER}"],
    ),
    _sqlite_trigger(
        "competency_current_update", "UPDATE", "assessment",
        _sqlite_recompute("OLD") + _sqlite_recompute("NEW"),
    ),
    _sqlite_trigger("competency_current_delete", "DELETE", "assessment", _sqlite_recompute("OLD")),
    _sqlite_trigger("training_jp_year_insert", "INSERT", "training_record", _sqlite_jp("NEW", "+")),
    _sqlite_trigger(
        "training_jp_year_update", "UPDATE", "training_record",
        _sqlite_jp("OLD", "-") + _sqlite_jp("NEW", "+"),
    ),
    _sqlite_trigger("training_jp_year_delete", "DELETE", "training_record", _sqlite_jp("OLD", "-")),
    _sqlite_trigger(
        "enrollment_approval_insert", "INSERT", "enrollment_event", _sqlite_approval("NEW"),
        when=_SQLITE_APPROVAL_EVENT,
    ),
    _sqlite_trigger(
        "enrollment_approval_update", "UPDATE", "enrollment_event",
        _sqlite_approval("OLD") + _sqlite_approval("NEW"),
    ),
    _sqlite_trigger(
        "enrollment_approval_delete", "DELETE", "enrollment_event", _sqlite_approval("OLD")
    ),
]  # fmt: skip
SQLITE_BACKWARD = [
    *(
        f'DROP TRIGGER IF EXISTS "{name}_{event}"'
        for name in ("competency_current", "training_jp_year", "enrollment_approval")
        for event in ("insert", "update", "delete")
    ),
    "DROP TABLE IF EXISTS competency_current",
    "DROP TABLE IF EXISTS training_jp_year",
    "ALTER TABLE enrollment DROP COLUMN approval_requested_at",
    "ALTER TABLE enrollment DROP COLUMN approval_decided_at",
]


# The 20 JP right reads ``training_jp_year`` now; records of one year are read for JP per
# month, course or unit: with the completion date in the index that is an index-only scan of the
# year's slice instead of a scan of every year's rows.
INDEXES_FORWARD = [
    'DROP INDEX IF EXISTS "report_record_year"',
    'CREATE INDEX IF NOT EXISTS "report_record_month" ON "training_record" '
    "(year, employee_id, completed_on, jp)",
]
INDEXES_BACKWARD = [
    'DROP INDEX IF EXISTS "report_record_month"',
    'CREATE INDEX IF NOT EXISTS "report_record_year" ON "training_record" (year, employee_id, jp)',
]


async def forward(apps, schema_editor) -> None:
    dialect = schema_editor.DIALECT
    sqlite = dialect == "sqlite"
    for statement in [
        *INDEXES_FORWARD,
        *(SQLITE_TABLES if sqlite else POSTGRES_TABLES),
        *(SQLITE_TRIGGERS if sqlite else POSTGRES_TRIGGERS),
        *aggregate_statements(dialect),
    ]:
        await schema_editor.client.execute_script(statement)


async def backward(apps, schema_editor) -> None:
    sqlite = schema_editor.DIALECT == "sqlite"
    for statement in [*(SQLITE_BACKWARD if sqlite else POSTGRES_BACKWARD), *INDEXES_BACKWARD]:
        await schema_editor.client.execute_script(statement)


class Migration(migrations.Migration):
    dependencies = [("portal", "0009_lookup_indexes")]
    operations = [ops.RunPython(forward, backward)]
