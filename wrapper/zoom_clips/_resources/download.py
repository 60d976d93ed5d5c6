"""Clip downloads: ``client.clips.download``, as the mixins ``DownloadMethods`` /
``AsyncDownloadMethods`` of the clips resources.

(Issue 15: being built. Only this module and its tests are the download's.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .._client import AsyncZoomClips, ZoomClips

__all__ = ["AsyncDownloadMethods", "DownloadMethods"]


class DownloadMethods:
    """``download`` of ``client.clips``."""

    _client: ZoomClips


class AsyncDownloadMethods:
    """``DownloadMethods`` of ``aclient.clips``, with ``await``."""

    _client: AsyncZoomClips
