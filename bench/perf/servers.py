"""Start and stop the servers under test; sample each worker's resident memory."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
PYTHON = str(ROOT / ".venv" / "bin" / "python")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    name: str
    base: str
    process: subprocess.Popen[bytes]
    log: Path

    def workers(self) -> list[int]:
        """The processes that serve: uvicorn's spawned children, or itself with one worker."""
        children = _children(self.process.pid)
        spawned = [p for p in children if b"spawn_main" in _cmdline(p)]
        return spawned or [self.process.pid]


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            found += [int(c) for c in (task / "children").read_text().split()]
    return found


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time the processes have used so far."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        except (OSError, IndexError, ValueError):
            pass
    return total / ticks


def load_average() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


@contextmanager
def serve(
    name: str, command: list[str], env: dict[str, str], port: int, logs: Path
) -> Iterator[Server]:
    """Run a server in its own process group until the block ends (SIGTERM, then SIGKILL)."""
    base = f"http://127.0.0.1:{port}"
    log = logs / f"{name}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            command,
            env={**os.environ, **env},
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            cwd=ROOT,
        )
    server = Server(name, base, process, log)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                tail = log.read_text(errors="replace")[-3000:]
                raise RuntimeError(f"{name} did not start:\n{tail}")
            time.sleep(0.2)
        # Every worker answers /healthz only once it is up; give the others a moment too.
        time.sleep(1.0)
        yield server
    finally:
        _stop(process)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def portal_command(port: int, workers: int) -> list[str]:
    return [
        str(ROOT / ".venv" / "bin" / "portal"),
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
    ]


def baseline_command(port: int, workers: int) -> list[str]:
    return [
        PYTHON,
        "-m",
        "uvicorn",
        "server:app",
        "--app-dir",
        str(ROOT / "bench" / "baseline"),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--no-access-log",
        "--log-level",
        "warning",
    ]


@dataclass
class Sampler:
    """Samples every worker's RSS twice a second; marks split the samples into phases."""

    servers: list[Server]
    interval: float = 0.5
    samples: list[tuple[float, str, int, float]] = field(default_factory=list)  # t, server, pid, MB
    marks: list[tuple[float, str]] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join()

    def mark(self, label: str) -> None:
        self.marks.append((time.monotonic(), label))

    def _run(self) -> None:
        while not self._stop.is_set():
            now = time.monotonic()
            for server in self.servers:
                for pid in server.workers():
                    self.samples.append((now, server.name, pid, rss_mb(pid)))
            self._stop.wait(self.interval)

    def now(self, server: Server) -> dict[int, float]:
        return {pid: rss_mb(pid) for pid in server.workers()}

    def peak(self, server: str, start: float, end: float) -> dict[int, float]:
        peaks: dict[int, float] = {}
        for t, name, pid, mb in self.samples:
            if name == server and start <= t <= end:
                peaks[pid] = max(peaks.get(pid, 0.0), mb)
        return peaks
