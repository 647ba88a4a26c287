"""The "Portal vs baseline" section of bench/RESULTS.md, from one run's numbers."""

from __future__ import annotations

import argparse
import collections
import re
import statistics
from pathlib import Path
from typing import Any

from load import Result

HEADING = "## Portal vs baseline"
NOTES = Path(__file__).resolve().parent / "NOTES.md"
RSS_TARGET_MB = 150
SUBSCRIPTIONS_TARGET_MB = 100
P99_TARGET_MS = 50


def _ratio(a: float, b: float) -> float:
    return a / b if b else float("nan")


def _ms(value: float) -> str:
    return f"{value:.1f}" if value < 100 else f"{value:.0f}"


def _errors(result: Result) -> str:
    parts = [f"{k} {v}" for k, v in sorted(result.errors.items())]
    parts += [f"socket {k} {v}" for k, v in result.socket_errors.items() if v and k != "status"]
    return ", ".join(parts) or "0"


def _row(label: str, r: Result) -> str:
    lat = r.latency_ms
    return (
        f"| {label} | {r.throughput:,.0f} | {_ms(lat['p50'])} | {_ms(lat['p95'])} | "
        f"{_ms(lat['p99'])} | {r.cpu_ms_per_request:.2f} | {r.load_average:.1f} | "
        f"{r.answered:,} | {_errors(r)} |"
    )


HEAD = (
    "| {} | req/s | p50 ms | p95 ms | p99 ms | worker CPU ms/request | load avg | answered | "
    "errors |"
)
RULE = "|---|---:|---:|---:|---:|---:|---:|---:|---|"


def _range(samples: list[dict[str, int]], key: str = "statement") -> str:
    values = [s.get(key, 0) for s in samples]
    lo, hi = min(values), max(values)
    return f"{lo}" if lo == hi else f"{lo}–{hi}"


def _round_trips(samples: list[dict[str, int]]) -> str:
    totals = [sum(v for k, v in s.items() if k != "cpu_us") for s in samples]
    parts: collections.Counter[str] = collections.Counter()
    for s in samples:
        parts.update({k: v for k, v in s.items() if k != "cpu_us"})
    n = len(samples)
    detail = ", ".join(
        f"{k} {parts[k] / n:.1f}"
        for k in ("statement", "transaction", "reset", "prepare")
        if parts[k]
    )
    return f"{statistics.median(totals):.0f} ({detail})"


def _mb(values: dict[Any, float]) -> str:
    return ", ".join(f"{v:.0f}" for v in values.values()) + " MB"


def render(data: dict[str, Any], args: argparse.Namespace) -> str:
    m, ph = data["machine"], data["phases"]
    portal, base = ph["home_portal"], ph["home_baseline"]
    ratio_tp = _ratio(portal.throughput, base.throughput)
    ratio_p99 = _ratio(portal.latency_ms["p99"], base.latency_ms["p99"])
    same = data["identical"]
    lines = [
        HEADING,
        "",
        f"`bench/run` on {data['date']} ({data['minutes']:.1f} minutes). Machine: {m['cpu']}, "
        f"{m['cores']} cores, {m['ram']} RAM, Linux {m['kernel']}; PostgreSQL {m['postgres']} on "
        f"the same machine; Python {m['python']}; {m['packages']}. Load: {m['wrk']} over "
        f"loopback, {args.connections} connections, {args.threads} threads, {args.duration:g} s "
        f"per operation. Data: {data['dataset']}. Both servers run {args.workers} worker "
        "processes against the same database; the portal in development mode (for the dev "
        "sign-in) with rate limits off (one load client signs in hundreds of people); answers "
        "uncompressed (no `Accept-Encoding`) on both.",
        "",
        "### Home query: portal against the baseline",
        "",
        f"The web app's `Home` operation (`me` with duties, SKP, competency gap, plan and 20 "
        f"enrollments) for {data['people']['readers']} different employees, round-robin. Before "
        f"the load, {same['identical']} of {same['compared']} employees' answers were "
        f"byte-identical on both servers ({same['bytes_min']:,}–{same['bytes_max']:,} bytes).",
        "",
        HEAD.format("Server"),
        RULE,
        _row("Portal (Starlette, strawberry, Tortoise)", portal),
        _row("Baseline (Starlette, asyncpg, 1 SQL statement, orjson)", base),
        f"| **Portal / baseline** | **{ratio_tp:.2f}** | "
        f"{_ratio(portal.latency_ms['p50'], base.latency_ms['p50']):.1f}× | "
        f"{_ratio(portal.latency_ms['p95'], base.latency_ms['p95']):.1f}× | **{ratio_p99:.1f}×** | "
        f"{_ratio(portal.cpu_ms_per_request, base.cpu_ms_per_request):.0f}× | | | |",
        "",
        f"Each server ran {len(portal.rounds) or 1} alternating round(s) "
        f"({', '.join(f'{x:,.0f}' for x in portal.rounds)} req/s on the portal, "
        f"{', '.join(f'{x:,.0f}' for x in base.rounds)} on the baseline); req/s is over all "
        "rounds, "
        "each percentile the median of the rounds'. Worker CPU: user + system time of the "
        "server's worker processes (/proc) per answered request; load avg: the machine's "
        "1-minute load average at the end (other work on this shared machine shows there).",
        "",
    ]
    lines += _targets(data, args, ratio_tp)
    lines += [
        "",
        f"### Every operation (portal, {args.connections} connections, one operation at a time)",
        "",
        HEAD.format("Operation"),
        RULE,
        _row("Home (`me`)", portal),
        _row("Catalog page (`trainingSessions`, 20 per page, 4 sorts, pages 1–4)", ph["catalog"]),
        _row("Standard report (HR: under 20 JP per OPD, `report`)", ph["report"]),
        _row("`requestEnrollment` (a new employee × session pair each)", ph["request"]),
    ]
    if "decide" in ph:
        lines.append(
            _row("`decideEnrollment` (the approver; approve and reject alternately)", ph["decide"])
        )
    mixed = ph["mixed"]
    lines += [
        _row(f"Mixed ({data['soak_seconds']:g} s)", mixed),
        "",
        "Mixed: 12 home, 4 catalog, 1 report and 3 `requestEnrollment` in every 20 requests; "
        "each accepted request is followed by its approver's `decideEnrollment` (REJECT, which "
        "frees the pair for the next round). Answers by operation: "
        + ", ".join(f"{k} {v:,}" for k, v in sorted(mixed.ops.items()))
        + ".",
        "",
    ]
    lines += _memory(data)
    lines += _statements(data, args)
    if data.get("profile", {}).get("groups"):
        lines += [
            "",
            "### Profile of a portal worker under the home load",
            "",
            "py-spy (100 samples a second, blocking) on one worker during the first home round; "
            "the event-loop thread's samples by the library of their innermost frame, then the "
            "busiest functions (self time; time in C code counts for the Python function that "
            "called it).",
            "",
            "| Share | Where |",
            "|---:|---|",
        ]
        lines += [f"| {share:.1f} % | {group} |" for group, share in data["profile"]["groups"]]
        lines += ["", "| Share | Function |", "|---:|---|"]
        lines += [f"| {share:.1f} % | `{frame}` |" for frame, share in data["profile"]["frames"]]
    if NOTES.exists():
        lines += ["", NOTES.read_text(encoding="utf-8").strip()]
    return "\n".join(lines) + "\n"


def _targets(data: dict[str, Any], args: argparse.Namespace, ratio: float) -> list[str]:
    portal = data["phases"]["home_portal"]
    p99 = portal.latency_ms["p99"]
    after = data["rss_after"]["portal"]
    peak = max(
        max(r.rss.get("portal", {}).values(), default=0.0)
        for r in data["phases"].values()
        if r.rss.get("portal")
    )
    soak = data["soak_seconds"]
    subs = data["subscriptions"]
    delta = sum(subs["open"].values()) - sum(subs["before"].values())
    stmts = data["statements"]
    sizes = sorted(stmts, key=int)
    constant = all(
        len(sizes) < 2
        or max(s["statement"] for s in stmts[sizes[-1]][op])
        <= max(s["statement"] for s in stmts[sizes[0]][op])
        for op in stmts[sizes[-1]]
    )
    verdict = lambda ok: "**met**" if ok else "**missed**"  # noqa: E731
    soak_note = (
        f"after {soak / 60:.0f} minutes of mixed load"
        if soak >= 540
        else f"after {soak:g} s of mixed load (shorter than the 10-minute target: run "
        "`bench/run --soak 600`)"
    )
    return [
        "| Target (50 connections) | Measured | |",
        "|---|---|---|",
        f"| Home: at least half the baseline's throughput | {ratio * 100:.0f} % of the baseline | "
        f"{verdict(ratio >= 0.5)} |",
        f"| Home: p99 under {P99_TARGET_MS} ms | {_ms(p99)} ms | {verdict(p99 < P99_TARGET_MS)} |",
        f"| Constant SQL statements per request, {', '.join(f'{int(s):,}' for s in sizes)} "
        f"employees | see the table below | {verdict(constant)} |",
        f"| Each worker under {RSS_TARGET_MB} MB after 10 minutes of load | "
        f"{_mb(after)} {soak_note}; peak {peak:.0f} MB | "
        f"{verdict(max(after.values()) < RSS_TARGET_MB and peak < RSS_TARGET_MB)}"
        f"{'' if soak >= 540 else ' (short run)'} |",
        f"| {subs['count']:,} open subscriptions cost under {SUBSCRIPTIONS_TARGET_MB} MB | "
        f"+{delta:.0f} MB over all workers | {verdict(delta < SUBSCRIPTIONS_TARGET_MB)} |",
    ]


def _memory(data: dict[str, Any]) -> list[str]:
    lines = [
        "### Memory (RSS per worker, from /proc)",
        "",
        "| Server | After warm-up | Peak during the load | 5 s after the load |",
        "|---|---|---|---|",
    ]
    for name in ("portal", "baseline"):
        peaks: dict[int, float] = {}
        for r in data["phases"].values():
            for pid, mb in r.rss.get(name, {}).items():
                peaks[pid] = max(peaks.get(pid, 0.0), mb)
        lines.append(
            f"| {name.capitalize()} | {_mb(data['rss_start'][name])} | {_mb(peaks)} | "
            f"{_mb(data['rss_after'][name])} |"
        )
    timeline = data.get("rss_timeline") or []
    if timeline:
        lines += [
            "",
            "Portal workers during the mixed load: "
            + "; ".join(f"{p['t']} s: {_mb(p['rss'])}" for p in timeline)
            + ".",
        ]
    subs = data["subscriptions"]
    delta = sum(subs["open"].values()) - sum(subs["before"].values())
    lines += [
        "",
        f"Subscriptions: {subs['count']:,} graphql-transport-ws connections, each subscribed to "
        f"`myEnrollmentChanged`, opened from one client process (`websockets`) in "
        f"{subs['open_seconds']:.1f} s with {len(set(data['rss_start']['portal']))} workers "
        f"sharing them. Portal workers before: {_mb(subs['before'])}; with them open: "
        f"{_mb(subs['open'])} (**+{delta:.0f} MB** in all, "
        f"{delta * 1024 / max(subs['count'], 1):.0f} KB each); "
        f"after closing: {_mb(subs['closed'])}.",
        "",
    ]
    return lines


def _statements(data: dict[str, Any], args: argparse.Namespace) -> list[str]:
    stmts = data["statements"]
    sizes = sorted(stmts, key=int)
    names = {
        "home": "Home (`me`)",
        "catalog": "Catalog page",
        "report": "Standard report",
        "request": "`requestEnrollment`",
        "decide": "`decideEnrollment`",
    }
    head = " | ".join(f"statements at {int(s):,}" for s in sizes)
    lines = [
        "### SQL per request, at 1,000 and 10,000 employees",
        "",
        "Counted in-process (bench/perf/statements.py wraps asyncpg's Connection in that process "
        "only), 10 requests per operation after 8 to warm up, different people each. "
        "Statements include the principal's; round trips add BEGIN/COMMIT, the pool's reset on "
        "release and asyncpg statement preparations (a miss of its prepared-statement cache: "
        "each of the in-process pool's 10 connections prepares a statement once, so a few "
        "remain after 8 requests; a worker under load has long prepared them all). CPU ms: "
        "the portal process's CPU time for one request, served one at a time (median), a "
        "measure other processes on the machine disturb less than throughput.",
        "",
        f"| Operation | {head} | round trips at {int(sizes[-1]):,} (median) | CPU ms |",
        "|---|" + "---:|" * len(sizes) + "---|---:|",
    ]
    for op, label in names.items():
        if op not in stmts[sizes[-1]]:
            continue
        cells = " | ".join(_range(stmts[s][op]) if op in stmts[s] else "–" for s in sizes)
        cpu = statistics.median(s["cpu_us"] for s in stmts[sizes[-1]][op]) / 1000
        lines.append(f"| {label} | {cells} | {_round_trips(stmts[sizes[-1]][op])} | {cpu:.1f} |")
    return lines


# Where a worker's main thread spends its time, by the innermost frame that matches.
PROFILE_GROUPS = [
    ("asyncpg: encode, send, receive, decode (C)", ("asyncpg/",)),
    ("Tortoise ORM and pypika", ("tortoise/", "pypika_tortoise/")),
    ("portal code (loaders, types, auth, middleware)", ("portal/",)),
    ("DataLoader", ("strawberry/dataloader.py",)),
    ("GraphQL execution (graphql-core, strawberry)", ("graphql/", "strawberry/")),
    ("HTTP (uvicorn, starlette)", ("uvicorn/", "starlette/")),
    ("JSON (orjson)", ("orjson",)),
    ("asyncio event loop", ("asyncio/",)),
]


def profile_summary(path: Path) -> dict[str, list[tuple[str, float]]]:
    """py-spy's raw (collapsed) output of a worker: its event-loop thread by group and by frame.

    The other threads (uvicorn's supervisor ping, idle) are left out.
    """
    groups: collections.Counter[str] = collections.Counter()
    frames: collections.Counter[str] = collections.Counter()
    total = 0
    for line in path.read_text().splitlines():
        stack, _, n = line.rpartition(" ")
        if "Runner.run" not in stack or not n.isdigit():
            continue
        parts = stack.split(";")
        total += int(n)
        frames[re.sub(r":\d+\)$", ")", parts[-1])] += int(n)
        group = next(
            (
                name
                for frame in reversed(parts)
                for name, pats in PROFILE_GROUPS
                if any(p in frame for p in pats)
            ),
            "other",
        )
        groups[group] += int(n)
    if not total:
        return {"groups": [], "frames": []}
    return {
        "groups": [(g, 100 * n / total) for g, n in groups.most_common()],
        "frames": [(f, 100 * n / total) for f, n in frames.most_common(12)],
    }


def write_section(path: Path, section: str) -> None:
    """Replace our section of RESULTS.md (or append it); other sections stay as they are."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    start = text.find(HEADING + "\n")
    if start < 0:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        end = text.find("\n## ", start + len(HEADING))
        rest = text[end + 1 :] if end >= 0 else ""
        text = text[:start] + section + ("\n" + rest if rest else "")
    path.write_text(text, encoding="utf-8")
