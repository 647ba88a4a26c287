"""Courses, sessions, training plans, enrollments (with history) and completed training records."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from portal.competencies.models import Competency
from portal.people.models import Employee, OrgUnit, Position

# PP 11/2017: every PNS has the right to at least 20 lesson hours (JP) of development a year.
YEARLY_JP_RIGHT = 20
MINUTES_PER_JP = 45


class TrainingMode(StrEnum):
    KLASIKAL = "KLASIKAL"
    NON_KLASIKAL = "NON_KLASIKAL"


class TrainingMethod(StrEnum):
    PELATIHAN = "PELATIHAN"
    SEMINAR = "SEMINAR"
    WORKSHOP = "WORKSHOP"
    E_LEARNING = "E_LEARNING"
    COACHING = "COACHING"
    MENTORING = "MENTORING"
    MAGANG = "MAGANG"
    BENCHMARKING = "BENCHMARKING"
    PERTUKARAN = "PERTUKARAN"
    BELAJAR_MANDIRI = "BELAJAR_MANDIRI"


class SessionStatus(StrEnum):
    OPEN = "OPEN"
    CLOSED = "CLOSED"
    CANCELLED = "CANCELLED"
    FINISHED = "FINISHED"


class PlanStatus(StrEnum):
    DRAFT = "DRAFT"
    PROPOSED = "PROPOSED"
    AGREED = "AGREED"


class PlanItemStatus(StrEnum):
    PROPOSED = "PROPOSED"
    AGREED = "AGREED"
    COMPLETED = "COMPLETED"
    DROPPED = "DROPPED"


class EnrollmentStatus(StrEnum):
    REQUESTED = "REQUESTED"  # waiting for an approval step
    WAITLISTED = "WAITLISTED"  # approved, no seat yet
    ENROLLED = "ENROLLED"  # seat held
    REJECTED = "REJECTED"
    CANCELLED = "CANCELLED"
    ATTENDED = "ATTENDED"
    COMPLETED = "COMPLETED"
    NO_SHOW = "NO_SHOW"


# States in which a request still occupies the employee's place for that session.
ACTIVE_ENROLLMENT_STATUSES = (
    EnrollmentStatus.REQUESTED,
    EnrollmentStatus.WAITLISTED,
    EnrollmentStatus.ENROLLED,
    EnrollmentStatus.ATTENDED,
)


class Course(Model):
    """A training course of the catalog."""

    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=32, unique=True)
    title = fields.CharField(max_length=255)
    description = fields.TextField(default="")
    mode = fields.CharEnumField(TrainingMode, max_length=16)
    method = fields.CharEnumField(TrainingMethod, max_length=24)
    jp = fields.SmallIntField()
    organiser = fields.CharField(max_length=200)
    # Position kinds the course is for; empty means everyone.
    eligible_kinds: list[str] = fields.JSONField(default=list)  # type: ignore[assignment]
    requires_hr_verification = fields.BooleanField(default=False)
    # Extra approval steps after the direct supervisor (``catalog.ApprovalStep``): line levels
    # "SECOND_LEVEL" .. "SIXTH_LEVEL" going up, and "HR".
    approval_steps: list[str] = fields.JSONField(default=list)  # type: ignore[assignment]
    eligible_units: fields.ManyToManyRelation[OrgUnit] = fields.ManyToManyField(
        "portal.OrgUnit", related_name="eligible_courses", through="course_unit"
    )
    active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "course"


class CourseCompetency(Model):
    """A competency a course develops, and the level it leads to."""

    id = fields.IntField(primary_key=True)
    course: fields.ForeignKeyRelation[Course] = fields.ForeignKeyField(
        "portal.Course", related_name="competencies", on_delete=fields.CASCADE
    )
    competency: fields.ForeignKeyRelation[Competency] = fields.ForeignKeyField(
        "portal.Competency", related_name="courses", on_delete=fields.RESTRICT
    )
    target_level = fields.SmallIntField()

    class Meta:
        table = "course_competency"
        unique_together = (("course", "competency"),)


class TrainingSession(Model):
    """A scheduled run of a course with a fixed number of seats."""

    id = fields.IntField(primary_key=True)
    course: fields.ForeignKeyRelation[Course] = fields.ForeignKeyField(
        "portal.Course", related_name="sessions", on_delete=fields.RESTRICT
    )
    starts_on = fields.DateField(db_index=True)
    ends_on = fields.DateField()
    enrollment_deadline = fields.DateField()
    place = fields.CharField(max_length=255, default="")
    online_url = fields.CharField(max_length=500, default="")
    capacity = fields.IntField()
    # Maintained by conditional UPDATEs so two approvals can never overbook the last seat.
    seats_taken = fields.IntField(default=0)
    status = fields.CharEnumField(SessionStatus, max_length=16, default=SessionStatus.OPEN)
    # None: follow the course's setting; True/False: this session overrides it.
    hr_verification = fields.BooleanField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "training_session"


class TrainingPlan(Model):
    """An employee's development plan for one year."""

    id = fields.IntField(primary_key=True)
    employee: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "portal.Employee", related_name="training_plans", on_delete=fields.CASCADE
    )
    year = fields.SmallIntField()
    status = fields.CharEnumField(PlanStatus, max_length=16, default=PlanStatus.DRAFT)
    agreed_by: fields.ForeignKeyNullableRelation[Employee] = fields.ForeignKeyField(
        "portal.Employee", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    agreed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "training_plan"
        unique_together = (("employee", "year"),)


class TrainingPlanItem(Model):
    """One planned activity: closes a gap through a course or another activity."""

    id = fields.IntField(primary_key=True)
    plan: fields.ForeignKeyRelation[TrainingPlan] = fields.ForeignKeyField(
        "portal.TrainingPlan", related_name="items", on_delete=fields.CASCADE
    )
    competency: fields.ForeignKeyNullableRelation[Competency] = fields.ForeignKeyField(
        "portal.Competency", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    course: fields.ForeignKeyNullableRelation[Course] = fields.ForeignKeyField(
        "portal.Course", related_name="plan_items", null=True, on_delete=fields.SET_NULL
    )
    title = fields.CharField(max_length=255)
    method = fields.CharEnumField(TrainingMethod, max_length=24)
    planned_jp = fields.SmallIntField()
    status = fields.CharEnumField(PlanItemStatus, max_length=16, default=PlanItemStatus.PROPOSED)
    proposed_by: fields.ForeignKeyNullableRelation[Employee] = fields.ForeignKeyField(
        "portal.Employee", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "training_plan_item"


class Enrollment(Model):
    """A request for, and then the holding of, a seat in a session."""

    id = fields.IntField(primary_key=True)
    employee: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "portal.Employee", related_name="enrollments", on_delete=fields.RESTRICT
    )
    session: fields.ForeignKeyRelation[TrainingSession] = fields.ForeignKeyField(
        "portal.TrainingSession", related_name="enrollments", on_delete=fields.RESTRICT
    )
    plan_item: fields.ForeignKeyNullableRelation[TrainingPlanItem] = fields.ForeignKeyField(
        "portal.TrainingPlanItem", related_name="enrollments", null=True, on_delete=fields.SET_NULL
    )
    status = fields.CharEnumField(EnrollmentStatus, max_length=16, db_index=True)
    reason = fields.TextField(default="")
    # Index into the approval chain the request is waiting on (0 = direct supervisor).
    approval_step = fields.SmallIntField(default=0)
    # Who must act next, kept with the row so an approver's inbox is one indexed query: the
    # holder (or acting Plt/Plh) of this position, or HR when ``awaiting_hr``.
    awaiting_position: fields.ForeignKeyNullableRelation[Position] = fields.ForeignKeyField(
        "portal.Position", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    awaiting_hr = fields.BooleanField(default=False)
    requested_by: fields.ForeignKeyNullableRelation[Employee] = fields.ForeignKeyField(
        "portal.Employee", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    requested_at = fields.DatetimeField(auto_now_add=True)
    decided_at = fields.DatetimeField(null=True)
    waitlisted_at = fields.DatetimeField(null=True)
    completed_at = fields.DatetimeField(null=True)
    jp_credited = fields.SmallIntField(default=0)
    # Bumped by every transition; conditional updates compare it so no update is lost.
    version = fields.IntField(default=1)

    class Meta:
        table = "enrollment"
        indexes = (("session_id", "status"), ("employee_id", "status"))


class EnrollmentEvent(Model):
    """One transition of an enrollment: who moved it from which state to which, and why."""

    id = fields.IntField(primary_key=True)
    enrollment: fields.ForeignKeyRelation[Enrollment] = fields.ForeignKeyField(
        "portal.Enrollment", related_name="events", on_delete=fields.CASCADE
    )
    from_status = fields.CharEnumField(EnrollmentStatus, max_length=16, null=True)
    to_status = fields.CharEnumField(EnrollmentStatus, max_length=16)
    actor: fields.ForeignKeyNullableRelation[Employee] = fields.ForeignKeyField(
        "portal.Employee", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    note = fields.TextField(default="")
    # The approval step decided by this event (0 = direct supervisor), if it was a decision.
    step = fields.SmallIntField(null=True)
    at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "enrollment_event"


class TrainingRecord(Model):
    """Completed development hours, in the shape of SIASN's training history."""

    id = fields.IntField(primary_key=True)
    employee: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "portal.Employee", related_name="training_records", on_delete=fields.CASCADE
    )
    enrollment: fields.ForeignKeyNullableRelation[Enrollment] = fields.ForeignKeyField(
        "portal.Enrollment", related_name="records", null=True, on_delete=fields.SET_NULL
    )
    title = fields.CharField(max_length=255)
    method = fields.CharEnumField(TrainingMethod, max_length=24)
    organiser = fields.CharField(max_length=200)
    jp = fields.SmallIntField()
    year = fields.SmallIntField()
    completed_on = fields.DateField()
    certificate_number = fields.CharField(max_length=100, default="")

    class Meta:
        table = "training_record"
        indexes = (("employee_id", "year"),)


class TrainingFeedback(Model):
    """What an attendee thought of a session (one per enrollment)."""

    id = fields.IntField(primary_key=True)
    enrollment: fields.OneToOneRelation[Enrollment] = fields.OneToOneField(
        "portal.Enrollment", related_name="feedback", on_delete=fields.CASCADE
    )
    rating = fields.SmallIntField()
    comment = fields.TextField(default="")
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "training_feedback"
