from orjson import loads
from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise.indexes import Index
from tortoise.migrations import operations as ops

from portal.survey.models import AgeBand, Education, FollowUpStatus, Occupation, RespondentGender

_ANSWERS = " AND ".join(f"u{i} BETWEEN 1 AND 4" for i in range(1, 10))
_ELEMENTS = ", ".join(f"'U{i}'" for i in range(1, 10))
CHECKS = [
    # (table, constraint name, condition, its columns)
    ("survey_response", "survey_answers_range", _ANSWERS, [f"u{i}" for i in range(1, 10)]),
    ("survey_response", "survey_suggestion_length", "length(suggestion) <= 2000", ["suggestion"]),
    (
        "survey_follow_up",
        "follow_up_element",
        f"element IS NULL OR element IN ({_ELEMENTS})",
        ["element"],
    ),
]


def _qualified(condition: str, columns: list[str]) -> str:
    """The condition with its columns read from NEW (an SQLite trigger's WHEN clause)."""
    import re

    return re.sub(rf"\b({'|'.join(columns)})\b", r"NEW.\1", condition)


async def _forward(apps, schema_editor) -> None:
    """Answers 1-4 and the suggestion cap as CHECKs (PostgreSQL) or aborting triggers (SQLite)."""
    run = schema_editor.client.execute_script
    for table, name, condition, columns in CHECKS:
        if schema_editor.DIALECT == "sqlite":
            for event in ("INSERT", "UPDATE"):
                await run(
                    f'CREATE TRIGGER "{name}_{event.lower()}" BEFORE {event} ON "{table}" '
                    f"WHEN NOT ({_qualified(condition, columns)}) "
                    f"BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: {name}'); END"
                )
        else:
            await run(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" CHECK ({condition})')


async def _backward(apps, schema_editor) -> None:
    run = schema_editor.client.execute_script
    for table, name, _, _ in CHECKS:
        if schema_editor.DIALECT == "sqlite":
            for event in ("insert", "update"):
                await run(f'DROP TRIGGER IF EXISTS "{name}_{event}"')
        else:
            await run(f'ALTER TABLE "{table}" DROP CONSTRAINT IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [("portal", "0005_skp_workflow")]

    initial = False

    operations = [
        ops.CreateModel(
            name="SurveyService",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "unit",
                    fields.ForeignKeyField(
                        "portal.OrgUnit",
                        source_field="unit_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="survey_services",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                ("name", fields.CharField(max_length=200)),
                ("code", fields.CharField(unique=True, max_length=40)),
                ("active", fields.BooleanField(default=True)),
                ("requires_token", fields.BooleanField(default=False)),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={
                "table": "survey_service",
                "app": "portal",
                "pk_attr": "id",
                "table_description": "A service of a unit that citizens rate (e.g. Perekaman KTP-el at Disdukcapil).",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="FollowUpAction",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "unit",
                    fields.ForeignKeyField(
                        "portal.OrgUnit",
                        source_field="unit_id",
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                (
                    "service",
                    fields.ForeignKeyField(
                        "portal.SurveyService",
                        source_field="service_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                ("element", fields.CharField(null=True, max_length=2)),
                ("title", fields.CharField(max_length=200)),
                ("description", fields.TextField(default="", unique=False)),
                (
                    "owner",
                    fields.ForeignKeyField(
                        "portal.Employee",
                        source_field="owner_id",
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                ("due_on", fields.DateField()),
                (
                    "status",
                    fields.CharEnumField(
                        default=FollowUpStatus.OPEN,
                        description="OPEN: OPEN\nIN_PROGRESS: IN_PROGRESS\nDONE: DONE\nCANCELLED: CANCELLED",
                        enum_type=FollowUpStatus,
                        max_length=16,
                    ),
                ),
                ("evidence", fields.TextField(default="", unique=False)),
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
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                (
                    "completed_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
            ],
            options={
                "table": "survey_follow_up",
                "app": "portal",
                "indexes": [
                    Index(fields=["unit_id", "status", "due_on"]),
                    Index(fields=["owner_id", "status"]),
                ],
                "pk_attr": "id",
                "table_description": "A follow-up action (tindak lanjut) on survey feedback, owned by an employee.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="FollowUpEvent",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "action",
                    fields.ForeignKeyField(
                        "portal.FollowUpAction",
                        source_field="action_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="events",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "from_status",
                    fields.CharEnumField(
                        null=True,
                        description="OPEN: OPEN\nIN_PROGRESS: IN_PROGRESS\nDONE: DONE\nCANCELLED: CANCELLED",
                        enum_type=FollowUpStatus,
                        max_length=16,
                    ),
                ),
                (
                    "to_status",
                    fields.CharEnumField(
                        description="OPEN: OPEN\nIN_PROGRESS: IN_PROGRESS\nDONE: DONE\nCANCELLED: CANCELLED",
                        enum_type=FollowUpStatus,
                        max_length=16,
                    ),
                ),
                ("note", fields.TextField(default="", unique=False)),
                ("changes", fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
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
                ("at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={
                "table": "survey_follow_up_event",
                "app": "portal",
                "pk_attr": "id",
                "table_description": "One step of an action's history: who changed what, when.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="SurveyToken",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "service",
                    fields.ForeignKeyField(
                        "portal.SurveyService",
                        source_field="service_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="tokens",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("token_hash", fields.CharField(unique=True, max_length=64)),
                (
                    "issued_by",
                    fields.ForeignKeyField(
                        "portal.Employee",
                        source_field="issued_by_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                ("issued_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("expires_at", fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ("used_at", fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={
                "table": "survey_token",
                "app": "portal",
                "pk_attr": "id",
                "table_description": "A one-time survey token handed out at the counter. Only its SHA-256 is stored.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="SurveyResponse",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "service",
                    fields.ForeignKeyField(
                        "portal.SurveyService",
                        source_field="service_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="responses",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                (
                    "unit",
                    fields.ForeignKeyField(
                        "portal.OrgUnit",
                        source_field="unit_id",
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                ("submitted_at", fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ("u1", fields.SmallIntField()),
                ("u2", fields.SmallIntField()),
                ("u3", fields.SmallIntField()),
                ("u4", fields.SmallIntField()),
                ("u5", fields.SmallIntField()),
                ("u6", fields.SmallIntField()),
                ("u7", fields.SmallIntField()),
                ("u8", fields.SmallIntField()),
                ("u9", fields.SmallIntField()),
                (
                    "gender",
                    fields.CharEnumField(
                        null=True,
                        description="MALE: MALE\nFEMALE: FEMALE",
                        enum_type=RespondentGender,
                        max_length=8,
                    ),
                ),
                (
                    "age_band",
                    fields.CharEnumField(
                        null=True,
                        description="UNDER_20: UNDER_20\nAGE_20_29: AGE_20_29\nAGE_30_39: AGE_30_39\nAGE_40_49: AGE_40_49\nAGE_50_59: AGE_50_59\nAGE_60_PLUS: AGE_60_PLUS",
                        enum_type=AgeBand,
                        max_length=16,
                    ),
                ),
                (
                    "education",
                    fields.CharEnumField(
                        null=True,
                        description="SD: SD\nSMP: SMP\nSMA: SMA\nDIPLOMA: DIPLOMA\nS1: S1\nS2: S2\nS3: S3",
                        enum_type=Education,
                        max_length=16,
                    ),
                ),
                (
                    "occupation",
                    fields.CharEnumField(
                        null=True,
                        description="PNS: PNS\nTNI_POLRI: TNI_POLRI\nPEGAWAI_SWASTA: PEGAWAI_SWASTA\nWIRAUSAHA: WIRAUSAHA\nPELAJAR_MAHASISWA: PELAJAR_MAHASISWA\nLAINNYA: LAINNYA",
                        enum_type=Occupation,
                        max_length=24,
                    ),
                ),
                ("suggestion", fields.TextField(default="", unique=False)),
                ("client_hash", fields.CharField(default="", max_length=64)),
                (
                    "token",
                    fields.ForeignKeyField(
                        "portal.SurveyToken",
                        source_field="token_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
            ],
            options={
                "table": "survey_response",
                "app": "portal",
                "indexes": [
                    Index(fields=["service_id", "submitted_at"]),
                    Index(fields=["unit_id", "submitted_at"]),
                ],
                "pk_attr": "id",
                "table_description": "One citizen's answers (U1-U9, each 1-4), optional profile and suggestion.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="FollowUpSource",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "action",
                    fields.ForeignKeyField(
                        "portal.FollowUpAction",
                        source_field="action_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="sources",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "response",
                    fields.ForeignKeyField(
                        "portal.SurveyResponse",
                        source_field="response_id",
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
            ],
            options={
                "table": "survey_follow_up_source",
                "app": "portal",
                "unique_together": (("action", "response"),),
                "pk_attr": "id",
                "table_description": "A response whose feedback led to an action.",
            },
            bases=["Model"],
        ),
        ops.RunPython(_forward, _backward),
    ]
