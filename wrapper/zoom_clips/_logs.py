"""``ZOOM_CLIPS_LOG=info|debug``: the SDK's log lines on stderr without configuring ``logging``
(as openai-python's ``OPENAI_LOG``).

``info`` logs each request sent (method, path, status, Zoom's tracking id); ``debug`` adds every
retry decision. Never a header, a query string or a body: tokens and passcodes stay out of logs.
An application that configures logging itself needs none of this: the logger is ``zoom_clips``.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping

import httpx

__all__ = ["ENV_VAR", "log_response", "setup_logging"]

ENV_VAR = "ZOOM_CLIPS_LOG"
_LEVELS = {"info": logging.INFO, "debug": logging.DEBUG}
_FORMAT = "[%(asctime)s %(name)s %(levelname)s] %(message)s"


class _Handler(logging.StreamHandler):  # type: ignore[type-arg]  # typeshed: generic on the stream
    """The handler ``setup_logging`` adds (recognised so it is added once)."""


def setup_logging(env: Mapping[str, str] | None = None) -> None:
    """Send the ``zoom_clips`` logger to stderr at the level ``ZOOM_CLIPS_LOG`` names.

    Unset or empty: nothing changes. Any other value than ``info`` or ``debug`` is a
    ``ValueError`` naming the variable, rather than a silent no-op.
    """
    value = (os.environ if env is None else env).get(ENV_VAR, "").strip().lower()
    if not value:
        return
    if value not in _LEVELS:
        raise ValueError(f"{ENV_VAR} must be 'info' or 'debug', not {value!r}")
    logger = logging.getLogger("zoom_clips")
    logger.setLevel(_LEVELS[value])
    if not any(isinstance(handler, _Handler) for handler in logger.handlers):
        handler = _Handler(sys.stderr)
        handler.setFormatter(logging.Formatter(_FORMAT))
        logger.addHandler(handler)


def log_response(response: httpx.Response) -> None:
    """One INFO line per answer: method, path, status, tracking id (no query, header or body)."""
    request = response.request
    logging.getLogger("zoom_clips").info(
        "%s %s -> %d [tracking id %s]",
        request.method,
        request.url.path,
        response.status_code,
        response.headers.get("x-zm-trackingid", "-"),
    )
