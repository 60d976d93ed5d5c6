"""Clip uploads: ``client.clips.upload``, as the mixins ``UploadMethods`` /
``AsyncUploadMethods`` of the clips resources.

(Issue 15: being built. Only this module and its tests are the upload's.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .._client import AsyncZoomClips, ZoomClips

__all__ = ["AsyncUploadMethods", "UploadMethods"]


class UploadMethods:
    """``upload`` of ``client.clips``."""

    _client: ZoomClips


class AsyncUploadMethods:
    """``UploadMethods`` of ``aclient.clips``, with ``await``."""

    _client: AsyncZoomClips
