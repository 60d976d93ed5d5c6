"""One clip's download as a small state machine: every decision of the sync and async loops.

The loops in ``download`` only send requests, sleep and read bodies; what each answer means is
decided here: follow a redirect (with the token only where ``_redirects.keeps_authorization``
allows), ask the API for a fresh location (a pre-signed URL that expired: 403, once), wait and
retry (``_retry.retry_delay``, the client's own policy), stream a body into the ``.part`` file,
or finish. Bytes go to the part in chunks of ``CHUNK_SIZE`` and, when the sha256 is asked for,
are hashed as they are written (an existing part is hashed first), so memory stays bounded by a
chunk and the sha256 is known without reading the file again.

Resume: a part already there (from an earlier call, or a body cut short in this one) is
continued with ``Range: bytes=N-`` while the file host accepts ranges; a 206 from N is
appended, a 200 (ranges ignored) restarts the part, a 416 whose total is N means it is complete.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import IO

import attrs
import httpx

from .._attempts import RETRYABLE_ERRORS
from .._errors import DownloadError
from .._redirect_hops import MAX_HOPS, REDIRECT_STATUSES
from .._redirects import keeps_authorization
from .._retry import RetryPolicy, retry_delay
from ._download_names import DownloadTarget, filename_from_disposition
from ._download_requests import is_presigned
from ._download_threads import EarlyWriteback, Sha256InBackground

__all__ = [
    "CHUNK_SIZE",
    "RETRYABLE_TRANSPORT_ERRORS",
    "Body",
    "Done",
    "DownloadResult",
    "FileDownload",
    "Follow",
    "Progress",
    "Refresh",
    "Step",
    "Wait",
]

logger = logging.getLogger("zoom_clips")

CHUNK_SIZE = 1 << 20
#: The transport errors a file request retries (resuming): the request path's own.
RETRYABLE_TRANSPORT_ERRORS = RETRYABLE_ERRORS
_CONTENT_RANGE = re.compile(r"^\s*bytes\s+(?:(\d+)-(\d+)|\*)/(\d+|\*)\s*$", re.IGNORECASE)

#: ``progress(bytes_done, bytes_total_or_None)``, called as bytes arrive.
Progress = Callable[[int, int | None], object]


@attrs.frozen
class DownloadResult:
    """A finished download: the file, its size in bytes and its sha256 (hex; ``None`` when it
    was not asked for)."""

    path: Path
    size: int
    sha256: str | None


# -- the file request: what each answer of the file host means ------------------------------------


@attrs.frozen
class Follow:
    """Send the next request to ``url`` (a redirect, or a retry at once)."""

    url: httpx.URL


@attrs.frozen
class Wait:
    """Retry after ``seconds`` (the retry policy's decision)."""

    seconds: float


@attrs.frozen
class Refresh:
    """Ask the API for a fresh location: the pre-signed one was refused (expired)."""


@attrs.frozen
class Body:
    """Stream this response's body into the part (``write`` each chunk, then ``end_of_body``)."""


@attrs.frozen
class Done:
    """The part holds the whole file: ``finish`` it."""


Step = Follow | Wait | Refresh | Body | Done


def _content_range(value: str | None) -> tuple[int | None, int | None]:
    """``(start, total)`` of a ``Content-Range`` (``None`` for what it does not say)."""
    match = _CONTENT_RANGE.match(value or "")
    if match is None:
        return None, None
    start, _, total = match.groups()
    return (
        int(start) if start is not None else None,
        int(total) if total not in (None, "*") else None,
    )


def _content_length(response: httpx.Response) -> int | None:
    """The file's length the answer states: ``Content-Length``, unless the body is encoded
    (then it counts the compressed bytes, not the file's)."""
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    value = response.headers.get("content-length", "")
    return int(value) if value.isdigit() and encoding in ("", "identity") else None


@attrs.define
class FileDownload:
    """The state of one clip's file request(s); see the module docstring.

    ``expected_size`` is the clip's ``file_size`` (``None`` when Zoom did not say); ``api_url``
    is the request the token was sent with, the origin ``keeps_authorization`` judges from.
    """

    target: DownloadTarget
    expected_size: int | None
    policy: RetryPolicy
    api_url: httpx.URL
    progress: Progress | None = None
    url: httpx.URL | None = None
    offset: int = 0
    total: int | None = None
    name: str | None = None
    ranges: bool = True
    attempt: int = 0
    redirects: int = 0
    refreshed: bool = False
    #: Whether the sha256 is computed on the way (the CLI's manifest), and whether the part is
    #: made durable (early write-back, fsync of the part and of its directory) before the rename.
    sha256: bool = True
    durable: bool = True
    _hasher: Sha256InBackground | None = None
    _writeback: EarlyWriteback | None = None
    _file: IO[bytes] | None = None
    _new_bytes: int = 0

    @classmethod
    def start(
        cls,
        target: DownloadTarget,
        expected_size: int | None,
        policy: RetryPolicy,
        api_url: httpx.URL,
        progress: Progress | None,
        *,
        sha256: bool = True,
        durable: bool = True,
    ) -> FileDownload:
        """The download of ``target``, resuming from its part if there is one (hashed now, when
        the sha256 is asked for; else only its size counts)."""
        job = cls(target, expected_size, policy, api_url, progress, sha256=sha256, durable=durable)
        job._hasher = Sha256InBackground() if sha256 else None
        job._writeback = EarlyWriteback() if durable else None
        if job._hasher is None:
            with contextlib.suppress(FileNotFoundError):
                job.offset = job.target.part.stat().st_size
            return job
        try:
            with job.target.part.open("rb") as part:
                while chunk := part.read(CHUNK_SIZE):
                    job._hasher.update(chunk)
                    job.offset += len(chunk)
        except FileNotFoundError:
            pass
        return job

    @property
    def clip_id(self) -> str:
        return self.target.clip_id

    def failure(self, message: str, *, keep_part: bool = True) -> DownloadError:
        """The ``DownloadError`` to raise; ``keep_part=False`` deletes a part that is wrong."""
        if not keep_part:
            self.close()
            self.target.part.unlink(missing_ok=True)
        part = self.target.part if keep_part and self.target.part.exists() else None
        return DownloadError(
            f"clip {self.clip_id}: {message}", clip_id=self.clip_id, part_path=part
        )

    # -- what to send --------------------------------------------------------------------------

    def located(self, location: httpx.URL) -> None:
        """The API gave (again) the file's location."""
        self.url = location
        self.redirects = 0

    def again(self) -> Follow:
        """The retry after a wait: the same location once more."""
        assert self.url is not None  # noqa: S101 -- waits come only after a request
        return Follow(self.url)

    def request_headers(self) -> dict[str, str]:
        """``Range`` from the bytes already in the part (while ranges are accepted)."""
        # identity: the byte counts and ranges are of the file itself, never of a compression
        headers = {"Accept-Encoding": "identity"}
        if self.offset > 0 and self.ranges:
            headers["Range"] = f"bytes={self.offset}-"
        return headers

    def authorized(self) -> bool:
        """Whether the next request carries the Zoom token: never to a pre-signed URL, else
        as ``_redirects.keeps_authorization`` (the one policy) says."""
        assert self.url is not None  # noqa: S101 -- located() always runs first
        return not is_presigned(self.url) and keeps_authorization(self.api_url, self.url)

    # -- what the answer means -----------------------------------------------------------------

    def on_response(self, response: httpx.Response) -> Step:  # noqa: PLR0911 -- one per answer
        """The next step after the status and headers of a file-host response."""
        status = response.status_code
        if status in REDIRECT_STATUSES and response.headers.get("location"):
            self.redirects += 1
            if self.redirects > MAX_HOPS:
                raise self.failure(f"the file host redirected more than {MAX_HOPS} times")
            return Follow(response.request.url.join(response.headers["location"]))
        if status == 200:
            return self._body_from(0, _content_length(response), response)
        if status == 206:
            start, total = _content_range(response.headers.get("content-range"))
            if start != self.offset:
                return self._restart_without_ranges(response)
            return self._body_from(start, total, response)
        if status == 416:
            _, total = _content_range(response.headers.get("content-range"))
            if total is not None and total == self.offset and self._size_agrees(total):
                self.total = total
                return Done()
            return self._restart_without_ranges(response)
        if status == 403 and not self.refreshed:
            self.refreshed = True
            return Refresh()
        delay = retry_delay(self.attempt, response, self.policy)
        if delay is None:
            raise self.failure(f"the file host answered {status} {response.reason_phrase}".strip())
        self.attempt += 1
        return Wait(delay)

    def _size_agrees(self, total: int) -> bool:
        return self.expected_size is None or total == self.expected_size

    def _restart_without_ranges(self, response: httpx.Response) -> Step:
        """A range answer that does not fit the part: drop it and ask for the whole file."""
        if not self.ranges:
            raise self.failure(f"the file host answered {response.status_code} to a plain GET")
        self.ranges = False
        self._truncate()
        assert self.url is not None  # noqa: S101
        return Follow(self.url)

    def _body_from(self, start: int, total: int | None, response: httpx.Response) -> Step:
        if start == 0 and total is None:
            total = self.expected_size
        if total is not None and not self._size_agrees(total):
            raise self.failure(
                f"the file host serves {total} bytes but the clip's file_size is "
                f"{self.expected_size}"
            )
        self.ranges = response.headers.get("accept-ranges", "").strip().lower() == "bytes" or (
            response.status_code == 206
        )
        if start == 0 and self.offset > 0:
            self._truncate()
        self.total = total
        self.name = self.name or filename_from_disposition(
            response.headers.get("content-disposition")
        )
        self._open()
        self._new_bytes = 0
        self._report()
        return Body()

    def _open(self) -> None:
        if self._file is None:
            # Buffered by a chunk: the network's pieces reach the disk in writes of CHUNK_SIZE.
            self._file = self.target.part.open("ab", buffering=CHUNK_SIZE)

    def _truncate(self) -> None:
        if self._file is not None:
            self._file.seek(0)
            self._file.truncate()
        else:
            self.target.part.unlink(missing_ok=True)
        self.offset = 0
        if self._hasher is not None:
            self._hasher.reset()

    def write(self, chunk: bytes) -> None:
        """Append a chunk of the body to the part and the hash."""
        assert self._file is not None  # noqa: S101 -- only after Body
        self._file.write(chunk)
        if self._writeback is not None:
            self._writeback.wrote(len(chunk), self._file.fileno())
        if self._hasher is not None:
            self._hasher.update(chunk)
        self.offset += len(chunk)
        self._new_bytes += len(chunk)
        if self.total is not None and self.offset > self.total:
            raise self.failure(
                f"the file host sent more than the {self.total} bytes it announced",
                keep_part=False,
            )
        self._report()

    def _report(self) -> None:
        if self.progress is not None:
            self.progress(self.offset, self.total)

    def end_of_body(self) -> Step:
        """The body ended: done if the bytes add up, else a retry (from where it stopped)."""
        if self.total is None or self.offset == self.total:
            if self.expected_size is not None and self.offset != self.expected_size:
                raise self.failure(
                    f"got {self.offset} bytes but the clip's file_size is {self.expected_size}",
                    keep_part=False,
                )
            return Done()
        return self.on_cut(None)

    def on_cut(self, exc: Exception | None) -> Step:
        """The connection failed (``exc``) or a body ended short (``None``): retry or give up."""
        if self._file is not None:
            self._file.flush()
        if self._new_bytes >= CHUNK_SIZE:  # real progress was made: the retries start afresh
            self.attempt = 0
            self._new_bytes = 0
        delay = retry_delay(self.attempt, None, self.policy)
        what = type(exc).__name__ if exc is not None else "the body ended short"
        logger.debug(
            "download of clip %s: %s at byte %d; %s",
            self.clip_id,
            what,
            self.offset,
            "giving up" if delay is None else f"retrying in {delay:.3f}s",
        )
        if delay is None:
            total = "?" if self.total is None else str(self.total)
            raise self.failure(f"{what} after {self.offset} of {total} bytes; retries ran out")
        self.attempt += 1
        return Wait(delay)

    # -- the end ---------------------------------------------------------------------------------

    def finish(self) -> DownloadResult:
        """Flush the part (and fsync it when durable), then rename it onto the target, replacing
        what was there: the rename is atomic, so the target is never a partial file."""
        self._open()
        assert self._file is not None  # noqa: S101
        self._file.flush()
        if self._writeback is not None:
            self._writeback.wait()
            os.fsync(self._file.fileno())
        self.close()
        path = self.target.final_path(self.name)
        os.replace(self.target.part, path)
        if self.durable:
            _fsync_directory(path.parent)
        digest = self._hasher.hexdigest() if self._hasher is not None else None
        return DownloadResult(path, self.offset, digest)

    def close(self) -> None:
        """Close the part (its bytes stay: they are the resume state) and stop the hashing."""
        if self._writeback is not None:
            self._writeback.wait()
        if self._file is not None:
            self._file.close()
            self._file = None
        if self._hasher is not None:
            self._hasher.close()


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable where the platform allows it (POSIX)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
