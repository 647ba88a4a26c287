"""Audit entries. The code has no update or delete path for them."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class AuditEntry(Model):
    """One action by one actor: sign-ins, changes with before and after."""

    id = fields.BigIntField(primary_key=True)
    at = fields.DatetimeField(auto_now_add=True, db_index=True)
    # Plain id, not a foreign key: the trail must outlive the rows it talks about.
    actor_id = fields.IntField(null=True, db_index=True)
    actor_label = fields.CharField(max_length=200, default="")
    action = fields.CharField(max_length=64, db_index=True)
    object_type = fields.CharField(max_length=64, default="")
    object_id = fields.CharField(max_length=64, default="")
    before: dict | None = fields.JSONField(null=True)  # type: ignore[assignment]
    after: dict | None = fields.JSONField(null=True)  # type: ignore[assignment]
    client_ip = fields.CharField(max_length=64, default="")
    request_id = fields.CharField(max_length=64, default="")

    class Meta:
        table = "audit_entry"
        indexes = (("object_type", "object_id"),)
