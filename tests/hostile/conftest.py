"""Hostile servers: what every test module under ``tests/hostile`` shares.

Each case runs on the sync and the async client (the ``kind`` fixture, as in ``tests/wrapper``),
with the injected sleep recorded and never waited, and asserts three things: a typed error, the
number of requests sent (bounded by the settings), and, where memory is the point, the peak RSS
of a child process (``peak_rss_mb``) that ran the case alone.

Two kinds of server: ``httpx.MockTransport`` handlers (``make_client``, from ``tests/wrapper``),
whose bodies can trickle on the injected clock (``TrickleStream``), and ``loopback``, a real
``ThreadingHTTPServer`` on 127.0.0.1 whose handler writes raw bytes (a cut connection is a real
one).
"""

from __future__ import annotations

import json
import struct
import subprocess
import sys
import textwrap
import threading
import zlib
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx

from ..wrapper.conftest import (  # noqa: F401 -- the fixtures, re-exported for this directory
    ACCOUNT,
    NOW,
    TOKEN,
    Facade,
    FakeZoom,
    clip_json,
    json_response,
    kind,
    make_auth,
    make_client,
    page_json,
)

ROOT = Path(__file__).resolve().parents[2]

#: Writes one answer to a raw request (``handler.path``, ``handler.headers``, ``handler.wfile``).
RawHandler = Callable[[BaseHTTPRequestHandler], None]


class FakeClock:
    """A monotonic clock the test moves (``RetryPolicy(clock=...)``), and a sleep that moves it."""

    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds

    async def asleep(self, seconds: float) -> None:
        self.sleep(seconds)


class TrickleStream(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A body of ``pieces`` pieces of ``piece`` bytes, each arriving ``every`` seconds later on
    ``clock`` (a byte a second, without a second passing)."""

    def __init__(self, clock: FakeClock, *, piece: bytes, pieces: int, every: float) -> None:
        self.clock, self.piece, self.pieces, self.every = clock, piece, pieces, every
        self.sent = 0

    def __iter__(self) -> Iterator[bytes]:
        for _ in range(self.pieces):
            self.clock.now += self.every
            self.sent += 1
            yield self.piece

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self:
            yield chunk


@contextmanager
def loopback(handler: RawHandler) -> Iterator[tuple[str, list[str]]]:
    """A real HTTP server on 127.0.0.1 answering every request with ``handler``: its origin and
    the request lines it received (``"GET /path"``), in order."""
    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _any(self) -> None:
            seen.append(f"{self.command} {self.path}")
            length = int(self.headers.get("content-length") or 0)
            if length:
                self.rfile.read(length)
            handler(self)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _any

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()


def gzip_bomb(inflated_mib: int) -> bytes:
    """A valid gzip member of ``inflated_mib`` MiB of zeros, about 1 KB on the wire per MiB.

    Built in well under a second: with a sync flush after each MiB, every MiB after the first
    compresses to the same bytes, so they are repeated rather than compressed again.
    """
    mib = bytes(1 << 20)
    packer = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    first = packer.compress(mib) + packer.flush(zlib.Z_SYNC_FLUSH)
    again = packer.compress(mib) + packer.flush(zlib.Z_SYNC_FLUSH)
    end = packer.flush(zlib.Z_FINISH)[:-8]  # the last block; its trailer is for two MiB only
    crc = 0
    for _ in range(inflated_mib):
        crc = zlib.crc32(mib, crc)
    trailer = struct.pack("<II", crc, (inflated_mib << 20) & 0xFFFFFFFF)
    return first + again * (inflated_mib - 1) + end + trailer


def peak_rss_mb(code: str, *, timeout: float = 120) -> tuple[float, dict[str, object]]:
    """Run ``code`` in a fresh interpreter; its peak RSS (VmHWM) in MB and the dict it left in
    ``result`` (JSON-able). ``code`` runs at module level with ``zoom_clips`` importable."""
    program = textwrap.dedent(code) + textwrap.dedent(
        """
        import json as _json, pathlib as _pathlib
        _hwm = next(
            int(line.split()[1])
            for line in _pathlib.Path("/proc/self/status").read_text().splitlines()
            if line.startswith("VmHWM:")
        )
        print(_json.dumps({"peak_kib": _hwm, "result": result}))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", program],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return report["peak_kib"] / 1024, report["result"]
