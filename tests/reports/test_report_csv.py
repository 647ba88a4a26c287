"""The CSV download of a report: same parameters and authorization as the query."""

from __future__ import annotations

import json
from pathlib import Path

from graphql import parse, print_ast

from portal.graphql.relay import to_global_id
from portal.graphql.reports.export import DOCUMENT
from tests.conftest import running_app
from tests.factories import DEWI_NIP, SITI_NIP
from tests.reports.world import make_report_world

URL = "/reports/export.csv"


def _staffing(rw) -> dict:
    return {
        "measures": ["HEADCOUNT", "REQUIRED_HEADCOUNT", "STAFFING_GAP", "POSITIONS_WITHOUT_ABK"],
        "groupBy": ["UNIT"],
        "unitLevel": 2,
        "filters": [{"dimension": "UNIT", "values": [to_global_id("OrgUnit", rw.w.dinkes.id)]}],
    }


async def test_hr_downloads_the_staffing_report(client):
    rw = await make_report_world()
    await client.login(DEWI_NIP)
    response = await client.http.get(URL, params={"input": json.dumps(_staffing(rw))})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"].startswith('attachment; filename="laporan-')
    raw = response.content.decode("utf-8")
    assert raw.startswith("\ufeff")
    assert raw[1:].split("\r\n") == [
        "Unit Kerja,Jumlah Pegawai,Kebutuhan Pegawai (ABK),Selisih Kebutuhan,"
        "Jabatan Tanpa ABK,Disamarkan",
        "Dinas Kesehatan,5,4.20,0.20,1,",
        "Puskesmas Pamulang,5,5.60,1.60,1,",
        "Total,10,9.80,1.80,2,",
        "",
    ]


async def test_csv_quotes_names_and_defuses_formulas(client):
    rw = await make_report_world()
    rw.puskesmas.name = 'Puskesmas "Pamulang", Kota'
    await rw.puskesmas.save(update_fields=["name"])
    rw.w.bkpsdm.name = '=HYPERLINK("http://x")'
    await rw.w.bkpsdm.save(update_fields=["name"])
    await client.login(DEWI_NIP)
    input_ = {"measures": ["HEADCOUNT"], "groupBy": ["UNIT"], "sort": [{"dimension": "UNIT"}]}
    response = await client.http.get(URL, params={"input": json.dumps(input_)})
    lines = response.content.decode("utf-8")[1:].split("\r\n")
    assert lines[1] == '"\'=HYPERLINK(""http://x"")",1,'
    assert '"Puskesmas ""Pamulang"", Kota",4,' in lines


async def test_csv_suppresses_like_the_query(client):
    rw = await make_report_world()
    await client.login(rw.w.kadis.nip)
    input_ = {"measures": ["HEADCOUNT"], "groupBy": ["UNIT"]}
    response = await client.http.get(URL, params={"input": json.dumps(input_)})
    assert response.status_code == 200, response.text
    assert response.content.decode("utf-8")[1:].split("\r\n") == [
        "Unit Kerja,Jumlah Pegawai,Disamarkan",
        "Dinas Kesehatan,4,",
        "Puskesmas Pamulang,4,",
        "Pustu Pondok Cabe,,ya",
        "Total,,ya",
        "",
    ]
    input_ = {"measures": ["EMPLOYEES_WITH_GAP", "AVG_COMPETENCY_GAP"], "groupBy": ["UNIT"]}
    response = await client.http.get(URL, params={"input": json.dumps(input_)})
    # Dinkes: Budi 0, Siti 0 1 3, Rina 2 2 3, Agus 1; the Puskesmas doctors 0 1 2.
    assert response.content.decode("utf-8")[1:].split("\r\n")[1:4] == [
        "Dinas Kesehatan,3,1.50,",
        "Puskesmas Pamulang,2,1.00,",
        "Total,5,1.36,",
    ]


async def test_csv_refuses_like_the_query(client):
    await make_report_world()
    good = json.dumps({"measures": ["HEADCOUNT"]})
    assert (await client.http.get(URL, params={"input": good})).status_code == 401
    await client.login(SITI_NIP)
    assert (await client.http.get(URL, params={"input": good})).status_code == 403
    await client.login(DEWI_NIP)
    assert (await client.http.get(URL, params={"input": "{not json"})).status_code == 400
    assert (await client.http.get(URL)).status_code == 400
    unsupported = json.dumps({"measures": ["REQUIRED_HEADCOUNT"], "groupBy": ["GENDER"]})
    response = await client.http.get(URL, params={"input": unsupported})
    assert response.status_code == 400
    assert response.text.startswith("UNSUPPORTED_COMBINATION: ")
    wrong_shape = json.dumps({"measures": ["NOT_A_MEASURE"]})
    assert (await client.http.get(URL, params={"input": wrong_shape})).status_code == 400


def test_the_export_runs_a_trusted_document():
    ops = Path(__file__).resolve().parents[2] / "schema" / "operations" / "ReportCsv.graphql"
    assert print_ast(parse(ops.read_text(encoding="utf-8"))) == print_ast(parse(DOCUMENT))


async def test_a_supervisor_downloads_when_only_trusted_documents_run(db):
    rw = await make_report_world()
    strict = db.model_copy(update={"trusted_documents": True})
    async with running_app(strict) as client:
        await client.login(rw.w.kadis.nip)
        input_ = json.dumps({"measures": ["HEADCOUNT"], "groupBy": ["UNIT"]})
        response = await client.http.get(URL, params={"input": input_})
    assert response.status_code == 200, response.text
    assert response.content.decode("utf-8")[1:].split("\r\n")[1] == "Dinas Kesehatan,4,"
