"""What a download hands to other threads while the next bytes arrive: the sha256, and the
write-back of the bytes already written (so the fsync at the end has little left to do).

``hashlib`` releases the GIL while it hashes a buffer, so a second thread hashes while the
loop reads and writes the next bytes: on a fast link the hash (about 0.8 s a GB) no longer adds
its own time to the download's. Pieces are handed over in batches of ``BATCH`` bytes (one queue
operation per batch, not per network read) and at most ``MAX_PENDING`` batches wait, so memory
stays bounded by a few MiB; ``hexdigest`` waits for what is still queued.

``EarlyWriteback`` calls ``os.fdatasync`` on the part every ``WRITEBACK_EVERY`` bytes, on a
thread of its own (one at a time, skipped while the last one runs): the disk writes overlap
the download instead of all waiting for the final ``fsync``, which curl, say, never does;
``fsync_directory`` makes the rename onto the target durable too.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import queue
import threading
from pathlib import Path

__all__ = [
    "BATCH",
    "MAX_PENDING",
    "WRITEBACK_EVERY",
    "EarlyWriteback",
    "Sha256InBackground",
    "fsync_directory",
]

BATCH = 1 << 20
WRITEBACK_EVERY = 32 << 20
#: Batches that may wait for the hashing thread.
MAX_PENDING = 4


class Sha256InBackground:
    """``update`` in order on a worker thread (started on first use); ``hexdigest`` at the end."""

    def __init__(self) -> None:
        self._sha = hashlib.sha256()
        self._queue: queue.Queue[list[bytes] | None] = queue.Queue(maxsize=MAX_PENDING)
        self._thread: threading.Thread | None = None
        self._batch: list[bytes] = []
        self._batched = 0

    def _work(self) -> None:
        while (batch := self._queue.get()) is not None:
            for piece in batch:
                self._sha.update(piece)

    def update(self, piece: bytes) -> None:
        """Hash ``piece`` after those given before it (waits while ``MAX_PENDING`` queue)."""
        self._batch.append(piece)
        self._batched += len(piece)
        if self._batched >= BATCH:
            self._hand_over()

    def _hand_over(self) -> None:
        if not self._batch:
            return
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._work, name="zoom-clips-sha256", daemon=True
            )
            self._thread.start()
        self._queue.put(self._batch)
        self._batch, self._batched = [], 0

    def _drain(self) -> None:
        self._hand_over()
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join()
            self._thread = None

    def hexdigest(self) -> str:
        """The sha256 (hex) of every piece so far."""
        self._drain()
        return self._sha.hexdigest()

    def reset(self) -> None:
        """Start again from no bytes (the part was truncated)."""
        self._batch, self._batched = [], 0
        self._drain()
        self._sha = hashlib.sha256()

    def close(self) -> None:
        """Stop the thread (the hash so far stays readable)."""
        self._drain()


class EarlyWriteback:
    """``fdatasync`` of a file every ``WRITEBACK_EVERY`` bytes written, off the loop's thread."""

    def __init__(self) -> None:
        self._since = 0
        self._thread: threading.Thread | None = None

    def wrote(self, count: int, fd: int) -> None:
        """``count`` more bytes went to ``fd``; start a write-back if enough piled up."""
        self._since += count
        if self._since < WRITEBACK_EVERY or (self._thread is not None and self._thread.is_alive()):
            return
        self._since = 0
        self._thread = threading.Thread(
            target=_datasync, args=(fd,), name="zoom-clips-writeback", daemon=True
        )
        self._thread.start()

    def wait(self) -> None:
        """Wait for a write-back still running (before the file is closed or renamed)."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None


def _datasync(fd: int) -> None:
    # Only an optimisation: the final fsync reports a real failure.
    with contextlib.suppress(OSError):
        os.fdatasync(fd)


def fsync_directory(directory: Path) -> None:
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
