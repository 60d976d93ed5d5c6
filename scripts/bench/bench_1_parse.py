"""Benchmark 1: parse throughput of one realistic 300-clip page, three ways, side by side.

The same bytes go through ``json.loads`` alone, the generated ``ClipListResponse.from_dict``
(after ``json.loads``), and the wrapper's ``page_from_response`` on an ``httpx.Response`` (bytes
to ``ClipsPage``, what both clients run on every page). The three are timed round-robin in
every sample, so the machine's noise hits them alike; the table shows medians.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial

import httpx
from zoom_clips import RetryPolicy
from zoom_clips._client import page_from_response
from zoom_clips_api.models import ClipListResponse

from scripts.bench._pages import page_bytes
from scripts.bench._report import Measurement, Ratio, Report, timed

CLIPS = 300
ZOOM_CEILING = 24_000  # clips/s: 80 requests/s x 300 clips, Zoom's most for one account
SEED = 20250615


def _repeat(parse: Callable[[], object], times: int) -> None:
    for _ in range(times):
        parse()


def run(*, quick: bool) -> Report:
    """Clips/s of each parser, and the wrapper's ratios to the generated client and Zoom."""
    raw = page_bytes(random.Random(SEED), CLIPS)  # noqa: S311 -- seeded test data, not secrets
    response = httpx.Response(200, content=raw)
    policy = RetryPolicy(max_retries=0, now=lambda: datetime(2025, 6, 15, tzinfo=UTC))

    parsers: dict[str, Callable[[], object]] = {
        "json.loads": lambda: json.loads(raw),
        "generated from_dict": lambda: ClipListResponse.from_dict(json.loads(raw)),
        "wrapper page_from_response": lambda: page_from_response(response, policy),
    }
    generated = ClipListResponse.from_dict(json.loads(raw)).data
    wrapped = page_from_response(response, policy).data
    if not isinstance(generated, list) or len(generated) != CLIPS or len(wrapped) != CLIPS:
        raise RuntimeError("a parser did not return the page's 300 clips")

    samples, repeats = (5, 3) if quick else (31, 10)
    times: dict[str, list[float]] = {name: [] for name in parsers}
    for _ in range(samples):
        for name, parse in parsers.items():
            times[name].append(timed(partial(_repeat, parse, repeats)))
    rate = {name: CLIPS * repeats / sorted(ts)[len(ts) // 2] for name, ts in times.items()}

    wrapper, gen = rate["wrapper page_from_response"], rate["generated from_dict"]
    return Report(
        title="1. parse throughput (300-clip page)",
        measurements=tuple(Measurement(name, value, "clips/s") for name, value in rate.items()),
        ratios=(
            Ratio("wrapper / generated from_dict", wrapper / gen, ">= 1.0", wrapper >= gen),
            Ratio(
                "wrapper / Zoom's 24,000 clips/s",
                wrapper / ZOOM_CEILING,
                ">= 3.0",
                wrapper >= 3 * ZOOM_CEILING,
            ),
            Ratio("wrapper / json.loads alone", wrapper / rate["json.loads"], "(info)", True),
        ),
        notes=(
            f"one {len(raw):,}-byte page of {CLIPS} seeded clips; median of {samples} samples "
            f"of {repeats} parses each, the three parsers interleaved",
        ),
    )
