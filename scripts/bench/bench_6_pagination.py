"""Benchmark 6, the mock's pagination throughput: three back-to-back runs must cost the same.

Each page the mock serves with more to come saves a page token, kept for 15 minutes. A store
that does work in proportion to the tokens it holds on every save (the old one rebuilt its dict)
gets slower the longer a mock runs: ``wrk`` saw 1,013 -> 385 -> 341 requests/s over three 10 s
runs. Here the mock runs in its own process (``python -m zoom_clips.mock``, started with ``--now``
so its data set is the same on every run) and eight concurrent clients walk one month of its
busiest account at 30 clips a page, following every ``next_page_token``, for three consecutive
runs without a reset. What is compared is the mock's own CPU time per page (all its threads,
from ``/proc/PID/task/*/schedstat``, in nanoseconds): neither the client's CPU, nor a neighbour
on a shared machine, nor the scheduler's delays enter it, as they would enter requests per second.
Each run is cut into slices and its cost is the median over them; the throughput of run 3
(pages per CPU second) must stay at least 90% of run 1's. Wall-clock pages/s are shown for
information only.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
from zoom_clips.mock import DEMO_ACCOUNT_ID, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET

from scripts.bench._report import Measurement, Ratio, Report

SEED = 7
CLIPS = 20_000
NOW = "2025-06-15T12:00:00Z"
WINDOW = {"from": "2025-05-01T00:00:00Z", "to": "2025-06-01T00:00:00Z"}
PAGE_SIZE = 30
CONNECTIONS = 8
RUNS = 3
TARGET = 0.90


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextlib.contextmanager
def _mock_process(clips: int) -> Iterator[tuple[str, int]]:
    """The mock in a child process; yields its origin and pid, and stops it after."""
    port = _free_port()
    command = [
        *(sys.executable, "-m", "zoom_clips.mock", "--port", str(port)),
        *("--seed", str(SEED), "--clips", str(clips), "--now", NOW),
    ]
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
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


def cpu_seconds(pid: int) -> float:
    """CPU time a process's live threads have used, in seconds (Linux ``schedstat``, in ns)."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(FileNotFoundError):  # a thread that just ended
            total += int((task / "schedstat").read_text().split()[0])
    return total / 1e9


async def _busiest_account(client: httpx.AsyncClient) -> str:
    """The sub account with the most clips in ``WINDOW`` (its ``total_records``)."""
    accounts = (await client.get("/_mock/accounts")).json()["sub_accounts"]
    totals: dict[str, int] = {}
    for account in accounts:
        page = await client.get(
            f"/v2/accounts/{account['id']}/clips",
            params={**WINDOW, "page_size": PAGE_SIZE, "date_filter_type": "CREATED_DATE"},
        )
        page.raise_for_status()
        totals[account["id"]] = page.json()["total_records"]
    return max(totals, key=totals.__getitem__)


async def _walk(client: httpx.AsyncClient, account: str, pages: int) -> int:
    """Serve ``pages`` pages, ``CONNECTIONS`` listings at a time, each following its tokens."""
    served = 0
    path = f"/v2/accounts/{account}/clips"
    query = {**WINDOW, "page_size": str(PAGE_SIZE), "date_filter_type": "CREATED_DATE"}

    async def worker() -> None:
        nonlocal served
        token = ""
        while served < pages:
            served += 1
            params = {**query, "next_page_token": token} if token else query
            response = await client.get(path, params=params)
            response.raise_for_status()
            token = response.json()["next_page_token"]

    await asyncio.gather(*(worker() for _ in range(CONNECTIONS)))
    return served


def _sequence(
    clips: int, pages_per_slice: int, slices: int
) -> tuple[list[list[float]], list[float]]:
    """Three runs on one mock: per run, CPU ms per page of each slice, and wall pages/s."""
    with _mock_process(clips) as (origin, pid):
        token = httpx.post(
            f"{origin}/oauth/token",
            auth=(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET),
            data={"grant_type": "account_credentials", "account_id": DEMO_ACCOUNT_ID},
        ).json()["access_token"]

        async def measure() -> tuple[list[list[float]], list[float]]:
            limits = httpx.Limits(max_connections=CONNECTIONS)
            async with httpx.AsyncClient(
                base_url=origin,
                headers={"Authorization": f"Bearer {token}"},
                limits=limits,
                timeout=30,
            ) as client:
                account = await _busiest_account(client)
                await _walk(client, account, pages_per_slice)  # warm up: imports, caches
                costs: list[list[float]] = []
                rates: list[float] = []
                for _ in range(RUNS):
                    run_costs = []
                    started = time.perf_counter()
                    for _ in range(slices):
                        cpu = cpu_seconds(pid)
                        served = await _walk(client, account, pages_per_slice)
                        run_costs.append((cpu_seconds(pid) - cpu) * 1000 / served)
                    rates.append(pages_per_slice * slices / (time.perf_counter() - started))
                    costs.append(run_costs)
                return costs, rates

        return asyncio.run(measure())


def run(*, quick: bool) -> Report:
    """Three consecutive runs against one mock; compare the mock's CPU per page, last vs first."""
    if not Path(f"/proc/{os.getpid()}/task").is_dir():
        raise RuntimeError("benchmark 6 reads the mock's CPU time from /proc (Linux only)")
    clips, pages_per_slice, slices = (3000, 100, 3) if quick else (CLIPS, 600, 5)
    costs, rates = _sequence(clips, pages_per_slice, slices)
    medians = [statistics.median(run_costs) for run_costs in costs]
    kept = medians[0] / medians[-1]  # pages per CPU second, last run over first
    return Report(
        title="6. mock pagination, 3 runs back to back",
        measurements=tuple(
            Measurement(f"run {n + 1}: mock CPU", cost, "ms/page") for n, cost in enumerate(medians)
        ),
        ratios=(Ratio("run 3 / run 1 pages per CPU s", kept, f">= {TARGET}x", kept >= TARGET),),
        notes=(
            f"{RUNS} runs of {slices} x {pages_per_slice} pages ({PAGE_SIZE} clips, one month of "
            f"the busiest sub account, {CONNECTIONS} connections, every token followed) against "
            f"one mock of {clips:,} clips in its own process, no reset between runs; CPU = the "
            "mock's threads (schedstat), median over slices; wall clock, for information: "
            + " / ".join(f"{rate:,.0f}" for rate in rates)
            + " pages/s.",
        ),
    )
