"""Edges of auth: a token pair's repr hides both tokens; a token dies at its refresh instant."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import zoom_clips as zc
from zoom_clips._auth import refresh_at

from .conftest import ACCOUNT, Facade, FakeZoom, clip_json, json_response, make_auth, page_json


def serve_page(request: httpx.Request) -> httpx.Response:
    """One page with one clip, whatever was asked."""
    return json_response(200, page_json([clip_json("a")]))


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
