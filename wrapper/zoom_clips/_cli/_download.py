"""``zoom-clips download``: clips' mp4 files into a directory, concurrently, resumably.

By ids, or every clip a listing's filters select (``list``'s options). Each file streams to a
``.part`` beside it (kept after a failure: the next run resumes it), and ``DIR/manifest.json``
(``_manifest``) records each finished file's size and sha256, so a second run skips what is
already complete. Downloads run ``--concurrency`` at a time on one async client under the rate
limiter. A clip that is not ready (code 50002) or has no file (10002) is reported and skipped;
one that fails is reported and the others go on. A listing's deleted clips (``RECORD_DELETE``:
Zoom deletes softly, so they still list, without a file) are skipped-deleted without a request,
and are not a failure. Exit 0 when every clip is here (or deleted), 1 when some were skipped or
failed, 2 for an error that stops the run (credentials, the listing).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Annotated, Any

import attrs
import httpx
import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)

from zoom_clips import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    AsyncZoomClips,
    Clip,
    ClipFileNotFoundError,
    ClipNotReadyError,
    ClipStatus,
    DownloadError,
)
from zoom_clips._toolkit import check_id

from ._admin import clip_ids, first_failure_stops_all, plural
from ._app import app
from ._connection import Connection, connected
from ._errors import CliError, reported, say
from ._listing import Run
from ._manifest import Manifest
from ._options import (
    AccountOpt,
    DateFilter,
    DateFilterOpt,
    ExcludeStatusOpt,
    FromOpt,
    SearchOpt,
    StatusOpt,
    StatusSelection,
    ToOpt,
    UserOpt,
    filters,
    parse_statuses,
)

__all__ = ["DownloadRun", "download_clips"]

EXIT_INCOMPLETE = 1


@attrs.define
class DownloadRun:
    """What one run did, clip by clip, and the bytes for the progress bar."""

    manifest: Manifest
    console: Console
    downloaded: int = 0
    complete: int = 0
    skipped: int = 0
    deleted: int = 0
    failed: int = 0
    bytes: int = 0

    def line(self, message: str) -> None:
        self.console.print(message, markup=False, highlight=False)

    async def one(
        self,
        client: AsyncZoomClips,
        clip: Clip | str,
        progress: Callable[[int, int | None], object],
    ) -> None:
        """Download one clip (a ``Clip``, or an id to get first), reporting what happened."""
        clip_id = clip.clip_id if isinstance(clip, Clip) else clip
        try:
            if isinstance(clip, str):
                clip = await client.clips.get(clip)
            entry = self.manifest.complete(clip)
            if entry is not None:
                self.complete += 1
                self.line(f"{clip_id}: already complete ({entry.file}, {entry.size} bytes)")
                return
            result = await client.clips._download_file(
                clip,
                self.manifest.directory,
                progress=progress,
                name_for=self.manifest.name_for(str(clip_id)),
            )
        except (ClipNotReadyError, ClipFileNotFoundError) as exc:
            self.skipped += 1
            why = "its mp4 is not ready yet" if isinstance(exc, ClipNotReadyError) else "no file"
            self.line(f"{clip_id}: skipped, {why} (Zoom code {exc.code})")
        except DownloadError as exc:
            self.failed += 1
            resume = f"; {exc.part_path.name} is kept to resume" if exc.part_path else ""
            self.line(f"{clip_id}: failed, {exc}{resume}")
        except (APIStatusError, APIConnectionError, APIResponseValidationError) as exc:
            self.failed += 1  # a refused redirect, a malformed answer: this clip, not the run
            self.line(f"{clip_id}: failed, {exc}")
        else:
            self.downloaded += 1
            self.bytes += result.size
            entry = self.manifest.record(str(clip_id), result)
            self.line(f"{clip_id}: {entry.file} ({entry.size} bytes, sha256 {entry.sha256})")

    def skip_deleted(self, clip: Clip) -> None:
        """A listed clip Zoom has deleted: no file to fetch, nothing requested, not a failure."""
        self.deleted += 1
        self.line(f"{clip.clip_id}: skipped, deleted (RECORD_DELETE)")

    def summary(self) -> str:
        parts = [f"downloaded {plural(self.downloaded, 'clip')} ({self.bytes} bytes)"]
        if self.complete:
            parts.append(f"{self.complete} already complete")
        if self.skipped:
            parts.append(f"{self.skipped} skipped")
        if self.deleted:
            parts.append(f"{self.deleted} skipped-deleted")
        if self.failed:
            parts.append(f"{self.failed} failed")
        return ", ".join(parts) + f"; manifest {self.manifest.path}"


def _is_deleted(clip: Clip) -> bool:
    status = clip.status
    return (status.value if isinstance(status, ClipStatus) else status) == "RECORD_DELETE"


async def _clips_to_download(
    client: AsyncZoomClips,
    state: DownloadRun,
    ids: list[str],
    accounts: list[str] | None,
    listing: tuple[dict[str, Any], StatusSelection] | None,
) -> list[Clip | str]:
    if ids:
        return list(ids)
    assert listing is not None  # noqa: S101 -- no ids means a listing
    query, statuses = listing
    found: list[Clip | str] = []

    def take(clip: Clip) -> None:
        if not statuses.keeps(clip.status):
            return
        if _is_deleted(clip):
            state.skip_deleted(clip)
        else:
            found.append(clip)

    if accounts:
        async for _, clip in client.clips.list_accounts(accounts, **query):
            take(clip)
    else:
        async for clip in client.clips.list(**query):
            take(clip)
    return found


async def _download_all(
    client: AsyncZoomClips,
    state: DownloadRun,
    clips: list[Clip | str],
    concurrency: int,
) -> None:
    console = state.console
    known = sum(c.file_size or 0 for c in clips if isinstance(c, Clip))
    bar = Progress(
        TextColumn("downloading"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    )
    gate = asyncio.Semaphore(concurrency)
    with bar:
        task = bar.add_task("bytes", total=known or None)

        async def gated(clip: Clip | str) -> None:
            done = [0]

            def progress(now: int, _total: int | None) -> None:
                bar.advance(task, now - done[0])
                done[0] = now

            async with gate:
                await state.one(client, clip, progress)

        # A clip's own failure is reported by ``one``; anything else (a full disk) stops them all.
        await first_failure_stops_all(gated(clip) for clip in clips)


def _on_client(run: Run, work: Callable[[AsyncZoomClips], Awaitable[None]], **options: Any) -> None:
    async def main() -> None:
        http = httpx.AsyncClient(timeout=60.0)
        try:
            with run.client(http, **options) as client:
                async with client:
                    await work(client)
        finally:
            await http.aclose()  # ours, so ours to close (the client closes only its own)

    asyncio.run(main())


def _rate_limit(value: str) -> str | float:
    with contextlib.suppress(ValueError):
        number = float(value)
        if number > 0:
            return number
        raise CliError(f"--rate-limit {value} must be a plan or a positive number")
    return value.strip().lower()


@app.command("download")
@reported
@connected
def download_clips(
    clip_id: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[CLIP_ID]...",
            help="Clips to download. None: every clip the listing options select.",
            show_default=False,
        ),
    ] = None,
    *,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="DIR",
            help="The directory to download into (made if missing); its manifest.json "
            "records each file's size and sha256.",
        ),
    ],
    account: AccountOpt = None,
    from_: FromOpt = None,
    to: ToOpt = None,
    status: StatusOpt = None,
    exclude_status: ExcludeStatusOpt = None,
    user: UserOpt = None,
    search: SearchOpt = None,
    date_filter: DateFilterOpt = DateFilter.CREATED,
    concurrency: Annotated[
        int, typer.Option("--concurrency", min=1, max=32, help="Downloads at a time.")
    ] = 4,
    rate_limit: Annotated[
        str,
        typer.Option(
            "--rate-limit",
            metavar="PLAN|N",
            help="Requests per second to stay under: free, pro, business (the default) or a "
            "number.",
        ),
    ] = "business",
    connection: Connection,
) -> None:
    """Download clips' mp4 files into a directory: resumable, with a manifest of sha256s.

    Files already complete (in the manifest, with the clip's size) are skipped; an interrupted
    file resumes from its .part. A listing's deleted clips (RECORD_DELETE) are skipped-deleted,
    not failures. Exit 1 when some clips were skipped (not ready, no file) or failed.

    Examples:

        zoom-clips download CLIP_ID OTHER_CLIP_ID -o clips/

        zoom-clips download --account SUB_ACCOUNT_ID --from 90d -o archive/ --concurrency 8
    """
    ids = [check_id(each, "CLIP_ID") for each in clip_ids(clip_id or [], option="CLIP_ID")]
    given = (account, from_, to, status, exclude_status, user, search)
    if ids and any(v is not None for v in given):
        raise CliError("give clip ids or listing options (--account, --from, ...), not both")
    run = connection.run()
    statuses = parse_statuses(status, exclude_status)
    listing = (
        None
        if ids
        else (
            filters(
                from_=from_,
                to=to,
                statuses=statuses,
                user=user,
                search=search,
                date_filter=date_filter,
                today=run.today(),
            ),
            statuses,
        )
    )
    if output.exists() and not output.is_dir():
        raise CliError(f"-o {output} is a file, not a directory")
    output.mkdir(parents=True, exist_ok=True)
    console = Console(stderr=True, highlight=False, soft_wrap=True)
    state = DownloadRun(Manifest.load(output), console)

    async def work(client: AsyncZoomClips) -> None:
        clips = await _clips_to_download(client, state, ids, account, listing)
        if not clips:
            say("no clips to download")
        await _download_all(client, state, clips, concurrency)

    _on_client(run, work, rate_limit=_rate_limit(rate_limit))
    state.manifest.write()  # also when nothing was new: a run always leaves its manifest
    say(state.summary())
    if state.skipped or state.failed:
        raise typer.Exit(EXIT_INCOMPLETE)
