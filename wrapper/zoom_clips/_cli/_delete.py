"""``zoom-clips delete``: delete clips by id or from an audit's file, after showing what goes.

Destructive, so it is careful: every clip is fetched first and the plan shown (a clip Zoom does
not know, or one already deleted, is skipped); then it asks, on a terminal, or needs ``--yes``
(without a terminal to ask on, it refuses before sending anything). Deletes run one at a time and
stop at the first that fails, whose error says how many were deleted before it. Zoom deletes
softly: a deleted clip still lists, with the status RECORD_DELETE.

``--from-audit FILE`` reads the clip ids from what ``audit`` (or ``list``) writes: CSV with a
``clip_id`` column (its cells neutralised against formulas as we write them, which is undone:
``'-abc`` is the id ``-abc``), JSON Lines of objects with ``clip_id``, or a JSON array of such
objects or of ids; ``-`` reads stdin.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from zoom_clips import AsyncZoomClips, Clip, ClipStatus, NotFoundError

from ._admin import clip_ids, converse, describe_clip, first_failure_stops_all, plain, plural
from ._app import app
from ._connection import Connection, connected
from ._errors import CliError, reported, say
from ._export import csv_text
from ._output import table_console

__all__ = ["EXIT_DECLINED", "delete_clips", "ids_from_audit"]

EXIT_DECLINED = 1  # asked on a terminal, the answer was no: nothing was deleted
EXIT_MISSING = 1  # Zoom has no clip of an id given (the others were deleted); --missing-ok: 0
_LOOKUPS = 8  # clips fetched at a time for the plan


def _ids_in_json(text: str, source: str) -> list[str]:
    """A JSON array, or JSON Lines; a line that is not JSON is named by its line in the file."""
    values: list[Any] = []
    array = text.lstrip().startswith("[")
    if array:
        try:
            values = json.loads(text)
        except json.JSONDecodeError as exc:
            raise CliError(
                f"--from-audit {source} is not JSON or JSON Lines: the array breaks at line "
                f"{exc.lineno}, column {exc.colno} ({exc.msg})"
            ) from None
    for number, line in enumerate([] if array else text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            values.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise CliError(
                f"--from-audit {source} is not JSON or JSON Lines: line {number}, column "
                f"{exc.colno} ({exc.msg}); JSON Lines hold one object per line, as "
                "`zoom-clips list -f jsonl` writes them"
            ) from None
    if not isinstance(values, list):
        raise CliError(f"--from-audit {source}: a JSON file must hold an array")
    ids = []
    for value in values:
        found = value.get("clip_id") if isinstance(value, dict) else value
        if not isinstance(found, str):
            raise CliError(f"--from-audit {source}: an entry without a clip_id: {value!r:.80}")
        ids.append(found)
    return ids


def ids_from_audit(text: str, source: str) -> list[str]:
    """The clip ids of an audit's CSV, or of JSON / JSON Lines (see the module docstring)."""
    if text.lstrip().startswith(("[", "{")):
        return _ids_in_json(text, source)
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None or "clip_id" not in reader.fieldnames:
        raise CliError(
            f"--from-audit {source} has no clip_id column: give the CSV that `zoom-clips audit "
            "-f csv` writes, or JSON Lines from `zoom-clips list -f jsonl`"
        )
    # The CSVs we write neutralise formulas (an id starting with "-" gets a "'"): undo it.
    return [csv_text(row["clip_id"]) for row in reader]


def _read_audit(path: Path) -> list[str]:
    source = "-" if str(path) == "-" else str(path)
    if source == "-":
        text = sys.stdin.read()
    else:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise CliError(f"cannot read --from-audit {path}: {exc.strerror}") from None
    ids = clip_ids(ids_from_audit(text, source), option="--from-audit: clip id")
    if not ids:
        raise CliError(f"--from-audit {source} lists no clips: nothing to delete")
    return ids


def _interactive() -> bool:
    """Whether there is a person at a terminal to ask."""
    return sys.stdin.isatty()


def _plan_table(clips: list[Clip]) -> Table:
    table = Table(title=f"{plural(len(clips), 'clip')} to delete")
    for column in ("clip id", "title", "owner", "status", "share scope", "modified"):
        table.add_column(column, overflow="fold")
    for clip in clips:
        settings = clip.share_link_settings
        table.add_row(
            clip.clip_id or "",
            clip.title or "",
            clip.owner_id or "",
            plain(clip.status),
            plain(settings.share_scope if settings else None),
            plain(clip.modified_date),
        )
    return table


async def _lookup(client: AsyncZoomClips, ids: list[str]) -> dict[str, Clip | None]:
    """Each id's clip, ``None`` for one Zoom does not know; any other error stops the plan."""
    gate = asyncio.Semaphore(_LOOKUPS)

    async def one(clip_id: str) -> Clip | None:
        async with gate:
            try:
                return await client.clips.get(clip_id)
            except NotFoundError:
                return None

    try:
        found = await first_failure_stops_all(one(clip_id) for clip_id in ids)
    except Exception as exc:
        exc.add_note("nothing was deleted")
        raise
    return dict(zip(ids, found, strict=True))


@app.command("delete")
@reported
@connected
def delete_clips(
    clip_id: Annotated[
        list[str] | None,
        typer.Argument(metavar="[ID]...", help="The clips to delete.", show_default=False),
    ] = None,
    *,
    from_audit: Annotated[
        Path | None,
        typer.Option(
            "--from-audit",
            metavar="FILE",
            help="Delete the clips listed in this file: the CSV of `audit -f csv`, or the JSON "
            "Lines of `list -f jsonl`; - reads stdin.",
        ),
    ] = None,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Delete without asking (needed off a terminal).")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be deleted; delete nothing.")
    ] = False,
    missing_ok: Annotated[
        bool,
        typer.Option(
            "--missing-ok", help="Exit 0 even when Zoom has no clip of some id (for scripts)."
        ),
    ] = False,
    connection: Connection,
) -> None:
    """Delete clips: shows each one, asks (or needs --yes), then deletes them one by one.

    Clips Zoom does not know, and clips already deleted, are skipped. Exits 0 when every clip
    was deleted (or already was), 1 when the answer was no or Zoom has no clip of some id (the
    others are still deleted; --missing-ok: 0), 2 on errors.

    Examples:

        zoom-clips delete CLIP_ID OTHER_CLIP_ID

        zoom-clips delete --from-audit public.csv --dry-run

        zoom-clips delete --from-audit public.csv --yes

    (public.csv: what zoom-clips audit -f csv -o public.csv wrote.)
    """
    if clip_id and from_audit is not None:
        raise CliError("give clip ids or --from-audit FILE, not both")
    if from_audit is not None:
        ids = _read_audit(from_audit)
    elif clip_id:
        ids = clip_ids(clip_id, option="ID")
    else:
        raise CliError("give the ids of the clips to delete, or --from-audit FILE")
    if not (yes or dry_run or _interactive()):
        raise CliError(
            f"refusing to delete {plural(len(ids), 'clip')} without --yes: stdin is not a "
            "terminal, so there is no one to ask (--dry-run shows what would be deleted)"
        )
    run = connection.run()

    async def work(client: AsyncZoomClips) -> int:
        found = await _lookup(client, ids)
        doomed = []
        for wanted, clip in found.items():
            if clip is None:
                missing.append(wanted)
                say(f"skipped {wanted}: Zoom has no such clip")
            elif clip.status == ClipStatus.RECORD_DELETE:
                say(f"skipped {wanted}: already deleted")
            else:
                doomed.append(clip)
        if not doomed:
            say("Nothing to delete.")
            return 0
        table_console(sys.stderr).print(_plan_table(doomed))
        if dry_run:
            say(f"Would delete {plural(len(doomed), 'clip')} (--dry-run: nothing was deleted).")
            return 0
        if not yes and not typer.confirm(f"Delete {plural(len(doomed), 'clip')}?", default=False):
            say("Nothing was deleted.")
            return EXIT_DECLINED
        for done, clip in enumerate(doomed):
            wanted = clip.clip_id or ""
            try:
                await client.clips.delete(wanted)
            except Exception as exc:
                exc.add_note(f"deleted {done} of {plural(len(doomed), 'clip')} before this")
                raise
            sys.stdout.write(f"{wanted}\n")
            say(f"deleted {wanted} {describe_clip(clip)}")
        say(f"Deleted {plural(len(doomed), 'clip')}.")
        return 0

    missing: list[str] = []
    code = converse(run, work)
    if missing and not missing_ok and code == 0:
        say(
            f"Zoom has no clip of {plural(len(missing), 'id')} given ({', '.join(missing)}): "
            "exit 1 (--missing-ok: 0)"
        )
        code = EXIT_MISSING
    if code:
        raise typer.Exit(code)
