# Generated from spec/master.json (sha256 14f2ca3894ac) by openapi-python-client 0.29.1
# via `make generate`. Do not edit by hand: change the spec or
# scripts/openapi-python-client.yaml and regenerate.
"""Contains all the data models used in inputs/outputs"""

from .clip_item import ClipItem
from .clip_item_status import ClipItemStatus
from .clip_list_response import ClipListResponse
from .list_clips_date_filter_type import ListClipsDateFilterType
from .list_clips_status import ListClipsStatus
from .share_link_settings import ShareLinkSettings
from .share_scope import ShareScope

__all__ = (
    "ClipItem",
    "ClipItemStatus",
    "ClipListResponse",
    "ListClipsDateFilterType",
    "ListClipsStatus",
    "ShareLinkSettings",
    "ShareScope",
)
