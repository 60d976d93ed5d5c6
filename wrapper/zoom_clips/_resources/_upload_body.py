"""The multipart/form-data bodies of the uploads, streamed from disk and rebuilt per attempt.

httpx streams a file object of a ``files=`` field in 64 KiB chunks (seeking it to 0 first, so
a resent request starts over) and measures its length with ``fileno``/``fstat``, else with
``seek``/``tell``. A part is a ``FileWindow``: a read-only view of ``[offset, offset + size)``
of the file without ``fileno``, so httpx measures the window and never the whole file, and
memory holds one chunk at a time. Each body is built by a factory the request path calls once
per attempt (and per 307/308 hop), with an ``ExitStack`` that closes the file after it.

The file must stay as it was when the upload started (its ``FileStamp``): each factory checks the
file it opened before sending a byte, and a window that meets the end of the file early (the
file shrank while it was read) raises ``UploadError``, where httpx would send a body shorter
than its ``Content-Length`` (h11's untyped ``LocalProtocolError`` on a real connection).
"""

from __future__ import annotations

import io
import mimetypes
import os
from collections.abc import Callable, Mapping
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from .._errors import UploadError
from ._upload_plan import Part
from ._upload_state import FileStamp

__all__ = ["Body", "FileWindow", "part_body", "single_body"]

#: A request body built afresh for each attempt (httpx's ``files=``/``data=``); the files it
#: opens go on the ``ExitStack``, which the request path closes once the attempt is answered.
Body = Callable[[ExitStack], Mapping[str, Any]]


class FileWindow(io.RawIOBase):
    """Bytes ``[offset, offset + size)`` of ``file``, as a file of ``size`` bytes.

    ``fileno`` raises (``io.RawIOBase``'s), so httpx takes the length from ``seek``/``tell``.
    The end of the file before the window's end is ``UploadError``: the file shrank.
    """

    def __init__(self, file: io.BufferedReader, offset: int, size: int) -> None:
        super().__init__()
        self._file = file
        self._offset = offset
        self._size = size
        self._position = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        base = {os.SEEK_SET: 0, os.SEEK_CUR: self._position, os.SEEK_END: self._size}[whence]
        self._position = min(max(0, base + offset), self._size)
        return self._position

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        wanted = min(len(view), self._size - self._position)
        if wanted <= 0:
            return 0
        self._file.seek(self._offset + self._position)
        got = self._file.readinto(view[:wanted])
        if not got:
            raise UploadError(
                f"the file ended at byte {self._offset + self._position:,} while it was being "
                f"sent, before the {self._offset + self._size:,} bytes announced: it shrank "
                "while it was uploading; upload it again once it is final"
            )
        self._position += got
        return got

    def close(self) -> None:
        self._file.close()
        super().close()


def _content_type(file_name: str) -> str:
    guessed, _ = mimetypes.guess_type(file_name)
    return guessed or "application/octet-stream"


def _window(stack: ExitStack, path: Path, stamp: FileStamp, name: str, part: Part) -> FileWindow:
    """``part`` of the file at ``path``, opened and checked against ``stamp`` (``UploadError``)."""
    try:
        file = stack.enter_context(path.open("rb"))
    except OSError as exc:  # deleted, or its permissions changed, since the upload started
        raise UploadError(f"{name!r} can no longer be read: {exc}") from exc
    stamp.check(os.fstat(file.fileno()), name)
    return stack.enter_context(FileWindow(file, part.offset, part.size))


def single_body(path: Path, file_name: str, stamp: FileStamp) -> Body:
    """``POST /clips/files``: the form field ``file``, the whole file streamed."""
    whole = Part(1, 0, stamp.size)

    def build(stack: ExitStack) -> Mapping[str, Any]:
        window = _window(stack, path, stamp, file_name, whole)
        return {"files": {"file": (file_name, window, _content_type(file_name))}}

    return build


def part_body(path: Path, file_name: str, context: str, part: Part, stamp: FileStamp) -> Body:
    """``POST /clips/files/multipart``: ``upload_context``, ``part_number`` and the part's bytes."""

    def build(stack: ExitStack) -> Mapping[str, Any]:
        window = _window(stack, path, stamp, file_name, part)
        return {
            "data": {"upload_context": context, "part_number": str(part.number)},
            "files": {"file": (file_name, window, "application/octet-stream")},
        }

    return build
