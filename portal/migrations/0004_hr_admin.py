from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.indexes import Index
from tortoise.migrations import operations as ops

from portal.people.models import ChangeKind
from portal.people.ranks import Rank


class Migration(migrations.Migration):
    dependencies = [("portal", "0003_enrollment_support")]

    initial = False

    operations = [
        ops.CreateModel(
            name="EmploymentHistory",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "employee",
                    fields.ForeignKeyField(
                        "portal.Employee",
                        source_field="employee_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="employment_history",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "kind",
                    fields.CharEnumField(
                        description="HIRE: HIRE\nTRANSFER: TRANSFER\nPROMOTION: PROMOTION\nDEMOTION: DEMOTION\nDEACTIVATION: DEACTIVATION\nREACTIVATION: REACTIVATION",
                        enum_type=ChangeKind,
                        max_length=16,
                    ),
                ),
                ("effective_on", fields.DateField()),
                (
                    "position",
                    fields.ForeignKeyField(
                        "portal.Position",
                        source_field="position_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                (
                    "unit",
                    fields.ForeignKeyField(
                        "portal.OrgUnit",
                        source_field="unit_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                (
                    "rank",
                    fields.CharEnumField(
                        null=True,
                        description="I_A: I_A\nI_B: I_B\nI_C: I_C\nI_D: I_D\nII_A: II_A\nII_B: II_B\nII_C: II_C\nII_D: II_D\nIII_A: III_A\nIII_B: III_B\nIII_C: III_C\nIII_D: III_D\nIV_A: IV_A\nIV_B: IV_B\nIV_C: IV_C\nIV_D: IV_D\nIV_E: IV_E\nPPPK_I: PPPK_I\nPPPK_II: PPPK_II\nPPPK_III: PPPK_III\nPPPK_IV: PPPK_IV\nPPPK_V: PPPK_V\nPPPK_VI: PPPK_VI\nPPPK_VII: PPPK_VII\nPPPK_VIII: PPPK_VIII\nPPPK_IX: PPPK_IX\nPPPK_X: PPPK_X\nPPPK_XI: PPPK_XI\nPPPK_XII: PPPK_XII\nPPPK_XIII: PPPK_XIII\nPPPK_XIV: PPPK_XIV\nPPPK_XV: PPPK_XV\nPPPK_XVI: PPPK_XVI\nPPPK_XVII: PPPK_XVII",
                        enum_type=Rank,
                        max_length=16,
                    ),
                ),
                ("active", fields.BooleanField(default=True)),
                (
                    "previous_position",
                    fields.ForeignKeyField(
                        "portal.Position",
                        source_field="previous_position_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                (
                    "previous_unit",
                    fields.ForeignKeyField(
                        "portal.OrgUnit",
                        source_field="previous_unit_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                (
                    "previous_rank",
                    fields.CharEnumField(
                        null=True,
                        description="I_A: I_A\nI_B: I_B\nI_C: I_C\nI_D: I_D\nII_A: II_A\nII_B: II_B\nII_C: II_C\nII_D: II_D\nIII_A: III_A\nIII_B: III_B\nIII_C: III_C\nIII_D: III_D\nIV_A: IV_A\nIV_B: IV_B\nIV_C: IV_C\nIV_D: IV_D\nIV_E: IV_E\nPPPK_I: PPPK_I\nPPPK_II: PPPK_II\nPPPK_III: PPPK_III\nPPPK_IV: PPPK_IV\nPPPK_V: PPPK_V\nPPPK_VI: PPPK_VI\nPPPK_VII: PPPK_VII\nPPPK_VIII: PPPK_VIII\nPPPK_IX: PPPK_IX\nPPPK_X: PPPK_X\nPPPK_XI: PPPK_XI\nPPPK_XII: PPPK_XII\nPPPK_XIII: PPPK_XIII\nPPPK_XIV: PPPK_XIV\nPPPK_XV: PPPK_XV\nPPPK_XVI: PPPK_XVI\nPPPK_XVII: PPPK_XVII",
                        enum_type=Rank,
                        max_length=16,
                    ),
                ),
                ("decree_number", fields.CharField(default="", max_length=100)),
                ("note", fields.TextField(default="", unique=False)),
                (
                    "recorded_by",
                    fields.ForeignKeyField(
                        "portal.Employee",
                        source_field="recorded_by_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                ("recorded_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={
                "table": "employment_history",
                "app": "portal",
                "indexes": [Index(fields=["employee_id", "effective_on"])],
                "pk_attr": "id",
                "table_description": "One change of an employee's employment (hire, transfer, rank, status) with its TMT.",
            },
            bases=["Model"],
        ),
        ops.AddField(
            model_name="OrgUnit",
            name="closed_on",
            field=fields.DateField(null=True),
        ),
        ops.AddField(
            model_name="Position",
            name="closed_on",
            field=fields.DateField(null=True),
        ),
    ]
