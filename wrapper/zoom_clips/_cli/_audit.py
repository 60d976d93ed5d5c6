"""``zoom-clips audit``: the clips anyone with the link can watch, by owner (exit 1 if any).

A deleted clip (``RECORD_DELETE``: Zoom deletes softly, so it still lists) is not exposed: it is
never a finding and never fails the audit, online or ``--db``; how many public ones were left out
is said apart. So ``audit``, ``delete --from-audit``, ``audit`` again ends with exit 0.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import IO, Annotated

import attrs
import typer
from rich.table import Table

from zoom_clips import ClipStatus

from ._app import app
from ._connection import Connection, connected
from ._errors import reported, say
from ._export import AccountClip, AuditFinding, audit, csv_writer
from ._inventory import AuditDbOpt, stored_items
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

__all__ = [
    "EXIT_FINDINGS",
    "AuditFormat",
    "FailOn",
    "Findings",
    "audit_clips",
    "gate_fails",
    "live_findings",
    "print_findings",
]

EXIT_FINDINGS = 1


class AuditFormat(StrEnum):
    """How ``audit`` writes its findings."""

    TABLE = "table"
    CSV = "csv"


FORMATS = {fmt.value: fmt for fmt in AuditFormat}


class FailOn(StrEnum):
    """Which findings make ``audit`` exit 1."""

    ANYONE = "anyone"
    NO_PASSCODE = "no-passcode"


@attrs.frozen
class Findings:
    """The audit of live clips, by owner, and how many deleted public clips were left out."""

    by_owner: dict[str, list[AuditFinding]]
    deleted_public: int = 0


def _deleted(item: AccountClip) -> bool:
    status = item.clip.status
    return (status.value if isinstance(status, ClipStatus) else status) == "RECORD_DELETE"


def live_findings(items: Iterable[AccountClip]) -> Findings:
    """``audit`` of the clips not deleted; deleted public clips are only counted."""
    live: list[AccountClip] = []
    deleted: list[AccountClip] = []
    for item in items:
        (deleted if _deleted(item) else live).append(item)
    gone = sum(len(rows) for rows in audit(deleted).values())
    return Findings(by_owner=audit(live), deleted_public=gone)


def deleted_note(count: int) -> str:
    """The line saying how many deleted public clips the audit left out."""
    clips = "clip" if count == 1 else "clips"
    return (
        f"{count} deleted {clips} (RECORD_DELETE) shared with ANYONE left out: "
        "deleted, so not exposed."
    )


def gate_fails(findings: dict[str, list[AuditFinding]], fail_on: FailOn) -> bool:
    """Whether ``audit`` exits 1: any public clip, or with ``no-passcode`` an unprotected one."""
    rows = [row for group in findings.values() for row in group]
    return any(fail_on is FailOn.ANYONE or not row.has_passcode for row in rows)


def _owners_table(findings: dict[str, list[AuditFinding]]) -> Table:
    table = Table(title="Clips anyone with the link can watch, by owner")
    for column in ("owner", "account", "shared with ANYONE", "without passcode"):
        table.add_column(column, justify="right" if column[0] in "sw" else "left", overflow="fold")
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


def _write_csv(findings: dict[str, list[AuditFinding]], out: IO[str]) -> int:
    writer = csv_writer(out)  # titles are the owners': no cell may run as a formula
    writer.writerow(["owner_id", "account_id", "clip_id", "title", "share_link", "has_passcode"])
    count = 0
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
            count += 1
    return count


def print_findings(
    findings: dict[str, list[AuditFinding]],
    out: IO[str],
    fmt: AuditFormat,
    *,
    details: bool,
    deleted_public: int = 0,
) -> int:
    """Write the findings to ``out``; return how many there are.

    ``deleted_public``: deleted public clips left out, said in a line of their own under the
    table (a CSV holds findings only)."""
    if fmt is AuditFormat.CSV:
        return _write_csv(findings, out)
    console = table_console(out)
    if not findings:
        console.print("No clips are shared with anyone who has the link.")
        if deleted_public:
            console.print(deleted_note(deleted_public), markup=False)
        return 0
    public = sum(len(rows) for rows in findings.values())
    bare = sum(1 for rows in findings.values() for row in rows if not row.has_passcode)
    console.print(_owners_table(findings))
    if details and bare:
        console.print(_bare_clips_table(findings))
    console.print(
        f"{public} clips of {len(findings)} owners are shared with ANYONE; "
        f"{bare} of them have no passcode."
    )
    if deleted_public:
        console.print(deleted_note(deleted_public), markup=False)
    return public


@app.command("audit")
@reported
@connected
def audit_clips(
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
            help="table or csv. Default: a table on stdout; with -o, from its extension.",
        ),
    ] = None,
    output: OutputOpt = None,
    fail_on: Annotated[
        FailOn,
        typer.Option("--fail-on", help="Exit 1 for any ANYONE clip, or only passcode-less ones."),
    ] = FailOn.ANYONE,
    connection: Connection,
    db: AuditDbOpt = None,
) -> None:
    """Find clips shared with ANYONE, and among them those without a passcode, by owner.

    Exits 0 when there are none, 1 when there are some, 2 on errors. Deleted clips
    (RECORD_DELETE) are not exposed: never findings, only counted apart.

    Examples (the first audits an embedded mock, the second your accounts):

        zoom-clips audit --mock --from 90d --fail-on no-passcode

        zoom-clips audit --account SUB_ACCOUNT_ID --from 365d -o public.csv

    With --db, the same audit of the inventory zoom-clips sync keeps, without calling Zoom:

        zoom-clips audit --db zoom-clips.db --fail-on no-passcode
    """
    fmt = output_format(output_format_name, output, FORMATS, table=AuditFormat.TABLE)
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
    items: list[AccountClip] = []
    with open_output(output) as out:
        if db is None:
            run.collect(account, query, selected(statuses, items.append))
        else:  # the inventory: the same filters and findings, offline
            items = stored_items(
                db,
                account,
                query,
                statuses,
                mock=connection.mock,
                base_url=connection.base_url,
                token_url=connection.token_url,
            )
        found = live_findings(items)
        findings = found.by_owner
        rows = print_findings(findings, out, fmt, details=True, deleted_public=found.deleted_public)
    if output is not None:
        say(f"Wrote {rows} findings to {output}.")
    if gate_fails(findings, fail_on):
        raise typer.Exit(EXIT_FINDINGS)
