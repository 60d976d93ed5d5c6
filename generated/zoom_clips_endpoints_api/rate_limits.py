# Generated from spec/endpoints.json (sha256 be1a2d902874) by openapi-python-client 0.29.1
# via `make generate`. Do not edit by hand: change the spec or
# scripts/openapi-python-client.endpoints.yaml and regenerate.
"""Each operation's rate-limit category, read from spec/endpoints.json when generating.

Written by scripts/generate.py, not by openapi-python-client. A category is the
operation's "Rate Limit Label"; the upload operations, which state their own limit in
prose, get ``UPLOAD``; an operation with neither gets
``LIGHT`` and is listed in ``UNLABELLED``
(quirk ``rate-limit-label-missing``).
"""

from typing import Final

#: ``(METHOD, path as in the spec) -> category``.
CATEGORIES: Final[dict[tuple[str, str], str]] = {
    ("DELETE", "/clips/{clipId}"): "LIGHT",
    ("DELETE", "/clips/{clipId}/collaborators"): "LIGHT",
    ("DELETE", "/clips/{clipId}/comments/{commentId}"): "LIGHT",
    ("GET", "/clips"): "LIGHT",
    ("GET", "/clips/transfers/{taskId}"): "LIGHT",
    ("GET", "/clips/{clipId}"): "LIGHT",
    ("GET", "/clips/{clipId}/collaborators"): "LIGHT",
    ("GET", "/clips/{clipId}/comments"): "LIGHT",
    ("GET", "/clips/{clipId}/download"): "LIGHT",
    ("POST", "/clips/files"): "UPLOAD",
    ("POST", "/clips/files/multipart"): "UPLOAD",
    ("POST", "/clips/files/multipart/upload_events"): "UPLOAD",
    ("POST", "/clips/transfers"): "MEDIUM",
}
#: The operations whose description states no "Rate Limit Label".
UNLABELLED: Final[frozenset[tuple[str, str]]] = frozenset(
    {
        ("GET", "/clips/{clipId}"),
        ("POST", "/clips/files"),
        ("POST", "/clips/files/multipart"),
        ("POST", "/clips/files/multipart/upload_events"),
    }
)
#: The operations whose description names Zoom's file API (fileapi.zoom.us) as their
#: base URL (quirk ``upload-base-url-in-prose``).
FILE_API: Final[frozenset[tuple[str, str]]] = frozenset(
    {
        ("POST", "/clips/files"),
        ("POST", "/clips/files/multipart"),
        ("POST", "/clips/files/multipart/upload_events"),
    }
)
