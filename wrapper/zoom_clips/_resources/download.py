"""Clip downloads: ``client.clips.download``, as the mixins ``DownloadMethods`` /
``AsyncDownloadMethods`` of the clips resources.

Two requests make a download. The API's ``GET /clips/{clipId}/download`` goes through the
client's one request path (auth, limiter, retries, typed errors: 400 code 50002 is
``ClipNotReadyError``, 404 code 10002 ``ClipFileNotFoundError``) and answers 302 to the file's
pre-signed location. The file request cannot go through that path, which reads bodies whole: it
is streamed with the client's own ``httpx`` client, sleep and retry policy, carrying the Zoom
token only where ``_redirects.keeps_authorization`` allows (never to a host that is not Zoom's).
Every decision is in ``_download_state`` (shared); the two mixins below differ only by ``await``.
Where the file goes and what it is called is in ``_download_names``. The async client writes
the part with plain file writes of at most 1 MiB (page-cache copies, a fraction of a
millisecond each). ``download`` neither hashes nor fsyncs (as boto3's ``download_file``);
``_download_file``, which the CLI's manifest uses, hashes on a worker thread and fsyncs, and
that final fsync blocks the async client's loop. The ``_download_*`` modules are imported on the
first download, not with the client (``import zoom_clips`` stays light: bench_5_import).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

from .._errors import NotFoundError
from .._models import Clip
from .._resource import AsyncAPIResource, SyncAPIResource
from ._arguments import check_id
from ._clip_requests import get_kwargs, parse_clip

if TYPE_CHECKING:
    from ._download_requests import InlineFile
    from ._download_state import DownloadResult, FileDownload, Progress, Step


__all__ = ["AsyncDownloadMethods", "DownloadMethods"]

#: Lets the CLI rename a file before it is placed (a title two clips share, say).
NameFor = Callable[[str | None], str | None]


def _clip_argument(clip: object) -> tuple[str, int | None, bool]:
    """``(clip_id, file_size, known)``: ``known`` is whether ``clip`` was a ``Clip``."""
    if isinstance(clip, Clip):
        return check_id(clip.clip_id, "clip.clip_id"), clip.file_size, True
    if isinstance(clip, str):
        return check_id(clip, "clip"), None, False
    raise TypeError(f"clip must be a clip id or a Clip, not {type(clip).__name__}")


def _expected(file_size: int | None) -> int | None:
    # Zoom reports 0 for a clip that is not processed yet; the API then answers 50002 anyway.
    return file_size if file_size else None


def _begin(job: FileDownload, source: httpx.URL | InlineFile) -> Step:
    """The first step from what the API answered: the file's location, or the file itself."""
    from ._download_requests import InlineFile  # noqa: PLC0415 -- on first download
    from ._download_state import Follow  # noqa: PLC0415 -- on first download

    if isinstance(source, InlineFile):
        return _inline_body(job, source)
    job.located(source)
    return Follow(source)


def _inline_body(job: FileDownload, inline: InlineFile) -> Step:
    from ._download_state import CHUNK_SIZE, Body, Done  # noqa: PLC0415 -- on first download

    step = job.on_response(inline.response)
    if isinstance(step, Body):
        content = memoryview(inline.response.content)
        for start in range(0, len(content), CHUNK_SIZE):
            job.write(bytes(content[start : start + CHUNK_SIZE]))
        step = job.end_of_body()
    if not isinstance(step, Done):
        raise job.failure(f"the download answered 200 but its body could not be saved ({step})")
    return step


class DownloadMethods(SyncAPIResource):
    """``download`` of ``client.clips``."""

    def download(
        self,
        clip: str | Clip,
        dest: str | os.PathLike[str],
        *,
        progress: Progress | None = None,
    ) -> Path:
        """Download a clip's mp4 to ``dest`` and return the file's path.

        ``clip`` is a clip id or a ``Clip`` (from ``list`` or ``get``), whose ``file_size`` the
        download is checked against; **with a bare id, one ``clips.get`` learns it first**.
        ``dest`` is a directory (the file is named as the file host's ``Content-Disposition``
        says, made a plain base name, else ``{clip_id}.mp4``) or a file path.
        ``progress(bytes_done, bytes_total_or_None)`` is called as bytes arrive.

        Bytes stream to a ``.part`` file beside the target (``<dir>/<clip_id>.part`` for a
        directory), one chunk in memory at a time; only a complete file is renamed onto the
        target (atomically), replacing a file already there. As boto3's ``download_file`` and
        curl, it is not fsynced (``zoom-clips download``, whose manifest vouches for each file,
        fsyncs and hashes it). After a failure the part stays and the next
        call resumes from it (``Range``, where the file host accepts it). The file host gets at
        most ``1 + max_retries + max_resumes`` requests of the client's ``RetryPolicy`` (a
        failure that kept new bytes spends a resume, any other a retry), besides its redirects.
        Raises ``ClipNotReadyError`` (400 code 50002: wait and try again),
        ``ClipFileNotFoundError`` (404 code 10002), the other API errors (``RedirectError`` for
        a location refused), or ``DownloadError`` when the file's bytes did not add up, a
        redirect of the file host was refused, or the file host's retries ran out.

        >>> path = client.clips.download("clip-id", "downloads/")  # doctest: +SKIP
        """
        return self._download_file(clip, dest, progress=progress, sha256=False, durable=False).path

    def _download_file(
        self,
        clip: str | Clip,
        dest: str | os.PathLike[str],
        *,
        progress: Progress | None = None,
        name_for: NameFor | None = None,
        sha256: bool = True,
        durable: bool = True,
    ) -> DownloadResult:
        """``download``, returning the size and sha256 too (``name_for``: see ``NameFor``;
        ``durable``: fsync the part and its directory before and after the rename)."""
        from ._download_names import resolve_target  # noqa: PLC0415 -- on first download
        from ._download_requests import download_kwargs  # noqa: PLC0415 -- on first download
        from ._download_state import Done, FileDownload, Follow, Wait  # noqa: PLC0415 -- on first download

        clip_id, file_size, known = _clip_argument(clip)
        target = resolve_target(dest, clip_id)
        if not known:
            file_size = self._send(get_kwargs(clip_id), parse_clip)[0].file_size
        kwargs = download_kwargs(clip_id)
        job = FileDownload.start(
            target,
            _expected(file_size),
            self._policy,
            httpx.URL(self._url_for(kwargs["url"])),
            progress,
            sha256=sha256,
            durable=durable,
        )
        try:
            step = _begin(job, self._locate(kwargs))
            while not isinstance(step, Done):
                if isinstance(step, Follow):
                    job.url = step.url
                    step = self._attempt(job)
                elif isinstance(step, Wait):
                    self._sleep(step.seconds)
                    step = job.again()
                else:  # Refresh: the pre-signed location was refused
                    step = _begin(job, self._locate(kwargs))
            if name_for is not None:
                job.name = name_for(job.name)
            return job.finish()
        finally:
            job.close()

    def _locate(self, kwargs: dict[str, object]) -> httpx.URL | InlineFile:
        from ._download_requests import clip_file_error, parse_location  # noqa: PLC0415 -- on first download

        try:
            return self._send(kwargs, parse_location)[0]
        except NotFoundError as exc:
            raise clip_file_error(exc) from exc

    def _attempt(self, job: FileDownload) -> Step:
        """One request to the file host, its body streamed into the part."""
        from .._bodies import Pace, read_capped  # noqa: PLC0415 -- on first download
        from ._download_requests import StreamingAuth, body_chunks  # noqa: PLC0415 -- on first download
        from ._download_state import RETRYABLE_TRANSPORT_ERRORS, Body  # noqa: PLC0415 -- on first download

        assert job.url is not None  # noqa: S101
        try:
            response = self._open_stream(
                job.url, job.request_headers(), StreamingAuth if job.authorized() else None
            )
        except RETRYABLE_TRANSPORT_ERRORS as exc:
            return job.on_cut(exc)
        except httpx.TransportError as exc:
            raise job.failure(f"{type(exc).__name__} talking to the file host") from exc
        started = job.policy.clock()  # the body's clock starts with its headers
        try:
            if response.status_code == 429:  # its meaning is in its body: a daily limit?
                read_capped(response, job.policy, started=started)
            step = job.on_response(response)
            if not isinstance(step, Body):
                return step
            pace = Pace(job.policy, deadline=None, started=started)
            for chunk in body_chunks(response):
                job.write(chunk)
                pace.check(len(chunk), response.request)
        except RETRYABLE_TRANSPORT_ERRORS as exc:
            return job.on_cut(exc)
        finally:
            response.close()
        return job.end_of_body()


class AsyncDownloadMethods(AsyncAPIResource):
    """``DownloadMethods`` of ``aclient.clips``, with ``await`` (the same bodies but for it)."""

    async def download(
        self,
        clip: str | Clip,
        dest: str | os.PathLike[str],
        *,
        progress: Progress | None = None,
    ) -> Path:
        """Download a clip's mp4 to ``dest``; see ``DownloadMethods.download``.

        >>> path = await aclient.clips.download("clip-id", "downloads/")  # doctest: +SKIP
        """
        return (
            await self._download_file(clip, dest, progress=progress, sha256=False, durable=False)
        ).path

    async def _download_file(
        self,
        clip: str | Clip,
        dest: str | os.PathLike[str],
        *,
        progress: Progress | None = None,
        name_for: NameFor | None = None,
        sha256: bool = True,
        durable: bool = True,
    ) -> DownloadResult:
        """``download``, returning the size and sha256 too; see ``DownloadMethods``."""
        from ._download_names import resolve_target  # noqa: PLC0415 -- on first download
        from ._download_requests import download_kwargs  # noqa: PLC0415 -- on first download
        from ._download_state import Done, FileDownload, Follow, Wait  # noqa: PLC0415 -- on first download

        clip_id, file_size, known = _clip_argument(clip)
        target = resolve_target(dest, clip_id)
        if not known:
            file_size = (await self._send(get_kwargs(clip_id), parse_clip))[0].file_size
        kwargs = download_kwargs(clip_id)
        job = FileDownload.start(
            target,
            _expected(file_size),
            self._policy,
            httpx.URL(self._url_for(kwargs["url"])),
            progress,
            sha256=sha256,
            durable=durable,
        )
        try:
            step = _begin(job, await self._locate(kwargs))
            while not isinstance(step, Done):
                if isinstance(step, Follow):
                    job.url = step.url
                    step = await self._attempt(job)
                elif isinstance(step, Wait):
                    await self._sleep(step.seconds)
                    step = job.again()
                else:  # Refresh: the pre-signed location was refused
                    step = _begin(job, await self._locate(kwargs))
            if name_for is not None:
                job.name = name_for(job.name)
            return job.finish()
        finally:
            job.close()

    async def _locate(self, kwargs: dict[str, object]) -> httpx.URL | InlineFile:
        from ._download_requests import clip_file_error, parse_location  # noqa: PLC0415 -- on first download

        try:
            return (await self._send(kwargs, parse_location))[0]
        except NotFoundError as exc:
            raise clip_file_error(exc) from exc

    async def _attempt(self, job: FileDownload) -> Step:
        """One request to the file host, its body streamed into the part."""
        from .._bodies import Pace, aread_capped  # noqa: PLC0415 -- on first download
        from ._download_requests import StreamingAuth, abody_chunks  # noqa: PLC0415 -- on first download
        from ._download_state import RETRYABLE_TRANSPORT_ERRORS, Body  # noqa: PLC0415 -- on first download

        assert job.url is not None  # noqa: S101
        try:
            response = await self._open_stream(
                job.url, job.request_headers(), StreamingAuth if job.authorized() else None
            )
        except RETRYABLE_TRANSPORT_ERRORS as exc:
            return job.on_cut(exc)
        except httpx.TransportError as exc:
            raise job.failure(f"{type(exc).__name__} talking to the file host") from exc
        started = job.policy.clock()  # the body's clock starts with its headers
        try:
            if response.status_code == 429:  # its meaning is in its body: a daily limit?
                await aread_capped(response, job.policy, started=started)
            step = job.on_response(response)
            if not isinstance(step, Body):
                return step
            pace = Pace(job.policy, deadline=None, started=started)
            async for chunk in abody_chunks(response):
                job.write(chunk)
                pace.check(len(chunk), response.request)
        except RETRYABLE_TRANSPORT_ERRORS as exc:
            return job.on_cut(exc)
        finally:
            await response.aclose()
        return job.end_of_body()
