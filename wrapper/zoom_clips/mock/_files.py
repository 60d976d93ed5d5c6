"""Clip files: their bytes (seeded or stored), ``Range`` per RFC 9110, pre-signed URLs, test hooks.

A seeded clip's file is never stored: it is ``file_size`` bytes made block by block from one
seeded 1 MiB block per clip (random bytes from the mock's seed and the clip id) with the block's
index written into it every 4 KiB, so every block differs, any range is produced without
producing what comes before it, and a resume at the wrong offset changes the sha256. An uploaded
clip's file is its parts on disk (``_uploads``), read in the same 1 MiB chunks. Nothing holds a
whole file in memory.

:class:`FileHost` is the file host's state: the key that signs download URLs (derived from the
seed, so a run replays exactly), and the test hooks ``cut_next``, ``accept_ranges`` and
``requests``.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import random
import re
import threading
from collections import deque
from collections.abc import Iterator, Sequence
from pathlib import Path

import attrs

__all__ = [
    "BLOCK",
    "ClipFile",
    "FileHost",
    "FileRequest",
    "RangeNotSatisfiableError",
    "SeededFile",
    "StoredFile",
    "parse_range",
]

#: The chunk every file is made and sent in.
BLOCK = 1 << 20
#: How often a block's index is written into it.
_STAMP_EVERY = 4096
#: How long a pre-signed download URL is valid, in seconds of the mock's clock.
URL_TTL = 3600
_RANGE = re.compile(r"bytes=(\d*)-(\d*)")


@functools.lru_cache(maxsize=4)  # 1 MiB each: the clips being downloaded now
def _seeded_block(seed: int, clip_id: str) -> bytes:
    """The clip's 1 MiB of seeded bytes, which every block of its file starts from."""
    digest = hashlib.sha256(f"zoom-clips-mock-file:{seed}:{clip_id}".encode()).digest()
    rng = random.Random(digest)  # noqa: S311 -- reproducible file contents, not security
    return rng.randbytes(BLOCK)


@attrs.frozen
class SeededFile:
    """A seeded clip's file: ``size`` bytes made from the seed and the clip id (see the module)."""

    seed: int
    clip_id: str
    size: int

    @property
    def etag(self) -> str:
        """A quoted ETag that changes with the seed, the clip and the size."""
        key = f"{self.seed}:{self.clip_id}:{self.size}".encode()
        return f'"{hashlib.md5(key, usedforsecurity=False).hexdigest()}"'

    def chunks(self, start: int = 0, stop: int | None = None) -> Iterator[bytes]:
        """The bytes ``[start, stop)`` in chunks of at most :data:`BLOCK` (one per block)."""
        stop = self.size if stop is None else min(stop, self.size)
        base = _seeded_block(self.seed, self.clip_id)
        index = start // BLOCK
        while index * BLOCK < stop:
            block = bytearray(base)
            stamp = index.to_bytes(8, "big")
            for at in range(0, BLOCK, _STAMP_EVERY):
                block[at : at + 8] = stamp
            first = max(start - index * BLOCK, 0)
            last = min(stop - index * BLOCK, BLOCK)
            yield bytes(block[first:last]) if (first, last) != (0, BLOCK) else bytes(block)
            index += 1


@attrs.frozen
class StoredFile:
    """An uploaded clip's file: its parts on disk, one after another, with their ETag."""

    paths: tuple[Path, ...]
    sizes: tuple[int, ...]
    etag: str

    @property
    def size(self) -> int:
        """The file's length in bytes."""
        return sum(self.sizes)

    def chunks(self, start: int = 0, stop: int | None = None) -> Iterator[bytes]:
        """The bytes ``[start, stop)`` read from the parts in chunks of at most :data:`BLOCK`."""
        stop = self.size if stop is None else min(stop, self.size)
        offset = 0
        for path, size in zip(self.paths, self.sizes, strict=True):
            begin, end = max(start - offset, 0), min(stop - offset, size)
            offset += size
            if begin >= end:
                continue
            with path.open("rb") as part:
                part.seek(begin)
                left = end - begin
                while left > 0:
                    chunk = part.read(min(BLOCK, left))
                    if not chunk:  # the file shrank under us: end short, the length check tells
                        return
                    left -= len(chunk)
                    yield chunk


ClipFile = SeededFile | StoredFile


class RangeNotSatisfiableError(ValueError):
    """A ``Range`` the file cannot satisfy (it starts past the end, or asks for no bytes): 416."""


def parse_range(header: str | None, size: int) -> tuple[int, int] | None:
    """The one byte range ``[start, stop)`` a ``Range`` header asks of ``size`` bytes.

    None: serve the whole file (no header, a unit other than bytes, several ranges, or a
    syntax error: RFC 9110 lets a server ignore each). Raises :class:`RangeNotSatisfiableError`
    for a range to answer 416. A ``last-pos`` past the end is the end; ``bytes=-n`` is the last
    ``n`` bytes (all of them when ``n`` exceeds the size).
    """
    match = _RANGE.fullmatch(header.strip().replace(" ", "")) if header is not None else None
    if match is None or match.group(1) + match.group(2) == "":
        return None
    first, last = match.group(1), match.group(2)
    if not first:  # a suffix range
        length = int(last)
        if length == 0 or size == 0:
            raise RangeNotSatisfiableError(header)
        return max(size - length, 0), size
    start = int(first)
    stop = int(last) + 1 if last else size
    if last and stop <= start:
        return None  # last-pos before first-pos: an invalid range, ignored
    if start >= size:
        raise RangeNotSatisfiableError(header)
    return start, min(stop, size)


@attrs.frozen
class FileRequest:
    """One request the file host answered: which clip, its ``Range``, and what it sent.

    ``authorization`` says whether the request carried an ``Authorization`` header (the file
    host refuses those: the SDK must not send the Zoom token there); ``bytes_sent`` counts the
    body bytes sent (fewer than asked when a cut dropped the connection).
    """

    clip_id: str
    range: str | None
    authorization: bool
    status: int
    bytes_sent: int


class FileHost:
    """The file host's key and test hooks; thread-safe (tests use it from another thread).

    ``accept_ranges = False`` makes it ignore ``Range``; ``cut_next(*offsets)`` drops the
    connection of each of the next file bodies at an absolute byte offset of the file;
    ``requests`` is every request it answered, in order.
    """

    def __init__(self, seed: int, *, accept_ranges: bool = True) -> None:
        self._key = hashlib.sha256(f"zoom-clips-mock-signing:{seed}".encode()).digest()
        self.accept_ranges = accept_ranges
        self._cuts: deque[int] = deque()
        self._requests: list[FileRequest] = []
        self._lock = threading.Lock()

    def signature(self, clip_id: str, expires: int) -> str:
        """The signature of a download URL of ``clip_id`` valid until ``expires`` (Unix time)."""
        message = f"{clip_id}\n{expires}".encode()
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()

    def signed(self, clip_id: str, expires: str, signature: str) -> bool:
        """Whether ``signature`` is this host's for ``clip_id`` and ``expires``."""
        if not expires.isdigit() or len(expires) > 12:
            return False
        return hmac.compare_digest(self.signature(clip_id, int(expires)), signature)

    def cut_next(self, *offsets: int) -> None:
        """Drop each of the next file bodies once the file's byte ``offsets[i]`` is reached.

        A body that ends before its offset is sent whole (the offset is used up all the same);
        one that starts at or after it is dropped before its first byte. HEAD and refused
        requests have no body and use up no offset.
        """
        if any(offset < 0 for offset in offsets):
            raise ValueError("cut offsets must not be negative")
        with self._lock:
            self._cuts.extend(offsets)

    def take_cut(self) -> int | None:
        """The offset at which to cut the body about to be sent, or None to send it whole."""
        with self._lock:
            return self._cuts.popleft() if self._cuts else None

    def record(self, request: FileRequest) -> None:
        """Remember one answered request."""
        with self._lock:
            self._requests.append(request)

    @property
    def requests(self) -> list[FileRequest]:
        """Every request the file host answered, oldest first (a copy)."""
        with self._lock:
            return list(self._requests)


def concatenated_etag(md5s: Sequence[bytes]) -> str:
    """S3's ETag of a multipart object: the md5 of the parts' md5s, a dash, the part count."""
    joined = hashlib.md5(b"".join(md5s), usedforsecurity=False).hexdigest()
    return f'"{joined}-{len(md5s)}"'
