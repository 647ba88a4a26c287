"""``portal import KIND FILE [--dry-run]``: exit codes, the printed report, all or nothing.

Most tests call ``portal.cli.main`` in-process (so a write step can be made to fail); one runs
the installed ``portal`` command, as an operator would. Each runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from portal.audit.models import AuditEntry
from portal.cli import main
from portal.db import close_db, init_db
from portal.people.models import Employee, EmploymentHistory
from portal.settings import load_settings
from tests.imports.csvdata import employee_nip, employees_csv

UNITS = (
    "code,name,kind,parent_code\n"
    "PEMKOT,Pemerintah Kota,PEMDA,\n"
    "DINKES,Dinas Kesehatan,DINAS,PEMKOT\n"
)
POSITIONS = (
    "code,name,level,unit_code,grade_class\nDINKES-PLK,Pengadministrasi,PELAKSANA,DINKES,5\n"
)
PORTAL = Path(sys.executable).parent / "portal"


@pytest.fixture
def files(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The CLI pointed at this test's database, with units and positions already imported."""
    monkeypatch.setenv("PORTAL_DATABASE_URL", database_url)
    (tmp_path / "units.csv").write_text(UNITS, encoding="utf-8")
    (tmp_path / "positions.csv").write_text(POSITIONS, encoding="utf-8")
    main(["import", "units", str(tmp_path / "units.csv")])
    main(["import", "positions", str(tmp_path / "positions.csv")])
    return tmp_path


def stored(database_url: str) -> tuple[int, int, int]:
    """Employees, history entries and employee audit entries in the database."""

    async def count() -> tuple[int, int, int]:
        await init_db(load_settings(database_url=database_url))
        try:
            return (
                await Employee.all().count(),
                await EmploymentHistory.all().count(),
                await AuditEntry.filter(action="employee.import").count(),
            )
        finally:
            await close_db()

    return asyncio.run(count())


def run_cli(*args: str) -> int:
    """``main(args)``'s exit status: 0 when it returns."""
    try:
        main(list(args))
    except SystemExit as exit_:
        return int(exit_.code or 0)
    return 0


def test_dry_run_then_import_then_rerun(files, database_url, capsys):
    staff = files / "staff.csv"
    staff.write_text(employees_csv(50, unit_code="DINKES", position_code="DINKES-PLK"))
    capsys.readouterr()

    assert run_cli("import", "employees", str(staff), "--dry-run") == 0
    out = capsys.readouterr().out
    assert out.strip() == (
        "employees: 50 rows read, 50 created, 0 updated, 0 unchanged, 0 errors (dry run)"
    )
    assert stored(database_url) == (0, 0, 0)

    assert run_cli("import", "employees", str(staff)) == 0
    assert "50 created, 0 updated, 0 unchanged, 0 errors (committed)" in capsys.readouterr().out
    assert stored(database_url) == (50, 50, 50)

    assert run_cli("import", "employees", str(staff)) == 0
    assert "0 created, 0 updated, 50 unchanged, 0 errors (committed)" in capsys.readouterr().out
    assert stored(database_url) == (50, 50, 50)


def test_a_bad_row_exits_1_lists_row_and_column_and_writes_nothing(files, database_url, capsys):
    staff = files / "staff.csv"
    good = employees_csv(20, unit_code="DINKES", position_code="DINKES-PLK")
    staff.write_text(good + f"{employee_nip(500)},PNS,Salah,,,V/a,DINKES,,\n")
    capsys.readouterr()

    assert run_cli("import", "employees", str(staff)) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith("1 errors (not written)")
    assert lines[1] == "Ada 1 masalah pada berkas; tidak ada data yang disimpan."
    assert lines[2].startswith("  row 22, column rank: golongan tidak dikenal")
    assert stored(database_url) == (0, 0, 0)


def test_files_that_are_not_utf8_csv_exit_1_and_unreadable_ones_exit_2(files, database_url, capsys):
    ansi = files / "ansi.csv"
    ansi.write_bytes(b"code,name\nX,Dinas Sosial Caf\xe9\n")
    capsys.readouterr()
    assert run_cli("import", "units", str(ansi)) == 1
    out = capsys.readouterr().out
    assert "Berkas bukan teks CSV UTF-8" in out
    assert "  row 2: bukan teks UTF-8" in out

    assert run_cli("import", "units", str(files / "missing.csv")) == 2
    assert "cannot read" in capsys.readouterr().err


def test_a_failure_partway_through_writing_leaves_nothing(files, database_url, monkeypatch):
    """All or nothing: the rows inserted before a later step fails are rolled back with it."""
    staff = files / "staff.csv"
    staff.write_text(employees_csv(1200, unit_code="DINKES", position_code="DINKES-PLK"))
    inserted: list[int] = []

    async def fail_after_insert(*args: Any, **kwargs: Any) -> dict[str, int]:
        inserted.append(await Employee.all().count())  # inside the import's transaction
        raise RuntimeError("disk full (injected)")

    monkeypatch.setattr("portal.imports.employees.ids_by", fail_after_insert)
    with pytest.raises(RuntimeError, match="injected"):
        main(["import", "employees", str(staff)])
    assert inserted == [1200]
    assert stored(database_url) == (0, 0, 0)


def test_the_installed_command(files, database_url):
    """The ``portal`` script itself: exit status and output, as a shell sees them."""
    staff = files / "staff.csv"
    staff.write_text(employees_csv(10, unit_code="DINKES", position_code="DINKES-PLK"))
    env = os.environ | {"PORTAL_DATABASE_URL": database_url}

    def portal(*args: str) -> subprocess.CompletedProcess[str]:
        command = [str(PORTAL), "import", *args]
        return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)

    dry = portal("employees", str(staff), "--dry-run")
    assert (dry.returncode, dry.stdout.strip()) == (
        0,
        "employees: 10 rows read, 10 created, 0 updated, 0 unchanged, 0 errors (dry run)",
    )
    done = portal("employees", str(staff))
    assert (done.returncode, "(committed)" in done.stdout) == (0, True)
    staff.write_text("nip,name\n1,X\n")
    refused = portal("employees", str(staff))
    assert refused.returncode == 1
    assert "row 1, column employment_type: kolom wajib tidak ada" in refused.stdout
    assert stored(database_url) == (10, 10, 10)
