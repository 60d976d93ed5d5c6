"""Where a multipart upload stands (``UploadState``), its sidecar file, and the file's identity.

Two identities: ``FileIdentity`` (size, ``mtime_ns``, sha256 of the first MiB) is saved with the
state and tells, days later, whether a file is still the one the parts came from; ``FileStamp``
(size, ``mtime_ns``, ``ctime_ns``, inode, device: one ``stat``) is taken when an upload starts and
checked before every part and before Complete, so a file that shrinks, grows, is rewritten in
place (even to the same size and ``mtime``: ``ctime`` moves) or replaced while it uploads stops
the upload with ``UploadError`` instead of completing a clip from a mix of two files.

An ``UploadState`` is what a caller persists to resume an interrupted multipart upload: which
file (its size, ``mtime_ns`` and the sha256 of its first MiB), the part size, Zoom's
``upload_context``, when the upload was created (Zoom drops it after 7 days) and the etag of
every part Zoom acknowledged. It round-trips through JSON (``to_json``/``from_json``); a sidecar
file holding that JSON is replaced atomically (write a temporary file beside it, then
``os.replace``) so a kill never leaves half a state.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import attrs

from .._errors import UploadError, UploadExpiredError

__all__ = [
    "UPLOAD_LIFETIME",
    "FileIdentity",
    "FileStamp",
    "UploadState",
    "read_sidecar",
    "remove_sidecar",
    "write_sidecar",
]

#: How long Zoom keeps a multipart upload after its ``CreateMultipartUpload``.
UPLOAD_LIFETIME = timedelta(days=7)
_HEAD_BYTES = 1024 * 1024
_FORMAT = 1


@attrs.frozen
class FileIdentity:
    """What tells a file apart from another, or from itself after a change."""

    size: int
    mtime_ns: int
    head_sha256: str

    @classmethod
    def of(cls, path: Path) -> tuple[FileIdentity, FileStamp]:
        """The identity of the file at ``path`` now, and its stamp (of the same ``fstat``)."""
        with path.open("rb") as file:
            stat = os.fstat(file.fileno())
            head = hashlib.sha256(file.read(_HEAD_BYTES)).hexdigest()
        return cls(stat.st_size, stat.st_mtime_ns, head), FileStamp.of(stat)


@attrs.frozen
class FileStamp:
    """What the file system says of a file at one moment, from one ``stat``: a write, a
    truncation, an ``os.utime`` (it moves ``ctime``) or another file renamed over the path
    changes it. Cheap enough to check before every part; never saved (an inode is local)."""

    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int
    device: int

    @classmethod
    def of(cls, stat: os.stat_result) -> FileStamp:
        return cls(stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, stat.st_dev)

    def check(self, stat: os.stat_result, file_name: str) -> None:
        """``UploadError`` if ``stat`` is not of the file as it was stamped."""
        now = FileStamp.of(stat)
        if now == self:
            return
        if now.size != self.size:
            what = f"its size went from {self.size:,} to {now.size:,} bytes"
        elif (now.inode, now.device) != (self.inode, self.device):
            what = "another file replaced it"
        else:
            what = "it was written to (its mtime or ctime moved)"
        raise UploadError(
            f"{file_name!r} changed while it was uploading ({what}): nothing was completed "
            "from it; upload it again once it is final"
        )


def _short(context: str) -> str:
    return repr(context[:8] + "..." if len(context) > 12 else "...")


def _parts(value: Mapping[int, str] | tuple[tuple[int, str], ...]) -> tuple[tuple[int, str], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple(sorted((int(number), str(etag)) for number, etag in items))


@attrs.frozen
class UploadState:
    """Where a multipart upload stands; persist it (``to_json``) to resume the upload later.

    An interrupted multipart upload raises its error with the latest state as the error's
    ``upload_state``; ``client.clips.upload(path, resume=state)`` then sends only the parts
    missing from ``etags``. The repr never shows the whole ``upload_context``.

    >>> try:  # doctest: +SKIP
    ...     client.clips.upload("talk.mp4")
    ... except zoom_clips.ZoomClipsError as exc:
    ...     if exc.upload_state is not None:
    ...         Path("talk.json").write_text(exc.upload_state.to_json())
    >>> client.clips.upload("talk.mp4",  # doctest: +SKIP
    ...     resume=UploadState.from_json(Path("talk.json").read_text()))
    """

    file_name: str
    file: FileIdentity
    part_size: int
    upload_context: str = attrs.field(repr=_short)
    created_at: datetime
    parts: tuple[tuple[int, str], ...] = attrs.field(default=(), converter=_parts)

    @property
    def etags(self) -> dict[int, str]:
        """``{part_number: etag}`` of every part Zoom acknowledged."""
        return dict(self.parts)

    def with_part(self, number: int, etag: str) -> UploadState:
        """This state with part ``number`` acknowledged as ``etag``."""
        return attrs.evolve(self, parts=self.etags | {number: etag})

    def expires_at(self) -> datetime:
        return self.created_at + UPLOAD_LIFETIME

    def check_usable(self, file: FileIdentity, now: datetime) -> None:
        """``UploadError`` if the state is not of ``file`` as it is now, ``UploadExpiredError``
        if its 7 days are over."""
        if self.file != file:
            raise UploadError(
                f"the resume state of {self.file_name!r} is not of this file, or the file "
                "changed since (its size, mtime or first MiB differ): upload it again "
                "without the state"
            )
        if now >= self.expires_at():
            raise UploadExpiredError(
                f"the multipart upload of {self.file_name!r} was created at "
                f"{self.created_at.isoformat()}; Zoom dropped it 7 days later: upload the "
                "file again without the state"
            )

    def to_json(self) -> str:
        """The state as JSON text (``from_json`` reads it back)."""
        return json.dumps(
            {
                "format": _FORMAT,
                "file_name": self.file_name,
                "file": attrs.asdict(self.file),
                "part_size": self.part_size,
                "upload_context": self.upload_context,
                "created_at": self.created_at.isoformat(),
                "parts": [{"part_number": n, "etag": etag} for n, etag in self.parts],
            },
            indent=2,
        )

    @classmethod
    def from_json(cls, text: str | bytes) -> UploadState:
        """A state from ``to_json``'s text; ``UploadError`` for anything else."""
        try:
            data: Any = json.loads(text)
            _check_format(data["format"])
            created_at = _aware(datetime.fromisoformat(data["created_at"]))
            file = data["file"]
            return cls(
                file_name=_text(data["file_name"]),
                file=FileIdentity(
                    _count(file["size"]), _count(file["mtime_ns"]), _text(file["head_sha256"])
                ),
                part_size=_count(data["part_size"]),
                upload_context=_text(data["upload_context"]),
                created_at=created_at.astimezone(UTC),
                parts=tuple(
                    (_count(part["part_number"]), _text(part["etag"])) for part in data["parts"]
                ),
            )
        except (ValueError, TypeError, KeyError) as exc:
            raise UploadError(f"not an upload state: {exc}") from exc


def _check_format(value: object) -> None:
    if value != _FORMAT:
        raise ValueError(f"format {value!r}, not {_FORMAT}")


def _aware(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("created_at has no time zone")
    return value


def _text(value: object) -> str:
    if not isinstance(value, str) or not value:
        raise TypeError(f"expected a non-empty string, not {value!r}")
    return value


def _count(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise TypeError(f"expected an int >= 0, not {value!r}")
    return value


def read_sidecar(path: Path) -> UploadState | None:
    """The state saved at ``path``, or ``None`` when there is no file there."""
    try:
        text = path.read_bytes()
    except FileNotFoundError:
        return None
    return UploadState.from_json(text)


def write_sidecar(path: Path, state: UploadState) -> None:
    """Save ``state`` at ``path`` atomically: a temporary file beside it, fsynced, replaced."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            file.write(state.to_json())
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def remove_sidecar(path: Path) -> None:
    """Delete the sidecar of a finished upload (already gone is fine)."""
    path.unlink(missing_ok=True)
