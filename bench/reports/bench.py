"""Times the standard reports at 10k, 100k and 1M employees on PostgreSQL.

For each size: a fresh database, migrated (so the report indexes of ``portal/migrations`` are
there), filled by ``load.py`` inside PostgreSQL, analysed; then each standard report runs 12 times
to warm up (past PostgreSQL's switch to generic plans) and ``--runs`` more times through the same
domain function the API calls (``run_scoped_report``: SQL building, the one statement, typed
rows). The median goes to
``bench/RESULTS.md`` (section "Reports"), the largest size's EXPLAIN ANALYZE plans to
``bench/reports/plans/``; the database is dropped afterwards, also on failure.

    bench/reports/run                      # 10k, 100k, 1M (about 15 minutes)
    bench/reports/run --sizes 10000 --runs 3
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import re
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import load  # noqa: E402

from portal.db import close_db, fetch, init_db, migrate  # noqa: E402
from portal.reports.access import Scope  # noqa: E402
from portal.reports.builder import build_report_sql  # noqa: E402
from portal.reports.catalog import Dimension as D  # noqa: E402
from portal.reports.catalog import Measure as M  # noqa: E402
from portal.reports.service import run_scoped_report, today  # noqa: E402
from portal.reports.shortfalls import (  # noqa: E402
    closing_courses,
    list_competency_gaps,
    list_jp_shortfalls,
)
from portal.reports.spec import Filter, ReportSpec, resolve  # noqa: E402
from portal.reports.staffing import StaffingDirection, list_staffing_needs  # noqa: E402
from portal.settings import load_settings  # noqa: E402

SERVER = os.environ.get("PORTAL_BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
RESULTS = ROOT / "bench" / "RESULTS.md"
PLANS = Path(__file__).resolve().parent / "plans"
TARGET_MS = 1000.0
WARM_UP = 12  # 6 runs for each of the report pool's 2 connections
EVERYTHING = Scope(everything=True)


@dataclass(frozen=True)
class Ids:
    opd: int  # one OPD ("Dinas Kesehatan" of the questions)
    kadis_position: int  # its head's position
    pelayanan: int  # M.05 Pelayanan Publik


@dataclass(frozen=True)
class Case:
    name: str
    question: str
    spec: Callable[[Ids], ReportSpec] | None = None
    scope: Callable[[Ids], Scope] = lambda ids: EVERYTHING
    min_group: int = 0
    run: Callable[[Ids], Awaitable[Any]] | None = None  # a list instead of a report


STAFFING = (M.HEADCOUNT, M.REQUIRED_HEADCOUNT, M.STAFFING_GAP, M.POSITIONS_WITHOUT_ABK)
CASES = [
    Case("headcount", "Headcount per OPD x PNS/PPPK x gender",
         lambda i: ReportSpec((M.HEADCOUNT,), (D.UNIT, D.EMPLOYMENT_TYPE, D.GENDER), unit_level=2)),
    Case("staffing_per_opd", "Staffing need and gap per OPD (all pemdas)",
         lambda i: ReportSpec(STAFFING, (D.UNIT,), unit_level=2)),
    Case("staffing_one_opd", "Staffing gap per unit of one OPD (Dewi's first question)",
         lambda i: ReportSpec(STAFFING, (D.UNIT,), (Filter(D.UNIT, (str(i.opd),)),),
                              unit_level=3)),
    Case("gap_pelayanan_by_rank", "Average gap in Pelayanan Publik per rank (Dewi's second)",
         lambda i: ReportSpec((M.AVG_COMPETENCY_GAP, M.MAX_COMPETENCY_GAP, M.JOB_PERSON_MATCH),
                              (D.RANK,), (Filter(D.COMPETENCY, (str(i.pelayanan),)),))),
    Case("jpm_per_opd", "Job-person match and average gap per OPD, every competency",
         lambda i: ReportSpec((M.JOB_PERSON_MATCH, M.AVG_COMPETENCY_GAP), (D.UNIT,),
                              unit_level=2)),
    Case("jp_right_per_opd", "Under 20 JP this year per OPD (Dewi's third, in numbers)",
         lambda i: ReportSpec((M.EMPLOYEES_UNDER_20_JP, M.JP_MISSING, M.JP_RIGHT_MET_SHARE),
                              (D.UNIT,), unit_level=2)),
    Case("jp_by_month", "JP completed per month and position kind this year",
         lambda i: ReportSpec((M.JP_COMPLETED,), (D.MONTH, D.POSITION_KIND))),
    Case("enrollments_by_status", "Enrollments per status and month this year",
         lambda i: ReportSpec((M.ENROLLMENTS,), (D.ENROLLMENT_STATUS, D.MONTH))),
    Case("approval_per_opd", "Median approval hours and enrollments per OPD this year",
         lambda i: ReportSpec((M.MEDIAN_APPROVAL_HOURS, M.ENROLLMENTS), (D.UNIT,),
                              unit_level=2)),
    Case("unit_head_ranks", "Unit head of one OPD: headcount per rank and gender (suppressed)",
         lambda i: ReportSpec((M.HEADCOUNT,), (D.RANK, D.GENDER)),
         scope=lambda i: Scope(False, unit_ids=(i.opd,)), min_group=3),
    Case("supervisor_jp", "Head of one OPD (supervisor): 20 JP share per unit of the line",
         lambda i: ReportSpec((M.JP_RIGHT_MET_SHARE,), (D.UNIT,)),
         scope=lambda i: Scope(False, root_position_ids=(i.kadis_position,)), min_group=3),
    Case("list_under_20_jp", "Who is under 20 JP this year (first page of 50, with total)",
         run=lambda i: list_jp_shortfalls(scope=EVERYTHING, year=today().year, limit=50)),
    Case("list_gaps_pelayanan", "Who falls short in Pelayanan Publik (page of 50 + courses)",
         run=lambda i: _gaps_page(i)),
    Case("list_shortages", "Positions with the largest staffing shortage (page of 50)",
         run=lambda i: list_staffing_needs(
             scope=EVERYTHING, direction=StaffingDirection.SHORTAGE, limit=50)),
]  # fmt: skip


async def _gaps_page(ids: Ids) -> Any:
    page = await list_competency_gaps(scope=EVERYTHING, competency_id=ids.pelayanan, limit=50)
    return await closing_courses(page.items)


def _db_url(name: str) -> str:
    return SERVER.rsplit("/", 1)[0] + "/" + name


async def _admin(sql: str) -> None:
    conn = await asyncpg.connect(SERVER)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


async def _ids() -> Ids:
    opd = await fetch("SELECT min(id) AS id FROM org_unit WHERE kind = 'DINAS'")
    kadis = await fetch("SELECT id FROM position WHERE unit_id = $1 AND parent_id IS NULL",
                        [opd[0]["id"]])  # fmt: skip
    comp = await fetch("SELECT id FROM competency WHERE code = 'M.05'")
    return Ids(int(opd[0]["id"]), int(kadis[0]["id"]), int(comp[0]["id"]))


def _load() -> float:
    """The 1-minute load average (the machine may be shared with other work)."""
    try:
        return float(Path("/proc/loadavg").read_text().split()[0])
    except (OSError, ValueError):
        return float("nan")


async def _time(case: Case, ids: Ids, runs: int) -> tuple[float, float]:
    async def once() -> None:
        if case.run is not None:
            await case.run(ids)
        else:
            assert case.spec is not None
            await run_scoped_report(
                spec=case.spec(ids), scope=case.scope(ids), min_group=case.min_group
            )

    # Warm-up: caches, and past the fifth run of a prepared statement on each pooled connection,
    # where PostgreSQL may switch to a generic plan (a long-lived server's steady state; it once
    # made one report four times slower, see NOTES.md).
    for _ in range(WARM_UP):
        await once()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        await once()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples), min(samples)


async def _explain(case: Case, ids: Ids, size: int) -> None:
    if case.spec is None:
        return
    plan = resolve(case.spec(ids), this_year=today().year)
    built = build_report_sql(
        plan, case.scope(ids), dialect="postgres", today=today(), min_group=case.min_group
    )
    rows = await fetch("EXPLAIN (ANALYZE, TIMING OFF, BUFFERS) " + built.sql, built.params)
    PLANS.mkdir(exist_ok=True)
    text = "\n".join(r["QUERY PLAN"] for r in rows)
    header = f"-- {case.question} ({size:,} employees)"
    (PLANS / f"{case.name}.txt").write_text(
        f"{header}\n{built.sql}\n\n-- params {built.params}\n\n{text}\n"
    )


async def run_size(size: int, runs: int, explain: bool) -> tuple[dict[str, float], dict[str, Any]]:
    name = f"portal_bench_reports_{size}"
    await _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await _admin(f'CREATE DATABASE "{name}"')
    info: dict[str, Any] = {}
    try:
        settings = load_settings(database_url=_db_url(name), database_pool_max=2)
        await migrate(settings)
        conn = await asyncpg.connect(_db_url(name))
        try:
            started = time.perf_counter()
            info["steps"] = await load(conn, size, today())
            info["load_s"] = time.perf_counter() - started
            info["rows"] = {
                t: await conn.fetchval(f"SELECT count(*) FROM {t}")
                for t in ("employee", "position", "assessment", "training_record", "enrollment",
                          "enrollment_event", "competency_current", "competency_summary",
                          "training_jp_year")
            }  # fmt: skip
            info["db_size"] = await conn.fetchval(
                "SELECT pg_size_pretty(pg_database_size(current_database()))"
            )
        finally:
            await conn.close()
        print(f"{size:>9,} loaded in {info['load_s']:.0f} s: {info['rows']}", flush=True)
        await init_db(settings)
        try:
            ids = await _ids()
            timings: dict[str, float] = {}
            fastest: dict[str, float] = {}
            loads = [_load()]
            for case in CASES:
                timings[case.name], fastest[case.name] = await _time(case, ids, runs)
                loads.append(_load())
                print(
                    f"{size:>9,} {case.name:<24} {timings[case.name]:9.1f} ms "
                    f"(fastest {fastest[case.name]:.1f})",
                    flush=True,
                )
                if explain:
                    await _explain(case, ids, size)
            info["load"] = (min(loads), max(loads))
            info["fastest"] = fastest
        finally:
            await close_db()
    finally:
        await _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return timings, info


def _section(
    results: dict[int, dict[str, float]], infos: dict[int, dict[str, Any]], runs: int
) -> str:
    sizes = sorted(results)
    lines = [
        "## Reports",
        "",
        f"Regenerate: `bench/reports/run` (sizes {', '.join(f'{s:,}' for s in sizes)}; median "
        f"of {runs} runs after {WARM_UP} to warm up; PostgreSQL "
        f"{infos[sizes[0]].get('server', '')}, "
        f"{os.cpu_count()} cores). Measured {dt.date.today():%Y-%m-%d}. Each time is the whole "
        "domain call the API makes (SQL built, one statement, typed rows). Target: under "
        f"{TARGET_MS:.0f} ms at 1M employees. Plans and index notes: `bench/reports/NOTES.md`.",
        "",
        "| Report | "
        + " | ".join(f"{s:,} employees" for s in sizes)
        + f" | {sizes[-1]:,}, fastest run | Target (median) |",
        "|---|" + "---:|" * (len(sizes) + 1) + ":---:|",
    ]
    largest = sizes[-1]
    for case in CASES:
        cells = [f"{results[s][case.name]:,.0f} ms" for s in sizes]
        cells.append(f"{infos[largest]['fastest'][case.name]:,.0f} ms")
        met = (
            "yes"
            if results[largest][case.name] < TARGET_MS
            else (f"no (x{results[largest][case.name] / TARGET_MS:.1f})")
        )
        lines.append(f"| {case.question} | " + " | ".join(cells) + f" | {met} |")
    lines += ["", "| Data | " + " | ".join(f"{s:,}" for s in sizes) + " |",
              "|---|" + "---:|" * len(sizes)]  # fmt: skip
    for table in infos[largest]["rows"]:
        counts = " | ".join(f"{infos[s]['rows'][table]:,}" for s in sizes)
        lines.append(f"| {table} rows | {counts} |")
    lines.append("| load time | " + " | ".join(f"{infos[s]['load_s']:.0f} s" for s in sizes) + " |")
    lines.append("| database size | " + " | ".join(str(infos[s]["db_size"]) for s in sizes) + " |")
    loads = " | ".join("{:.1f}-{:.1f}".format(*infos[s]["load"]) for s in sizes)
    lines.append(f"| load average while timing | {loads} |")
    lines += [
        "",
        f"The {os.cpu_count()}-core machine is shared with other engineers' test suites: the last "
        "row is its 1-minute load average while the reports ran. A report itself runs in up to "
        "3 processes (a leader and 2 parallel workers); anything above that is other work the "
        "reports waited for. Contention only adds time, so the fastest of the runs is the "
        "closer estimate of a quiet machine.",
    ]
    return "\n".join(lines) + "\n"


def write_results(section: str) -> None:
    """Replace (or add) only the "## Reports" section of bench/RESULTS.md."""
    text = RESULTS.read_text() if RESULTS.exists() else "# Benchmark results\n"
    pattern = re.compile(r"^## Reports\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(section + "\n", text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    RESULTS.write_text(text.rstrip("\n") + "\n")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--no-write", action="store_true", help="print only: keep RESULTS.md and plans/"
    )
    args = parser.parse_args()
    results: dict[int, dict[str, float]] = {}
    infos: dict[int, dict[str, Any]] = {}
    for size in sorted(args.sizes):
        explain = size == max(args.sizes) and not args.no_write
        results[size], infos[size] = await run_size(size, args.runs, explain)
    conn = await asyncpg.connect(SERVER)
    infos[min(results)]["server"] = (await conn.fetchval("SHOW server_version")).split()[0]
    await conn.close()
    if not args.no_write:
        write_results(_section(results, infos, args.runs))
        print(f"wrote {RESULTS.relative_to(ROOT)} (section Reports)")


if __name__ == "__main__":
    asyncio.run(main())
