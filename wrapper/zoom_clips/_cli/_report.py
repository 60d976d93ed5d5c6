"""``zoom-clips report``: the inventory's exposure as one self-contained HTML page."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ._app import app
from ._errors import CliError, reported, say
from ._inventory import DbOpt, inventory
from ._options import DebugOpt
from ._output import open_output

__all__ = ["report"]


@app.command("report")
@reported
def report(
    *,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="The HTML file to write, replaced only when the report is complete.",
        ),
    ],
    db: DbOpt = None,
    changes: Annotated[
        int,
        typer.Option(
            "--changes",
            metavar="N",
            min=1,
            max=1000,
            help="How many of the latest changes to list.",
        ),
    ] = 20,
    title: Annotated[
        str, typer.Option("--title", metavar="TEXT", help="The page's heading.")
    ] = "Clip exposure",
    debug: DebugOpt = False,
) -> None:
    """Write the inventory's exposure as one HTML page, from the database only.

    Clips by share scope over time, public clips without a passcode by owner, storage by owner,
    and the latest exposure changes. One file that works offline (styles, script and SVG charts
    inline; no request to Zoom or anywhere else). Every number on the page is also text.

    Examples:

        zoom-clips report -o exposure.html

        zoom-clips report --db postgresql://me@db/zoom -o /srv/www/exposure.html
    """
    from ..inventory._figures import figures  # noqa: PLC0415 -- needs the sync extra
    from ..inventory._report import render_report  # noqa: PLC0415

    if output.suffix.lower() not in (".html", ".htm"):
        raise CliError(f"-o {output}: the report is HTML, name a .html file")
    with open_output(output) as out, inventory(db) as engine:
        out.write(render_report(figures(engine, changes=changes), title=title))
    say(f"Wrote the exposure report to {output}.")
