"""Benchmark 8: ``zoom-clips sync`` throughput into SQLite and PostgreSQL, and its peak memory.

Throughput: a first sync (every clip new) of one account's year, from a fast mock: an
``httpx.MockTransport`` answering from pages serialized once beforehand, so nearly all the time
is the sync's own (parsing, rows, the database). Clips per second are compared with Zoom's
ceiling for one account, 24,000 clips/s (80 requests/s x 300 clips): the target is at least twice
that, so that the database is never what a sync waits for. PostgreSQL is a throwaway server the
benchmark starts (``_postgres.py``), without fsync; SQLite is a file in WAL mode.

Memory: a first sync of 10,000 and of 1,000,000 clips into SQLite, each in a fresh process, pages
built as they are asked for (``bench_4_memory.YearOfPages``); peak RSS is VmHWM. The target is a
growth within 64 MB: memory must not grow with the inventory.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa
from zoom_clips import AsyncZoomClips, BearerToken, RetryPolicy
from zoom_clips.inventory import open_database, sync

from scripts.bench._pages import clip_json
from scripts.bench._postgres import temporary_postgres
from scripts.bench._report import Measurement, Ratio, Report
from scripts.bench.bench_4_memory import YearOfPages, _peak_rss_kib

ROOT = Path(__file__).resolve().parents[2]
ZOOM_CEILING = 24_000.0  # clips/s: 80 requests/s x 300 clips a page
TARGET = 2.0
BUDGET_MB = 64.0
PAGE = 300
SEED = 7
SINCE = datetime(2024, 1, 1, tzinfo=UTC)
UNTIL = datetime(2024, 12, 31, 23, 59, 59, tzinfo=UTC)


class PreparedPages:
    """A transport handler serving ``total`` clips over the year's windows from ready-made bytes."""

    def __init__(self, total: int) -> None:
        rng = random.Random(SEED)  # noqa: S311 -- seeded test data, not secrets
        windows = _windows()
        per_window = -(-total // len(windows))
        self.pages: dict[tuple[str, str], bytes] = {}
        made = 0
        for start, end in windows:
            span = end - start
            count = min(per_window, total - made)
            made += count
            for first in range(0, max(count, 1), PAGE):
                size = min(PAGE, count - first)
                data = [
                    clip_json(rng, start + timedelta(seconds=rng.uniform(0, span.total_seconds())))
                    for _ in range(size)
                ]
                token = str(first + PAGE) if first + PAGE < count else ""
                body = {"data": data, "next_page_token": token, "page_size": PAGE}
                key = (start.strftime("%Y-%m-%dT%H:%M:%SZ"), str(first) if first else "")
                self.pages[key] = json.dumps(body | {"total_records": count}).encode()
        self.total = made

    def __call__(self, request: httpx.Request) -> httpx.Response:
        params = request.url.params
        key = (params["from"], params.get("next_page_token", ""))
        return httpx.Response(200, content=self.pages[key])


def _windows() -> list[tuple[datetime, datetime]]:
    from zoom_clips._pagination import DateRange  # noqa: PLC0415 -- the sync's own windows

    return [(w.start, w.end) for w in DateRange(SINCE, UNTIL).windows()]


def _client(handler: Callable[[httpx.Request], httpx.Response]) -> AsyncZoomClips:
    http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    policy = RetryPolicy(max_retries=0)
    return AsyncZoomClips(auth=BearerToken("bench-token"), http_client=http, retry_policy=policy)


def first_sync(
    database: str, handler: Callable[[httpx.Request], httpx.Response]
) -> tuple[int, float]:
    """Clips synced and seconds taken by one first sync of the year into ``database``."""
    engine = open_database(database)

    async def go() -> tuple[int, float]:
        aclient = _client(handler)
        started = time.perf_counter()
        async with aclient:
            report = await sync(engine, aclient, ["bench-account"], since=SINCE, now=UNTIL)
        return report.inserted, time.perf_counter() - started

    try:
        return asyncio.run(go())
    finally:
        engine.dispose()


def _throughput(database: Callable[[], str], pages: PreparedPages, samples: int) -> float:
    rates = []
    for _ in range(samples):
        inserted, seconds = first_sync(database(), pages)
        if inserted != pages.total:
            raise RuntimeError(f"synced {inserted} of {pages.total} clips")
        rates.append(inserted / seconds)
    return sorted(rates)[len(rates) // 2]


def _child(total: int) -> dict[str, Any]:
    command = [sys.executable, "-m", "scripts.bench.bench_8_sync", "--child", str(total)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(done.stdout)
    if result["clips"] != total:
        raise RuntimeError(f"synced {result['clips']} of {total} clips")
    return result


def run(*, quick: bool) -> Report:
    """Throughput into both databases, and peak RSS of a small and a large first sync."""
    clips, samples = (6_000, 1) if quick else (60_000, 3)
    small, large = (1_000, 30_000) if quick else (10_000, 1_000_000)
    pages = PreparedPages(clips)
    with tempfile.TemporaryDirectory() as folder:
        counter = iter(range(1_000))
        sqlite = _throughput(lambda: f"{folder}/bench-{next(counter)}.db", pages, samples)
    with temporary_postgres() as server:
        admin = sa.create_engine(server.replace("postgresql", "postgresql+psycopg") + "/postgres")

        def new_database() -> str:
            name = f"bench_{next(counter)}"
            with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql(f"CREATE DATABASE {name}")
            return f"{server}/{name}"

        counter = iter(range(1_000))
        postgres = _throughput(new_database, pages, samples)
        admin.dispose()
    low, high = _child(small), _child(large)
    growth = (high["peak_kib"] - low["peak_kib"]) / 1024
    return Report(
        title="8. sync into a database",
        measurements=(
            Measurement(f"first sync into SQLite, {pages.total:,} clips", sqlite, "clips/s"),
            Measurement(f"first sync into PostgreSQL, {pages.total:,} clips", postgres, "clips/s"),
            Measurement(f"peak RSS, {small:,} clips", low["peak_kib"] / 1024, "MB"),
            Measurement(f"peak RSS, {large:,} clips", high["peak_kib"] / 1024, "MB"),
        ),
        ratios=(
            Ratio(
                "SQLite / Zoom's 24,000 clips/s",
                sqlite / ZOOM_CEILING,
                ">= 2.0",
                sqlite / ZOOM_CEILING >= TARGET,
            ),
            Ratio(
                "PostgreSQL / Zoom's 24,000 clips/s",
                postgres / ZOOM_CEILING,
                ">= 2.0",
                postgres / ZOOM_CEILING >= TARGET,
            ),
            Ratio("RSS growth / 64 MB budget", growth / BUDGET_MB, "<= 1.0", growth <= BUDGET_MB),
        ),
        notes=(
            f"throughput: median of {samples} first syncs of one account's year (13 windows of "
            "300-clip pages) from an httpx.MockTransport answering ready-made bytes; PostgreSQL "
            "15 started by the benchmark (fsync off), SQLite in WAL mode; memory: each size a "
            f"first sync into SQLite in a fresh process (VmHWM), {large:,} clips took "
            f"{high['seconds']:.0f} s",
        ),
    )


def main() -> None:
    """The child: ``--child N`` syncs N clips into a new SQLite file and prints the result."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", type=int, required=True)
    total = parser.parse_args().child
    handler = YearOfPages(total, windows=len(_windows()))
    with tempfile.TemporaryDirectory() as folder:
        inserted, seconds = first_sync(f"{folder}/memory.db", handler)
    print(json.dumps({"clips": inserted, "seconds": seconds, "peak_kib": _peak_rss_kib()}))


if __name__ == "__main__":
    main()
