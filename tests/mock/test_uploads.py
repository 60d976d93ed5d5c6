"""The mock's uploads under /file/v2: single, multipart, Zoom's rules, limits, hooks, the disk."""

from __future__ import annotations

import datetime as dt
import hashlib
import socket
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from zoom_clips.mock import MockClock, MockConfig, serve
from zoom_clips.mock._uploads import UploadBook, UploadRefusedError

from tests.mock.conftest import NOW, InProcess, MakeMock

MIB = 1024 * 1024


def _payload(size: int, salt: int = 0) -> bytes:
    """``size`` bytes that differ by position and by ``salt``."""
    block = hashlib.sha256(f"{salt}".encode()).digest() * (MIB // 32)
    out = bytearray()
    index = 0
    while len(out) < size:
        out += index.to_bytes(8, "big") + block[8:]
        index += 1
    return bytes(out[:size])


def _post(mock: InProcess, path: str, token: str | None = None, **kwargs: Any) -> httpx.Response:
    """POST ``/file/v2{path}`` with a bearer token (the admin token unless given)."""
    if token is None:
        token = mock._admin_token or mock.token()
        mock._admin_token = token
    headers = {"Authorization": f"Bearer {token}"} | kwargs.pop("headers", {})
    return mock.request("POST", f"/file/v2{path}", headers=headers, **kwargs)


def _create(mock: InProcess, file_name: str = "talk.mp4", token: str | None = None) -> str:
    body = {"method": "CreateMultipartUpload", "params": {"file_name": file_name}}
    answer = _post(mock, "/clips/files/multipart/upload_events", token, json=body)
    assert answer.status_code == 201, answer.text
    return str(answer.json()["upload_context"])


def _part(
    mock: InProcess, context: str, number: int | str, data: bytes, token: str | None = None
) -> httpx.Response:
    return _post(
        mock,
        "/clips/files/multipart",
        token,
        data={"upload_context": context, "part_number": str(number)},
        files={"file": ("part.bin", data, "application/octet-stream")},
    )


def _complete(
    mock: InProcess, context: str, etags: list[dict[str, Any]], token: str | None = None
) -> httpx.Response:
    params = {"upload_context": context, "part_number_etags": etags}
    body = {"method": "CompleteMultipartUpload", "params": params}
    return _post(mock, "/clips/files/multipart/upload_events", token, json=body)


def _download(mock: InProcess, clip_id: str) -> bytes:
    answer = mock.api("GET", f"/clips/{clip_id}/download")
    assert answer.status_code == 302, answer.text
    return mock.request("GET", answer.headers["location"]).content


def _multipart(mock: InProcess, sizes: list[int]) -> tuple[str, list[dict[str, Any]], bytes]:
    """Create a context and upload parts of ``sizes``: (context, their etags, all the bytes)."""
    context = _create(mock)
    etags, whole = [], b""
    for number, size in enumerate(sizes, start=1):
        data = _payload(size, salt=number)
        answer = _part(mock, context, number, data)
        assert answer.status_code == 201, answer.text
        etags.append(answer.json()["part_number_etag"])
        whole += data
    return context, etags, whole


def _error(answer: httpx.Response, status: int = 400, code: int = 300) -> str:
    assert (answer.status_code, answer.json()["code"]) == (status, code), answer.text
    return str(answer.json()["message"])


@pytest.fixture
def mock(make_mock: MakeMock) -> InProcess:
    """A small in-process mock (its clock frozen at NOW, tokens good for 30 days of it)."""
    return make_mock(clips=60, token_ttl=30 * 86400)


def test_a_single_upload_becomes_a_clip_that_lists_and_downloads(mock: InProcess) -> None:
    """POST /clips/files answers 201 with a clip id; the clip lists with its size and bytes."""
    data = _payload(300_000)
    answer = _post(mock, "/clips/files", files={"file": ("demo.mp4", data, "video/mp4")})
    assert answer.status_code == 201, answer.text
    clip_id = answer.json()["clip_id"]
    listed = mock.api("GET", "/clips", params={"page_size": 300}).json()["data"]
    (clip,) = [c for c in listed if c["clip_id"] == clip_id]
    assert (clip["file_size"], clip["title"], clip["status"]) == (
        300_000,
        "demo.mp4",
        "RECORD_SUCCESS",
    )
    admin = mock.state.dataset.accounts[0].users[0]
    assert clip["owner_id"] == admin.id
    assert mock.api("GET", f"/clips/{clip_id}").json() == clip
    assert _download(mock, clip_id) == data


def test_uploads_are_not_served_under_the_api_root(mock: InProcess) -> None:
    """/v2/clips/files... answer 404 saying the uploads are on the file API."""
    for path in ("/clips/files", "/clips/files/multipart", "/clips/files/multipart/upload_events"):
        answer = mock.api("POST", path, json={})
        assert "file API" in _error(answer, 404, 404)
    assert _error(mock.api("GET", "/clips/files"), 404, 404).startswith("Uploads")


def test_multipart_upload_makes_a_clip_of_the_parts_in_order(mock: InProcess) -> None:
    """Create, three parts (the last short), Complete: one clip whose bytes are the parts."""
    context, etags, whole = _multipart(mock, [5 * MIB, 5 * MIB, MIB + 7])
    assert [e["etag"] for e in etags] == [
        hashlib.md5(_payload(s, salt=n), usedforsecurity=False).hexdigest()
        for n, s in ((1, 5 * MIB), (2, 5 * MIB), (3, MIB + 7))
    ]
    answer = _complete(mock, context, list(reversed(etags)))
    assert answer.status_code == 201, answer.text
    clip_id = answer.json()["clip_id"]
    clip = mock.api("GET", f"/clips/{clip_id}").json()
    assert (clip["file_size"], clip["title"]) == (len(whole), "talk.mp4")
    assert _download(mock, clip_id) == whole
    assert _error(_complete(mock, context, etags)).startswith("Invalid upload_context")


def test_a_part_number_outside_1_to_100_is_refused(mock: InProcess) -> None:
    """Part numbers 0, 101, and text are 400 code 300; their bytes are not kept on disk."""
    context = _create(mock)
    for number in (0, 101, "one", "-1", ""):
        assert "part_number" in _error(_part(mock, context, number, b"x" * 100))
    assert _part(mock, context, 100, b"x" * 100).status_code == 201
    assert len(list(mock.state.uploads.directory.iterdir())) == 1


def test_a_part_under_5_mib_that_is_not_last_is_refused_at_complete(mock: InProcess) -> None:
    """A 4 MiB part 1 uploads fine and fails Complete; as the last part it is allowed."""
    context, etags, _ = _multipart(mock, [4 * MIB, MIB])
    assert "Part 1 is 4,194,304 bytes" in _error(_complete(mock, context, etags))
    assert _complete(mock, context, etags[:1]).status_code == 201


def test_complete_checks_each_listed_etag_and_part(mock: InProcess) -> None:
    """A wrong etag, a part not uploaded, a number listed twice, or none at all are refused."""
    context, etags, _ = _multipart(mock, [5 * MIB, 10])
    wrong = [etags[0], {"part_number": 2, "etag": "0" * 32}]
    assert "etag of part 2" in _error(_complete(mock, context, wrong))
    missing = [*etags, {"part_number": 3, "etag": etags[1]["etag"]}]
    assert "Part 3 was not uploaded" in _error(_complete(mock, context, missing))
    assert "more than once" in _error(_complete(mock, context, [etags[0], etags[0]]))
    assert "at least one" in _error(_complete(mock, context, []))
    assert "integer" in _error(_complete(mock, context, [{"part_number": "1", "etag": "x"}]))
    assert _complete(mock, context, etags).status_code == 201


def test_the_same_part_number_again_replaces_the_part(mock: InProcess) -> None:
    """Uploading part 1 twice keeps the second; the first one's etag no longer completes."""
    context = _create(mock)
    first = _part(mock, context, 1, b"a" * 10).json()["part_number_etag"]
    second = _part(mock, context, 1, b"b" * 12).json()["part_number_etag"]
    assert "etag of part 1" in _error(_complete(mock, context, [first]))
    clip_id = _complete(mock, context, [second]).json()["clip_id"]
    assert _download(mock, clip_id) == b"b" * 12
    assert len(list(mock.state.uploads.directory.iterdir())) == 1


def test_a_context_expires_seven_days_after_create(mock: InProcess) -> None:
    """Parts and Complete work for 7 days of the mock's clock, then: 'upload context expired'."""
    context = _create(mock)
    mock.state.clock.advance(7 * 86400 - 1)
    etag = _part(mock, context, 1, b"x" * 10).json()["part_number_etag"]
    mock.state.clock.advance(1)
    assert _error(_part(mock, context, 2, b"y")) == "upload context expired"
    assert _error(_complete(mock, context, [etag])) == "upload context expired"
    assert list(mock.state.uploads.directory.iterdir()) == []
    fresh = _create(mock)
    assert _part(mock, fresh, 1, b"x").status_code == 201


def test_a_context_belongs_to_its_creator(mock: InProcess) -> None:
    """Another principal's token cannot add parts to or complete someone's upload."""
    context = _create(mock)
    user = mock.user_token()
    assert "Invalid upload_context" in _error(_part(mock, context, 1, b"x", token=user))
    assert "Invalid upload_context" in _error(_complete(mock, context, [], token=user))


def test_a_user_tokens_upload_belongs_to_that_user(mock: InProcess) -> None:
    """A user-OAuth token's upload is owned by its user and lists in the user's own clips."""
    user = mock.user_token()
    answer = _post(mock, "/clips/files", user, files={"file": ("mine.webm", b"v" * 99)})
    clip_id = answer.json()["clip_id"]
    clip = mock.state.dataset.clip(clip_id)
    assert clip is not None
    assert (clip.owner.id, clip.account_id) == (
        mock.state.refresh_user_id,
        mock.state.refresh_account_id,
    )
    headers = {"Authorization": f"Bearer {user}"}
    mine = mock.request("GET", "/v2/clips", params={"user_id": "me"}, headers=headers).json()
    assert clip_id in [c["clip_id"] for c in mine["data"]]


def test_the_51st_upload_request_of_a_user_in_a_day_is_429_daily_limit(make_mock: MakeMock) -> None:
    """upload_daily_limit=50 counts all three operations per user; the 51st is a daily 429."""
    mock = make_mock(clips=60, upload_daily_limit=50, token_ttl=86400)
    context = _create(mock)
    for _ in range(48):
        _create(mock)
    assert _part(mock, context, 1, b"x").status_code == 201  # the 50th
    answer = _post(mock, "/clips/files", files={"file": ("a.mp4", b"x")})
    assert answer.status_code == 429
    assert answer.headers["x-ratelimit-type"] == "Daily-limit"
    assert answer.headers["retry-after"] == "2025-06-16T00:00:00Z"
    assert (
        _post(mock, "/clips/files", mock.user_token(), files={"file": ("a.mp4", b"x")}).status_code
        == 201
    )
    assert mock.api("GET", "/clips").status_code == 200  # other categories are not counted
    mock.state.clock.advance(12 * 3600)
    assert _create(mock)


def test_uploads_spend_their_own_per_second_budget(make_mock: MakeMock) -> None:
    """With a plan, the uploads have 20/s of their own (X-RateLimit-Category Upload)."""
    mock = make_mock(clips=60, plan="pro")
    for _ in range(20):
        _create(mock)
    answer = _post(mock, "/clips/files/multipart/upload_events", json={})
    assert answer.status_code == 429
    assert (answer.headers["x-ratelimit-type"], answer.headers["x-ratelimit-category"]) == (
        "QPS",
        "Upload",
    )
    assert mock.api("GET", "/clips").status_code == 200


def test_fail_next_fails_one_upload_of_that_part(mock: InProcess) -> None:
    """fail_next(2) fails part 2's next upload once with 500; received shows what was kept."""
    mock.state.uploads.fail_next(2)
    context = _create(mock)
    assert _part(mock, context, 1, b"a" * 10).status_code == 201
    assert _error(_part(mock, context, 2, b"b" * 11), 500, 500)
    assert _part(mock, context, 2, b"b" * 11).status_code == 201
    seen = [
        (r.upload_context, r.part_number, r.size, r.acknowledged)
        for r in mock.state.uploads.received
    ]
    assert seen == [(context, 1, 10, True), (context, 2, 11, False), (context, 2, 11, True)]
    assert (
        mock.state.uploads.received[1].etag
        == hashlib.md5(b"b" * 11, usedforsecurity=False).hexdigest()
    )


def test_refused_forms_leave_nothing_on_disk(mock: InProcess) -> None:
    """No file field, no boundary, or a body cut before its end: 400 code 300, no bytes kept."""
    assert "'file'" in _error(_post(mock, "/clips/files", files={"other": ("a", b"1")}))
    assert "multipart" in _error(_post(mock, "/clips/files", content=b"raw"))
    cut = b'--b\r\nContent-Disposition: form-data; name="file"; filename="a.mp4"\r\n\r\nabc'
    headers = {"Content-Type": "multipart/form-data; boundary=b"}
    assert "ends before" in _error(_post(mock, "/clips/files", content=cut, headers=headers))
    assert "empty" in _error(_post(mock, "/clips/files", files={"file": ("a.mp4", b"")}))
    assert list(mock.state.uploads.directory.iterdir()) == []


def test_reset_forgets_uploads_and_their_bytes(mock: InProcess) -> None:
    """reset() removes uploaded clips from the data and their files from disk."""
    clip_id = _post(mock, "/clips/files", files={"file": ("a.mp4", b"x" * 10)}).json()["clip_id"]
    directory = mock.state.uploads.directory
    assert len(list(directory.iterdir())) == 1
    mock.reset()
    assert mock.state.dataset.clip(clip_id) is None
    assert mock.state.file_of(clip_id) is None
    assert not directory.exists()


def test_uploaded_bytes_live_in_the_mocks_directory_until_it_stops() -> None:
    """Over HTTP: parts are files in the mock's temporary directory, removed when serve() ends."""
    with serve(MockConfig(clips=20, clock=MockClock(NOW))) as server:
        mock_token = httpx.post(
            server.token_url,
            auth=(server.client_id, server.client_secret),
            data={"grant_type": "account_credentials", "account_id": server.account_id},
        ).json()["access_token"]
        headers = {"Authorization": f"Bearer {mock_token}"}
        answer = httpx.post(
            f"{server.file_base_url}/clips/files",
            headers=headers,
            files={"file": ("a.mp4", _payload(2 * MIB + 3))},
        )
        clip_id = answer.json()["clip_id"]
        directory = server.state.uploads.directory
        (stored,) = directory.iterdir()
        assert stored.stat().st_size == 2 * MIB + 3
        assert server.file_sha256(clip_id) == hashlib.sha256(_payload(2 * MIB + 3)).hexdigest()
    assert not directory.exists()


def test_a_dropped_part_upload_closes_the_connection() -> None:
    """fail_next(n, "drop") over HTTP: the client sees the connection close mid-answer."""
    with serve(MockConfig(clips=20, clock=MockClock(NOW))) as server:
        token = httpx.post(
            server.token_url,
            auth=(server.client_id, server.client_secret),
            data={"grant_type": "account_credentials", "account_id": server.account_id},
        ).json()["access_token"]
        headers = {"Authorization": f"Bearer {token}"}
        body = {"method": "CreateMultipartUpload", "params": {"file_name": "a.mp4"}}
        events = f"{server.file_base_url}/clips/files/multipart/upload_events"
        context = httpx.post(events, headers=headers, json=body).json()["upload_context"]
        server.state.uploads.fail_next(1, "drop")
        form = {"upload_context": context, "part_number": "1"}
        url = f"{server.file_base_url}/clips/files/multipart"
        with pytest.raises(httpx.RemoteProtocolError):
            httpx.post(url, headers=headers, data=form, files={"file": ("p", b"x" * 10)})
        again = httpx.post(url, headers=headers, data=form, files={"file": ("p", b"x" * 10)})
        assert again.status_code == 201
        assert [r.acknowledged for r in server.state.uploads.received] == [False, True]


@pytest.mark.parametrize("status", [200, 399, 600, "boom"])
def test_fail_next_refuses_a_status_that_is_not_an_error(status: int | str) -> None:
    """fail_next takes an HTTP error status (400..599) or "drop", nothing else."""
    with pytest.raises(ValueError, match="status"):
        UploadBook(0).fail_next(1, status)


@pytest.mark.parametrize("status", [400, 599, "drop"])
def test_fail_next_takes_any_error_status_or_drop(status: int | str) -> None:
    """The edges of the error statuses and "drop" are accepted, and taken once."""
    book = UploadBook(0)
    book.fail_next(3, status)
    assert (book.take_failure(2), book.take_failure(3), book.take_failure(3)) == (
        None,
        status,
        None,
    )


def test_close_removes_the_bytes_and_forgets_the_uploads(mock: InProcess) -> None:
    """After close() the directory is gone and no stored file or context is left."""
    clip_id = _post(mock, "/clips/files", files={"file": ("a.mp4", b"x")}).json()["clip_id"]
    context = _create(mock)
    directory = mock.state.uploads.directory
    mock.state.close()
    assert not directory.exists()
    assert mock.state.uploads.stored(clip_id) is None
    with pytest.raises(UploadRefusedError):
        mock.state.uploads.context(context, ("mock-master-account", None), NOW)
    assert mock.state.uploads.opened is None


def test_upload_clock_is_the_mocks(mock: InProcess) -> None:
    """An uploaded clip is created at the mock's now, in the Z form."""
    clip_id = _post(mock, "/clips/files", files={"file": ("a.mp4", b"x")}).json()["clip_id"]
    clip = mock.api("GET", f"/clips/{clip_id}").json()
    assert clip["created_date"] == clip["modified_date"] == NOW.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert dt.datetime.fromisoformat(clip["created_date"]) == NOW


def test_the_command_line_sets_the_upload_daily_limit() -> None:
    """``python -m zoom_clips.mock --upload-daily-limit 50`` gives Zoom's per-user daily limit."""
    from zoom_clips.mock.__main__ import _parser, config_from_args  # noqa: PLC0415

    assert config_from_args(_parser().parse_args([])).upload_daily_limit is None
    args = _parser().parse_args(["--upload-daily-limit", "50"])
    assert config_from_args(args).upload_daily_limit == 50


def test_a_client_gone_mid_upload_leaves_nothing_on_disk() -> None:
    """Over HTTP, a part upload whose client closes mid-body keeps no bytes and no part."""
    with serve(MockConfig(clips=20, clock=MockClock(NOW))) as server:
        token = httpx.post(
            server.token_url,
            auth=(server.client_id, server.client_secret),
            data={"grant_type": "account_credentials", "account_id": server.account_id},
        ).json()["access_token"]
        host, port = server.origin.removeprefix("http://").split(":")
        head = (
            "POST /file/v2/clips/files HTTP/1.1\r\n"
            f"Host: {host}\r\nAuthorization: Bearer {token}\r\n"
            "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 100000000\r\n\r\n"
            '--b\r\nContent-Disposition: form-data; name="file"; filename="a.mp4"\r\n\r\n'
        ).encode()
        with socket.create_connection((host, int(port))) as raw:
            raw.sendall(head + b"x" * MIB)
            deadline = time.monotonic() + 10
            # Waiting on the server's thread to start writing, not a timing assertion.
            while not _files_in(server.state.uploads.opened) and time.monotonic() < deadline:
                time.sleep(0.01)
            assert len(_files_in(server.state.uploads.opened)) == 1  # the upload had begun
        while _files_in(server.state.uploads.opened) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert _files_in(server.state.uploads.opened) == []
        assert len(server.dataset.clips) == 20


def _files_in(directory: Path | None) -> list[Path]:
    return list(directory.iterdir()) if directory is not None else []


def test_the_file_api_root_serves_only_the_uploads(mock: InProcess) -> None:
    """Under /file/v2 other paths are Zoom's 404 and other methods 405 with Allow: POST."""
    token = mock.token()
    headers = {"Authorization": f"Bearer {token}"}
    assert mock.request("GET", "/file/v2/clips", headers=headers).json()["code"] == 404
    clip_id = mock.state.dataset.clips[0]["clip_id"]
    assert (
        mock.request("GET", f"/file/v2/clips/{clip_id}/download", headers=headers).status_code
        == 404
    )
    answer = mock.request("GET", "/file/v2/clips/files", headers=headers)
    assert (answer.status_code, answer.headers["allow"]) == (405, "POST")


def test_injected_faults_reach_the_file_api_too(make_mock: MakeMock) -> None:
    """fault_rate applies to the uploads as to any API request (and not to the file host)."""
    mock = make_mock(clips=20, fault_rate=1.0, faults=("503",), token_ttl=86400)
    answer = _post(mock, "/clips/files/multipart/upload_events", json={})
    assert (answer.status_code, answer.text) == (503, "Service Temporarily Unavailable")
    clip_id = next(c["clip_id"] for c in mock.state.dataset.clips if c["file_size"])
    expires = int(NOW.timestamp()) + 60
    signature = mock.state.files.signature(clip_id, expires)
    url = f"/_files/{clip_id}?expires={expires}&signature={signature}"
    assert mock.request("HEAD", url).status_code == 200


def test_a_file_field_without_a_file_name_is_titled_clip_mp4(mock: InProcess) -> None:
    """A single upload whose file part names no file gets the title clip.mp4."""
    body = b'--b\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc\r\n--b--\r\n'
    headers = {"Content-Type": "multipart/form-data; boundary=b"}
    clip_id = _post(mock, "/clips/files", content=body, headers=headers).json()["clip_id"]
    assert mock.api("GET", f"/clips/{clip_id}").json()["title"] == "clip.mp4"
    assert _download(mock, clip_id) == b"abc"
