"""A streaming ``multipart/form-data`` reader: text fields in memory, the file field to disk.

Starlette's ``request.form()`` needs python-multipart and spools files to the system's temporary
directory; the mock streams each upload straight into its own directory instead, hashing it on
the way, so memory stays bounded by one network chunk whatever the file's size.

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
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import attrs

__all__ = ["Form", "FormError", "Received", "read_form"]

Event = tuple[str, object]

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


class _Parser:
    """RFC 7578's body as events: ``("part", headers)``, ``("data", bytes)``, ``("end", None)``."""

    def __init__(self, boundary: bytes) -> None:
        self._delimiter = b"\r\n--" + boundary
        self._buffer = bytearray(b"\r\n")  # so the first boundary reads as a delimiter too
        self._state = "preamble"

    @property
    def done(self) -> bool:
        """Whether the closing boundary has been read."""
        return self._state == "epilogue"

    def feed(self, chunk: bytes) -> Iterator[Event]:
        """The events ``chunk`` completes; what may still be a boundary waits for the next."""
        self._buffer += chunk
        steps = {"preamble": self._data, "body": self._data, "after": self._after}
        while self._state != "epilogue":
            step = steps.get(self._state, self._headers)
            events = step()
            if events is None:
                return
            yield from events
        self._buffer.clear()  # the epilogue is ignored

    def _data(self) -> list[Event] | None:
        buffer, delimiter = self._buffer, self._delimiter
        in_body = self._state == "body"
        at = buffer.find(delimiter)
        if at < 0:
            keep = len(buffer) - len(delimiter) + 1
            events: list[Event] = []
            if keep > 0:
                if in_body:
                    events.append(("data", bytes(buffer[:keep])))
                del buffer[:keep]
            return events if events else None
        events = [("data", bytes(buffer[:at]))] if in_body and at else []
        if in_body:
            events.append(("end", None))
        del buffer[: at + len(delimiter)]
        self._state = "after"
        return events

    def _after(self) -> list[Event] | None:
        """After a delimiter: ``--`` ends the form, a line break starts a part's headers."""
        buffer = self._buffer
        if buffer[:2] == b"--":
            self._state = "epilogue"
            return []
        at = buffer.find(b"\r\n")
        if at < 0:  # transport padding before the line break
            if len(buffer) > _HEADERS_LIMIT:
                raise FormError("The form's boundary line is malformed.")
            return None
        del buffer[: at + 2]
        self._state = "headers"
        return []

    def _headers(self) -> list[Event] | None:
        buffer = self._buffer
        if buffer.startswith(b"\r\n"):
            raw, skip = b"", 2
        else:
            at = buffer.find(b"\r\n\r\n")
            if at < 0:
                if len(buffer) > _HEADERS_LIMIT:
                    raise FormError("A form part's headers are too long.")
                return None
            raw, skip = bytes(buffer[:at]), at + 4
        del buffer[:skip]
        self._state = "body"
        return [("part", _headers(raw))]


def _headers(raw: bytes) -> dict[str, str]:
    headers: dict[str, str] = {}
    for line in raw.decode("utf-8", errors="replace").split("\r\n"):
        name, colon, value = line.partition(":")
        if colon:
            headers[name.strip().lower()] = value.strip()
    return headers


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

    def write(self, data: bytes) -> None:
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
    """What the events of one form build: its text fields and its file on disk."""

    def __init__(self, directory: Path, file_field: str, file_limit: int | None) -> None:
        self.fields: dict[str, str] = {}
        self.received: Received | None = None
        self._directory, self._file_field, self._file_limit = directory, file_field, file_limit
        self._sink: _FileSink | None = None
        self._text: bytearray | None = None
        self._name = ""

    def handle(self, event: str, value: object) -> None:
        if event == "part" and isinstance(value, dict):
            self._begin(value)
        elif event == "data" and isinstance(value, bytes):
            if self._sink is not None:
                self._sink.write(value)
            elif self._text is not None:
                self._text += value
                if len(self._text) > _FIELD_LIMIT:
                    raise FormError(f"The form field {self._name!r} is too long.")
        elif self._sink is not None:
            self.received, self._sink = self._sink.close(), None
        elif self._text is not None:
            self.fields[self._name] = self._text.decode("utf-8", errors="replace")
            self._text = None

    def _begin(self, headers: dict[str, str]) -> None:
        disposition = _params("content-disposition", headers.get("content-disposition", ""))
        self._name = str(disposition.get_param("name", header="content-disposition") or "")
        if self._name != self._file_field:
            self._text = bytearray()
            return
        if self.received is not None or self._sink is not None:
            raise FormError(f"The form has more than one {self._file_field!r} field.")
        filename = disposition.get_filename()
        self._sink = _FileSink(self._directory, filename, self._file_limit)

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
    parser = _Parser(boundary_of(content_type))
    reader = _Reader(directory, file_field, file_limit)
    try:
        async for chunk in chunks:
            for event, value in parser.feed(chunk):
                reader.handle(event, value)
        _check_done(parser)
    except BaseException:
        reader.discard()
        raise
    return Form(reader.fields, reader.received)


def _check_done(parser: _Parser) -> None:
    if not parser.done:
        raise FormError("The form ends before its closing boundary.")
