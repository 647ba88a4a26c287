"""Rules shared by the plan services: item validation, notes, audit and notices."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from portal.audit.service import record
from portal.competencies.models import Competency
from portal.events import Event
from portal.notifications.service import notify
from portal.training.errors import PlanError
from portal.training.errors import PlanErrorCode as Code
from portal.training.models import (
    Course,
    CourseCompetency,
    PlanStatus,
    TrainingMethod,
    TrainingPlan,
    TrainingPlanItem,
)

if TYPE_CHECKING:
    from portal.auth.principal import Principal

JAKARTA = ZoneInfo("Asia/Jakarta")
MAX_PLANNED_JP = 500
MAX_NOTE = 2000


@dataclass(frozen=True, slots=True)
class ItemChanges:
    """A partial change of a plan item: None keeps a value. Supervisors change title and JP only."""

    title: str | None = None
    method: TrainingMethod | None = None
    planned_jp: int | None = None
    competency_id: int | None = None
    course_id: int | None = None


def today() -> dt.date:
    return dt.datetime.now(JAKARTA).date()


def check_year(year: int) -> int:
    """Plans are written for this year or the next."""
    if year not in (today().year, today().year + 1):
        raise PlanError(
            Code.INVALID_YEAR, "Rencana hanya untuk tahun ini atau tahun depan.", field="year"
        )
    return year


def check_plausible_year(year: int) -> int:
    """A year a plan can exist for (plans kept from earlier years may be reviewed late)."""
    if not 1900 <= year <= 2100:
        raise PlanError(Code.INVALID_YEAR, "Tahun tidak valid.", field="year")
    return year


def plan_event(plan: TrainingPlan) -> Event:
    return Event("plan.changed", {"employee": plan.employee_id, "plan": plan.id})


def item_snapshot(item: TrainingPlanItem) -> dict[str, Any]:
    """What the audit trail keeps of an item."""
    return {
        "plan": item.plan_id,
        "title": item.title,
        "method": str(item.method),
        "planned_jp": item.planned_jp,
        "status": str(item.status),
        "competency": item.competency_id,
        "course": item.course_id,
    }


def vars_of(changes: ItemChanges) -> dict[str, Any]:
    return {f.name: getattr(changes, f.name) for f in fields(changes)}


async def item_values(
    *,
    title: str,
    method: TrainingMethod | None,
    planned_jp: int,
    competency_id: int | None,
    course_id: int | None,
    new_course: bool = True,
) -> dict[str, Any]:
    """Validate an item; a course brings its method and (unless given) its title.

    An archived course may stay on an item that already has it, but is never newly chosen.
    """
    if not 0 < planned_jp <= MAX_PLANNED_JP:
        raise PlanError(
            Code.INVALID_JP, f"JP harus antara 1 dan {MAX_PLANNED_JP}.", field="plannedJp"
        )
    if (
        competency_id is not None
        and not await Competency.filter(id=competency_id, active=True).exists()
    ):
        raise PlanError(
            Code.COMPETENCY_NOT_FOUND, "Kompetensi tidak ditemukan.", field="competencyId"
        )
    title = title.strip()
    if course_id is not None:
        course = await Course.get_or_none(id=course_id)
        if course is None:
            raise PlanError(Code.COURSE_NOT_FOUND, "Pelatihan tidak ditemukan.", field="courseId")
        if new_course and not course.active:
            raise PlanError(Code.COURSE_ARCHIVED, "Pelatihan sudah diarsipkan.", field="courseId")
        if (
            new_course
            and competency_id is not None
            and not await CourseCompetency.filter(
                course_id=course_id, competency_id=competency_id
            ).exists()
        ):
            raise PlanError(
                Code.COURSE_COMPETENCY_MISMATCH,
                "Pelatihan ini tidak mengembangkan kompetensi itu.",
                field="courseId",
            )
        title, method = title or course.title, TrainingMethod(course.method)
    if not title:
        raise PlanError(Code.REQUIRED, "Sebutkan nama kegiatan.", field="title")
    if len(title) > 255:
        raise PlanError(Code.TOO_LONG, "Maksimal 255 karakter.", field="title")
    if method is None:
        raise PlanError(Code.REQUIRED, "Pilih bentuk kegiatan.", field="method")
    return {
        "title": title,
        "method": method,
        "planned_jp": planned_jp,
        "competency_id": competency_id,
        "course_id": course_id,
    }


async def log_status(
    principal: Principal,
    plan: TrainingPlan,
    before: PlanStatus,
    after: PlanStatus,
    verb: str,
    **extra: Any,
) -> None:
    plan.status = after
    await record(
        action=f"training_plan.{verb}",
        actor_id=principal.employee_id,
        object_type="TrainingPlan",
        object_id=plan.id,
        before={"status": before.value},
        after={"status": after.value, **extra},
    )


async def tell_employee(plan: TrainingPlan, *, kind: str, title: str, body: str) -> None:
    await notify(
        recipient_ids=[plan.employee_id],
        kind=kind,
        title=title,
        body=body,
        refs={"employee": plan.employee_id, "plan": plan.id},
    )


def clean_note(note: str, *, required: bool) -> str:
    note = note.strip()
    if required and not note:
        raise PlanError(Code.REQUIRED, "Tuliskan catatan untuk pegawai.", field="note")
    if len(note) > MAX_NOTE:
        raise PlanError(Code.TOO_LONG, f"Maksimal {MAX_NOTE} karakter.", field="note")
    return note


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p.title() for p in rest)


def under_review() -> PlanError:
    return PlanError(
        Code.PLAN_UNDER_REVIEW,
        "Rencana sedang diperiksa atasan: tunggu keputusan atau pengembalian.",
        field="year",
    )


def not_submitted() -> PlanError:
    return PlanError(
        Code.PLAN_NOT_SUBMITTED, "Rencana belum diajukan untuk diperiksa.", field="year"
    )


def item_locked() -> PlanError:
    return PlanError(Code.ITEM_NOT_EDITABLE, "Butir ini tidak dapat diubah lagi.", field="itemId")
