"""Acting appointments (Plt/Plh): someone exercises a position's supervisor rights for a period."""

from __future__ import annotations

import datetime as dt

from portal import events
from portal.audit.service import record
from portal.audit.snapshot import snapshot
from portal.events import Event
from portal.people.changes import not_found, today
from portal.people.errors import PeopleError, PeopleErrorCode
from portal.people.models import ActingAppointment, ActingKind, Position
from portal.people.positions import POSITION_CHANGED, open_position_or_raise
from portal.people.service import get_employee_by_nip_or_raise

ACTING_FIELDS = ("position_id", "employee_id", "kind", "starts_on", "ends_on")


async def create_acting_appointment(
    *,
    position_id: int,
    nip: str,
    kind: ActingKind,
    starts_on: dt.date,
    ends_on: dt.date,
    actor_id: int | None,
) -> ActingAppointment:
    """Appoint an active employee as Plt/Plh of an open position; one at a time per position."""
    if ends_on < starts_on:
        raise PeopleError(
            PeopleErrorCode.INVALID_DATE,
            "Tanggal selesai tidak boleh sebelum tanggal mulai.",
            field="ends_on",
        )
    if ends_on < today():
        raise PeopleError(
            PeopleErrorCode.INVALID_DATE, "Masa penunjukan sudah lewat.", field="ends_on"
        )
    async with events.transaction():
        position = await open_position_or_raise(position_id=position_id)
        # Two HR officers appointing at once: the second waits, then sees the first (PostgreSQL).
        await Position.filter(id=position.id).select_for_update().values_list("id")
        employee = await get_employee_by_nip_or_raise(nip=nip)
        if not employee.active:
            raise PeopleError(
                PeopleErrorCode.INACTIVE_EMPLOYEE, "Pegawai sudah nonaktif.", field="nip"
            )
        if employee.position_id == position.id:
            raise PeopleError(
                PeopleErrorCode.INVALID_VALUE,
                "Pegawai ini pemangku jabatan tersebut; Plt/Plh harus orang lain.",
                field="nip",
            )
        overlapping = await ActingAppointment.filter(
            position_id=position.id, starts_on__lte=ends_on, ends_on__gte=starts_on
        ).first()
        if overlapping is not None:
            raise PeopleError(
                PeopleErrorCode.OVERLAPPING_APPOINTMENT,
                f"Jabatan ini sudah memiliki Plt/Plh pada {overlapping.starts_on:%d-%m-%Y}"
                f" s.d. {overlapping.ends_on:%d-%m-%Y}.",
                field="starts_on",
            )
        appointment = await ActingAppointment.create(
            position_id=position.id,
            employee_id=employee.id,
            kind=kind,
            starts_on=starts_on,
            ends_on=ends_on,
        )
        await _audit("acting.create", appointment, actor_id, before=None)
    return appointment


async def end_acting_appointment(
    *, appointment_id: int, ends_on: dt.date | None = None, actor_id: int | None
) -> tuple[ActingAppointment, bool]:
    """End an appointment early (by default: as of today). Returns it and whether it was cancelled.

    ``ends_on`` is the last day in force. An appointment ended before it starts never applies: it
    is removed, and the audit trail keeps what it was.
    """
    ends_on = ends_on or today() - dt.timedelta(days=1)
    async with events.transaction():
        appointment = await ActingAppointment.get_or_none(id=appointment_id)
        if appointment is None:
            raise not_found("Penunjukan Plt/Plh", "id")
        if ends_on >= appointment.ends_on:
            raise PeopleError(
                PeopleErrorCode.INVALID_DATE,
                f"Penunjukan sudah berakhir {appointment.ends_on:%d-%m-%Y}; "
                "tanggal akhir hanya dapat dimajukan.",
                field="ends_on",
            )
        before = snapshot(appointment, ACTING_FIELDS)
        if ends_on < appointment.starts_on:
            await appointment.delete()
            await _audit("acting.cancel", appointment, actor_id, before=before, removed=True)
            return appointment, True
        appointment.ends_on = ends_on
        await appointment.save(update_fields=["ends_on"])
        await _audit("acting.end", appointment, actor_id, before=before)
    return appointment, False


async def _audit(
    action: str,
    appointment: ActingAppointment,
    actor_id: int | None,
    *,
    before: dict[str, object] | None,
    removed: bool = False,
) -> None:
    await record(
        action=action,
        actor_id=actor_id,
        object_type="ActingAppointment",
        object_id=appointment.pk,
        before=before,
        after=None if removed else snapshot(appointment, ACTING_FIELDS),
    )
    # Supervision (and so approvals) of the position's line changed hands.
    events.emit(Event(POSITION_CHANGED, {"position": appointment.position_id}))
