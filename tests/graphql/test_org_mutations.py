"""Org chart mutations through GraphQL: HR only, typed errors with input paths, read-back."""

from __future__ import annotations

from portal.graphql.relay import to_global_id
from portal.people.models import OrgUnit, Position
from tests.factories import BUDI_NIP, DEWI_NIP, SITI_NIP, make_world

CREATE_UNIT = """
mutation($input: CreateUnitInput!) {
  createUnit(input: $input) {
    __typename
    ... on UnitSuccess { unit { id code name kind active parent { code } } }
    ... on CreateUnitError { code field message }
  }
}
"""
MOVE_UNIT = """
mutation($input: MoveUnitInput!) {
  moveUnit(input: $input) {
    __typename
    ... on UnitSuccess { unit { parent { code } } }
    ... on MoveUnitError { code field }
  }
}
"""
CLOSE_UNIT = """
mutation($input: CloseUnitInput!) {
  closeUnit(input: $input) { __typename ... on CloseUnitError { code } }
}
"""
CREATE_POSITION = """
mutation($input: CreatePositionInput!) {
  createPosition(input: $input) {
    __typename
    ... on PositionSuccess {
      position {
        code kind level gradeClass effectiveMinutes requiredHeadcount parent { code }
        workloads { activity yearlyVolume standardMinutes yearlyMinutes }
      }
    }
    ... on CreatePositionError { code field message }
  }
}
"""
UPDATE_POSITION = """
mutation($input: UpdatePositionInput!) {
  updatePosition(input: $input) {
    __typename
    ... on PositionSuccess { position { name parent { code } workloads { activity } } }
    ... on UpdatePositionError { code field }
  }
}
"""
EMPLOYEES = "{ employees(first: 20) { edges { node { nip } } } }"


async def test_non_hr_gets_forbidden_and_nothing_changes(client):
    w = await make_world()
    for nip in (SITI_NIP, BUDI_NIP):
        await client.login(nip)
        body = await client.gql(CREATE_UNIT, {"input": {"code": "X", "name": "X"}})
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        assert body["data"] is None
    assert not await OrgUnit.filter(code="X").exists()
    body = await client.gql(CLOSE_UNIT, {"input": {"id": to_global_id("OrgUnit", w.bkpsdm.id)}})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_hr_creates_moves_and_closes_a_unit(client):
    w = await make_world()
    await client.login(DEWI_NIP)
    data = await client.data(
        CREATE_UNIT,
        {
            "input": {
                "code": "DINKES-SDK",
                "name": "Bidang SDK",
                "kind": "BIDANG",
                "parentId": to_global_id("OrgUnit", w.dinkes.id),
            }
        },
    )
    unit = data["createUnit"]["unit"]
    assert unit["parent"]["code"] == w.dinkes.code
    assert unit["kind"] == "BIDANG"
    moved = await client.data(
        MOVE_UNIT, {"input": {"id": unit["id"], "parentId": to_global_id("OrgUnit", w.bkpsdm.id)}}
    )
    assert moved["moveUnit"]["unit"]["parent"]["code"] == w.bkpsdm.code
    loop = await client.data(
        MOVE_UNIT,
        {"input": {"id": to_global_id("OrgUnit", w.bkpsdm.id), "parentId": unit["id"]}},
    )
    assert loop["moveUnit"] == {"__typename": "MoveUnitError", "code": "CYCLE", "field": "parentId"}
    closed = await client.data(CLOSE_UNIT, {"input": {"id": unit["id"]}})
    assert closed["closeUnit"]["__typename"] == "UnitSuccess"
    refused = await client.data(CLOSE_UNIT, {"input": {"id": to_global_id("OrgUnit", w.dinkes.id)}})
    assert refused["closeUnit"] == {"__typename": "CloseUnitError", "code": "HAS_ACTIVE_POSITIONS"}
    duplicate = await client.data(CREATE_UNIT, {"input": {"code": w.dinkes.code, "name": "X"}})
    assert duplicate["createUnit"]["code"] == "DUPLICATE_CODE"
    assert duplicate["createUnit"]["field"] == "code"


async def test_create_position_with_abk_and_a_bad_workload_path(client):
    w = await make_world()
    await client.login(DEWI_NIP)
    base = {
        "code": "P-NEW",
        "name": "Perawat Ahli Muda",
        "level": "AHLI_MUDA",
        "unitId": to_global_id("OrgUnit", w.dinkes.id),
        "parentId": to_global_id("Position", w.budi_pos.id),
        "gradeClass": 9,
        "effectiveMinutes": 75000,
        "workloads": [
            {
                "activity": "Asuhan keperawatan",
                "outputUnit": "pasien",
                "yearlyVolume": "1500",
                "standardMinutes": "50",
            },
        ],
    }
    bad = base | {
        "workloads": [
            *base["workloads"],
            {"activity": "x", "yearlyVolume": "1", "standardMinutes": "0"},
        ]
    }
    error = (await client.data(CREATE_POSITION, {"input": bad}))["createPosition"]
    assert (error["code"], error["field"]) == ("INVALID_VALUE", "workloads[1].standardMinutes")
    assert not await Position.filter(code="P-NEW").exists()
    mismatch = await client.data(CREATE_POSITION, {"input": base | {"kind": "JPT"}})
    assert mismatch["createPosition"]["code"] == "LEVEL_KIND_MISMATCH"
    position = (await client.data(CREATE_POSITION, {"input": base}))["createPosition"]["position"]
    assert position["kind"] == "FUNGSIONAL"
    assert position["parent"]["code"] == w.budi_pos.code
    assert position["workloads"][0]["yearlyMinutes"] == "75000.00"
    assert position["requiredHeadcount"] == "1.00"


async def test_reparenting_a_position_moves_supervision_at_once(client):
    w = await make_world()
    await client.login(BUDI_NIP)
    nips = {e["node"]["nip"] for e in (await client.data(EMPLOYEES))["employees"]["edges"]}
    assert SITI_NIP in nips
    await client.login(DEWI_NIP)
    data = await client.data(
        UPDATE_POSITION,
        {
            "input": {
                "id": to_global_id("Position", w.siti_pos.id),
                "parentId": to_global_id("Position", w.capil_head_pos.id),
            }
        },
    )
    assert data["updatePosition"]["position"]["parent"]["code"] == w.capil_head_pos.code
    # Left-out fields stayed; null parent is a real value, only on request.
    assert data["updatePosition"]["position"]["name"] == "Perawat Ahli Pertama"
    await client.login(BUDI_NIP)
    body = await client.gql(EMPLOYEES)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"  # Budi supervises nobody now
    await client.login(w.other_supervisor.nip)
    nips = {e["node"]["nip"] for e in (await client.data(EMPLOYEES))["employees"]["edges"]}
    assert SITI_NIP in nips
    await client.login(DEWI_NIP)
    cycle = await client.data(
        UPDATE_POSITION,
        {
            "input": {
                "id": to_global_id("Position", w.capil_head_pos.id),
                "parentId": to_global_id("Position", w.siti_pos.id),
            }
        },
    )
    assert cycle["updatePosition"] == {
        "__typename": "UpdatePositionError",
        "code": "CYCLE",
        "field": "parentId",
    }
