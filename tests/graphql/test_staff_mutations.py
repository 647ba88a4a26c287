"""Staffing mutations through GraphQL: hire, transfer, promote, status, Plt/Plh, history."""

from __future__ import annotations

import datetime as dt

from portal.audit.models import AuditEntry
from portal.graphql.relay import to_global_id
from portal.people.models import Employee
from portal.people.staffing import today
from tests.factories import BUDI_NIP, DEWI_NIP, SITI_NIP, make_world

HIRE = """
mutation($input: HireEmployeeInput!) {
  hireEmployee(input: $input) {
    __typename
    ... on EmployeeSuccess { employee { nip gender birthDate rank { label } unit { code } } }
    ... on HireEmployeeError { code field message }
  }
}
"""
TRANSFER = """
mutation($input: TransferEmployeeInput!) {
  transferEmployee(input: $input) {
    __typename
    ... on EmployeeSuccess { employee { position { code } unit { code } } }
    ... on TransferEmployeeError { code field }
  }
}
"""
PROMOTE = """
mutation($input: PromoteEmployeeInput!) {
  promoteEmployee(input: $input) {
    __typename ... on EmployeeSuccess { employee { rank { label title } } }
    ... on PromoteEmployeeError { code field }
  }
}
"""
DEACTIVATE = """
mutation($input: DeactivateEmployeeInput!) {
  deactivateEmployee(input: $input) {
    __typename ... on EmployeeSuccess { employee { active } }
    ... on DeactivateEmployeeError { code }
  }
}
"""
HISTORY = """
query($nip: String!) {
  employee(nip: $nip) {
    employmentHistory {
      kind effectiveOn decreeNumber active rank { label } previousRank { label }
      position { code } previousPosition { code } unit { code }
    }
  }
}
"""
APPOINT = """
mutation($input: CreateActingAppointmentInput!) {
  createActingAppointment(input: $input) {
    __typename
    ... on ActingAppointmentSuccess { appointment { id kind inForce employee { nip } } }
    ... on CreateActingAppointmentError { code field }
  }
}
"""
END = """
mutation($input: EndActingAppointmentInput!) {
  endActingAppointment(input: $input) {
    __typename ... on ActingAppointmentSuccess { cancelled appointment { endsOn } }
    ... on EndActingAppointmentError { code field }
  }
}
"""
EMPLOYEES = "{ employees(first: 20) { edges { node { nip } } } }"


async def test_hire_through_graphql_derives_identity(client):
    w = await make_world()
    await client.login(DEWI_NIP)
    base = {
        "nip": "19950714 202012 1 003",
        "employmentType": "PNS",
        "name": "Andi Pratama",
        "rank": "III_A",
        "positionId": to_global_id("Position", w.siti_pos.id),
        "effectiveOn": "2021-01-04",
    }
    data = await client.data(HIRE, {"input": base})
    assert data["hireEmployee"]["employee"] == {
        "nip": "199507142020121003",
        "gender": "MALE",
        "birthDate": "1995-07-14",
        "rank": {"label": "III/a"},
        "unit": {"code": w.dinkes.code},
    }
    again = (await client.data(HIRE, {"input": base}))["hireEmployee"]
    assert (again["__typename"], again["code"], again["field"]) == (
        "HireEmployeeError",
        "DUPLICATE_NIP",
        "nip",
    )
    wrong_rank = await client.data(
        HIRE, {"input": base | {"nip": "199507142020121005", "rank": "PPPK_IX"}}
    )
    assert wrong_rank["hireEmployee"]["code"] == "INVALID_RANK"
    assert await Employee.filter(nip="199507142020121005").count() == 0
    await client.login(BUDI_NIP)
    body = await client.gql(HIRE, {"input": base | {"nip": "199507142020121005"}})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_history_is_kept_and_guarded_like_personal_data(client):
    w = await make_world()
    await client.login(DEWI_NIP)
    yesterday = (today() - dt.timedelta(days=1)).isoformat()
    moved = await client.data(
        TRANSFER,
        {
            "input": {
                "nip": SITI_NIP,
                "positionId": to_global_id("Position", w.other_pos.id),
                "effectiveOn": yesterday,
                "decreeNumber": "800/12/BKPSDM/2025",
            }
        },
    )
    assert moved["transferEmployee"]["employee"]["position"]["code"] == w.other_pos.code
    promoted = await client.data(
        PROMOTE, {"input": {"nip": SITI_NIP, "rank": "III_B", "effectiveOn": today().isoformat()}}
    )
    assert promoted["promoteEmployee"]["employee"]["rank"] == {
        "label": "III/b",
        "title": "Penata Muda Tingkat I",
    }
    lower = await client.data(
        PROMOTE, {"input": {"nip": SITI_NIP, "rank": "II_A", "effectiveOn": today().isoformat()}}
    )
    assert lower["promoteEmployee"] == {
        "__typename": "PromoteEmployeeError",
        "code": "RANK_NOT_HIGHER",
        "field": "rank",
    }
    history = (await client.data(HISTORY, {"nip": SITI_NIP}))["employee"]["employmentHistory"]
    assert [h["kind"] for h in history] == ["TRANSFER", "PROMOTION"]
    assert history[0]["previousPosition"]["code"] == w.siti_pos.code
    assert history[0]["decreeNumber"] == "800/12/BKPSDM/2025"
    assert (history[1]["previousRank"]["label"], history[1]["rank"]["label"]) == ("III/a", "III/b")
    assert (
        await AuditEntry.filter(action__in=["employee.transfer", "employee.promotion"]).count() == 2
    )
    # Siti reads her own history; a colleague may not.
    await client.login(SITI_NIP)
    assert (
        len((await client.data(HISTORY, {"nip": SITI_NIP}))["employee"]["employmentHistory"]) == 2
    )
    await client.login(w.colleague.nip)
    body = await client.gql(HISTORY, {"nip": SITI_NIP})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_deactivated_employees_cannot_sign_in_until_reactivated(client):
    w = await make_world()
    await client.login(DEWI_NIP)
    data = await client.data(
        DEACTIVATE,
        {"input": {"nip": w.stranger.nip, "effectiveOn": today().isoformat(), "note": "Pensiun"}},
    )
    assert data["deactivateEmployee"]["employee"]["active"] is False
    again = await client.data(
        DEACTIVATE, {"input": {"nip": w.stranger.nip, "effectiveOn": today().isoformat()}}
    )
    assert again["deactivateEmployee"]["code"] == "ALREADY_INACTIVE"


async def test_acting_appointment_gives_the_line_within_its_dates_only(client):
    w = await make_world()
    # The colleague (a staff nurse) becomes Plh of Budi's position.
    await client.login(w.colleague.nip)
    assert (await client.gql(EMPLOYEES))["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    await client.login(DEWI_NIP)
    position_id = to_global_id("Position", w.budi_pos.id)
    later = {
        "positionId": position_id,
        "nip": w.colleague.nip,
        "kind": "PLH",
        "startsOn": (today() + dt.timedelta(days=5)).isoformat(),
        "endsOn": (today() + dt.timedelta(days=9)).isoformat(),
    }
    future = (await client.data(APPOINT, {"input": later}))["createActingAppointment"]
    assert future["appointment"]["inForce"] is False
    await client.login(w.colleague.nip)
    assert (await client.gql(EMPLOYEES))["errors"][0]["extensions"]["code"] == "FORBIDDEN"

    await client.login(DEWI_NIP)
    now = later | {
        "startsOn": today().isoformat(),
        "endsOn": (today() + dt.timedelta(days=2)).isoformat(),
    }
    current = (await client.data(APPOINT, {"input": now}))["createActingAppointment"]
    assert current["appointment"]["inForce"] is True
    overlap = later | {"nip": w.stranger.nip, "startsOn": today().isoformat()}
    refused = (await client.data(APPOINT, {"input": overlap}))["createActingAppointment"]
    assert (refused["code"], refused["field"]) == ("OVERLAPPING_APPOINTMENT", "startsOn")
    holder = await client.data(APPOINT, {"input": later | {"nip": BUDI_NIP}})
    assert holder["createActingAppointment"]["code"] in ("INVALID_VALUE", "OVERLAPPING_APPOINTMENT")
    backwards = later | {"endsOn": today().isoformat()}
    bad = (await client.data(APPOINT, {"input": backwards}))["createActingAppointment"]
    assert (bad["code"], bad["field"]) == ("INVALID_DATE", "endsOn")

    await client.login(w.colleague.nip)
    nips = {e["node"]["nip"] for e in (await client.data(EMPLOYEES))["employees"]["edges"]}
    assert SITI_NIP in nips  # Budi's line, as Plh, today

    await client.login(DEWI_NIP)
    ended = await client.data(END, {"input": {"id": current["appointment"]["id"]}})
    assert ended["endActingAppointment"]["cancelled"] is True  # it started today: never in force
    cancelled = await client.data(END, {"input": {"id": future["appointment"]["id"]}})
    assert cancelled["endActingAppointment"]["cancelled"] is True
    await client.login(w.colleague.nip)
    assert (await client.gql(EMPLOYEES))["errors"][0]["extensions"]["code"] == "FORBIDDEN"
