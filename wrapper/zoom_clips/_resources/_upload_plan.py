"""How a file is uploaded: single or multipart, in which parts; checked before any request.

Zoom does not say whether its "MB" and "GB" are powers of ten or of two, so every limit here
stays inside both readings: a single upload takes at most 2,000,000,000 bytes (2 GB, below
2 GiB); every part but the last is at least 5 MiB (above 5 MB) and at most 100,000,000 bytes
(100 MB, below 100 MiB); at most 100 parts. A file over 100 x 100,000,000 bytes cannot be
uploaded at all.

The default part size is ``DEFAULT_PART_SIZE``, grown (in whole MiB, capped at the largest part)
until the file fits in 100 parts. Parts are large by default because Zoom counts 50 upload
requests per user per day: a 2 GB file in 64 MiB parts is 32 requests.

>>> plan_upload(11 * MIB, threshold=5 * MIB, part_size=5 * MIB).part_sizes()
[5242880, 5242880, 1048576]
"""

from __future__ import annotations

import math
import os
from pathlib import Path

import attrs

__all__ = [
    "DEFAULT_MULTIPART_THRESHOLD",
    "DEFAULT_PART_SIZE",
    "MAX_PARTS",
    "MAX_PART_SIZE",
    "MAX_SINGLE_UPLOAD",
    "MIB",
    "MIN_PART_SIZE",
    "Part",
    "UploadPlan",
    "check_part_size",
    "check_threshold",
    "default_part_size",
    "file_to_upload",
    "plan_upload",
]

MIB = 1024 * 1024
MAX_SINGLE_UPLOAD = 2_000_000_000
DEFAULT_MULTIPART_THRESHOLD = MAX_SINGLE_UPLOAD
MIN_PART_SIZE = 5 * MIB
MAX_PART_SIZE = 100_000_000
MAX_PARTS = 100
DEFAULT_PART_SIZE = 64 * MIB


def _int(value: object, name: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{name} must be an int (bytes), not {type(value).__name__}")
    return value


def check_threshold(value: object) -> int | None:
    """``multipart_threshold`` (``None``: Zoom's single-upload limit) if it is 0..2,000,000,000."""
    if value is None:
        return None
    threshold = _int(value, "multipart_threshold")
    if not 0 <= threshold <= MAX_SINGLE_UPLOAD:
        raise ValueError(
            f"multipart_threshold={threshold!r} is outside 0..{MAX_SINGLE_UPLOAD:,}: "
            "Zoom takes at most 2 GB in one upload"
        )
    return threshold


def check_part_size(value: object) -> int | None:
    """``part_size`` (``None``: grown with the file) if it is 5 MiB..100,000,000 bytes."""
    if value is None:
        return None
    size = _int(value, "part_size")
    if not MIN_PART_SIZE <= size <= MAX_PART_SIZE:
        raise ValueError(
            f"part_size={size!r} is outside {MIN_PART_SIZE:,}..{MAX_PART_SIZE:,} bytes "
            "(Zoom's 5 MB to 100 MB, in either reading of MB)"
        )
    return size


def default_part_size(file_size: int) -> int:
    """``DEFAULT_PART_SIZE``, grown in whole MiB (capped at ``MAX_PART_SIZE``) to fit 100 parts."""
    needed = math.ceil(math.ceil(file_size / MAX_PARTS) / MIB) * MIB
    return min(MAX_PART_SIZE, max(DEFAULT_PART_SIZE, needed))


def file_to_upload(path: object) -> tuple[Path, int]:
    """The path and size of a regular, non-empty file; ``TypeError``/``ValueError`` else."""
    if not isinstance(path, str | os.PathLike):
        raise TypeError(f"path must be a str or os.PathLike, not {type(path).__name__}")
    file = Path(path)
    if not file.exists():
        raise FileNotFoundError(f"no file to upload at {str(file)!r}")
    if not file.is_file():
        raise ValueError(f"{str(file)!r} is not a regular file (a directory?): nothing to upload")
    size = file.stat().st_size
    if size == 0:
        raise ValueError(f"{str(file)!r} is empty: Zoom makes no clip of 0 bytes")
    return file, size


@attrs.frozen
class Part:
    """Part ``number`` (1-based) of a multipart upload: ``size`` bytes from ``offset``."""

    number: int
    offset: int
    size: int


@attrs.frozen
class UploadPlan:
    """A single upload (``part_size is None``) or a multipart one in parts of ``part_size``."""

    file_size: int
    part_size: int | None

    @property
    def multipart(self) -> bool:
        return self.part_size is not None

    def parts(self) -> list[Part]:
        """Every part, in order (none for a single upload)."""
        if self.part_size is None:
            return []
        step = self.part_size
        return [
            Part(number, offset, min(step, self.file_size - offset))
            for number, offset in enumerate(range(0, self.file_size, step), start=1)
        ]

    def part_sizes(self) -> list[int]:
        return [part.size for part in self.parts()]


def plan_upload(file_size: int, *, threshold: int | None, part_size: int | None) -> UploadPlan:
    """Single when ``file_size <= threshold``, else multipart; a ``ValueError`` if it cannot be.

    ``threshold``/``part_size`` are already checked (``None``: the defaults).
    """
    limit = DEFAULT_MULTIPART_THRESHOLD if threshold is None else threshold
    if file_size <= limit:
        return UploadPlan(file_size, None)
    if file_size > MAX_PARTS * MAX_PART_SIZE:
        raise ValueError(
            f"a file of {file_size:,} bytes is over Zoom's largest upload, "
            f"{MAX_PARTS} parts of {MAX_PART_SIZE:,} bytes"
        )
    size = default_part_size(file_size) if part_size is None else part_size
    count = math.ceil(file_size / size)
    if count > MAX_PARTS:
        raise ValueError(
            f"part_size={size:,} makes {count} parts of a {file_size:,}-byte file; Zoom takes at "
            f"most {MAX_PARTS}: use at least {math.ceil(file_size / MAX_PARTS):,} bytes"
        )
    return UploadPlan(file_size, size)
