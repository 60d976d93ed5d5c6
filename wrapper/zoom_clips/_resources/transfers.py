"""Clip ownership transfers: ``client.clips.transfer``, ``transfer_status`` and
``wait_for_transfer``, as the mixins ``TransferMethods`` / ``AsyncTransferMethods`` of the clips
resources.

What to send, what an answer means and when to poll again are plain functions and one small
state (``TransferWait``) shared by both; the two mixins only send and sleep, identical but for
``await``. Requests come from the generated ``transferclipsowner`` and
``transfertaskstatuscheck`` modules.

- More than 50 clip ids (the spec's ``maxItems``; Zoom answers error 10004 above it) are sent as
  several ``PARTIAL_TRANSFER`` requests of at most 50, one task id each. Zoom refuses a second
  transfer between the same two users while one runs (400 code 30001,
  ``TransferInProgressError``), so when a later part is refused that way, the previous part's
  task is waited for (within ``transfer``'s ``timeout``) and the part is sent once more.
- A wait ends: at ``SUCCESS``, ``FAILED`` (``TransferFailedError``), a status Zoom does not
  document or none (``TransferUnknownStatusError``, at the first such answer: nothing says it
  will change), or its timeout (``TransferTimeoutError``): every wait but the last is at least
  ``poll_interval``, so it polls at most ``1 + ceil(timeout / poll_interval)`` times (fewer: the
  waits double up to ``MAX_POLL_INTERVAL``).
- Quirk ``transfer-source-optional``: ``source_owner_user_id`` is required in the request schema
  but described as optional for full transfers; the prose is followed, so a full transfer may
  omit it and the body is built here rather than with the generated ``TransferRequest`` (whose
  constructor requires it).
- A transfer is not idempotent: the request path resends it only after a 429 or a connection
  that was never made, never after an answer that may mean Zoom started it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import datetime
from typing import Any

import attrs
import httpx

from .._api_models import (
    TransferStatus,
    TransferTask,
    TransferType,
    task_from_json,
    task_id_from_json,
)
from .._errors import (
    TransferFailedError,
    TransferInProgressError,
    TransferTimeoutError,
    TransferUnknownStatusError,
    ZoomClipsError,
)
from .._resource import AsyncAPIResource, SyncAPIResource
from .._responses import Parse, json_body
from .._retry import RetryPolicy
from ._arguments import check_id, check_value

__all__ = [
    "DEFAULT_POLL_INTERVAL",
    "DEFAULT_TRANSFER_TIMEOUT",
    "MAX_PARTIAL_TRANSFER",
    "AsyncTransferMethods",
    "TransferMethods",
    "TransferWait",
    "transfer_bodies",
]

#: The most clip ids one partial transfer takes (the spec's ``maxItems``).
MAX_PARTIAL_TRANSFER = 50
DEFAULT_TRANSFER_TIMEOUT = 600.0
DEFAULT_POLL_INTERVAL = 2.0
#: Polls back off by doubling up to this many seconds apart (or ``poll_interval``, if longer).
MAX_POLL_INTERVAL = 30.0


# -- what to send and what the answers mean --------------------------------------------------------


def transfer_bodies(
    target_owner_user_id: object, source_owner_user_id: object, clip_ids: object
) -> list[dict[str, Any]]:
    """The JSON body of each transfer request; ``TypeError``/``ValueError`` for bad arguments."""
    target = check_value(target_owner_user_id, "target_owner_user_id")
    source = (
        None
        if source_owner_user_id is None
        else check_value(source_owner_user_id, "source_owner_user_id")
    )
    if source == target:
        raise ValueError(f"source_owner_user_id and target_owner_user_id are both {target!r}")
    if clip_ids is None:
        body: dict[str, Any] = {"transfer_type": TransferType.FULL_TRANSFER.value}
        if source is not None:
            body["source_owner_user_id"] = source
        body["target_owner_user_id"] = target
        return [body]
    if isinstance(clip_ids, str | bytes) or not isinstance(clip_ids, Iterable):
        raise TypeError(
            f"clip_ids must be an iterable of clip id strings (None: a full transfer), "
            f"not {type(clip_ids).__name__}"
        )
    ids = list(dict.fromkeys(check_id(clip_id, "clip_ids[]") for clip_id in clip_ids))
    if not ids:
        raise ValueError("clip_ids is empty: pass clip_ids=None for a full transfer")
    if source is None:
        raise ValueError("a partial transfer (clip_ids=...) needs source_owner_user_id")
    return [
        {
            "transfer_type": TransferType.PARTIAL_TRANSFER.value,
            "source_owner_user_id": source,
            "target_owner_user_id": target,
            "clip_id_list": ids[start : start + MAX_PARTIAL_TRANSFER],
        }
        for start in range(0, len(ids), MAX_PARTIAL_TRANSFER)
    ]


def transfer_kwargs(body: dict[str, Any]) -> dict[str, Any]:
    """``POST /clips/transfers`` with ``body`` (see the quirk in the module docstring)."""
    from zoom_clips_endpoints_api.api.transfer import transferclipsowner  # noqa: PLC0415

    kwargs = transferclipsowner._get_kwargs()
    kwargs["json"] = body
    return kwargs


def parse_task_id(response: httpx.Response, policy: RetryPolicy) -> str:
    """The ``task_id`` of a 201 (Zoom's documented answer) or 200, or the typed error."""
    return json_body(
        response, policy, task_id_from_json, what="a transfer task", statuses=frozenset({200, 201})
    )


def status_kwargs(task_id: str) -> dict[str, Any]:
    """``GET /clips/transfers/{taskId}``."""
    from zoom_clips_endpoints_api.api.transfer import transfertaskstatuscheck  # noqa: PLC0415

    return transfertaskstatuscheck._get_kwargs(task_id)


def parse_task(task_id: str) -> Parse[TransferTask]:
    """How to read the status of ``task_id``: a ``TransferTask`` from a 200, or the typed error."""

    def parse(response: httpx.Response, policy: RetryPolicy) -> TransferTask:
        return json_body(
            response, policy, lambda body: task_from_json(body, task_id), what="a transfer task"
        )

    return parse


def _seconds(value: object, name: str, *, allow_zero: bool) -> float:
    if (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and (value >= 0 if allow_zero else value > 0)
    ):
        return float(value)
    bound = ">= 0" if allow_zero else "> 0"
    raise ValueError(f"{name} must be a finite number of seconds {bound}, not {value!r}")


@attrs.define
class TransferWait:
    """Polling one transfer task: after each status, the wait before the next poll, or the end.

    The time waited is the larger of what the clock says and what was slept, so a frozen or
    injected clock still ends the wait. Polls back off by doubling from ``interval`` up to
    ``MAX_POLL_INTERVAL``; the last poll comes when the timeout runs out.
    """

    task_id: str
    timeout: float
    interval: float
    started: datetime
    slept: float = 0.0

    @classmethod
    def start(
        cls, task_id: object, timeout: object, poll_interval: object, *, now: datetime
    ) -> TransferWait:
        """The wait for ``task_id``; arguments checked."""
        return cls(
            check_id(task_id, "task_id"),
            _seconds(timeout, "timeout", allow_zero=True),
            _seconds(poll_interval, "poll_interval", allow_zero=False),
            now,
        )

    def next_delay(self, task: TransferTask, now: datetime) -> float | None:
        """``None`` when ``task`` succeeded, else seconds until the next poll; raises at the end."""
        if task.status == TransferStatus.SUCCESS:
            return None
        if task.status == TransferStatus.FAILED:
            raise TransferFailedError(f"transfer task {self.task_id} failed", task=task)
        if task.status != TransferStatus.IN_PROCESS:
            raise TransferUnknownStatusError(
                f"transfer task {self.task_id} has the status {task.status!r}, which is not one "
                "Zoom documents (IN_PROCESS, SUCCESS, FAILED): not waiting on it; check it "
                "with clips.transfer_status",
                task=task,
            )
        elapsed = max((now - self.started).total_seconds(), self.slept)
        remaining = self.timeout - elapsed
        if remaining <= 0:
            raise TransferTimeoutError(
                f"transfer task {self.task_id} is still {task.status} after "
                f"{self.timeout:g}s; it goes on at Zoom",
                task=task,
            )
        delay = min(self.interval, remaining)
        self.interval = min(self.interval * 2, max(MAX_POLL_INTERVAL, self.interval))
        self.slept += delay
        return delay


def _wait_options(timeout: object, poll_interval: object) -> dict[str, float]:
    """``transfer``'s wait arguments, checked before any request."""
    return {
        "timeout": _seconds(timeout, "timeout", allow_zero=True),
        "poll_interval": _seconds(poll_interval, "poll_interval", allow_zero=False),
    }


def _note_started(error: ZoomClipsError, task_ids: list[str]) -> None:
    if task_ids:
        error.add_note(f"transfers already started, task ids: {', '.join(task_ids)}")


# -- the methods of client.clips -------------------------------------------------------------------


class TransferMethods(SyncAPIResource):
    """``transfer``, ``transfer_status`` and ``wait_for_transfer`` of ``client.clips``."""

    def transfer(
        self,
        *,
        target_owner_user_id: str,
        source_owner_user_id: str | None = None,
        clip_ids: Iterable[str] | None = None,
        timeout: float = DEFAULT_TRANSFER_TIMEOUT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
    ) -> list[str]:
        """Give clips to another user; the task id of each transfer request started.

        ``clip_ids=None`` transfers every clip of ``source_owner_user_id`` (a full transfer, one
        request; the source may be omitted, as Zoom's description allows). With ``clip_ids``,
        the source is required and the ids are sent in partial transfers of at most 50 each.
        If a later part fails, the error's notes list the task ids already started.

        Zoom runs one transfer between two users at a time: a part refused for that (30001)
        waits for the previous part's task as ``wait_for_transfer`` does, at most ``timeout``
        seconds (default 600; ``TransferTimeoutError`` after) polling from ``poll_interval``
        (default 2), then is sent once more.

        >>> task_ids = client.clips.transfer(  # doctest: +SKIP
        ...     source_owner_user_id="leaver@example.com", target_owner_user_id="manager-id")
        """
        bodies = transfer_bodies(target_owner_user_id, source_owner_user_id, clip_ids)
        wait = _wait_options(timeout, poll_interval)
        task_ids: list[str] = []
        for body in bodies:
            try:
                task_ids.append(
                    self._start_transfer(body, task_ids[-1] if task_ids else None, wait)
                )
            except ZoomClipsError as exc:
                _note_started(exc, task_ids)
                raise
        return task_ids

    def _start_transfer(
        self, body: dict[str, Any], previous: str | None, wait: dict[str, float]
    ) -> str:
        try:
            return self._send(transfer_kwargs(body), parse_task_id, idempotent=False)[0]
        except TransferInProgressError:
            if previous is None:
                raise
        self.wait_for_transfer(previous, **wait)
        return self._send(transfer_kwargs(body), parse_task_id, idempotent=False)[0]

    def transfer_status(self, task_id: str) -> TransferTask:
        """Where a transfer task stands (``status``: ``IN_PROCESS``, ``SUCCESS``, ``FAILED``).

        >>> client.clips.transfer_status(task_ids[0]).status  # doctest: +SKIP
        <TransferStatus.IN_PROCESS: 'IN_PROCESS'>
        """
        task = check_id(task_id, "task_id")
        return self._send(status_kwargs(task), parse_task(task))[0]

    def wait_for_transfer(
        self,
        task_id: str,
        *,
        timeout: float = DEFAULT_TRANSFER_TIMEOUT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
    ) -> TransferTask:
        """Poll a transfer task until it succeeds, with backoff from ``poll_interval`` seconds.

        Raises ``TransferFailedError`` if it fails, ``TransferTimeoutError`` if it is still
        running after ``timeout`` seconds (default 600; it goes on at Zoom), and
        ``TransferUnknownStatusError`` at once for a status Zoom does not document (or none);
        each carries the last ``task``.

        >>> task = client.clips.wait_for_transfer(task_ids[0], timeout=300)  # doctest: +SKIP
        """
        wait = TransferWait.start(task_id, timeout, poll_interval, now=self._now())
        while True:
            task = self._send(status_kwargs(wait.task_id), parse_task(wait.task_id))[0]
            delay = wait.next_delay(task, self._now())
            if delay is None:
                return task
            self._sleep(delay)


class AsyncTransferMethods(AsyncAPIResource):
    """``TransferMethods`` of ``aclient.clips``, with ``await`` (the same bodies but for it)."""

    async def transfer(
        self,
        *,
        target_owner_user_id: str,
        source_owner_user_id: str | None = None,
        clip_ids: Iterable[str] | None = None,
        timeout: float = DEFAULT_TRANSFER_TIMEOUT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
    ) -> list[str]:
        """Give clips to another user; see ``TransferMethods.transfer``."""
        bodies = transfer_bodies(target_owner_user_id, source_owner_user_id, clip_ids)
        wait = _wait_options(timeout, poll_interval)
        task_ids: list[str] = []
        for body in bodies:
            try:
                task_ids.append(
                    await self._start_transfer(body, task_ids[-1] if task_ids else None, wait)
                )
            except ZoomClipsError as exc:
                _note_started(exc, task_ids)
                raise
        return task_ids

    async def _start_transfer(
        self, body: dict[str, Any], previous: str | None, wait: dict[str, float]
    ) -> str:
        try:
            return (await self._send(transfer_kwargs(body), parse_task_id, idempotent=False))[0]
        except TransferInProgressError:
            if previous is None:
                raise
        await self.wait_for_transfer(previous, **wait)
        return (await self._send(transfer_kwargs(body), parse_task_id, idempotent=False))[0]

    async def transfer_status(self, task_id: str) -> TransferTask:
        """Where a transfer task stands; see ``TransferMethods.transfer_status``."""
        task = check_id(task_id, "task_id")
        return (await self._send(status_kwargs(task), parse_task(task)))[0]

    async def wait_for_transfer(
        self,
        task_id: str,
        *,
        timeout: float = DEFAULT_TRANSFER_TIMEOUT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
    ) -> TransferTask:
        """Poll a transfer task until it succeeds; see ``TransferMethods.wait_for_transfer``."""
        wait = TransferWait.start(task_id, timeout, poll_interval, now=self._now())
        while True:
            task = (await self._send(status_kwargs(wait.task_id), parse_task(wait.task_id)))[0]
            delay = wait.next_delay(task, self._now())
            if delay is None:
                return task
            await self._sleep(delay)
