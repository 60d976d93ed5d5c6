"""The ``zoom-clips`` command line: list, audit, mock and demo (extra ``cli``).

    zoom-clips list --mock --from 2025-01-01 --to 2025-12-31 --format csv --output clips.csv
    zoom-clips audit --account SUB_ACCOUNT_ID --from 2025-01-01 --to 2025-12-31
    zoom-clips mock --port 8765
    zoom-clips demo

Credentials come from the same environment variables as ``ZoomClips.from_env()``; ``--mock`` runs
against an embedded mock server started for the command instead. Errors print one line and exit 2
(``audit`` exits 1 when it has findings, so a scheduled job can tell the two apart).
"""

from __future__ import annotations

import asyncio
import contextlib
import csv
import os
import sys
import time
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import IO, Annotated, Any, NoReturn

import httpx
import typer
from dateutil.relativedelta import relativedelta
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from ._auth import ServerToServerOAuth
from ._client import AsyncZoomClips
from ._errors import APIStatusError, RateLimitError, ZoomClipsError
from ._export import (
    AccountClip,
    AuditFinding,
    CsvSink,
    JsonlSink,
    Summary,
    audit,
    write_csv,
)
from ._models import Clip, ClipStatus

__all__ = ["app", "main"]

EXIT_FINDINGS = 1
EXIT_ERROR = 2

app = typer.Typer(
    name="zoom-clips",
    help="List and audit Zoom Clips across accounts, or serve a mock of Zoom's Clips API.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class OutputFormat(StrEnum):
    """How ``list`` writes clips."""

    TABLE = "table"
    CSV = "csv"
    JSONL = "jsonl"


class AuditFormat(StrEnum):
    """How ``audit`` writes its findings."""

    TABLE = "table"
    CSV = "csv"


class DateFilter(StrEnum):
    """Which date ``--from``/``--to`` compare against."""

    CREATED = "created"
    MODIFIED = "modified"


class FailOn(StrEnum):
    """Which findings make ``audit`` exit 1."""

    ANYONE = "anyone"
    NO_PASSCODE = "no-passcode"


def _parse_when(value: str | None) -> date | datetime | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not a date (2025-01-31) or an ISO date-time (2025-01-31T12:00:00Z)"
        ) from None


def _parse_instant(value: str | None) -> datetime | None:
    if value is None:
        return None
    when = _parse_when(value)
    if not isinstance(when, datetime):
        when = datetime(when.year, when.month, when.day, tzinfo=UTC) if when else None
    elif when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when


# Options shared by `list` and `audit`.
AccountOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--account",
        "-a",
        help="Sub account id to list (repeat for several). With --mock and none given: all of "
        "the mock's sub accounts.",
    ),
]
FromOpt = Annotated[
    str | None,
    typer.Option(
        "--from", help="Start date (2025-01-01) or date-time, inclusive. Default: Zoom's, today."
    ),
]
ToOpt = Annotated[
    str | None,
    typer.Option("--to", help="End date or date-time, inclusive. Ranges over a month are split."),
]
StatusOpt = Annotated[
    ClipStatus | None, typer.Option("--status", help="Only clips in this status.")
]
UserOpt = Annotated[
    str | None, typer.Option("--user", help="Only clips of this owner (user id or email).")
]
SearchOpt = Annotated[
    str | None, typer.Option("--search", help="Only clips whose title matches (any case).")
]
DateFilterOpt = Annotated[
    DateFilter, typer.Option("--date-filter", help="Compare --from/--to to this date.")
]
BaseUrlOpt = Annotated[
    str | None,
    typer.Option("--base-url", help="API base URL (default: $ZOOM_API_BASE_URL or Zoom's)."),
]
TokenUrlOpt = Annotated[
    str | None,
    typer.Option("--token-url", help="OAuth token URL (default: $ZOOM_OAUTH_TOKEN_URL or Zoom's)."),
]
MockOpt = Annotated[
    bool,
    typer.Option("--mock", help="Run against an embedded mock Zoom started for this command."),
]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")]
MockSeedOpt = Annotated[
    int, typer.Option("--mock-seed", help="With --mock: the seed of the mock's data set.")
]
MockNowOpt = Annotated[
    str | None,
    typer.Option(
        "--mock-now",
        help="With --mock: freeze the mock's clock at this ISO date-time (its data covers the "
        "12 months before it). Default: the wall clock.",
    ),
]
OutputOpt = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
]


def _fail(message: str) -> NoReturn:
    Console(stderr=True, highlight=False, soft_wrap=True).print(f"error: {message}", markup=False)
    raise typer.Exit(EXIT_ERROR)


def _describe(exc: ZoomClipsError) -> str:
    if isinstance(exc, APIStatusError):
        parts = [f"HTTP {exc.status_code}"]
        if exc.code is not None:
            parts.append(f"Zoom code {exc.code}")
        if exc.message:
            parts.append(exc.message)
        if isinstance(exc, RateLimitError) and exc.retry_after is not None:
            parts.append(f"retry after {exc.retry_after}")
        if exc.tracking_id:
            parts.append(f"tracking id {exc.tracking_id}")
        return "listing clips failed: " + "; ".join(parts)
    return f"listing clips failed: {exc}"


class _Run:
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
        self.mock = mock
        self.base_url = base_url
        self.token_url = token_url
        self.mock_seed = mock_seed
        self.mock_now = mock_now
        self.pages = 0
        self.clips = 0
        self.started = time.monotonic()
        self.mock_accounts: list[str] = []
        self.mock_url = ""
        self.mock_stats: dict[str, Any] = {}

    async def _count_page(self, response: httpx.Response) -> None:
        if response.request.url.path.endswith("/clips") and response.status_code == 200:
            self.pages += 1

    @contextlib.contextmanager
    def client(self) -> Iterator[AsyncZoomClips]:
        """An async client for the command, pointed at the mock when ``--mock`` was given."""
        http = httpx.AsyncClient(timeout=30.0, event_hooks={"response": [self._count_page]})
        self.http = http
        if not self.mock:
            env = dict(os.environ)
            if self.base_url:
                env["ZOOM_API_BASE_URL"] = self.base_url
            if self.token_url:
                env["ZOOM_OAUTH_TOKEN_URL"] = self.token_url
            yield AsyncZoomClips.from_env(env, http_client=http)
            return
        from .mock import MockClock, MockConfig, serve  # noqa: PLC0415 -- needs the mock extra

        clock = MockClock(self.mock_now) if self.mock_now else None
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
                )
            finally:
                self.mock_stats = server.stats()  # read before the mock stops

    def rate(self) -> float:
        """Clips per second so far."""
        elapsed = time.monotonic() - self.started
        return self.clips / elapsed if elapsed > 0 else 0.0


def _progress(console: Console) -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TextColumn("pages {task.fields[pages]}"),
        TextColumn("clips {task.fields[clips]}"),
        TextColumn("{task.fields[rate]:.0f} clips/s"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    )


def _collect(
    run: _Run,
    accounts: list[str] | None,
    filters: dict[str, Any],
    on_item: Callable[[AccountClip], None],
) -> None:
    """List every clip of every account concurrently, calling ``on_item`` for each."""
    console = Console(stderr=True)

    async def go() -> None:
        with run.client() as aclient, _progress(console) as progress:
            targets = accounts or run.mock_accounts
            if not targets:
                raise typer.BadParameter("give at least one --account", param_hint="--account")
            task = progress.add_task("listing clips", pages=0, clips=0, rate=0.0)
            try:
                async with aclient:
                    stream: AsyncIterator[tuple[str, Clip]] = aclient.clips.list_accounts(
                        targets, **filters
                    )
                    async for account_id, clip in stream:
                        run.clips += 1
                        on_item(AccountClip(account_id=account_id, clip=clip))
                        progress.update(task, pages=run.pages, clips=run.clips, rate=run.rate())
            finally:
                await run.http.aclose()  # ours, so ours to close (the client closes only its own)

    asyncio.run(go())


def _filters(
    *,
    from_: str | None,
    to: str | None,
    status: ClipStatus | None,
    user: str | None,
    search: str | None,
    date_filter: DateFilter,
) -> dict[str, Any]:
    return {
        "from_": _parse_when(from_),
        "to": _parse_when(to),
        "status": status,
        "user_id": user,
        "search_key": search,
        "date_filter_type": "CREATED_DATE"
        if date_filter is DateFilter.CREATED
        else "MODIFIED_DATE",
    }


@contextlib.contextmanager
def _guard(debug: bool) -> Iterator[None]:
    """Turn library errors into one readable line and exit 2 (tracebacks only with --debug)."""
    try:
        yield
    except ZoomClipsError as exc:
        if debug:
            raise
        _fail(_describe(exc))
    except ValueError as exc:
        if debug:
            raise
        _fail(str(exc))


@contextlib.contextmanager
def _open_output(path: Path | None) -> Iterator[IO[str]]:
    if path is None:
        yield sys.stdout
        return
    with path.open("w", encoding="utf-8", newline="") as handle:
        yield handle


def _clips_table(items: list[AccountClip]) -> Table:
    table = Table(title=f"{len(items)} clips")
    for column in ("account", "clip id", "title", "owner", "status", "share scope", "modified"):
        table.add_column(column)
    for item in items:
        clip, settings = item.clip, item.clip.share_link_settings
        table.add_row(
            item.account_id,
            clip.clip_id or "",
            clip.title or "",
            clip.owner_id or "",
            str(clip.status or ""),
            str(settings.share_scope if settings and settings.share_scope else ""),
            clip.modified_date.date().isoformat() if clip.modified_date else "",
        )
    return table


@app.command("list")
def list_clips(
    *,
    account: AccountOpt = None,
    from_: FromOpt = None,
    to: ToOpt = None,
    status: StatusOpt = None,
    user: UserOpt = None,
    search: SearchOpt = None,
    date_filter: DateFilterOpt = DateFilter.MODIFIED,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="table, csv or jsonl.")
    ] = OutputFormat.TABLE,
    output: OutputOpt = None,
    include_passcodes: Annotated[
        bool, typer.Option("--include-passcodes", help="Put clip passcodes in CSV/JSONL.")
    ] = False,
    base_url: BaseUrlOpt = None,
    token_url: TokenUrlOpt = None,
    mock: MockOpt = False,
    mock_seed: MockSeedOpt = 0,
    mock_now: MockNowOpt = None,
    debug: DebugOpt = False,
) -> None:
    """List every clip of the accounts, across pages and one-month windows.

    Examples:

        zoom-clips list --account SUB_ID --from 2025-01-01 --to 2025-12-31 --format csv -o clips.csv

        zoom-clips list --mock --from 2025-06-01 --to 2025-06-30 --status RECORD_SUCCESS
    """
    run = _Run(
        mock=mock,
        base_url=base_url,
        token_url=token_url,
        mock_seed=mock_seed,
        mock_now=_parse_instant(mock_now),
    )
    filters = _filters(
        from_=from_, to=to, status=status, user=user, search=search, date_filter=date_filter
    )
    with _guard(debug), _open_output(output) as out:
        if output_format is OutputFormat.TABLE:
            items: list[AccountClip] = []
            _collect(run, account, filters, items.append)
            Console(file=out).print(_clips_table(items))
            return
        sink_type = CsvSink if output_format is OutputFormat.CSV else JsonlSink
        sink = sink_type(out, include_passcodes=include_passcodes)
        _collect(run, account, filters, sink.write)


def _owners_table(findings: dict[str, list[AuditFinding]]) -> Table:
    table = Table(title="Clips anyone with the link can watch, by owner")
    for column in ("owner", "account", "shared with ANYONE", "without passcode"):
        table.add_column(column, justify="right" if column[0] in "sw" else "left")
    for owner, rows in findings.items():
        accounts = ", ".join(sorted({row.account_id for row in rows}))
        bare = sum(1 for row in rows if not row.has_passcode)
        table.add_row(owner, accounts, str(len(rows)), str(bare))
    return table


def _bare_clips_table(findings: dict[str, list[AuditFinding]]) -> Table:
    table = Table(title="Without a passcode: anyone with the link can watch these now")
    for column in ("owner", "clip id", "title", "share link"):
        table.add_column(column, overflow="fold")
    for owner, rows in findings.items():
        for row in rows:
            if not row.has_passcode:
                table.add_row(owner, row.clip_id, row.title, row.share_link)
    return table


def _print_findings(
    findings: dict[str, list[AuditFinding]], out: IO[str], fmt: AuditFormat, *, details: bool
) -> None:
    if fmt is AuditFormat.CSV:
        writer = csv.writer(out)
        writer.writerow(
            ["owner_id", "account_id", "clip_id", "title", "share_link", "has_passcode"]
        )
        for rows in findings.values():
            for row in rows:
                writer.writerow(
                    [
                        row.owner_id,
                        row.account_id,
                        row.clip_id,
                        row.title,
                        row.share_link,
                        "true" if row.has_passcode else "false",
                    ]
                )
        return
    console = Console(file=out)
    if not findings:
        console.print("No clips are shared with anyone who has the link.")
        return
    public = sum(len(rows) for rows in findings.values())
    bare = sum(1 for rows in findings.values() for row in rows if not row.has_passcode)
    console.print(_owners_table(findings))
    if details and bare:
        console.print(_bare_clips_table(findings))
    console.print(
        f"{public} clips of {len(findings)} owners are shared with ANYONE; "
        f"{bare} of them have no passcode."
    )


@app.command("audit")
def audit_clips(
    *,
    account: AccountOpt = None,
    from_: FromOpt = None,
    to: ToOpt = None,
    status: StatusOpt = None,
    user: UserOpt = None,
    search: SearchOpt = None,
    date_filter: DateFilterOpt = DateFilter.MODIFIED,
    output_format: Annotated[
        AuditFormat, typer.Option("--format", "-f", help="table or csv.")
    ] = AuditFormat.TABLE,
    output: OutputOpt = None,
    fail_on: Annotated[
        FailOn,
        typer.Option("--fail-on", help="Exit 1 for any ANYONE clip, or only passcode-less ones."),
    ] = FailOn.ANYONE,
    base_url: BaseUrlOpt = None,
    token_url: TokenUrlOpt = None,
    mock: MockOpt = False,
    mock_seed: MockSeedOpt = 0,
    mock_now: MockNowOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Find clips shared with ANYONE, and among them those without a passcode, by owner.

    Exits 0 when there are none, 1 when there are some, 2 on errors.

    Examples:

        zoom-clips audit --account SUB_ID --from 2025-01-01 --to 2025-12-31

        zoom-clips audit --mock --format csv --fail-on no-passcode
    """
    run = _Run(
        mock=mock,
        base_url=base_url,
        token_url=token_url,
        mock_seed=mock_seed,
        mock_now=_parse_instant(mock_now),
    )
    filters = _filters(
        from_=from_, to=to, status=status, user=user, search=search, date_filter=date_filter
    )
    items: list[AccountClip] = []
    with _guard(debug), _open_output(output) as out:
        _collect(run, account, filters, items.append)
        findings = audit(items)
        _print_findings(findings, out, output_format, details=True)
    if gate_fails(findings, fail_on):
        raise typer.Exit(EXIT_FINDINGS)


def gate_fails(findings: dict[str, list[AuditFinding]], fail_on: FailOn) -> bool:
    """Whether ``audit`` exits 1: any public clip, or with ``no-passcode`` an unprotected one."""
    rows = [row for group in findings.values() for row in group]
    return any(fail_on is FailOn.ANYONE or not row.has_passcode for row in rows)


def _summary_tables(summary: Summary) -> list[Table]:
    tables = []
    for title, counts in (
        ("Clips per account", summary.by_account),
        ("Clips per status", summary.by_status),
        ("Clips per share scope", summary.by_scope),
    ):
        table = Table(title=title)
        table.add_column(title.split(" per ")[1])
        table.add_column("clips", justify="right")
        for key, count in sorted(counts.items()):
            table.add_row(key, str(count))
        tables.append(table)
    return tables


@app.command("demo")
def demo(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Where to write the CSV of all clips.")
    ] = Path("clips.csv"),
    debug: DebugOpt = False,
) -> None:
    """Run the SDK end to end on an embedded mock: no Zoom account needed.

    Starts the mock with a seeded year of clips across several sub accounts, authenticates with
    Server-to-Server OAuth against it, lists the past year for every sub account, prints a
    summary and the audit findings, writes the CSV, and stops the mock.

    Example:

        zoom-clips demo --output clips.csv
    """
    console = Console()
    run = _Run(mock=True, base_url=None, token_url=None)
    today = datetime.now(UTC).date()
    filters = _filters(
        from_=(today - relativedelta(years=1)).isoformat(),
        to=today.isoformat(),
        status=None,
        user=None,
        search=None,
        date_filter=DateFilter.MODIFIED,
    )
    items: list[AccountClip] = []
    summary = Summary()

    def keep(item: AccountClip) -> None:
        items.append(item)
        summary.add(item)

    with _guard(debug):
        _collect(run, None, filters, keep)
    stats = run.mock_stats
    console.print(
        f"Mock Zoom at {run.mock_url}: signed in with Server-to-Server OAuth "
        f"({stats.get('tokens_issued', 0)} access token issued), "
        f"{stats.get('requests', 0)} requests served, {stats.get('rate_limited', 0)} rate-limited."
    )
    console.print(
        f"Listed {summary.total} clips from {len(summary.by_account)} sub accounts "
        f"({filters['from_']} to {filters['to']}) in {run.pages} pages."
    )
    for table in _summary_tables(summary):
        console.print(table)
    _print_findings(audit(items), sys.stdout, AuditFormat.TABLE, details=False)
    with output.open("w", encoding="utf-8", newline="") as handle:
        rows = write_csv(items, handle, include_passcodes=False)
    console.print(f"Wrote {rows} clips to {output}.")


@app.command(
    "mock",
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    add_help_option=False,
)
def mock_server(ctx: typer.Context) -> None:
    """Serve the mock Zoom Clips API (same options as ``python -m zoom_clips.mock``; see --help).

    Example:

        zoom-clips mock --port 8765 --seed 7 --clips 5000 --qps 30
    """
    from .mock.__main__ import main as mock_main  # noqa: PLC0415  (needs the mock extra)

    raise typer.Exit(mock_main(list(ctx.args)))


def main() -> None:
    """Entry point of the ``zoom-clips`` console script."""
    app()
