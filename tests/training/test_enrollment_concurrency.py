"""Real concurrent requests.

No overbooking, one winner per decision, one request per double click.
"""

from __future__ import annotations

import asyncio

from portal.auth.principal import principal_for
from portal.graphql.util import today as jakarta_today
from portal.training import enrollment as service
from portal.training.enrollment_errors import EnrollmentError, EnrollmentErrorCode
from portal.training.models import Enrollment, EnrollmentStatus, TrainingSession
from tests.factories import make_employee, make_world


async def _settle(coros):
    return await asyncio.gather(*coros, return_exceptions=True)


async def test_fifty_approvals_race_for_ten_seats(db):
    w = await make_world()
    staff = [await make_employee(f"Perawat {i:02d}", w.siti_pos, w.dinkes) for i in range(50)]
    requests = []
    for person in staff:
        requests.append(
            await service.request_enrollment(
                principal=await principal_for(person, via="test"), session_id=w.session.id
            )
        )
    budi = await principal_for(w.budi, via="test")
    results = await _settle(
        service.decide_enrollment(principal=budi, enrollment_id=r.id, approve=True)
        for r in requests
    )
    assert not [r for r in results if isinstance(r, BaseException)], results
    statuses = [
        s for s in await Enrollment.filter(session=w.session).values_list("status", flat=True)
    ]
    assert statuses.count(EnrollmentStatus.ENROLLED) == 10
    assert statuses.count(EnrollmentStatus.WAITLISTED) == 40
    assert (await TrainingSession.get(id=w.session.id)).seats_taken == 10


async def test_two_deciders_get_one_winner_and_one_clear_error(db):
    w = await make_world()
    from portal.people.models import ActingAppointment, ActingKind

    plh = await make_employee("Plh Kepala Seksi", w.other_pos, w.dinkes)
    await ActingAppointment.create(
        position=w.budi_pos,
        employee=plh,
        kind=ActingKind.PLH,
        starts_on=jakarta_today(),
        ends_on=jakarta_today(),
    )
    siti = await principal_for(w.siti, via="test")
    req = await service.request_enrollment(principal=siti, session_id=w.session.id)
    budi, delegate = await principal_for(w.budi, via="test"), await principal_for(plh, via="test")
    for _ in range(3):  # a few rounds, so the interleaving varies
        results = await _settle(
            [
                service.decide_enrollment(principal=budi, enrollment_id=req.id, approve=True),
                service.decide_enrollment(principal=delegate, enrollment_id=req.id, approve=False),
            ]
        )
        wins = [r for r in results if not isinstance(r, BaseException)]
        errors = [r for r in results if isinstance(r, EnrollmentError)]
        assert len(wins) == 1, results
        assert len(errors) == 1, results
        assert errors[0].code in (
            EnrollmentErrorCode.ALREADY_DECIDED,
            EnrollmentErrorCode.INVALID_TRANSITION,
        )
        final = await Enrollment.get(id=req.id)
        assert final.status == wins[0].status
        seats = (await TrainingSession.get(id=w.session.id)).seats_taken
        assert seats == (1 if final.status == EnrollmentStatus.ENROLLED else 0)
        # Reset for the next round: a fresh request.
        await service.cancel_enrollment(
            principal=siti, enrollment_id=req.id
        ) if final.status == "ENROLLED" else None
        req = await service.request_enrollment(principal=siti, session_id=w.session.id)


async def test_double_click_makes_one_request(db):
    w = await make_world()
    siti = await principal_for(w.siti, via="test")
    results = await _settle(
        service.request_enrollment(principal=siti, session_id=w.session.id) for _ in range(5)
    )
    created = [r for r in results if not isinstance(r, BaseException)]
    refused = [r for r in results if isinstance(r, EnrollmentError)]
    assert len(created) == 1, results
    assert len(refused) == 4, results
    assert all(e.code is EnrollmentErrorCode.ALREADY_REQUESTED for e in refused)
    assert await Enrollment.filter(employee=w.siti).count() == 1


async def test_cancellations_racing_never_overbook_or_lose_a_promotion(db):
    w = await make_world()
    w.session.capacity = 3
    await w.session.save()
    staff = [await make_employee(f"Staf {i}", w.siti_pos, w.dinkes) for i in range(8)]
    budi = await principal_for(w.budi, via="test")
    enrollments = []
    for person in staff:
        p = await principal_for(person, via="test")
        r = await service.request_enrollment(principal=p, session_id=w.session.id)
        enrollments.append(
            (p, await service.decide_enrollment(principal=budi, enrollment_id=r.id, approve=True))
        )
    enrolled = [(p, e) for p, e in enrollments if e.status == EnrollmentStatus.ENROLLED]
    assert len(enrolled) == 3
    await _settle(service.cancel_enrollment(principal=p, enrollment_id=e.id) for p, e in enrolled)
    statuses = list(await Enrollment.filter(session=w.session).values_list("status", flat=True))
    assert statuses.count(EnrollmentStatus.ENROLLED) == 3
    assert statuses.count(EnrollmentStatus.WAITLISTED) == 2
    assert (await TrainingSession.get(id=w.session.id)).seats_taken == 3
