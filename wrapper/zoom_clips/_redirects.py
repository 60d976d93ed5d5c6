"""Redirects: who may see the Zoom bearer token, and how the request path follows a 30x.

**Where the token may go.** Zoom's upload operations say the caller "must retain the
Authorization header when redirected to a different hostname", and a download answers 302 to a
pre-signed file location. A token is a credential for the whole account, so it follows a redirect
only to Zoom's own hosts (``zoom.us`` and its subdomains) over https, or to the very origin it was
already sent to; never to any other host, and never over plain http to a new origin (that
includes loopback: a test's file host on another port gets no token).

>>> keeps_authorization(httpx.URL("https://fileapi.zoom.us/v2/clips/files"),
...                     httpx.URL("https://us01file.zoom.us/upload?sig=x"))
True
>>> keeps_authorization(httpx.URL("https://api.zoom.us/v2/clips/c1/download"),
...                     httpx.URL("https://bucket.s3.amazonaws.com/c1.mp4?X-Amz-Signature=x"))
False
>>> keeps_authorization(httpx.URL("https://api.zoom.us/v2/x"), httpx.URL("http://files.zoom.us/y"))
False

Whoever issued the token bounds where it goes at all (``token_may_go``, enforced where the auth
sets the header, so for every request of every operation, redirected or not): a token from
Zoom's token endpoint only to Zoom's hosts; one that another server issued (the mock, a proxy)
never to Zoom's.

>>> token_may_go(httpx.URL("https://zoom.us/oauth/token"), httpx.URL("https://fileapi.zoom.us/v2"))
True
>>> token_may_go(httpx.URL("http://127.0.0.1:8/oauth/token"), httpx.URL("https://api.zoom.us/v2"))
False

**Following a redirect.** Zoom's upload operations also say the caller "must support HTTP 30x
redirects". The request path follows them itself (httpx's own ``follow_redirects`` would drop the
token on every new host, and keep it on none): a 307/308 resends the method and body, a 303 (and
a 301/302 of a POST) becomes a bodiless GET, as httpx and browsers do; at most ``MAX_HOPS``.
Whether a hop carries the token is ``keeps_authorization`` of the first URL and the hop's: the
one policy. A redirect to another scheme, or from https down to plain http off loopback, is
never followed (``refused_redirect``).

>>> refused_redirect(httpx.URL("https://api.zoom.us/v2/x"), httpx.URL("http://files.zoom.us/y"))
'from https down to plain http'
>>> refused_redirect(httpx.URL("https://127.0.0.1:8/x"), httpx.URL("http://127.0.0.1:9/y")) is None
True
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from typing import Any

import attrs
import httpx

from ._errors import RedirectError

__all__ = [
    "MAX_HOPS",
    "REDIRECT_STATUSES",
    "Hop",
    "is_loopback",
    "is_zoom_host",
    "keeps_authorization",
    "next_hop",
    "refused_redirect",
    "token_may_go",
]

_ZOOM_DOMAIN = "zoom.us"
MAX_HOPS = 5
#: The statuses that redirect (with a ``Location``); a download's file request follows them too.
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


def is_loopback(host: str) -> bool:
    """Whether ``host`` is ``localhost`` or a loopback address (the one place plain http may
    carry a credential)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def is_zoom_host(url: httpx.URL) -> bool:
    """Whether ``url`` is https on ``zoom.us`` or one of its subdomains (not ``evilzoom.us``)."""
    host = url.host.rstrip(".").lower()
    return url.scheme == "https" and (host == _ZOOM_DOMAIN or host.endswith("." + _ZOOM_DOMAIN))


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    default = {"http": 80, "https": 443}.get(url.scheme)
    return url.scheme, url.host.rstrip(".").lower(), url.port or default


def keeps_authorization(origin: httpx.URL, target: httpx.URL) -> bool:
    """Whether a request redirected from ``origin`` to ``target`` may carry the Zoom token.

    Yes for the same origin (scheme, host and port), and for Zoom's own hosts over https;
    no for every other host.
    """
    return _origin(origin) == _origin(target) or is_zoom_host(target)


def token_may_go(issuer: httpx.URL, target: httpx.URL) -> bool:
    """Whether a token fetched from the token URL ``issuer`` may be sent to ``target``.

    A Zoom token (from ``zoom.us``) goes only to Zoom's hosts over https; a token that another
    server issued (the mock's, a test's) never goes to Zoom's, whose answer to it could only be
    a 401 and whose logs it would reach.
    """
    return is_zoom_host(issuer) == is_zoom_host(target)


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
