"""The ``zoom-clips`` command line: list, audit, mock and demo (extra ``cli``).

    zoom-clips list --mock --from 30d --format csv --output clips.csv
    zoom-clips audit --account SUB_ACCOUNT_ID --from 90d
    zoom-clips audit --db zoom-clips.db; zoom-clips history --clip ID; zoom-clips report -o r.html
    zoom-clips mock --port 8765
    zoom-clips demo
    zoom-clips sync --db zoom-clips.db --account SUB_ACCOUNT_ID

Credentials come from the same environment variables as ``ZoomClips.from_env()``; ``--mock`` runs
against an embedded mock server started for the command instead. Every error prints one
``error:`` line and exits 2 (``audit`` exits 1 when it has findings, so a scheduled job can tell
the two apart, and ``api`` when Zoom answers with an error status). One module per command,
beside the shared options, output and error handling:

    _app.py      the command group (usage errors as one line)
    _errors.py   failures as one line, in the user's words
    _options.py  the shared options and their parsing (relative dates)
    _output.py   -o written all or nothing; formats; tables that a pipe gets whole
    _export.py   clips as CSV/JSON rows, audit findings and summaries (pure: no I/O of its own)
    _listing.py  the connection (checked) and the listing, with its progress bar
    _inventory.py  --db: the inventory zoom-clips sync keeps, opened for reading
    _list.py, _audit.py, _demo.py, _mock.py   the commands
    _history.py, _report.py   the commands that read the inventory (extra sync)

The admin commands (``_admin.py``: one client for a command's whole conversation):

    zoom-clips get CLIP_ID                                              _get.py
    zoom-clips delete --from-audit public.csv                           _delete.py
    zoom-clips transfer --from LEAVING_USER_ID --to MANAGER_USER_ID     _transfer.py
    zoom-clips collaborators CLIP_ID --remove someone@example.com       _collaborators.py

Clip files:

    zoom-clips download [CLIP_ID ...] -o DIR    _download.py (its manifest: _manifest.py)
    zoom-clips upload FILE ...                  _upload.py (resumable from a sidecar state file)

Any request, as ``gh api``: ``zoom-clips api METHOD PATH -F key=value``    _api.py

Zoom's webhooks, printed (with ``--db``, kept in the inventory): ``zoom-clips listen``  _listen.py
"""

from __future__ import annotations

from . import _api as _api  # zoom-clips api METHOD PATH (any request, as gh api)
from . import _audit, _demo, _list, _mock
from . import _collaborators as _collaborators  # the admin commands: a line each, to merge cleanly
from . import _delete as _delete
from . import _download as _download  # zoom-clips download: its own line, to merge cleanly
from . import _get as _get
from . import _history as _history  # history and report read the inventory (extra sync)
from . import _listen as _listen  # zoom-clips listen: Zoom's webhooks (and --db's inventory)
from . import _report as _report
from . import _sync as _sync  # zoom-clips sync: its own line, so other commands merge cleanly
from . import _transfer as _transfer
from . import _upload as _upload  # zoom-clips upload FILE ...
from ._app import app
from ._audit import FailOn, gate_fails

__all__ = ["FailOn", "app", "gate_fails", "main"]

_COMMANDS = (_list, _audit, _demo, _mock)  # imported for their @app.command registrations


def main() -> None:
    """Entry point of the ``zoom-clips`` console script."""
    app()
