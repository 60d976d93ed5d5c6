"""zoom_clips: a Python SDK for Zoom's Clips API.

The hand-written layer over ``zoom_clips_api`` (generated from Zoom's ``master.json``). Everything
public is importable from this module; every other module is private.

>>> from zoom_clips import ZoomClips, ServerToServerOAuth
>>> client = ZoomClips(auth=ServerToServerOAuth(account_id="a", client_id="i", client_secret="s"))
>>> client.close()
"""

from importlib.metadata import version as _version

from ._auth import BearerToken, ServerToServerOAuth, TokenPair, UserOAuth
from ._client import AsyncZoomClips, ZoomClips
from ._errors import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    InternalServerError,
    NotFoundError,
    PaginationError,
    PermissionDeniedError,
    RateLimitError,
    ZoomClipsError,
)
from ._models import Clip, ClipsPage, ClipStatus, DateFilterType, ShareLinkSettings, ShareScope
from ._ratelimit import LIGHT_RATE_LIMITS
from ._retry import RetryPolicy

__version__: str = _version("zoom-clips")

__all__ = [  # noqa: RUF022 -- casefold order, which tests/test_exported_members.py asserts
    "__version__",
    "APIConnectionError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncZoomClips",
    "AuthenticationError",
    "BadRequestError",
    "BearerToken",
    "Clip",
    "ClipsPage",
    "ClipStatus",
    "DateFilterType",
    "InternalServerError",
    "LIGHT_RATE_LIMITS",
    "NotFoundError",
    "PaginationError",
    "PermissionDeniedError",
    "RateLimitError",
    "RetryPolicy",
    "ServerToServerOAuth",
    "ShareLinkSettings",
    "ShareScope",
    "TokenPair",
    "UserOAuth",
    "ZoomClips",
    "ZoomClipsError",
]
