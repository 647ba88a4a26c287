"""The SIASN training-history export: exact CSV, streamed in batches, HR only, CLI and HTTP."""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import io

import pytest

from portal.audit.models import AuditEntry
from portal.cli import main
from portal.db import close_db, init_db
from portal.training.errors import ExportError
from portal.training.export import check_export, training_history_csv
from portal.training.models import TrainingMethod, TrainingRecord
from tests.factories import DEWI_NIP, SITI_NIP, make_world

YEAR = 2025
HEADER = (
    "\ufeffNIP,Nama,Jenis,Nama Kursus/Diklat,Penyelenggara,Tahun,Tanggal Selesai,"
    "Jumlah Jam (JP),Nomor Sertifikat\r\n"
)


async def _records():
    w = await make_world()
    w.siti.front_title, w.siti.back_title = "Ns.", "S.Kep"
    await w.siti.save(update_fields=["front_title", "back_title"])

    async def add(employee, title, method, jp, day, certificate="", year=YEAR):
        await TrainingRecord.create(
            employee=employee,
            title=title,
            method=method,
            organiser="BKPSDM Kota Tangerang Selatan",
            jp=jp,
            year=year,
            completed_on=dt.date(year, 3, day),
            certificate_number=certificate,
        )

    await add(
        w.siti,
        'Pelatihan Asuhan Keperawatan "Kritis", Angkatan I',
        TrainingMethod.PELATIHAN,
        24,
        15,
        "800/123/BKPSDM/2025",
    )
    await add(w.siti, '=HYPERLINK("http://contoh")', TrainingMethod.E_LEARNING, 2, 1)
    await add(w.colleague, "Seminar Pelayanan Prima", TrainingMethod.SEMINAR, 4, 9)
    await add(w.capil_staff, "Workshop Adminduk", TrainingMethod.WORKSHOP, 8, 20)
    await add(w.siti, "Tahun lalu", TrainingMethod.SEMINAR, 2, 1, year=YEAR - 1)
    return w


async def _text(**kwargs) -> tuple[str, int]:
    chunks = [c async for c in training_history_csv(year=YEAR, **kwargs)]
    return "".join(chunks), len(chunks)


async def test_csv_has_siasn_columns_quoting_and_bom(db):
    w = await _records()
    text, _ = await _text()
    assert text.startswith(HEADER)
    lines = text.removeprefix(HEADER).split("\r\n")
    assert lines[-1] == ""  # every record ends with CRLF
    by_nip = [*sorted([w.colleague.nip, w.capil_staff.nip]), SITI_NIP, SITI_NIP]
    assert [line.split(",")[0] for line in lines[:-1]] == by_nip
    siti = [line for line in lines if line.startswith(SITI_NIP)]
    assert siti == [
        f'{SITI_NIP},"Ns. Siti Rahmawati, S.Kep",Klasikal,'
        '"Pelatihan Asuhan Keperawatan ""Kritis"", Angkatan I",BKPSDM Kota Tangerang Selatan,'
        "2025,15-03-2025,24,800/123/BKPSDM/2025",
        f'{SITI_NIP},"Ns. Siti Rahmawati, S.Kep",Non-Klasikal,'
        '"\'=HYPERLINK(""http://contoh"")",BKPSDM Kota Tangerang Selatan,2025,01-03-2025,2,',
    ]
    parsed = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert parsed[0][0] == "NIP"
    assert len(parsed) == 5
    assert all(len(row) == 9 for row in parsed)


async def test_unit_filter_takes_the_subtree_and_batches_stream(db):
    w = await _records()
    path = await check_export(year=YEAR, unit_code=w.dinkes.code)
    whole, chunks = await _text(unit_path=path)
    assert w.capil_staff.nip not in whole
    assert whole.count(SITI_NIP) == 2
    batched, batch_chunks = await _text(unit_path=path, batch_size=1)
    assert batched == whole
    assert batch_chunks == 4
    assert chunks == 2
    pemda = await check_export(year=YEAR, unit_code=(await w.dinkes.parent).code)
    assert (await _text(unit_path=pemda))[0].count("\r\n") == 5


async def test_bad_parameters_are_typed(db):
    await make_world()
    for year, unit, code in [(1800, None, "INVALID_YEAR"), (YEAR, "NOPE", "UNIT_NOT_FOUND")]:
        with pytest.raises(ExportError) as error:
            await check_export(year=year, unit_code=unit)
        assert error.value.code == code


async def test_download_is_hr_only_streamed_and_audited(client):
    w = await _records()
    url = f"/exports/training-history.csv?year={YEAR}&unit={w.dinkes.code}"
    assert (await client.http.get(url)).status_code == 401
    await client.login(SITI_NIP)
    assert (await client.http.get(url)).status_code == 403
    await client.login(DEWI_NIP)
    response = await client.http.get(url)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == (
        f'attachment; filename="riwayat-diklat-{YEAR}-{w.dinkes.code}.csv"'
    )
    assert response.content.startswith(b"\xef\xbb\xbfNIP,Nama,Jenis")
    assert response.content.decode("utf-8").count(SITI_NIP) == 2
    [entry] = await AuditEntry.filter(action="training_history.exported")
    assert entry.actor_id == w.dewi.id
    assert entry.after == {"year": YEAR, "unit": w.dinkes.code}
    for bad in ("?year=abc", "?unit=X", f"?year={YEAR}&unit=NOPE", "?year=1800"):
        assert (await client.http.get("/exports/training-history.csv" + bad)).status_code == 400


def test_cli_writes_the_same_csv(settings, monkeypatch, capsysbinary):
    async def setup() -> str:
        await init_db(settings)
        try:
            w = await _records()
            return w.dinkes.code
        finally:
            await close_db()

    code = asyncio.run(setup())
    monkeypatch.setenv("PORTAL_DATABASE_URL", settings.database_url)
    main(["export-training", "--year", str(YEAR), "--unit", code])
    out = capsysbinary.readouterr().out
    assert out.startswith(HEADER.encode("utf-8"))
    assert out.count(SITI_NIP.encode()) == 2
    assert out.count(b"\r\n") == 4
    with pytest.raises(SystemExit) as stop:
        main(["export-training", "--year", str(YEAR), "--unit", "NOPE"])
    assert "UNIT_NOT_FOUND" in str(stop.value)
