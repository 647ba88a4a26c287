"""Portal vs baseline: the load benchmark of issue 10 (entry point: ``bench/run``).

One run: a fresh PostgreSQL database with the Tangsel-sized demo data (10,000 employees), the
portal and the baseline (bench/baseline) each with ``--workers`` processes, people signed in
through the development sign-in, then wrk at 50 connections over loopback: the home query on
both servers (byte-identical answers checked first), the catalog, a standard report,
requestEnrollment, decideEnrollment and a mixed load. Memory per worker is sampled throughout;
1,000 subscriptions are opened from one process; SQL statements per request are counted
in-process at 1,000 and 10,000 employees. The section "Portal vs baseline" of bench/RESULTS.md
is rewritten; the databases are dropped, also on failure.

    bench/run                      # about 8 minutes
    bench/run --soak 600           # the mixed load for 10 minutes (memory after 10 minutes)
    bench/run --duration 5 --employees 1000 --small 300 --no-results   # a quick look
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import dataclasses
import datetime as dt
import json
import os
import platform
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

import database  # noqa: E402
import httpx  # noqa: E402
import load  # noqa: E402
import operations  # noqa: E402
import report  # noqa: E402
import servers  # noqa: E402
import signin  # noqa: E402
import subscriptions  # noqa: E402

JAKARTA = ZoneInfo("Asia/Jakarta")


def gid(type_name: str, pk: int) -> str:
    return base64.urlsafe_b64encode(f"{type_name}:{pk}".encode()).decode().rstrip("=")


def cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode().rstrip("=")


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="bench/run", description=__doc__.split("\n")[0])
    p.add_argument("--workers", type=int, default=2, help="worker processes of each server")
    p.add_argument("--duration", type=float, default=30, help="seconds of load per operation")
    p.add_argument(
        "--soak",
        type=float,
        default=0,
        help="seconds of the mixed load (default: --duration); 600 for the 10-minute soak",
    )
    p.add_argument("--connections", type=int, default=50)
    p.add_argument("--threads", type=int, default=2, help="wrk threads")
    p.add_argument("--employees", type=int, default=10_000, help="the data set")
    p.add_argument(
        "--small",
        type=int,
        default=1_000,
        help="the smaller data set SQL statements are compared with (0: skip)",
    )
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--readers", type=int, default=300, help="employees whose cookies read")
    p.add_argument("--requesters", type=int, default=800, help="employees who ask for seats")
    p.add_argument("--subscriptions", type=int, default=1_000)
    p.add_argument("--verify", type=int, default=50, help="people whose home answers are compared")
    p.add_argument(
        "--pool-max",
        type=int,
        default=None,
        help="PORTAL_DATABASE_POOL_MAX for both servers (default: the portal's)",
    )
    p.add_argument(
        "--profile",
        action="store_true",
        help="py-spy the first portal worker during the first home round "
        "(bench/perf/profiles/; needs .venv/bin/pip install py-spy)",
    )
    p.add_argument("--results", type=Path, default=ROOT / "bench" / "RESULTS.md")
    p.add_argument("--no-results", action="store_true", help="print only, leave RESULTS.md")
    p.add_argument("--json", type=Path, default=None, help="also write every number as JSON")
    return p.parse_args(argv)


def machine() -> dict[str, str]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown",
    )
    mem_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )
    wrk = subprocess.run(["wrk", "-v"], capture_output=True, text=True)
    from importlib.metadata import version

    packages = ", ".join(
        f"{name} {version(name)}"
        for name in (
            "strawberry-graphql",
            "tortoise-orm",
            "asyncpg",
            "starlette",
            "uvicorn",
            "orjson",
        )
    )
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "ram": f"{mem_kb / 1024 / 1024:.1f} GiB",
        "python": platform.python_version(),
        "postgres": asyncio.run(database.server_version()),
        "wrk": (wrk.stdout or wrk.stderr).splitlines()[0].split(" Copyright")[0].strip(),
        "packages": packages,
        "kernel": platform.release(),
    }


def compare_home(portal: str, baseline: str, cookies: list[str], year: int) -> dict[str, Any]:
    """The same persona's home answer from both servers must be the same bytes."""
    body = load.body(operations.documents()["home"], "Home", {"year": year})
    same, sizes, first_diff = 0, [], None
    with httpx.Client(timeout=30, headers={"Accept-Encoding": "identity"}) as http:
        for cookie in cookies:
            headers = {"Cookie": cookie, "Origin": portal, "Content-Type": "application/json"}
            a = http.post(f"{portal}/graphql", json=body, headers=headers)
            b = http.post(f"{baseline}/graphql", json=body, headers=headers)
            if a.status_code == b.status_code == 200 and a.content == b.content:
                same += 1
                sizes.append(len(a.content))
            elif first_diff is None:
                first_diff = {"portal": a.text[:2000], "baseline": b.text[:2000]}
    return {
        "compared": len(cookies),
        "identical": same,
        "bytes_min": min(sizes, default=0),
        "bytes_max": max(sizes, default=0),
        "first_difference": first_diff,
    }


def run_statements(
    db: str, cast: database.Cast, year: int, *, samples: int, pairs_from: int
) -> dict[str, Any]:
    warm = 8  # every pooled connection has prepared the statements by then
    spec = {
        "database_url": database.database_url(db),
        "year": year,
        "warm": warm,
        "readers": cast.readers[: warm + samples],
        "hr": cast.hr,
        "pairs": cast.pairs[pairs_from : pairs_from + warm + samples],
        "report_samples": samples,
    }
    out = subprocess.run(
        [servers.PYTHON, str(HERE / "statements.py")],
        input=json.dumps(spec),
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PORTAL_LOG_LEVEL": "WARNING"},
    )
    if out.returncode:
        raise RuntimeError(f"statement count failed:\n{out.stderr[-4000:]}")
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not load.wrk_available():
        sys.exit("bench/run needs wrk: apt-get install -y wrk")
    started = time.monotonic()
    today = dt.datetime.now(JAKARTA).date()
    year = today.year
    info = machine()
    docs = operations.documents()
    db = f"portal_bench_{os.getpid()}"
    small_db = f"{db}_small"
    data: dict[str, Any] = {
        "machine": info,
        "args": {k: str(v) for k, v in vars(args).items()},
        "date": today.isoformat(),
        "phases": {},
    }
    logs = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    try:
        log(f"database {db}: {args.employees} employees")
        asyncio.run(database.create(db))
        data["dataset"] = database.load(db, employees=args.employees, seed=args.seed)
        asyncio.run(database.analyze(db))
        cast = asyncio.run(
            database.cast(db, readers=args.readers, requesters=args.requesters, seed=args.seed)
        )
        log(
            f"cast: {len(cast.readers)} readers, {len(cast.hr)} HR, {len(cast.requesters)} "
            f"requesters, {len(cast.supervisors)} approvers, {len(cast.pairs)} request pairs"
        )
        measure_servers(args, db, cast, docs, year, data, logs)

        log("SQL statements per request")
        split = len(cast.pairs) * 2 // 3
        data["statements"] = {
            str(args.employees): run_statements(db, cast, year, samples=10, pairs_from=split - 40)
        }
        asyncio.run(database.drop(db))
        if args.small:
            asyncio.run(database.create(small_db))
            database.load(small_db, employees=args.small, seed=args.seed)
            asyncio.run(database.analyze(small_db))
            small_cast = asyncio.run(
                database.cast(small_db, readers=20, requesters=50, seed=args.seed)
            )
            data["statements"][str(args.small)] = run_statements(
                small_db, small_cast, year, samples=10, pairs_from=0
            )
    finally:
        asyncio.run(database.drop(db))
        asyncio.run(database.drop(small_db))
        shutil.rmtree(logs, ignore_errors=True)
    data["minutes"] = (time.monotonic() - started) / 60
    text = report.render(data, args)
    print(text)
    if args.json:
        args.json.write_text(json.dumps(data, indent=1, default=_jsonable), encoding="utf-8")
    if not args.no_results:
        report.write_section(args.results, text)
        log(f"wrote {args.results}")
    return 0


def _jsonable(value: Any) -> Any:
    if isinstance(value, load.Result):
        return dataclasses.asdict(value) | {
            "throughput": value.throughput,
            "cpu_ms_per_request": value.cpu_ms_per_request,
        }
    return str(value)


def measure_servers(
    args: argparse.Namespace,
    db: str,
    cast: database.Cast,
    docs: dict[str, str],
    year: int,
    data: dict[str, Any],
    logs: Path,
) -> None:
    p_port, b_port = servers.free_port(), servers.free_port()
    secret = secrets.token_urlsafe(48)
    common = {
        "PORTAL_DATABASE_URL": database.database_url(db),
        "PORTAL_SECRET_KEY": secret,
        # One client address signs in hundreds of people and sends thousands of mutations a
        # minute: the per-address limits exist for attackers, not for a load test.
        "PORTAL_RATE_LIMIT_ENABLED": "0",
    }
    if args.pool_max:
        common["PORTAL_DATABASE_POOL_MAX"] = str(args.pool_max)
    portal_env = {
        **common,
        "PORTAL_DEV_LOGIN": "1",
        "PORTAL_BASE_URL": f"http://127.0.0.1:{p_port}",
    }
    with (
        servers.serve(
            "portal", servers.portal_command(p_port, args.workers), portal_env, p_port, logs
        ) as portal,
        servers.serve(
            "baseline", servers.baseline_command(b_port, args.workers), common, b_port, logs
        ) as baseline,
    ):
        sampler = servers.Sampler([portal, baseline])
        sampler.start()
        try:
            phases(args, db, portal, baseline, sampler, cast, docs, year, data)
        finally:
            sampler.stop()


def phases(
    args: argparse.Namespace,
    db: str,
    portal: servers.Server,
    baseline: servers.Server,
    sampler: servers.Sampler,
    cast: database.Cast,
    docs: dict[str, str],
    year: int,
    data: dict[str, Any],
) -> None:
    log("signing in")
    everyone = cast.readers + cast.hr + cast.requesters + cast.supervisors
    cookies = asyncio.run(signin.cookies(portal.base, everyone))
    readers = [cookies[n] for n in cast.readers]
    data["people"] = {
        "readers": len(cast.readers),
        "hr": len(cast.hr),
        "requesters": len(cast.requesters),
        "approvers": len(cast.supervisors),
        "signed_in": len(cookies),
    }

    log("comparing home answers")
    data["identical"] = compare_home(portal.base, baseline.base, readers[: args.verify], year)
    if data["identical"]["identical"] != data["identical"]["compared"]:
        raise SystemExit(f"portal and baseline differ: {data['identical']['first_difference']}")

    home = [
        load.Request("home", c, load.body(docs["home"], "Home", {"year": year})) for c in readers
    ]
    sorts = ["STARTS_ON_ASC", "DEADLINE_ASC", "SEATS_LEFT_DESC", "TITLE_ASC"]
    catalog = [
        load.Request(
            "catalog",
            c,
            load.body(
                docs["catalog"],
                "Catalog",
                {
                    "first": 20,
                    "after": cursor(20 * (i % 4) - 1) if i % 4 else None,
                    "filter": {},
                    "sort": sorts[i % len(sorts)],
                },
            ),
        )
        for i, c in enumerate(readers)
    ]
    reports = [
        load.Request(
            "report",
            cookies[n],
            load.body(docs["report"], "StandardReport", {"input": operations.REPORT_INPUT}),
        )
        for n in cast.hr
    ]
    split = len(cast.pairs) * 2 // 3

    def request_of(pair: tuple[str, str, int], doc: str) -> load.Request:
        nip, _, session = pair
        variables = {"input": {"sessionId": gid("TrainingSession", session), "reason": "bench"}}
        return load.Request("request", cookies[nip], load.body(doc, "RequestEnrollment", variables))

    requests = [request_of(p, docs["request"]) for p in cast.pairs[: split - 50]]
    base_kw = {"connections": args.connections, "threads": args.threads}

    log("warming up")
    warm = min(3.0, args.duration)
    for server in (portal, baseline):
        load.run("warm-up", server.base, home, duration=warm, **base_kw)
    load.run("warm-up", portal.base, catalog + reports, duration=warm, **base_kw)

    start = {s.name: sampler.now(s) for s in (portal, baseline)}
    data["rss_start"] = start

    def measure(
        label: str, server: servers.Server, reqs: list[load.Request], **kw: Any
    ) -> load.Result:
        t0, cpu0 = time.monotonic(), servers.cpu_seconds(server.workers())
        result = load.run(label, server.base, reqs, **(base_kw | kw))
        result.cpu_seconds = servers.cpu_seconds(server.workers()) - cpu0
        result.load_average = servers.load_average()
        result.rss = {server.name: sampler.peak(server.name, t0, time.monotonic())}
        return result

    def report(key: str, result: load.Result) -> load.Result:
        data["phases"][key] = result
        if result.exhausted:
            log(f"  {result.label}: ran out of distinct requests before the end")
        log(
            f"  {result.throughput:.0f} req/s, p99 {result.latency_ms['p99']:.1f} ms, "
            f"{result.cpu_ms_per_request:.2f} CPU ms/request, load {result.load_average:.1f}, "
            f"errors {result.errors or '-'}"
        )
        return result

    def phase(
        key: str, label: str, server: servers.Server, reqs: list[load.Request], **kw: Any
    ) -> load.Result:
        log(f"{label} on {server.name}")
        return report(key, measure(label, server, reqs, **kw))

    # The home query on both servers in alternating rounds, so that what else runs on the
    # machine meanwhile weighs on both alike.
    rounds = 3 if args.duration >= 9 else 1
    parts: dict[str, list[load.Result]] = {"portal": [], "baseline": []}
    profiler = start_profiler(args, portal)
    for i in range(rounds):
        for server in (portal, baseline):
            log(f"Home (me) on {server.name}, round {i + 1} of {rounds}")
            parts[server.name].append(
                measure("Home (me)", server, home, duration=args.duration / rounds)
            )
    stop_profiler(profiler, data)
    for server in (portal, baseline):
        combined = load.combine("Home (me)", parts[server.name])
        combined.rss = {
            server.name: {
                pid: max(r.rss[server.name].get(pid, 0.0) for r in parts[server.name])
                for pid in parts[server.name][0].rss[server.name]
            }
        }
        report(f"home_{server.name}", combined)
    phase("catalog", "Catalog page", portal, catalog, duration=args.duration)
    phase("report", "Standard report", portal, reports, duration=args.duration)
    first_new = asyncio.run(database.max_enrollment_id(db))
    phase("request", "requestEnrollment", portal, requests, duration=args.duration, mode="once")
    pending = asyncio.run(database.pending_decisions(db, first_new))
    approvers = {nip for nip, _ in pending} - set(cookies)
    if approvers:
        cookies.update(asyncio.run(signin.cookies(portal.base, sorted(approvers))))
    decisions = [
        load.Request(
            "decide",
            cookies[nip],
            load.body(
                docs["decide"],
                "DecideEnrollment",
                {
                    "input": {
                        "enrollmentId": gid("Enrollment", eid),
                        "decision": "APPROVE" if i % 2 else "REJECT",
                        "note": "bench",
                    }
                },
            ),
        )
        for i, (nip, eid) in enumerate(pending)
    ]
    if decisions:
        phase("decide", "decideEnrollment", portal, decisions, duration=args.duration, mode="once")

    # Mixed: 12 home, 4 catalog, 1 report, 3 requests (each followed by its approver's REJECT).
    mixed_pairs = cast.pairs[split:]
    mix: list[load.Request] = []
    for i in range(max(len(mixed_pairs) // 3, 1)):
        mix += [home[(i * 12 + k) % len(home)] for k in range(12)]
        mix += [catalog[(i * 4 + k) % len(catalog)] for k in range(4)]
        mix.append(reports[i % len(reports)])
        mix += [request_of(p, docs["request_nip"]) for p in mixed_pairs[i * 3 : i * 3 + 3]]
    supervisors = {nip: cookies[sup] for nip, sup, _ in mixed_pairs}
    soak = args.soak or args.duration
    t0 = time.monotonic()
    phase("mixed", "Mixed", portal, mix, duration=soak, mode="mixed", supervisors=supervisors)
    data["soak_seconds"] = soak
    data["rss_timeline"] = timeline(sampler, portal.name, t0, soak)
    time.sleep(min(5.0, args.duration))
    data["rss_after"] = {s.name: sampler.now(s) for s in (portal, baseline)}

    # Last, so that the memory after the load above is the load's alone.
    log(f"{args.subscriptions} subscriptions")
    data["subscriptions"] = asyncio.run(
        open_subscriptions(portal, sampler, readers, args.subscriptions)
    )


async def open_subscriptions(
    portal: servers.Server, sampler: servers.Sampler, cookies: list[str], count: int
) -> dict[str, Any]:
    await asyncio.sleep(2)
    before = sampler.now(portal)
    t0 = time.monotonic()
    async with subscriptions.opened(portal.base, cookies, count) as sockets:
        opened = len(sockets)
        seconds = time.monotonic() - t0
        await asyncio.sleep(3)
        during = sampler.now(portal)
    await asyncio.sleep(3)
    after = sampler.now(portal)
    return {
        "count": opened,
        "open_seconds": seconds,
        "before": before,
        "open": during,
        "closed": after,
    }


def timeline(
    sampler: servers.Sampler, name: str, t0: float, seconds: float
) -> list[dict[str, Any]]:
    """RSS per worker at each minute of the mixed load (or at 5 points for short runs)."""
    step = 60.0 if seconds >= 180 else max(seconds / 5, 1.0)
    points = []
    t = step
    while t <= seconds + 0.5:
        near = [(abs(ts - (t0 + t)), pid, mb) for ts, n, pid, mb in sampler.samples if n == name]
        by_pid: dict[int, tuple[float, float]] = {}
        for gap, pid, mb in near:
            if gap < 2 and (pid not in by_pid or gap < by_pid[pid][0]):
                by_pid[pid] = (gap, mb)
        points.append({"t": round(t), "rss": {pid: mb for pid, (_, mb) in by_pid.items()}})
        t += step
    return points


def start_profiler(
    args: argparse.Namespace, portal: servers.Server
) -> subprocess.Popen[bytes] | None:
    spy = shutil.which("py-spy") or str(ROOT / ".venv" / "bin" / "py-spy")
    if not args.profile or not Path(spy).exists():
        return None
    out = HERE / "profiles"
    out.mkdir(exist_ok=True)
    pid = portal.workers()[0]
    # The first round on the portal: a third of --duration, blocking samples (accurate stacks).
    return subprocess.Popen(
        [
            spy,
            "record",
            "-p",
            str(pid),
            "-d",
            str(max(int(args.duration / 3) - 1, 1)),
            "-r",
            "100",
            "-f",
            "raw",
            "-o",
            str(out / "home-portal.txt"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def stop_profiler(profiler: subprocess.Popen[bytes] | None, data: dict[str, Any]) -> None:
    if profiler is None:
        return
    profiler.wait(timeout=120)
    data["profile"] = report.profile_summary(HERE / "profiles" / "home-portal.txt")


if __name__ == "__main__":
    raise SystemExit(main())
