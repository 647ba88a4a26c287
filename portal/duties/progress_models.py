"""SKP workflow records: action plans, periodic reviews (ratings and feedback) and the history."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from portal.duties.models import Rating, Skp, SkpResult
from portal.people.models import Employee


class SkpActionPlan(Model):
    """A planned action (rencana aksi) towards a result in one period (quarter 1-4)."""

    id = fields.IntField(primary_key=True)
    result: fields.ForeignKeyRelation[SkpResult] = fields.ForeignKeyField(
        "portal.SkpResult", related_name="action_plans", on_delete=fields.CASCADE
    )
    period = fields.SmallIntField()
    description = fields.TextField()
    created_by: fields.ForeignKeyNullableRelation[Employee] = fields.ForeignKeyField(
        "portal.Employee", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "skp_action_plan"


class SkpReview(Model):
    """The supervisor's rating and feedback for a period (1-4), or the year (0)."""

    id = fields.IntField(primary_key=True)
    skp: fields.ForeignKeyRelation[Skp] = fields.ForeignKeyField(
        "portal.Skp", related_name="reviews", on_delete=fields.CASCADE
    )
    period = fields.SmallIntField()
    result_rating = fields.CharEnumField(Rating, max_length=16)
    behaviour_rating = fields.CharEnumField(Rating, max_length=16)
    predikat = fields.CharField(max_length=32)
    feedback = fields.TextField(default="")
    reviewer: fields.ForeignKeyNullableRelation[Employee] = fields.ForeignKeyField(
        "portal.Employee", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    reviewed_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "skp_review"
        unique_together = (("skp", "period"),)


class SkpEvent(Model):
    """One step of an SKP's history: who did what, when."""

    id = fields.IntField(primary_key=True)
    skp: fields.ForeignKeyRelation[Skp] = fields.ForeignKeyField(
        "portal.Skp", related_name="events", on_delete=fields.CASCADE
    )
    action = fields.CharField(max_length=40)
    actor: fields.ForeignKeyNullableRelation[Employee] = fields.ForeignKeyField(
        "portal.Employee", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    note = fields.TextField(default="")
    at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "skp_event"
