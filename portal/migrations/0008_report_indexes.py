"""Indexes behind the HR reports (portal/reports); raw SQL that runs on PostgreSQL and SQLite.

Why each exists, with the plans that use them: bench/reports/NOTES.md.
"""

from tortoise import migrations
from tortoise.migrations import operations as ops

INDEXES: list[tuple[str, str, str]] = [
    # (name, table, columns [WHERE ...])
    # Latest assessed level per (competency, employee): read in index order, a competency
    # filter reads only its part; every column of the GROUP BY MAX is in the index.
    (
        "report_assessment_latest",
        "assessment",
        "(competency_id, employee_id, assessed_on, id, level)",
    ),
    # Holders per position (staffing), the requirement join and supervisor scopes.
    ("report_employee_position", "employee", "(position_id, unit_id) WHERE active"),
    # Unit-head scopes and unit filters: the employees of a subtree's units.
    ("report_employee_unit", "employee", "(unit_id) WHERE active"),
    # Positions of a unit subtree (staffing of one OPD) and the supervision line walk.
    ("report_position_unit", "position", "(unit_id)"),
    ("report_position_parent", "position", "(parent_id)"),
    # Walking the unit tree down (SQLite's unit -> OPD mapping).
    ("report_unit_parent", "org_unit", "(parent_id)"),
    # ABK sums per position without touching the table.
    (
        "report_workload_position",
        "position_workload",
        "(position_id, yearly_volume, standard_minutes)",
    ),
    # Everyone who must have one competency (a COMPETENCY filter).
    (
        "report_requirement_competency",
        "position_requirement",
        "(competency_id, position_id, level)",
    ),
    # One year's JP per employee, in employee order (the 20 JP right).
    ("report_record_year", "training_record", "(year, employee_id, jp)"),
    # Request and decision events of an enrollment (approval time).
    (
        "report_event_enrollment",
        "enrollment_event",
        "(enrollment_id, from_status, to_status, at)",
    ),
]


async def forward(apps, schema_editor) -> None:
    for name, table, columns in INDEXES:
        await schema_editor.client.execute_script(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" {columns}'
        )


async def backward(apps, schema_editor) -> None:
    for name, _, _ in INDEXES:
        await schema_editor.client.execute_script(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [("portal", "0007_audit_append_only")]
    operations = [ops.RunPython(forward, backward)]
