"""Hostile listings: pages that never end, tokens that grow, pages larger than asked.

Each case runs on the sync and the async client and asserts the typed error and the number of
requests sent, bounded by the retry policy (``PageTrail``: a page with a token but nothing new
spends one of ``max_retries``). A server that would loop forever on ``main`` is stopped by the
handler after ``RUNAWAY`` requests with a last page, so that a regression fails instead of
hanging.
"""

from __future__ import annotations

import asyncio
import itertools
import tracemalloc
from collections.abc import AsyncIterator, Iterator, Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from zoom_clips import APIResponseValidationError, AsyncZoomClips, PaginationError, RetryPolicy
from zoom_clips._models import MAX_PAGE_TOKEN_LENGTH, ClipsPage, page_from_json
from zoom_clips._pagination import REMEMBERED_TOKENS, aiter_window, iter_window
from zoom_clips.inventory import SyncFailedError, sync

from ..wrapper.clips_api_support import call
from .conftest import (
    ACCOUNT,
    NOW,
    Facade,
    FakeZoom,
    clip_json,
    json_response,
    make_auth,
    peak_rss_mb,
)

#: Past this many API requests a scripted server ends its listing (a regression then fails).
RUNAWAY = 200
MAX_RETRIES = 3
DAY = timedelta(days=1)


def policy(max_retries: int = MAX_RETRIES) -> RetryPolicy:
    return RetryPolicy(max_retries=max_retries, rand=lambda: 0.5, now=lambda: NOW)


class EndlessPages:
    """A listing server whose every page carries a fresh token: ``clips(n)`` are page n's."""

    def __init__(self, clips: Any = lambda n: [], token_length: int = 40) -> None:
        self.clips, self.token_length = clips, token_length
        self.count = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.count += 1
        token = "" if self.count >= RUNAWAY else f"{self.count:08d}".ljust(self.token_length, "t")
        body = {"data": self.clips(self.count), "next_page_token": token, "total_records": 9}
        return json_response(200, body)


def listing_error(client: Facade, *args: Any, **kwargs: Any) -> Exception:
    """The error ``client.clips.list(...)`` ends with (none: the test fails)."""
    with pytest.raises(Exception) as raised:  # noqa: PT011 -- the type is asserted by callers
        client.list_all(*args, **kwargs)
    return raised.value


def test_empty_pages_with_fresh_tokens_end_after_max_retries(make_client: Any) -> None:
    """Empty pages that always carry a new token: PaginationError after 1 + max_retries pages."""
    zoom = FakeZoom(EndlessPages())
    client = make_client(zoom, retry_policy=policy())
    error = listing_error(client, ACCOUNT)
    assert type(error) is PaginationError
    assert "nothing new" in str(error)
    assert len(zoom.api_requests) == 1 + MAX_RETRIES
    assert client.sleeps == []  # a page that answered is not waited on


def test_pages_of_clips_already_yielded_are_no_progress(make_client: Any) -> None:
    """The same clip on every page under fresh tokens: one clip, then max_retries pages, then
    PaginationError."""
    zoom = FakeZoom(EndlessPages(lambda n: [clip_json("same")]))
    client = make_client(zoom, retry_policy=policy(1))
    error = listing_error(client, ACCOUNT)
    assert type(error) is PaginationError
    assert len(zoom.api_requests) == 1 + 1 + 1  # the new clip's page, then 1 + max_retries=1


def test_pages_bringing_new_clips_are_progress(make_client: Any) -> None:
    """Pages that each bring a new clip never spend the budget, even with max_retries=0."""
    zoom = FakeZoom(EndlessPages(lambda n: [clip_json(f"c{n}")]))
    client = make_client(zoom, retry_policy=policy(0))
    assert len(client.list_all(ACCOUNT)) == RUNAWAY


def test_a_replay_after_a_page_token_restart_is_free(make_client: Any) -> None:
    """After an expired token (400, code 300) restarts the window, the pages replayed (nothing
    new on them) do not spend the budget: max_retries=0 still lists every clip once."""
    pages = [[clip_json(f"c{n}")] for n in range(5)]
    asked: list[str] = []

    def api(request: httpx.Request) -> httpx.Response:
        token = request.url.params.get("next_page_token", "")
        asked.append(token)
        if token == "p4" and asked.count("p4") == 1:
            return json_response(400, {"code": 300, "message": "Invalid next_page_token."})
        n = int(token[1:]) if token else 0
        return json_response(200, {"data": pages[n], "next_page_token": f"p{n + 1}" * (n < 4)})

    client = make_client(FakeZoom(api), retry_policy=policy(0))
    assert [clip.clip_id for clip in client.list_all(ACCOUNT)] == [f"c{n}" for n in range(5)]
    assert asked == ["", "p1", "p2", "p3", "p4", "", "p1", "p2", "p3", "p4"]


def test_a_token_past_the_limit_is_refused_before_it_is_sent(make_client: Any) -> None:
    """A 70 KB token (httpx: a raw InvalidURL) or one just past the limit: the validation error,
    after the one request that brought it."""
    for length in (70_000, MAX_PAGE_TOKEN_LENGTH + 1):
        zoom = FakeZoom(EndlessPages(lambda n: [clip_json(f"c{n}")], token_length=length))
        client = make_client(zoom, retry_policy=policy())
        error = listing_error(client, ACCOUNT)
        assert type(error) is APIResponseValidationError
        assert f"{length} characters" in str(error)
        assert len(zoom.api_requests) == 1


def test_a_token_at_the_limit_is_followed(make_client: Any) -> None:
    """A token of exactly MAX_PAGE_TOKEN_LENGTH characters is sent back as it came."""
    zoom = FakeZoom(EndlessPages(lambda n: [clip_json(f"c{n}")], token_length=4096))
    client = make_client(zoom, retry_policy=policy())
    assert len(client.list_all(ACCOUNT)) == RUNAWAY
    assert len(zoom.api_requests[1].url.params["next_page_token"]) == MAX_PAGE_TOKEN_LENGTH


def test_list_page_refuses_a_caller_token_past_the_limit(make_client: Any) -> None:
    """``list_page(next_page_token=...)`` over the limit: ValueError before any request."""
    zoom = FakeZoom(EndlessPages())
    client = make_client(zoom)
    with pytest.raises(ValueError, match="70000 characters"):
        client.list_page(ACCOUNT, next_page_token="t" * 70_000)
    assert zoom.api_requests == []


def test_a_range_past_what_zoom_can_name_is_refused_at_the_call(make_client: Any) -> None:
    """``to=9999-12-31`` (sent as a year-10000 instant): ValueError when ``list`` is called."""
    zoom = FakeZoom(EndlessPages())
    client = make_client(zoom)
    with pytest.raises(ValueError, match="last bound"):
        client.list_call(ACCOUNT, from_=date(9999, 12, 1), to=date(9999, 12, 31))
    assert zoom.api_requests == []


@pytest.mark.parametrize(
    ("page_size", "clips"), [(30, 31), (None, 301), (300, 100_000)], ids=["30", "default", "300"]
)
def test_a_page_larger_than_asked_is_refused(
    make_client: Any, page_size: int | None, clips: int
) -> None:
    """More clips than ``page_size`` (Zoom's maximum, 300, when not given): the validation error,
    not retried, on ``list`` and ``list_page`` alike."""
    body = {"data": [{"clip_id": f"c{n}"} for n in range(clips)], "next_page_token": ""}
    zoom = FakeZoom(lambda _: json_response(200, body))
    client = make_client(zoom, retry_policy=policy())
    sizes = {} if page_size is None else {"page_size": page_size}
    error = listing_error(client, ACCOUNT, **sizes)
    assert type(error) is APIResponseValidationError
    assert f"the page has {clips} clips, more than the {page_size or 300} asked" in str(error)
    with pytest.raises(APIResponseValidationError):
        client.list_page(ACCOUNT, **sizes)
    assert len(zoom.api_requests) == 2


def test_a_full_page_is_accepted(make_client: Any) -> None:
    """Exactly ``page_size`` clips is a page like any other."""
    body = {"data": [{"clip_id": f"c{n}"} for n in range(30)], "next_page_token": ""}
    client = make_client(FakeZoom(lambda _: json_response(200, body)))
    assert len(client.list_all(ACCOUNT, page_size=30)) == 30


@pytest.mark.parametrize(
    ("body", "refused"),
    [
        ({"data": None, "total_records": 3}, True),
        ({"data": None, "total_records": 0}, False),
        ({"data": None}, False),
        ({"total_records": 0}, False),
    ],
    ids=["null-of-3", "null-of-0", "null-uncounted", "absent-of-0"],
)
def test_null_data_with_records_counted_is_refused(
    make_client: Any, body: dict[str, Any], refused: bool
) -> None:
    """``data: null`` with total_records 3 is the validation error; an empty result is empty."""
    zoom = FakeZoom(lambda _: json_response(200, {**body, "next_page_token": ""}))
    client = make_client(zoom)
    if refused:
        with pytest.raises(APIResponseValidationError, match="data is null"):
            client.list_all(ACCOUNT)
    else:
        assert client.list_all(ACCOUNT) == []


@pytest.mark.parametrize("served", ["empty", "the-same-page"])
@pytest.mark.parametrize(
    ("operation", "item"),
    [
        ("collaborators.list", {"user_id": "u1", "type": "ZOOM_USER"}),
        ("comments.list", {"comment_id": "k1", "content": "hi"}),
    ],
    ids=["collaborators", "comments"],
)
def test_a_clips_lists_end_too(
    make_client: Any, operation: str, item: dict[str, Any], served: str
) -> None:
    """Collaborators and comments: empty pages, or the same page, under fresh tokens end the
    same way."""
    zoom = FakeZoom(EndlessPages(lambda n: [] if served == "empty" else [item]))
    client = make_client(zoom, retry_policy=policy())
    with pytest.raises(PaginationError, match="nothing new"):
        call(client, operation, "clip-1")
    assert len(zoom.api_requests) == (served == "the-same-page") + 1 + MAX_RETRIES


@pytest.mark.parametrize("operation", ["collaborators.list", "comments.list"])
def test_a_clips_lists_refuse_a_token_past_the_limit(make_client: Any, operation: str) -> None:
    """A 70 KB token on a collaborators or comments page: the validation error, one request."""
    zoom = FakeZoom(EndlessPages(token_length=70_000))
    client = make_client(zoom, retry_policy=policy())
    with pytest.raises(APIResponseValidationError, match="70000 characters"):
        call(client, operation, "clip-1")
    assert len(zoom.api_requests) == 1


def test_list_accounts_ends_when_one_account_never_advances(make_client: Any) -> None:
    """The async fan-out over accounts: the account whose pages never advance fails the listing
    with PaginationError (the async client's only; ``list`` per account covers the sync one)."""
    endless = EndlessPages()

    def api(request: httpx.Request) -> httpx.Response:
        if "/accounts/bad/" in request.url.path:
            return endless(request)
        return json_response(200, {"data": [clip_json("g")], "next_page_token": ""})

    client = make_client(FakeZoom(api), retry_policy=policy())
    if client.kind == "sync":
        with pytest.raises(PaginationError):
            client.list_all("bad")
        assert endless.count == 1 + MAX_RETRIES
        return
    aclient: Any = client.client

    async def collect() -> list[Any]:
        return [pair async for pair in aclient.clips.list_accounts(["good", "bad"])]

    with pytest.raises(PaginationError):
        asyncio.run(collect())
    assert endless.count == 1 + MAX_RETRIES


@pytest.mark.parametrize("served", ["empty", "the-same-page"])
def test_the_inventory_ends_when_a_window_never_advances(tmp_path: Path, served: str) -> None:
    """``sync`` (async only): empty pages, or the same in-window page, under fresh tokens end the
    run with SyncFailedError from PaginationError. Its own rule remembers no ids (upserts make a
    repeat harmless), so the same page again is told by its ids' fingerprint."""
    in_window = clip_json("same", modified_date="2025-06-15T11:00:00Z")
    endless = EndlessPages(lambda n: [] if served == "empty" else [in_window])

    async def run() -> None:
        async def no_sleep(_: float) -> None:
            pass

        async with AsyncZoomClips(
            auth=make_auth(),
            http_client=httpx.AsyncClient(transport=httpx.MockTransport(FakeZoom(endless))),
            sleep=no_sleep,
            retry_policy=policy(),
        ) as aclient:
            await sync(str(tmp_path / "inventory.db"), aclient, [ACCOUNT], since=NOW - DAY, now=NOW)

    with pytest.raises(SyncFailedError) as raised:
        asyncio.run(run())
    assert type(raised.value.__cause__) is PaginationError
    assert endless.count == (1 if served == "the-same-page" else 0) + 1 + MAX_RETRIES


# -- memory ----------------------------------------------------------------------------------------


def _pages(count: int, token_length: int) -> Iterator[tuple[ClipsPage, httpx.Response]]:
    """``count`` pages of one new clip each, under fresh tokens of ``token_length`` characters."""
    for n in range(count):
        token = "" if n == count - 1 else f"{n:08d}".ljust(token_length, "t")
        page = page_from_json({"data": [{"clip_id": f"c{n}"}], "next_page_token": token})
        yield page, httpx.Response(200)


@pytest.mark.parametrize("is_async", [False, True], ids=["sync", "async"])
def test_remembered_tokens_are_bounded(is_async: bool) -> None:
    """2,000 pages under fresh 4 KB tokens: the window keeps at most REMEMBERED_TOKENS of them
    (8 MB if it kept all; traced by tracemalloc)."""
    answers = _pages(2_000, MAX_PAGE_TOKEN_LENGTH)

    def fetch(_: Mapping[str, Any]) -> tuple[ClipsPage, httpx.Response]:
        return next(answers)

    async def afetch(_: Mapping[str, Any]) -> tuple[ClipsPage, httpx.Response]:
        return next(answers)

    async def alist() -> int:
        clips: AsyncIterator[Any] = aiter_window(afetch, {})
        return sum([1 async for _ in clips])

    tracemalloc.start()
    try:
        listed = asyncio.run(alist()) if is_async else sum(1 for _ in iter_window(fetch, {}))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert listed == 2_000
    bound = REMEMBERED_TOKENS * MAX_PAGE_TOKEN_LENGTH
    assert peak < bound + 1_500_000, f"{peak / 1e6:.1f} MB traced"


_RSS_CHILD = """
import asyncio, json, httpx
from zoom_clips import AsyncZoomClips, RetryPolicy, ServerToServerOAuth, ZoomClips

KIND, TOKEN_LENGTH, RUNAWAY = {kind!r}, {token_length}, 3_000
sent = 0

def handler(request):
    global sent
    if request.url.path == "/oauth/token":
        return httpx.Response(200, json={{"access_token": "t", "expires_in": 3600}})
    sent += 1
    token = "" if sent >= RUNAWAY else (str(sent) + "-").ljust(TOKEN_LENGTH, "t")
    return httpx.Response(200, json={{"data": [], "next_page_token": token}})

auth = ServerToServerOAuth(account_id="a", client_id="c", client_secret="s")
policy = RetryPolicy(max_retries=3, rand=lambda: 0.5)
error = None
if KIND == "sync":
    client = ZoomClips(auth=auth, retry_policy=policy,
                       http_client=httpx.Client(transport=httpx.MockTransport(handler)))
    try:
        listed = len(list(client.clips.list("acct")))
    except Exception as exc:
        error = type(exc).__name__
else:
    async def main():
        client = AsyncZoomClips(auth=auth, retry_policy=policy,
                                http_client=httpx.AsyncClient(transport=httpx.MockTransport(handler)))
        return len([clip async for clip in client.clips.list("acct")])
    try:
        listed = asyncio.run(main())
    except Exception as exc:
        error = type(exc).__name__
result = {{"error": error, "requests": sent}}
"""


@pytest.mark.parametrize(
    ("token_length", "error", "requests"),
    [(30_000, "APIResponseValidationError", 1), (4_000, "PaginationError", 1 + 3)],
    ids=["30KB-tokens", "4KB-tokens"],
)
def test_endless_empty_pages_hold_little_memory(
    kind: str, token_length: int, error: str, requests: int
) -> None:
    """A child lists empty pages under fresh tokens: the typed error after a bounded number of
    requests, peak RSS small (main: 3,000 pages of 30 KB tokens, no error, past 120 MB)."""
    peak, result = peak_rss_mb(_RSS_CHILD.format(kind=kind, token_length=token_length))
    assert result == {"error": error, "requests": requests}
    assert peak < 80, f"peak RSS {peak:.0f} MB"


def test_the_scripted_server_stops_a_runaway() -> None:
    """The guard of these tests: ``EndlessPages`` ends its listing at ``RUNAWAY`` requests."""
    pages = EndlessPages()
    bodies = [pages(httpx.Request("GET", "https://api.zoom.us/v2/clips")) for _ in range(RUNAWAY)]
    tokens = [body.json()["next_page_token"] for body in bodies]
    assert tokens[-1] == ""
    assert len(set(itertools.islice(tokens, RUNAWAY - 1))) == RUNAWAY - 1
