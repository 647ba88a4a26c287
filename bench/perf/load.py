"""Drive a server with wrk (Debian's `wrk`, LuaJIT scripts) and read what load.lua counted."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

LUA = Path(__file__).resolve().parent / "load.lua"


@dataclass
class Request:
    op: str
    cookie: str
    body: dict[str, Any]


@dataclass
class Result:
    """One wrk run: throughput, latency percentiles (ms), answers per operation, errors by code."""

    label: str
    connections: int
    answered: int
    elapsed: float
    latency_ms: dict[str, float]
    ops: dict[str, int]
    errors: dict[str, int]
    socket_errors: dict[str, int]
    exhausted: bool
    rss: dict[str, dict[int, float]] = field(default_factory=dict)  # server -> pid -> peak MB
    cpu_seconds: float = 0.0  # used by the server's workers during the run
    load_average: float = 0.0  # the machine's 1-minute load average at the end
    rounds: list[float] = field(default_factory=list)  # req/s of each round, when interleaved

    @property
    def throughput(self) -> float:
        return self.answered / self.elapsed if self.elapsed else 0.0

    @property
    def cpu_ms_per_request(self) -> float:
        return 1000 * self.cpu_seconds / self.answered if self.answered else 0.0

    @property
    def error_count(self) -> int:
        return sum(self.errors.values()) + sum(
            v for k, v in self.socket_errors.items() if k != "status"
        )


def combine(label: str, parts: list[Result]) -> Result:
    """Rounds of one measurement: summed counts; each latency percentile the rounds' median."""
    import statistics

    ops: dict[str, int] = {}
    errors: dict[str, int] = {}
    sockets: dict[str, int] = {}
    for r in parts:
        for target, source in ((ops, r.ops), (errors, r.errors), (sockets, r.socket_errors)):
            for k, v in source.items():
                target[k] = target.get(k, 0) + v
    return Result(
        label=label,
        connections=parts[0].connections,
        answered=sum(r.answered for r in parts),
        elapsed=sum(r.elapsed for r in parts),
        latency_ms={
            k: statistics.median(r.latency_ms[k] for r in parts) for k in parts[0].latency_ms
        },
        ops=ops,
        errors=errors,
        socket_errors=sockets,
        exhausted=any(r.exhausted for r in parts),
        rss={},
        cpu_seconds=sum(r.cpu_seconds for r in parts),
        load_average=statistics.mean(r.load_average for r in parts),
        rounds=[r.throughput for r in parts],
    )


def wrk_available() -> bool:
    return shutil.which("wrk") is not None


def body(document: str, operation: str, variables: dict[str, Any]) -> dict[str, Any]:
    return {"query": document, "operationName": operation, "variables": variables}


def run(
    label: str,
    base: str,
    requests: list[Request],
    *,
    duration: float,
    connections: int = 50,
    threads: int = 2,
    mode: str = "cycle",
    supervisors: dict[str, str] | None = None,
    timeout: float = 10.0,
) -> Result:
    """Run wrk against ``base``/graphql for ``duration`` seconds with these requests."""
    if not requests:
        raise ValueError(f"{label}: no requests to send")
    with tempfile.NamedTemporaryFile("w", suffix=".spec", delete=False) as spec:
        spec.write(f"mode\t{mode}\norigin\t{base}\nthreads\t{threads}\n")
        for r in requests:
            spec.write(f"req\t{r.op}\t{r.cookie}\t{orjson.dumps(r.body).decode()}\n")
        for nip, cookie in (supervisors or {}).items():
            spec.write(f"sup\t{nip}\t{cookie}\n")
    try:
        out = subprocess.run(
            [
                "wrk",
                f"-t{threads}",
                f"-c{connections}",
                f"-d{max(1, round(duration))}s",
                f"--timeout={timeout:g}s",
                "-s",
                str(LUA),
                f"{base}/graphql",
            ],
            env={**os.environ, "BENCH_SPEC": spec.name},
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        os.unlink(spec.name)
    line = next((x for x in out.stdout.splitlines() if x.startswith("BENCH_JSON ")), None)
    if line is None:
        raise RuntimeError(f"{label}: wrk printed no result:\n{out.stdout}\n{out.stderr}")
    data = json.loads(line.removeprefix("BENCH_JSON "))
    return Result(
        label=label,
        connections=connections,
        answered=data["answered"],
        elapsed=data["elapsed"],
        latency_ms={k: v / 1000 for k, v in data["latency_us"].items()},
        ops=data["ops"],
        errors=data["errors"],
        socket_errors=data["socket_errors"],
        exhausted=bool(data["exhausted"]),
    )
