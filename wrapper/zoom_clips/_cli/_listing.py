"""One command's connection to Zoom (or to an embedded mock) and the listing it runs, with progress.

The connection is checked before anything is sent: URLs must be http(s), and credentials are never
sent to Zoom's token endpoint for an API that is not Zoom's (a ``--base-url`` of another server
needs its own token URL).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import time
from collections.abc import AsyncGenerator, Callable, Iterator, Mapping
from datetime import UTC, date, datetime
from typing import Any

import httpx
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from zoom_clips import AsyncZoomClips, Clip, ServerToServerOAuth
from zoom_clips._toolkit import DEFAULT_BASE_URL

from ._errors import CliError
from ._export import AccountClip
from ._options import StatusSelection

__all__ = ["Run", "checked_env", "selected"]

_CREDENTIALS = ("ZOOM_ACCOUNT_ID", "ZOOM_CLIENT_ID", "ZOOM_CLIENT_SECRET")


def _checked_url(value: str, name: str) -> httpx.URL:
    try:
        url = httpx.URL(value)
    except httpx.InvalidURL:
        url = None
    if url is None or url.scheme not in {"http", "https"} or not url.host:
        raise CliError(f"{name} {value!r} is not an http(s) URL (like https://api.zoom.us/v2)")
    return url


def checked_env(
    env: Mapping[str, str], *, base_url: str | None, token_url: str | None
) -> dict[str, str]:
    """The environment for ``AsyncZoomClips.from_env`` with the options applied, checked."""
    merged = dict(env)
    if base_url:
        merged["ZOOM_API_BASE_URL"] = base_url
    if token_url:
        merged["ZOOM_OAUTH_TOKEN_URL"] = token_url
    base_name = "--base-url" if base_url else "ZOOM_API_BASE_URL"
    token_name = "--token-url" if token_url else "ZOOM_OAUTH_TOKEN_URL"
    base = merged.get("ZOOM_API_BASE_URL")
    if merged.get("ZOOM_OAUTH_TOKEN_URL"):
        _checked_url(merged["ZOOM_OAUTH_TOKEN_URL"], token_name)
    if base:
        url = _checked_url(base, base_name)
        oauth = all(merged.get(name) for name in _CREDENTIALS)
        if (
            oauth
            and not merged.get("ZOOM_OAUTH_TOKEN_URL")
            and url.host != httpx.URL(DEFAULT_BASE_URL).host
        ):
            raise CliError(
                f"{base_name} {base} is not Zoom's API, so its token URL is not Zoom's either: "
                "set ZOOM_OAUTH_TOKEN_URL (or --token-url); the credentials are not sent to zoom.us"
            )
    return merged


def selected(
    statuses: StatusSelection, on_item: Callable[[AccountClip], None]
) -> Callable[[AccountClip], None]:
    """``on_item`` for the clips whose status ``statuses`` keeps (what Zoom could not filter)."""

    def keep(item: AccountClip) -> None:
        if statuses.keeps(item.clip.status):
            on_item(item)

    return keep


class Run:
    """One command's connection to Zoom or to an embedded mock, and its progress counters."""

    def __init__(
        self,
        *,
        mock: bool,
        base_url: str | None,
        token_url: str | None,
        mock_seed: int = 0,
        mock_now: datetime | None = None,
    ) -> None:
        if mock and (base_url or token_url):
            given = "--base-url" if base_url else "--token-url"
            raise CliError(f"--mock starts its own server, so {given} has nothing to point at")
        self.mock = mock
        self.env = {} if mock else checked_env(os.environ, base_url=base_url, token_url=token_url)
        self.mock_seed = mock_seed
        self.mock_now = mock_now
        self.pages = 0
        self.clips = 0
        self.accounts = 0
        self.started = time.monotonic()
        self.mock_accounts: list[str] = []
        self.mock_url = ""
        self.mock_stats: dict[str, Any] = {}

    def today(self) -> date:
        """The date relative dates count back from: the mock's, with ``--mock-now``."""
        return (self.mock_now or datetime.now(UTC)).astimezone(UTC).date()

    async def _count_page(self, response: httpx.Response) -> None:
        if response.request.url.path.endswith("/clips") and response.status_code == 200:
            self.pages += 1

    @contextlib.contextmanager
    def client(self, http: httpx.AsyncClient, **options: Any) -> Iterator[AsyncZoomClips]:
        """An async client for the command, pointed at the mock when ``--mock`` was given.

        ``options`` go to the client as they are (``rate_limit=``, for ``download``)."""
        if not self.mock:
            yield AsyncZoomClips.from_env(self.env, http_client=http, **options)
            return
        from ..mock import MockClock, MockConfig, serve  # noqa: PLC0415 -- needs the mock extra

        # Where the mock's clock starts; it then runs, so rate limits and token expiry clear.
        clock = MockClock.running_from(self.mock_now) if self.mock_now else None
        with serve(MockConfig(seed=self.mock_seed, clock=clock)) as server:
            self.mock_accounts = [account.id for account in server.dataset.sub_accounts]
            self.mock_url = server.base_url
            try:
                yield AsyncZoomClips(
                    auth=ServerToServerOAuth(
                        account_id=server.account_id,
                        client_id=server.client_id,
                        client_secret=server.client_secret,
                        token_url=server.token_url,
                    ),
                    base_url=server.base_url,
                    http_client=http,
                    **options,
                )
            finally:
                self.mock_stats = server.stats()  # read before the mock stops

    def elapsed(self) -> float:
        """Seconds since the command started."""
        return time.monotonic() - self.started

    def rate(self) -> float:
        """Clips per second so far."""
        elapsed = self.elapsed()
        return self.clips / elapsed if elapsed > 0 else 0.0

    def summary(self) -> str:
        """What the listing did, in one line."""
        accounts = f"{self.accounts} account{'s' if self.accounts != 1 else ''}"
        return (
            f"listed {self.clips} clips of {accounts} in {self.pages} pages, "
            f"{self.elapsed():.1f} s ({self.rate():.0f} clips/s)"
        )

    def collect(
        self,
        accounts: list[str] | None,
        filters: dict[str, Any],
        on_item: Callable[[AccountClip], None],
    ) -> None:
        """List every clip of every account concurrently, calling ``on_item`` for each."""
        console = Console(stderr=True, highlight=False)
        asyncio.run(self._collect(console, accounts, filters, on_item))
        if console.is_terminal:
            console.print(self.summary(), markup=False)

    async def _collect(
        self,
        console: Console,
        accounts: list[str] | None,
        filters: dict[str, Any],
        on_item: Callable[[AccountClip], None],
    ) -> None:
        http = httpx.AsyncClient(timeout=30.0, event_hooks={"response": [self._count_page]})
        try:
            with self.client(http) as aclient, _progress(console) as progress:
                targets = accounts or self.mock_accounts
                if not targets:
                    raise CliError("give at least one --account (a sub account id)")
                self.accounts = len(targets)
                task = progress.add_task("listing clips", pages=0, clips=0, rate=0.0)
                stream: AsyncGenerator[tuple[str, Clip], None] = aclient.clips.list_accounts(
                    targets, **filters
                )
                async with aclient, contextlib.aclosing(stream):
                    async for account_id, clip in stream:
                        self.clips += 1
                        on_item(AccountClip(account_id=account_id, clip=clip))
                        progress.update(task, pages=self.pages, clips=self.clips, rate=self.rate())
        finally:
            await http.aclose()  # ours, so ours to close (the client closes only its own)


def _progress(console: Console) -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TextColumn("pages: {task.fields[pages]}"),
        TextColumn("clips: {task.fields[clips]}"),
        TextColumn("rate: {task.fields[rate]:.0f} clips/s"),
        TextColumn("elapsed:"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    )
