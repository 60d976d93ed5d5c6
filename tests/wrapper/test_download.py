"""``clips.download`` over ``httpx.MockTransport``, sync and async: the redirect and the token,
streaming to a ``.part`` and the rename, the length checks, resume with ``Range``, retries, the
API's errors, and the 200 the spec documents (quirk ``download-documented-as-200``)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
import zoom_clips as zc

from .clips_api_support import call
from .conftest import TOKEN, Facade, FakeZoom, json_response
from .download_support import CLIP, DATA, FILE_HOST, SHA, CutStream, FakeFiles, clip


def download(client: Facade, *args: Any, **kwargs: Any) -> Any:
    return call(client, "_download_file", *args, **kwargs)


def test_a_redirect_to_another_host_gets_no_token_and_the_file_lands_whole(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """The API request carries the token, the pre-signed file host never does; the bytes and
    their sha256 are the served ones, under the Content-Disposition name."""
    files = FakeFiles()
    zoom = FakeZoom(files)
    result = download(make_client(zoom), CLIP, tmp_path)
    assert result.path == tmp_path / "My clip.mp4"
    assert result.path.read_bytes() == DATA
    assert (result.size, result.sha256) == (len(DATA), SHA)
    assert files.authorizations() == [False]
    api = [r for r in zoom.api_requests if r.url.host == "api.zoom.us"]
    assert [r.headers["authorization"] for r in api] == [f"Bearer {TOKEN}"] * 2
    assert list(tmp_path.iterdir()) == [result.path]


@pytest.mark.parametrize(
    ("location", "token"),
    [
        ("https://us01file.zoom.us/c1.mp4?id=1", True),  # Zoom's own host over https
        ("/v2/files/c1.mp4", True),  # relative: the API's own origin
        ("http://127.0.0.1/c1.mp4", False),  # clear text (only to loopback: else refused)
        ("https://zoom.us.evil.example/c1.mp4", False),
        ("https://us01file.zoom.us/c1.mp4?Signature=s", False),  # pre-signed: its own credential
        ("/v2/files/c1.mp4?X-Amz-Signature=s", False),
    ],
)
def test_the_token_follows_only_to_zoom_hosts_over_https(
    make_client: Callable[..., Facade], tmp_path: Path, location: str, token: bool
) -> None:
    """``keeps_authorization`` decides, but a pre-signed URL never gets the token beside its
    signature; a relative Location resolves against the API request."""
    files = FakeFiles(location=location)
    download(make_client(FakeZoom(files)), clip(), tmp_path / "out.mp4")
    assert files.authorizations() == [token]
    assert str(files.file_requests[0].url).endswith(location.lstrip("/").split("://")[-1])


def test_a_further_redirect_of_the_file_host_is_followed_under_the_same_rule(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """A redirect from the file host to a Zoom host carries the token; to another, never."""
    files = FakeFiles(location="https://us01file.zoom.us/c1.mp4")
    serve = files.serve_file

    def hop(request: httpx.Request) -> httpx.Response:
        if request.url.host == "us01file.zoom.us":
            files.file_requests.append(request)
            return httpx.Response(307, headers={"Location": f"{FILE_HOST}/c1.mp4?s=2"})
        return serve(request)

    files.serve_file = hop  # type: ignore[method-assign]
    path = call(make_client(FakeZoom(files)), "download", clip(), tmp_path)
    assert path.read_bytes() == DATA
    assert files.authorizations() == [True, False]


def test_more_than_five_redirects_is_a_download_error(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """A redirect loop at the file host ends with DownloadError, nothing at the target."""
    files = FakeFiles()
    files.serve_file = lambda request: httpx.Response(  # type: ignore[method-assign]
        302, headers={"Location": str(request.url)}
    )
    with pytest.raises(zc.DownloadError, match="redirected more than 5"):
        download(make_client(FakeZoom(files)), clip(), tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_a_bare_id_gets_the_clip_first_and_a_clip_does_not(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """With an id, one GET /clips/{id} learns file_size; a Clip's own is used as it is."""
    files = FakeFiles()
    download(make_client(FakeZoom(files)), CLIP, tmp_path / "a.mp4")
    assert files.api_paths == [f"/v2/clips/{CLIP}", f"/v2/clips/{CLIP}/download"]
    files.api_paths.clear()
    download(make_client(FakeZoom(files)), clip(), tmp_path / "b.mp4")
    assert files.api_paths == [f"/v2/clips/{CLIP}/download"]


@pytest.mark.parametrize(
    ("disposition", "name"),
    [
        ('attachment; filename="../../etc/passwd"', "etc_passwd.mp4"),
        ('attachment; filename="a/b.mp4"', "a_b.mp4"),
        ("attachment; filename=\"x.mp4\"; filename*=UTF-8''%E2%82%AC%20rates.mp4", "€ rates.mp4"),
        ('attachment; filename=".hidden\x07.mp4"', "hidden.mp4"),
        ('attachment; filename=".."', "c1.mp4"),
        ('attachment; filename="c1.part"', "c1.mp4"),
        (None, "c1.mp4"),
    ],
)
def test_the_file_host_names_the_file_in_a_directory_only_as_a_plain_base_name(
    make_client: Callable[..., Facade], tmp_path: Path, disposition: str | None, name: str
) -> None:
    """Content-Disposition (filename* first) is made a plain base name; else {clip_id}.mp4."""
    inner = tmp_path / "out"
    inner.mkdir()
    files = FakeFiles(disposition=disposition)
    path = call(make_client(FakeZoom(files)), "download", clip(), inner)
    assert path == inner / name
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == [name]


def test_a_file_path_dest_is_used_as_it_is(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """A file path is the target whatever the host suggests; an old file there is replaced."""
    target = tmp_path / "exact.mp4"
    target.write_bytes(b"old")
    path = call(make_client(FakeZoom(FakeFiles())), "download", clip(), str(target))
    assert path == target
    assert target.read_bytes() == DATA
    assert sorted(p.name for p in tmp_path.iterdir()) == ["exact.mp4"]


def test_progress_reports_bytes_as_they_arrive(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """progress(done, total) rises to the total, never past it."""
    seen: list[tuple[int, int | None]] = []
    call(
        make_client(FakeZoom(FakeFiles())),
        "download",
        clip(),
        tmp_path,
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen[0] == (0, len(DATA))
    assert seen[-1] == (len(DATA), len(DATA))
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


@pytest.mark.parametrize(
    ("status", "body", "error"),
    [
        (400, {"code": 50002, "message": "clip mp4 is not ready"}, "ClipNotReady"),
        (404, {"code": 10002, "message": "not found"}, "ClipFileNotFound"),
        (404, {"code": 2000, "message": "no clip"}, "NotFound"),
        (302, None, "APIResponseValidation"),
    ],
)
def test_the_apis_answers_are_typed_errors_and_leave_no_file(
    make_client: Callable[..., Facade],
    tmp_path: Path,
    status: int,
    body: dict[str, Any] | None,
    error: str,
) -> None:
    """50002 is ClipNotReadyError, 10002 (here) ClipFileNotFoundError, a 302 without Location
    a validation error; no part and no target are made."""
    files = FakeFiles(
        download_answer=lambda _: (
            json_response(status, body) if body is not None else httpx.Response(status)
        )
    )
    with pytest.raises(getattr(zc, f"{error}Error")) as caught:
        download(make_client(FakeZoom(files)), clip(), tmp_path)
    assert type(caught.value).__name__ == f"{error}Error"
    assert list(tmp_path.iterdir()) == []


def test_quirk_download_documented_as_200_a_200_with_the_file_is_saved(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """Quirk download-documented-as-200: if the API itself answers 200 with the bytes (as the
    spec documents), they are saved as the file, checked and hashed like a redirected one."""
    answer = httpx.Response(
        200,
        content=DATA,
        headers={"Content-Type": "application/octet-stream", "Content-Disposition": "x"},
    )
    files = FakeFiles(download_answer=lambda _: answer)
    result = download(make_client(FakeZoom(files)), clip(), tmp_path)
    assert (result.path.name, result.path.read_bytes(), result.sha256) == ("c1.mp4", DATA, SHA)
    assert files.file_requests == []


def test_a_length_that_disagrees_with_file_size_is_an_error_and_the_old_target_stays(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """Content-Length other than the clip's file_size: DownloadError, the target untouched."""
    target = tmp_path / "keep.mp4"
    target.write_bytes(b"previous version")
    with pytest.raises(zc.DownloadError, match="file_size is 999") as caught:
        download(make_client(FakeZoom(FakeFiles())), clip(file_size=999), target)
    assert caught.value.clip_id == CLIP
    assert target.read_bytes() == b"previous version"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.mp4"]


def test_a_body_short_of_its_content_length_is_retried_then_a_download_error(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """Bytes that never add up, from a host that ignores Range (so nothing is kept: each attempt
    spends a retry): the retries run out, DownloadError names the part, which holds what came,
    and the target is untouched."""
    target = tmp_path / "keep.mp4"
    target.write_bytes(b"previous version")
    files = FakeFiles(ranges=False)
    short = files.serve_file

    def lying(request: httpx.Request) -> httpx.Response:
        answer = short(request)
        return httpx.Response(
            answer.status_code, headers=answer.headers, content=b"only this"
        )  # Content-Length still says the whole file

    files.serve_file = lying  # type: ignore[method-assign]
    client = make_client(FakeZoom(files), max_retries=2)
    with pytest.raises(zc.DownloadError, match="retries ran out") as caught:
        download(client, clip(), target)
    assert caught.value.part_path == tmp_path / "keep.mp4.part"
    assert target.read_bytes() == b"previous version"
    assert len(files.file_requests) == 3
    assert client.sleeps == [0.4375, 0.875]  # the client's policy: 0.5, 1.0, less jitter


def test_more_bytes_than_announced_is_an_error_and_the_part_is_dropped(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """A body longer than its Content-Range total cannot be resumed: no part, no target."""
    files = FakeFiles()
    serve = files.serve_file

    def longer(request: httpx.Request) -> httpx.Response:
        answer = serve(request)
        headers = dict(answer.headers) | {"content-length": "10"}
        return httpx.Response(200, headers=headers, stream=answer.stream)

    files.serve_file = longer  # type: ignore[method-assign]
    with pytest.raises(zc.DownloadError, match="more than the 10 bytes") as caught:
        download(make_client(FakeZoom(files)), clip(file_size=10), tmp_path / "x.mp4")
    assert caught.value.part_path is None
    assert list(tmp_path.iterdir()) == []


def test_a_cut_body_resumes_with_range_from_the_bytes_written(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """Two connections dropped mid-body: each retry asks Range from the part's size; the file
    ends whole, with the served sha256."""
    files = FakeFiles(cuts=[70_001, 200_000])
    result = download(make_client(FakeZoom(files)), clip(), tmp_path)
    assert files.ranges_asked() == [None, "bytes=70001-", "bytes=200000-"]
    assert (result.path.read_bytes(), result.sha256) == (DATA, SHA)
    assert files.authorizations() == [False, False, False]


def test_a_host_that_ignores_ranges_restarts_from_zero(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """Accept-Ranges: none: after a cut the whole file is asked for again and the part truncated."""
    files = FakeFiles(cuts=[100_000], ranges=False)
    result = download(make_client(FakeZoom(files)), clip(), tmp_path)
    assert files.ranges_asked() == [None, None]
    assert (result.path.read_bytes(), result.sha256) == (DATA, SHA)


def test_a_part_left_by_an_earlier_call_is_resumed_and_hashed(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """An existing .part continues with Range; the sha256 covers its bytes too."""
    (tmp_path / "c1.part").write_bytes(DATA[:12345])
    files = FakeFiles()
    result = download(make_client(FakeZoom(files)), clip(), tmp_path)
    assert files.ranges_asked() == ["bytes=12345-"]
    assert (result.path.read_bytes(), result.sha256) == (DATA, SHA)
    assert not (tmp_path / "c1.part").exists()


def test_a_200_to_a_range_request_truncates_the_part(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """A host that answers a Range with the whole file: the part restarts, no bytes doubled."""
    (tmp_path / "c1.part").write_bytes(b"garbage that is not the file")
    files = FakeFiles(ranges=False)
    result = download(make_client(FakeZoom(files)), clip(), tmp_path)
    assert files.ranges_asked() == ["bytes=28-"]
    assert (result.path.read_bytes(), result.sha256) == (DATA, SHA)


def test_a_complete_part_is_finished_on_a_416_with_its_total(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """416 with Content-Range */N, N the part's size: the part was whole; it is renamed."""
    (tmp_path / "c1.part").write_bytes(DATA)
    files = FakeFiles()
    result = download(make_client(FakeZoom(files)), clip(), tmp_path)
    assert (result.path, result.sha256) == (tmp_path / "c1.mp4", SHA)


def test_an_expired_presigned_url_gets_one_fresh_location(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """403 from the file host: the API is asked once more; a second 403 is a DownloadError."""
    files = FakeFiles(file_status=[403])
    download(make_client(FakeZoom(files)), clip(), tmp_path)
    assert files.api_paths == [f"/v2/clips/{CLIP}/download"] * 2
    files = FakeFiles(file_status=[403, 403])
    with pytest.raises(zc.DownloadError, match="403"):
        download(make_client(FakeZoom(files)), clip(), tmp_path)


def test_the_file_hosts_5xx_and_dropped_connections_follow_the_retry_policy(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """A 503 with Retry-After waits as told; a connection refused waits the policy's backoff."""
    files = FakeFiles(file_status=[503], headers={"Retry-After": "2"})
    serve = files.serve_file
    refused = [True]

    def flaky(request: httpx.Request) -> httpx.Response:
        if len(files.file_requests) == 1 and refused:
            refused.clear()
            files.headers.clear()
            raise httpx.ConnectError("connection refused", request=request)
        return serve(request)

    files.serve_file = flaky  # type: ignore[method-assign]
    client = make_client(FakeZoom(files))
    result = download(client, clip(), tmp_path)
    assert result.sha256 == SHA
    assert client.sleeps == [2.0, 0.875]  # Retry-After, then retry 2's backoff (jitter 0.5)


def test_bad_arguments_fail_before_any_request(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """A missing directory, a .part target or a wrong clip type: no request is sent."""
    zoom = FakeZoom(FakeFiles())
    client = make_client(zoom)
    with pytest.raises(FileNotFoundError):
        download(client, clip(), tmp_path / "missing" / "x.mp4")
    with pytest.raises(ValueError, match=r"\.part"):
        download(client, clip(), tmp_path / "x.part")
    with pytest.raises(TypeError, match="clip id or a Clip"):
        download(client, 42, tmp_path)
    with pytest.raises(ValueError, match="not an id"):
        download(client, "../etc", tmp_path)
    assert zoom.api_requests == []


def test_sha256_is_of_the_file_on_disk(make_client: Callable[..., Facade], tmp_path: Path) -> None:
    """The hash returned is the file's, computed while writing."""
    result = download(make_client(FakeZoom(FakeFiles(cuts=[1]))), clip(), tmp_path)
    assert hashlib.sha256(result.path.read_bytes()).hexdigest() == result.sha256 == SHA


@pytest.mark.parametrize("expires", [False, True])
def test_a_zoom_file_hosts_body_streams_and_an_expired_token_there_is_refreshed(
    make_client: Callable[..., Facade], tmp_path: Path, expires: bool
) -> None:
    """With the token at a Zoom file host, the file's answer is streamed, not read whole by the
    client's auth; a 401 code 124 there does go back to it (a new token, sent once more)."""
    files = FakeFiles(location="https://us01file.zoom.us/c1.mp4")
    serve = files.serve_file
    expired = [True] if expires else []
    streams: list[CutStream] = []

    def once_expired(request: httpx.Request) -> httpx.Response:
        if expired:
            expired.clear()
            files.file_requests.append(request)
            return json_response(401, {"code": 124, "message": "Invalid access token."})
        answer = serve(request)
        assert isinstance(answer.stream, CutStream)
        streams.append(answer.stream)
        return answer

    files.serve_file = once_expired  # type: ignore[method-assign]
    zoom = FakeZoom(files)
    pieces_at_first_byte: list[int] = []

    def progress(done: int, _total: int | None) -> None:
        if done and not pieces_at_first_byte:
            pieces_at_first_byte.append(streams[0].sent)

    result = download(make_client(zoom), clip(), tmp_path, progress=progress)
    assert result.sha256 == SHA
    assert len(zoom.token_requests) == 1 + expires
    assert files.authorizations() == [True] * (1 + expires)
    assert pieces_at_first_byte == [1]  # the first piece was written before the second was read


def test_the_public_download_neither_hashes_nor_fsyncs_but_the_manifest_path_does(
    make_client: Callable[..., Facade], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``download`` renames a complete part without fsync or sha256 (as boto3 and curl);
    ``_download_file``, which the CLI's manifest uses, fsyncs the part and hashes it."""
    import os  # noqa: PLC0415

    synced: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real_fsync(fd))[1])
    path = call(make_client(FakeZoom(FakeFiles())), "download", clip(), tmp_path / "a.mp4")
    assert (path.read_bytes(), synced) == (DATA, [])
    result = download(make_client(FakeZoom(FakeFiles())), clip(), tmp_path / "b.mp4")
    assert result.sha256 == SHA
    assert len(synced) >= 1


def test_a_resumed_public_download_counts_the_part_without_reading_it(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """Without a hash to continue, a part already there is resumed from its size with Range."""
    (tmp_path / "a.mp4.part").write_bytes(DATA[:100_000])
    files = FakeFiles()
    path = call(make_client(FakeZoom(files)), "download", clip(), tmp_path / "a.mp4")
    assert path.read_bytes() == DATA
    assert files.ranges_asked() == ["bytes=100000-"]


def test_a_body_the_host_compressed_anyway_is_decoded(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """Asked for identity, a host that gzips the body still yields the file's own bytes: only
    an unencoded body is read raw."""
    import gzip  # noqa: PLC0415

    packed = gzip.compress(DATA)

    class Gzipped(FakeFiles):
        def serve_file(self, request: httpx.Request) -> httpx.Response:
            self.file_requests.append(request)
            assert request.headers["accept-encoding"] == "identity"
            headers = {"Content-Encoding": "gzip", "Content-Length": str(len(packed))}
            return httpx.Response(200, headers=headers, stream=CutStream(packed, cut=False))

    result = download(make_client(FakeZoom(Gzipped())), clip(), tmp_path / "z.mp4")
    assert (result.path.read_bytes(), result.sha256) == (DATA, SHA)
