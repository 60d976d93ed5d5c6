"""Following a redirect in the client's request path: where the next hop goes and what it sends.

Zoom's upload operations say the caller "must support HTTP 30x redirects" and "retain the
Authorization header when redirected to a different hostname". The request path follows them
itself (httpx's own ``follow_redirects`` would drop the token on every new host, and keep it on
none): a 307/308 resends the method and body, a 303 (and a 301/302 of a POST) becomes a
bodiless GET, as httpx and browsers do; at most ``MAX_HOPS``. Whether a hop carries the token is
``_redirects.keeps_authorization`` of the first URL and the hop's: the one policy.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs
import httpx

from ._auth import is_loopback
from ._errors import RedirectError

__all__ = ["MAX_HOPS", "REDIRECT_STATUSES", "Hop", "next_hop", "refused_redirect"]

MAX_HOPS = 5
#: The statuses that redirect (with a ``Location``); a download's file request follows them too.
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


@attrs.frozen
class Hop:
    """The request after a redirect: its method, absolute URL, other httpx arguments, and
    whether the body goes along."""

    method: str
    url: str
    extra: Mapping[str, Any]
    keeps_body: bool


def refused_redirect(origin: httpx.URL, target: httpx.URL) -> str | None:
    """Why a redirect from ``origin`` to ``target`` is never followed, or ``None``: a scheme
    other than http(s) (``file:``, ``ftp:``), or https down to plain http off loopback."""
    if target.scheme not in ("http", "https"):
        return f"to a {target.scheme or 'relative'}: URL, not http(s)"
    if origin.scheme == "https" and target.scheme == "http" and not is_loopback(target.host):
        return "from https down to plain http"
    return None


def next_hop(
    response: httpx.Response, method: str, extra: Mapping[str, Any], *, hops: int = 0
) -> Hop | None:
    """The hop a redirect ``response`` asks for, or ``None`` if it is no redirect (or has no
    ``Location``). ``hops``: redirects followed so far; past ``MAX_HOPS``, or to a URL
    ``refused_redirect`` refuses, raises ``RedirectError`` before any request goes there."""
    location = response.headers.get("location")
    if response.status_code not in REDIRECT_STATUSES or not location:
        return None
    try:
        url = response.request.url.join(location)
    except httpx.InvalidURL as exc:
        raise RedirectError(f"a redirect to an invalid Location: {exc}", response=response) from exc
    why = refused_redirect(response.request.url, url)
    if why is not None:
        raise RedirectError(f"refused a redirect {why}", response=response)
    if hops >= MAX_HOPS:
        raise RedirectError(
            f"more than {MAX_HOPS} redirects in a row (a loop?): not followed", response=response
        )
    keeps_body = response.status_code in {307, 308}
    if not keeps_body and method != "HEAD" and (response.status_code == 303 or method == "POST"):
        method = "GET"
    # The Location is the whole next URL: the first request's query does not go again.
    headers = dict(extra.get("headers") or {})
    following: dict[str, Any] = {}
    if keeps_body:
        following = {key: value for key, value in extra.items() if key in {"json", "content"}}
    else:
        headers = {k: v for k, v in headers.items() if k.lower() != "content-type"}
    if headers:
        following["headers"] = headers
    return Hop(method, str(url), following, keeps_body)
