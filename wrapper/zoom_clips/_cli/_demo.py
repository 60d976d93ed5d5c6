"""``zoom-clips demo`` (what ``make demo`` runs): the SDK end to end on an embedded mock."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from dateutil.relativedelta import relativedelta
from rich.console import Console
from rich.table import Table

from ._app import app
from ._audit import AuditFormat, live_findings, print_findings
from ._errors import reported
from ._export import AccountClip, Summary, write_csv
from ._listing import Run
from ._options import DateFilter, DateFilterOpt, DebugOpt, StatusSelection, filters
from ._output import open_output, table_console

__all__ = ["demo"]


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
@reported
def demo(
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="Where to write the CSV of all clips (replaced on success)."
        ),
    ] = Path("clips.csv"),
    date_filter: DateFilterOpt = DateFilter.CREATED,
    debug: DebugOpt = False,
) -> None:
    """Run the SDK end to end on an embedded mock: no Zoom account needed.

    Starts the mock with a seeded year of clips across several sub accounts, authenticates
    with Server-to-Server OAuth against it, lists the past year for every sub account, prints
    a summary and the audit findings, writes the CSV, and stops the mock.

    Example:

        zoom-clips demo --output clips.csv
    """
    run = Run(mock=True, base_url=None, token_url=None)
    today = run.today()
    query = filters(
        from_=(today - relativedelta(years=1)).isoformat(),
        to=today.isoformat(),
        statuses=StatusSelection(),
        user=None,
        search=None,
        date_filter=date_filter,
        today=today,
    )
    items: list[AccountClip] = []
    summary = Summary()

    def keep(item: AccountClip) -> None:
        items.append(item)
        summary.add(item)

    with open_output(output) as out:
        run.collect(None, query, keep)
        rows = write_csv(items, out, include_passcodes=False)
    console = table_console(sys.stdout)
    stats = run.mock_stats
    console.print(
        f"Mock Zoom at {run.mock_url}: signed in with Server-to-Server OAuth "
        f"({stats.get('tokens_issued', 0)} access token issued), "
        f"{stats.get('requests', 0)} requests served, {stats.get('rate_limited', 0)} rate-limited."
    )
    console.print(
        f"Listed {summary.total} clips from {len(summary.by_account)} sub accounts "
        f"({query['from_']} to {query['to']}, by {date_filter.value} date) in {run.pages} pages."
    )
    for table in _summary_tables(summary):
        console.print(table)
    found = live_findings(items)
    print_findings(
        found.by_owner,
        sys.stdout,
        AuditFormat.TABLE,
        details=False,
        deleted_public=found.deleted_public,
    )
    Console(highlight=False, soft_wrap=True).print(f"Wrote {rows} clips to {output}.", markup=False)
