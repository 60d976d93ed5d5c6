"""Zoom's other error shapes (ZOOM-FACTS, "More error shapes"), sync and async: a 400 code 4711
is a ``MissingScopesError`` naming the scopes, and "Access token is expired." refreshes the token
once, as code 124 does."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
import zoom_clips as zc
from zoom_clips._errors import missing_scopes

from .conftest import ACCOUNT, Facade, FakeZoom, json_response, serve_page

SCOPES_MESSAGE = "Invalid access token, does not contain scopes:[clips:read:admin]."


def test_a_4711_is_a_missing_scopes_error_naming_them(
    make_client: Callable[..., Facade],
) -> None:
    """400 code 4711: its own type (still a BadRequestError), the scopes parsed, not retried."""
    zoom = FakeZoom(lambda _: json_response(400, {"code": 4711, "message": SCOPES_MESSAGE}))
    with pytest.raises(zc.MissingScopesError) as caught:
        make_client(zoom).list_page(ACCOUNT)
    assert isinstance(caught.value, zc.BadRequestError)
    assert caught.value.scopes == ("clips:read:admin",)
    assert caught.value.code == 4711
    assert len(zoom.api_requests) == 1


@pytest.mark.parametrize(
    ("message", "scopes"),
    [
        (SCOPES_MESSAGE, ("clips:read:admin",)),
        (
            "Invalid access token, does not contain scopes:[clips:read:admin, clips:write:admin].",
            ("clips:read:admin", "clips:write:admin"),
        ),
        ("does not contain scopes: [a:b c:d]", ("a:b", "c:d")),
        ("Invalid access token.", ()),
    ],
)
def test_the_scopes_are_read_from_zooms_message(message: str, scopes: tuple[str, ...]) -> None:
    assert missing_scopes(message) == scopes


def _expired_once(body: dict[str, Any]) -> Callable[[httpx.Request], httpx.Response]:
    calls: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return json_response(401, body) if len(calls) == 1 else serve_page(request)

    return handler


@pytest.mark.parametrize(
    "body",
    [
        {"code": 124, "message": "Access token is expired."},
        {"message": "Access token is expired."},
        {"code": 401, "message": "Access token is expired."},
    ],
    ids=["code-124", "no-code", "other-code"],
)
def test_access_token_is_expired_refreshes_once_like_124(
    make_client: Callable[..., Facade], body: dict[str, Any]
) -> None:
    """A 401 saying "Access token is expired." gets a new token and the request once more."""
    zoom = FakeZoom(_expired_once(body))
    assert make_client(zoom).list_page(ACCOUNT).data[0].clip_id == "a"
    assert (len(zoom.token_requests), len(zoom.api_requests)) == (2, 2)
