"""``zoom-clips get``: one clip, every field, as a table or JSON (passcode only when asked)."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated

import typer
from rich.table import Table

from zoom_clips import Clip

from ._admin import clip_ids, converse, plain
from ._app import app
from ._connection import Connection, connected
from ._errors import reported
from ._export import AccountClip, clip_record
from ._output import open_output, output_format, table_console

__all__ = ["GetFormat", "clip_fields_table", "get_clip"]


class GetFormat(StrEnum):
    """How ``get`` writes the clip."""

    TABLE = "table"
    JSON = "json"


FORMATS = {fmt.value: fmt for fmt in GetFormat}


def clip_json(clip: Clip, *, include_passcodes: bool) -> dict[str, object]:
    """The clip as ``list --format jsonl`` writes it, without the account it was listed from."""
    record = clip_record(AccountClip(account_id="", clip=clip), include_passcodes=include_passcodes)
    del record["account_id"]
    return record


def clip_fields_table(clip: Clip, *, include_passcodes: bool) -> Table:
    """The clip as a table of field and value, one row each."""
    table = Table(title=f"clip {clip.clip_id}")
    table.add_column("field")
    table.add_column("value", overflow="fold")
    for name, value in clip_json(clip, include_passcodes=include_passcodes).items():
        cell = json.dumps(value, sort_keys=True) if isinstance(value, dict) and value else value
        table.add_row(name, plain(cell or None) if isinstance(cell, dict) else plain(cell))
    return table


@app.command("get")
@reported
@connected
def get_clip(
    clip_id: Annotated[str, typer.Argument(metavar="ID", help="The clip's id.")],
    *,
    output_format_name: Annotated[
        str | None,
        typer.Option("--format", "-f", metavar="FORMAT", help="table (the default) or json."),
    ] = None,
    include_passcodes: Annotated[
        bool, typer.Option("--include-passcodes", help="Show the clip's passcode.")
    ] = False,
    connection: Connection,
) -> None:
    """Show one clip: its title, owner, status, sharing, dates and every other field.

    A deleted clip is still shown, with the status RECORD_DELETE (Zoom deletes softly).

    Examples:

        zoom-clips get CLIP_ID

        zoom-clips get CLIP_ID --format json --include-passcodes
    """
    fmt = output_format(output_format_name, None, FORMATS, table=GetFormat.TABLE)
    (wanted,) = clip_ids([clip_id], option="ID")
    run = connection.run()
    clip = converse(run, lambda client: client.clips.get(wanted))
    if fmt is GetFormat.JSON:
        typer.echo(json.dumps(clip_json(clip, include_passcodes=include_passcodes), indent=2))
        return
    with open_output(None) as out:
        table_console(out).print(clip_fields_table(clip, include_passcodes=include_passcodes))
