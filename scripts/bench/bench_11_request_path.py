"""Benchmark 11: what the request path costs per call, against plain ``httpx`` on one transport.

One ``httpx.MockTransport`` answers every request with the same ready-made clip (so the server
costs the same for every contender). Plain ``httpx`` sends the GET with a bearer header, checks
the status and decodes the JSON: the least an app could do. Against it, ``clips.get`` (the curated
surface: checks the id, parses into ``zoom_clips.Clip``), ``operations.endpoints.get_clip_by_id``
(the spec-driven layer: the generated request and model) and ``client.request`` (the escape
hatch), each through auth, the retry loop, typed errors and the redirect policy. Rounds alternate
the contenders, and the table shows medians of per-call times.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable

import httpx
from zoom_clips import BearerToken, ZoomClips

from scripts.bench._report import Measurement, Ratio, Report

TARGET = 1.35
BASE = "https://api.zoom.us/v2"
CLIP = {
    "clip_id": "clip-1",
    "title": "Quarterly review",
    "description": "d",
    "duration": 61,
    "status": "RECORD_SUCCESS",
    "owner_id": "owner-1",
    "file_size": 1234,
    "share_link": "https://zoom.us/clips/share/clip-1",
    "share_link_settings": {"enable_passcode": False, "share_scope": "SAME_ORGANIZATON"},
    "thumbnail_link": "https://file.zoom.us/t.jpg",
    "created_date": "2025-01-10T01:51:50.631+00:00",
    "modified_date": "2025-01-11T10:06:08Z",
}
BODY = json.dumps(CLIP).encode()


def _answer(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, content=BODY, headers={"content-type": "application/json"})


def _per_call(calls: int, call: Callable[[], object]) -> float:
    start = time.perf_counter()
    for _ in range(calls):
        call()
    return (time.perf_counter() - start) / calls


def run(*, quick: bool) -> Report:
    """Median seconds per call of each contender, and each one's ratio to plain httpx."""
    rounds, calls = (3, 200) if quick else (15, 2000)
    http = httpx.Client(transport=httpx.MockTransport(_answer))
    client = ZoomClips(auth=BearerToken("bench-token"), http_client=http)
    headers = {"Authorization": "Bearer bench-token"}

    def plain() -> object:
        response = http.get(f"{BASE}/clips/clip-1", headers=headers)
        response.raise_for_status()
        return response.json()

    contenders: dict[str, Callable[[], object]] = {
        "plain httpx": plain,
        "clips.get": lambda: client.clips.get("clip-1"),
        "operations get_clip_by_id": lambda: client.operations.endpoints.get_clip_by_id("clip-1"),
        "client.request": lambda: client.request("GET", "/clips/clip-1").json(),
    }
    for call in contenders.values():  # warm up: imports, the first token, caches
        call()
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(rounds):
        for name, call in contenders.items():
            times[name].append(_per_call(calls, call))
    client.close()
    http.close()
    medians = {name: statistics.median(values) for name, values in times.items()}
    base = medians["plain httpx"]
    ratios = tuple(
        Ratio(
            f"{name} / plain httpx",
            medians[name] / base,
            f"<= {TARGET}x",
            medians[name] / base <= TARGET,
        )
        for name in contenders
        if name != "plain httpx"
    )
    return Report(
        title="11. request path cost per call (MockTransport)",
        measurements=tuple(
            Measurement(name, seconds * 1e6, "us/call") for name, seconds in medians.items()
        ),
        ratios=ratios,
        notes=(
            f"median of {rounds} alternating rounds of {calls} calls each; one "
            "httpx.MockTransport answers every contender with the same clip JSON",
        ),
    )
