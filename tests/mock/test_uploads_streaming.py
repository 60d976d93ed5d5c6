"""The upload path streams: the form reader's chunking and limits, memory bounded by a chunk."""

from __future__ import annotations

import asyncio
import hashlib
import random
import tracemalloc
from collections.abc import AsyncIterator, Iterable
from pathlib import Path

import httpx
import pytest
from zoom_clips.mock import MockConfig, create_app
from zoom_clips.mock import _routes_uploads as routes
from zoom_clips.mock._multipart import FormError, Received, read_form
from zoom_clips.mock._uploads import MAX_PART, MIN_PART, UploadBook, UploadRefusedError

from tests.mock.conftest import NOW, MakeMock

MIB = 1024 * 1024
BOUNDARY = "zc-boundary"
#: File content full of near-boundaries, line breaks and dashes, to trip a careless reader.
TRICKY = (b"\r\n--zc-boundar" + b"\r\n--" + b"--zc-boundary" + b"\r\r\n\n" + bytes(range(256))) * 40


def _form(fields: dict[str, str], file: bytes, filename: str = "clip.mp4") -> bytes:
    out = b""
    for name, value in fields.items():
        out += f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
        out += value.encode() + b"\r\n"
    head = f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
    out += head.encode() + b"Content-Type: video/mp4\r\n\r\n" + file + b"\r\n"
    return out + f"--{BOUNDARY}--\r\n".encode()


async def _chunks(body: bytes, sizes: Iterable[int]) -> AsyncIterator[bytes]:
    at = 0
    for size in sizes:
        if at >= len(body):
            break
        yield body[at : at + size]
        at += size
    if at < len(body):
        yield body[at:]


def _read(
    body: bytes, sizes: Iterable[int], directory: Path, file_limit: int | None = None
) -> tuple[dict[str, str], bytes]:
    content_type = f"multipart/form-data; boundary={BOUNDARY}"
    form = asyncio.run(
        read_form(_chunks(body, sizes), content_type, directory, file_limit=file_limit)
    )
    assert form.file is not None
    data = form.file.path.read_bytes()
    assert (form.file.size, form.file.md5) == (
        len(data),
        hashlib.md5(data, usedforsecurity=False).digest(),
    )
    assert form.file.filename == "clip.mp4"
    return form.fields, data


@pytest.mark.parametrize("seed", range(6))
def test_any_chunking_reads_the_same_form(tmp_path: Path, seed: int) -> None:
    """Whatever the chunk sizes (1 byte up), the fields and file read back exactly."""
    body = _form({"upload_context": "ctx-1", "part_number": "7"}, TRICKY)
    rng = random.Random(seed)  # noqa: S311 -- seeded test data
    sizes = [1] * 300 if seed == 0 else [rng.randint(1, 64) for _ in range(len(body))]
    fields, data = _read(body, sizes, tmp_path)
    assert fields == {"upload_context": "ctx-1", "part_number": "7"}
    assert data == TRICKY


def test_a_file_over_the_limit_is_refused_and_removed(tmp_path: Path) -> None:
    """read_form's file_limit takes the limit and refuses one byte more, leaving no file."""
    assert _read(_form({}, b"x" * 10), [4], tmp_path, file_limit=10)[1] == b"x" * 10
    refused = tmp_path / "refused"
    refused.mkdir()
    with pytest.raises(FormError, match="larger than 10 bytes"):
        _read(_form({}, b"x" * 11), [4], refused, file_limit=10)
    assert list(refused.iterdir()) == []


def test_a_second_file_field_is_refused(tmp_path: Path) -> None:
    """Two 'file' parts in one form are refused; neither stays on disk."""
    body = _form({}, b"a").replace(f"--{BOUNDARY}--".encode(), b"") + _form({}, b"b")
    with pytest.raises(FormError, match="more than one"):
        _read(body, [1000], tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_the_single_upload_route_enforces_its_limit(
    make_mock: MakeMock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """POST /clips/files refuses a file over MAX_SINGLE (2,000,000,000; here lowered to 10)."""
    monkeypatch.setattr(routes, "MAX_SINGLE", 10)
    mock = make_mock(clips=20)
    token = mock.token()
    headers = {"Authorization": f"Bearer {token}"}
    answer = mock.request(
        "POST", "/file/v2/clips/files", headers=headers, files={"file": ("a", b"x" * 11)}
    )
    assert (answer.status_code, answer.json()["code"]) == (400, 300)
    assert "larger than 10 bytes" in answer.json()["message"]


def _book_with_parts(
    tmp_path: Path, sizes: list[int]
) -> tuple[UploadBook, str, list[tuple[int, str]]]:
    book = UploadBook(0)
    context = book.create(("acct", None), "f.mp4", NOW)
    listed = []
    for number, size in enumerate(sizes, start=1):
        path = tmp_path / f"p{number}"
        path.write_bytes(b"")
        md5 = hashlib.md5(str(number).encode(), usedforsecurity=False).digest()
        book.add_part(context, number, Received(path, size, md5, None), kept=True)
        listed.append((number, md5.hex()))
    return book, context, listed


@pytest.mark.parametrize(
    ("sizes", "refused"),
    [
        ([MIN_PART, MIN_PART, 1], None),
        ([MAX_PART, MAX_PART], None),
        ([MIN_PART - 1, 1], 1),
        ([MAX_PART + 1, 1], 1),
        ([MIN_PART, MAX_PART + 1], 2),
        ([MIN_PART - 1], None),
    ],
)
def test_part_sizes_at_complete(tmp_path: Path, sizes: list[int], refused: int | None) -> None:
    """Parts but the last are 5 MiB..100,000,000 bytes, the last at most 100,000,000."""
    book, context, listed = _book_with_parts(tmp_path, sizes)
    if refused is None:
        stored, name = book.complete(context, listed)
        assert (stored.size, name) == (sum(sizes), "f.mp4")
        assert stored.etag.endswith(f'-{len(sizes)}"')
    else:
        with pytest.raises(UploadRefusedError, match=f"Part {refused} is"):
            book.complete(context, listed)


def test_a_200_mb_upload_does_not_hold_its_body_in_memory() -> None:
    """200 MB through the app (in process) peak at a few MiB of Python memory, not 200 MB."""
    app = create_app(MockConfig(clips=20))
    chunk = bytes(range(256)) * 4096  # 1 MiB, the same object every time
    head = (
        _form({}, b"").split(b"Content-Type: video/mp4\r\n\r\n")[0]
        + b"Content-Type: video/mp4\r\n\r\n"
    )
    tail = f"\r\n--{BOUNDARY}--\r\n".encode()

    async def body() -> AsyncIterator[bytes]:
        yield head
        for _ in range(200):
            yield chunk
        yield tail

    async def upload() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://mock") as client:
            token = (
                await client.post(
                    "/oauth/token",
                    auth=("mock-client-id", "mock-client-secret"),
                    data={"grant_type": "account_credentials", "account_id": "mock-master-account"},
                )
            ).json()["access_token"]
            headers = {
                "Authorization": f"Bearer {token}",
                "Content-Type": f"multipart/form-data; boundary={BOUNDARY}",
            }
            tracemalloc.start()
            try:
                return await client.post("/file/v2/clips/files", headers=headers, content=body())
            finally:
                peak = tracemalloc.get_traced_memory()[1]
                tracemalloc.stop()
                assert peak < 16 * MIB, f"peak {peak / MIB:.1f} MiB"

    try:
        answer = asyncio.run(upload())
        assert answer.status_code == 201, answer.text
        file = app.state.mock.file_of(answer.json()["clip_id"])
        assert file.size == 200 * MIB
    finally:
        app.state.mock.close()


@pytest.mark.parametrize(
    "content_type",
    ["multipart/form-data", "text/plain; boundary=zc-boundary", "", "multipart/mixed; boundary=b"],
)
def test_a_body_that_is_not_a_form_with_a_boundary_is_refused(
    tmp_path: Path, content_type: str
) -> None:
    """Only multipart/form-data with a boundary is read; anything else is a FormError."""
    chunks = _chunks(_form({}, b"x"), [100])
    with pytest.raises(FormError, match="multipart/form-data with a boundary"):
        asyncio.run(read_form(chunks, content_type, tmp_path))


def test_the_reader_skips_preamble_and_epilogue(tmp_path: Path) -> None:
    """Bytes before the first boundary and after the last are ignored, in any chunking."""
    body = b"preamble\r\n" + _form({"a": "1"}, b"xyz") + b"epilogue --zc-boundary\r\n"
    assert _read(body, [7] * len(body), tmp_path) == ({"a": "1"}, b"xyz")
    assert _read(body, [1] * len(body), tmp_path) == ({"a": "1"}, b"xyz")


def test_a_long_preamble_is_not_buffered(tmp_path: Path) -> None:
    """A megabyte of preamble streams past without the reader holding it."""
    body = b"p" * MIB + b"\r\n" + _form({"a": "1"}, b"xyz")
    tracemalloc.start()
    try:
        assert _read(body, [64 * 1024] * 20, tmp_path) == ({"a": "1"}, b"xyz")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < len(body) // 2, f"peak {peak / MIB:.1f} MiB"


def test_a_form_without_its_closing_boundary_is_refused(tmp_path: Path) -> None:
    """A body cut before the closing boundary is refused and its file removed."""
    body = _form({}, b"x" * 100).replace(f"\r\n--{BOUNDARY}--\r\n".encode(), b"")
    with pytest.raises(FormError, match="ends before its closing boundary"):
        _read(body, [10] * 20, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_a_form_with_no_parts_has_no_file(tmp_path: Path) -> None:
    """A body that is only the closing boundary reads as a form with no fields and no file."""
    content_type = f"multipart/form-data; boundary={BOUNDARY}"
    chunks = _chunks(f"--{BOUNDARY}--\r\n".encode(), [3] * 10)
    form = asyncio.run(read_form(chunks, content_type, tmp_path))
    assert (form.fields, form.file) == ({}, None)


def test_part_headers_over_16_kib_are_refused(tmp_path: Path) -> None:
    """A part whose headers together pass 16 KiB is refused, whatever their lines' lengths."""
    many = "".join(f"X-Pad-{n}: {'v' * 1000}\r\n" for n in range(17))
    body = _form({"a": "1"}, b"xyz").replace(b'name="a"\r\n', b'name="a"\r\n' + many.encode(), 1)
    with pytest.raises(FormError, match="headers are too long"):
        _read(body, [4096] * 20, tmp_path)
    few = "".join(f"X-Pad-{n}: {'v' * 1000}\r\n" for n in range(15))
    body = _form({"a": "1"}, b"xyz").replace(b'name="a"\r\n', b'name="a"\r\n' + few.encode(), 1)
    assert _read(body, [4096] * 20, tmp_path) == ({"a": "1"}, b"xyz")


def test_a_text_field_over_64_kib_is_refused(tmp_path: Path) -> None:
    """A text field takes 64 KiB and refuses one byte more."""
    limit = 64 * 1024
    assert _read(_form({"a": "v" * limit}, b"x"), [4096] * 40, tmp_path)[0] == {"a": "v" * limit}
    with pytest.raises(FormError, match="'a' is too long"):
        _read(_form({"a": "v" * (limit + 1)}, b"x"), [4096] * 40, tmp_path)


def test_a_malformed_part_is_a_form_error(tmp_path: Path) -> None:
    """A part header line without its line feed is a FormError, not python-multipart's own error."""
    body = _form({"a": "1"}, b"xyz").replace(b'name="a"\r\n', b'name="a"\rX', 1)
    with pytest.raises(FormError, match="malformed"):
        _read(body, [100] * 5, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_transport_padding_after_a_boundary_is_allowed(tmp_path: Path) -> None:
    """Spaces between a boundary and its line break (RFC 2046 padding) read as usual."""
    body = _form({"a": "1"}, b"xyz").replace(
        f"--{BOUNDARY}\r\n".encode(), f"--{BOUNDARY}  \t\r\n".encode()
    )
    assert _read(body, [1] * len(body), tmp_path) == ({"a": "1"}, b"xyz")


def test_a_boundary_line_without_its_line_break_is_refused(tmp_path: Path) -> None:
    """A boundary followed by more than 16 KiB and no line break is malformed, not buffered."""
    body = f"--{BOUNDARY}".encode() + b" " * (20 * 1024)
    with pytest.raises(FormError, match="boundary line is malformed"):
        _read(body, [1024] * 30, tmp_path)
