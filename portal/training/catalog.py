"""The course catalog (HR): create, change and archive courses.

Mode follows from method (Peraturan LAN 10/2018 on competency development): classical learning
is PELATIHAN, SEMINAR and WORKSHOP; every other form (e-learning, coaching, mentoring, magang,
benchmarking, pertukaran, belajar mandiri) is non-classical. A course may give its mode; when it
does, it must agree with the method. A course's competencies and eligibility lists are replaced
as a whole. Archived courses stay in history and plans but get no new sessions.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from tortoise.exceptions import IntegrityError

from portal.audit.service import record
from portal.competencies.models import Competency
from portal.events import Event, emit, transaction
from portal.people.models import OrgUnit
from portal.people.ranks import PositionKind
from portal.training.access import can_manage_catalog, require
from portal.training.errors import CatalogError
from portal.training.errors import CatalogErrorCode as Code
from portal.training.models import Course, CourseCompetency, TrainingMethod, TrainingMode

if TYPE_CHECKING:
    from portal.auth.principal import Principal

M = TrainingMethod
METHOD_MODE: dict[TrainingMethod, TrainingMode] = {
    **{m: TrainingMode.KLASIKAL for m in (M.PELATIHAN, M.SEMINAR, M.WORKSHOP)},
    **{
        m: TrainingMode.NON_KLASIKAL
        for m in (
            M.E_LEARNING,
            M.COACHING,
            M.MENTORING,
            M.MAGANG,
            M.BENCHMARKING,
            M.PERTUKARAN,
            M.BELAJAR_MANDIRI,
        )
    },
}
MAX_EXTRA_APPROVAL_STEPS = 5  # after the direct supervisor: six approvers at most
MAX_JP = 1000


class ApprovalStep(StrEnum):
    """An extra approval step after the direct supervisor (level 1 of the line)."""

    SECOND_LEVEL = "SECOND_LEVEL"  # the supervisor's supervisor
    THIRD_LEVEL = "THIRD_LEVEL"  # one more up the line (e.g. the secretary of the OPD)
    FOURTH_LEVEL = "FOURTH_LEVEL"
    FIFTH_LEVEL = "FIFTH_LEVEL"
    SIXTH_LEVEL = "SIXTH_LEVEL"
    HR = "HR"  # a BKPSDM operator


# How far up the supervision line each line step's approver sits (the direct supervisor is 1).
LINE_LEVELS: dict[str, int] = {
    "SUPERVISOR": 1,
    ApprovalStep.SECOND_LEVEL: 2,
    ApprovalStep.THIRD_LEVEL: 3,
    ApprovalStep.FOURTH_LEVEL: 4,
    ApprovalStep.FIFTH_LEVEL: 5,
    ApprovalStep.SIXTH_LEVEL: 6,
}


def mode_of(method: TrainingMethod | str) -> TrainingMode:
    """Klasikal or non-klasikal, as the method implies."""
    return METHOD_MODE[TrainingMethod(method)]


@dataclass(frozen=True, slots=True)
class CourseSpec:
    """Everything a course is made of (what create takes; update merges changes into it)."""

    code: str
    title: str
    method: TrainingMethod
    jp: int
    organiser: str
    mode: TrainingMode | None = None
    description: str = ""
    competencies: Sequence[tuple[int, int]] = ()  # (competency id, target level)
    eligible_kinds: Sequence[PositionKind] = ()
    eligible_unit_ids: Sequence[int] = ()
    approval_steps: Sequence[ApprovalStep] = ()
    requires_hr_verification: bool = False


@dataclass(frozen=True, slots=True)
class CourseChanges:
    """A partial change: None keeps the current value; an empty list clears a list."""

    code: str | None = None
    title: str | None = None
    method: TrainingMethod | None = None
    mode: TrainingMode | None = None
    jp: int | None = None
    organiser: str | None = None
    description: str | None = None
    competencies: Sequence[tuple[int, int]] | None = None
    eligible_kinds: Sequence[PositionKind] | None = None
    eligible_unit_ids: Sequence[int] | None = None
    approval_steps: Sequence[ApprovalStep] | None = None
    requires_hr_verification: bool | None = None


async def get_course(*, course_id: int) -> Course | None:
    """The course with this id, or None."""
    return await Course.get_or_none(id=course_id)


async def get_course_or_raise(*, course_id: int) -> Course:
    """The course, or COURSE_NOT_FOUND."""
    course = await get_course(course_id=course_id)
    if course is None:
        raise CatalogError(Code.COURSE_NOT_FOUND, "Pelatihan tidak ditemukan.", field="courseId")
    return course


async def create_course(*, principal: Principal, spec: CourseSpec) -> Course:
    """Add a course to the catalog with its competencies, eligibility and approval chain."""
    require(can_manage_catalog(principal))
    clean = await _validate(spec, course_id=None)
    try:
        async with transaction():
            course = await Course.create(**_columns(clean))
            await _replace_links(course, clean)
            await record(
                action="course.created",
                actor_id=principal.employee_id,
                object_type="Course",
                object_id=course.id,
                before=None,
                after=snapshot(course, clean),
            )
            emit(Event("course.changed", {"course": course.id}))
    except IntegrityError:  # the same code created at the same moment by someone else
        raise _code_taken(clean.code) from None
    return course


async def update_course(*, principal: Principal, course_id: int, changes: CourseChanges) -> Course:
    """Change a course; the whole result is validated as if it were new."""
    require(can_manage_catalog(principal))
    course = await get_course_or_raise(course_id=course_id)
    current = await spec_of(course)
    given = {f.name: getattr(changes, f.name) for f in dataclasses.fields(changes)}
    merged = dataclasses.replace(current, **{k: v for k, v in given.items() if v is not None})
    if changes.method is not None and changes.mode is None:
        merged = dataclasses.replace(merged, mode=None)  # a new method brings its own mode
    clean = await _validate(merged, course_id=course.id)
    before = snapshot(course, current)
    try:
        async with transaction():
            await Course.filter(id=course.id).update(**_columns(clean))
            await course.refresh_from_db()
            await _replace_links(course, clean)
            await record(
                action="course.updated",
                actor_id=principal.employee_id,
                object_type="Course",
                object_id=course.id,
                before=before,
                after=snapshot(course, clean),
            )
            emit(Event("course.changed", {"course": course.id}))
    except IntegrityError:
        raise _code_taken(clean.code) from None
    return course


async def archive_course(*, principal: Principal, course_id: int) -> Course:
    """Take a course out of the catalog: no new sessions; history and plans keep it."""
    require(can_manage_catalog(principal))
    course = await get_course_or_raise(course_id=course_id)
    async with transaction():
        if not await Course.filter(id=course.id, active=True).update(active=False):
            raise CatalogError(
                Code.COURSE_ARCHIVED, "Pelatihan sudah diarsipkan.", field="courseId"
            )
        await record(
            action="course.archived",
            actor_id=principal.employee_id,
            object_type="Course",
            object_id=course.id,
            before={"active": True},
            after={"active": False},
        )
        emit(Event("course.changed", {"course": course.id}))
    course.active = False
    return course


async def spec_of(course: Course) -> CourseSpec:
    """The course as a spec, with its competencies and eligible units."""
    links = await CourseCompetency.filter(course_id=course.id).order_by("competency_id")
    units = await course.eligible_units.all().order_by("id").values_list("id", flat=True)
    return CourseSpec(
        code=course.code,
        title=course.title,
        method=TrainingMethod(course.method),
        jp=course.jp,
        organiser=course.organiser,
        mode=TrainingMode(course.mode),
        description=course.description,
        competencies=tuple((c.competency_id, c.target_level) for c in links),
        eligible_kinds=tuple(PositionKind(k) for k in course.eligible_kinds or ()),
        eligible_unit_ids=tuple(int(u) for u in units),
        approval_steps=tuple(ApprovalStep(s) for s in course.approval_steps or ()),
        requires_hr_verification=course.requires_hr_verification,
    )


def snapshot(course: Course, spec: CourseSpec) -> dict[str, Any]:
    """What the audit trail keeps of a course."""
    return {
        "code": spec.code,
        "title": spec.title,
        "description": spec.description,
        "mode": str(spec.mode),
        "method": str(spec.method),
        "jp": spec.jp,
        "organiser": spec.organiser,
        "active": course.active,
        "competencies": [{"competency": c, "target_level": lv} for c, lv in spec.competencies],
        "eligible_kinds": [str(k) for k in spec.eligible_kinds],
        "eligible_units": list(spec.eligible_unit_ids),
        "approval_steps": [str(s) for s in spec.approval_steps],
        "requires_hr_verification": spec.requires_hr_verification,
    }


def _columns(spec: CourseSpec) -> dict[str, Any]:
    return {
        "code": spec.code,
        "title": spec.title,
        "description": spec.description,
        "mode": spec.mode,
        "method": spec.method,
        "jp": spec.jp,
        "organiser": spec.organiser,
        "eligible_kinds": [str(k) for k in spec.eligible_kinds],
        "approval_steps": [str(s) for s in spec.approval_steps],
        "requires_hr_verification": spec.requires_hr_verification,
    }


async def _replace_links(course: Course, spec: CourseSpec) -> None:
    await CourseCompetency.filter(course_id=course.id).delete()
    await CourseCompetency.bulk_create(
        [
            CourseCompetency(course_id=course.id, competency_id=cid, target_level=level)
            for cid, level in spec.competencies
        ]
    )
    await course.eligible_units.clear()
    if spec.eligible_unit_ids:
        units = await OrgUnit.filter(id__in=spec.eligible_unit_ids)
        await course.eligible_units.add(*units)


def _code_taken(code: str) -> CatalogError:
    return CatalogError(Code.CODE_TAKEN, f"Kode {code} sudah dipakai.", field="code")


def _text(value: str, field: str, limit: int, *, required: bool = True) -> str:
    value = value.strip()
    if required and not value:
        raise CatalogError(Code.REQUIRED, "Wajib diisi.", field=field)
    if len(value) > limit:
        raise CatalogError(Code.TOO_LONG, f"Maksimal {limit} karakter.", field=field)
    return value


async def _validate(spec: CourseSpec, *, course_id: int | None) -> CourseSpec:
    """Check every rule; returns the spec with trimmed text and the mode filled in."""
    code = _text(spec.code, "code", 32).upper()
    title = _text(spec.title, "title", 255)
    organiser = _text(spec.organiser, "organiser", 200)
    description = _text(spec.description, "description", 5000, required=False)
    mode = mode_of(spec.method)
    if spec.mode is not None and spec.mode != mode:
        raise CatalogError(
            Code.METHOD_MODE_MISMATCH,
            f"Metode {spec.method.value} termasuk {mode.value.replace('_', '-').lower()}.",
            field="mode",
        )
    if not 0 < spec.jp <= MAX_JP:
        raise CatalogError(Code.INVALID_JP, f"JP harus antara 1 dan {MAX_JP}.", field="jp")
    taken = Course.filter(code=code)
    if course_id is not None:
        taken = taken.exclude(id=course_id)
    if await taken.exists():
        raise _code_taken(code)
    await _check_competencies(spec.competencies)
    await _check_units(spec.eligible_unit_ids)
    steps = list(spec.approval_steps)
    if len(steps) > MAX_EXTRA_APPROVAL_STEPS:
        raise CatalogError(
            Code.TOO_MANY_APPROVAL_STEPS,
            f"Paling banyak {MAX_EXTRA_APPROVAL_STEPS} tahap setelah atasan langsung.",
            field="approvalSteps",
        )
    # Each approver decides once: no step twice, and the line is climbed upwards only (a higher
    # supervisor never hands the request back down to a lower one).
    if len(set(steps)) != len(steps):
        raise CatalogError(
            Code.REPEATED_APPROVAL_STEP,
            "Setiap tahap persetujuan hanya boleh muncul sekali.",
            field="approvalSteps",
        )
    levels = [LINE_LEVELS[s] for s in steps if s in LINE_LEVELS]
    if levels != sorted(levels):
        raise CatalogError(
            Code.APPROVAL_STEPS_OUT_OF_ORDER,
            "Tahap atasan harus berurutan naik (atasan kedua sebelum atasan ketiga, dst.).",
            field="approvalSteps",
        )
    return dataclasses.replace(
        spec,
        code=code,
        title=title,
        organiser=organiser,
        description=description,
        mode=mode,
        eligible_kinds=tuple(dict.fromkeys(spec.eligible_kinds)),
        eligible_unit_ids=tuple(sorted(set(spec.eligible_unit_ids))),
        competencies=tuple(sorted(spec.competencies)),
    )


async def _check_competencies(links: Sequence[tuple[int, int]]) -> None:
    ids = [cid for cid, _ in links]
    if len(ids) != len(set(ids)):
        raise CatalogError(
            Code.DUPLICATE_COMPETENCY,
            "Setiap kompetensi cukup disebut sekali.",
            field="competencies",
        )
    for _, level in links:
        if not 1 <= level <= 5:
            raise CatalogError(
                Code.INVALID_TARGET_LEVEL, "Level tujuan harus 1 sampai 5.", field="competencies"
            )
    if ids and await Competency.filter(id__in=ids, active=True).count() != len(ids):
        raise CatalogError(
            Code.COMPETENCY_NOT_FOUND, "Kompetensi tidak ditemukan.", field="competencies"
        )


async def _check_units(unit_ids: Sequence[int]) -> None:
    wanted = set(unit_ids)
    if wanted and await OrgUnit.filter(id__in=wanted, active=True).count() != len(wanted):
        raise CatalogError(
            Code.UNIT_NOT_FOUND, "Unit kerja tidak ditemukan.", field="eligibleUnitIds"
        )
