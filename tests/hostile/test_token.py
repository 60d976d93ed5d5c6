"""Hostile token endpoints: every token fetch ends with a token or a typed error, in a number of
token requests the client's ``RetryPolicy`` bounds, holding at most a small body, sync and async.

A 5xx or 429 is retried (``1 + max_retries`` token requests, the policy's waits), then is the
server or rate-limit error; every request queued behind a fetch takes its outcome (50 callers,
one token request); a lifetime of 0, -5 or 401 digits is clamped; a 200 without a token, a
persistent 401 code 124 and a redirect end at once; a gzip bomb is refused, not inflated.
"""

from __future__ import annotations

import asyncio
import base64
import json
import threading
from collections.abc import Callable
from typing import Any

import httpx
import pytest
import zoom_clips as zc
from zoom_clips._small_bodies import SMALL_BODY_LIMIT
from zoom_clips._token_answer import MAX_TOKEN_LIFETIME, MIN_TOKEN_LIFETIME

from ..wrapper.conftest import SECRET
from .conftest import (
    ACCOUNT,
    NOW,
    TOKEN,
    Facade,
    FakeZoom,
    json_response,
    make_auth,
    page_json,
    peak_rss_mb,
)

MAX_RETRIES = 2
BASIC = base64.b64encode(f"client-id:{SECRET}".encode()).decode()


def ok_page(request: httpx.Request) -> httpx.Response:
    return json_response(200, page_json([]))


class ScriptedTokens(FakeZoom):
    """A ``FakeZoom`` whose token endpoint answers from ``answers`` in turn (the last one
    repeated), each a status with a JSON body and headers."""

    answers: list[tuple[int, Any, dict[str, str]]]

    def __init__(self, answers: list[tuple[int, Any, dict[str, str]]]) -> None:
        super().__init__(ok_page)
        self.answers = answers

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path != "/oauth/token":
            return super().__call__(request)
        self.token_requests.append(request)
        status, body, headers = self.answers[min(len(self.token_requests), len(self.answers)) - 1]
        return json_response(status, body, **headers)


def refused_everything(text: str) -> None:
    assert SECRET not in text
    assert BASIC not in text


# -- 1. a 5xx or 429 from the token endpoint: retried under the policy, then typed ----------------


@pytest.mark.parametrize(
    ("status", "headers", "error", "waits"),
    [
        (503, {}, zc.InternalServerError, [0.4375, 0.875]),  # the backoff, jitter 0.5
        (500, {}, zc.InternalServerError, [0.4375, 0.875]),
        (429, {"Retry-After": "2"}, zc.RateLimitError, [2.0, 2.0]),
        (429, {"Retry-After": "1e12"}, zc.RateLimitError, [60.0, 60.0]),  # capped at max_wait
    ],
)
def test_a_failing_token_endpoint_is_retried_then_a_server_or_rate_limit_error(
    make_client: Callable[..., Facade],
    status: int,
    headers: dict[str, str],
    error: type[zc.APIStatusError],
    waits: list[float],
) -> None:
    """A token endpoint answering 5xx or 429 gets ``1 + max_retries`` token requests with the
    policy's waits, then raises InternalServerError / RateLimitError (not AuthenticationError);
    the API is never called and no message shows the secret."""
    zoom = ScriptedTokens([(status, {"reason": "busy"}, headers)])
    client = make_client(zoom, max_retries=MAX_RETRIES)
    with pytest.raises(error) as caught:
        client.list_page(ACCOUNT)
    assert not isinstance(caught.value, zc.AuthenticationError)
    assert caught.value.status_code == status
    assert (len(zoom.token_requests), len(zoom.api_requests)) == (1 + MAX_RETRIES, 0)
    assert client.sleeps == waits
    refused_everything(str(caught.value) + repr(caught.value))


def test_a_daily_limit_on_the_token_endpoint_is_not_retried(
    make_client: Callable[..., Facade],
) -> None:
    """A daily-limit 429 from the token endpoint is RateLimitError at once: one token request."""
    zoom = ScriptedTokens([(429, {}, {"X-RateLimit-Type": "Daily-limit"})])
    client = make_client(zoom, max_retries=MAX_RETRIES)
    with pytest.raises(zc.RateLimitError) as caught:
        client.list_page(ACCOUNT)
    assert caught.value.limit_type == "Daily-limit"
    assert (len(zoom.token_requests), client.sleeps) == (1, [])


def test_a_token_endpoint_that_recovers_gives_a_token_after_one_wait(
    make_client: Callable[..., Facade],
) -> None:
    """A 503 then a token: the call succeeds after one wait, with one API request."""
    zoom = ScriptedTokens([(503, {}, {}), (200, {"access_token": TOKEN, "expires_in": 3600}, {})])
    client = make_client(zoom, max_retries=MAX_RETRIES)
    assert client.list_page(ACCOUNT).data == ()
    assert (len(zoom.token_requests), len(zoom.api_requests), client.sleeps) == (2, 1, [0.4375])
    assert zoom.api_requests[0].headers["Authorization"] == f"Bearer {TOKEN}"


def test_a_token_endpoint_503_is_retried_before_a_request_that_is_never_resent(
    make_client: Callable[..., Facade],
) -> None:
    """Even a POST the client never resends (it may have reached Zoom) is retried when the token
    endpoint failed: the POST had not left. It is sent once."""
    zoom = ScriptedTokens([(503, {}, {}), (200, {"access_token": TOKEN}, {})])
    client = make_client(zoom, max_retries=MAX_RETRIES)
    sent = client.client.request("POST", "/clips/c1/anything", json={})
    if not isinstance(sent, httpx.Response):
        sent = asyncio.run(sent)
    assert sent.status_code == 200
    assert (len(zoom.token_requests), [r.method for r in zoom.api_requests]) == (2, ["POST"])


# -- 2. one outcome for every request queued behind a fetch -------------------------------------


def _fifty_callers(kind: str, handler: Callable[[httpx.Request], httpx.Response]) -> list[object]:
    """50 concurrent ``list_page`` calls on one client (threads, or tasks), the token fetch held
    open so that the others queue behind it; each call's result or error."""
    policy = zc.RetryPolicy(max_retries=MAX_RETRIES, rand=lambda: 0.5, now=lambda: NOW)
    if kind == "sync":
        auth = make_auth()
        # Every caller reads the fetch count and looks at the cache before it queues for the
        # lock; the fetcher looks once more under it. The token fetch is held until all 50 have
        # looked (51 per round), so none arrives after a fetch has ended, however slowly the
        # machine schedules the threads (a fixed hold was not enough on a loaded machine).
        arrived = threading.Condition()
        looked = fetches = 0
        cache_look = auth._usable_token

        def counted_look() -> str | None:
            nonlocal looked
            with arrived:
                looked += 1
                arrived.notify_all()
            return cache_look()

        auth._usable_token = counted_look  # type: ignore[method-assign]

        def held(request: httpx.Request) -> httpx.Response:
            nonlocal fetches
            if request.url.path == "/oauth/token":
                fetches += 1  # one fetch at a time: under the auth's lock
                with arrived:
                    assert arrived.wait_for(lambda: looked >= 51 * fetches, timeout=60), looked
            return handler(request)

        everyone = threading.Barrier(50)  # each caller's backoff ends when all have failed

        client = zc.ZoomClips(
            auth=auth,
            http_client=httpx.Client(transport=httpx.MockTransport(held)),
            retry_policy=policy,
            sleep=lambda _: everyone.wait(),
        )
        results: list[object] = []
        barrier = threading.Barrier(50)

        def call() -> None:
            barrier.wait()
            try:
                results.append(client.clips.list_page(ACCOUNT))
            except Exception as exc:
                results.append(exc)

        threads = [threading.Thread(target=call) for _ in range(50)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return results

    async def aheld(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/oauth/token":
            for _ in range(20):  # let every other task reach the lock while the fetch is out
                await asyncio.sleep(0)
        return handler(request)

    async def run() -> list[object]:
        everyone = asyncio.Barrier(50)  # each caller's backoff ends when all have failed

        async def backoff(_: float) -> None:
            await everyone.wait()

        async with zc.AsyncZoomClips(
            auth=make_auth(),
            http_client=httpx.AsyncClient(transport=httpx.MockTransport(aheld)),
            retry_policy=policy,
            sleep=backoff,
        ) as client:
            calls = (client.clips.list_page(ACCOUNT) for _ in range(50))
            return list(await asyncio.gather(*calls, return_exceptions=True))

    return asyncio.run(run())


def test_fifty_callers_behind_a_failing_token_endpoint_share_each_outcome(kind: str) -> None:
    """50 concurrent calls against a token endpoint answering 503 cause one token request per
    attempt the policy allows (not 50 each), and all 50 raise InternalServerError."""
    zoom = ScriptedTokens([(503, {}, {})])
    results = _fifty_callers(kind, zoom)
    assert len(results) == 50
    assert all(isinstance(result, zc.InternalServerError) for result in results), results[:3]
    assert len(zoom.token_requests) == 1 + MAX_RETRIES
    assert zoom.api_requests == []


def test_fifty_callers_behind_a_token_endpoint_that_drops_connections_share_it(kind: str) -> None:
    """The same when the token request fails in transport: one request per attempt, and every
    caller gets the typed connection error."""
    token_requests: list[httpx.Request] = []

    def dropping(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/oauth/token":
            token_requests.append(request)
            raise httpx.ConnectError("connection refused", request=request)
        return ok_page(request)

    results = _fifty_callers(kind, dropping)
    assert all(isinstance(result, zc.APIConnectionError) for result in results), results[:3]
    assert len(token_requests) == 1 + MAX_RETRIES


def test_fifty_callers_on_a_short_lived_token_fetch_once(kind: str) -> None:
    """50 concurrent calls and a token with ``expires_in: 0``: one token request, 50 calls."""
    zoom = ScriptedTokens([(200, {"access_token": TOKEN, "expires_in": 0}, {})])
    results = _fifty_callers(kind, zoom)
    assert all(isinstance(result, zc.ClipsPage) for result in results), results[:3]
    assert (len(zoom.token_requests), len(zoom.api_requests)) == (1, 50)


# -- 3. a lifetime of 0 or below, of 401 digits, or of no number at all -------------------------


@pytest.mark.parametrize(
    ("expires_in", "trusted"),
    [
        (0, MIN_TOKEN_LIFETIME),
        (-5, MIN_TOKEN_LIFETIME),
        (0.5, MIN_TOKEN_LIFETIME),
        (10**401, MAX_TOKEN_LIFETIME),
        (float("inf"), MAX_TOKEN_LIFETIME),
        ("1e999", MAX_TOKEN_LIFETIME),
        (float("nan"), 3600.0),
        (None, 3600.0),
        ("soon", 3600.0),
        ([], 3600.0),
        ("120", 120.0),
    ],
)
def test_an_odd_lifetime_is_clamped_never_a_fetch_per_call_nor_a_raw_error(
    make_client: Callable[..., Facade], expires_in: object, trusted: float
) -> None:
    """``expires_in`` below the floor counts as the floor, above the ceiling as the ceiling, and
    garbage as Zoom's hour: calls inside that lifetime share one token request."""
    now = [1000.0]
    zoom = ScriptedTokens([(200, {"access_token": TOKEN, "expires_in": expires_in}, {})])
    client = make_client(zoom, auth=make_auth(clock=lambda: now[0]))
    client.list_page(ACCOUNT)
    now[0] += trusted * 0.85  # inside the trusted lifetime, its early-refresh margin included
    client.list_page(ACCOUNT)
    assert (len(zoom.token_requests), len(zoom.api_requests)) == (1, 2)
    now[0] += trusted * 0.15 + 1  # past it
    client.list_page(ACCOUNT)
    assert len(zoom.token_requests) == 2


# -- 4. a 200 without a usable access_token -------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        {"expires_in": 3600},
        {"access_token": None},
        {"access_token": 12345},
        {"access_token": ""},
        {"access_token": "two words"},
        {"access_token": "line\r\nX-Injected: 1"},
        {"access_token": ["a"]},
    ],
)
def test_a_200_without_a_usable_access_token_is_an_authentication_error(
    make_client: Callable[..., Facade], body: dict[str, object]
) -> None:
    """A 200 whose access_token is missing or not a header-safe string raises
    AuthenticationError after one token request; no API request goes out."""
    zoom = ScriptedTokens([(200, body, {})])
    client = make_client(zoom, max_retries=MAX_RETRIES)
    with pytest.raises(zc.AuthenticationError, match="without a usable access_token"):
        client.list_page(ACCOUNT)
    assert (len(zoom.token_requests), len(zoom.api_requests), client.sleeps) == (1, 0, [])


# -- 5. a 401 code 124 on every call, even after a refresh ----------------------------------------


def test_a_401_code_124_on_every_call_stops_after_two_token_requests(
    make_client: Callable[..., Facade],
) -> None:
    """Zoom refusing every token (401, code 124): one refresh and one retry, then
    AuthenticationError: 2 token requests, 2 API requests, no waits."""
    zoom = FakeZoom(lambda _: json_response(401, {"code": 124, "message": "Invalid access token."}))
    client = make_client(zoom, max_retries=MAX_RETRIES)
    with pytest.raises(zc.AuthenticationError) as caught:
        client.list_page(ACCOUNT)
    assert caught.value.code == 124
    assert (len(zoom.token_requests), len(zoom.api_requests), client.sleeps) == (2, 2, [])
    refused_everything(str(caught.value))


def test_a_refused_token_is_not_sent_again_while_the_token_endpoint_fails(
    make_client: Callable[..., Facade],
) -> None:
    """Zoom refuses the token (401 code 124) and the refresh answers 503: the retries fetch
    again (``1 + max_retries`` refreshes) without resending the refused token to the API."""
    zoom = ScriptedTokens([(200, {"access_token": TOKEN}, {}), (503, {}, {})])
    zoom.api = lambda _: json_response(401, {"code": 124, "message": "Invalid access token."})
    client = make_client(zoom, max_retries=MAX_RETRIES)
    with pytest.raises(zc.InternalServerError):
        client.list_page(ACCOUNT)
    assert (len(zoom.token_requests), len(zoom.api_requests)) == (2 + MAX_RETRIES, 1)


# -- 6. a gzip bomb: refused, not inflated --------------------------------------------------------

BOMB_CASE = """
import asyncio, zlib
import httpx
import zoom_clips as zc

packer = zlib.compressobj(9, zlib.DEFLATED, 31)
mib = bytes(1 << 20)
bomb = b"".join([*(packer.compress(mib) for _ in range(1024)), packer.flush()])  # 1 GiB inflated

def handler(request):
    if request.url.path == "/oauth/token" or BOMB_API:
        status = 200 if request.url.path == "/oauth/token" else 401
        # one chunk of a megabyte on the wire, as a test transport (or a large read) delivers it
        return httpx.Response(
            status, stream=httpx.ByteStream(bomb),
            headers={"content-encoding": "gzip", "content-type": "application/json"},
        )
    return httpx.Response(200, json={"access_token": "t", "expires_in": 3600})

auth = zc.ServerToServerOAuth(account_id="a", client_id="i", client_secret="s")
policy = zc.RetryPolicy(max_retries=1)
if IS_SYNC:
    client = zc.ZoomClips(
        auth=auth, http_client=httpx.Client(transport=httpx.MockTransport(handler)),
        retry_policy=policy, sleep=lambda _: None,
    )
    call = lambda: client.clips.list_page("a")
else:
    async def nap(_): pass
    client = zc.AsyncZoomClips(
        auth=auth, http_client=httpx.AsyncClient(transport=httpx.MockTransport(handler)),
        retry_policy=policy, sleep=nap,
    )
    call = lambda: asyncio.run(client.clips.list_page("a"))
try:
    call()
    result = "no error"
except Exception as exc:
    result = [type(exc).__name__, isinstance(exc, zc.APIResponseValidationError), str(exc)]
"""


@pytest.mark.parametrize("answer", ["token", "api-401"])
def test_a_gzip_bomb_from_the_token_endpoint_or_a_401_is_refused_in_bounded_memory(
    kind: str, answer: str
) -> None:
    """A token answer (or an API 401, which the auth flow reads for code 124) of 1 MB gzip that
    inflates to 1 GiB: a typed APIResponseValidationError, the process peaking under 150 MB."""
    code = BOMB_CASE.replace("BOMB_API", str(answer == "api-401")).replace(
        "IS_SYNC", str(kind == "sync")
    )
    peak, result = peak_rss_mb(code)
    assert isinstance(result, list), result
    name, typed, message = result
    assert (name, typed) == ("BodyTooLargeError", True)
    assert f"over {SMALL_BODY_LIMIT} bytes once decoded from gzip" in message
    assert peak < 150, f"peak RSS {peak:.0f} MB"


# -- 7. the token request and the token never leave the issuer ------------------------------------


@pytest.mark.parametrize("status", [302, 307, 308])
def test_a_redirecting_token_endpoint_is_not_followed(
    make_client: Callable[..., Facade], status: int
) -> None:
    """The token endpoint redirecting elsewhere: nothing goes there (neither the client secret
    nor the form), AuthenticationError at once, no API request."""
    elsewhere: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host != "zoom.us" and "zoom.us" not in request.url.host:
            elsewhere.append(request)
            return json_response(200, {"access_token": "stolen", "expires_in": 3600})
        if request.url.path == "/oauth/token":
            return httpx.Response(status, headers={"Location": "https://evil.example/oauth"})
        return ok_page(request)

    client = make_client(handler, max_retries=MAX_RETRIES)
    with pytest.raises(zc.AuthenticationError, match="not followed"):
        client.list_page(ACCOUNT)
    assert elsewhere == []
    assert client.sleeps == []


@pytest.mark.parametrize("status", [302, 307])
def test_a_token_endpoint_redirect_is_not_followed_even_by_a_following_http_client(
    kind: str, status: int
) -> None:
    """Even with an ``httpx`` client that follows redirects, the token endpoint's redirect is not
    followed: the other host sees no request at all (no form, no refresh token)."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.host == "evil.example":
            return json_response(200, {"access_token": "stolen", "expires_in": 3600})
        if request.url.path == "/oauth/token":
            return httpx.Response(status, headers={"Location": "https://evil.example/oauth"})
        return ok_page(request)

    transport = httpx.MockTransport(handler)

    def call() -> None:
        if kind == "sync":
            with zc.ZoomClips(
                auth=make_auth(),
                http_client=httpx.Client(transport=transport, follow_redirects=True),
            ) as client:
                client.clips.list_page(ACCOUNT)
            return

        async def run() -> None:
            async with zc.AsyncZoomClips(
                auth=make_auth(),
                http_client=httpx.AsyncClient(transport=transport, follow_redirects=True),
            ) as client:
                await client.clips.list_page(ACCOUNT)

        asyncio.run(run())

    with pytest.raises(zc.AuthenticationError, match="a redirect, which is not followed"):
        call()
    assert [r.url.host for r in seen] == ["zoom.us"]  # no other host, no API request at all
    assert "stolen" not in json.dumps([dict(r.headers) for r in seen])
