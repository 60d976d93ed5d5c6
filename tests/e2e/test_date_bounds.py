"""The ends of a date range against the mock over loopback: the last sub-second in, midnight out."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import httpx
import pytest
from zoom_clips import AsyncZoomClips, Clip, ServerToServerOAuth, ZoomClips
from zoom_clips.mock import MockClock, MockConfig, MockServer, serve

NOW = datetime(2025, 9, 10, 12, 0, tzinfo=UTC)  # the data set covers 2024-09-10 .. now
WIRE_FORM = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
# Clips at exact instants around the range 2025-03-01 .. 2025-05-31 (three windows).
FROM, TO = date(2025, 3, 1), date(2025, 5, 31)
AT = {
    "at-before-from": datetime(2025, 2, 28, 23, 59, 59, 999_000, tzinfo=UTC),
    "at-from": datetime(2025, 3, 1, tzinfo=UTC),
    "at-boundary": datetime(2025, 4, 1, tzinfo=UTC),  # shared by the first two windows
    "at-last-sub-second": datetime(2025, 5, 31, 23, 59, 59, 900_000, tzinfo=UTC),
    "at-next-midnight": datetime(2025, 6, 1, tzinfo=UTC),
}
LISTED = {"at-from", "at-boundary", "at-last-sub-second"}


@pytest.fixture(scope="module")
def server() -> Iterator[MockServer]:
    """A seeded mock whose first sub account also holds the clips of ``AT``."""
    with serve(MockConfig(seed=5, clips=3000, clock=MockClock(NOW))) as running:
        account = running.dataset.sub_accounts[0].id
        running.state.dataset = running.dataset.with_clips_at(account, AT)
        yield running


def listing(
    kind: str, server: MockServer, **query: Any
) -> tuple[list[Clip], list[tuple[str, str]]]:
    """What ``clips.list`` yields for the first sub account, and each request's from/to."""
    account = server.dataset.sub_accounts[0].id
    auth = ServerToServerOAuth(
        account_id=server.account_id,
        client_id=server.client_id,
        client_secret=server.client_secret,
        token_url=server.token_url,
    )
    sent: list[tuple[str, str]] = []

    def record(request: httpx.Request) -> None:
        if request.url.path.endswith("/clips"):
            sent.append((request.url.params["from"], request.url.params["to"]))

    async def arecord(request: httpx.Request) -> None:
        record(request)

    if kind == "sync":
        http = httpx.Client(event_hooks={"request": [record]})
        with http, ZoomClips(auth=auth, base_url=server.base_url, http_client=http) as client:
            return list(client.clips.list(account, **query)), sent

    async def collect() -> list[Clip]:
        ahttp = httpx.AsyncClient(event_hooks={"request": [arecord]})
        async with (
            ahttp,
            AsyncZoomClips(auth=auth, base_url=server.base_url, http_client=ahttp) as client,
        ):
            return [clip async for clip in client.clips.list(account, **query)]

    return asyncio.run(collect()), sent


@pytest.mark.parametrize("kind", ["sync", "async"])
@pytest.mark.parametrize("date_filter_type", ["MODIFIED_DATE", "CREATED_DATE"])
def test_last_sub_second_is_listed_and_the_next_midnight_is_not(
    kind: str, date_filter_type: str, server: MockServer
) -> None:
    """23:59:59.900Z on the last day is listed, 00:00:00.000Z the next day is not, each once."""
    clips, sent = listing(
        kind, server, from_=FROM, to=TO, date_filter_type=date_filter_type, page_size=30
    )
    ids = [str(c.clip_id) for c in clips]
    assert {i for i in ids if i.startswith("at-")} == LISTED
    assert len(ids) == len(set(ids))
    account = server.dataset.sub_accounts[0].id
    truth = server.dataset.select(
        account, from_=str(FROM), to=str(TO), date_filter_type=date_filter_type
    )
    assert set(ids) == {row["clip_id"] for row in truth}
    assert sorted(set(sent)) == [  # the last inclusive to over-fetches the next midnight
        ("2025-03-01T00:00:00Z", "2025-04-01T00:00:00Z"),
        ("2025-04-01T00:00:00Z", "2025-05-01T00:00:00Z"),
        ("2025-05-01T00:00:00Z", "2025-06-01T00:00:00Z"),
    ]


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_every_request_to_the_mock_carries_zoom_datetime_bounds(
    kind: str, server: MockServer
) -> None:
    """Every page request of a multi-window, multi-page listing sends yyyy-MM-ddTHH:mm:ssZ."""
    _, sent = listing(kind, server, from_=FROM, to=TO, page_size=30)
    assert len(sent) > 3  # several pages in some window
    assert all(WIRE_FORM.match(frm) and WIRE_FORM.match(to) for frm, to in sent), sent
