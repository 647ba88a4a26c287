"""A real portal process (uvicorn) on a free loopback port, for WebSocket and cross-process
tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def live_portal(database_url: str, *, extra_env: dict[str, str] | None = None) -> Iterator[str]:
    """Serve the portal in a subprocess; yields its base URL. Stops it (SIGTERM) afterwards."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "PORTAL_DATABASE_URL": database_url,
        "PORTAL_DEV_LOGIN": "1",
        "PORTAL_BASE_URL": base,
        "PORTAL_LOG_LEVEL": "WARNING",
        **(extra_env or {}),
    }
    # The server's output goes to a file, never to a pipe nobody reads: a long run (the fuzzer's
    # thousands of refused requests each log a warning) would fill the pipe's 64 KB and block
    # the server in its next log call, which looked like a hung portal.
    log = tempfile.NamedTemporaryFile(prefix="portal-live-", suffix=".log", delete=False)  # noqa: SIM115
    proc = subprocess.Popen(
        [sys.executable, "-m", "portal.cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                out = Path(log.name).read_text(errors="replace")
                raise RuntimeError(f"portal did not start:\n{out}")
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
        Path(log.name).unlink(missing_ok=True)


async def session_cookie(base: str, nip: str) -> str:
    """Sign in through dev sign-in and return the Cookie header value."""
    async with httpx.AsyncClient(base_url=base, headers={"Origin": base}) as http:
        response = await http.post("/auth/dev-login", data={"nip": nip})
        assert response.status_code == 303, response.text
        return "; ".join(f"{k}={v}" for k, v in http.cookies.items())
