"""Auth flows: Zoom's token URL, one shared token per cache, 401/124 refresh, no leaked secrets."""

from __future__ import annotations

import asyncio
import base64
import threading
from collections.abc import Callable
from urllib.parse import parse_qs

import httpx
import pytest
import zoom_clips as zc

from .conftest import (
    ACCOUNT,
    SECRET,
    TOKEN,
    Facade,
    FakeZoom,
    json_response,
    make_auth,
    serve_page,
)


def test_default_token_url_is_zooms(make_client: Callable[..., Facade]) -> None:
    """Tokens come from https://zoom.us/oauth/token, not the spec's empty tokenUrl."""
    auth = make_auth()
    assert auth.token_url == "https://zoom.us/oauth/token"
    zoom = FakeZoom(serve_page)
    make_client(zoom, auth=auth).list_page(ACCOUNT)
    (token_request,) = zoom.token_requests
    assert str(token_request.url) == "https://zoom.us/oauth/token"


def test_token_request_and_bearer_use(make_client: Callable[..., Facade]) -> None:
    """The token request is account_credentials with Basic auth; API calls carry the bearer."""
    zoom = FakeZoom(serve_page)
    client = make_client(zoom)
    client.list_page(ACCOUNT)
    client.list_page(ACCOUNT)
    (token_request,) = zoom.token_requests
    assert token_request.method == "POST"
    assert parse_qs(token_request.content.decode()) == {
        "grant_type": ["account_credentials"],
        "account_id": [ACCOUNT],
    }
    basic = base64.b64encode(f"client-id:{SECRET}".encode()).decode()
    assert token_request.headers["Authorization"] == f"Basic {basic}"
    assert [r.headers["Authorization"] for r in zoom.api_requests] == [f"Bearer {TOKEN}"] * 2


def test_token_is_refetched_shortly_before_expiry(make_client: Callable[..., Facade]) -> None:
    """With an injected clock, the cached token is reused until a minute before expires_in."""
    now = [1000.0]
    zoom = FakeZoom(serve_page)
    client = make_client(zoom, auth=make_auth(clock=lambda: now[0]))
    client.list_page(ACCOUNT)
    now[0] += 3600 - 61
    client.list_page(ACCOUNT)
    assert len(zoom.token_requests) == 1
    now[0] += 2
    client.list_page(ACCOUNT)
    assert len(zoom.token_requests) == 2


def expired_once(request: httpx.Request, state: dict[str, int]) -> httpx.Response:
    state["calls"] += 1
    if state["calls"] == 1:
        return json_response(401, {"code": 124, "message": "Invalid access token."})
    return serve_page(request)


def test_401_code_124_refreshes_once_and_retries_once(make_client: Callable[..., Facade]) -> None:
    """An expired/revoked token (401, code 124) is replaced once and the request repeated once."""
    state = {"calls": 0}
    zoom = FakeZoom(lambda r: expired_once(r, state))
    client = make_client(zoom)
    assert client.list_page(ACCOUNT).data[0].clip_id == "a"
    assert len(zoom.token_requests) == 2
    assert len(zoom.api_requests) == 2


def test_persistent_401_124_raises_after_one_refresh(make_client: Callable[..., Facade]) -> None:
    """If the fresh token is refused too, AuthenticationError is raised: no refresh loop."""
    zoom = FakeZoom(lambda _: json_response(401, {"code": 124, "message": "Invalid access token."}))
    client = make_client(zoom)
    with pytest.raises(zc.AuthenticationError) as caught:
        client.list_page(ACCOUNT)
    assert caught.value.code == 124
    assert (len(zoom.token_requests), len(zoom.api_requests)) == (2, 2)


def test_other_401_is_not_refreshed(make_client: Callable[..., Facade]) -> None:
    """A 401 with another code (1002: not authenticated) raises without a new token."""
    zoom = FakeZoom(lambda _: json_response(401, {"code": 1002, "message": "Not authenticated."}))
    with pytest.raises(zc.AuthenticationError):
        make_client(zoom).list_page(ACCOUNT)
    assert (len(zoom.token_requests), len(zoom.api_requests)) == (1, 1)


@pytest.mark.parametrize(
    ("status", "body", "reason", "error"),
    [
        (
            400,
            {"reason": "Invalid client_id or client_secret", "error": "invalid_client"},
            "Inv",
            zc.AuthenticationError,
        ),
        (401, {"error": "invalid_client"}, "invalid_client", zc.AuthenticationError),
        (503, "<html>down</html>", "non-JSON", zc.InternalServerError),
        (429, {"reason": "slow down"}, "slow down", zc.RateLimitError),
        (200, {"token_type": "bearer"}, "without a usable access_token", zc.AuthenticationError),
    ],
)
def test_token_endpoint_failure_is_a_typed_error_without_secret(
    make_client: Callable[..., Facade],
    status: int,
    body: object,
    reason: str,
    error: type[zc.APIStatusError],
) -> None:
    """A refused token request raises AuthenticationError with Zoom's reason and no secret; a
    5xx or 429 (after the retries) the server or rate-limit error."""
    zoom = FakeZoom(serve_page, token_status=status, token_body=body)
    client = make_client(zoom)
    with pytest.raises(error) as caught:
        client.list_page(ACCOUNT)
    assert reason in str(caught.value)
    basic = base64.b64encode(f"client-id:{SECRET}".encode()).decode()
    for text in (str(caught.value), repr(caught.value), repr(caught.value.response)):
        assert SECRET not in text
        assert basic not in text
    assert zoom.api_requests == []


def test_fifty_threads_on_a_cold_cache_fetch_one_token() -> None:
    """50 threads sharing one client and a cold cache cause exactly one token request."""
    zoom = FakeZoom(serve_page)
    entered = threading.Event()

    def slow_token_endpoint(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/oauth/token":
            entered.set()
            threading.Event().wait(0.05)  # hold the fetch open so the other threads pile up
        return zoom(request)

    client = zc.ZoomClips(
        auth=make_auth(),
        http_client=httpx.Client(transport=httpx.MockTransport(slow_token_endpoint)),
    )
    barrier = threading.Barrier(50)
    errors: list[BaseException] = []

    def worker() -> None:
        barrier.wait()
        try:
            client.clips.list_page(ACCOUNT)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert entered.is_set()
    assert len(zoom.token_requests) == 1
    assert len(zoom.api_requests) == 50


def test_fifty_tasks_on_a_cold_cache_fetch_one_token() -> None:
    """50 asyncio tasks sharing one client and a cold cache cause exactly one token request."""
    zoom = FakeZoom(serve_page)

    async def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/oauth/token":
            for _ in range(20):  # yield to every other task while the fetch is in flight
                await asyncio.sleep(0)
        return zoom(request)

    async def run() -> None:
        async with zc.AsyncZoomClips(
            auth=make_auth(), http_client=httpx.AsyncClient(transport=httpx.MockTransport(handler))
        ) as client:
            await asyncio.gather(*(client.clips.list_page(ACCOUNT) for _ in range(50)))

    asyncio.run(run())
    assert len(zoom.token_requests) == 1
    assert len(zoom.api_requests) == 50


def test_user_oauth_rotates_refresh_tokens_and_reports_each_pair(
    make_client: Callable[..., Facade],
) -> None:
    """Each refresh uses the newest refresh token and hands the new pair to on_token."""
    issued: list[zc.TokenPair] = []
    counter = {"n": 0}
    zoom = FakeZoom(lambda r: expired_once(r, state))
    state = {"calls": 0}

    def token_body() -> dict[str, object]:
        counter["n"] += 1
        return {
            "access_token": f"acc-{counter['n']}",
            "refresh_token": f"ref-{counter['n']}",
            "expires_in": 3599,
            "scope": "clips:read:master",
        }

    class RotatingZoom(FakeZoom):
        def __call__(self, request: httpx.Request) -> httpx.Response:
            if request.url.path == "/oauth/token":
                self.token_requests.append(request)
                return json_response(200, token_body())
            return super().__call__(request)

    rotating = RotatingZoom(zoom.api)
    auth = zc.UserOAuth(
        client_id="client-id", client_secret=SECRET, refresh_token="ref-0", on_token=issued.append
    )
    client = make_client(rotating, auth=auth)
    client.list_page(ACCOUNT)  # cold: refresh with ref-0, then 401/124, refresh with ref-1
    sent = [parse_qs(r.content.decode())["refresh_token"] for r in rotating.token_requests]
    assert sent == [["ref-0"], ["ref-1"]]
    assert [(p.access_token, p.refresh_token) for p in issued] == [
        ("acc-1", "ref-1"),
        ("acc-2", "ref-2"),
    ]
    assert rotating.api_requests[-1].headers["Authorization"] == "Bearer acc-2"
    assert "ref-2" not in repr(issued[-1]) + repr(auth)
    assert "acc-2" not in repr(issued[-1])


def test_bearer_token_is_sent_as_is(make_client: Callable[..., Facade]) -> None:
    """A static token goes in the Authorization header and no token request is made."""
    zoom = FakeZoom(serve_page)
    make_client(zoom, auth=zc.BearerToken("static-tok")).list_page(ACCOUNT)
    assert zoom.api_requests[0].headers["Authorization"] == "Bearer static-tok"
    assert zoom.token_requests == []
    assert "static-tok" not in repr(zc.BearerToken("static-tok"))


@pytest.mark.parametrize(
    "url", ["http://zoom.us/oauth/token", "http://10.0.0.1/oauth/token", "ftp://zoom.us/t"]
)
def test_credentials_refused_for_cleartext_non_loopback_urls(url: str) -> None:
    """Credentials are refused at construction for http:// URLs that are not loopback."""
    with pytest.raises(ValueError, match="clear text"):
        make_auth(token_url=url)
    with pytest.raises(ValueError, match="clear text"):
        zc.ZoomClips(auth=zc.BearerToken("t"), base_url=url)


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8000/oauth/token", "http://localhost/t", "http://[::1]:9/t"]
)
def test_loopback_http_is_allowed(url: str) -> None:
    """Plain http to a loopback host (the mock server) is fine."""
    assert make_auth(token_url=url).token_url == url
    zc.ZoomClips(auth=zc.BearerToken("t"), base_url=url).close()


def test_secrets_never_appear_in_reprs() -> None:
    """Auth objects and clients show no client secret or token in repr/str."""
    auth = make_auth()
    user = zc.UserOAuth(client_id="c", client_secret=SECRET, refresh_token="r-secret")
    client = zc.ZoomClips(auth=auth)
    for text in (repr(auth), str(auth), repr(user), repr(client)):
        assert SECRET not in text
        assert "r-secret" not in text
    client.close()


@pytest.mark.parametrize(
    ("expires_in", "trusted_for"), [(3600, 3540), (3599, 3539), (60, 54), (0, 0)]
)
def test_tokens_are_refreshed_early_but_short_lived_ones_are_still_reused(
    expires_in: float, trusted_for: float
) -> None:
    """An hour's token is renewed a minute early; a minute's token is not renewed at once."""
    from zoom_clips._auth import refresh_at  # noqa: PLC0415 -- a private helper under test

    assert refresh_at(1000.0, expires_in) == pytest.approx(1000.0 + trusted_for)
