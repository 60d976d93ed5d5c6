"""The mock in a child process, for benchmarks that must not share a GIL with the client."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, Sequence

import httpx

__all__ = ["mock_process"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextlib.contextmanager
def mock_process(
    args: Sequence[str],
    *,
    env: Mapping[str, str] | None = None,
    cpus: set[int] | None = None,
) -> Iterator[tuple[str, int]]:
    """``python -m zoom_clips.mock ARGS`` on a free port; yields its origin and pid, stops it after.

    ``env`` is added to this process's environment; ``cpus`` pins the child to those CPUs.
    """
    port = _free_port()
    command = [sys.executable, "-m", "zoom_clips.mock", "--port", str(port), *args]
    child = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
    )
    if cpus is not None:
        os.sched_setaffinity(child.pid, cpus)
    origin = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(f"{origin}/_mock/stats", timeout=1).status_code == 200:
                    break
            if child.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the mock process did not start")
            time.sleep(0.05)
        yield origin, child.pid
    finally:
        child.terminate()
        child.wait(timeout=30)
