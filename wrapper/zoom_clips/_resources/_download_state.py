"""One clip's download as a small state machine: every decision of the sync and async loops.

The loops in ``download`` only send requests, sleep and read bodies; what each answer means is
decided here: follow a redirect (with the token only where ``_redirects.keeps_authorization``
allows, and nowhere ``_redirects.refused_redirect`` refuses), ask the API for a fresh
location (a pre-signed URL that expired: 403, once), wait and retry, stream a body into the
``.part`` file, or finish. Bytes go to the part in chunks of ``CHUNK_SIZE`` and, when the sha256
is asked for, are hashed as they are written (an existing part is hashed first), so memory stays
bounded by a chunk and the sha256 is known without reading the file again.

Resume: a part already there (from an earlier call, or a body cut short in this one) is
continued with ``Range: bytes=N-`` while the file host accepts ranges; a 206 from N is
appended, a 200 (ranges ignored) restarts the part, a 416 whose total is N means it is complete.
A 206 from another offset (or a 416 that does not fit) drops the part and ranges for the rest of
the download: that host's ranges cannot be trusted.

Retries follow the SDK's one rule (``_retry.Budget``, one per download): every failed file
request (a status worth retrying, a cut, a body short of its size, a stall, a range answer that
does not fit) asks the budget. Progress is bytes kept past the part's high-water mark, and only
a host that continues with ``Range`` keeps them: one that ignores ranges spends ``max_retries``
on its cuts, one that resumes ``max_resumes``. So a download sends at most ``1 + max_retries +
max_resumes`` file requests, besides redirect hops and the one fresh location after a 403.

The file is whole when a size announced (a 200's ``Content-Length``, a ``Content-Range`` total,
``file_size``) is reached; with none, when a body whose framing marks its end (chunked, HTTP/2)
ends cleanly, or a 416 answers ``Range`` from the part's end with the part's size. A body of no
announced size that ends with the connection is a cut. No byte goes past the end an answer
announces (the least of its length, its range's end, the total and ``file_size``); an empty or
partial file is never placed, so nothing less replaces a file already at the target.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO

import attrs
import httpx

from .._errors import DownloadError
from .._redirects import MAX_HOPS, REDIRECT_STATUSES, keeps_authorization, refused_redirect
from .._retry import Budget, RetryPolicy, wait_after
from .._retry._attempt import RETRYABLE_ERRORS
from ._download_names import DownloadTarget, filename_from_disposition
from ._download_requests import content_length, content_range, framed, is_presigned
from ._download_threads import EarlyWriteback, Sha256InBackground, fsync_directory

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
#: The end of a body nothing announced.
_UNBOUNDED = sys.maxsize

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
    #: Whether the host continues with ``Range`` (so the part's bytes are kept), and whether it
    #: may still be asked to (not after a range answer that did not fit the part).
    ranges: bool = True
    trust_ranges: bool = True
    redirects: int = 0
    refreshed: bool = False
    budget: Budget = attrs.Factory(lambda self: Budget(self.policy), takes_self=True)
    #: Whether the sha256 is computed on the way (the CLI's manifest), and whether the part is
    #: made durable (early write-back, fsync of the part and of its directory) before the rename.
    sha256: bool = True
    durable: bool = True
    _hasher: Sha256InBackground | None = None
    _writeback: EarlyWriteback | None = None
    _file: IO[bytes] | None = None
    #: Of the request in flight: whether it asked ``Range``; the offset its body must not pass;
    #: whether its body's framing marks its end.
    _asked_range: bool = False
    _limit: int = _UNBOUNDED
    _framed: bool = True

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
        the sha256 is asked for; else only its size counts). The part is the high-water mark
        an attempt must pass to count as progress."""
        job = cls(target, expected_size, policy, api_url, progress, sha256=sha256, durable=durable)
        job._hasher = Sha256InBackground() if sha256 else None
        job._writeback = EarlyWriteback() if durable else None
        if job._hasher is None:
            with contextlib.suppress(FileNotFoundError):
                job.offset = job.target.part.stat().st_size
        else:
            try:
                with job.target.part.open("rb") as part:
                    while chunk := part.read(CHUNK_SIZE):
                        job._hasher.update(chunk)
                        job.offset += len(chunk)
            except FileNotFoundError:
                pass
        job.budget.advance(job.offset)
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
        """The next request's headers: ``Range`` from the bytes already in the part (while
        ranges are accepted), which the answer is then judged against."""
        # identity: the byte counts and ranges are of the file itself, never of a compression
        headers = {"Accept-Encoding": "identity"}
        self._asked_range = self.offset > 0 and self.ranges
        if self._asked_range:
            headers["Range"] = f"bytes={self.offset}-"
        return headers

    def authorized(self) -> bool:
        """Whether the next request carries the Zoom token: never to a pre-signed URL, else
        as ``_redirects.keeps_authorization`` (the one policy) says."""
        assert self.url is not None  # noqa: S101 -- located() always runs first
        return not is_presigned(self.url) and keeps_authorization(self.api_url, self.url)

    # -- what the answer means -----------------------------------------------------------------

    def on_response(self, response: httpx.Response) -> Step:  # noqa: PLR0911 -- one per answer
        """The next step after the status and headers of a file-host response (a 429's body
        read, for its daily limit)."""
        status = response.status_code
        if status in REDIRECT_STATUSES and response.headers.get("location"):
            return self._redirect(response)
        if status == 200:
            return self._body_from(0, response)
        if status == 206:
            start, end, total = content_range(response)
            if start != self.offset:
                return self._range_refused(f"answered 206 from byte {start}")
            return self._body_from(start, response, end=end, total=total)
        if status == 416:
            _, _, total = content_range(response)
            if self._asked_range and total == self.offset and self._size_agrees(total):
                self.total = total
                return self._complete()
            return self._range_refused(f"answered 416 with Content-Range total {total}")
        if status == 403 and not self.refreshed:
            self.refreshed = True
            return Refresh()
        return self._retry(
            f"the file host answered {status} {response.reason_phrase}".strip(), response
        )

    def _redirect(self, response: httpx.Response) -> Follow:
        try:
            url = response.request.url.join(response.headers["location"])
        except httpx.InvalidURL as exc:
            raise self.failure(f"the file host redirected to an invalid Location: {exc}") from exc
        why = refused_redirect(response.request.url, url)
        if why is not None:
            raise self.failure(f"refused the file host's redirect {why}")
        self.redirects += 1
        if self.redirects > MAX_HOPS:
            raise self.failure(f"the file host redirected more than {MAX_HOPS} times")
        return Follow(url)

    def _size_agrees(self, total: int) -> bool:
        return self.expected_size is None or total == self.expected_size

    def _range_refused(self, what: str) -> Step:
        """A range answer that does not fit the part: drop both the part and ranges (for this
        download), and spend a retry on asking for the whole file."""
        if not self._asked_range:
            raise self.failure(f"the file host {what} to a request without Range")
        asked, self.ranges, self.trust_ranges = self.offset, False, False
        self._truncate()
        return self._retry(f"the file host {what} to Range from byte {asked}")

    def _body_from(
        self,
        start: int,
        response: httpx.Response,
        *,
        end: int | None = None,
        total: int | None = None,
    ) -> Step:
        length = content_length(response)
        if response.status_code == 200:
            total = length
        if total is None:
            total = self.expected_size
        if total is not None and not self._size_agrees(total):
            raise self.failure(
                f"the file host serves {total} bytes but the clip's file_size is "
                f"{self.expected_size}"
            )
        limit = _UNBOUNDED if total is None else total
        if length is not None:
            limit = min(limit, start + length)
        if end is not None:
            limit = min(limit, end + 1)
        self.ranges = self.trust_ranges and (
            response.headers.get("accept-ranges", "").strip().lower() == "bytes"
            or response.status_code == 206
        )
        if start == 0 and self.offset > 0:
            self._truncate()
        self.total, self._limit, self._framed = total, limit, framed(response)
        self.name = self.name or filename_from_disposition(
            response.headers.get("content-disposition")
        )
        self._open()
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
        """Append a chunk of the body to the part and the hash; a chunk that would go past the
        end the answer announced is refused before a byte of it is written."""
        assert self._file is not None  # noqa: S101 -- only after Body
        end = self.offset + len(chunk)
        if end > self._limit:
            raise self.failure(
                f"the file host sent more than the {self._limit} bytes it announced",
                keep_part=False,
            )
        self._file.write(chunk)
        if self._writeback is not None:
            self._writeback.wrote(len(chunk), self._file.fileno())
        if self._hasher is not None:
            self._hasher.update(chunk)
        self.offset = end
        self._report()

    def _report(self) -> None:
        if self.progress is not None:
            self.progress(self.offset, self.total)

    def end_of_body(self) -> Step:
        """The body ended cleanly: done if it proves the file whole, else a cut (resumed from
        where it stopped)."""
        if self.total is not None and self.offset == self.total:
            return self._complete()
        if self.total is None and self._limit == _UNBOUNDED:
            if self._framed:
                return self._complete()
            return self.on_cut(
                None,
                "the body ended with the connection, and no size was announced (no "
                "Content-Length, Content-Range total or file_size): no proof it is whole,",
            )
        return self.on_cut(None)

    def _complete(self) -> Done:
        if self.expected_size is not None and self.offset != self.expected_size:
            raise self.failure(
                f"got {self.offset} bytes but the clip's file_size is {self.expected_size}",
                keep_part=False,
            )
        if self.offset == 0:
            raise self.failure("the file host served an empty file", keep_part=False)
        return Done()

    def on_cut(self, exc: Exception | None, what: str | None = None) -> Step:
        """The connection failed (``exc``) or a body ended short (``None``): resume or retry,
        as the budget says (progress: bytes kept past the high-water mark), or give up."""
        if self._file is not None:
            self._file.flush()
        progressed = self.budget.advance(self.offset if self.ranges else 0)
        if what is None:
            what = "the body ended short" if exc is None else _described(exc)
        total = "?" if self.total is None else str(self.total)
        return self._retry(
            f"{what} after {self.offset} of {total} bytes", progressed=progressed, cause=exc
        )

    def _retry(
        self,
        what: str,
        response: httpx.Response | None = None,
        *,
        progressed: bool = False,
        cause: Exception | None = None,
    ) -> Wait:
        """The wait before the next attempt after a failure, or the ``DownloadError``."""
        delay = self.budget.next_wait(response, progressed=progressed)
        logger.debug(
            "download of clip %s: %s; %s",
            self.clip_id,
            what,
            "giving up" if delay is None else f"retrying in {delay:.3f}s",
        )
        if delay is not None:
            return Wait(delay)
        if response is not None and wait_after(0, response, self.policy) is None:
            final = " (Zoom's daily limit)" if response.status_code == 429 else ""
        else:
            final = (
                f"; retries ran out after {self.budget.attempts} attempts "
                f"(RetryPolicy.max_retries={self.policy.max_retries}, "
                f"max_resumes={self.policy.max_resumes})"
            )
        raise self.failure(what + final) from cause

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
            fsync_directory(path.parent)
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


def _described(exc: Exception) -> str:
    """A transport error as a message says it: its type, and httpx's text (never a URL)."""
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
