"""Careers: hire, transfer, promote, deactivate and reactivate, each kept in the history."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tortoise.exceptions import IntegrityError

from portal import events
from portal.audit.snapshot import snapshot
from portal.events import Event
from portal.people.changes import EMPLOYEE_FIELDS, UNCHANGED, audit, given, required_text, today
from portal.people.errors import PeopleError, PeopleErrorCode
from portal.people.models import ChangeKind, Employee, EmploymentHistory, OrgUnit, Position
from portal.people.nip import EmploymentType, Gender, Nip, parse_nip
from portal.people.positions import open_position_or_raise
from portal.people.ranks import Rank
from portal.people.service import get_employee_by_nip_or_raise
from portal.people.units import open_unit_or_raise

EMPLOYEE_CHANGED = "employee.changed"


@dataclass(frozen=True, slots=True)
class Identity:
    """Who a new employee is, as far as their number tells."""

    nip: Nip
    gender: Gender


def check_identity(
    raw_nip: str, employment_type: EmploymentType, gender: Gender | None
) -> Identity:
    """Parse the NIP for the employment type; a PNS NIP fixes the sex, PPPK staff must give it."""
    nip = parse_nip(raw_nip, employment_type)
    if nip.gender is not None:
        return Identity(nip, nip.gender)
    if gender is None:
        raise PeopleError(
            PeopleErrorCode.GENDER_REQUIRED,
            "Jenis kelamin wajib diisi untuk PPPK.",
            field="gender",
        )
    return Identity(nip, gender)


def check_rank(rank: Rank, employment_type: EmploymentType, *, field: str = "rank") -> Rank:
    """PNS hold golongan/ruang I/a-IV/e, PPPK golongan I-XVII."""
    if rank.is_pppk != (employment_type is EmploymentType.PPPK):
        expected = "golongan I-XVII" if employment_type is EmploymentType.PPPK else "I/a-IV/e"
        raise PeopleError(
            PeopleErrorCode.INVALID_RANK,
            f"Golongan {rank.label} tidak berlaku untuk {employment_type.value} ({expected}).",
            field=field,
        )
    return rank


def check_position_in_unit(position: Position, position_unit: OrgUnit, unit: OrgUnit) -> None:
    """A position must belong to the employee's unit or one of its sub-units."""
    if not position_unit.path.startswith(unit.path):
        raise PeopleError(
            PeopleErrorCode.POSITION_NOT_IN_UNIT,
            f"Jabatan {position.name} tidak berada di {unit.name} atau sub-unitnya.",
            field="position_id",
        )


def check_effective_on(effective_on: dt.date, *, not_before: dt.date | None = None) -> None:
    """A change is entered on or after its TMT, never before the previous change."""
    if effective_on > today():
        raise PeopleError(
            PeopleErrorCode.INVALID_DATE,
            "TMT tidak boleh di masa depan; catat perubahan pada atau setelah TMT-nya.",
            field="effective_on",
        )
    if not_before is not None and effective_on < not_before:
        raise PeopleError(
            PeopleErrorCode.INVALID_DATE,
            f"TMT tidak boleh sebelum {not_before:%d-%m-%Y}.",
            field="effective_on",
        )


async def hire_employee(
    *,
    nip: str,
    employment_type: EmploymentType,
    name: str,
    rank: Rank,
    effective_on: dt.date,
    front_title: str = "",
    back_title: str = "",
    gender: Gender | None = None,
    position_id: int | None = None,
    unit_id: int | None = None,
    email: str | None = None,
    phone: str = "",
    decree_number: str = "",
    actor_id: int | None,
) -> Employee:
    """Add an employee; the unit defaults to the position's unit."""
    who = check_identity(nip, employment_type, gender)
    name = required_text(name, field="name", max_length=150, label="Nama")
    check_rank(rank, employment_type)
    email = _clean_email(email)
    tmt = who.nip.value[8:14]
    not_before = (
        dt.date(int(tmt[:4]), int(tmt[4:]), 1)
        if employment_type is EmploymentType.PNS
        else who.nip.birth_date
    )
    check_effective_on(effective_on, not_before=not_before)
    async with events.transaction():
        if await Employee.exists(nip=who.nip.value):
            raise _duplicate_nip()
        if email and await Employee.exists(email=email):
            raise _duplicate_email()
        position, unit = await _placement(position_id, unit_id)
        try:
            employee = await Employee.create(
                nip=who.nip.value,
                name=name,
                front_title=front_title.strip(),
                back_title=back_title.strip(),
                employment_type=employment_type,
                gender=who.gender,
                birth_date=who.nip.birth_date,
                rank=rank,
                position=position,
                unit=unit,
                email=email,
                phone=phone.strip(),
            )
        except IntegrityError:  # a concurrent hire took the NIP or the e-mail
            raise _duplicate_nip() from None
        await _history(ChangeKind.HIRE, employee, None, effective_on, decree_number, "", actor_id)
        await audit(
            "employee.hire", actor_id=actor_id, row=employee, fields=EMPLOYEE_FIELDS, before=None
        )
        events.emit(Event(EMPLOYEE_CHANGED, {"employee": employee.id}))
    return employee


async def transfer_employee(
    *,
    nip: str,
    effective_on: dt.date,
    position_id: int | None = UNCHANGED,
    unit_id: int = UNCHANGED,
    decree_number: str = "",
    note: str = "",
    actor_id: int | None,
) -> Employee:
    """Move an employee to another position and/or unit (mutasi)."""
    async with events.transaction():
        employee = await _active_employee(nip)
        await _check_after_last(employee, effective_on)
        new_position = position_id if given(position_id) else employee.position_id
        new_unit = unit_id if given(unit_id) else None
        if new_unit is None and given(position_id) and position_id is not None:
            new_unit = (await open_position_or_raise(position_id=position_id)).unit_id
        new_unit = new_unit or employee.unit_id
        if (new_position, new_unit) == (employee.position_id, employee.unit_id):
            raise PeopleError(
                PeopleErrorCode.NO_CHANGE, "Jabatan dan unit sama dengan sekarang.", field=None
            )
        keep_position = new_position == employee.position_id
        position, unit = await _placement(new_position, new_unit, check_open=not keep_position)
        before = snapshot(employee, EMPLOYEE_FIELDS)
        employee.position, employee.unit = position, unit
        await employee.save(update_fields=["position_id", "unit_id", "updated_at"])
        await _finish(
            ChangeKind.TRANSFER, employee, before, effective_on, decree_number, note, actor_id
        )
        if not keep_position:
            # Pending requests follow the employee to the new line (the new supervisor).
            from portal.training.enrollment import reroute_pending

            await reroute_pending(employee_ids=[employee.id])
    return employee


async def promote_employee(
    *,
    nip: str,
    rank: Rank,
    effective_on: dt.date,
    demotion: bool = False,
    decree_number: str = "",
    note: str = "",
    actor_id: int | None,
) -> Employee:
    """Record a new rank (kenaikan pangkat); a lower rank only as an explicit demotion."""
    async with events.transaction():
        employee = await _active_employee(nip)
        check_rank(rank, EmploymentType(employee.employment_type))
        current = Rank(employee.rank)
        if rank == current:
            raise PeopleError(
                PeopleErrorCode.SAME_RANK, f"Golongan sudah {rank.label}.", field="rank"
            )
        if (rank.order < current.order) != demotion:
            raise PeopleError(
                PeopleErrorCode.RANK_NOT_HIGHER,
                "Golongan baru lebih rendah; tandai sebagai penurunan pangkat."
                if not demotion
                else "Penurunan pangkat harus ke golongan yang lebih rendah.",
                field="rank",
            )
        await _check_after_last(employee, effective_on)
        before = snapshot(employee, EMPLOYEE_FIELDS)
        employee.rank = rank
        await employee.save(update_fields=["rank", "updated_at"])
        kind = ChangeKind.DEMOTION if demotion else ChangeKind.PROMOTION
        await _finish(kind, employee, before, effective_on, decree_number, note, actor_id)
    return employee


async def set_employee_active(
    *,
    nip: str,
    active: bool,
    effective_on: dt.date,
    decree_number: str = "",
    note: str = "",
    actor_id: int | None,
) -> Employee:
    """Deactivate (retirement, resignation, death, transfer out) or reactivate an employee."""
    async with events.transaction():
        employee = await get_employee_by_nip_or_raise(nip=nip)
        if employee.active == active:
            code = PeopleErrorCode.ALREADY_ACTIVE if active else PeopleErrorCode.ALREADY_INACTIVE
            state = "aktif" if active else "nonaktif"
            raise PeopleError(code, f"Pegawai sudah {state}.", field="nip")
        await _check_after_last(employee, effective_on)
        if active and employee.position_id is not None:
            position = await Position.get(id=employee.position_id)
            if not position.active:  # the old position closed meanwhile: come back without one
                employee.position = None
        before = snapshot(employee, EMPLOYEE_FIELDS)
        employee.active = active
        await employee.save(update_fields=["active", "position_id", "updated_at"])
        kind = ChangeKind.REACTIVATION if active else ChangeKind.DEACTIVATION
        await _finish(kind, employee, before, effective_on, decree_number, note, actor_id)
    return employee


async def _finish(
    kind: ChangeKind,
    employee: Employee,
    before: dict[str, object],
    effective_on: dt.date,
    decree_number: str,
    note: str,
    actor_id: int | None,
) -> None:
    await _history(kind, employee, before, effective_on, decree_number, note, actor_id)
    action = f"employee.{kind.value.lower()}"
    await audit(action, actor_id=actor_id, row=employee, fields=EMPLOYEE_FIELDS, before=before)
    events.emit(Event(EMPLOYEE_CHANGED, {"employee": employee.id}))


async def _history(
    kind: ChangeKind,
    employee: Employee,
    before: dict[str, object] | None,
    effective_on: dt.date,
    decree_number: str,
    note: str,
    actor_id: int | None,
) -> EmploymentHistory:
    before = before or {}
    return await EmploymentHistory.create(
        employee_id=employee.id,
        kind=kind,
        effective_on=effective_on,
        position_id=employee.position_id,
        unit_id=employee.unit_id,
        rank=employee.rank,
        active=employee.active,
        previous_position_id=before.get("position_id"),
        previous_unit_id=before.get("unit_id"),
        previous_rank=before.get("rank"),
        decree_number=decree_number.strip()[:100],
        note=note.strip(),
        recorded_by_id=actor_id,
    )


async def _active_employee(nip: str) -> Employee:
    employee = await get_employee_by_nip_or_raise(nip=nip)
    if not employee.active:
        raise PeopleError(PeopleErrorCode.INACTIVE_EMPLOYEE, "Pegawai sudah nonaktif.", field="nip")
    return employee


async def _check_after_last(employee: Employee, effective_on: dt.date) -> None:
    last = (
        await EmploymentHistory.filter(employee_id=employee.id)
        .order_by("-effective_on")
        .limit(1)
        .values_list("effective_on", flat=True)
    )
    check_effective_on(effective_on, not_before=last[0] if last else None)  # type: ignore[arg-type]


async def _placement(
    position_id: int | None, unit_id: int | None, *, check_open: bool = True
) -> tuple[Position | None, OrgUnit]:
    """The position and unit of a placement, checked against each other."""
    position = None
    if position_id is not None:
        position = (
            await open_position_or_raise(position_id=position_id)
            if check_open
            else await Position.get(id=position_id)
        )
    if unit_id is None:
        if position is None:
            raise PeopleError(
                PeopleErrorCode.INVALID_VALUE, "Unit atau jabatan wajib diisi.", field="unit_id"
            )
        unit_id = position.unit_id
    unit = await open_unit_or_raise(unit_id=unit_id)
    if position is not None:
        position_unit = (
            unit if position.unit_id == unit.id else await OrgUnit.get(id=position.unit_id)
        )
        check_position_in_unit(position, position_unit, unit)
    return position, unit


def _clean_email(email: str | None) -> str | None:
    if email is None or not email.strip():
        return None
    email = email.strip().lower()
    local, _, domain = email.partition("@")
    if not local or "." not in domain or len(email) > 254 or " " in email:
        raise PeopleError(
            PeopleErrorCode.INVALID_VALUE, "Alamat e-mail tidak valid.", field="email"
        )
    return email


def _duplicate_nip() -> PeopleError:
    return PeopleError(PeopleErrorCode.DUPLICATE_NIP, "NIP sudah terdaftar.", field="nip")


def _duplicate_email() -> PeopleError:
    return PeopleError(
        PeopleErrorCode.DUPLICATE_EMAIL, "Alamat e-mail sudah dipakai pegawai lain.", field="email"
    )
