"""``zoom-clips sync``: bring the clip inventory (SQLite or PostgreSQL) up to date with Zoom.

A scheduled job repeats one command; each run lists only what changed since the last one, and a
run that was killed or gave up is resumed by the next. Everything that goes wrong is one
``error:`` line and exit 2: a bad ``--db``, another sync holding the inventory, a run that gave up
(after saving what it finished).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from zoom_clips import AsyncZoomClips, ServerToServerOAuth
from zoom_clips._toolkit import resolve_rate_limits

from ._app import app
from ._connection import Connection, connected
from ._errors import CliError, describe, fail, reported, say
from ._listing import checked_env
from ._options import (
    AccountOpt,
    parse_instant,
    parse_when,
)

__all__ = ["create_private_database", "read_accounts_file", "sync_inventory"]

_MOCK_ONLY = ("--mock-clips", "--fault-rate", "--mock-qps")


def read_accounts_file(path: Path) -> list[str]:
    """The account ids in ``path``: one per line; blank lines and ``#`` comments are skipped.

    A file without any id is refused: a scheduled sync of nothing would look like success.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CliError(f"--accounts-file {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise CliError(f"--accounts-file {path} is not UTF-8 text") from None
    ids = [line.split("#", 1)[0].strip() for line in text.splitlines()]
    accounts = [account for account in ids if account]
    if not accounts:
        raise CliError(
            f"--accounts-file {path} lists no account id "
            "(one sub account id per line; # starts a comment)"
        )
    return accounts


def _rate_limit(value: str) -> float | str:
    """``--rate-limit``: a plan's name or a number of requests per second, checked."""
    limit: float | str = float(value) if value.replace(".", "", 1).isdigit() else value
    try:
        resolve_rate_limits(limit)
    except ValueError:
        raise CliError(
            f"--rate-limit {value!r} is not a plan (free, pro, business, ...) "
            "or a positive number of requests per second"
        ) from None
    return limit


def create_private_database(db: str | None) -> None:
    """Create a new SQLite inventory 0600 before SQLite does (it would use the umask's 0644):
    it can hold clip passcodes. SQLite gives its WAL and shared-memory files the same mode."""
    from ..inventory._db import database_url  # noqa: PLC0415 -- needs the sync extra

    url = database_url(db)
    if url.drivername != "sqlite" or url.database in (None, "", ":memory:"):
        return
    path = Path(url.database).expanduser()
    if not path.parent.is_dir():
        return  # open_database names the missing folder
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def _since(value: str | None, today: datetime) -> datetime | None:
    when = parse_when(value, option="--since", today=today.date())
    if when is None or isinstance(when, datetime):
        return when
    return datetime(when.year, when.month, when.day, tzinfo=UTC)


@contextlib.asynccontextmanager
async def _client(
    *,
    mock: bool,
    env: dict[str, str],
    limit: float | str,
    max_retries: int,
    mock_settings: dict[str, object],
) -> AsyncIterator[tuple[AsyncZoomClips, list[str]]]:
    """The client for the run, and the mock's sub accounts with ``--mock`` (else ``[]``)."""
    if not mock:
        async with _from_env(env, limit, max_retries) as aclient:
            yield aclient, []
        return
    from ..mock import MockConfig, serve  # noqa: PLC0415 -- needs the mock extra

    with serve(MockConfig(**mock_settings)) as server:  # type: ignore[arg-type]
        auth = ServerToServerOAuth(
            account_id=server.account_id,
            client_id=server.client_id,
            client_secret=server.client_secret,
            token_url=server.token_url,
        )
        async with AsyncZoomClips(
            auth=auth,
            base_url=server.base_url,
            rate_limit=limit,
            max_retries=max_retries,
        ) as aclient:
            yield aclient, [account.id for account in server.dataset.sub_accounts]


def _from_env(env: dict[str, str], limit: float | str, max_retries: int) -> AsyncZoomClips:
    """The client the environment configures; its refusal in the options' words."""
    try:
        return AsyncZoomClips.from_env(env, rate_limit=limit, max_retries=max_retries)
    except ValueError as exc:
        raise CliError(describe(exc)) from None


def _checked_connection(
    wanted: list[str],
    base_url: str | None,
    token_url: str | None,
    limit: float | str,
    max_retries: int,
) -> dict[str, str]:
    """The environment of a run against Zoom, with accounts, credentials and URLs checked."""
    if not wanted:
        raise CliError("give at least one --account (or --accounts-file)")
    env = checked_env(os.environ, base_url=base_url, token_url=token_url)
    _from_env(env, limit, max_retries)  # refuses missing credentials now, not after opening
    return env


@app.command("sync")
@reported
@connected
def sync_inventory(
    *,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            metavar="URL",
            help="The inventory: a SQLite file path (default zoom-clips.db) or "
            "postgresql://USER@HOST/DB.",
        ),
    ] = None,
    account: AccountOpt = None,
    accounts_file: Annotated[
        Path | None,
        typer.Option(
            "--accounts-file",
            metavar="PATH",
            help="Account ids to sync, one per line (# comments), with any --account.",
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="DATE",
            help="Where an account's first run (and --full) starts: a date, a date-time, 30d, "
            "4w. Ignored for an account that has a watermark. Default: 2022-01-01.",
        ),
    ] = None,
    full: Annotated[
        bool,
        typer.Option(
            "--full",
            help="Reconcile: list every clip created since --since and mark the clips Zoom no "
            "longer returns as missing (never deleted).",
        ),
    ] = False,
    include_passcodes: Annotated[
        bool, typer.Option("--include-passcodes", help="Store clip passcodes too.")
    ] = False,
    rate_limit: Annotated[
        str,
        typer.Option(
            "--rate-limit",
            metavar="PLAN|N",
            help="Requests per second to stay under: free, pro, business (80/s, the default; "
            "master accounts are Business or above) or a number.",
        ),
    ] = "business",
    max_retries: Annotated[
        int,
        typer.Option(
            "--max-retries",
            min=0,
            help="Retries per request (5xx, 429, dropped connections) before the run gives up.",
        ),
    ] = 6,
    connection: Connection,
    mock_clips: Annotated[
        int | None,
        typer.Option("--mock-clips", min=0, help="With --mock: how many clips it holds."),
    ] = None,
    fault_rate: Annotated[
        float | None,
        typer.Option(
            "--fault-rate",
            min=0.0,
            max=1.0,
            help="With --mock: the share of API responses that fail (5xx, cut short, dropped).",
        ),
    ] = None,
    mock_qps: Annotated[
        int | None,
        typer.Option("--mock-qps", min=1, help="With --mock: its per-second request limit."),
    ] = None,
) -> None:
    """Bring the clip inventory up to date: only what changed since the last run.

    Examples (the first syncs an embedded mock, the second your sub accounts, daily from cron):

        zoom-clips sync --mock --db inventory.db

        zoom-clips sync --db postgresql://zoom@db/clips --accounts-file ids.txt
    """
    from ..inventory import InventoryError, SyncFailedError, open_database, sync  # noqa: PLC0415

    if connection.mock and (connection.base_url or connection.token_url):
        given = "--base-url" if connection.base_url else "--token-url"
        raise CliError(f"--mock starts its own server, so {given} has nothing to point at")
    settings = {"fault_rate": fault_rate, "clips": mock_clips, "qps": mock_qps}
    if not connection.mock:
        for name, value in zip(_MOCK_ONLY, (mock_clips, fault_rate, mock_qps), strict=True):
            if value is not None:
                raise CliError(f"{name} configures the embedded mock: it needs --mock")
    # Every argument is checked before the inventory is opened: a refused command leaves no
    # new, empty database behind.
    start = parse_instant(connection.mock_now, option="--mock-now") if connection.mock else None
    first = _since(since, start or datetime.now(UTC))
    wanted = [*(account or []), *(read_accounts_file(accounts_file) if accounts_file else [])]
    limit = _rate_limit(rate_limit)
    env = (
        {}
        if connection.mock
        else _checked_connection(
            wanted, connection.base_url, connection.token_url, limit, max_retries
        )
    )
    try:
        create_private_database(db)
        engine = open_database(db)
    except InventoryError as exc:
        fail(str(exc))
    mock_settings: dict[str, object] = {"seed": connection.mock_seed}
    mock_settings |= {k: v for k, v in settings.items() if v is not None}
    if start is not None:
        from ..mock import MockClock  # noqa: PLC0415 -- needs the mock extra

        mock_settings["clock"] = MockClock.running_from(start)

    async def run() -> str:
        async with _client(
            mock=connection.mock,
            env=env,
            limit=limit,
            max_retries=max_retries,
            mock_settings=mock_settings,
        ) as (aclient, mock_accounts):
            targets = wanted or mock_accounts
            if not targets:
                raise CliError("give at least one --account (or --accounts-file)")
            report = await sync(
                engine,
                aclient,
                targets,
                since=first,
                full=full,
                include_passcodes=include_passcodes,
                now=start,
            )
            return report.summary()

    try:
        say(asyncio.run(run()))
    except KeyboardInterrupt as exc:
        exc.add_note("what sync finished is saved: run the same command again to resume")
        raise
    except SyncFailedError as exc:
        if connection.debug:
            raise
        cause = exc.__cause__
        reason = describe(cause) if cause is not None else str(exc)
        fail(
            f"sync gave up after {exc.finished} of {exc.report.windows} windows: {reason}; "
            "what it finished is saved, run it again to resume"
        )
    except InventoryError as exc:
        if connection.debug:
            raise
        fail(str(exc))
    finally:
        engine.dispose()
