"""The async client's fan-out: windows and accounts paged at once, bounded, exact, loud on error."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

import attrs
import httpx
import pytest
import zoom_clips as zc
from zoom_clips._client import DEFAULT_MAX_CONCURRENCY

from ..virtual_time import run_virtual
from .conftest import NOW, TOKEN, clip_json, json_response, make_auth, page_json

AsyncHandler = Callable[[httpx.Request], Awaitable[httpx.Response]]
YEAR = {"from_": date(2025, 1, 1), "to": date(2025, 12, 31)}  # 12 windows


@attrs.define
class SlowZoom:
    """Each window of each account has ``pages`` pages of two clips; each request takes 50 ms.

    It records how many API requests were in flight at once, and can fail one window.
    """

    pages: int = 3
    fail_window: str | None = None
    fail_status: int = 403
    in_flight: int = 0
    peak: int = 0
    cancelled: int = 0
    started_at: list[float] = attrs.field(factory=list)

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/oauth/token":
            return json_response(200, {"access_token": TOKEN, "expires_in": 3600})
        params = request.url.params
        account = request.url.path.split("/")[-2]
        window = params["from"]
        page = int(params.get("next_page_token") or 0)
        self.in_flight += 1
        self.peak = max(self.peak, self.in_flight)
        self.started_at.append(asyncio.get_running_loop().time())
        try:
            await asyncio.sleep(0.05)
        except asyncio.CancelledError:
            self.cancelled += 1
            raise
        finally:
            self.in_flight -= 1
        if window == self.fail_window:
            return json_response(self.fail_status, {"code": 1003, "message": "No permission."})
        clips = [
            # Dated mid-window, so no clip sits on a shared boundary here.
            clip_json(f"{account}/{window}/{page}/{i}", modified_date=f"{window[:8]}15T00:00:00Z")
            for i in range(2)
        ]
        token = str(page + 1) if page + 1 < self.pages else ""
        return json_response(200, page_json(clips, token=token))

    def expected(self, accounts: list[str], windows: int = 12) -> set[str]:
        months = [f"2025-{m:02d}-01T00:00:00Z" for m in range(1, windows + 1)]
        return {
            f"{a}/{w}/{p}/{i}"
            for a in accounts
            for w in months
            for p in range(self.pages)
            for i in range(2)
        }


def async_client(handler: AsyncHandler, **kwargs: Any) -> zc.AsyncZoomClips:
    async def no_wait(_: float) -> None:
        return None

    return zc.AsyncZoomClips(
        auth=make_auth(),
        http_client=httpx.AsyncClient(transport=httpx.MockTransport(handler)),
        sleep=no_wait,
        retry_policy=zc.RetryPolicy(max_retries=kwargs.pop("max_retries", 3), now=lambda: NOW),
        **kwargs,
    )


async def collect(client: zc.AsyncZoomClips, **kwargs: Any) -> list[zc.Clip]:
    return [clip async for clip in client.clips.list("acct-1", **kwargs)]


def test_windows_are_fetched_concurrently_and_each_clip_once() -> None:
    """A year's 12 windows are paged at once: 3 pages take 3 round trips, not 36."""
    zoom = SlowZoom(pages=3)

    async def main() -> tuple[list[zc.Clip], float]:
        client = async_client(zoom)
        loop = asyncio.get_running_loop()
        start = loop.time()
        clips = await collect(client, **YEAR)
        return clips, loop.time() - start

    clips, elapsed = run_virtual(main())
    ids = [c.clip_id for c in clips]
    assert len(ids) == len(set(ids))
    assert set(ids) == zoom.expected(["acct-1"])
    assert zoom.peak == 12
    assert elapsed == pytest.approx(3 * 0.05, abs=1e-4)


def test_max_concurrency_bounds_requests_in_flight() -> None:
    """No more than max_concurrency requests are ever in flight, and everything still arrives."""
    zoom = SlowZoom(pages=2)

    async def main() -> list[zc.Clip]:
        return await collect(async_client(zoom, max_concurrency=5), **YEAR)

    clips = run_virtual(main())
    assert zoom.peak == 5
    assert {c.clip_id for c in clips} == zoom.expected(["acct-1"])


def test_default_max_concurrency_covers_a_year_of_windows() -> None:
    """The default bound lets a year's windows (12 or 13) run at once."""
    assert zc.AsyncZoomClips(auth=make_auth()).max_concurrency == DEFAULT_MAX_CONCURRENCY >= 13


def test_list_accounts_tags_each_clip_with_its_account() -> None:
    """list_accounts fans out accounts x windows and says which account each clip came from."""
    zoom = SlowZoom(pages=2)
    accounts = ["sub-a", "sub-b", "sub-c"]

    async def main() -> list[tuple[str, zc.Clip]]:
        client = async_client(zoom, max_concurrency=8)
        return [pair async for pair in client.clips.list_accounts([*accounts, "sub-a"], **YEAR)]

    pairs = run_virtual(main())
    assert all(str(clip.clip_id).startswith(f"{account}/") for account, clip in pairs)
    assert len(pairs) == len(zoom.expected(accounts))
    assert {str(c.clip_id) for _, c in pairs} == zoom.expected(accounts)
    assert zoom.peak == 8


def test_boundary_clip_is_yielded_once_when_windows_finish_in_any_order() -> None:
    """One ledger is shared by concurrent windows: a clip on a boundary comes back once."""
    edge = clip_json("edge", modified_date="2025-02-01T00:00:00Z")

    async def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/oauth/token":
            return json_response(200, {"access_token": TOKEN, "expires_in": 3600})
        january = request.url.params["from"] == "2025-01-01T00:00:00Z"
        await asyncio.sleep(0.2 if january else 0.01)  # February finishes first
        return json_response(200, page_json([edge, clip_json(f"own-{january}")]))

    async def main() -> list[zc.Clip]:
        return await collect(async_client(handler), from_="2025-01-01", to="2025-02-20")

    ids = [c.clip_id for c in run_virtual(main())]
    assert sorted(ids) == ["edge", "own-False", "own-True"]


@pytest.mark.parametrize("fail_status", [403, 500])
def test_a_failing_window_raises_its_typed_error_and_cancels_the_others(fail_status: int) -> None:
    """One window failing for good raises its error; the in-flight windows are cancelled."""
    zoom = SlowZoom(pages=50, fail_window="2025-03-01T00:00:00Z", fail_status=fail_status)
    seen: list[zc.Clip] = []

    async def drain(client: zc.AsyncZoomClips) -> None:
        async for clip in client.clips.list("acct-1", **YEAR):
            seen.append(clip)

    async def main() -> list[asyncio.Task[Any]]:
        with pytest.raises(zc.APIStatusError) as caught:
            await drain(async_client(zoom, max_retries=1))
        assert caught.value.status_code == fail_status
        return [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]

    leftover = run_virtual(main())
    assert leftover == []
    assert zoom.cancelled == 11  # every other window was mid-request when the error came
    assert zoom.in_flight == 0
    assert len(seen) < len(zoom.expected(["acct-1"]))


def test_leaving_the_loop_early_cancels_the_workers() -> None:
    """Breaking out of an aclosing()-wrapped listing cancels every worker at once."""
    zoom = SlowZoom(pages=50)

    async def main() -> list[asyncio.Task[Any]]:
        client = async_client(zoom)
        async with contextlib.aclosing(client.clips.list_accounts(["a", "b"], **YEAR)) as pairs:
            async for _ in pairs:
                break
        return [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]

    assert run_virtual(main()) == []
    assert zoom.in_flight == 0


@pytest.mark.parametrize(
    ("account_ids", "error"),
    [("acct-1", TypeError), ([], ValueError), (["ok", ""], ValueError), ([3], ValueError)],
)
def test_list_accounts_checks_its_arguments_before_any_request(
    account_ids: Any, error: type[Exception]
) -> None:
    """A bare string, an empty list or a bad id is a clear error raised at the call."""
    zoom = SlowZoom()
    client = async_client(zoom)
    with pytest.raises(error):
        client.clips.list_accounts(account_ids, **YEAR)
    assert zoom.started_at == []


@pytest.mark.parametrize("value", [0, -1, 1.5, True, "8"])
def test_max_concurrency_must_be_a_positive_int(value: Any) -> None:
    """A max_concurrency that is not an int >= 1 is refused with ValueError."""
    with pytest.raises(ValueError, match="max_concurrency"):
        zc.AsyncZoomClips(auth=make_auth(), max_concurrency=value)
