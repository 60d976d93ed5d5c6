"""Requests are built by the generated code, and listing pages and windows correctly."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import httpx
import pytest
import zoom_clips as zc
from zoom_clips._client import DEFAULT_BASE_URL

from .conftest import ACCOUNT, Facade, FakeZoom, clip_json, json_response, page_json


def ok(body: dict[str, Any]) -> Callable[[httpx.Request], httpx.Response]:
    return lambda _: json_response(200, body)


def test_default_base_url_has_v2() -> None:
    """Requests go to https://api.zoom.us/v2, not the spec's server URL without /v2."""
    assert DEFAULT_BASE_URL == "https://api.zoom.us/v2"
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return json_response(200, page_json([]))

    client = zc.ZoomClips(
        auth=zc.BearerToken("t"), http_client=httpx.Client(transport=httpx.MockTransport(handler))
    )
    client.clips.list_page("acct/1")
    assert str(seen[0].url).startswith("https://api.zoom.us/v2/accounts/acct%2F1/clips")


def test_date_filter_type_sent_only_when_asked(make_client: Callable[..., Facade]) -> None:
    """The generated default MODIFIED_DATE is not sent unless the caller asks for a filter type."""
    zoom = FakeZoom(ok(page_json([])))
    client = make_client(zoom)
    client.list_page(ACCOUNT)
    client.list_page(ACCOUNT, date_filter_type="CREATED_DATE")
    client.list_page(ACCOUNT, date_filter_type=zc.DateFilterType.MODIFIED_DATE)
    first, created, modified = zoom.queries()
    assert "date_filter_type" not in first
    assert created["date_filter_type"] == "CREATED_DATE"
    assert modified["date_filter_type"] == "MODIFIED_DATE"


def test_unknown_status_and_odd_http_status_do_not_crash(
    make_client: Callable[..., Facade],
) -> None:
    """A new enum value parses, and a non-standard 520 is a typed error: the generator crashed."""
    zoom = FakeZoom(ok(page_json([clip_json("a", status="RECORD_PROCESSING")])))
    client = make_client(zoom)
    assert client.list_page(ACCOUNT).data[0].status == "RECORD_PROCESSING"
    odd = make_client(FakeZoom(lambda _: httpx.Response(520, content=b"")), max_retries=0)
    with pytest.raises(zc.InternalServerError):
        odd.list_page(ACCOUNT)


def test_list_page_sends_every_filter(make_client: Callable[..., Facade]) -> None:
    """list_page passes each filter with Zoom's names and formats, and returns the page."""
    zoom = FakeZoom(ok(page_json([clip_json("a")], token="next")))
    client = make_client(zoom)
    page = client.list_page(
        ACCOUNT,
        user_id="me",
        search_key="demo",
        status=zc.ClipStatus.RECORD_SUCCESS,
        page_size=300,
        from_=date(2025, 1, 1),
        to=datetime(2025, 1, 31, 12, 30, tzinfo=UTC),
        next_page_token="tok",
    )
    assert zoom.queries() == [
        {
            "user_id": "me",
            "search_key": "demo",
            "status": "RECORD_SUCCESS",
            "page_size": "300",
            "from": "2025-01-01T00:00:00Z",
            "to": "2025-01-31T12:30:00Z",
            "next_page_token": "tok",
        }
    ]
    assert page.next_page_token == "next"
    assert [c.clip_id for c in page.data] == ["a"]


def pager(pages: dict[str | None, dict[str, Any]]) -> Callable[[httpx.Request], httpx.Response]:
    """A handler serving ``pages`` keyed by the request's next_page_token."""
    return lambda request: json_response(200, pages[request.url.params.get("next_page_token")])


def test_list_repeats_the_query_on_every_page(make_client: Callable[..., Facade]) -> None:
    """Each page request carries the original filters plus the token, and all clips come back."""
    zoom = FakeZoom(
        pager(
            {
                None: page_json([clip_json("a"), clip_json("b")], token="p2"),
                "p2": page_json([clip_json("c")], token="p3"),
                "p3": page_json([clip_json("d")]),
            }
        )
    )
    client = make_client(zoom)
    clips = client.list_all(
        ACCOUNT, status="RECORD_SUCCESS", page_size=30, from_="2025-01-01", to="2025-01-20"
    )
    assert [c.clip_id for c in clips] == ["a", "b", "c", "d"]
    base = {
        "status": "RECORD_SUCCESS",
        "page_size": "30",
        "from": "2025-01-01T00:00:00Z",
        "to": "2025-01-21T00:00:00Z",
    }
    assert zoom.queries() == [
        base,
        {**base, "next_page_token": "p2"},
        {**base, "next_page_token": "p3"},
    ]


def test_long_range_is_split_into_month_windows(make_client: Callable[..., Facade]) -> None:
    """A year of dates is 12 one-month windows of UTC instants, sharing their boundary instants."""
    zoom = FakeZoom(ok(page_json([])))
    client = make_client(zoom)
    assert client.list_all(ACCOUNT, from_=date(2025, 1, 1), to=date(2025, 12, 31)) == []
    windows = [(q["from"], q["to"]) for q in zoom.queries()]
    assert windows[0] == ("2025-01-01T00:00:00Z", "2025-02-01T00:00:00Z")
    assert windows[1] == ("2025-02-01T00:00:00Z", "2025-03-01T00:00:00Z")
    assert windows[-1] == ("2025-12-01T00:00:00Z", "2026-01-01T00:00:00Z")
    assert len(windows) == 12


def test_datetime_windows_use_zoom_datetime_format(make_client: Callable[..., Facade]) -> None:
    """Naive datetimes are UTC, and windows of datetimes are sent as yyyy-MM-ddTHH:mm:ssZ."""
    zoom = FakeZoom(ok(page_json([])))
    client = make_client(zoom)
    client.list_all(
        ACCOUNT,
        from_=datetime(2025, 1, 31, 6),  # noqa: DTZ001 -- naive on purpose: read as UTC
        to="2025-03-01T00:00:00+01:00",
    )
    assert [(q["from"], q["to"]) for q in zoom.queries()] == [
        ("2025-01-31T06:00:00Z", "2025-02-28T06:00:00Z"),
        ("2025-02-28T06:00:00Z", "2025-02-28T23:00:00Z"),
    ]


def test_clips_on_a_window_boundary_are_yielded_once(make_client: Callable[..., Facade]) -> None:
    """A clip dated on the shared boundary instant comes back from both windows, yielded once."""
    boundary = clip_json("edge", modified_date="2025-02-01T00:00:00Z")
    by_window = {
        "2025-01-01T00:00:00Z": [clip_json("jan", modified_date="2025-01-05T00:00:00Z"), boundary],
        "2025-02-01T00:00:00Z": [boundary, clip_json("feb", modified_date="2025-02-10T00:00:00Z")],
    }
    zoom = FakeZoom(lambda r: json_response(200, page_json(by_window[r.url.params["from"]])))
    client = make_client(zoom)
    clips = client.list_all(ACCOUNT, from_=date(2025, 1, 1), to=date(2025, 2, 20))
    # The async client yields in arrival order across windows (documented), so compare as a bag.
    assert sorted(c.clip_id for c in clips) == ["edge", "feb", "jan"]


def test_repeating_page_token_raises_pagination_error(make_client: Callable[..., Facade]) -> None:
    """A next_page_token that comes back again raises PaginationError instead of looping."""
    zoom = FakeZoom(
        pager(
            {
                None: page_json([clip_json("a")], token="p2"),
                "p2": page_json([clip_json("b")], token="p3"),
                "p3": page_json([clip_json("c")], token="p2"),
            }
        )
    )
    client = make_client(zoom)
    with pytest.raises(zc.PaginationError, match="already sent"):
        client.list_all(ACCOUNT, from_="2025-01-01", to="2025-01-31")
    assert len(zoom.api_requests) == 3


def expiring(times: int) -> Callable[[httpx.Request], httpx.Response]:
    """Two pages; the page-2 token is reported expired ``times`` times."""
    state = {"left": times}

    def handler(request: httpx.Request) -> httpx.Response:
        token = request.url.params.get("next_page_token")
        if token is None:
            return json_response(200, page_json([clip_json("a"), clip_json("b")], token="p2"))
        if state["left"] > 0:
            state["left"] -= 1
            return json_response(400, {"code": 300, "message": "Invalid next_page_token."})
        return json_response(200, page_json([clip_json("b"), clip_json("c")]))

    return handler


def test_expired_page_token_restarts_the_window_once(make_client: Callable[..., Facade]) -> None:
    """An expired token mid-window restarts the window, and no clip is yielded twice."""
    zoom = FakeZoom(expiring(1))
    client = make_client(zoom)
    clips = client.list_all(ACCOUNT, from_="2025-01-01", to="2025-01-31")
    assert [c.clip_id for c in clips] == ["a", "b", "c"]
    assert [q.get("next_page_token") for q in zoom.queries()] == [None, "p2", None, "p2"]


def test_page_token_expiring_twice_raises_pagination_error(
    make_client: Callable[..., Facade],
) -> None:
    """The restart happens once; a second expiry in the same window is a PaginationError."""
    client = make_client(FakeZoom(expiring(2)))
    with pytest.raises(zc.PaginationError) as caught:
        client.list_all(ACCOUNT, from_="2025-01-01", to="2025-01-31")
    assert caught.value.code == 300


def test_first_page_400_is_a_bad_request_not_a_restart(make_client: Callable[..., Facade]) -> None:
    """Code 300 on the first page (no token sent) is a validation error, raised at once."""
    zoom = FakeZoom(lambda _: json_response(400, {"code": 300, "message": "bad from"}))
    client = make_client(zoom)
    with pytest.raises(zc.BadRequestError) as caught:
        client.list_all(ACCOUNT, from_="2025-01-01", to="2025-01-31")
    assert type(caught.value) is zc.BadRequestError
    assert len(zoom.api_requests) == 1


@pytest.mark.parametrize(
    "kwargs",
    [
        {"page_size": 29},
        {"page_size": 301},
        {"page_size": True},
        {"status": "RECORD_PROCESSING"},
        {"date_filter_type": "TODAY"},
        {"from_": "not a date"},
        {"from_": "2025-02-01", "to": "2025-01-01"},
        {"to": "2025-01-01"},
    ],
)
def test_arguments_outside_the_spec_fail_before_any_request(
    make_client: Callable[..., Facade], kwargs: dict[str, Any]
) -> None:
    """Bad filters raise ValueError from list_page and from list itself, with no request sent."""
    zoom = FakeZoom(ok(page_json([])))
    client = make_client(zoom)
    with pytest.raises(ValueError, match=r"\S"):
        client.list_page(ACCOUNT, **kwargs)
    with pytest.raises(ValueError, match=r"\S"):
        client.list_call(ACCOUNT, **kwargs)
    assert zoom.api_requests == []
    assert zoom.token_requests == []


def test_list_page_refuses_a_range_longer_than_a_month(make_client: Callable[..., Facade]) -> None:
    """list_page sends one request, so bounds over Zoom's one-month limit are refused up front.

    A date ``to`` runs through the end of its day, so ``2025-01-01..2025-01-31`` is the longest
    date range: ``..2025-02-01`` would send ``to=2025-02-02T00:00:00Z``.
    """
    zoom = FakeZoom(ok(page_json([])))
    client = make_client(zoom)
    for to in ("2025-02-01", "2025-02-01T00:00:01Z"):
        with pytest.raises(ValueError, match="one-month"):
            client.list_page(ACCOUNT, from_="2025-01-01", to=to)
    assert zoom.api_requests == []
    client.list_page(ACCOUNT, from_="2025-01-01", to="2025-01-31")
    client.list_page(ACCOUNT, from_="2025-01-01", to="2025-02-01T00:00:00Z")
    assert [(q["from"], q["to"]) for q in zoom.queries()] == [
        ("2025-01-01T00:00:00Z", "2025-02-01T00:00:00Z"),
        ("2025-01-01T00:00:00Z", "2025-02-01T00:00:00Z"),
    ]


def test_without_dates_zoom_default_applies(make_client: Callable[..., Facade]) -> None:
    """With no from_/to, no range is sent and a single unwindowed listing runs."""
    zoom = FakeZoom(ok(page_json([clip_json("a")])))
    client = make_client(zoom)
    assert [c.clip_id for c in client.list_all(ACCOUNT)] == ["a"]
    assert zoom.queries() == [{}]


def test_clients_close_their_connections_but_not_a_callers(kind: str) -> None:
    """The context managers close the HTTP client they created, and leave a caller's open."""
    transport = httpx.MockTransport(lambda _: json_response(200, page_json([])))
    if kind == "sync":
        own = zc.ZoomClips(auth=zc.BearerToken("t"))
        with own:
            pass
        assert own._http.is_closed
        theirs = httpx.Client(transport=transport)
        with zc.ZoomClips(auth=zc.BearerToken("t"), http_client=theirs) as client:
            client.clips.list_page(ACCOUNT)
        assert not theirs.is_closed
        return

    async def run() -> None:
        own = zc.AsyncZoomClips(auth=zc.BearerToken("t"))
        async with own:
            pass
        assert own._http.is_closed
        theirs = httpx.AsyncClient(transport=transport)
        async with zc.AsyncZoomClips(auth=zc.BearerToken("t"), http_client=theirs) as client:
            await client.clips.list_page(ACCOUNT)
        assert not theirs.is_closed
        await theirs.aclose()

    asyncio.run(run())


def test_from_env_reads_credentials_and_urls() -> None:
    """from_env builds Server-to-Server auth or a bearer token, with URL overrides."""
    env = {
        "ZOOM_ACCOUNT_ID": "a",
        "ZOOM_CLIENT_ID": "i",
        "ZOOM_CLIENT_SECRET": "s",
        "ZOOM_API_BASE_URL": "http://127.0.0.1:8000/v2",
        "ZOOM_OAUTH_TOKEN_URL": "http://127.0.0.1:8000/oauth/token",
    }
    with zc.ZoomClips.from_env(env) as client:
        assert isinstance(client._auth, zc.ServerToServerOAuth)
        assert client._auth.token_url == "http://127.0.0.1:8000/oauth/token"
        assert client.base_url == "http://127.0.0.1:8000/v2"
    bearer = zc.AsyncZoomClips.from_env({"ZOOM_ACCESS_TOKEN": "t"})
    assert isinstance(bearer._auth, zc.BearerToken)
    assert bearer.base_url == "https://api.zoom.us/v2"
    with pytest.raises(ValueError, match="ZOOM_ACCESS_TOKEN"):
        zc.ZoomClips.from_env({"ZOOM_ACCOUNT_ID": "a"})
