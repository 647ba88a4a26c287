from orjson import loads
from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise.indexes import Index
from tortoise.migrations import operations as ops

from portal.competencies.models import AssessmentSource, CompetencyGroup
from portal.duties.models import IndicatorAspect, Rating, ResultKind, SkpStatus
from portal.people.models import ActingKind, Role, UnitKind
from portal.people.nip import EmploymentType, Gender
from portal.people.ranks import PositionKind, PositionLevel, Rank
from portal.training.models import (
    EnrollmentStatus,
    PlanItemStatus,
    PlanStatus,
    SessionStatus,
    TrainingMethod,
    TrainingMode,
)


class Migration(migrations.Migration):
    initial = True

    operations = [
        ops.CreateModel(
            name="AuditEntry",
            fields=[
                (
                    "id",
                    fields.BigIntField(
                        generated=True, primary_key=True, unique=True, db_index=True
                    ),
                ),
                ("at", fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=True)),
                ("actor_id", fields.IntField(null=True, db_index=True)),
                ("actor_label", fields.CharField(default="", max_length=200)),
                ("action", fields.CharField(db_index=True, max_length=64)),
                ("object_type", fields.CharField(default="", max_length=64)),
                ("object_id", fields.CharField(default="", max_length=64)),
                ("before", fields.JSONField(null=True, encoder=JSON_DUMPS, decoder=loads)),
                ("after", fields.JSONField(null=True, encoder=JSON_DUMPS, decoder=loads)),
                ("client_ip", fields.CharField(default="", max_length=64)),
                ("request_id", fields.CharField(default="", max_length=64)),
            ],
            options={
                "table": "audit_entry",
                "app": "portal",
                "indexes": [Index(fields=["object_type", "object_id"])],
                "pk_attr": "id",
                "table_description": "One action by one actor: sign-ins, changes with before and after.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="OrgUnit",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                ("code", fields.CharField(unique=True, max_length=32)),
                ("name", fields.CharField(max_length=200)),
                ("short_name", fields.CharField(default="", max_length=60)),
                (
                    "kind",
                    fields.CharEnumField(
                        default=UnitKind.LAINNYA,
                        description="PEMDA: PEMDA\nSETDA: SETDA\nDINAS: DINAS\nBADAN: BADAN\nKANTOR: KANTOR\nRSUD: RSUD\nKECAMATAN: KECAMATAN\nKELURAHAN: KELURAHAN\nPUSKESMAS: PUSKESMAS\nSEKOLAH: SEKOLAH\nBIDANG: BIDANG\nBAGIAN: BAGIAN\nSEKSI: SEKSI\nLAINNYA: LAINNYA",
                        enum_type=UnitKind,
                        max_length=16,
                    ),
                ),
                (
                    "parent",
                    fields.ForeignKeyField(
                        "portal.OrgUnit",
                        source_field="parent_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="children",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                ("path", fields.CharField(default="/", db_index=True, max_length=255)),
                ("active", fields.BooleanField(default=True)),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={
                "table": "org_unit",
                "app": "portal",
                "pk_attr": "id",
                "table_description": "A unit of the regional government (OPD and its sub-units), as a tree.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="Competency",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                ("code", fields.CharField(unique=True, max_length=32)),
                ("name", fields.CharField(max_length=200)),
                (
                    "group",
                    fields.CharEnumField(
                        db_index=True,
                        description="TEKNIS: TEKNIS\nMANAJERIAL: MANAJERIAL\nSOSIAL_KULTURAL: SOSIAL_KULTURAL",
                        enum_type=CompetencyGroup,
                        max_length=16,
                    ),
                ),
                ("description", fields.TextField(default="", unique=False)),
                (
                    "unit",
                    fields.ForeignKeyField(
                        "portal.OrgUnit",
                        source_field="unit_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="competencies",
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                ("active", fields.BooleanField(default=True)),
            ],
            options={
                "table": "competency",
                "app": "portal",
                "pk_attr": "id",
                "table_description": "One competency of the dictionary. Technical ones may belong to an agency.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="CompetencyLevel",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "competency",
                    fields.ForeignKeyField(
                        "portal.Competency",
                        source_field="competency_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="levels",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("level", fields.SmallIntField()),
                ("description", fields.TextField(unique=False)),
                ("indicators", fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
            ],
            options={
                "table": "competency_level",
                "app": "portal",
                "unique_together": (("competency", "level"),),
                "pk_attr": "id",
                "table_description": "What level 1-5 of a competency means, with its behaviour indicators.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="Course",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                ("code", fields.CharField(unique=True, max_length=32)),
                ("title", fields.CharField(max_length=255)),
                ("description", fields.TextField(default="", unique=False)),
                (
                    "mode",
                    fields.CharEnumField(
                        description="KLASIKAL: KLASIKAL\nNON_KLASIKAL: NON_KLASIKAL",
                        enum_type=TrainingMode,
                        max_length=16,
                    ),
                ),
                (
                    "method",
                    fields.CharEnumField(
                        description="PELATIHAN: PELATIHAN\nSEMINAR: SEMINAR\nWORKSHOP: WORKSHOP\nE_LEARNING: E_LEARNING\nCOACHING: COACHING\nMENTORING: MENTORING\nMAGANG: MAGANG\nBENCHMARKING: BENCHMARKING\nPERTUKARAN: PERTUKARAN\nBELAJAR_MANDIRI: BELAJAR_MANDIRI",
                        enum_type=TrainingMethod,
                        max_length=24,
                    ),
                ),
                ("jp", fields.SmallIntField()),
                ("organiser", fields.CharField(max_length=200)),
                (
                    "eligible_kinds",
                    fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads),
                ),
                ("requires_hr_verification", fields.BooleanField(default=False)),
                (
                    "approval_steps",
                    fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads),
                ),
                (
                    "eligible_units",
                    fields.ManyToManyField(
                        "portal.OrgUnit",
                        unique=True,
                        db_constraint=True,
                        through="course_unit",
                        forward_key="orgunit_id",
                        backward_key="course_id",
                        related_name="eligible_courses",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("active", fields.BooleanField(default=True)),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={
                "table": "course",
                "app": "portal",
                "pk_attr": "id",
                "table_description": "A training course of the catalog.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="CourseCompetency",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "course",
                    fields.ForeignKeyField(
                        "portal.Course",
                        source_field="course_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="competencies",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "competency",
                    fields.ForeignKeyField(
                        "portal.Competency",
                        source_field="competency_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="courses",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                ("target_level", fields.SmallIntField()),
            ],
            options={
                "table": "course_competency",
                "app": "portal",
                "unique_together": (("course", "competency"),),
                "pk_attr": "id",
                "table_description": "A competency a course develops, and the level it leads to.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="Position",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                ("code", fields.CharField(unique=True, max_length=48)),
                ("name", fields.CharField(max_length=200)),
                (
                    "kind",
                    fields.CharEnumField(
                        description="JPT: JPT\nADMINISTRASI: ADMINISTRASI\nFUNGSIONAL: FUNGSIONAL",
                        enum_type=PositionKind,
                        max_length=16,
                    ),
                ),
                (
                    "level",
                    fields.CharEnumField(
                        description="JPT_UTAMA: JPT_UTAMA\nJPT_MADYA: JPT_MADYA\nJPT_PRATAMA: JPT_PRATAMA\nADMINISTRATOR: ADMINISTRATOR\nPENGAWAS: PENGAWAS\nPELAKSANA: PELAKSANA\nAHLI_UTAMA: AHLI_UTAMA\nAHLI_MADYA: AHLI_MADYA\nAHLI_MUDA: AHLI_MUDA\nAHLI_PERTAMA: AHLI_PERTAMA\nPENYELIA: PENYELIA\nMAHIR: MAHIR\nTERAMPIL: TERAMPIL\nPEMULA: PEMULA",
                        enum_type=PositionLevel,
                        max_length=16,
                    ),
                ),
                (
                    "unit",
                    fields.ForeignKeyField(
                        "portal.OrgUnit",
                        source_field="unit_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="positions",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                (
                    "parent",
                    fields.ForeignKeyField(
                        "portal.Position",
                        source_field="parent_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="children",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                ("grade_class", fields.SmallIntField(default=1)),
                ("effective_minutes", fields.IntField(default=75000)),
                ("active", fields.BooleanField(default=True)),
            ],
            options={
                "table": "position",
                "app": "portal",
                "pk_attr": "id",
                "table_description": "A position (jabatan) in a unit. ``parent`` is the position that supervises it.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="Employee",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                ("nip", fields.CharField(unique=True, max_length=18)),
                ("name", fields.CharField(max_length=150)),
                ("front_title", fields.CharField(default="", max_length=40)),
                ("back_title", fields.CharField(default="", max_length=60)),
                (
                    "employment_type",
                    fields.CharEnumField(
                        description="PNS: PNS\nPPPK: PPPK", enum_type=EmploymentType, max_length=8
                    ),
                ),
                (
                    "gender",
                    fields.CharEnumField(
                        description="MALE: MALE\nFEMALE: FEMALE", enum_type=Gender, max_length=8
                    ),
                ),
                ("birth_date", fields.DateField()),
                (
                    "rank",
                    fields.CharEnumField(
                        description="I_A: I_A\nI_B: I_B\nI_C: I_C\nI_D: I_D\nII_A: II_A\nII_B: II_B\nII_C: II_C\nII_D: II_D\nIII_A: III_A\nIII_B: III_B\nIII_C: III_C\nIII_D: III_D\nIV_A: IV_A\nIV_B: IV_B\nIV_C: IV_C\nIV_D: IV_D\nIV_E: IV_E\nPPPK_I: PPPK_I\nPPPK_II: PPPK_II\nPPPK_III: PPPK_III\nPPPK_IV: PPPK_IV\nPPPK_V: PPPK_V\nPPPK_VI: PPPK_VI\nPPPK_VII: PPPK_VII\nPPPK_VIII: PPPK_VIII\nPPPK_IX: PPPK_IX\nPPPK_X: PPPK_X\nPPPK_XI: PPPK_XI\nPPPK_XII: PPPK_XII\nPPPK_XIII: PPPK_XIII\nPPPK_XIV: PPPK_XIV\nPPPK_XV: PPPK_XV\nPPPK_XVI: PPPK_XVI\nPPPK_XVII: PPPK_XVII",
                        enum_type=Rank,
                        max_length=16,
                    ),
                ),
                (
                    "position",
                    fields.ForeignKeyField(
                        "portal.Position",
                        source_field="position_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="holders",
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
                        related_name="employees",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                ("email", fields.CharField(null=True, unique=True, max_length=254)),
                ("phone", fields.CharField(default="", max_length=32)),
                ("sso_subject", fields.CharField(null=True, unique=True, max_length=255)),
                ("active", fields.BooleanField(default=True, db_index=True)),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={
                "table": "employee",
                "app": "portal",
                "pk_attr": "id",
                "table_description": "A civil servant (PNS or PPPK).",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="ActingAppointment",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "position",
                    fields.ForeignKeyField(
                        "portal.Position",
                        source_field="position_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="acting_appointments",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "employee",
                    fields.ForeignKeyField(
                        "portal.Employee",
                        source_field="employee_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="acting_appointments",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "kind",
                    fields.CharEnumField(
                        description="PLT: PLT\nPLH: PLH", enum_type=ActingKind, max_length=8
                    ),
                ),
                ("starts_on", fields.DateField()),
                ("ends_on", fields.DateField()),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={
                "table": "acting_appointment",
                "app": "portal",
                "pk_attr": "id",
                "table_description": "Plt/Plh: ``employee`` exercises the supervisor rights of ``position`` for a date range.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="Assessment",
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
                        related_name="assessments",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "competency",
                    fields.ForeignKeyField(
                        "portal.Competency",
                        source_field="competency_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="assessments",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                ("level", fields.SmallIntField()),
                ("assessed_on", fields.DateField()),
                (
                    "source",
                    fields.CharEnumField(
                        description="ASSESSMENT_CENTER: ASSESSMENT_CENTER\nSUPERVISOR: SUPERVISOR\nSELF: SELF\nTEST: TEST\nIMPORT: IMPORT",
                        enum_type=AssessmentSource,
                        max_length=24,
                    ),
                ),
                ("evidence", fields.TextField(default="", unique=False)),
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
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={
                "table": "assessment",
                "app": "portal",
                "indexes": [Index(fields=["employee_id", "competency_id", "assessed_on"])],
                "pk_attr": "id",
                "table_description": "An assessed level of an employee in a competency. The latest per competency counts.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="PositionDuty",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "position",
                    fields.ForeignKeyField(
                        "portal.Position",
                        source_field="position_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="duties",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("description", fields.TextField(unique=False)),
                ("sort_order", fields.SmallIntField(default=0)),
            ],
            options={
                "table": "position_duty",
                "app": "portal",
                "pk_attr": "id",
                "table_description": "A duty in a position's job description, shown to whoever holds it.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="PositionRequirement",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "position",
                    fields.ForeignKeyField(
                        "portal.Position",
                        source_field="position_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="requirements",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "competency",
                    fields.ForeignKeyField(
                        "portal.Competency",
                        source_field="competency_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="requirements",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                ("level", fields.SmallIntField()),
            ],
            options={
                "table": "position_requirement",
                "app": "portal",
                "unique_together": (("position", "competency"),),
                "pk_attr": "id",
                "table_description": "The level a position requires in a competency.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="PositionWorkload",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "position",
                    fields.ForeignKeyField(
                        "portal.Position",
                        source_field="position_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="workloads",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("activity", fields.CharField(max_length=255)),
                ("output_unit", fields.CharField(default="dokumen", max_length=60)),
                ("yearly_volume", fields.DecimalField(max_digits=12, decimal_places=2)),
                ("standard_minutes", fields.DecimalField(max_digits=10, decimal_places=2)),
            ],
            options={
                "table": "position_workload",
                "app": "portal",
                "pk_attr": "id",
                "table_description": "One activity of a position's workload analysis (ABK): yearly volume x standard time.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="RoleGrant",
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
                        related_name="role_grants",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "role",
                    fields.CharEnumField(
                        description="HR: HR\nUNIT_HEAD: UNIT_HEAD", enum_type=Role, max_length=16
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
                        related_name="role_grants",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "granted_by",
                    fields.ForeignKeyField(
                        "portal.Employee",
                        source_field="granted_by_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                ("granted_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={
                "table": "role_grant",
                "app": "portal",
                "unique_together": (("employee", "role", "unit"),),
                "pk_attr": "id",
                "table_description": "A role HR granted to an employee, optionally scoped to a unit (unit heads).",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="Skp",
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
                        related_name="skps",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("year", fields.SmallIntField()),
                ("starts_on", fields.DateField()),
                ("ends_on", fields.DateField()),
                (
                    "status",
                    fields.CharEnumField(
                        default=SkpStatus.DRAFT,
                        description="DRAFT: DRAFT\nAGREED: AGREED\nEVALUATED: EVALUATED",
                        enum_type=SkpStatus,
                        max_length=16,
                    ),
                ),
                (
                    "appraiser",
                    fields.ForeignKeyField(
                        "portal.Employee",
                        source_field="appraiser_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                ("agreed_at", fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                (
                    "result_rating",
                    fields.CharEnumField(
                        null=True,
                        description="ABOVE: ABOVE\nAS_EXPECTED: AS_EXPECTED\nBELOW: BELOW",
                        enum_type=Rating,
                        max_length=16,
                    ),
                ),
                (
                    "behaviour_rating",
                    fields.CharEnumField(
                        null=True,
                        description="ABOVE: ABOVE\nAS_EXPECTED: AS_EXPECTED\nBELOW: BELOW",
                        enum_type=Rating,
                        max_length=16,
                    ),
                ),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={
                "table": "skp",
                "app": "portal",
                "unique_together": (("employee", "year"),),
                "pk_attr": "id",
                "table_description": "An employee's performance plan (Sasaran Kinerja Pegawai) for one year.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="SkpResult",
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
                        related_name="results",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "kind",
                    fields.CharEnumField(
                        description="UTAMA: UTAMA\nTAMBAHAN: TAMBAHAN",
                        enum_type=ResultKind,
                        max_length=16,
                    ),
                ),
                ("description", fields.TextField(unique=False)),
                (
                    "parent",
                    fields.ForeignKeyField(
                        "portal.SkpResult",
                        source_field="parent_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="cascaded",
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                (
                    "assigned_by",
                    fields.ForeignKeyField(
                        "portal.Employee",
                        source_field="assigned_by_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                ("sort_order", fields.SmallIntField(default=0)),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={
                "table": "skp_result",
                "app": "portal",
                "pk_attr": "id",
                "table_description": "A planned work result (RHK), cascaded from one of the supervisor's results.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="SkpIndicator",
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
                        related_name="indicators",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "aspect",
                    fields.CharEnumField(
                        description="QUANTITY: QUANTITY\nQUALITY: QUALITY\nTIME: TIME\nQUALITATIVE: QUALITATIVE",
                        enum_type=IndicatorAspect,
                        max_length=16,
                    ),
                ),
                ("description", fields.TextField(unique=False)),
                ("target_value", fields.DecimalField(null=True, max_digits=12, decimal_places=2)),
                ("target_text", fields.CharField(default="", max_length=255)),
                ("unit_label", fields.CharField(default="", max_length=60)),
            ],
            options={
                "table": "skp_indicator",
                "app": "portal",
                "pk_attr": "id",
                "table_description": "An indicator of a work result, with its yearly target.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="SkpRealisation",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "indicator",
                    fields.ForeignKeyField(
                        "portal.SkpIndicator",
                        source_field="indicator_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="realisations",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("period", fields.SmallIntField()),
                ("value", fields.DecimalField(null=True, max_digits=12, decimal_places=2)),
                ("note", fields.TextField(default="", unique=False)),
                ("evidence_url", fields.CharField(default="", max_length=500)),
                (
                    "reported_by",
                    fields.ForeignKeyField(
                        "portal.Employee",
                        source_field="reported_by_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                ("reported_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={
                "table": "skp_realisation",
                "app": "portal",
                "unique_together": (("indicator", "period"),),
                "pk_attr": "id",
                "table_description": "What the employee reports against an indicator for a period (quarter 1-4).",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="TrainingPlan",
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
                        related_name="training_plans",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("year", fields.SmallIntField()),
                (
                    "status",
                    fields.CharEnumField(
                        default=PlanStatus.DRAFT,
                        description="DRAFT: DRAFT\nPROPOSED: PROPOSED\nAGREED: AGREED",
                        enum_type=PlanStatus,
                        max_length=16,
                    ),
                ),
                (
                    "agreed_by",
                    fields.ForeignKeyField(
                        "portal.Employee",
                        source_field="agreed_by_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                ("agreed_at", fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={
                "table": "training_plan",
                "app": "portal",
                "unique_together": (("employee", "year"),),
                "pk_attr": "id",
                "table_description": "An employee's development plan for one year.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="TrainingPlanItem",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "plan",
                    fields.ForeignKeyField(
                        "portal.TrainingPlan",
                        source_field="plan_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="items",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "competency",
                    fields.ForeignKeyField(
                        "portal.Competency",
                        source_field="competency_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                (
                    "course",
                    fields.ForeignKeyField(
                        "portal.Course",
                        source_field="course_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="plan_items",
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                ("title", fields.CharField(max_length=255)),
                (
                    "method",
                    fields.CharEnumField(
                        description="PELATIHAN: PELATIHAN\nSEMINAR: SEMINAR\nWORKSHOP: WORKSHOP\nE_LEARNING: E_LEARNING\nCOACHING: COACHING\nMENTORING: MENTORING\nMAGANG: MAGANG\nBENCHMARKING: BENCHMARKING\nPERTUKARAN: PERTUKARAN\nBELAJAR_MANDIRI: BELAJAR_MANDIRI",
                        enum_type=TrainingMethod,
                        max_length=24,
                    ),
                ),
                ("planned_jp", fields.SmallIntField()),
                (
                    "status",
                    fields.CharEnumField(
                        default=PlanItemStatus.PROPOSED,
                        description="PROPOSED: PROPOSED\nAGREED: AGREED\nCOMPLETED: COMPLETED\nDROPPED: DROPPED",
                        enum_type=PlanItemStatus,
                        max_length=16,
                    ),
                ),
                (
                    "proposed_by",
                    fields.ForeignKeyField(
                        "portal.Employee",
                        source_field="proposed_by_id",
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
                "table": "training_plan_item",
                "app": "portal",
                "pk_attr": "id",
                "table_description": "One planned activity: closes a gap through a course or another activity.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="TrainingSession",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "course",
                    fields.ForeignKeyField(
                        "portal.Course",
                        source_field="course_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="sessions",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                ("starts_on", fields.DateField(db_index=True)),
                ("ends_on", fields.DateField()),
                ("enrollment_deadline", fields.DateField()),
                ("place", fields.CharField(default="", max_length=255)),
                ("online_url", fields.CharField(default="", max_length=500)),
                ("capacity", fields.IntField()),
                ("seats_taken", fields.IntField(default=0)),
                (
                    "status",
                    fields.CharEnumField(
                        default=SessionStatus.OPEN,
                        description="OPEN: OPEN\nCLOSED: CLOSED\nCANCELLED: CANCELLED\nFINISHED: FINISHED",
                        enum_type=SessionStatus,
                        max_length=16,
                    ),
                ),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={
                "table": "training_session",
                "app": "portal",
                "pk_attr": "id",
                "table_description": "A scheduled run of a course with a fixed number of seats.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="Enrollment",
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
                        related_name="enrollments",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                (
                    "session",
                    fields.ForeignKeyField(
                        "portal.TrainingSession",
                        source_field="session_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="enrollments",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                (
                    "plan_item",
                    fields.ForeignKeyField(
                        "portal.TrainingPlanItem",
                        source_field="plan_item_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="enrollments",
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                (
                    "status",
                    fields.CharEnumField(
                        db_index=True,
                        description="REQUESTED: REQUESTED\nWAITLISTED: WAITLISTED\nENROLLED: ENROLLED\nREJECTED: REJECTED\nCANCELLED: CANCELLED\nATTENDED: ATTENDED\nCOMPLETED: COMPLETED\nNO_SHOW: NO_SHOW",
                        enum_type=EnrollmentStatus,
                        max_length=16,
                    ),
                ),
                ("reason", fields.TextField(default="", unique=False)),
                ("approval_step", fields.SmallIntField(default=0)),
                (
                    "requested_by",
                    fields.ForeignKeyField(
                        "portal.Employee",
                        source_field="requested_by_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                ("requested_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("decided_at", fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                (
                    "waitlisted_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
                (
                    "completed_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
                ("jp_credited", fields.SmallIntField(default=0)),
                ("version", fields.IntField(default=1)),
            ],
            options={
                "table": "enrollment",
                "app": "portal",
                "indexes": [
                    Index(fields=["session_id", "status"]),
                    Index(fields=["employee_id", "status"]),
                ],
                "pk_attr": "id",
                "table_description": "A request for, and then the holding of, a seat in a session.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="EnrollmentEvent",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "enrollment",
                    fields.ForeignKeyField(
                        "portal.Enrollment",
                        source_field="enrollment_id",
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
                        description="REQUESTED: REQUESTED\nWAITLISTED: WAITLISTED\nENROLLED: ENROLLED\nREJECTED: REJECTED\nCANCELLED: CANCELLED\nATTENDED: ATTENDED\nCOMPLETED: COMPLETED\nNO_SHOW: NO_SHOW",
                        enum_type=EnrollmentStatus,
                        max_length=16,
                    ),
                ),
                (
                    "to_status",
                    fields.CharEnumField(
                        description="REQUESTED: REQUESTED\nWAITLISTED: WAITLISTED\nENROLLED: ENROLLED\nREJECTED: REJECTED\nCANCELLED: CANCELLED\nATTENDED: ATTENDED\nCOMPLETED: COMPLETED\nNO_SHOW: NO_SHOW",
                        enum_type=EnrollmentStatus,
                        max_length=16,
                    ),
                ),
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
                "table": "enrollment_event",
                "app": "portal",
                "pk_attr": "id",
                "table_description": "One transition of an enrollment: who moved it from which state to which, and why.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="TrainingRecord",
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
                        related_name="training_records",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "enrollment",
                    fields.ForeignKeyField(
                        "portal.Enrollment",
                        source_field="enrollment_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="records",
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                ("title", fields.CharField(max_length=255)),
                (
                    "method",
                    fields.CharEnumField(
                        description="PELATIHAN: PELATIHAN\nSEMINAR: SEMINAR\nWORKSHOP: WORKSHOP\nE_LEARNING: E_LEARNING\nCOACHING: COACHING\nMENTORING: MENTORING\nMAGANG: MAGANG\nBENCHMARKING: BENCHMARKING\nPERTUKARAN: PERTUKARAN\nBELAJAR_MANDIRI: BELAJAR_MANDIRI",
                        enum_type=TrainingMethod,
                        max_length=24,
                    ),
                ),
                ("organiser", fields.CharField(max_length=200)),
                ("jp", fields.SmallIntField()),
                ("year", fields.SmallIntField()),
                ("completed_on", fields.DateField()),
                ("certificate_number", fields.CharField(default="", max_length=100)),
            ],
            options={
                "table": "training_record",
                "app": "portal",
                "indexes": [Index(fields=["employee_id", "year"])],
                "pk_attr": "id",
                "table_description": "Completed development hours, in the shape of SIASN's training history.",
            },
            bases=["Model"],
        ),
    ]
