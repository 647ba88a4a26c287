"""Org units, positions (the supervision tree), employees and role grants."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from portal.people.nip import EmploymentType, Gender
from portal.people.ranks import PositionKind, PositionLevel, Rank

# Effective working time per year used by ABK (1,250 hours), in minutes.
DEFAULT_EFFECTIVE_MINUTES = 75_000


class UnitKind(StrEnum):
    PEMDA = "PEMDA"
    SETDA = "SETDA"
    DINAS = "DINAS"
    BADAN = "BADAN"
    KANTOR = "KANTOR"
    RSUD = "RSUD"
    KECAMATAN = "KECAMATAN"
    KELURAHAN = "KELURAHAN"
    PUSKESMAS = "PUSKESMAS"
    SEKOLAH = "SEKOLAH"
    BIDANG = "BIDANG"
    BAGIAN = "BAGIAN"
    SEKSI = "SEKSI"
    LAINNYA = "LAINNYA"


class Role(StrEnum):
    """Roles granted by HR. Employee and supervisor are not granted: they follow from the data."""

    HR = "HR"
    UNIT_HEAD = "UNIT_HEAD"


class ActingKind(StrEnum):
    PLT = "PLT"
    PLH = "PLH"


class ChangeKind(StrEnum):
    """What an entry of an employee's employment history records."""

    HIRE = "HIRE"
    TRANSFER = "TRANSFER"
    PROMOTION = "PROMOTION"
    DEMOTION = "DEMOTION"
    DEACTIVATION = "DEACTIVATION"
    REACTIVATION = "REACTIVATION"


class OrgUnit(Model):
    """A unit of the regional government (OPD and its sub-units), as a tree."""

    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=32, unique=True)
    name = fields.CharField(max_length=200)
    short_name = fields.CharField(max_length=60, default="")
    kind = fields.CharEnumField(UnitKind, max_length=16, default=UnitKind.LAINNYA)
    parent: fields.ForeignKeyNullableRelation[OrgUnit] = fields.ForeignKeyField(
        "portal.OrgUnit", related_name="children", null=True, on_delete=fields.RESTRICT
    )
    # Materialised path ("/1/7/12/") so subtree questions are one indexed LIKE, not a recursion.
    path = fields.CharField(max_length=255, db_index=True, default="/")
    active = fields.BooleanField(default=True)
    closed_on = fields.DateField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "org_unit"


class Position(Model):
    """A position (jabatan) in a unit. ``parent`` is the position that supervises it."""

    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=48, unique=True)
    name = fields.CharField(max_length=200)
    kind = fields.CharEnumField(PositionKind, max_length=16)
    level = fields.CharEnumField(PositionLevel, max_length=16)
    unit: fields.ForeignKeyRelation[OrgUnit] = fields.ForeignKeyField(
        "portal.OrgUnit", related_name="positions", on_delete=fields.RESTRICT
    )
    parent: fields.ForeignKeyNullableRelation[Position] = fields.ForeignKeyField(
        "portal.Position", related_name="children", null=True, on_delete=fields.RESTRICT
    )
    grade_class = fields.SmallIntField(default=1)  # kelas jabatan 1-17
    effective_minutes = fields.IntField(default=DEFAULT_EFFECTIVE_MINUTES)
    active = fields.BooleanField(default=True)
    closed_on = fields.DateField(null=True)

    class Meta:
        table = "position"


class PositionWorkload(Model):
    """One activity of a position's workload analysis (ABK): yearly volume x standard time."""

    id = fields.IntField(primary_key=True)
    position: fields.ForeignKeyRelation[Position] = fields.ForeignKeyField(
        "portal.Position", related_name="workloads", on_delete=fields.CASCADE
    )
    activity = fields.CharField(max_length=255)
    output_unit = fields.CharField(max_length=60, default="dokumen")
    yearly_volume = fields.DecimalField(max_digits=12, decimal_places=2)
    standard_minutes = fields.DecimalField(max_digits=10, decimal_places=2)

    class Meta:
        table = "position_workload"


class Employee(Model):
    """A civil servant (PNS or PPPK)."""

    id = fields.IntField(primary_key=True)
    nip = fields.CharField(max_length=18, unique=True)
    name = fields.CharField(max_length=150)
    front_title = fields.CharField(max_length=40, default="")
    back_title = fields.CharField(max_length=60, default="")
    employment_type = fields.CharEnumField(EmploymentType, max_length=8)
    gender = fields.CharEnumField(Gender, max_length=8)
    birth_date = fields.DateField()
    rank = fields.CharEnumField(Rank, max_length=16)
    position: fields.ForeignKeyNullableRelation[Position] = fields.ForeignKeyField(
        "portal.Position", related_name="holders", null=True, on_delete=fields.RESTRICT
    )
    unit: fields.ForeignKeyRelation[OrgUnit] = fields.ForeignKeyField(
        "portal.OrgUnit", related_name="employees", on_delete=fields.RESTRICT
    )
    email = fields.CharField(max_length=254, null=True, unique=True)
    phone = fields.CharField(max_length=32, default="")
    sso_subject = fields.CharField(max_length=255, null=True, unique=True)
    active = fields.BooleanField(default=True, db_index=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "employee"

    @property
    def full_name(self) -> str:
        """Name with academic titles, as printed on letters."""
        name = f"{self.front_title} {self.name}".strip()
        return f"{name}, {self.back_title}" if self.back_title else name


class RoleGrant(Model):
    """A role HR granted to an employee, optionally scoped to a unit (unit heads)."""

    id = fields.IntField(primary_key=True)
    employee: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "portal.Employee", related_name="role_grants", on_delete=fields.CASCADE
    )
    role = fields.CharEnumField(Role, max_length=16)
    unit: fields.ForeignKeyNullableRelation[OrgUnit] = fields.ForeignKeyField(
        "portal.OrgUnit", related_name="role_grants", null=True, on_delete=fields.CASCADE
    )
    granted_by: fields.ForeignKeyNullableRelation[Employee] = fields.ForeignKeyField(
        "portal.Employee", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    granted_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "role_grant"
        unique_together = (("employee", "role", "unit"),)


class ActingAppointment(Model):
    """Plt/Plh: ``employee`` exercises the supervisor rights of ``position`` for a date range."""

    id = fields.IntField(primary_key=True)
    position: fields.ForeignKeyRelation[Position] = fields.ForeignKeyField(
        "portal.Position", related_name="acting_appointments", on_delete=fields.CASCADE
    )
    employee: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "portal.Employee", related_name="acting_appointments", on_delete=fields.CASCADE
    )
    kind = fields.CharEnumField(ActingKind, max_length=8)
    starts_on = fields.DateField()
    ends_on = fields.DateField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "acting_appointment"


class EmploymentHistory(Model):
    """One change of an employee's employment (hire, transfer, rank, status) with its TMT."""

    id = fields.IntField(primary_key=True)
    employee: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "portal.Employee", related_name="employment_history", on_delete=fields.CASCADE
    )
    kind = fields.CharEnumField(ChangeKind, max_length=16)
    effective_on = fields.DateField()
    # The state after the change and the state before it (null before a hire).
    position: fields.ForeignKeyNullableRelation[Position] = fields.ForeignKeyField(
        "portal.Position", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    unit: fields.ForeignKeyNullableRelation[OrgUnit] = fields.ForeignKeyField(
        "portal.OrgUnit", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    rank = fields.CharEnumField(Rank, max_length=16, null=True)
    active = fields.BooleanField(default=True)
    previous_position: fields.ForeignKeyNullableRelation[Position] = fields.ForeignKeyField(
        "portal.Position", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    previous_unit: fields.ForeignKeyNullableRelation[OrgUnit] = fields.ForeignKeyField(
        "portal.OrgUnit", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    previous_rank = fields.CharEnumField(Rank, max_length=16, null=True)
    decree_number = fields.CharField(max_length=100, default="")  # nomor SK
    note = fields.TextField(default="")
    recorded_by: fields.ForeignKeyNullableRelation[Employee] = fields.ForeignKeyField(
        "portal.Employee", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    recorded_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "employment_history"
        indexes = (("employee_id", "effective_on"),)
