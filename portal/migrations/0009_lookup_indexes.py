"""Indexes on the foreign keys the API's loaders look rows up by (PostgreSQL and SQLite).

Neither Tortoise nor PostgreSQL indexes a foreign key by itself. Without these, every employee
home query scanned whole tables (the SKP results and indicators, the position duties, the plan
items): per-request cost grew with the data set, at 10,000 employees a few milliseconds of
database time on each of them (bench/RESULTS.md, "Portal vs baseline"). 0008 already covers the
employee -> position, position -> parent and enrollment -> events lookups.
"""

from tortoise import migrations
from tortoise.migrations import operations as ops

INDEXES: list[tuple[str, str, str]] = [
    # (name, table, columns): duties of a position, in the order they are shown
    ("lookup_duty_position", "position_duty", "(position_id, sort_order, id)"),
    ("lookup_skp_result_skp", "skp_result", "(skp_id)"),
    ("lookup_skp_result_parent", "skp_result", "(parent_id)"),
    ("lookup_skp_indicator_result", "skp_indicator", "(result_id)"),
    ("lookup_skp_action_plan_result", "skp_action_plan", "(result_id)"),
    ("lookup_skp_event_skp", "skp_event", "(skp_id)"),
    ("lookup_plan_item_plan", "training_plan_item", "(plan_id)"),
    ("lookup_session_course", "training_session", "(course_id)"),
    # Every request reads the principal's acting appointments; approvers are found by position.
    ("lookup_acting_employee", "acting_appointment", "(employee_id, starts_on)"),
    ("lookup_acting_position", "acting_appointment", "(position_id, starts_on)"),
    ("lookup_course_competency_competency", "course_competency", "(competency_id)"),
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
    dependencies = [("portal", "0008_report_indexes")]
    operations = [ops.RunPython(forward, backward)]
