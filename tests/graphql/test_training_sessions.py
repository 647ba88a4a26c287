"""The training catalog: filters, sort, seats, paging and a constant statement count."""

from __future__ import annotations

import datetime as dt

from portal.graphql.relay import to_global_id
from portal.graphql.util import today
from portal.training.models import (
    Course,
    CourseCompetency,
    SessionStatus,
    TrainingMethod,
    TrainingMode,
    TrainingSession,
)
from tests.factories import SITI_NIP, make_world

CATALOG = """
query($first: Int, $after: String, $filter: SessionFilter, $sort: SessionSort) {
  trainingSessions(first: $first, after: $after, filter: $filter, sort: $sort) {
    totalCount pageInfo { hasNextPage }
    edges { node { id startsOn capacity seatsTaken seatsLeft status openForRequests
      course { title mode jp organiser
        competencies { targetLevel competency { code name group } } } } }
  }
}
"""


async def _catalog(w, n: int) -> None:
    start = today() + dt.timedelta(days=10)
    e_course = await Course.create(
        code="EL-1",
        title="E-Learning Pelayanan Publik",
        mode=TrainingMode.NON_KLASIKAL,
        method=TrainingMethod.E_LEARNING,
        jp=4,
        organiser="LAN RI",
    )
    await CourseCompetency.create(course=e_course, competency=w.pelayanan, target_level=2)
    await e_course.eligible_units.add(w.disdukcapil)
    await TrainingSession.bulk_create(
        [
            TrainingSession(
                course=e_course,
                starts_on=start + dt.timedelta(days=i),
                ends_on=start + dt.timedelta(days=i),
                enrollment_deadline=start,
                capacity=5,
                seats_taken=5 if i == 0 else i % 5,
            )
            for i in range(n)
        ]
    )


async def test_catalog_filters_and_seats(client):
    w = await make_world()
    await _catalog(w, 3)
    await TrainingSession.create(
        course=w.course,
        starts_on=today() - dt.timedelta(days=5),
        ends_on=today(),
        enrollment_deadline=today() - dt.timedelta(days=10),
        capacity=5,
        status=SessionStatus.FINISHED,
    )
    await client.login(SITI_NIP)
    everything = (await client.data(CATALOG))["trainingSessions"]
    assert everything["totalCount"] == 4  # open for requests by default: the finished one is hidden
    first = everything["edges"][0]["node"]
    assert (
        first["course"]["title"] == "Pelatihan Asuhan Keperawatan Kritis" or first["seatsLeft"] >= 0
    )

    by_comp = await client.data(
        CATALOG, {"filter": {"competencyId": to_global_id("Competency", w.asuhan.id)}}
    )
    assert [e["node"]["course"]["title"] for e in by_comp["trainingSessions"]["edges"]] == [
        "Pelatihan Asuhan Keperawatan Kritis"
    ]
    teknis = await client.data(CATALOG, {"filter": {"competencyGroup": "TEKNIS"}})
    assert teknis["trainingSessions"]["totalCount"] == 1
    online = await client.data(CATALOG, {"filter": {"mode": "NON_KLASIKAL", "hasOpenSeats": True}})
    assert online["trainingSessions"]["totalCount"] == 2
    assert all(e["node"]["seatsLeft"] > 0 for e in online["trainingSessions"]["edges"])
    full = await client.data(CATALOG, {"filter": {"hasOpenSeats": False}})
    assert [e["node"]["seatsLeft"] for e in full["trainingSessions"]["edges"]] == [0]
    # The e-learning course is only for Disdukcapil; the nursing course is open to all.
    dinkes = await client.data(
        CATALOG, {"filter": {"eligibleUnitId": to_global_id("OrgUnit", w.dinkes.id)}}
    )
    assert dinkes["trainingSessions"]["totalCount"] == 1
    capil = await client.data(
        CATALOG, {"filter": {"eligibleUnitId": to_global_id("OrgUnit", w.disdukcapil.id)}}
    )
    assert capil["trainingSessions"]["totalCount"] == 4
    past = await client.data(CATALOG, {"filter": {"openForRequests": False}})
    assert [e["node"]["status"] for e in past["trainingSessions"]["edges"]] == ["FINISHED"]
    window = await client.data(
        CATALOG,
        {
            "filter": {
                "startsFrom": str(today() + dt.timedelta(days=11)),
                "startsUntil": str(today() + dt.timedelta(days=12)),
            }
        },
    )
    assert window["trainingSessions"]["totalCount"] == 2


async def test_catalog_sorts(client):
    w = await make_world()
    await _catalog(w, 3)
    await client.login(SITI_NIP)
    desc = await client.data(CATALOG, {"sort": "STARTS_ON_DESC"})
    dates = [e["node"]["startsOn"] for e in desc["trainingSessions"]["edges"]]
    assert dates == sorted(dates, reverse=True)
    seats = await client.data(CATALOG, {"sort": "SEATS_LEFT_DESC"})
    left = [e["node"]["seatsLeft"] for e in seats["trainingSessions"]["edges"]]
    assert left == sorted(left, reverse=True)


async def test_catalog_bad_date_range_is_typed(client):
    await make_world()
    await client.login(SITI_NIP)
    body = await client.gql(
        CATALOG, {"filter": {"startsFrom": "2026-05-01", "startsUntil": "2026-04-01"}}
    )
    assert body["errors"][0]["extensions"] == {"code": "INVALID_DATE_RANGE", "field": "startsUntil"}
    body = await client.gql(CATALOG, {"filter": {"startsFrom": "2026-13-01"}})
    assert (body["data"] is None and "Date" in body["errors"][0]["message"]) or body["errors"]


async def test_catalog_page_of_10_and_100_costs_the_same(client, count_queries):
    w = await make_world()
    await _catalog(w, 120)
    await client.login(SITI_NIP)
    with count_queries() as ten:
        page = await client.data(CATALOG, {"first": 10})
    assert len(page["trainingSessions"]["edges"]) == 10
    with count_queries() as hundred:
        page = await client.data(CATALOG, {"first": 100})
    assert len(page["trainingSessions"]["edges"]) == 100
    assert ten.count == hundred.count, hundred.statements


async def test_catalog_needs_sign_in(client):
    body = await client.gql(CATALOG)
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_catalog_sorts_by_course_title_with_filters(client):
    """TITLE_ASC joins the course; with list filters it once broke on PostgreSQL (DISTINCT)."""
    w = await make_world()
    await _catalog(w, 3)
    await client.login(SITI_NIP)
    page = (await client.data(CATALOG, {"sort": "TITLE_ASC"}))["trainingSessions"]
    titles = [e["node"]["course"]["title"] for e in page["edges"]]
    assert titles == sorted(titles)
    assert page["totalCount"] == 4
    capil = to_global_id("OrgUnit", w.disdukcapil.id)
    only = {"competencyGroup": "MANAJERIAL", "eligibleUnitId": capil}
    variables = {"sort": "TITLE_ASC", "filter": only}
    filtered = (await client.data(CATALOG, variables))["trainingSessions"]
    ids = [e["node"]["id"] for e in filtered["edges"]]
    assert filtered["totalCount"] == len(ids) == len(set(ids)) == 3
