"""Edges of auth: a token pair's repr hides both tokens; a token dies at its refresh instant."""

from __future__ import annotations

import logging
from collections.abc import Callable

import httpx
import pytest
import zoom_clips as zc
from zoom_clips._auth import refresh_at

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


def test_a_token_pair_repr_masks_each_token_and_shows_the_rest() -> None:
    """``repr`` shows '***' for each token, never its text, and the lifetime and scope."""
    pair = zc.TokenPair("access-secret", "refresh-secret", 3600, "clips:read")
    text = repr(pair)
    assert "access_token='***'" in text
    assert "refresh_token='***'" in text
    assert "secret" not in text
    assert "expires_in=3600" in text
    assert "scope='clips:read'" in text


def test_a_cached_token_is_not_used_at_its_refresh_instant(
    make_client: Callable[..., Facade],
) -> None:
    """At exactly the instant the token stops being trusted, the next request fetches a new one."""
    now = [1000.0]
    zoom = FakeZoom(serve_page)
    client = make_client(zoom, auth=make_auth(clock=lambda: now[0]))
    client.list_page(ACCOUNT)
    now[0] = refresh_at(1000.0, 3600) - 0.001
    client.list_page(ACCOUNT)
    assert len(zoom.token_requests) == 1
    now[0] = refresh_at(1000.0, 3600)
    client.list_page(ACCOUNT)
    assert len(zoom.token_requests) == 2


@pytest.mark.parametrize("body", [[], None, "token", 3600])
def test_a_token_body_that_is_not_an_object_is_an_authentication_error(
    make_client: Callable[..., Facade], body: object
) -> None:
    """A 200 from the token endpoint whose JSON is not an object is AuthenticationError."""
    zoom = FakeZoom(serve_page, token_body=body)
    with pytest.raises(zc.AuthenticationError, match="usable access_token"):
        make_client(zoom).list_page(ACCOUNT)


def test_fetching_a_token_is_logged_at_debug_without_the_secret(
    make_client: Callable[..., Facade], caplog: pytest.LogCaptureFixture
) -> None:
    """Each token fetch logs the token URL at DEBUG; neither secret nor token appears."""
    caplog.set_level(logging.DEBUG, logger="zoom_clips")
    make_client(FakeZoom(serve_page)).list_page(ACCOUNT)
    fetches = [r.getMessage() for r in caplog.records if "access token" in r.getMessage()]
    assert fetches == ["fetching a new access token from https://zoom.us/oauth/token"]
    assert SECRET not in caplog.text
    assert TOKEN not in caplog.text


def test_a_token_without_expires_in_is_trusted_for_zooms_hour(
    make_client: Callable[..., Facade],
) -> None:
    """A token body lacking ``expires_in`` counts as Zoom's 3600 s: refetched at that refresh."""
    now = [1000.0]
    zoom = FakeZoom(serve_page, token_body={"access_token": TOKEN})
    client = make_client(zoom, auth=make_auth(clock=lambda: now[0]))
    client.list_page(ACCOUNT)
    now[0] = refresh_at(1000.0, 3600) - 0.001
    client.list_page(ACCOUNT)
    assert len(zoom.token_requests) == 1
    now[0] = refresh_at(1000.0, 3600)
    client.list_page(ACCOUNT)
    assert len(zoom.token_requests) == 2


S2S = {"account_id": "acct", "client_id": "cid", "client_secret": "csecret"}
USER = {"client_id": "cid", "client_secret": "csecret", "refresh_token": "rtoken"}


@pytest.mark.parametrize("bad", ["", None, 42])
@pytest.mark.parametrize(
    ("kind", "field"),
    [
        ("s2s", "account_id"),
        ("s2s", "client_id"),
        ("s2s", "client_secret"),
        ("user", "client_id"),
        ("user", "client_secret"),
        ("user", "refresh_token"),
        ("bearer", "token"),
    ],
)
def test_every_credential_must_be_a_non_empty_string(kind: str, field: str, bad: object) -> None:
    """An empty or non-string credential is a ValueError naming it, at construction."""
    make: dict[str, Callable[..., object]] = {
        "s2s": lambda **kw: zc.ServerToServerOAuth(**(S2S | kw)),
        "user": lambda **kw: zc.UserOAuth(**(USER | kw)),
        "bearer": lambda **kw: zc.BearerToken(**({"token": "t"} | kw)),
    }
    with pytest.raises(ValueError, match=f"{field} must be a non-empty string"):
        make[kind](**{field: bad})
    make[kind]()  # the same call with every credential given is fine


def test_user_oauth_uses_a_given_access_token_before_refreshing(
    make_client: Callable[..., Facade],
) -> None:
    """A user token pair's access token is sent as is; no refresh happens until Zoom refuses it."""
    zoom = FakeZoom(serve_page)
    auth = zc.UserOAuth(**USER, access_token="given-access")
    make_client(zoom, auth=auth).list_page(ACCOUNT)
    assert zoom.token_requests == []
    assert zoom.api_requests[0].headers["Authorization"] == "Bearer given-access"


def _refused_once() -> Callable[[httpx.Request], httpx.Response]:
    calls = [0]

    def handler(request: httpx.Request) -> httpx.Response:
        calls[0] += 1
        if calls[0] == 1:
            return json_response(401, {"code": 124, "message": "Invalid access token."})
        return serve_page(request)

    return handler


def test_a_refused_token_is_logged_before_the_one_retry(
    make_client: Callable[..., Facade], caplog: pytest.LogCaptureFixture
) -> None:
    """A 401 code 124 logs, at DEBUG, that a new token is fetched and the call retried once."""
    caplog.set_level(logging.DEBUG, logger="zoom_clips")
    make_client(FakeZoom(_refused_once())).list_page(ACCOUNT)
    refused = [r for r in caplog.records if "code 124" in r.getMessage()]
    assert len(refused) == 1
    assert refused[0].levelno == logging.DEBUG


@pytest.mark.parametrize(
    ("body", "shown"),
    [
        ([1, 2], "401 Unauthorized"),  # JSON, but not an object: no reason to read
        ({"reason": 5, "error": "invalid_client"}, "invalid_client"),  # first string field wins
    ],
)
def test_a_token_refusal_names_the_first_readable_reason(
    make_client: Callable[..., Facade], body: object, shown: str
) -> None:
    """A refused token request is AuthenticationError with the first string reason Zoom gave."""
    zoom = FakeZoom(serve_page, token_status=401, token_body=body)
    with pytest.raises(zc.AuthenticationError) as caught:
        make_client(zoom).list_page(ACCOUNT)
    assert shown in str(caught.value)


def test_a_token_refused_twice_is_logged_once_and_not_retried_again(
    make_client: Callable[..., Facade], caplog: pytest.LogCaptureFixture
) -> None:
    """With a persistent 124 the one retry is logged once; the second refusal is final."""
    caplog.set_level(logging.DEBUG, logger="zoom_clips")
    zoom = FakeZoom(lambda _: json_response(401, {"code": 124, "message": "Invalid access token."}))
    with pytest.raises(zc.AuthenticationError):
        make_client(zoom).list_page(ACCOUNT)
    assert len([r for r in caplog.records if "code 124" in r.getMessage()]) == 1
