"""Benchmark 6, the mock's pagination throughput: three back-to-back runs must cost the same.

Each page the mock serves with more to come saves a page token, kept for 15 minutes. A store
that does work in proportion to the tokens it holds on every save (the old one rebuilt its dict)
gets slower the longer a mock runs: ``wrk`` saw 1,013 -> 385 -> 341 requests/s over three 10 s
runs. Here the mock runs in its own process (``python -m zoom_clips.mock``, started with ``--now``
so its data set is the same on every run) and eight concurrent clients walk one month of its
busiest account at 30 clips a page, following every ``next_page_token``, for three consecutive
runs without a reset.

What is compared is CPU time, not requests per second: the mock's own (all its threads, from
``/proc/PID/task/*/schedstat``, in nanoseconds), which neither the client's work nor the
scheduler's delays enter. A shared machine still changes how much a CPU second gets done, so
each short slice of a run is paired with a slice on a control mock, identical but reset just
before (its store never holds more than one slice of tokens), in ABBA order, both mocks on the
same CPU; a run's cost is the median of its pairs' CPU ratios. Run 3's throughput per CPU
second, relative to the control, must stay at least 90% of run 1's.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import statistics
import time
from collections.abc import Iterator
from pathlib import Path

import attrs
import httpx
from zoom_clips.mock import DEMO_ACCOUNT_ID, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET

from scripts.bench._mock_process import mock_process
from scripts.bench._report import Measurement, Ratio, Report

SEED = 7
CLIPS = 10_000
NOW = "2025-06-15T12:00:00Z"
WINDOW = {"from": "2025-05-01T00:00:00Z", "to": "2025-06-01T00:00:00Z"}
PAGE_SIZE = 30
CONNECTIONS = 8
RUNS = 3
TARGET = 0.90


@contextlib.contextmanager
def _mock_process(clips: int) -> Iterator[tuple[str, int]]:
    """The mock in a child process; yields its origin and pid, and stops it after."""
    args = ("--seed", str(SEED), "--clips", str(clips), "--now", NOW)
    # One hash seed for both, so their dicts and sets do the same work for the same keys; both
    # mocks share one CPU, so neither runs on a core that is busier than the other's.
    with mock_process(
        args, env={"PYTHONHASHSEED": "0"}, cpus={max(os.sched_getaffinity(0))}
    ) as running:
        yield running


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
    busiest = max(totals, key=totals.__getitem__)
    if totals[busiest] < 3 * PAGE_SIZE:  # a listing must have pages, or no token is ever saved
        raise RuntimeError(f"too few clips in {WINDOW} to page through: {totals}")
    return busiest


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


@attrs.define
class _Mock:
    """One mock process and a client for it; ``token`` is refetched after a reset."""

    origin: str
    pid: int
    client: httpx.AsyncClient
    account: str = ""

    async def authorize(self) -> None:
        response = await self.client.post(
            "/oauth/token",
            auth=(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET),
            data={"grant_type": "account_credentials", "account_id": DEMO_ACCOUNT_ID},
        )
        response.raise_for_status()
        self.client.headers["Authorization"] = f"Bearer {response.json()['access_token']}"

    async def cpu_ms_per_page(self, pages: int) -> float:
        """Serve ``pages`` pages; the mock's CPU milliseconds per page they took."""
        cpu = cpu_seconds(self.pid)
        served = await _walk(self.client, self.account, pages)
        return (cpu_seconds(self.pid) - cpu) * 1000 / served


@attrs.frozen
class _Runs:
    """Per run: the measured mock's and the control's CPU ms per page of each slice."""

    measured: list[list[float]]
    control: list[list[float]]
    pages_per_s: list[float]


def _sequence(clips: int, pages_per_slice: int, slices: int) -> _Runs:
    """Three runs on the measured mock, each slice paired with one on a freshly reset control."""
    with _mock_process(clips) as measured, _mock_process(clips) as control:

        async def measure() -> _Runs:
            limits = httpx.Limits(max_connections=CONNECTIONS)
            async with (
                httpx.AsyncClient(base_url=measured[0], limits=limits, timeout=30) as one,
                httpx.AsyncClient(base_url=control[0], limits=limits, timeout=30) as other,
            ):
                mock, fresh = _Mock(*measured, one), _Mock(*control, other)
                for each in (mock, fresh):
                    await each.authorize()
                    each.account = await _busiest_account(each.client)
                    await _walk(each.client, each.account, pages_per_slice)  # warm up
                runs = _Runs([], [], [])
                for _ in range(RUNS):
                    runs.measured.append([])
                    runs.control.append([])
                    started = time.perf_counter()
                    for index in range(slices):
                        await fresh.client.post("/_mock/reset")  # forgets its page tokens
                        await fresh.authorize()
                        # ABBA order, so a drift of the machine's speed hits both alike.
                        for which in (mock, fresh) if index % 2 == 0 else (fresh, mock):
                            cost = await which.cpu_ms_per_page(pages_per_slice)
                            (runs.measured if which is mock else runs.control)[-1].append(cost)
                    elapsed = time.perf_counter() - started
                    runs.pages_per_s.append(2 * pages_per_slice * slices / elapsed)
                return runs

        return asyncio.run(measure())


def run(*, quick: bool) -> Report:
    """Three consecutive runs against one mock; its CPU per page relative to a fresh control."""
    if not Path(f"/proc/{os.getpid()}/task").is_dir():
        raise RuntimeError("benchmark 6 reads the mock's CPU time from /proc (Linux only)")
    clips, pages_per_slice, slices = (5000, 30, 2) if quick else (CLIPS, 50, 30)
    runs = _sequence(clips, pages_per_slice, slices)
    relative = [
        statistics.median(m / c for m, c in zip(measured, control, strict=True))
        for measured, control in zip(runs.measured, runs.control, strict=True)
    ]
    kept = relative[0] / relative[-1]  # pages per CPU second, last run over first
    cpu = [statistics.median(measured) for measured in runs.measured]
    return Report(
        title="6. mock pagination, 3 runs back to back",
        measurements=tuple(
            Measurement(f"run {n + 1}: mock CPU / control's", cost, "x")
            for n, cost in enumerate(relative)
        ),
        ratios=(Ratio("run 3 / run 1 pages per CPU s", kept, f">= {TARGET}x", kept >= TARGET),),
        notes=(
            f"{RUNS} runs of {slices} x {pages_per_slice} pages ({PAGE_SIZE} clips, one month of "
            f"the busiest sub account, {CONNECTIONS} connections, every token followed) against "
            f"one mock of {clips:,} clips in its own process, never reset; each slice paired "
            "with one on a control mock reset just before it, the ratio of their CPU times "
            "(schedstat of the mock's threads) taken per pair, median over pairs. The mock's "
            "CPU per page, for information: "
            + " / ".join(f"{ms:.2f}" for ms in cpu)
            + " ms; wall clock, both mocks: "
            + " / ".join(f"{rate:,.0f}" for rate in runs.pages_per_s)
            + " pages/s.",
        ),
    )
