"""``zoom-clips listen``: receive Zoom's webhooks; print each event; with ``--db``, keep the
inventory fresh between syncs.

The secret token comes from ``ZOOM_WEBHOOK_SECRET_TOKEN`` only (a flag's value is in ``ps`` for
every user of the machine). :func:`listener` builds the ASGI app (``zoom_clips.webhooks``'
receiver, the printer, the inventory's updates), so that tests serve it without the command
line; the command serves it with uvicorn. Each verified event is one line of JSON on stdout, the
envelope as Zoom sent it, in ASCII: no control or bidi character of a title reaches the terminal.
What goes wrong with an event (a clip that cannot be fetched, a database that refuses a write) is
one line on stderr, and the listener goes on.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import sys
import time
from collections.abc import Awaitable, Callable, MutableMapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import httpx
import typer

from zoom_clips import AsyncZoomClips
from zoom_clips.webhooks import ClipEvent, WebhookEvent, WebhookReceiver

from ._app import app
from ._connection import Connection, connected
from ._errors import CliError, describe, fail, reported

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

__all__ = ["SECRET_ENV", "InventoryUpdates", "event_line", "listen", "listener"]

#: The environment variable holding the app's secret token (Zoom's app page: Feature).
SECRET_ENV = "ZOOM_WEBHOOK_SECRET_TOKEN"  # noqa: S105 -- the variable's name, not a secret

Message = MutableMapping[str, Any]  # ASGI 3's scope and messages
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


def event_line(event: WebhookEvent) -> str:
    """The event's envelope, as Zoom sent it, as one line of ASCII JSON.

    ``ensure_ascii`` escapes every non-ASCII character (bidi overrides, C1 controls) and JSON
    escapes the C0 controls; DEL, the one ASCII control JSON leaves, is escaped too.
    """
    return json.dumps(event.body, ensure_ascii=True).replace("\x7f", "\\u007f")


def _shown(text: object) -> str:
    """Text from Zoom or a server in a stderr line: ASCII, every control escaped, quoted."""
    return json.dumps(str(text), ensure_ascii=True).replace("\x7f", "\\u007f")


def _wall_clock() -> datetime:
    return datetime.now(UTC)


class InventoryUpdates:
    """``--db``: each clip event's clip fetched by id and stored as ``sync`` stores it.

    One update at a time (events arrive concurrently; a database has one writer), each through
    ``zoom_clips.inventory.refresh_clip``. ``client`` is closed by :meth:`aclose`, with
    ``closing`` (what else the client needs closed: a caller's ``httpx.AsyncClient``).
    """

    def __init__(
        self,
        engine: Engine,
        client: AsyncZoomClips,
        *,
        include_passcodes: bool = False,
        clock: Callable[[], datetime] = _wall_clock,
        closing: tuple[httpx.AsyncClient, ...] = (),
    ) -> None:
        self.engine = engine
        self.client = client
        self.include_passcodes = include_passcodes
        self.clock = clock
        self._closing = closing
        self._one_at_a_time = asyncio.Lock()

    async def update(self, event: ClipEvent, err: TextIO) -> None:
        """Bring ``event``'s clip up to date; a failure is one line on ``err``."""
        from ..inventory import refresh_clip  # noqa: PLC0415 -- needs the sync extra

        clip_id = event.clip_id
        if not clip_id:
            _log(err, f"inventory: a {_shown(event.event)} event without a clip id: skipped")
            return
        async with self._one_at_a_time:
            try:
                refresh = await refresh_clip(
                    self.engine,
                    self.client,
                    clip_id,
                    account_id=event.account_id,
                    include_passcodes=self.include_passcodes,
                    clock=self.clock,
                )
            except Exception as exc:  # one line per failure, whatever it is: the listener goes on
                _log(err, f"inventory: clip {_shown(clip_id)} not updated: {_failure(exc)}")
                return
        _log(err, f"inventory: clip {_shown(clip_id)} {_OUTCOMES[refresh.outcome]}")

    async def aclose(self) -> None:
        """Close the client (and what it was given)."""
        await self.client.aclose()
        for http in self._closing:
            await http.aclose()


#: Each outcome of ``refresh_clip`` as the stderr line says it.
_OUTCOMES = {
    "inserted": "inserted",
    "updated": "updated",
    "unchanged": "unchanged",
    "missing": "marked missing (Zoom answered 404)",
    "absent": "not found (404) and not in the inventory: nothing to record",
}


def _failure(exc: Exception) -> str:
    """What failed, in one line: the SDK's errors as every command says them, a database's
    error by its driver's first line (never SQLAlchemy's statement and parameters)."""
    from sqlalchemy.exc import SQLAlchemyError  # noqa: PLC0415 -- needs the sync extra

    if isinstance(exc, SQLAlchemyError):
        reason = str(getattr(exc, "orig", None) or "").strip()
        first = reason.splitlines()[0] if reason else type(exc).__name__
        return f"the inventory refused the write: {_shown(first)}"
    return _shown(describe(exc))[1:-1]


def _log(err: TextIO, line: str) -> None:
    err.write(line + "\n")
    err.flush()


class _Listener:
    """The ASGI app: the receiver, whose handler prints each event and updates the inventory,
    and a lifespan that closes the inventory's client when the server stops."""

    def __init__(
        self,
        secret: str,
        *,
        path: str | None,
        out: TextIO | None,
        err: TextIO | None,
        inventory: InventoryUpdates | None,
        now: Callable[[], float],
    ) -> None:
        self._out = out
        self._err = err
        self._inventory = inventory
        self.receiver = WebhookReceiver(secret, self.handle, path=path, now=now)

    def __repr__(self) -> str:
        return f"listener({self.receiver!r})"

    async def handle(self, event: WebhookEvent) -> None:
        """Print ``event`` as a line of JSON; with an inventory, update its clip."""
        out = self._out or sys.stdout
        out.write(event_line(event) + "\n")
        out.flush()
        if self._inventory is not None and isinstance(event, ClipEvent):
            await self._inventory.update(event, self._err or sys.stderr)

    async def __call__(self, scope: Message, receive: Receive, send: Send) -> None:
        if scope["type"] != "lifespan":
            await self.receiver(scope, receive, send)
            return
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                if self._inventory is not None:
                    await self._inventory.aclose()
                await send({"type": "lifespan.shutdown.complete"})
                return


def listener(
    secret: str,
    *,
    path: str | None = "/",
    out: TextIO | None = None,
    err: TextIO | None = None,
    inventory: InventoryUpdates | None = None,
    now: Callable[[], float] = time.time,
) -> _Listener:
    """The ASGI app ``zoom-clips listen`` serves.

    Events signed with ``secret`` and POSTed to ``path`` (``None``: any path) are printed on
    ``out`` (default: stdout at the time) as JSON lines; with ``inventory``, each clip event's
    clip is stored. ``err`` (default stderr) gets a line per inventory update or failure; ``now``
    is the receiver's clock for the timestamp window.
    """
    return _Listener(secret, path=path, out=out, err=err, inventory=inventory, now=now)


def _serve(asgi: _Listener, *, host: str, port: int) -> None:
    """Serve ``asgi`` with uvicorn until Ctrl-C (exit 0: the way to stop a server, as for
    ``zoom-clips mock``); uvicorn's own lines on stderr, and no access log."""
    import uvicorn  # noqa: PLC0415 -- imported for this command only

    config = uvicorn.Config(asgi, host=host, port=port, lifespan="on", access_log=False)
    with contextlib.suppress(KeyboardInterrupt):  # uvicorn re-raises it after shutting down
        uvicorn.Server(config).run()


def _secret() -> str:
    secret = os.environ.get(SECRET_ENV, "")
    if not secret.strip():
        raise CliError(
            f"set {SECRET_ENV} to your Zoom app's secret token (the app's Feature page, Event "
            "Subscriptions): zoom-clips listen takes it only from the environment, never from "
            "an option that ps would show"
        )
    return secret


def _inventory_only(connection: Connection, include_passcodes: bool) -> None:
    """Refuse the options that only say where ``--db``'s clips come from, without ``--db``."""
    given = [
        name
        for name, value in (
            ("--mock", connection.mock),
            ("--base-url", connection.base_url),
            ("--token-url", connection.token_url),
            ("--include-passcodes", include_passcodes),
        )
        if value
    ]
    if given:
        raise CliError(
            f"{given[0]} is about fetching the clips of events into the inventory: give --db"
        )


@app.command("listen")
@reported
@connected
def listen(
    *,
    host: Annotated[
        str,
        typer.Option(
            "--host",
            metavar="HOST",
            help="The address to listen on (0.0.0.0: every interface, behind your HTTPS proxy).",
        ),
    ] = "127.0.0.1",
    port: Annotated[
        int,
        typer.Option("--port", min=0, max=65535, help="The port to listen on (0: any free one)."),
    ] = 8000,
    path: Annotated[
        str,
        typer.Option("--path", metavar="PATH", help="Where Zoom POSTs the events."),
    ] = "/",
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            metavar="URL",
            help="Keep this inventory (what zoom-clips sync writes: a SQLite file path or "
            "postgresql://USER@HOST/DB) up to date with each clip event.",
        ),
    ] = None,
    include_passcodes: Annotated[
        bool, typer.Option("--include-passcodes", help="With --db: store clip passcodes too.")
    ] = False,
    connection: Connection,
) -> None:
    """Receive Zoom's webhooks: print each verified event as a line of JSON.

    The secret token is read from ZOOM_WEBHOOK_SECRET_TOKEN. With --db, each clip event's clip
    is fetched (with the credentials of ZOOM_*, like every command) and stored in the inventory
    as sync stores it, so the inventory stays fresh between syncs.

    Examples (Zoom's event notification endpoint: your HTTPS proxy in front of this):

        zoom-clips listen --port 8000

        zoom-clips listen --port 8000 --path /zoom/webhooks --db zoom-clips.db
    """
    secret = _secret()
    if not path.startswith("/"):
        raise CliError(f"--path {path!r} must start with '/'")
    if db is None:
        _inventory_only(connection, include_passcodes)
        _serve(listener(secret, path=path), host=host, port=port)
        return
    from ..inventory import InventoryError, open_database  # noqa: PLC0415 -- the sync extra
    from ._sync import create_private_database  # noqa: PLC0415 -- the sync extra, for --db

    run = connection.run()  # the connection's options and environment, checked before the db
    try:
        create_private_database(db)
        engine = open_database(db)
    except InventoryError as exc:
        fail(str(exc))
    try:
        with contextlib.ExitStack() as stack:
            http = httpx.AsyncClient(timeout=30.0)
            stack.callback(_close_unused, http)
            client = stack.enter_context(run.client(http))
            updates = InventoryUpdates(
                engine, client, include_passcodes=include_passcodes, closing=(http,)
            )
            _serve(listener(secret, path=path, inventory=updates), host=host, port=port)
    finally:
        engine.dispose()


def _close_unused(http: httpx.AsyncClient) -> None:
    """Close ``http`` if the server never ran its shutdown (which closes it in its loop)."""
    if not http.is_closed:
        with contextlib.suppress(RuntimeError):  # bound to the loop of a server that failed
            asyncio.run(http.aclose())
