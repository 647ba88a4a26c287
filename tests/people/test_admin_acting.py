"""Plt/Plh appointments: dates, overlap, ending early, and the line they give."""

from __future__ import annotations

import datetime as dt

import pytest

from portal.audit.models import AuditEntry
from portal.auth.principal import load_principal
from portal.people import acting
from portal.people.changes import today
from portal.people.errors import PeopleError, PeopleErrorCode
from portal.people.models import ActingAppointment, ActingKind
from tests.factories import SITI_NIP, make_world

DAY = dt.timedelta(days=1)


async def test_plt_gives_the_positions_line_and_ending_early_takes_it_away(db):
    w = await make_world()
    appointment = await acting.create_acting_appointment(
        position_id=w.head_pos.id,
        nip=w.budi.nip,
        kind=ActingKind.PLT,
        starts_on=today() - 3 * DAY,
        ends_on=today() + 30 * DAY,
        actor_id=w.dewi.id,
    )
    budi = await load_principal(employee_id=w.budi.id, via="test")
    assert budi is not None
    assert w.other_pos.id in (await budi.line()).direct
    ended, cancelled = await acting.end_acting_appointment(
        appointment_id=appointment.id, actor_id=w.dewi.id
    )
    assert not cancelled
    assert ended.ends_on == today() - DAY
    budi = await load_principal(employee_id=w.budi.id, via="test")
    assert budi is not None
    assert w.other_pos.id not in (await budi.line()).all
    entry = await AuditEntry.get(action="acting.end")
    assert entry.before["ends_on"] == (today() + 30 * DAY).isoformat()
    with pytest.raises(PeopleError) as caught:
        await acting.end_acting_appointment(appointment_id=appointment.id, actor_id=None)
    assert caught.value.code == PeopleErrorCode.INVALID_DATE


@pytest.mark.parametrize(
    ("kwargs", "code", "field"),
    [
        (
            dict(starts_on=today() + 5 * DAY, ends_on=today() + 2 * DAY),
            PeopleErrorCode.INVALID_DATE,
            "ends_on",
        ),
        (
            dict(starts_on=today() - 9 * DAY, ends_on=today() - DAY),
            PeopleErrorCode.INVALID_DATE,
            "ends_on",
        ),
        (dict(nip="199001012015011999"), PeopleErrorCode.NOT_FOUND, "nip"),
        (dict(nip="x"), PeopleErrorCode.INVALID_NIP, "nip"),
        (dict(position_id=999999), PeopleErrorCode.NOT_FOUND, "position_id"),
    ],
)
async def test_bad_appointments_change_nothing(db, kwargs, code, field):
    w = await make_world()
    args = dict(
        position_id=w.budi_pos.id,
        nip=SITI_NIP,
        kind=ActingKind.PLH,
        starts_on=today(),
        ends_on=today() + 5 * DAY,
        actor_id=None,
    )
    with pytest.raises(PeopleError) as caught:
        await acting.create_acting_appointment(**(args | kwargs))
    assert (caught.value.code, caught.value.field) == (code, field)
    assert not await ActingAppointment.all().exists()


async def test_one_acting_person_per_position_at_a_time(db):
    w = await make_world()
    await acting.create_acting_appointment(
        position_id=w.budi_pos.id,
        nip=SITI_NIP,
        kind=ActingKind.PLH,
        starts_on=today(),
        ends_on=today() + 5 * DAY,
        actor_id=None,
    )
    with pytest.raises(PeopleError) as caught:
        await acting.create_acting_appointment(
            position_id=w.budi_pos.id,
            nip=w.colleague.nip,
            kind=ActingKind.PLH,
            starts_on=today() + 5 * DAY,
            ends_on=today() + 9 * DAY,
            actor_id=None,
        )
    assert caught.value.code == PeopleErrorCode.OVERLAPPING_APPOINTMENT
    # Back to back is fine.
    await acting.create_acting_appointment(
        position_id=w.budi_pos.id,
        nip=w.colleague.nip,
        kind=ActingKind.PLH,
        starts_on=today() + 6 * DAY,
        ends_on=today() + 9 * DAY,
        actor_id=None,
    )
