"""The server a contract run checks: where it is, its token, the account to list, its clock.

A :class:`Target` is what the checks and hooks of :mod:`tests.contract.zoom_checks` use to send
their own requests (following pages, fetching real page tokens) to the same server schemathesis
is testing: an in-process ASGI app, a mock over loopback, a proxy or real Zoom.

``make contract`` describes it with environment variables (see :func:`from_environment`), and
gets its token with ``python -m tests.contract.zoom_target token`` so that one token serves the
whole run (Zoom may invalidate earlier tokens when a new one is fetched).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import sys
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

import httpx

from tests.contract.zoom_reasons import TokenLedger, plausible_todays

__all__ = [
    "SyncASGITransport",
    "Target",
    "account_path",
    "fetch_token",
    "file_root",
    "from_environment",
]

DEMO_ACCOUNT_ID = "mock-master-account"
DEMO_CLIENT_ID = "mock-client-id"
DEMO_CLIENT_SECRET = "mock-client-secret"  # the mock's published demo credential


class Target:
    """One server under test, with the token and the account its cases list."""

    def __init__(
        self,
        *,
        base_url: str,
        token: str,
        account_id: str = DEMO_ACCOUNT_ID,
        now: dt.datetime | None = None,
        pin_account: bool = True,
        app: Any = None,
        file_base_url: str | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        #: The file API's root, where the uploads are served (a mock's: ``{origin}/file/v2``).
        self.file_base_url = (file_base_url or file_root(self.base_url)).rstrip("/")
        self.account_id = account_id
        #: The instant the generated dates are chosen around (the server's data should be before).
        self.now = now if now is not None else dt.datetime.now(dt.UTC)
        self.pin_account = pin_account
        self.ledger = TokenLedger()
        #: What the checks and hooks learnt from this server (sampled clips, task ids, ...).
        self.memo: dict[str, Any] = {}
        self._headers = {"Authorization": f"Bearer {token}"}
        if app is not None:
            transport: httpx.BaseTransport = SyncASGITransport(app)
        else:
            transport = httpx.HTTPTransport()
        self._in_process = app is not None
        self._client = httpx.Client(transport=transport, timeout=30.0)

    @property
    def headers(self) -> dict[str, str]:
        """The headers every request of the run sends (the bearer token)."""
        return dict(self._headers)

    def todays(self) -> list[dt.date]:
        """The days "today" may be for the server: around its data's clock or the wall clock."""
        return plausible_todays(self.now, dt.datetime.now(dt.UTC))

    def list_clips(self, account_id: str, query: Mapping[str, Any]) -> httpx.Response:
        """``GET /accounts/{account_id}/clips`` with ``query``, recording a token it answers."""
        return self.list_at(account_path(account_id), query)

    def list_at(self, path: str, query: Mapping[str, Any]) -> httpx.Response:
        """``GET {path}`` (a listing) with ``query``, recording a page token it answers.

        The ledger files the token under ``path``: a token is bound to its listing and query.
        """
        response = self.call("GET", path, params=query)
        if response.status_code == 200:
            token = _next_token(response)
            if token:
                self.ledger.record(token, path, query)
        return response

    def call(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
    ) -> httpx.Response:
        """``method`` on ``path`` (under the base URL, already quoted) with the run's token."""
        clean = {name: value for name, value in (params or {}).items() if value is not None}
        return self._client.request(
            method, f"{self.base_url}{path}", params=clean, json=json, headers=self._headers
        )

    def call_file_api(self, path: str, **kwargs: Any) -> httpx.Response:
        """``POST {path}`` under the file API's root with the run's token (``json=``,
        ``files=``, ``data=`` as httpx takes them)."""
        return self._client.post(f"{self.file_base_url}{path}", headers=self._headers, **kwargs)

    def fetch(
        self, url: str, *, headers: Mapping[str, str] | None = None, method: str = "GET"
    ) -> httpx.Response:
        """``method`` on an absolute ``url`` (a file host's), sending only ``headers``: no token."""
        return self._client.request(method, url, headers=dict(headers or {}))

    def file_headers(self, url: str) -> httpx.Response:
        """A GET of ``url`` (a file host's) answered, its body left unread; in-process, a HEAD,
        as httpx's ASGI transport would buffer a whole clip of up to a gigabyte."""
        if self._in_process:
            return self._client.request("HEAD", url)
        with self._client.stream("GET", url) as response:
            return response

    def close(self) -> None:
        """Close the connections the checks and hooks opened."""
        self._client.close()

    def __repr__(self) -> str:
        return f"Target(base_url={self.base_url!r}, account_id={self.account_id!r})"


def account_path(account_id: str) -> str:
    """The master listing's path for ``account_id``, quoted as the checks send it."""
    return f"/accounts/{quote(account_id, safe='')}/clips"


def file_root(base_url: str) -> str:
    """The file API's root beside ``base_url``: Zoom's fileapi host, or a mock's ``/file/v2``."""
    origin, _, _ = base_url.rpartition("/v2")
    if "api.zoom.us" in origin:
        return "https://fileapi.zoom.us/v2"
    return f"{origin}/file/v2"


def _next_token(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return ""
    token = body.get("next_page_token") if isinstance(body, dict) else None
    return token if isinstance(token, str) else ""


class SyncASGITransport(httpx.BaseTransport):
    """httpx's ASGI transport, driven synchronously (one event loop per request)."""

    def __init__(self, app: Any) -> None:
        self._transport = httpx.ASGITransport(app=app)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        async def send() -> httpx.Response:
            response = await self._transport.handle_async_request(request)
            body = await response.aread()
            return httpx.Response(response.status_code, headers=response.headers, content=body)

        return asyncio.run(send())


def fetch_token(
    token_url: str,
    *,
    account_id: str = DEMO_ACCOUNT_ID,
    client_id: str = DEMO_CLIENT_ID,
    client_secret: str = DEMO_CLIENT_SECRET,
    transport: httpx.BaseTransport | None = None,
) -> str:
    """A Server-to-Server OAuth access token (``grant_type=account_credentials``)."""
    with httpx.Client(transport=transport, timeout=30.0) as client:
        response = client.post(
            token_url,
            auth=(client_id, client_secret),
            data={"grant_type": "account_credentials", "account_id": account_id},
        )
    if response.status_code != 200:
        raise RuntimeError(f"the token endpoint {token_url} answered HTTP {response.status_code}")
    token: str = response.json()["access_token"]
    return token


def from_environment(environ: Mapping[str, str] = os.environ) -> Target | None:
    """The target ``make contract`` describes, or None outside such a run.

    ``CONTRACT_BASE_URL`` (with ``/v2``), ``CONTRACT_FILE_BASE_URL`` (the uploads' root;
    default: beside the base URL, as a mock serves it), ``CONTRACT_TOKEN`` (from
    ``... zoom_target token``), ``CONTRACT_ACCOUNT_ID`` (default: the mock's master account),
    ``CONTRACT_NOW`` (ISO instant the data lies before; default: now) and
    ``CONTRACT_PIN_ACCOUNT`` (``0``: generate accountId).
    """
    base_url = environ.get("CONTRACT_BASE_URL")
    if not base_url:
        return None
    now_text = environ.get("CONTRACT_NOW")
    now = dt.datetime.fromisoformat(now_text.replace("Z", "+00:00")) if now_text else None
    return Target(
        base_url=base_url,
        token=environ.get("CONTRACT_TOKEN", ""),
        account_id=environ.get("CONTRACT_ACCOUNT_ID") or DEMO_ACCOUNT_ID,
        now=now,
        pin_account=environ.get("CONTRACT_PIN_ACCOUNT", "1") != "0",
        file_base_url=environ.get("CONTRACT_FILE_BASE_URL") or None,
    )


def main(argv: list[str]) -> int:
    """``token``: print a token from ``TOKEN_URL`` for ``ZOOM_ACCOUNT_ID``/``ZOOM_CLIENT_*``;
    ``file-root BASE_URL``: print the file API's root beside ``BASE_URL``."""
    if len(argv) == 2 and argv[0] == "file-root":
        print(file_root(argv[1]))  # noqa: T201
        return 0
    if argv != ["token"]:
        usage = "usage: python -m tests.contract.zoom_target token | file-root BASE_URL"
        print(usage, file=sys.stderr)  # noqa: T201
        return 2
    token = fetch_token(
        os.environ["TOKEN_URL"],
        account_id=os.environ.get("ZOOM_ACCOUNT_ID") or DEMO_ACCOUNT_ID,
        client_id=os.environ.get("ZOOM_CLIENT_ID") or DEMO_CLIENT_ID,
        client_secret=os.environ.get("ZOOM_CLIENT_SECRET") or DEMO_CLIENT_SECRET,
    )
    print(token)  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
