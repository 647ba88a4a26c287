"""Competency dictionary (PermenPANRB 38/2017), required and assessed levels."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from portal.people.models import Employee, OrgUnit, Position


class CompetencyGroup(StrEnum):
    TEKNIS = "TEKNIS"
    MANAJERIAL = "MANAJERIAL"
    SOSIAL_KULTURAL = "SOSIAL_KULTURAL"


class AssessmentSource(StrEnum):
    ASSESSMENT_CENTER = "ASSESSMENT_CENTER"
    SUPERVISOR = "SUPERVISOR"
    SELF = "SELF"
    TEST = "TEST"
    IMPORT = "IMPORT"


class Competency(Model):
    """One competency of the dictionary. Technical ones may belong to an agency."""

    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=32, unique=True)
    name = fields.CharField(max_length=200)
    group = fields.CharEnumField(CompetencyGroup, max_length=16, db_index=True)
    description = fields.TextField(default="")
    unit: fields.ForeignKeyNullableRelation[OrgUnit] = fields.ForeignKeyField(
        "portal.OrgUnit", related_name="competencies", null=True, on_delete=fields.SET_NULL
    )
    active = fields.BooleanField(default=True)

    class Meta:
        table = "competency"


class CompetencyLevel(Model):
    """What level 1-5 of a competency means, with its behaviour indicators."""

    id = fields.IntField(primary_key=True)
    competency: fields.ForeignKeyRelation[Competency] = fields.ForeignKeyField(
        "portal.Competency", related_name="levels", on_delete=fields.CASCADE
    )
    level = fields.SmallIntField()
    description = fields.TextField()
    indicators: list[str] = fields.JSONField(default=list)  # type: ignore[assignment]

    class Meta:
        table = "competency_level"
        unique_together = (("competency", "level"),)


class PositionRequirement(Model):
    """The level a position requires in a competency."""

    id = fields.IntField(primary_key=True)
    position: fields.ForeignKeyRelation[Position] = fields.ForeignKeyField(
        "portal.Position", related_name="requirements", on_delete=fields.CASCADE
    )
    competency: fields.ForeignKeyRelation[Competency] = fields.ForeignKeyField(
        "portal.Competency", related_name="requirements", on_delete=fields.RESTRICT
    )
    level = fields.SmallIntField()

    class Meta:
        table = "position_requirement"
        unique_together = (("position", "competency"),)


class Assessment(Model):
    """An assessed level of an employee in a competency. The latest per competency counts."""

    id = fields.IntField(primary_key=True)
    employee: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "portal.Employee", related_name="assessments", on_delete=fields.CASCADE
    )
    competency: fields.ForeignKeyRelation[Competency] = fields.ForeignKeyField(
        "portal.Competency", related_name="assessments", on_delete=fields.RESTRICT
    )
    level = fields.SmallIntField()
    assessed_on = fields.DateField()
    source = fields.CharEnumField(AssessmentSource, max_length=24)
    evidence = fields.TextField(default="")
    recorded_by: fields.ForeignKeyNullableRelation[Employee] = fields.ForeignKeyField(
        "portal.Employee", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "assessment"
        indexes = (("employee_id", "competency_id", "assessed_on"),)
