"""A notification for one person."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from portal.people.models import Employee


class Notification(Model):
    """Something a person should know: shown in the list until read."""

    id = fields.BigIntField(primary_key=True)
    recipient: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "portal.Employee", related_name="notifications", on_delete=fields.CASCADE
    )
    kind = fields.CharField(max_length=48)
    title = fields.CharField(max_length=200)
    body = fields.TextField(default="")
    # Global-id-free references (type -> pk) so the web app can link to the object.
    refs: dict = fields.JSONField(default=dict)  # type: ignore[assignment]
    created_at = fields.DatetimeField(auto_now_add=True)
    read_at = fields.DatetimeField(null=True)

    class Meta:
        table = "notification"
        indexes = (("recipient_id", "read_at"),)
