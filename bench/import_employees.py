"""Time a 10,000-employee CSV import on a fresh database (SQLite or PostgreSQL).

    .venv/bin/python bench/import_employees.py sqlite
    .venv/bin/python bench/import_employees.py postgres [postgres://root@127.0.0.1:5432/test]

Two paths, each with its own 10,000 new employees:

- the import service, as ``portal import`` runs it: a dry run, the real import (one transaction:
  employees, hire history, audit entries), an idempotent re-run, and a file that changes every rank;
- the HTTP API, as an HR client uploads the file: ``importFile`` in a multipart POST through the
  whole app in-process (middleware, CSRF check, multipart parsing, GraphQL; no network), signed in
  as HR: a dry run, the real import and a re-run.

The PostgreSQL run uses a scratch database it drops after.
"""

from __future__ import annotations

import asyncio
import json
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portal.app import create_app  # noqa: E402
from portal.db import close_db, init_db, migrate  # noqa: E402
from portal.imports.report import ImportKind  # noqa: E402
from portal.imports.service import import_csv  # noqa: E402
from portal.people.models import Employee, Role, RoleGrant  # noqa: E402
from portal.settings import Settings, load_settings  # noqa: E402
from tests.imports.csvdata import employee_nip, employees_csv  # noqa: E402

COUNT = 10_000
UNITS = (
    "code,name,kind,parent_code\n"
    "PEMKOT,Pemerintah Kota Tangerang Selatan,PEMDA,\n"
    "DINKES,Dinas Kesehatan,DINAS,PEMKOT\n"
)
POSITIONS = (
    "code,name,level,unit_code,grade_class\nDINKES-PLK,Pengadministrasi Umum,PELAKSANA,DINKES,5\n"
)
HR_NIP = employee_nip(0)  # a service-path employee, made HR to sign in for the upload path
UPLOAD = """
mutation($input: ImportFileInput!) {
  importFile(input: $input) {
    __typename
    ... on ImportFileSuccess { report { rows created updated unchanged committed } }
    ... on ImportFileError { code message }
  }
}
"""


async def timed(label: str, **kwargs: object) -> None:
    started = time.perf_counter()
    report = await import_csv(actor_id=None, **kwargs)  # type: ignore[arg-type]
    print(f"{label:>22}: {time.perf_counter() - started:6.2f} s  {report.summary()}")


async def timed_upload(
    http: httpx.AsyncClient, label: str, content: bytes, *, dry_run: bool = False
) -> None:
    operations = {
        "query": UPLOAD,
        "variables": {"input": {"kind": "EMPLOYEES", "file": None, "dryRun": dry_run}},
    }
    started = time.perf_counter()
    response = await http.post(
        "/graphql",
        data={"operations": json.dumps(operations), "map": '{"0": ["variables.input.file"]}'},
        files={"0": ("pegawai.csv", content, "text/csv")},
        headers={"X-Portal-CSRF": "1"},
    )
    elapsed = time.perf_counter() - started
    result = response.json()["data"]["importFile"]
    if result["__typename"] != "ImportFileSuccess":
        raise SystemExit(f"{label}: {result}")
    report = result["report"]
    state = "committed" if report["committed"] else "dry run"
    print(
        f"{label:>22}: {elapsed:6.2f} s  {report['rows']} rows, {report['created']} created, "
        f"{report['updated']} updated, {report['unchanged']} unchanged ({state}, "
        f"{len(content) / 1e6:.1f} MB)"
    )


async def run_service(settings: Settings) -> None:
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
        await RoleGrant.create(employee=await Employee.get(nip=HR_NIP), role=Role.HR)
    finally:
        await close_db()


async def run_upload(settings: Settings) -> None:
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as http:
            signed_in = await http.post("/auth/dev-login", data={"nip": HR_NIP})
            assert signed_in.status_code == 303, signed_in.text
            text = employees_csv(COUNT, unit_code="DINKES", position_code="DINKES-PLK", start=COUNT)
            content = text.encode()
            await timed_upload(http, "upload dry run", content, dry_run=True)
            await timed_upload(http, "upload import", content)
            await timed_upload(http, "upload re-run", content)


async def run(url: str) -> None:
    settings = load_settings(database_url=url, dev_login=True, log_level="WARNING")
    await migrate(settings)
    print("service (portal import):")
    await run_service(settings)
    print("HTTP API (importFile, multipart):")
    await run_upload(settings)


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
