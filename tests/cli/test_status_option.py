"""`--status` parsed: several values, commas, `!STATUS` and `--exclude-status`, and what goes to
Zoom's one-status filter (the commands' behaviour is in test_deleted.py)."""

from __future__ import annotations

import pytest
from zoom_clips._cli._errors import CliError
from zoom_clips._cli._options import StatusSelection, parse_statuses
from zoom_clips._models import ClipStatus

DELETED = "RECORD_DELETE"


def test_status_selection_keeps_what_it_names() -> None:
    """Inclusions, exclusions, unknown and missing statuses, and what goes to Zoom's filter."""
    everything = parse_statuses(None, None)
    assert everything == StatusSelection()
    assert everything.keeps(DELETED)
    assert everything.keeps(None)
    assert everything.server_status is None
    one = parse_statuses(["record_success"])
    assert one.server_status is ClipStatus.RECORD_SUCCESS
    assert not one.keeps(DELETED)
    assert not one.keeps("SOMETHING_NEW")
    two = parse_statuses(["RECORD_SUCCESS", "SUSPENDED"])
    assert two.server_status is None  # Zoom filters by one status: the rest is ours
    assert two.keeps(ClipStatus.SUSPENDED)
    assert not two.keeps(ClipStatus.RECORD_START)
    live = parse_statuses(None, [DELETED])
    assert live == parse_statuses([f" !{DELETED.lower()} "])
    assert live.server_status is None
    assert live.keeps(None)
    assert live.keeps("SOMETHING_NEW")
    assert not live.keeps(ClipStatus.RECORD_DELETE)
    with pytest.raises(CliError, match="leave no status"):
        parse_statuses(["RECORD_SUCCESS"], ["RECORD_SUCCESS"])
