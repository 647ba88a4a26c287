"""bench/run still works: a few seconds of its machinery on a small PostgreSQL database.

The real benchmark (10,000 employees, 30 s per operation) is `bench/run`; this only keeps it from
rotting: data, servers, sign-in, wrk, the byte comparison with the baseline, subscriptions and
the SQL counts, with every number thrown away except that nothing failed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVER = os.environ.get("PORTAL_TEST_POSTGRES_URL", "postgres://root@127.0.0.1:5432/test")


def _postgres_problem() -> str | None:
    import asyncio

    import asyncpg

    async def probe() -> None:
        conn = await asyncpg.connect(SERVER.replace("postgres://", "postgresql://", 1), timeout=3)
        await conn.close()

    try:
        asyncio.run(probe())
    except Exception as exc:  # any failure to connect means: no PostgreSQL here
        return str(exc)
    return None


@pytest.mark.timeout(600)
def test_bench_run_on_a_small_database(tmp_path: Path) -> None:
    if shutil.which("wrk") is None:
        pytest.skip("wrk is not installed (scripts/test installs it as root: apt-get install wrk)")
    problem = _postgres_problem()
    if problem:
        pytest.skip(f"PostgreSQL not available: {problem}")
    out = tmp_path / "bench.json"
    run = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "perf" / "run.py"),
            "--duration",
            "2",
            "--connections",
            "4",
            "--employees",
            "120",
            "--small",
            "60",
            "--readers",
            "12",
            "--requesters",
            "12",
            "--subscriptions",
            "20",
            "--verify",
            "12",
            "--no-results",
            "--json",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=540,
        env={**os.environ, "PORTAL_BENCH_POSTGRES_URL": SERVER},
    )
    assert run.returncode == 0, run.stderr[-4000:]
    data = json.loads(out.read_text())
    same = data["identical"]
    assert same["compared"] > 0
    assert same["identical"] == same["compared"]
    phases = data["phases"]
    for key in ("home_portal", "home_baseline", "catalog", "report", "request", "mixed"):
        assert phases[key]["answered"] > 0, key
    for key in ("home_portal", "home_baseline", "catalog", "report"):
        assert phases[key]["errors"] == {}, (key, phases[key]["errors"])
    assert data["subscriptions"]["count"] == 20
    assert set(data["statements"]) == {"120", "60"}
    assert "## Portal vs baseline" in run.stdout


@pytest.mark.timeout(300)
def test_report_bench_on_the_smallest_size() -> None:
    """bench/reports/run at 10,000 employees, one timed run, nothing written: load, rebuild of
    the maintained aggregates, every standard report and list."""
    problem = _postgres_problem()
    if problem:
        pytest.skip(f"PostgreSQL not available: {problem}")
    env = {**os.environ, "PORTAL_BENCH_POSTGRES_URL": SERVER.rsplit("/", 1)[0] + "/postgres"}
    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "reports" / "bench.py"), "--sizes", "10000",
         "--runs", "1", "--no-write"],
        capture_output=True, text=True, env=env, timeout=280, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    timed = [line for line in run.stdout.splitlines() if " ms (fastest " in line]
    assert len(timed) == 14, run.stdout  # every standard report and list answered
