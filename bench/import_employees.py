"""Time a 10,000-employee CSV import on a fresh database (SQLite or PostgreSQL).

    .venv/bin/python bench/import_employees.py sqlite
    .venv/bin/python bench/import_employees.py postgres [postgres://root@127.0.0.1:5432/test]

Measures a dry run, the real import (one transaction: employees, hire history, audit entries) and
an idempotent re-run of the same file. The PostgreSQL run uses a scratch database it drops after.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portal.db import close_db, init_db, migrate  # noqa: E402
from portal.imports.report import ImportKind  # noqa: E402
from portal.imports.service import import_csv  # noqa: E402
from portal.settings import load_settings  # noqa: E402
from tests.imports.csvdata import employees_csv  # noqa: E402

COUNT = 10_000
UNITS = (
    "code,name,kind,parent_code\n"
    "PEMKOT,Pemerintah Kota Tangerang Selatan,PEMDA,\n"
    "DINKES,Dinas Kesehatan,DINAS,PEMKOT\n"
)
POSITIONS = (
    "code,name,level,unit_code,grade_class\nDINKES-PLK,Pengadministrasi Umum,PELAKSANA,DINKES,5\n"
)


async def timed(label: str, **kwargs: object) -> None:
    started = time.perf_counter()
    report = await import_csv(actor_id=None, **kwargs)  # type: ignore[arg-type]
    print(f"{label:>22}: {time.perf_counter() - started:6.2f} s  {report.summary()}")


async def run(url: str) -> None:
    settings = load_settings(database_url=url)
    await migrate(settings)
    await init_db(settings)
    try:
        await import_csv(kind=ImportKind.UNITS, text=UNITS, actor_id=None)
        await import_csv(kind=ImportKind.POSITIONS, text=POSITIONS, actor_id=None)
        text = employees_csv(COUNT, unit_code="DINKES", position_code="DINKES-PLK")
        await timed("dry run", kind=ImportKind.EMPLOYEES, text=text, dry_run=True)
        await timed("import", kind=ImportKind.EMPLOYEES, text=text)
        await timed("re-run (unchanged)", kind=ImportKind.EMPLOYEES, text=text)
        changed = employees_csv(COUNT, unit_code="DINKES", position_code="DINKES-PLK", rank_shift=1)
        await timed("every rank changed", kind=ImportKind.EMPLOYEES, text=changed)
    finally:
        await close_db()


async def pg_admin(admin_url: str, sql: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(admin_url)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


def main() -> None:
    engine = sys.argv[1] if len(sys.argv) > 1 else "sqlite"
    if engine == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            print(f"SQLite, {COUNT} employees")
            asyncio.run(run(f"sqlite://{folder}/bench.sqlite3"))
        return
    admin = sys.argv[2] if len(sys.argv) > 2 else "postgres://root@127.0.0.1:5432/test"
    name = f"portal_bench_{uuid.uuid4().hex[:8]}"
    asyncio.run(pg_admin(admin, f'CREATE DATABASE "{name}"'))
    try:
        print(f"PostgreSQL, {COUNT} employees")
        asyncio.run(run(f"{admin.rpartition('/')[0]}/{name}"))
    finally:
        asyncio.run(pg_admin(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


if __name__ == "__main__":
    main()
