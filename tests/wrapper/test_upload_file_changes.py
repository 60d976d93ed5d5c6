"""A file that changes while it uploads, sync and async over ``httpx.MockTransport``: shrunk,
rewritten to the same size and mtime, grown, replaced or deleted between parts, shrunk while a
part is read, changed during the last part: each stops the upload with ``UploadError`` carrying
``upload_state``, and Complete is never sent for a mix of two files."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
import zoom_clips as zc

from .clips_api_support import call
from .conftest import NOW, Facade, FakeZoom, make_auth
from .upload_support import MIB, FakeFileAPI, form_of, write_file

PARTS = {"part_size": 5 * MIB}


def shrink(path: Path) -> None:
    with path.open("r+b") as file:
        file.truncate(7 * MIB)


def rewrite_same_size_and_mtime(path: Path) -> None:
    """Other bytes, the same size, and the mtime put back (only ctime tells)."""
    stat = path.stat()
    path.write_bytes(bytes(reversed(path.read_bytes())))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def grow(path: Path) -> None:
    with path.open("ab") as file:
        file.write(b"more")


def replace(path: Path) -> None:
    """Another file of the same bytes renamed over the path (a new inode)."""
    twin = path.with_name("twin.mp4")
    twin.write_bytes(path.read_bytes())
    os.replace(twin, path)


def delete(path: Path) -> None:
    path.unlink()


def changing_after_part(
    api: FakeFileAPI, number: int, change: Callable[[], None]
) -> Callable[[httpx.Request], httpx.Response]:
    """The file API, and ``change`` made once part ``number`` has been acknowledged."""
    changed: list[bool] = []

    def handler(request: httpx.Request) -> httpx.Response:
        response = api(request)
        if api.part_numbers()[-1:] == [number] and not changed:
            changed.append(True)
            change()
        return response

    return handler


def completes(api: FakeFileAPI) -> int:
    return len([e for e in api.events if e["method"] == "CompleteMultipartUpload"])


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (shrink, "its size went from 11,534,336 to 7,340,032 bytes"),
        (rewrite_same_size_and_mtime, "it was written to"),
        (grow, "its size went from 11,534,336 to 11,534,340 bytes"),
        (replace, "another file replaced it"),
        (delete, "can no longer be read"),
    ],
)
def test_a_file_changed_between_parts_stops_the_upload_with_its_state(
    make_client: Callable[..., Facade],
    tmp_path: Path,
    change: Callable[[Path], None],
    says: str,
) -> None:
    """Changed after part 1: UploadError before part 2 is sent, state of part 1, no Complete."""
    path = tmp_path / "big.mp4"
    write_file(path, 11 * MIB)
    api = FakeFileAPI()
    handler = changing_after_part(api, 1, lambda: change(path))
    with pytest.raises(zc.UploadError, match=says) as caught:
        call(make_client(FakeZoom(handler)), "upload", path, **PARTS)
    assert api.part_numbers() == [1]
    assert completes(api) == 0
    state = caught.value.upload_state
    assert state is not None
    assert list(state.etags) == [1]
    assert state.upload_context == api.context


def test_a_file_changed_during_the_last_part_is_not_completed(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """Rewritten while part 3 went out: every part acknowledged, and still no Complete."""
    path = tmp_path / "big.mp4"
    write_file(path, 11 * MIB)
    api = FakeFileAPI()
    handler = changing_after_part(api, 3, lambda: rewrite_same_size_and_mtime(path))
    with pytest.raises(zc.UploadError, match="changed while it was uploading") as caught:
        call(make_client(FakeZoom(handler)), "upload", path, **PARTS)
    assert api.part_numbers() == [1, 2, 3]
    assert completes(api) == 0
    assert caught.value.upload_state is not None
    assert sorted(caught.value.upload_state.etags) == [1, 2, 3]


class ChangingBeforeRead(httpx.MockTransport):
    """A mock transport calling ``before_read(request)`` before it reads the request's body
    (``MockTransport`` reads it before the handler sees it): a file changed mid-request."""

    def __init__(self, api: FakeFileAPI, before_read: Callable[[httpx.Request], None]) -> None:
        super().__init__(FakeZoom(api))
        self.before_read = before_read

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.before_read(request)
        return super().handle_request(request)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.before_read(request)
        return await super().handle_async_request(request)


def client_over(kind: str, transport: httpx.MockTransport) -> Facade:
    policy = zc.RetryPolicy(rand=lambda: 0.5, now=lambda: NOW)
    if kind == "sync":
        http: httpx.Client = httpx.Client(transport=transport)
        return Facade(
            kind, zc.ZoomClips(auth=make_auth(), http_client=http, retry_policy=policy), []
        )
    ahttp = httpx.AsyncClient(transport=transport)
    return Facade(
        kind, zc.AsyncZoomClips(auth=make_auth(), http_client=ahttp, retry_policy=policy), []
    )


def test_a_file_that_shrinks_while_a_part_is_read_stops_that_part(
    kind: str, tmp_path: Path
) -> None:
    """Truncated after part 2's request was built, while its bytes are read: UploadError (on a
    real connection httpx would send less than its Content-Length: h11's untyped error)."""
    path = tmp_path / "big.mp4"
    write_file(path, 11 * MIB)
    api = FakeFileAPI()

    def before_read(request: httpx.Request) -> None:
        if request.url.path.endswith("/multipart") and api.part_numbers() == [1]:
            shrink(path)

    client = client_over(kind, ChangingBeforeRead(api, before_read))
    with pytest.raises(zc.UploadError, match="it shrank while it was uploading") as caught:
        call(client, "upload", path, **PARTS)
    assert api.part_numbers() == [1]
    assert completes(api) == 0
    assert caught.value.upload_state is not None
    assert list(caught.value.upload_state.etags) == [1]


def test_a_single_upload_of_a_file_that_shrinks_while_read_is_upload_error(
    kind: str, tmp_path: Path
) -> None:
    """The whole-file body ends early: UploadError (no state: Zoom made nothing to resume)."""
    path = tmp_path / "f.mp4"
    write_file(path, 200_000)
    api = FakeFileAPI()

    def before_read(request: httpx.Request) -> None:
        with path.open("r+b") as file:
            file.truncate(1000)

    with pytest.raises(zc.UploadError, match="shrank") as caught:
        call(client_over(kind, ChangingBeforeRead(api, before_read)), "upload", path)
    assert caught.value.upload_state is None
    assert api.singles == []


def test_a_part_resent_after_a_failure_is_checked_again(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """A part that failed once is not resent from a file rewritten in the meantime."""
    path = tmp_path / "big.mp4"
    write_file(path, 11 * MIB)
    api = FakeFileAPI()

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/multipart") and form_of(request)["part_number"][1] == b"2":
            rewrite_same_size_and_mtime(path)
            return httpx.Response(503)
        return api(request)

    with pytest.raises(zc.UploadError, match="it was written to") as caught:
        call(make_client(FakeZoom(handler)), "upload", path, **PARTS)
    assert completes(api) == 0
    assert caught.value.upload_state is not None
    assert list(caught.value.upload_state.etags) == [1]


def test_an_unchanged_file_uploads_whole(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """The checks cost the happy path nothing it can see: every byte, once, and Complete."""
    path = tmp_path / "big.mp4"
    data = write_file(path, 11 * MIB)
    api = FakeFileAPI()
    assert call(make_client(FakeZoom(api)), "upload", path, **PARTS) == "clip-multi"
    assert b"".join(part for _, part in api.parts) == data
    assert completes(api) == 1
