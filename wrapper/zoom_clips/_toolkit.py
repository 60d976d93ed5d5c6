"""What the core offers its own tools: for the command line, the mock and the inventory only.

Not a public API: nothing here is promised to applications, and any of it may change in any
release. ``zoom_clips._cli``, ``zoom_clips.mock`` and ``zoom_clips.inventory`` import the SDK's
public names from ``zoom_clips`` and everything else they need of the core from this module alone
(tests/wrapper/test_tool_boundaries.py walks their imports and fails on any other private name).

What is here: the listing's window machinery (the inventory's incremental runs, ``--from`` and
``--to``), ``DEFAULT_BASE_URL``, ``check_id`` (a clip id checked as the SDK's methods check it),
the rate limit plans by name, a download's on-disk result (the manifest's), and the one-line
error naming a missing extra. One record is defined here, not re-exported: ``AccountClip``, what
the command line lists, exports and audits, and what the inventory's read side yields for it
(it lives in neither tool, so neither imports the other for it).
"""

from __future__ import annotations

import attrs

from ._base_client import DEFAULT_BASE_URL
from ._clips import AsyncClipListing, build_query
from ._extras import reraise_naming_extra
from ._models import Clip
from ._pagination import DateRange, aiter_window_pages, format_bound, normalize_range
from ._ratelimit import resolve_rate_limits
from ._resources._arguments import check_id
from ._resources._download_state import DownloadResult

__all__ = [
    "DEFAULT_BASE_URL",
    "AccountClip",
    "AsyncClipListing",
    "DateRange",
    "DownloadResult",
    "aiter_window_pages",
    "build_query",
    "check_id",
    "format_bound",
    "normalize_range",
    "reraise_naming_extra",
    "resolve_rate_limits",
]


@attrs.frozen
class AccountClip:
    """A clip and the account it was listed from."""

    account_id: str
    clip: Clip
