"""``importData``: HR only, the report, the error list, dry run and commit."""

from __future__ import annotations

from portal.people.models import Employee
from tests.factories import DEWI_NIP, SITI_NIP, make_world
from tests.imports.csvdata import employee_nip, employees_csv

IMPORT = """
mutation($input: ImportDataInput!) {
  importData(input: $input) {
    __typename
    ... on ImportDataSuccess {
      report { kind dryRun committed rows created updated unchanged errorCount }
    }
    ... on ImportDataError {
      code field message report { rows errorCount errors { row column reason } }
    }
  }
}
"""


async def test_dewi_imports_a_units_staff_and_a_bad_row_loads_nothing(client):
    w = await make_world()
    await client.login(DEWI_NIP)
    good = employees_csv(20, unit_code=w.dinkes.code, position_code=w.siti_pos.code)
    bad = good + f"{employee_nip(500)},PNS,Salah Golongan,,,V/a,{w.dinkes.code},,\n"
    data = await client.data(IMPORT, {"input": {"kind": "EMPLOYEES", "csv": bad}})
    result = data["importData"]
    assert (result["__typename"], result["code"], result["field"]) == (
        "ImportDataError",
        "INVALID_ROWS",
        "csv",
    )
    assert result["report"]["errors"] == [
        {"row": 22, "column": "rank", "reason": result["report"]["errors"][0]["reason"]}
    ]
    assert await Employee.filter(nip=employee_nip(0)).count() == 0

    dry = await client.data(IMPORT, {"input": {"kind": "EMPLOYEES", "csv": good, "dryRun": True}})
    assert dry["importData"]["report"] == {
        "kind": "EMPLOYEES",
        "dryRun": True,
        "committed": False,
        "rows": 20,
        "created": 20,
        "updated": 0,
        "unchanged": 0,
        "errorCount": 0,
    }
    assert await Employee.filter(nip=employee_nip(0)).count() == 0
    done = await client.data(IMPORT, {"input": {"kind": "EMPLOYEES", "csv": good}})
    assert done["importData"]["report"]["committed"] is True
    assert await Employee.filter(unit_id=w.dinkes.id).count() == 25


async def test_import_is_for_hr_only(client):
    await make_world()
    await client.login(SITI_NIP)
    body = await client.gql(IMPORT, {"input": {"kind": "UNITS", "csv": "code,name\nX,Y\n"}})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
