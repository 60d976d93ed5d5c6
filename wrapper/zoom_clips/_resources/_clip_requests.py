"""``GET /clips/{clipId}``: its request and the parse of its answer, shared by ``clips.get`` and
a download of a bare clip id (which learns the file's size from it)."""

from __future__ import annotations

from typing import Any

import httpx

from .._models import Clip, clip_from_json
from .._responses import json_body
from .._retry import RetryPolicy
from ._arguments import check_id

__all__ = ["get_kwargs", "parse_clip"]


def get_kwargs(clip_id: object) -> dict[str, Any]:
    """``GET /clips/{clipId}``; the id checked."""
    from zoom_clips_endpoints_api.api.clips import get_clip_by_id  # noqa: PLC0415

    return get_clip_by_id._get_kwargs(check_id(clip_id, "clip_id"))


def parse_clip(response: httpx.Response, policy: RetryPolicy) -> Clip:
    """The clip in a 200 (the listing's ``Clip``), or the typed error."""
    return json_body(response, policy, clip_from_json, what="a clip")
