"""Integrity rules Tortoise's CreateModel does not emit: CHECKs and a partial unique index.

PostgreSQL gets real CHECK constraints. SQLite cannot add a CHECK to an existing table, so each
rule becomes a pair of BEFORE INSERT/UPDATE triggers that abort the statement: the database refuses
the bad row on both engines, whatever code path wrote it.
"""

from tortoise import migrations
from tortoise.migrations import operations as ops

CHECKS: list[tuple[str, str, str]] = [
    # (table, constraint name, condition that must hold)
    ("position", "position_grade_class", "grade_class BETWEEN 1 AND 17"),
    ("position", "position_effective_minutes", "effective_minutes > 0"),
    ("position_workload", "workload_volume", "yearly_volume >= 0"),
    ("position_workload", "workload_minutes", "standard_minutes > 0"),
    ("employee", "employee_nip_digits", "length(nip) = 18"),
    ("acting_appointment", "acting_dates", "ends_on >= starts_on"),
    ("competency_level", "competency_level_range", "level BETWEEN 1 AND 5"),
    ("position_requirement", "requirement_level_range", "level BETWEEN 1 AND 5"),
    ("assessment", "assessment_level_range", "level BETWEEN 1 AND 5"),
    ("course", "course_jp_positive", "jp > 0"),
    ("course_competency", "course_target_level", "target_level BETWEEN 1 AND 5"),
    ("training_session", "session_capacity_positive", "capacity > 0"),
    ("training_session", "session_seats_bounded", "seats_taken >= 0 AND seats_taken <= capacity"),
    ("training_session", "session_dates", "ends_on >= starts_on"),
    ("training_plan_item", "plan_item_jp_positive", "planned_jp > 0"),
    ("training_record", "record_jp_positive", "jp > 0"),
    ("skp_realisation", "realisation_period", "period BETWEEN 1 AND 4"),
]

# A double click never makes two live requests for the same session.
ACTIVE_ENROLLMENT_INDEX = (
    'CREATE UNIQUE INDEX "enrollment_one_active" ON "enrollment" ("employee_id", "session_id") '
    "WHERE status IN ('REQUESTED', 'WAITLISTED', 'ENROLLED', 'ATTENDED')"
)


def _statements(dialect: str) -> list[str]:
    sql = [ACTIVE_ENROLLMENT_INDEX]
    for table, name, condition in CHECKS:
        if dialect == "sqlite":
            for event in ("INSERT", "UPDATE"):
                sql.append(
                    f'CREATE TRIGGER "{name}_{event.lower()}" BEFORE {event} ON "{table}" '
                    f"WHEN NOT ({_new(condition)}) "
                    f"BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: {name}'); END"
                )
        else:
            sql.append(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" CHECK ({condition})')
    return sql


def _new(condition: str) -> str:
    """Qualify the column names of a condition with NEW. for a trigger's WHEN clause."""
    import re

    keywords = {"BETWEEN", "AND", "OR", "NOT", "length"}
    return re.sub(
        r"\b([a-z_]+)\b(?!\s*\()",
        lambda m: m.group(1) if m.group(1) in keywords else f"NEW.{m.group(1)}",
        condition,
    )


async def forward(apps, schema_editor) -> None:
    for statement in _statements(schema_editor.DIALECT):
        await schema_editor.client.execute_script(statement)


async def backward(apps, schema_editor) -> None:
    await schema_editor.client.execute_script('DROP INDEX IF EXISTS "enrollment_one_active"')
    for table, name, _ in CHECKS:
        if schema_editor.DIALECT == "sqlite":
            for event in ("insert", "update"):
                await schema_editor.client.execute_script(
                    f'DROP TRIGGER IF EXISTS "{name}_{event}"'
                )
        else:
            await schema_editor.client.execute_script(
                f'ALTER TABLE "{table}" DROP CONSTRAINT IF EXISTS "{name}"'
            )


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial")]
    operations = [ops.RunPython(forward, backward)]
