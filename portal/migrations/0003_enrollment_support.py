from orjson import loads
from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise.indexes import Index
from tortoise.migrations import operations as ops


async def _forward(apps, schema_editor) -> None:
    """The approver inbox index, and rating 1-5 (a CHECK, or triggers on SQLite: see 0002)."""
    run = schema_editor.client.execute_script
    await run(
        'CREATE INDEX "enrollment_awaiting" ON "enrollment" ("awaiting_position_id") '
        "WHERE status = 'REQUESTED'"
    )
    if schema_editor.DIALECT == "sqlite":
        for event in ("INSERT", "UPDATE"):
            await run(
                f'CREATE TRIGGER "feedback_rating_{event.lower()}" BEFORE {event} ON "training_feedback" '
                "WHEN NOT (NEW.rating BETWEEN 1 AND 5) "
                "BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: feedback_rating'); END"
            )
    else:
        await run(
            'ALTER TABLE "training_feedback" ADD CONSTRAINT "feedback_rating" '
            "CHECK (rating BETWEEN 1 AND 5)"
        )


async def _backward(apps, schema_editor) -> None:
    run = schema_editor.client.execute_script
    await run('DROP INDEX IF EXISTS "enrollment_awaiting"')
    if schema_editor.DIALECT == "sqlite":
        for event in ("insert", "update"):
            await run(f'DROP TRIGGER IF EXISTS "feedback_rating_{event}"')
    else:
        await run('ALTER TABLE "training_feedback" DROP CONSTRAINT IF EXISTS "feedback_rating"')


class Migration(migrations.Migration):
    dependencies = [("portal", "0002_constraints")]

    initial = False

    operations = [
        ops.CreateModel(
            name="Notification",
            fields=[
                (
                    "id",
                    fields.BigIntField(
                        generated=True, primary_key=True, unique=True, db_index=True
                    ),
                ),
                (
                    "recipient",
                    fields.ForeignKeyField(
                        "portal.Employee",
                        source_field="recipient_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="notifications",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("kind", fields.CharField(max_length=48)),
                ("title", fields.CharField(max_length=200)),
                ("body", fields.TextField(default="", unique=False)),
                ("refs", fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("read_at", fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={
                "table": "notification",
                "app": "portal",
                "indexes": [Index(fields=["recipient_id", "read_at"])],
                "pk_attr": "id",
                "table_description": "Something a person should know: shown in the list until read.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="TrainingFeedback",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "enrollment",
                    fields.OneToOneField(
                        "portal.Enrollment",
                        source_field="enrollment_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="feedback",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("rating", fields.SmallIntField()),
                ("comment", fields.TextField(default="", unique=False)),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={
                "table": "training_feedback",
                "app": "portal",
                "pk_attr": "id",
                "table_description": "What an attendee thought of a session (one per enrollment).",
            },
            bases=["Model"],
        ),
        ops.AddField(
            model_name="Enrollment",
            name="awaiting_hr",
            field=fields.BooleanField(default=False),
        ),
        ops.AddField(
            model_name="Enrollment",
            name="awaiting_position",
            field=fields.ForeignKeyField(
                "portal.Position",
                source_field="awaiting_position_id",
                null=True,
                db_constraint=True,
                to_field="id",
                related_name=False,
                on_delete=OnDelete.SET_NULL,
            ),
        ),
        ops.AddField(
            model_name="EnrollmentEvent",
            name="step",
            field=fields.SmallIntField(null=True),
        ),
        ops.AddField(
            model_name="TrainingSession",
            name="hr_verification",
            field=fields.BooleanField(null=True),
        ),
        ops.RunPython(_forward, _backward),
    ]
