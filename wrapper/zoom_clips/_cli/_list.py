"""``zoom-clips list``: every clip of the accounts, as a table, CSV or JSON Lines."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer
from rich.table import Table

from ._app import app
from ._connection import Connection, connected
from ._errors import reported, say
from ._export import AccountClip, CsvSink, JsonlSink
from ._listing import selected
from ._options import (
    AccountOpt,
    DateFilter,
    DateFilterOpt,
    ExcludeStatusOpt,
    FromOpt,
    OutputOpt,
    SearchOpt,
    StatusOpt,
    ToOpt,
    UserOpt,
    filters,
    parse_statuses,
)
from ._output import open_output, output_format, table_console

__all__ = ["OutputFormat", "clips_table", "list_clips"]


class OutputFormat(StrEnum):
    """How ``list`` writes clips."""

    TABLE = "table"
    CSV = "csv"
    JSONL = "jsonl"


FORMATS = {fmt.value: fmt for fmt in OutputFormat}


def clips_table(items: list[AccountClip]) -> Table:
    """The clips as a table; ids and dates are folded on a narrow terminal, never cut."""
    table = Table(title=f"{len(items)} clips")
    for column in ("account", "clip id", "title", "owner", "status", "share scope", "modified"):
        table.add_column(column, overflow="fold")
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
@reported
@connected
def list_clips(
    *,
    account: AccountOpt = None,
    from_: FromOpt = None,
    to: ToOpt = None,
    status: StatusOpt = None,
    exclude_status: ExcludeStatusOpt = None,
    user: UserOpt = None,
    search: SearchOpt = None,
    date_filter: DateFilterOpt = DateFilter.CREATED,
    output_format_name: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="table, csv or jsonl. Default: a table on stdout; with -o, from its extension.",
        ),
    ] = None,
    output: OutputOpt = None,
    include_passcodes: Annotated[
        bool, typer.Option("--include-passcodes", help="Put clip passcodes in CSV/JSONL.")
    ] = False,
    connection: Connection,
) -> None:
    """List every clip of the accounts, across pages and one-month windows.

    Examples (the first lists an embedded mock, the second your accounts):

        zoom-clips list --mock --from 30d --status RECORD_SUCCESS

        zoom-clips list --account SUB_ACCOUNT_ID --from 90d -o clips.csv

    Deleted clips are listed too (Zoom deletes softly, as RECORD_DELETE): leave them out with
    --exclude-status RECORD_DELETE, or keep several statuses with --status A --status B.
    """
    fmt = output_format(output_format_name, output, FORMATS, table=OutputFormat.TABLE)
    run = connection.run()
    statuses = parse_statuses(status, exclude_status)
    query = filters(
        from_=from_,
        to=to,
        statuses=statuses,
        user=user,
        search=search,
        date_filter=date_filter,
        today=run.today(),
    )
    with open_output(output) as out:
        if fmt is OutputFormat.TABLE:
            items: list[AccountClip] = []
            run.collect(account, query, selected(statuses, items.append))
            table_console(out).print(clips_table(items))
            return
        sink_type = CsvSink if fmt is OutputFormat.CSV else JsonlSink
        sink = sink_type(out, include_passcodes=include_passcodes)
        run.collect(account, query, selected(statuses, sink.write))
        sink.finish()
    if output is not None:
        say(f"Wrote {sink.count} clips to {output}.")
