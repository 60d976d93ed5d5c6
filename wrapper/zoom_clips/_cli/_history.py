"""``zoom-clips history``: one clip's exposure timeline from the inventory, one line per change."""

from __future__ import annotations

from enum import StrEnum
from typing import IO, TYPE_CHECKING, Annotated

import typer

from ._app import app
from ._errors import reported, say
from ._export import csv_writer, json_line
from ._inventory import DbOpt, inventory
from ._options import DebugOpt, OutputOpt
from ._output import open_output, output_format, terminal_text

if TYPE_CHECKING:
    from ..inventory._queries import ExposureChange, Timeline

__all__ = ["HistoryFormat", "history", "write_timeline"]


class HistoryFormat(StrEnum):
    """How ``history`` writes the changes."""

    TEXT = "text"
    CSV = "csv"
    JSONL = "jsonl"


FORMATS = {fmt.value: fmt for fmt in HistoryFormat}
_FIELDS = ("observed_at", "field", "old_value", "new_value", "run_id")


def _iso(change: ExposureChange) -> str:
    return change.observed_at.isoformat(timespec="seconds").replace("+00:00", "Z")


def _shown(value: str | None) -> str:
    # A value came from Zoom (a passcode its owner typed): escaped, never acted on by a terminal.
    return "(none)" if value is None else terminal_text(value)


def write_timeline(timeline: Timeline, out: IO[str], fmt: HistoryFormat) -> int:
    """Write one line (or row) per change of ``timeline`` to ``out``; return how many."""
    if fmt is HistoryFormat.CSV:
        writer = csv_writer(out)  # neutralises formula-like cells (a passcode "=cmd|...")
        writer.writerow(_FIELDS)
        for change in timeline.changes:
            writer.writerow(
                [_iso(change), change.field, change.old_value, change.new_value, change.run_id]
            )
    elif fmt is HistoryFormat.JSONL:
        for change in timeline.changes:
            record = {
                "observed_at": _iso(change),
                "field": change.field,
                "old_value": change.old_value,
                "new_value": change.new_value,
                "run_id": change.run_id,
            }
            out.write(json_line(record) + "\n")
    else:
        for change in timeline.changes:
            out.write(
                f"{_iso(change)}  {change.field:<15}  "
                f"{_shown(change.old_value)} → {_shown(change.new_value)}\n"
            )
    return len(timeline.changes)


def _sighting(timeline: Timeline) -> str:
    first = timeline.first_seen.isoformat(timespec="seconds").replace("+00:00", "Z")
    last = timeline.last_seen.isoformat(timespec="seconds").replace("+00:00", "Z")
    gone = ""
    if timeline.missing_since is not None:
        gone = f", missing since {timeline.missing_since:%Y-%m-%dT%H:%M:%SZ}"
    count = len(timeline.changes)
    return (
        f"clip {timeline.clip_id} of account {timeline.account_id}: first seen {first}, "
        f"last seen {last}{gone}; {count} exposure change{'s' if count != 1 else ''}"
    )


@app.command("history")
@reported
def history(
    *,
    clip: Annotated[str, typer.Option("--clip", metavar="ID", help="The clip id.")],
    db: DbOpt = None,
    output_format_name: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="text, csv or jsonl. Default: text lines on stdout; with -o, from its extension.",
        ),
    ] = None,
    output: OutputOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Show one clip's exposure changes, one line each: when, what, old → new.

    Read from the inventory that zoom-clips sync keeps; Zoom is not called. The clip's first and
    last sighting go to stderr. A clip the inventory has never seen is an error (exit 2).

    Examples:

        zoom-clips history --clip CLIP_ID

        zoom-clips history --db postgresql://me@db/zoom --clip CLIP_ID -o c.csv
    """
    from ..inventory._queries import exposure_timeline  # noqa: PLC0415 -- needs the sync extra

    fmt = output_format(output_format_name, output, FORMATS, table=HistoryFormat.TEXT)
    with inventory(db) as engine:
        timeline = exposure_timeline(engine, clip)
    with open_output(output) as out:
        rows = write_timeline(timeline, out, fmt)
    say(_sighting(timeline))
    if output is not None:
        say(f"Wrote {rows} changes to {output}.")
