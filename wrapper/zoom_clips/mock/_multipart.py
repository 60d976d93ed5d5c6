"""A streaming ``multipart/form-data`` reader: text fields in memory, the file field to disk.

python-multipart (Starlette's own form dependency) finds the parts; its ``MultipartParser`` hands
each part's bytes over as they arrive. Starlette's ``request.form()`` would spool files to the
system's temporary directory; the mock streams each upload straight into its own directory
instead, hashing it on the way, so memory stays bounded by one network chunk whatever the size.

>>> import asyncio
>>> async def body():
...     yield b'--b\\r\\nContent-Disposition: form-data; name="n"\\r\\n\\r\\n2\\r\\n--b--'
>>> asyncio.run(read_form(body(), "multipart/form-data; boundary=b", Path("."))).fields
{'n': '2'}
"""

from __future__ import annotations

import email.message
import hashlib
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

import attrs
from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser

__all__ = ["Form", "FormError", "Received", "read_form"]

#: The largest text field and the largest block of part headers the reader accepts.
_FIELD_LIMIT = 64 * 1024
_HEADERS_LIMIT = 16 * 1024


class FormError(ValueError):
    """A body that is not the ``multipart/form-data`` the route expects (Zoom's 400 code 300)."""


@attrs.frozen
class Received:
    """A file field as written to disk: where, its length and md5, the file name it was sent as."""

    path: Path
    size: int
    md5: bytes
    filename: str | None


@attrs.frozen
class Form:
    """The text fields of a form, and its one file field (None if it had none)."""

    fields: dict[str, str]
    file: Received | None


def _params(header: str, value: str) -> email.message.Message:
    message = email.message.Message()
    message[header] = value
    return message


def boundary_of(content_type: str) -> bytes:
    """The boundary of a ``multipart/form-data`` content type, or :class:`FormError`."""
    message = _params("content-type", content_type)
    boundary = message.get_param("boundary")
    if message.get_content_type() != "multipart/form-data" or not isinstance(boundary, str):
        raise FormError("The body must be multipart/form-data with a boundary.")
    return boundary.encode("latin-1")


class _FirstBoundary:
    """The body up to the end of its first boundary line, which python-multipart is strict about.

    RFC 2046 allows a preamble before the first boundary and transport padding (spaces) after
    it; python-multipart refuses both there (it accepts padding after later boundaries). This
    drops the preamble, keeping only what may still be the start of the boundary, and hands on
    the first boundary line without its padding, then every byte after it as it came.
    """

    def __init__(self, boundary: bytes) -> None:
        self._boundary = boundary
        self._delimiter = b"\r\n--" + boundary
        self._buffer = bytearray(b"\r\n")  # so a boundary on the very first line is found too
        self._found = False

    def feed(self, chunk: bytes) -> bytes | None:
        """What to hand python-multipart once the first boundary line is whole; None before."""
        buffer = self._buffer
        buffer += chunk
        if not self._found:
            at = buffer.find(self._delimiter)
            if at < 0:
                del buffer[: max(0, len(buffer) - len(self._delimiter) + 1)]
                return None
            del buffer[: at + len(self._delimiter)]
            self._found = True
        if buffer[:2] == b"--":  # the closing boundary: a form with no parts
            return b"--" + self._boundary + bytes(buffer)
        at = buffer.find(b"\r\n")
        if at < 0:
            if len(buffer) > _HEADERS_LIMIT:
                raise FormError("The form's boundary line is malformed.")
            return None
        return b"--" + self._boundary + bytes(buffer[at:])


class _FileSink:
    """One file field being written: its temporary file in the mock's directory, size and md5."""

    def __init__(self, directory: Path, filename: str | None, limit: int | None) -> None:
        handle, name = tempfile.mkstemp(dir=directory, prefix="upload-", suffix=".part")
        self.path = Path(name)
        self._file = open(handle, "wb")  # noqa: SIM115 -- closed by close()
        self._md5 = hashlib.md5(usedforsecurity=False)
        self._limit = limit
        self.size = 0
        self.filename = filename

    def write(self, data: memoryview) -> None:
        self.size += len(data)
        if self._limit is not None and self.size > self._limit:
            raise FormError(f"The file is larger than {self._limit:,} bytes.")
        self._file.write(data)
        self._md5.update(data)

    def close(self) -> Received:
        self._file.close()
        return Received(self.path, self.size, self._md5.digest(), self.filename)

    def discard(self) -> None:
        self._file.close()
        self.path.unlink(missing_ok=True)


class _Reader:
    """python-multipart's callbacks for one form: its text fields, its file on disk."""

    def __init__(self, directory: Path, file_field: str, file_limit: int | None) -> None:
        self.fields: dict[str, str] = {}
        self.received: Received | None = None
        self.ended = False
        self._directory, self._file_field, self._file_limit = directory, file_field, file_limit
        self._sink: _FileSink | None = None
        self._text: bytearray | None = None
        self._name = ""
        self._headers: dict[str, str] = {}
        self._header_name = bytearray()
        self._header_value = bytearray()
        self._header_size = 0

    def parser(self, boundary: bytes) -> MultipartParser:
        """A python-multipart parser that calls this reader back."""
        callbacks = {
            "on_part_begin": self._part_begin,
            "on_header_field": self._header_field,
            "on_header_value": self._header_value_data,
            "on_header_end": self._header_end,
            "on_headers_finished": self._headers_finished,
            "on_part_data": self._part_data,
            "on_part_end": self._part_end,
            "on_end": self._end,
        }
        # Header lines are bounded here, by _HEADERS_LIMIT for a part's headers together.
        return MultipartParser(
            boundary,
            callbacks,  # type: ignore[arg-type]  # python-multipart types them as a TypedDict
            max_header_count=_HEADERS_LIMIT,
            max_header_size=_HEADERS_LIMIT,
        )

    def _part_begin(self) -> None:
        self._headers, self._header_size = {}, 0

    def _count_header(self, size: int) -> None:
        self._header_size += size
        if self._header_size > _HEADERS_LIMIT:
            raise FormError("A form part's headers are too long.")

    def _header_field(self, data: bytes, start: int, end: int) -> None:
        self._count_header(end - start)
        self._header_name += data[start:end]

    def _header_value_data(self, data: bytes, start: int, end: int) -> None:
        self._count_header(end - start)
        self._header_value += data[start:end]

    def _header_end(self) -> None:
        name = self._header_name.decode("utf-8", errors="replace").strip().lower()
        value = self._header_value.decode("utf-8", errors="replace").strip()
        self._headers[name] = value
        self._header_name, self._header_value = bytearray(), bytearray()

    def _headers_finished(self) -> None:
        disposition = _params("content-disposition", self._headers.get("content-disposition", ""))
        self._name = str(disposition.get_param("name", header="content-disposition") or "")
        if self._name != self._file_field:
            self._text = bytearray()
            return
        if self.received is not None or self._sink is not None:
            raise FormError(f"The form has more than one {self._file_field!r} field.")
        filename = disposition.get_filename()
        self._sink = _FileSink(self._directory, filename, self._file_limit)

    def _part_data(self, data: bytes, start: int, end: int) -> None:
        chunk = memoryview(data)[start:end]  # a view: a network chunk is never copied
        if self._sink is not None:
            self._sink.write(chunk)
        elif self._text is not None:
            self._text += chunk
            if len(self._text) > _FIELD_LIMIT:
                raise FormError(f"The form field {self._name!r} is too long.")

    def _part_end(self) -> None:
        if self._sink is not None:
            self.received, self._sink = self._sink.close(), None
        elif self._text is not None:
            self.fields[self._name] = self._text.decode("utf-8", errors="replace")
            self._text = None

    def _end(self) -> None:
        self.ended = True

    def discard(self) -> None:
        """Remove what was written (the form was refused)."""
        if self._sink is not None:
            self._sink.discard()
        if self.received is not None:
            self.received.path.unlink(missing_ok=True)


async def read_form(
    chunks: AsyncIterator[bytes],
    content_type: str,
    directory: Path,
    *,
    file_field: str = "file",
    file_limit: int | None = None,
) -> Form:
    """Read a form: its ``file_field`` part into a new file in ``directory``, the rest as text.

    :class:`FormError` for a malformed body, a second file field, an oversized text field, or
    a file over ``file_limit`` bytes; what was written of it is removed.
    """
    boundary = boundary_of(content_type)
    first: _FirstBoundary | None = _FirstBoundary(boundary)
    reader = _Reader(directory, file_field, file_limit)
    parser = reader.parser(boundary)
    try:
        async for chunk in chunks:
            data = chunk if first is None else first.feed(chunk)
            if data is not None:
                first = None
                _write(parser, data)
        _check_ended(reader)
    except BaseException:
        reader.discard()
        raise
    return Form(reader.fields, reader.received)


def _write(parser: MultipartParser, data: bytes) -> None:
    try:
        parser.write(data)
    except MultipartParseError as exc:
        raise FormError(f"The form is malformed: {exc}") from None


def _check_ended(reader: _Reader) -> None:
    if not reader.ended:
        raise FormError("The form ends before its closing boundary.")
