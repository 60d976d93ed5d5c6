"""Benchmark 4: peak memory of streaming 10,000 vs 1,000,000 clips through ``clips.list``.

Each size runs in a fresh interpreter (``python -m scripts.bench.bench_4_memory --child N``), so
one size's garbage cannot raise the other's peak; the child reports ``ru_maxrss``. The clips
are a year of modified dates listed as ``ZoomClips.clips.list`` does it: twelve one-month
windows of 300-clip pages, served by an ``httpx.MockTransport`` that builds each page when it is
asked for (no server, and no page kept once sent).
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import json
import random
import resource
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from zoom_clips import BearerToken, RetryPolicy, ZoomClips

from scripts.bench._pages import clip_json
from scripts.bench._report import Measurement, Ratio, Report

ROOT = Path(__file__).resolve().parents[2]
PAGE = 300
YEAR = (date(2024, 1, 1), date(2024, 12, 31))
BUDGET_MB = 20.0
SEED = 4


class YearOfPages:
    """A transport handler serving ``total`` clips spread evenly over the windows it is asked for.

    Pages are built from 300 seeded template clips with fresh ids and dates inside the window,
    so every clip is distinct (the pager de-duplicates by id) and building a page stays cheap.
    """

    def __init__(self, total: int, windows: int = 12) -> None:
        rng = random.Random(SEED)  # noqa: S311 -- seeded test data, not secrets
        self.templates = [clip_json(rng, datetime(2024, 1, 1, tzinfo=UTC)) for _ in range(PAGE)]
        base, extra = divmod(total, windows)
        self.per_window = [base + (1 if i < extra else 0) for i in range(windows)]
        self.window_of: dict[str, int] = {}
        self.served = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        params = request.url.params
        window = self.window_of.setdefault(params["from"], len(self.window_of))
        page = int(params.get("next_page_token") or 0)
        count = self.per_window[window]
        first = page * PAGE
        size = max(0, min(PAGE, count - first))
        start = datetime.fromisoformat(params["from"]).replace(tzinfo=UTC)
        data = [self._clip(window, first + i, start) for i in range(size)]
        token = str(page + 1) if first + size < count else ""
        body = {"data": data, "next_page_token": token, "page_size": PAGE, "total_records": count}
        self.served += size
        return httpx.Response(200, content=json.dumps(body).encode())

    def _clip(self, window: int, index: int, start: datetime) -> dict[str, Any]:
        clip = copy.copy(self.templates[index % PAGE])
        clip_id = f"{window:02d}{index:08d}".ljust(38, "x")
        when = start + timedelta(seconds=(index * 7919) % (28 * 86_400))
        clip["clip_id"] = clip_id
        clip["share_link"] = f"https://zoom.us/clips/share/{clip_id}"
        clip["modified_date"] = when.strftime("%Y-%m-%dT%H:%M:%SZ")
        clip["created_date"] = (when - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
        return clip


def stream(total: int) -> dict[str, int]:
    """List ``total`` clips of a year through the sync client; the count and peak RSS in KiB."""
    handler = YearOfPages(total)
    http = httpx.Client(transport=httpx.MockTransport(handler))
    policy = RetryPolicy(max_retries=0, now=lambda: datetime(2025, 6, 15, tzinfo=UTC))
    seen = 0
    with ZoomClips(auth=BearerToken("bench-token"), http_client=http, retry_policy=policy) as zc:
        for _ in zc.clips.list("bench-account", from_=YEAR[0], to=YEAR[1], page_size=PAGE):
            seen += 1
    http.close()
    return {"clips": seen, "served": handler.served, "peak_kib": _peak_rss_kib()}


def _peak_rss_kib() -> int:
    """This process's peak RSS in KiB.

    Linux's VmHWM belongs to this program's own memory map. ``ru_maxrss`` is not enough there:
    it keeps the high-water mark of the process before ``exec``, i.e. of the (large) parent this
    child was forked from, so after other benchmarks it reports the parent's peak instead.
    """
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, bytes on macOS


def _child(total: int) -> dict[str, int]:
    command = [sys.executable, "-m", "scripts.bench.bench_4_memory", "--child", str(total)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    result: dict[str, int] = json.loads(done.stdout)
    if result["clips"] != total or result["served"] != total:
        raise RuntimeError(f"listed {result['clips']} of {total} clips")
    return result


def _window_ids_mb(total: int) -> float:
    """What the pager's per-window set of yielded ids holds at the end of one window, in MB."""
    ids = {f"{i:010d}".ljust(38, "x") for i in range(total // 12)}
    return (sys.getsizeof(ids) + sum(sys.getsizeof(i) for i in ids)) / 1e6


def run(*, quick: bool) -> Report:
    """Peak RSS of a small and a large listing, each in its own process, and the growth."""
    small, large = (1_000, 30_000) if quick else (10_000, 1_000_000)
    low = _child(small)["peak_kib"] / 1024
    high = _child(large)["peak_kib"] / 1024
    growth = high - low
    return Report(
        title="4. memory, streaming clips",
        measurements=(
            Measurement(f"peak RSS, {small:,} clips", low, "MB"),
            Measurement(f"peak RSS, {large:,} clips", high, "MB"),
            Measurement("growth", growth, "MB"),
        ),
        ratios=(Ratio("growth / 20 MB budget", growth / BUDGET_MB, "<= 1.0", growth <= BUDGET_MB),),
        notes=(
            "a year (12 one-month windows) of 300-clip pages from an httpx.MockTransport, "
            "each size in a fresh process (peak RSS: VmHWM); the growth is mostly the ledger's "
            "set of ids of the window being paged (its own-window de-duplication, shared with "
            f"the pager's token restarts): about "
            f"{_window_ids_mb(large):.1f} MB for {large // 12:,} clips per window",
        ),
    )


def main() -> None:
    """The child: ``--child N`` streams N clips and prints the result as JSON."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", type=int, required=True)
    print(json.dumps(stream(parser.parse_args().child)))


if __name__ == "__main__":
    main()
