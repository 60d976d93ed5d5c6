"""Serving the mock over real HTTP: uvicorn on a loopback port, in a background thread."""

from __future__ import annotations

import contextlib
import hashlib
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import attrs
import uvicorn
from starlette.applications import Starlette

from zoom_clips.mock._app import create_app
from zoom_clips.mock._config import MockClock, MockConfig
from zoom_clips.mock._data import Dataset
from zoom_clips.mock._state import (
    DEMO_ACCOUNT_ID,
    DEMO_CLIENT_ID,
    DEMO_CLIENT_SECRET,
    DEMO_REFRESH_TOKEN,
    MockState,
)
from zoom_clips.mock._webhooks import WebhookSender

__all__ = ["MockServer", "serve"]

_STARTUP_TIMEOUT = 10.0


@attrs.frozen
class MockServer:
    """A running mock: where it listens, the demo credentials, and its state.

    ``base_url`` is what a client uses as Zoom's API root (it ends in ``/v2``); ``token_url``
    stands in for ``https://zoom.us/oauth/token``. ``refresh_token`` is the documented initial
    refresh token of the user-OAuth rehearsal (it rotates on use; ``reset()`` restores it).
    """

    origin: str
    app: Starlette = attrs.field(repr=False)
    account_id: str = DEMO_ACCOUNT_ID
    client_id: str = DEMO_CLIENT_ID
    client_secret: str = attrs.field(default=DEMO_CLIENT_SECRET, repr=False)
    refresh_token: str = attrs.field(default=DEMO_REFRESH_TOKEN, repr=False)

    @property
    def base_url(self) -> str:
        """The API root, e.g. ``http://127.0.0.1:8765/v2``."""
        return f"{self.origin}/v2"

    @property
    def file_base_url(self) -> str:
        """The file API root of the uploads, e.g. ``http://127.0.0.1:8765/file/v2``."""
        return f"{self.origin}/file/v2"

    @property
    def token_url(self) -> str:
        """The OAuth token endpoint, e.g. ``http://127.0.0.1:8765/oauth/token``."""
        return f"{self.origin}/oauth/token"

    @property
    def state(self) -> MockState:
        """Everything the mock holds: tokens, cursors, counters (``app.state.mock``)."""
        state: MockState = self.app.state.mock
        return state

    @property
    def config(self) -> MockConfig:
        """The configuration the mock was started with."""
        return self.state.config

    @property
    def dataset(self) -> Dataset:
        """The seeded accounts, users and clips; ``dataset.select(...)`` is the ground truth."""
        return self.state.dataset

    @property
    def clock(self) -> MockClock:
        """The mock's clock; ``clock.advance(seconds)`` moves it forward."""
        return self.state.clock

    @property
    def refresh_user_id(self) -> str:
        """The user the demo refresh token belongs to (first user of the first sub account)."""
        return self.state.refresh_user_id

    def file_bytes(self, clip_id: str, start: int = 0, stop: int | None = None) -> bytes:
        """The bytes ``[start, stop)`` of a clip's file as the file host serves them."""
        file = self.state.file_of(clip_id)
        if file is None:
            raise KeyError(f"the mock has no file for clip {clip_id!r}")
        return b"".join(file.chunks(start, stop))

    def file_sha256(self, clip_id: str) -> str:
        """The sha256 (hex) of a clip's whole file, read in chunks."""
        file = self.state.file_of(clip_id)
        if file is None:
            raise KeyError(f"the mock has no file for clip {clip_id!r}")
        digest = hashlib.sha256()
        for chunk in file.chunks():
            digest.update(chunk)
        return digest.hexdigest()

    @property
    def webhooks(self) -> WebhookSender:
        """The webhook side: ``flush()``, ``deliveries``, ``url``, ``refusal``."""
        return self.state.webhooks

    def subscribe_webhooks(self, url: str, secret_token: str) -> None:
        """Validate ``url`` as Zoom does, then send it signed ``clip.started``/``clip.completed``.

        Returns once the URL passed (``WebhookSubscriptionError`` saying why if it did not: no
        events are sent to it). ``secret_token`` is the app's secret token, which signs every
        event; ``webhooks.flush()`` waits until the events sent so far are delivered. It blocks
        the calling thread while the URL answers: from a coroutine whose event loop also serves
        the endpoint, call it through ``asyncio.to_thread``.

        >>> server.subscribe_webhooks("http://127.0.0.1:8000/webhooks", "s3cret")  # doctest: +SKIP
        """
        self.state.webhooks.subscribe(url, secret_token)

    def stats(self) -> dict[str, Any]:
        """The same counters as ``GET /_mock/stats``."""
        return self.state.stats()

    def reset(self) -> None:
        """Forget tokens, page tokens, counters, stats and uploads, as ``POST /_mock/reset``."""
        self.state.reset()


@contextlib.contextmanager
def serve(
    config: MockConfig | None = None, *, host: str = "127.0.0.1", port: int = 0
) -> Iterator[MockServer]:
    """Serve a mock over HTTP in a background thread for the duration of a ``with`` block.

    ``port=0`` picks a free port. The server stops, and its thread ends, when the block exits.

    >>> with serve(MockConfig(clips=100)) as server:  # doctest: +SKIP
    ...     httpx.post(server.token_url, auth=(server.client_id, server.client_secret), ...)
    """
    app = create_app(config)
    # proto=IPPROTO_TCP, not 0: asyncio turns on TCP_NODELAY only for sockets that say they are
    # TCP. Without it each response (headers and body written apart) waits ~40 ms for a delayed ACK.
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    bound_port = sock.getsockname()[1]
    uv_config = uvicorn.Config(
        app,
        log_config=None,
        log_level="warning",
        access_log=False,
        http="h11",
        lifespan="off",
        ws="none",
        timeout_graceful_shutdown=2,
    )
    server = uvicorn.Server(uv_config)
    thread = threading.Thread(
        target=server.run,
        kwargs={"sockets": [sock]},
        name=f"zoom-clips-mock:{bound_port}",
        daemon=True,
    )
    thread.start()
    deadline = time.monotonic() + _STARTUP_TIMEOUT
    # Startup takes a few milliseconds; polling for it is waiting on the server, not a backoff.
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.005)
    try:
        if not server.started:
            raise RuntimeError(f"the mock did not start on {host}:{bound_port}")
        url_host = f"[{host}]" if ":" in host else host
        # A configured webhook URL is validated now, as Zoom does when an endpoint is saved;
        # a refusal is a warning on the zoom_clips.mock logger, and no events are sent.
        app.state.mock.webhooks.validate()
        yield MockServer(origin=f"http://{url_host}:{bound_port}", app=app)
    finally:
        server.should_exit = True
        thread.join(timeout=_STARTUP_TIMEOUT)
        sock.close()
        app.state.mock.close()
