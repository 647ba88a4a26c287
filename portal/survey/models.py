"""Public satisfaction survey (SKM, PermenPANRB 14/2017): services, responses, tokens, follow-up.

A response keeps its nine answers as nine small integer columns (``u1`` .. ``u9``) rather than a
child table: IKM is a handful of ``SUM``/``COUNT`` over one indexed range scan, at millions of
rows. The answers are 1-4, enforced by the database too (migration 0006).
"""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from portal.people.models import Employee, OrgUnit

ELEMENT_COLUMNS = ("u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9")


class RespondentGender(StrEnum):
    MALE = "MALE"
    FEMALE = "FEMALE"


class AgeBand(StrEnum):
    UNDER_20 = "UNDER_20"
    AGE_20_29 = "AGE_20_29"
    AGE_30_39 = "AGE_30_39"
    AGE_40_49 = "AGE_40_49"
    AGE_50_59 = "AGE_50_59"
    AGE_60_PLUS = "AGE_60_PLUS"


class Education(StrEnum):
    SD = "SD"
    SMP = "SMP"
    SMA = "SMA"
    DIPLOMA = "DIPLOMA"
    S1 = "S1"
    S2 = "S2"
    S3 = "S3"


class Occupation(StrEnum):
    PNS = "PNS"
    TNI_POLRI = "TNI_POLRI"
    PEGAWAI_SWASTA = "PEGAWAI_SWASTA"
    WIRAUSAHA = "WIRAUSAHA"
    PELAJAR_MAHASISWA = "PELAJAR_MAHASISWA"
    LAINNYA = "LAINNYA"


class FollowUpStatus(StrEnum):
    OPEN = "OPEN"
    IN_PROGRESS = "IN_PROGRESS"
    DONE = "DONE"
    CANCELLED = "CANCELLED"


class SurveyService(Model):
    """A service of a unit that citizens rate (e.g. Perekaman KTP-el at Disdukcapil)."""

    id = fields.IntField(primary_key=True)
    unit: fields.ForeignKeyRelation[OrgUnit] = fields.ForeignKeyField(
        "portal.OrgUnit", related_name="survey_services", on_delete=fields.RESTRICT
    )
    name = fields.CharField(max_length=200)
    # The public code in the survey link and QR code (lower-case letters, digits, dashes).
    code = fields.CharField(max_length=40, unique=True)
    active = fields.BooleanField(default=True)
    requires_token = fields.BooleanField(default=False)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "survey_service"


class SurveyToken(Model):
    """A one-time survey token handed out at the counter. Only its SHA-256 is stored."""

    id = fields.IntField(primary_key=True)
    service: fields.ForeignKeyRelation[SurveyService] = fields.ForeignKeyField(
        "portal.SurveyService", related_name="tokens", on_delete=fields.CASCADE
    )
    token_hash = fields.CharField(max_length=64, unique=True)
    issued_by: fields.ForeignKeyNullableRelation[Employee] = fields.ForeignKeyField(
        "portal.Employee", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    issued_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField()
    used_at = fields.DatetimeField(null=True)

    class Meta:
        table = "survey_token"


class SurveyResponse(Model):
    """One citizen's answers (U1-U9, each 1-4), optional profile and suggestion."""

    id = fields.IntField(primary_key=True)
    service: fields.ForeignKeyRelation[SurveyService] = fields.ForeignKeyField(
        "portal.SurveyService", related_name="responses", on_delete=fields.RESTRICT
    )
    # The service's unit when the answer was given: results stay with the unit that served.
    unit: fields.ForeignKeyRelation[OrgUnit] = fields.ForeignKeyField(
        "portal.OrgUnit", related_name=False, on_delete=fields.RESTRICT
    )
    submitted_at = fields.DatetimeField()
    u1 = fields.SmallIntField()
    u2 = fields.SmallIntField()
    u3 = fields.SmallIntField()
    u4 = fields.SmallIntField()
    u5 = fields.SmallIntField()
    u6 = fields.SmallIntField()
    u7 = fields.SmallIntField()
    u8 = fields.SmallIntField()
    u9 = fields.SmallIntField()
    gender = fields.CharEnumField(RespondentGender, max_length=8, null=True)
    age_band = fields.CharEnumField(AgeBand, max_length=16, null=True)
    education = fields.CharEnumField(Education, max_length=16, null=True)
    occupation = fields.CharEnumField(Occupation, max_length=24, null=True)
    suggestion = fields.TextField(default="")
    # Keyed hash of the client address (never the address itself), to spot floods later.
    client_hash = fields.CharField(max_length=64, default="")
    token: fields.ForeignKeyNullableRelation[SurveyToken] = fields.ForeignKeyField(
        "portal.SurveyToken", related_name=False, null=True, on_delete=fields.SET_NULL
    )

    class Meta:
        table = "survey_response"
        indexes = (("service_id", "submitted_at"), ("unit_id", "submitted_at"))


class FollowUpAction(Model):
    """A follow-up action (tindak lanjut) on survey feedback, owned by an employee."""

    id = fields.IntField(primary_key=True)
    unit: fields.ForeignKeyRelation[OrgUnit] = fields.ForeignKeyField(
        "portal.OrgUnit", related_name=False, on_delete=fields.RESTRICT
    )
    service: fields.ForeignKeyNullableRelation[SurveyService] = fields.ForeignKeyField(
        "portal.SurveyService", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    element = fields.CharField(max_length=2, null=True)  # U1-U9 it aims to improve, if one
    title = fields.CharField(max_length=200)
    description = fields.TextField(default="")
    owner: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "portal.Employee", related_name=False, on_delete=fields.RESTRICT
    )
    due_on = fields.DateField()
    status = fields.CharEnumField(FollowUpStatus, max_length=16, default=FollowUpStatus.OPEN)
    evidence = fields.TextField(default="")
    created_by: fields.ForeignKeyNullableRelation[Employee] = fields.ForeignKeyField(
        "portal.Employee", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    completed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "survey_follow_up"
        indexes = (("unit_id", "status", "due_on"), ("owner_id", "status"))


class FollowUpSource(Model):
    """A response whose feedback led to an action."""

    id = fields.IntField(primary_key=True)
    action: fields.ForeignKeyRelation[FollowUpAction] = fields.ForeignKeyField(
        "portal.FollowUpAction", related_name="sources", on_delete=fields.CASCADE
    )
    response: fields.ForeignKeyRelation[SurveyResponse] = fields.ForeignKeyField(
        "portal.SurveyResponse", related_name=False, on_delete=fields.CASCADE
    )

    class Meta:
        table = "survey_follow_up_source"
        unique_together = (("action", "response"),)


class FollowUpEvent(Model):
    """One step of an action's history: who changed what, when."""

    id = fields.IntField(primary_key=True)
    action: fields.ForeignKeyRelation[FollowUpAction] = fields.ForeignKeyField(
        "portal.FollowUpAction", related_name="events", on_delete=fields.CASCADE
    )
    from_status = fields.CharEnumField(FollowUpStatus, max_length=16, null=True)
    to_status = fields.CharEnumField(FollowUpStatus, max_length=16)
    note = fields.TextField(default="")
    changes = fields.JSONField(default=dict)
    actor: fields.ForeignKeyNullableRelation[Employee] = fields.ForeignKeyField(
        "portal.Employee", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "survey_follow_up_event"
