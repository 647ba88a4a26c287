"""employee(nip:), employees(...) and node(id:): who may read whom."""

from __future__ import annotations

from portal.graphql.relay import to_global_id
from tests.factories import BUDI_NIP, DEWI_NIP, SITI_NIP, make_world

EMPLOYEE = (
    "query($nip: String!) { employee(nip: $nip) { name nip email "
    "competencyProfile { requirementsTotal } } }"
)
EMPLOYEES = """
query($first: Int, $after: String, $filter: EmployeeFilter) {
  employees(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor node { nip name position { name } unit { name } supervisor { name } } }
  }
}
"""
NODE = "query($id: ID!) { node(id: $id) { id __typename ... on Employee { nip } } }"


def _code(body: dict) -> str:
    return body["errors"][0]["extensions"]["code"]


async def test_budi_reads_siti_but_not_a_stranger(client):
    w = await make_world()
    await client.login(BUDI_NIP)
    siti = (await client.data(EMPLOYEE, {"nip": SITI_NIP}))["employee"]
    assert siti["name"] == "Siti Rahmawati"
    assert siti["competencyProfile"]["requirementsTotal"] == 3
    # With spaces, as printed on an ID card.
    assert (await client.data(EMPLOYEE, {"nip": "19920315 201903 2 001"}))["employee"][
        "nip"
    ] == SITI_NIP

    body = await client.gql(EMPLOYEE, {"nip": w.stranger.nip})
    assert body["data"]["employee"] is None
    assert _code(body) == "FORBIDDEN"
    body = await client.gql(EMPLOYEE, {"nip": w.capil_staff.nip})
    assert _code(body) == "FORBIDDEN"


async def test_an_employee_cannot_read_a_colleague_or_guess_a_nip(client):
    w = await make_world()
    await client.login(SITI_NIP)
    assert _code(await client.gql(EMPLOYEE, {"nip": w.colleague.nip})) == "FORBIDDEN"
    # A NIP that does not exist looks exactly like one she may not see.
    assert _code(await client.gql(EMPLOYEE, {"nip": "199001012015011999"})) == "FORBIDDEN"
    assert _code(await client.gql(EMPLOYEES)) == "FORBIDDEN"


async def test_siti_sees_her_supervisors_name_but_not_his_personal_data(client):
    await make_world()
    await client.login(SITI_NIP)
    body = await client.gql("{ me { supervisor { name email } } }")
    assert body["data"]["me"]["supervisor"] == {"name": "Budi Santoso", "email": None}
    assert _code(body) == "FORBIDDEN"
    body = await client.gql("{ me { supervisor { competencyProfile { requirementsTotal } } } }")
    assert _code(body) == "FORBIDDEN"
    data = await client.data("{ me { supervisor { name } } }")
    assert data["me"]["supervisor"]["name"] == "Budi Santoso"


async def test_invalid_nip_is_a_typed_error(client):
    await make_world()
    await client.login(DEWI_NIP)
    for bad, fragment in [
        ("12345", "18 angka"),
        ("19921315201903200X", "18 angka"),
        ("199213152019032001", "Tanggal lahir"),
        ("199202302019032001", "Tanggal lahir"),
    ]:
        body = await client.gql(EMPLOYEE, {"nip": bad})
        assert body["errors"][0]["extensions"] == {"code": "INVALID_NIP", "field": "nip"}, bad
        assert fragment in body["errors"][0]["message"]


async def test_a_nip_that_is_only_valid_as_ni_pppk_is_looked_up_not_refused(client):
    await make_world()
    await client.login(DEWI_NIP)
    # Month 13 breaks the PNS layout, but an NI PPPK only promises a birth date up front.
    assert (await client.data(EMPLOYEE, {"nip": "199203152019132001"}))["employee"] is None


async def test_hr_reads_anyone_and_gets_null_for_an_unknown_nip(client):
    w = await make_world()
    await client.login(DEWI_NIP)
    assert (await client.data(EMPLOYEE, {"nip": w.capil_staff.nip}))["employee"][
        "nip"
    ] == w.capil_staff.nip
    assert (await client.data(EMPLOYEE, {"nip": "199001012015011999"}))["employee"] is None


async def test_employees_for_hr_pages_through_everyone(client):
    await make_world()
    await client.login(DEWI_NIP)
    first = (await client.data(EMPLOYEES, {"first": 3}))["employees"]
    assert first["totalCount"] == 8
    assert len(first["edges"]) == 3
    assert first["pageInfo"]["hasNextPage"] is True
    rest = (await client.data(EMPLOYEES, {"first": 10, "after": first["pageInfo"]["endCursor"]}))[
        "employees"
    ]
    assert len(rest["edges"]) == 5
    assert rest["pageInfo"]["hasNextPage"] is False
    names = [e["node"]["name"] for e in first["edges"] + rest["edges"]]
    assert names == sorted(names)


async def test_employees_for_a_supervisor_is_their_line_only(client):
    w = await make_world()
    await client.login(BUDI_NIP)
    nips = {e["node"]["nip"] for e in (await client.data(EMPLOYEES))["employees"]["edges"]}
    assert nips == {SITI_NIP, w.colleague.nip}
    # The head of Dinkes sees the whole tree below, Budi's staff included.
    await client.login(w.kadis.nip)
    nips = {e["node"]["nip"] for e in (await client.data(EMPLOYEES))["employees"]["edges"]}
    assert nips == {BUDI_NIP, SITI_NIP, w.colleague.nip, w.stranger.nip}


async def test_employees_filters(client):
    w = await make_world()
    await client.login(DEWI_NIP)
    unit_id = to_global_id("OrgUnit", w.dinkes.id)
    data = await client.data(EMPLOYEES, {"filter": {"unitId": unit_id, "search": "siti"}})
    assert [e["node"]["nip"] for e in data["employees"]["edges"]] == [SITI_NIP]
    data = await client.data(EMPLOYEES, {"filter": {"search": "1978"}})
    assert [e["node"]["nip"] for e in data["employees"]["edges"]] == [BUDI_NIP]
    data = await client.data(EMPLOYEES, {"filter": {"positionKind": "JPT"}})
    assert {e["node"]["name"] for e in data["employees"]["edges"]} == {
        "Hendra Gunawan",
        "Yusuf Hidayat",
    }


async def test_bad_paging_arguments_are_typed_errors(client):
    await make_world()
    await client.login(DEWI_NIP)
    assert _code(await client.gql(EMPLOYEES, {"first": 1000})) == "INVALID_PAGE_SIZE"
    assert _code(await client.gql(EMPLOYEES, {"first": -1})) == "INVALID_PAGE_SIZE"
    assert _code(await client.gql(EMPLOYEES, {"after": "not-a-cursor"})) == "INVALID_CURSOR"
    body = await client.gql(EMPLOYEES, {"filter": {"unitId": "bm9wZQ"}})
    assert _code(body) == "INVALID_ID"


async def test_employees_list_costs_the_same_statements_for_any_page_size(client, count_queries):
    w = await make_world()
    from tests.factories import make_employee

    for i in range(30):
        await make_employee(f"Staf {i:02d}", w.siti_pos, w.dinkes)
    await client.login(DEWI_NIP)
    with count_queries() as two:
        await client.data(EMPLOYEES, {"first": 2})
    with count_queries() as thirty:
        await client.data(EMPLOYEES, {"first": 30})
    assert two.count == thirty.count


async def test_node_applies_the_same_rules(client):
    w = await make_world()
    await client.login(SITI_NIP)
    me = await client.data(NODE, {"id": to_global_id("Employee", w.siti.id)})
    assert me["node"]["nip"] == SITI_NIP
    # Guessing the id of someone else: refused, as for an id that does not exist.
    assert (
        _code(await client.gql(NODE, {"id": to_global_id("Employee", w.stranger.id)}))
        == "FORBIDDEN"
    )
    assert _code(await client.gql(NODE, {"id": to_global_id("Employee", 99999)})) == "FORBIDDEN"
    assert _code(await client.gql(NODE, {"id": "garbage!"})) == "INVALID_ID"
    # Public catalog objects are readable by any signed-in employee.
    session = await client.data(NODE, {"id": to_global_id("TrainingSession", w.session.id)})
    assert session["node"]["__typename"] == "TrainingSession"
    await client.login(DEWI_NIP)
    assert (await client.data(NODE, {"id": to_global_id("Employee", 99999)}))["node"] is None
