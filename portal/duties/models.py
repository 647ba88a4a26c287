"""Position duties (uraian tugas) and SKP: work results (RHK), indicators, realisations."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from portal.people.models import Employee, Position


class SkpStatus(StrEnum):
    DRAFT = "DRAFT"
    AGREED = "AGREED"
    EVALUATED = "EVALUATED"


class ResultKind(StrEnum):
    UTAMA = "UTAMA"
    TAMBAHAN = "TAMBAHAN"


class IndicatorAspect(StrEnum):
    QUANTITY = "QUANTITY"
    QUALITY = "QUALITY"
    TIME = "TIME"
    QUALITATIVE = "QUALITATIVE"


class Rating(StrEnum):
    ABOVE = "ABOVE"  # di atas ekspektasi
    AS_EXPECTED = "AS_EXPECTED"  # sesuai ekspektasi
    BELOW = "BELOW"  # di bawah ekspektasi


class PositionDuty(Model):
    """A duty in a position's job description, shown to whoever holds it."""

    id = fields.IntField(primary_key=True)
    position: fields.ForeignKeyRelation[Position] = fields.ForeignKeyField(
        "portal.Position", related_name="duties", on_delete=fields.CASCADE
    )
    description = fields.TextField()
    sort_order = fields.SmallIntField(default=0)

    class Meta:
        table = "position_duty"


class Skp(Model):
    """An employee's performance plan (Sasaran Kinerja Pegawai) for one year."""

    id = fields.IntField(primary_key=True)
    employee: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "portal.Employee", related_name="skps", on_delete=fields.CASCADE
    )
    year = fields.SmallIntField()
    starts_on = fields.DateField()
    ends_on = fields.DateField()
    status = fields.CharEnumField(SkpStatus, max_length=16, default=SkpStatus.DRAFT)
    appraiser: fields.ForeignKeyNullableRelation[Employee] = fields.ForeignKeyField(
        "portal.Employee", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    agreed_at = fields.DatetimeField(null=True)
    result_rating = fields.CharEnumField(Rating, max_length=16, null=True)
    behaviour_rating = fields.CharEnumField(Rating, max_length=16, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "skp"
        unique_together = (("employee", "year"),)


class SkpResult(Model):
    """A planned work result (RHK), cascaded from one of the supervisor's results."""

    id = fields.IntField(primary_key=True)
    skp: fields.ForeignKeyRelation[Skp] = fields.ForeignKeyField(
        "portal.Skp", related_name="results", on_delete=fields.CASCADE
    )
    kind = fields.CharEnumField(ResultKind, max_length=16)
    description = fields.TextField()
    parent: fields.ForeignKeyNullableRelation[SkpResult] = fields.ForeignKeyField(
        "portal.SkpResult", related_name="cascaded", null=True, on_delete=fields.SET_NULL
    )
    assigned_by: fields.ForeignKeyNullableRelation[Employee] = fields.ForeignKeyField(
        "portal.Employee", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    sort_order = fields.SmallIntField(default=0)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "skp_result"


class SkpIndicator(Model):
    """An indicator of a work result, with its yearly target."""

    id = fields.IntField(primary_key=True)
    result: fields.ForeignKeyRelation[SkpResult] = fields.ForeignKeyField(
        "portal.SkpResult", related_name="indicators", on_delete=fields.CASCADE
    )
    aspect = fields.CharEnumField(IndicatorAspect, max_length=16)
    description = fields.TextField()
    target_value = fields.DecimalField(max_digits=12, decimal_places=2, null=True)
    target_text = fields.CharField(max_length=255, default="")
    unit_label = fields.CharField(max_length=60, default="")

    class Meta:
        table = "skp_indicator"


class SkpRealisation(Model):
    """What the employee reports against an indicator for a period (quarter 1-4)."""

    id = fields.IntField(primary_key=True)
    indicator: fields.ForeignKeyRelation[SkpIndicator] = fields.ForeignKeyField(
        "portal.SkpIndicator", related_name="realisations", on_delete=fields.CASCADE
    )
    period = fields.SmallIntField()
    value = fields.DecimalField(max_digits=12, decimal_places=2, null=True)
    note = fields.TextField(default="")
    evidence_url = fields.CharField(max_length=500, default="")
    reported_by: fields.ForeignKeyNullableRelation[Employee] = fields.ForeignKeyField(
        "portal.Employee", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    reported_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "skp_realisation"
        unique_together = (("indicator", "period"),)
