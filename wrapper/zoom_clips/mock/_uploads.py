"""Uploads: multipart contexts, their parts on disk, and Zoom's rules for them.

Every byte received is written under one temporary directory the book owns (removed by
:meth:`UploadBook.close`, which ``serve()`` calls when it stops, and when the book is forgotten
by ``reset()``). Upload contexts and the new clips' ids come from a generator seeded from the
mock's seed, so a run replays exactly.

Zoom's rules (ZOOM-FACTS "The Clips API", sizes as S3 checks them): part numbers 1..100; at
Complete, every listed part but the last (by number) 5 MiB..100,000,000 bytes and the last at
most 100,000,000, each listed etag the one its part answered (the list may come in any order,
each part number once); a single upload at most 2,000,000,000 bytes and not empty. A context
is good for 7 days of the mock's clock after its Create (then its parts are removed and it
answers "upload context expired"); a completed one is gone. A context
belongs to the principal (account and user) that created it.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import tempfile
import threading
import weakref
from collections import Counter
from pathlib import Path

import attrs

from zoom_clips.mock._files import StoredFile, concatenated_etag
from zoom_clips.mock._multipart import Received
from zoom_clips.mock._seed import random_id

__all__ = [
    "CONTEXT_TTL",
    "MAX_PART",
    "MAX_PART_NUMBER",
    "MAX_SINGLE",
    "MIN_PART",
    "Context",
    "ReceivedPart",
    "UploadBook",
    "UploadRefusedError",
]

MIN_PART = 5 * 1024 * 1024
MAX_PART = 100_000_000
MAX_PART_NUMBER = 100
MAX_SINGLE = 2_000_000_000
CONTEXT_TTL = dt.timedelta(days=7)


class UploadRefusedError(ValueError):
    """An upload Zoom refuses with 400 code 300; the message says why."""


@attrs.frozen
class ReceivedPart:
    """One part upload whose bytes reached the mock, in arrival order.

    ``acknowledged`` is False when ``fail_next`` failed it (the client got an error, the part
    was not kept), so a test sees both what was sent and what was kept.
    """

    upload_context: str
    part_number: int
    size: int
    etag: str
    acknowledged: bool = True


@attrs.define
class Context:
    """A multipart upload in progress: whose, its file name, when it expires, its parts.

    ``clip_id`` is the clip it becomes, drawn at Create (as Zoom's ``clip.started`` names it).
    """

    principal: tuple[str, str | None]
    file_name: str
    expires_at: dt.datetime
    clip_id: str = ""
    parts: dict[int, Received] = attrs.field(factory=dict)


class UploadBook:
    """The uploads of one mock: contexts, stored files, the directory, and the test hooks."""

    def __init__(self, seed: int) -> None:
        self._rng = random.Random(f"zoom-clips-mock-uploads:{seed}")  # noqa: S311 -- ids, not security
        self._lock = threading.Lock()
        self._directory: Path | None = None
        self._finalizer: weakref.finalize[[Path], UploadBook] | None = None
        self._contexts: dict[str, Context] = {}
        self._stored: dict[str, StoredFile] = {}
        self._failures: Counter[tuple[int, int | str]] = Counter()
        self._received: list[ReceivedPart] = []

    @property
    def directory(self) -> Path:
        """Where the uploaded bytes live (made on first use)."""
        with self._lock:
            if self._directory is None:
                self._directory = Path(tempfile.mkdtemp(prefix="zoom-clips-mock-uploads-"))
                # Removed by close(); should a book be dropped without it (an in-process app
                # nobody closed), when it is collected or the interpreter exits.
                self._finalizer = weakref.finalize(self, _remove, self._directory)
            return self._directory

    @property
    def opened(self) -> Path | None:
        """The directory if one was made (and not removed since), else None."""
        with self._lock:
            return self._directory

    def close(self) -> None:
        """Remove every uploaded byte and the directory; the book can be used again after."""
        with self._lock:
            finalizer, self._finalizer, self._directory = self._finalizer, None, None
            self._contexts.clear()
            self._stored.clear()
        if finalizer is not None:
            finalizer()

    # --- test hooks -----------------------------------------------------------------------------

    def fail_next(self, part_number: int, status: int | str = 500) -> None:
        """Fail the next upload of ``part_number`` once: with ``status``, or ``"drop"``."""
        if status != "drop" and not (isinstance(status, int) and 400 <= status <= 599):
            raise ValueError(f"status must be an HTTP error status or 'drop', got {status!r}")
        with self._lock:
            self._failures[(part_number, status)] += 1

    def take_failure(self, part_number: int) -> int | str | None:
        """The failure due for this part upload (and use it up), or None."""
        with self._lock:
            for (number, status), count in self._failures.items():
                if number == part_number and count:
                    self._failures[(number, status)] -= 1
                    return status
        return None

    @property
    def received(self) -> list[ReceivedPart]:
        """Every part upload whose bytes reached the mock, oldest first (a copy)."""
        with self._lock:
            return list(self._received)

    # --- the rules ------------------------------------------------------------------------------

    def new_clip_id(self) -> str:
        """A fresh clip id, in the form of the seeded ones."""
        with self._lock:
            return random_id(self._rng, 38)

    def create(self, principal: tuple[str, str | None], file_name: str, now: dt.datetime) -> str:
        """Start a multipart upload: its upload context (the clip's id is drawn now too)."""
        with self._lock:
            token = random_id(self._rng, 64)
            clip_id = random_id(self._rng, 38)
            self._contexts[token] = Context(principal, file_name, now + CONTEXT_TTL, clip_id)
        return token

    def context(self, token: str, principal: tuple[str, str | None], now: dt.datetime) -> Context:
        """The live context ``token`` of ``principal``, or :class:`UploadRefusedError`."""
        with self._lock:
            context = self._contexts.get(token)
        if context is None or context.principal != principal:
            raise UploadRefusedError("Invalid upload_context: no such multipart upload.")
        if now >= context.expires_at:
            self._expire(context)
            raise UploadRefusedError("upload context expired")
        return context

    def add_part(self, token: str, part_number: int, part: Received, *, kept: bool) -> str:
        """Record a part that arrived; keep it (replacing that number's last) if ``kept``."""
        etag = part.md5.hex()
        with self._lock:
            self._received.append(ReceivedPart(token, part_number, part.size, etag, kept))
            context = self._contexts.get(token)
            old = None
            if kept and context is not None:
                old = context.parts.get(part_number)
                context.parts[part_number] = part
        if old is not None:
            old.path.unlink(missing_ok=True)
        if not kept or context is None:
            part.path.unlink(missing_ok=True)
        return etag

    def complete(self, token: str, listed: list[tuple[int, str]]) -> tuple[StoredFile, str]:
        """Check the listed parts against Zoom's rules: the file they make, and its name.

        The context is used up; parts uploaded but not listed are removed.
        """
        with self._lock:
            context = self._contexts[token]
            parts = dict(context.parts)
        if not listed:
            raise UploadRefusedError("part_number_etags must list at least one part.")
        numbers = [number for number, _ in listed]
        if len(set(numbers)) != len(numbers):
            raise UploadRefusedError("part_number_etags lists a part number more than once.")
        chosen: list[Received] = []
        for number, etag in sorted(listed):
            part = parts.get(number)
            if part is None:
                raise UploadRefusedError(f"Part {number} was not uploaded.")
            if etag.strip('"') != part.md5.hex():
                raise UploadRefusedError(f"The etag of part {number} does not match.")
            chosen.append(part)
        for (number, _), part in zip(sorted(listed), chosen, strict=True):
            last = part is chosen[-1]
            if part.size > MAX_PART or (not last and part.size < MIN_PART):
                raise UploadRefusedError(
                    f"Part {number} is {part.size:,} bytes: parts but the last must be "
                    f"{MIN_PART:,} to {MAX_PART:,} bytes, the last at most {MAX_PART:,}."
                )
        if not sum(part.size for part in chosen):
            raise UploadRefusedError("The upload is empty.")
        stored = StoredFile(
            tuple(p.path for p in chosen),
            tuple(p.size for p in chosen),
            concatenated_etag([p.md5 for p in chosen]),
        )
        with self._lock:
            self._contexts.pop(token, None)
        kept = set(stored.paths)
        for part in parts.values():
            if part.path not in kept:
                part.path.unlink(missing_ok=True)
        return stored, context.file_name

    def store(self, clip_id: str, file: StoredFile) -> None:
        """Keep an uploaded clip's file, so the file host serves it."""
        with self._lock:
            self._stored[clip_id] = file

    def stored(self, clip_id: str) -> StoredFile | None:
        """The file of an uploaded clip, or None."""
        with self._lock:
            return self._stored.get(clip_id)

    def _expire(self, context: Context) -> None:
        """Remove an expired upload's parts (the context stays, to say it expired)."""
        with self._lock:
            parts, context.parts = list(context.parts.values()), {}
        for part in parts:
            part.path.unlink(missing_ok=True)

    def single(self, received: Received) -> StoredFile:
        """Check a single upload (``POST /clips/files``): the file it makes."""
        if received.size == 0:
            received.path.unlink(missing_ok=True)
            raise UploadRefusedError("The file is empty.")
        etag = f'"{received.md5.hex()}"'
        return StoredFile((received.path,), (received.size,), etag)


def _remove(directory: Path) -> None:
    shutil.rmtree(directory, ignore_errors=True)
