from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.migrations import operations as ops

from portal.duties.models import Rating

CHECKS = [
    ("skp_action_plan", "action_plan_period", "period BETWEEN 1 AND 4"),
    ("skp_review", "review_period", "period BETWEEN 0 AND 4"),
]


async def _forward(apps, schema_editor) -> None:
    """Period ranges as CHECKs (PostgreSQL) or aborting triggers (SQLite), as in 0002."""
    run = schema_editor.client.execute_script
    for table, name, condition in CHECKS:
        if schema_editor.DIALECT == "sqlite":
            for event in ("INSERT", "UPDATE"):
                await run(
                    f'CREATE TRIGGER "{name}_{event.lower()}" BEFORE {event} ON "{table}" '
                    f"WHEN NOT ({condition.replace('period', 'NEW.period')}) "
                    f"BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: {name}'); END"
                )
        else:
            await run(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" CHECK ({condition})')


async def _backward(apps, schema_editor) -> None:
    run = schema_editor.client.execute_script
    for table, name, _ in CHECKS:
        if schema_editor.DIALECT == "sqlite":
            for event in ("insert", "update"):
                await run(f'DROP TRIGGER IF EXISTS "{name}_{event}"')
        else:
            await run(f'ALTER TABLE "{table}" DROP CONSTRAINT IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [("portal", "0004_hr_admin")]

    initial = False

    operations = [
        ops.CreateModel(
            name="SkpActionPlan",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "result",
                    fields.ForeignKeyField(
                        "portal.SkpResult",
                        source_field="result_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="action_plans",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("period", fields.SmallIntField()),
                ("description", fields.TextField(unique=False)),
                (
                    "created_by",
                    fields.ForeignKeyField(
                        "portal.Employee",
                        source_field="created_by_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={
                "table": "skp_action_plan",
                "app": "portal",
                "pk_attr": "id",
                "table_description": "A planned action (rencana aksi) towards a result in one period (quarter 1-4).",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="SkpEvent",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "skp",
                    fields.ForeignKeyField(
                        "portal.Skp",
                        source_field="skp_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="events",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("action", fields.CharField(max_length=40)),
                (
                    "actor",
                    fields.ForeignKeyField(
                        "portal.Employee",
                        source_field="actor_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                ("note", fields.TextField(default="", unique=False)),
                ("at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={
                "table": "skp_event",
                "app": "portal",
                "pk_attr": "id",
                "table_description": "One step of an SKP's history: who did what, when.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="SkpReview",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "skp",
                    fields.ForeignKeyField(
                        "portal.Skp",
                        source_field="skp_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="reviews",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("period", fields.SmallIntField()),
                (
                    "result_rating",
                    fields.CharEnumField(
                        description="ABOVE: ABOVE\nAS_EXPECTED: AS_EXPECTED\nBELOW: BELOW",
                        enum_type=Rating,
                        max_length=16,
                    ),
                ),
                (
                    "behaviour_rating",
                    fields.CharEnumField(
                        description="ABOVE: ABOVE\nAS_EXPECTED: AS_EXPECTED\nBELOW: BELOW",
                        enum_type=Rating,
                        max_length=16,
                    ),
                ),
                ("predikat", fields.CharField(max_length=32)),
                ("feedback", fields.TextField(default="", unique=False)),
                (
                    "reviewer",
                    fields.ForeignKeyField(
                        "portal.Employee",
                        source_field="reviewer_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                ("reviewed_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={
                "table": "skp_review",
                "app": "portal",
                "unique_together": (("skp", "period"),),
                "pk_attr": "id",
                "table_description": "The supervisor's rating and feedback for a period (1-4), or the year (0).",
            },
            bases=["Model"],
        ),
        ops.RunPython(_forward, _backward),
    ]
