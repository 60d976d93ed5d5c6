"""The download (302 to a pre-signed URL) and the mock's file host: bytes, ranges, refusals."""

from __future__ import annotations

import hashlib
import logging
import random
import time
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from zoom_clips.mock import MockClock, MockConfig, serve
from zoom_clips.mock._files import BLOCK, RangeNotSatisfiableError, SeededFile, parse_range

from tests.mock.conftest import NOW, InProcess, MakeMock

SIZE = 3 * BLOCK + 12_345


def _ready_clip(mock: InProcess, size: int = SIZE, **changes: Any) -> str:
    """A finished clip of the master account, its file ``size`` bytes."""
    clip = next(
        c
        for c in mock.state.dataset.clips
        if c["status"] == "RECORD_SUCCESS" and c["file_size"] > 0
    )
    answer = mock.request(
        "POST", f"/_mock/clips/{clip['clip_id']}", json={"file_size": size, **changes}
    )
    assert answer.status_code == 200, answer.text
    return str(clip["clip_id"])


def _location(mock: InProcess, clip_id: str) -> str:
    answer = mock.api("GET", f"/clips/{clip_id}/download")
    assert answer.status_code == 302, answer.text
    return answer.headers["location"]


def _bytes(mock: InProcess, clip_id: str, start: int = 0, stop: int | None = None) -> bytes:
    file = mock.state.file_of(clip_id)
    assert file is not None
    return b"".join(file.chunks(start, stop))


def test_download_redirects_to_a_url_presigned_for_an_hour(mock: InProcess) -> None:
    """The download is a 302 to /_files/{id} on the same origin, expiring in 3600 s of mock time."""
    clip_id = _ready_clip(mock)
    location = urlsplit(_location(mock, clip_id))
    query = parse_qs(location.query)
    assert (location.scheme, location.netloc) == ("http", "mock")
    assert location.path == f"/_files/{clip_id}"
    assert query["expires"] == [str(int(NOW.timestamp()) + 3600)]
    assert query["signature"] == [mock.state.files.signature(clip_id, int(NOW.timestamp()) + 3600)]


def test_download_of_unknown_or_deleted_clip_is_404_10002(mock: InProcess) -> None:
    """A clip that never existed, or one deleted, has no file: 404 code 10002."""
    unknown = mock.api("GET", f"/clips/{'x' * 100}/download")
    assert (unknown.status_code, unknown.json()["code"]) == (404, 10002)
    assert unknown.json()["message"] == f"The clip file does not exist: {'x' * 80}."
    clip_id = _ready_clip(mock)
    assert mock.api("DELETE", f"/clips/{clip_id}").status_code == 204
    answer = mock.api("GET", f"/clips/{clip_id}/download")
    assert (answer.status_code, answer.json()["code"]) == (404, 10002)


def test_download_of_a_clip_without_a_file_yet_is_400_50002(mock: InProcess) -> None:
    """A clip whose file_size is 0 (still recording) answers 400 code 50002, mp4 not ready."""
    clip_id = _ready_clip(mock, size=0, status="RECORD_START")
    answer = mock.api("GET", f"/clips/{clip_id}/download")
    assert answer.status_code == 400
    assert answer.json() == {"code": 50002, "message": "clip mp4 is not ready"}


def test_download_needs_a_token_and_reaches_only_the_tokens_clips(mock: InProcess) -> None:
    """No token is 401; a user token on another user's clip is 403 code 1003."""
    clip_id = _ready_clip(mock)
    assert mock.request("GET", f"/v2/clips/{clip_id}/download").status_code == 401
    owner = mock.state.dataset.clip(clip_id)
    assert owner is not None
    assert owner.owner.id != mock.state.refresh_user_id
    answer = mock.api("GET", f"/clips/{clip_id}/download", token=mock.user_token())
    assert (answer.status_code, answer.json()["code"]) == (403, 1003)


def test_file_host_serves_the_whole_file_with_its_headers(mock: InProcess) -> None:
    """A plain GET is 200 with length, type, ranges, ETag, disposition, and the file's bytes."""
    clip_id = _ready_clip(mock, title='Q3 "final" cut')
    answer = mock.request("GET", _location(mock, clip_id))
    assert answer.status_code == 200
    assert answer.content == _bytes(mock, clip_id)
    assert len(answer.content) == SIZE
    assert answer.headers["content-length"] == str(SIZE)
    assert answer.headers["content-type"] == "video/mp4"
    assert answer.headers["accept-ranges"] == "bytes"
    assert answer.headers["etag"].startswith('"')
    assert answer.headers["content-disposition"] == 'attachment; filename="Q3 \\"final\\" cut.mp4"'


def test_a_title_that_is_not_ascii_is_sent_as_filename_star_too(mock: InProcess) -> None:
    """A non-ASCII title gets an ASCII filename and the exact name as RFC 5987 filename*."""
    clip_id = _ready_clip(mock, size=10, title="Réunion été.mp4")
    answer = mock.request("HEAD", _location(mock, clip_id))
    assert answer.headers["content-disposition"] == (
        'attachment; filename="R?union ?t?.mp4"; '
        "filename*=UTF-8''R%C3%A9union%20%C3%A9t%C3%A9.mp4"
    )


def test_head_sends_the_headers_without_a_body(mock: InProcess) -> None:
    """HEAD answers GET's status and headers with an empty body, and uses up no cut."""
    clip_id = _ready_clip(mock)
    mock.state.files.cut_next(10)
    answer = mock.request("HEAD", _location(mock, clip_id), headers={"Range": "bytes=5-"})
    assert answer.status_code == 206
    assert answer.headers["content-length"] == str(SIZE - 5)
    assert answer.content == b""
    assert mock.state.files.take_cut() == 10


@pytest.mark.parametrize(
    ("header", "start", "stop"),
    [
        ("bytes=0-0", 0, 1),
        ("bytes=100-199", 100, 200),
        (f"bytes={BLOCK - 3}-{BLOCK + 3}", BLOCK - 3, BLOCK + 4),
        ("bytes=2000000-", 2_000_000, SIZE),
        ("bytes=-500", SIZE - 500, SIZE),
        (f"bytes=-{SIZE + 10}", 0, SIZE),
        (f"bytes=10-{SIZE + 99}", 10, SIZE),
    ],
)
def test_one_range_is_206_with_content_range(
    mock: InProcess, header: str, start: int, stop: int
) -> None:
    """Each form of one byte range answers 206, its Content-Range and exactly its bytes."""
    clip_id = _ready_clip(mock)
    answer = mock.request("GET", _location(mock, clip_id), headers={"Range": header})
    assert answer.status_code == 206
    assert answer.headers["content-range"] == f"bytes {start}-{stop - 1}/{SIZE}"
    assert answer.content == _bytes(mock, clip_id, start, stop)


@pytest.mark.parametrize("header", [f"bytes={SIZE}-", f"bytes={SIZE + 5}-{SIZE + 9}", "bytes=-0"])
def test_an_unsatisfiable_range_is_416(mock: InProcess, header: str) -> None:
    """A range starting at or past the end (or empty suffix) is 416 with bytes */size."""
    clip_id = _ready_clip(mock)
    answer = mock.request("GET", _location(mock, clip_id), headers={"Range": header})
    assert answer.status_code == 416
    assert answer.headers["content-range"] == f"bytes */{SIZE}"


@pytest.mark.parametrize("header", ["bytes=0-1,5-9", "items=0-5", "bytes=9-2", "bytes=x-"])
def test_ranges_it_does_not_serve_are_ignored(mock: InProcess, header: str) -> None:
    """Several ranges, another unit or a malformed range get the whole file, 200."""
    clip_id = _ready_clip(mock, size=5000)
    answer = mock.request("GET", _location(mock, clip_id), headers={"Range": header})
    assert (answer.status_code, len(answer.content)) == (200, 5000)


def test_if_range_with_another_etag_gets_the_whole_file(mock: InProcess) -> None:
    """If-Range naming a stale ETag ignores Range; the current ETag honours it."""
    clip_id = _ready_clip(mock, size=5000)
    location = _location(mock, clip_id)
    etag = mock.request("HEAD", location).headers["etag"]
    stale = mock.request("GET", location, headers={"Range": "bytes=10-", "If-Range": '"old"'})
    fresh = mock.request("GET", location, headers={"Range": "bytes=10-", "If-Range": etag})
    assert (stale.status_code, fresh.status_code) == (200, 206)


def test_a_request_carrying_authorization_is_refused(mock: InProcess) -> None:
    """Any Authorization header on a pre-signed URL is 400, as S3 answers, and recorded."""
    clip_id = _ready_clip(mock)
    location = _location(mock, clip_id)
    answer = mock.request("GET", location, headers={"Authorization": "Bearer zoom-token"})
    assert answer.status_code == 400
    assert "<Code>InvalidArgument</Code>" in answer.text
    (seen,) = mock.state.files.requests
    assert (seen.clip_id, seen.authorization, seen.status, seen.bytes_sent) == (
        clip_id,
        True,
        400,
        0,
    )


def test_a_bad_signature_is_403(mock: InProcess) -> None:
    """A changed signature, expiry or clip id, or none at all, is 403 SignatureDoesNotMatch."""
    clip_id = _ready_clip(mock)
    location = _location(mock, clip_id)
    other = next(c["clip_id"] for c in mock.state.dataset.clips if c["clip_id"] != clip_id)
    forged = [
        location[:-1] + ("0" if location[-1] != "0" else "1"),
        location.replace("expires=", "expires=1"),
        location.replace(clip_id, other),
        location.split("?")[0],
    ]
    for url in forged:
        answer = mock.request("GET", url)
        assert answer.status_code == 403, url
        assert "SignatureDoesNotMatch" in answer.text


def test_an_expired_url_is_403(mock: InProcess) -> None:
    """A URL is good for 3600 s of the mock's clock and refused from then on."""
    clip_id = _ready_clip(mock, size=100)
    location = _location(mock, clip_id)
    mock.state.clock.advance(3599)
    assert mock.request("GET", location).status_code == 200
    mock.state.clock.advance(1)
    answer = mock.request("GET", location)
    assert answer.status_code == 403
    assert "Request has expired" in answer.text


def test_the_sha256_of_the_ranges_is_the_sha256_of_the_whole(mock: InProcess) -> None:
    """Ranges at seeded random cuts, concatenated, hash to the whole file's sha256."""
    clip_id = _ready_clip(mock)
    location = _location(mock, clip_id)
    rng = random.Random(15)  # noqa: S311 -- seeded test data
    cuts = sorted(rng.sample(range(1, SIZE), 5))
    digest = hashlib.sha256()
    for start, stop in zip([0, *cuts], [*cuts, SIZE], strict=True):
        answer = mock.request("GET", location, headers={"Range": f"bytes={start}-{stop - 1}"})
        digest.update(answer.content)
    whole = mock.request("GET", location)
    assert digest.hexdigest() == hashlib.sha256(whole.content).hexdigest()


def test_every_byte_depends_on_its_position_and_clip() -> None:
    """Blocks differ by index (any 4 KiB span shows it), clips and seeds differ, bytes repeat."""
    file = SeededFile(0, "clip-a", 4 * BLOCK)
    span = 4096 + 8
    starts = [0, BLOCK, 2 * BLOCK + 100, 3 * BLOCK + 4000]
    windows = {b"".join(file.chunks(s, s + span)) for s in starts}
    assert len(windows) == len(starts)
    shifted = b"".join(file.chunks(1, BLOCK + 1))
    assert shifted != b"".join(file.chunks(0, BLOCK))
    assert b"".join(SeededFile(0, "clip-b", 100).chunks()) != b"".join(file.chunks(0, 100))
    assert b"".join(SeededFile(1, "clip-a", 100).chunks()) != b"".join(file.chunks(0, 100))
    assert b"".join(SeededFile(0, "clip-a", 100).chunks()) == b"".join(file.chunks(0, 100))


def test_file_ranges_off_ignores_range(make_mock: MakeMock) -> None:
    """With file_ranges=False (or accept_ranges False) Range is ignored: 200, Accept-Ranges none."""
    mock = make_mock(clips=50, file_ranges=False)
    clip_id = _ready_clip(mock, size=5000)
    answer = mock.request("GET", _location(mock, clip_id), headers={"Range": "bytes=10-"})
    assert (answer.status_code, len(answer.content)) == (200, 5000)
    assert answer.headers["accept-ranges"] == "none"
    mock.state.files.accept_ranges = True
    answer = mock.request("GET", _location(mock, clip_id), headers={"Range": "bytes=10-"})
    assert (answer.status_code, answer.headers["accept-ranges"]) == (206, "bytes")


@pytest.mark.parametrize(
    ("header", "size", "expected"),
    [
        (None, 10, None),
        ("bytes=0-", 10, (0, 10)),
        (" bytes = 2 - 4 ", 10, (2, 5)),
        ("bytes=-3", 10, (7, 10)),
        ("bytes=-", 10, None),
        ("bytes=5-4", 10, None),
        ("bytes=1-2, 4-5", 10, None),
    ],
)
def test_parse_range(header: str | None, size: int, expected: object) -> None:
    """parse_range reads RFC 9110's three forms of one range and says what to ignore."""
    assert parse_range(header, size) == expected


@pytest.mark.parametrize(("header", "size"), [("bytes=10-", 10), ("bytes=-1", 0), ("bytes=-0", 5)])
def test_parse_range_unsatisfiable(header: str, size: int) -> None:
    """A range starting at the end, or asking no bytes, is unsatisfiable (the route's 416)."""
    with pytest.raises(RangeNotSatisfiableError):
        parse_range(header, size)


def _read_into(got: bytearray, url: str, start: int) -> None:
    with httpx.stream("GET", url, headers={"Range": f"bytes={start}-"}) as answer:
        for chunk in answer.iter_bytes():
            got += chunk


def test_cut_next_drops_each_next_body_at_its_file_offset() -> None:
    """Over HTTP, each cut ends a body at its absolute offset; a resumed range then completes."""
    with serve(MockConfig(clips=50, clock=MockClock(NOW))) as server:
        token = httpx.post(
            server.token_url,
            auth=(server.client_id, server.client_secret),
            data={"grant_type": "account_credentials", "account_id": server.account_id},
        ).json()["access_token"]
        clip_id, size = server.dataset.clips[0]["clip_id"], 3 * BLOCK + 1001
        changes = {"file_size": size, "status": "RECORD_SUCCESS"}
        assert httpx.post(f"{server.origin}/_mock/clips/{clip_id}", json=changes).is_success
        headers = {"Authorization": f"Bearer {token}"}
        location = httpx.get(f"{server.base_url}/clips/{clip_id}/download", headers=headers)
        url = location.headers["location"]
        first, second = size // 3, size // 3 + BLOCK + 17
        server.state.files.cut_next(first, second)
        got = bytearray()
        for start in (0, first):
            with pytest.raises(httpx.RemoteProtocolError):
                _read_into(got, url, start)
            assert len(got) == (first if start == 0 else second)
        got += httpx.get(url, headers={"Range": f"bytes={second}-"}).content
        assert hashlib.sha256(got).hexdigest() == server.file_sha256(clip_id)
        assert bytes(got[:100]) == server.file_bytes(clip_id, 0, 100)
        sent = [(r.range, r.status, r.bytes_sent) for r in server.state.files.requests]
        assert sent == [
            ("bytes=0-", 206, first),
            (f"bytes={first}-", 206, second - first),
            (f"bytes={second}-", 206, size - second),
        ]


def test_the_file_host_stops_sending_when_the_client_goes() -> None:
    """A client that closes mid-body ends the response: far fewer bytes sent than the file has."""
    with serve(MockConfig(clips=50, clock=MockClock(NOW))) as server:
        token = httpx.post(
            server.token_url,
            auth=(server.client_id, server.client_secret),
            data={"grant_type": "account_credentials", "account_id": server.account_id},
        ).json()["access_token"]
        clip_id, size = server.dataset.clips[0]["clip_id"], 2_000_000_000
        changes = {"file_size": size, "status": "RECORD_SUCCESS"}
        assert httpx.post(f"{server.origin}/_mock/clips/{clip_id}", json=changes).is_success
        headers = {"Authorization": f"Bearer {token}"}
        location = httpx.get(f"{server.base_url}/clips/{clip_id}/download", headers=headers)
        with httpx.stream("GET", location.headers["location"]) as answer:
            next(answer.iter_raw())
        deadline = time.monotonic() + 10
        # Waiting on the server's thread to notice, not a timing assertion.
        while not server.state.files.requests and time.monotonic() < deadline:
            time.sleep(0.01)
        (seen,) = server.state.files.requests
        assert seen.status == 200
        assert seen.bytes_sent < size // 10


def test_a_client_that_goes_is_one_log_line_not_a_traceback(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A client closing mid-body is one warning line of the file host (what it had sent), and
    nothing else is logged: no traceback from the server."""
    caplog.set_level(logging.INFO)
    with serve(MockConfig(clips=50, clock=MockClock(NOW))) as server:
        token = httpx.post(
            server.token_url,
            auth=(server.client_id, server.client_secret),
            data={"grant_type": "account_credentials", "account_id": server.account_id},
        ).json()["access_token"]
        clip_id, size = server.dataset.clips[0]["clip_id"], 2_000_000_000
        changes = {"file_size": size, "status": "RECORD_SUCCESS", "title": "a\r\nb\x1b[2J"}
        assert httpx.post(f"{server.origin}/_mock/clips/{clip_id}", json=changes).is_success
        headers = {"Authorization": f"Bearer {token}"}
        location = httpx.get(f"{server.base_url}/clips/{clip_id}/download", headers=headers)
        with httpx.stream("GET", location.headers["location"]) as answer:
            assert answer.status_code == 200
            next(answer.iter_raw())
        deadline = time.monotonic() + 10
        # Waiting on the server's thread to notice, not a timing assertion.
        while not server.state.files.requests and time.monotonic() < deadline:
            time.sleep(0.01)
        assert httpx.get(location.headers["location"], headers={"Range": "bytes=0-9"}).is_success
    (seen,) = [r for r in caplog.records if r.name.startswith(("zoom_clips", "uvicorn"))]
    assert seen.name == "zoom_clips.mock"
    assert seen.levelno == logging.WARNING
    assert seen.exc_info is None
    message = seen.getMessage()
    assert "\n" not in message
    assert message.startswith("file host: the client closed the connection after ")
    assert f"of {size} bytes of clip {clip_id!r} (HTTP 200)" in message
