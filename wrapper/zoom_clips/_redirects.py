"""Which hosts may see the Zoom bearer token when Zoom redirects a request elsewhere.

Zoom's upload operations say the caller "must retain the Authorization header when redirected to
a different hostname", and a download answers 302 to a pre-signed file location. A token is a
credential for the whole account, so it follows a redirect only to Zoom's own hosts (``zoom.us``
and its subdomains) over https, or to the very origin it was already sent to; never to any other
host, and never over plain http to a new origin (that includes loopback: a test's file host on
another port gets no token).

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
"""

from __future__ import annotations

import httpx

__all__ = ["is_zoom_host", "keeps_authorization", "token_may_go"]

_ZOOM_DOMAIN = "zoom.us"


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
