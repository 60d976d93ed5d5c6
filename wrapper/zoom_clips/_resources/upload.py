"""Clip uploads: ``client.clips.upload``, as the mixins ``UploadMethods`` /
``AsyncUploadMethods`` of the clips resources.

A file up to the threshold (default Zoom's 2 GB) is one ``POST /clips/files``; a larger one is a
multipart upload: ``upload_events`` ``CreateMultipartUpload`` gives an ``upload_context``, each
part goes to ``POST /clips/files/multipart`` and ``CompleteMultipartUpload`` with every
``{part_number, etag}`` gives the clip id. Sizes and parts are planned (and refused) before any
request (``_upload_plan``); bodies are streamed from disk and rebuilt per attempt
(``_upload_body``); where a multipart upload stands is an ``UploadState`` (``_upload_state``),
saved to a sidecar file when ``resume=`` is a path.

- The requests go to ``file_base_url`` (quirk ``upload-base-url-in-prose``: ``_url_for``)
  and follow 30x redirects, the token going along to Zoom's hosts only (``_redirects``).
- The parts of one call share one ``_retry.Budget`` (the SDK's one retry rule): a failed part is
  sent again (the same part number replaces it), spending one of ``max_resumes`` if a part was
  acknowledged since the last failure, else one of ``max_retries``; when the budget is spent the
  upload ends with ``UploadError`` (from the last error). A status never retried (a 4xx, the
  daily limit) ends it at once with its own typed error. The single upload and Complete are not
  resent after an answer that may mean Zoom acted on them (``idempotent=False``, as transfers),
  so Complete is sent once at most. Create may be: a second context is harmless.
- The file must not change while it uploads: its ``FileStamp`` is checked before every attempt
  of every part and before Complete, and a file that ends early while a part is read stops
  that part; each is ``UploadError``, and no clip is completed from a mix of two files.
- Any error after Create carries the latest state as ``error.upload_state``; Zoom's 400 code 300
  "upload context expired" becomes ``UploadExpiredError``.
- The requests and the parses of their answers are in ``_upload_requests`` (which drops the
  generated ``Content-Type: multipart/form-data; boundary=+++`` header: httpx sets its own).

The pure steps live in ``UploadJob``; the two mixins only send, identical but for ``await``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import attrs

from .._errors import (
    APIConnectionError,
    APIStatusError,
    BadRequestError,
    UploadError,
    UploadExpiredError,
    ZoomClipsError,
)
from .._resource import AsyncAPIResource, SyncAPIResource
from .._responses import BodyCutShortError
from .._retry import Budget, RetryPolicy, log_decision, wait_after
from ._upload_body import Body, part_body, single_body
from ._upload_plan import (
    Part,
    UploadPlan,
    check_part_size,
    check_threshold,
    file_to_upload,
    plan_upload,
)
from ._upload_requests import (
    complete_kwargs,
    create_kwargs,
    parse_clip_id,
    parse_etag,
    parse_upload_context,
    part_kwargs,
    single_kwargs,
)
from ._upload_state import (
    FileIdentity,
    FileStamp,
    UploadState,
    read_sidecar,
    remove_sidecar,
    write_sidecar,
)

__all__ = ["AsyncUploadMethods", "UploadJob", "UploadMethods"]

Progress = Callable[[int, int], object]
Resume = UploadState | str | os.PathLike[str] | None
_EXPIRED_CODE = 300
#: What a part's one attempt may fail with and still be worth another (the upload's budget says).
_PART_FAILURES = (APIStatusError, APIConnectionError, BodyCutShortError)


# -- what to upload and where it stands ------------------------------------------------------------


def _check_file_name(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"file_name must be a string, not {type(value).__name__}")
    if not value.strip() or not value.isprintable() or "/" in value or "\\" in value:
        raise ValueError(f"file_name={value!r} is not a plain file name")
    return value


def _resume(value: object) -> tuple[UploadState | None, Path | None]:
    if value is None or isinstance(value, UploadState):
        return value, None
    if isinstance(value, str | os.PathLike):
        sidecar = Path(value)
        return read_sidecar(sidecar), sidecar
    raise TypeError(
        f"resume must be an UploadState or the path of a state file, not {type(value).__name__}"
    )


@attrs.define
class UploadJob:
    """One call of ``upload``: what to send, and the steps both mixins share."""

    path: Path
    file_name: str
    plan: UploadPlan
    identity: FileIdentity | None
    stamp: FileStamp
    state: UploadState | None
    sidecar: Path | None
    progress: Progress | None

    @classmethod
    def prepare(
        cls,
        path: object,
        *,
        defaults: tuple[int | None, int | None],
        now: Callable[[], datetime],
        file_name: object,
        multipart_threshold: object,
        part_size: object,
        resume: object,
        progress: object,
    ) -> UploadJob:
        """Everything checked before any request: ``TypeError``/``ValueError``/``OSError`` for
        bad arguments, ``UploadError``/``UploadExpiredError`` for an unusable resume state.
        ``defaults``: the client's ``multipart_threshold`` and ``part_size``; ``now``: its clock."""
        file, _ = file_to_upload(path)
        name = file.name if file_name is None else _check_file_name(file_name)
        if progress is not None and not callable(progress):
            raise TypeError(f"progress must be callable, not {type(progress).__name__}")
        threshold, chunk = check_threshold(multipart_threshold), check_part_size(part_size)
        if threshold is None:
            # A part size given to this call asks for parts: a file larger than one goes in parts.
            threshold = chunk if chunk is not None else defaults[0]
        state, sidecar = _resume(resume)
        identity, stamp = FileIdentity.of(file)  # the size planned is the size stamped
        size = stamp.size
        if state is None:
            plan = plan_upload(size, threshold=threshold, part_size=chunk or defaults[1])
            kept = identity if plan.multipart else None
            return cls(file, name, plan, kept, stamp, None, sidecar, progress)
        state.check_usable(identity, now())
        if file_name is not None and name != state.file_name:
            raise ValueError(f"file_name={name!r}, but the resume state's is {state.file_name!r}")
        if chunk is not None and chunk != state.part_size:
            raise ValueError(f"part_size={chunk}, but the resume state's is {state.part_size}")
        plan = plan_upload(size, threshold=0, part_size=state.part_size)
        if not set(state.etags) <= {part.number for part in plan.parts()}:
            raise UploadError(
                f"the resume state of {state.file_name!r} names parts this file has not"
            )
        return cls(file, state.file_name, plan, identity, stamp, state, sidecar, progress)

    def single_body(self) -> Body:
        return single_body(self.path, self.file_name, self.stamp)

    def started(self, upload_context: str, now: datetime) -> UploadState:
        """The state of the upload Zoom just created (saved to the sidecar, if any)."""
        if self.identity is None or self.plan.part_size is None:
            raise AssertionError("a single upload has no upload context")
        state = UploadState(self.file_name, self.identity, self.plan.part_size, upload_context, now)
        self._save(state)
        return state

    def missing(self, state: UploadState) -> list[Part]:
        """The parts Zoom has not acknowledged yet; reports the bytes it has."""
        done = state.etags
        self._report(sum(part.size for part in self.plan.parts() if part.number in done))
        return [part for part in self.plan.parts() if part.number not in done]

    def part_body(self, state: UploadState, part: Part) -> Body:
        return part_body(self.path, self.file_name, state.upload_context, part, self.stamp)

    def budget(self, policy: RetryPolicy) -> Budget:
        """The retry budget of this call's parts (parts acknowledged before it are no progress)."""
        budget = Budget(policy)
        budget.advance(len(self.state.etags) if self.state is not None else 0)
        return budget

    def part_failed(self, budget: Budget, part: Part, error: ZoomClipsError) -> float:
        """Seconds to wait before ``part`` is sent again after ``error``; raises when it is not.

        A part acknowledged since the last failure is progress (one of ``max_resumes``), else
        the failure spends one of ``max_retries``. A status never retried (a 4xx but a
        per-second 429, the daily limit) is raised as it is; a spent budget is ``UploadError``.
        """
        response = error.response if isinstance(error, APIStatusError) else None
        if response is not None and wait_after(0, response, budget.policy) is None:
            raise error
        done = len(self.state.etags) if self.state is not None else 0
        delay = budget.next_wait(response, progressed=budget.advance(done))
        failures = budget.retries + budget.resumes - (delay is not None)
        outcome = response if response is not None else error
        log_decision("POST", f"/clips/files/multipart part {part.number}", failures, delay, outcome)
        if delay is None:
            policy = budget.policy
            raise UploadError(
                f"part {part.number} of {self.file_name!r} was not acknowledged and the "
                f"upload's retry budget is spent ({failures + 1} failed attempts; "
                f"RetryPolicy.max_retries={policy.max_retries}, max_resumes="
                f"{policy.max_resumes}), the last: {error}; the parts Zoom acknowledged are in "
                "the error's upload_state: resume with it"
            ) from error
        return delay

    def check_unchanged(self) -> None:
        """``UploadError`` if the file is not as it was when the upload started (before
        Complete: a change during the last part is caught here)."""
        try:
            stat = self.path.stat()
        except OSError as exc:
            raise UploadError(f"{self.file_name!r} can no longer be read: {exc}") from exc
        self.stamp.check(stat, self.file_name)

    def acknowledged(self, state: UploadState, part: Part, etag: str) -> UploadState:
        """``state`` with ``part`` acknowledged (saved, and reported)."""
        state = state.with_part(part.number, etag)
        self._save(state)
        done = state.etags
        self._report(sum(p.size for p in self.plan.parts() if p.number in done))
        return state

    def finished(self) -> None:
        """The upload made its clip: all bytes reported, the sidecar deleted."""
        self._report(self.plan.file_size)
        if self.sidecar is not None and self.plan.multipart:
            remove_sidecar(self.sidecar)

    def interrupted(self, error: ZoomClipsError, state: UploadState | None) -> None:
        """Attach ``state`` to ``error``; raise ``UploadExpiredError`` if Zoom dropped the
        upload (400 code 300, "upload context expired")."""
        error.upload_state = state
        if (
            isinstance(error, BadRequestError)
            and error.code == _EXPIRED_CODE
            and "expire" in (error.message or "").lower()
        ):
            expired = UploadExpiredError(
                f"Zoom dropped the multipart upload of {self.file_name!r} (its 7 days ran out): "
                "upload the file again without the resume state"
            )
            expired.upload_state = state
            raise expired from error

    def _save(self, state: UploadState) -> None:
        self.state = state
        if self.sidecar is not None:
            write_sidecar(self.sidecar, state)

    def _report(self, done: int) -> None:
        if self.progress is not None:
            self.progress(done, self.plan.file_size)


# -- the methods of client.clips -------------------------------------------------------------------


class UploadMethods(SyncAPIResource):
    """``upload`` of ``client.clips``."""

    def upload(
        self,
        path: str | os.PathLike[str],
        *,
        file_name: str | None = None,
        multipart_threshold: int | None = None,
        part_size: int | None = None,
        resume: Resume = None,
        progress: Progress | None = None,
    ) -> str:
        """Upload a video file as a new clip of the token's user; the new clip's id.

        Up to ``multipart_threshold`` bytes (default: the client's, else Zoom's 2,000,000,000)
        it is one request; above, a multipart upload in parts of ``part_size`` bytes (5 MiB to
        100,000,000; default: the client's, else 64 MiB grown to fit Zoom's 100 parts). A
        ``part_size`` given here without a threshold sends any file larger than one part in
        parts. ``file_name`` (default: the path's name) becomes the clip's title.
        ``progress(bytes_done, bytes_total)`` is called as Zoom acknowledges bytes.

        ``resume`` continues an interrupted multipart upload: an ``UploadState`` (from the
        error's ``upload_state``), or the path of a state file, written after each step and
        deleted on success (an absent file starts a new upload). Only missing parts are sent.

        ``UploadError`` (with ``upload_state`` once Zoom created the upload) if the file changes
        while it uploads, or if a part is still not acknowledged when the retry policy's budget
        (``max_retries``, ``max_resumes``, shared by the call's parts) is spent.

        >>> clip_id = client.clips.upload(  # doctest: +SKIP
        ...     "talk.mp4", resume="talk.mp4.zoom-upload.json")
        """
        job = UploadJob.prepare(
            path,
            defaults=(self._client.multipart_threshold, self._client.part_size),
            now=self._now,
            file_name=file_name,
            multipart_threshold=multipart_threshold,
            part_size=part_size,
            resume=resume,
            progress=progress,
        )
        if not job.plan.multipart:
            clip_id = self._send(
                single_kwargs(),
                parse_clip_id,
                idempotent=False,
                body=job.single_body(),
                follow_redirects=True,
            )[0]
            job.finished()
            return clip_id
        try:
            state = job.state
            if state is None:
                context = self._send(
                    create_kwargs(job.file_name), parse_upload_context, follow_redirects=True
                )[0]
                state = job.started(context, self._now())
            budget = job.budget(self._policy)
            for part in job.missing(state):
                while True:
                    try:
                        etag = self._send_once(
                            part_kwargs(),
                            parse_etag(part.number),
                            body=job.part_body(state, part),
                            follow_redirects=True,
                        )[0]
                        break
                    except _PART_FAILURES as exc:
                        delay = job.part_failed(budget, part, exc)
                    self._sleep(delay)
                state = job.acknowledged(state, part, etag)
            job.check_unchanged()
            clip_id = self._send(
                complete_kwargs(state), parse_clip_id, idempotent=False, follow_redirects=True
            )[0]
        except ZoomClipsError as exc:
            job.interrupted(exc, job.state)
            raise
        job.finished()
        return clip_id


class AsyncUploadMethods(AsyncAPIResource):
    """``UploadMethods`` of ``aclient.clips``, with ``await`` (the same body but for it)."""

    async def upload(
        self,
        path: str | os.PathLike[str],
        *,
        file_name: str | None = None,
        multipart_threshold: int | None = None,
        part_size: int | None = None,
        resume: Resume = None,
        progress: Progress | None = None,
    ) -> str:
        """Upload a video file as a new clip; see ``UploadMethods.upload``."""
        job = UploadJob.prepare(
            path,
            defaults=(self._client.multipart_threshold, self._client.part_size),
            now=self._now,
            file_name=file_name,
            multipart_threshold=multipart_threshold,
            part_size=part_size,
            resume=resume,
            progress=progress,
        )
        if not job.plan.multipart:
            clip_id = (
                await self._send(
                    single_kwargs(),
                    parse_clip_id,
                    idempotent=False,
                    body=job.single_body(),
                    follow_redirects=True,
                )
            )[0]
            job.finished()
            return clip_id
        try:
            state = job.state
            if state is None:
                context = (
                    await self._send(
                        create_kwargs(job.file_name), parse_upload_context, follow_redirects=True
                    )
                )[0]
                state = job.started(context, self._now())
            budget = job.budget(self._policy)
            for part in job.missing(state):
                while True:
                    try:
                        etag = (
                            await self._send_once(
                                part_kwargs(),
                                parse_etag(part.number),
                                body=job.part_body(state, part),
                                follow_redirects=True,
                            )
                        )[0]
                        break
                    except _PART_FAILURES as exc:
                        delay = job.part_failed(budget, part, exc)
                    await self._sleep(delay)
                state = job.acknowledged(state, part, etag)
            job.check_unchanged()
            clip_id = (
                await self._send(
                    complete_kwargs(state), parse_clip_id, idempotent=False, follow_redirects=True
                )
            )[0]
        except ZoomClipsError as exc:
            job.interrupted(exc, job.state)
            raise
        job.finished()
        return clip_id
