"""The ``zoom-clips`` console script: runs the command line, or names the extra it lacks.

``[project.scripts]`` points here rather than at ``zoom_clips._cli`` because that module imports
typer and rich at the top: without the ``cli`` extra the script would die with
``ModuleNotFoundError: No module named 'typer'``. This shim imports it lazily and turns a missing
extra (``cli`` for the command line, ``mock`` for ``zoom-clips mock`` and ``--mock``, ``sync``
for the inventory) into one ``error:`` line and exit 2, as for every other error of the command.
"""

from __future__ import annotations

import sys

from ._extras import EXIT_ERROR, extra_providing, install_hint

# What needs each extra, in the words of its one error line.
_NEEDING = {
    "cli": "zoom-clips",
    "mock": "the mock Zoom (zoom-clips mock, --mock)",
    "sync": "the clip inventory (zoom-clips sync, --db, history, report)",
}


def main() -> None:
    """Run ``zoom_clips._cli.main``; exit 2 with one line if an extra it needs is missing."""
    try:
        from ._cli import main as run  # noqa: PLC0415 -- lazy on purpose, see the module docstring

        run()
    except ModuleNotFoundError as exc:
        extra = extra_providing(exc)
        if extra is None:
            raise
        what = _NEEDING.get(extra, f"zoom-clips {' '.join(sys.argv[1:2])}".strip())
        print(f"error: {install_hint(what, extra, exc)}", file=sys.stderr)  # noqa: T201
        sys.exit(EXIT_ERROR)
