"""``zoom-clips collaborators``: who a clip is shared with, and removing some of them."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.table import Table

from zoom_clips import AsyncZoomClips, Collaborator

from ._admin import clip_ids, converse, plain, plural
from ._app import app
from ._connection import Connection, connected
from ._errors import reported, say
from ._output import open_output, output_format, table_console

__all__ = ["CollaboratorsFormat", "collaborator_record", "collaborators"]


class CollaboratorsFormat(StrEnum):
    """How ``collaborators`` writes the list."""

    TABLE = "table"
    JSONL = "jsonl"


FORMATS = {fmt.value: fmt for fmt in CollaboratorsFormat}
_COLUMNS = ("user_id", "display_name", "email", "type", "role", "channel_id")


def collaborator_record(collaborator: Collaborator) -> dict[str, Any]:
    """One collaborator as a flat JSON-ready dict (enums by value, extra fields kept)."""
    record: dict[str, Any] = {name: plain(getattr(collaborator, name)) or None for name in _COLUMNS}
    record["extra"] = dict(collaborator.extra)
    return record


def _table(clip_id: str, rows: list[Collaborator]) -> Table:
    table = Table(title=f"{plural(len(rows), 'collaborator')} of clip {clip_id}")
    for column in ("user id", "name", "email", "type", "role", "channel id"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(plain(getattr(row, name)) for name in _COLUMNS))
    return table


@app.command("collaborators")
@reported
@connected
def collaborators(
    clip_id: Annotated[str, typer.Argument(metavar="ID", help="The clip's id.")],
    *,
    remove: Annotated[
        list[str] | None,
        typer.Option(
            "--remove",
            metavar="USER",
            help="Remove this collaborator (a user id or email; repeat for several), then "
            "list those left.",
        ),
    ] = None,
    remove_channel: Annotated[
        list[str] | None,
        typer.Option(
            "--remove-channel",
            metavar="CHANNEL",
            help="Remove this Team Chat channel (its id; repeat for several).",
        ),
    ] = None,
    output_format_name: Annotated[
        str | None,
        typer.Option("--format", "-f", metavar="FORMAT", help="table (the default) or jsonl."),
    ] = None,
    connection: Connection,
) -> None:
    """List the people and channels a clip is shared with; --remove takes some away.

    Removals run in the order given and stop at the first that fails (the error says how
    many were removed before it).

    Examples:

        zoom-clips collaborators CLIP_ID

        zoom-clips collaborators CLIP_ID --remove someone@example.com
    """
    fmt = output_format(output_format_name, None, FORMATS, table=CollaboratorsFormat.TABLE)
    (wanted,) = clip_ids([clip_id], option="ID")
    users = clip_ids(remove or [], option="--remove")
    channels = clip_ids(remove_channel or [], option="--remove-channel")
    run = connection.run()
    removals = [(user, None) for user in users] + [(None, channel) for channel in channels]

    async def work(client: AsyncZoomClips) -> list[Collaborator]:
        for done, (user, channel) in enumerate(removals):
            try:
                if user is not None:
                    await client.clips.collaborators.remove(wanted, user_key=user)
                else:
                    await client.clips.collaborators.remove(wanted, channel_id=channel)
            except Exception as exc:
                exc.add_note(
                    f"removed {done} of {plural(len(removals), 'collaborator')} before this"
                )
                raise
            say(f"removed {user or f'channel {channel}'} from clip {wanted}")
        return [row async for row in client.clips.collaborators.list(wanted)]

    rows = converse(run, work)
    with open_output(None) as out:
        if fmt is CollaboratorsFormat.JSONL:
            for row in rows:
                out.write(json.dumps(collaborator_record(row), sort_keys=True) + "\n")
            return
        table_console(out).print(_table(wanted, rows))
