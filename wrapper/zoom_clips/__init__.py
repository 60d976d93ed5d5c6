"""zoom_clips: a Python SDK for Zoom's Clips API.

The hand-written layer over ``zoom_clips_api`` and ``zoom_clips_endpoints_api`` (generated from
Zoom's ``master.json`` and ``endpoints.json``). Everything public is importable from this module;
every other module is private.

>>> from zoom_clips import ZoomClips, ServerToServerOAuth
>>> client = ZoomClips(auth=ServerToServerOAuth(account_id="a", client_id="i", client_secret="s"))
>>> client.close()
"""

from ._api_models import (
    Collaborator,
    CollaboratorRole,
    CollaboratorType,
    Comment,
    CommentContentType,
    Mention,
    TransferStatus,
    TransferTask,
    TransferType,
)
from ._auth import BearerToken, ServerToServerOAuth, TokenPair, UserOAuth
from ._client import AsyncZoomClips, ZoomClips
from ._errors import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ClipFileNotFoundError,
    ClipNotReadyError,
    DownloadError,
    InternalServerError,
    MissingScopesError,
    NotFoundError,
    PaginationError,
    PermissionDeniedError,
    RateLimitError,
    RedirectError,
    TransferError,
    TransferFailedError,
    TransferInProgressError,
    TransferTimeoutError,
    TransferUnknownStatusError,
    UploadError,
    UploadExpiredError,
    WebhookVerificationError,
    ZoomClipsError,
)
from ._models import Clip, ClipsPage, ClipStatus, DateFilterType, ShareLinkSettings, ShareScope
from ._ratelimit import LIGHT_RATE_LIMITS
from ._resources._upload_state import UploadState
from ._retry import RetryPolicy

__version__: str  # read on first use by __getattr__ below


def __getattr__(name: str) -> str:
    # importlib.metadata costs about a fifth of `import zoom_clips`: read the version lazily.
    if name == "__version__":
        from importlib.metadata import version  # noqa: PLC0415 -- lazy on purpose, see above

        globals()["__version__"] = value = version("zoom-clips")
        return value
    raise AttributeError(f"module 'zoom_clips' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), "__version__"})


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
    "ClipFileNotFoundError",
    "ClipNotReadyError",
    "ClipsPage",
    "ClipStatus",
    "Collaborator",
    "CollaboratorRole",
    "CollaboratorType",
    "Comment",
    "CommentContentType",
    "DateFilterType",
    "DownloadError",
    "InternalServerError",
    "LIGHT_RATE_LIMITS",
    "Mention",
    "MissingScopesError",
    "NotFoundError",
    "PaginationError",
    "PermissionDeniedError",
    "RateLimitError",
    "RedirectError",
    "RetryPolicy",
    "ServerToServerOAuth",
    "ShareLinkSettings",
    "ShareScope",
    "TokenPair",
    "TransferError",
    "TransferFailedError",
    "TransferInProgressError",
    "TransferStatus",
    "TransferTask",
    "TransferTimeoutError",
    "TransferType",
    "TransferUnknownStatusError",
    "UploadError",
    "UploadExpiredError",
    "UploadState",
    "UserOAuth",
    "WebhookVerificationError",
    "ZoomClips",
    "ZoomClipsError",
]
