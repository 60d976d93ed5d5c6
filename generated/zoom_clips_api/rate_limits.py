# Generated from spec/master.json (sha256 14f2ca3894ac) by openapi-python-client 0.29.1
# via `make generate`. Do not edit by hand: change the spec or
# scripts/openapi-python-client.yaml and regenerate.
"""Each operation's rate-limit category, read from spec/master.json when generating.

Written by scripts/generate.py, not by openapi-python-client. A category is the
operation's "Rate Limit Label"; the upload operations, which state their own limit in
prose, get ``UPLOAD``; an operation with neither gets
``LIGHT`` and is listed in ``UNLABELLED``
(quirk ``rate-limit-label-missing``).
"""

from typing import Final

#: ``(METHOD, path as in the spec) -> category``.
CATEGORIES: Final[dict[tuple[str, str], str]] = {
    ("GET", "/accounts/{accountId}/clips"): "LIGHT",
}
#: The operations whose description states no "Rate Limit Label".
UNLABELLED: Final[frozenset[tuple[str, str]]] = frozenset()
#: The operations whose description names Zoom's file API (fileapi.zoom.us) as their
#: base URL (quirk ``upload-base-url-in-prose``).
FILE_API: Final[frozenset[tuple[str, str]]] = frozenset()
