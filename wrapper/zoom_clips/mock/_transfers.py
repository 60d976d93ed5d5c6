"""Ownership transfer tasks: started by ``POST /clips/transfers``, completed on the mock's clock.

A task is ``IN_PROCESS`` from its start until ``transfer_seconds`` of the mock's clock have
passed; the first request after that settles it: its clips (a partial transfer's listed clips,
a full transfer's every clip the source owns at that moment) that the source still owns move to
the target, their ``modified_date`` set to the completion instant, and the task is ``SUCCESS``
(``FAILED``, moving nothing, with ``MockConfig.fail_transfers``). While a task of two users is
in process, another transfer between the same two users is refused (Zoom's error 30001).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from typing import Any

import attrs

from zoom_clips.mock._data import Dataset, User

__all__ = ["TransferBook", "TransferTask"]


@attrs.define
class TransferTask:
    """One transfer request and its progress."""

    task_id: str
    account_id: str
    transfer_type: str  # FULL_TRANSFER or PARTIAL_TRANSFER
    source: User
    target: User
    clip_ids: tuple[str, ...] | None  # None: a full transfer
    done_at: dt.datetime
    status: str = "IN_PROCESS"

    def to_json(self) -> dict[str, Any]:
        """The task as ``GET /clips/transfers/{taskId}`` sends it."""
        body: dict[str, Any] = {
            "status": self.status,
            "transfer_type": self.transfer_type,
            "source_owner_user_id": self.source.id,
            "target_owner_user_id": self.target.id,
        }
        if self.clip_ids is not None:
            body["clip_id_list"] = list(self.clip_ids)
        return body


class TransferBook:
    """Every transfer task of one mock, keyed by task id."""

    def __init__(self, *, seed: int, seconds: float, fail: bool) -> None:
        self._seed = seed
        self._seconds = seconds
        self._fail = fail
        self._lock = threading.Lock()
        self._tasks: dict[str, TransferTask] = {}

    def busy(self, source: User, target: User) -> bool:
        """Whether a task from ``source`` to ``target`` is still in process (error 30001)."""
        with self._lock:
            return any(
                t.status == "IN_PROCESS" and (t.source, t.target) == (source, target)
                for t in self._tasks.values()
            )

    def start(
        self,
        *,
        account_id: str,
        source: User,
        target: User,
        clip_ids: tuple[str, ...] | None,
        now: dt.datetime,
    ) -> TransferTask:
        """Record a new task, in process until ``now`` plus the configured duration."""
        with self._lock:
            number = len(self._tasks)
            digest = hashlib.blake2b(f"{self._seed}:{number}".encode(), digest_size=12)
            task = TransferTask(
                task_id=digest.hexdigest(),
                account_id=account_id,
                transfer_type="FULL_TRANSFER" if clip_ids is None else "PARTIAL_TRANSFER",
                source=source,
                target=target,
                clip_ids=clip_ids,
                done_at=now + dt.timedelta(seconds=self._seconds),
            )
            self._tasks[task.task_id] = task
        return task

    def task(self, task_id: str) -> TransferTask | None:
        """The task with this id, or None."""
        with self._lock:
            return self._tasks.get(task_id)

    def settle(self, now: dt.datetime, dataset: Dataset) -> None:
        """Complete every task due by ``now``, in the order they fall due."""
        with self._lock:
            due = sorted(
                (t for t in self._tasks.values() if t.status == "IN_PROCESS" and t.done_at <= now),
                key=lambda t: t.done_at,
            )
            for task in due:
                task.status = "FAILED" if self._fail else "SUCCESS"
                if self._fail:
                    continue
                if task.clip_ids is None:
                    owned = dataset.owned_by(task.account_id, task.source.id)
                    ids = [str(clip.wire["clip_id"]) for clip in owned]
                else:
                    ids = list(task.clip_ids)
                for clip_id in ids:  # a clip the source does not own (any more) stays
                    clip = dataset.clip(clip_id)
                    if clip is not None and clip.owner == task.source:
                        dataset.update(clip_id, owner=task.target, modified=task.done_at)
