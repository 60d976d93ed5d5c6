"""Uploads, sync and async over ``httpx.MockTransport``: single or multipart by size, the form
bodies, per-part retries, what is never resent, progress, and the checks made before any
request."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
import zoom_clips as zc

from .clips_api_support import call
from .conftest import TOKEN, Facade, FakeZoom, json_response, make_auth
from .upload_support import FILES, MIB, FakeFileAPI, form_of, write_file


def test_a_small_file_is_one_streamed_form_post_to_the_file_api(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """A file under the threshold is one POST /clips/files to fileapi.zoom.us, field ``file``."""
    api = FakeFileAPI()
    zoom = FakeZoom(api)
    data = write_file(tmp_path / "talk.mp4", 200_000)
    seen: list[tuple[int, int]] = []
    clip_id = call(
        make_client(zoom), "upload", tmp_path / "talk.mp4", progress=lambda *a: seen.append(a)
    )
    assert clip_id == "clip-single"
    (request,) = zoom.api_requests
    assert str(request.url) == f"{FILES}/clips/files"
    assert request.headers["authorization"] == f"Bearer {TOKEN}"
    assert api.singles == [("talk.mp4", data)]
    assert b"Content-Type: video/mp4" in request.content
    assert seen[-1] == (200_000, 200_000)


def test_file_name_names_the_upload(make_client: Callable[..., Facade], tmp_path: Path) -> None:
    """``file_name=`` is the name sent (Zoom's clip title), not the path's."""
    api = FakeFileAPI()
    write_file(tmp_path / "x.bin", 10)
    call(make_client(FakeZoom(api)), "upload", str(tmp_path / "x.bin"), file_name="Demo.webm")
    assert api.singles[0][0] == "Demo.webm"


def test_11_mib_in_5_mib_parts_is_a_multipart_upload_of_3_parts(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """Create, three parts (5, 5, 1 MiB) with the context, then Complete with every etag."""
    api = FakeFileAPI()
    data = write_file(tmp_path / "big.mp4", 11 * MIB)
    seen: list[tuple[int, int]] = []
    clip_id = call(
        make_client(FakeZoom(api)),
        "upload",
        tmp_path / "big.mp4",
        part_size=5 * MIB,
        progress=lambda *a: seen.append(a),
    )
    assert clip_id == "clip-multi"
    assert api.events[0] == {
        "method": "CreateMultipartUpload",
        "params": {"file_name": "big.mp4"},
    }
    assert api.part_numbers() == [1, 2, 3]
    assert b"".join(part for _, part in api.parts) == data
    assert [len(part) for _, part in api.parts] == [5 * MIB, 5 * MIB, MIB]
    assert api.completed_etags() == [
        {"part_number": n, "etag": hashlib.md5(part).hexdigest()}  # noqa: S324
        for n, part in api.parts
    ]
    assert api.events[1]["params"]["upload_context"] == api.context
    assert (
        seen
        == [(0, 11 * MIB), (5 * MIB, 11 * MIB), (10 * MIB, 11 * MIB)] + [(11 * MIB, 11 * MIB)] * 2
    )


def test_a_failed_part_is_retried_alone(make_client: Callable[..., Facade], tmp_path: Path) -> None:
    """Part 2 failing once with a 500 is sent again on its own, after one backoff."""
    api = FakeFileAPI()
    api.fail(2, httpx.Response(500))
    data = write_file(tmp_path / "big.mp4", 11 * MIB)
    client = make_client(FakeZoom(api))
    call(client, "upload", tmp_path / "big.mp4", part_size=5 * MIB)
    assert api.part_numbers() == [1, 2, 2, 3]
    assert api.parts[1][1] == api.parts[2][1] == data[5 * MIB : 10 * MIB]
    assert len(client.sleeps) == 1
    assert [n["part_number"] for n in api.completed_etags()] == [1, 2, 3]


def test_a_part_cut_short_in_transit_is_read_again_from_its_offset(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """A dropped connection on a part resends that part's bytes whole (the file reopened)."""
    api = FakeFileAPI()
    data = write_file(tmp_path / "big.mp4", 11 * MIB)
    dropped = []

    def flaky(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/multipart") and not dropped:
            request.read()
            dropped.append(request)
            raise httpx.ReadError("connection reset", request=request)
        return api(request)

    call(make_client(FakeZoom(flaky)), "upload", tmp_path / "big.mp4", part_size=5 * MIB)
    assert api.part_numbers() == [1, 2, 3]
    assert form_of(dropped[0])["file"][1] == api.parts[0][1] == data[: 5 * MIB]


def test_complete_is_not_resent_after_a_5xx_and_the_error_carries_the_state(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """A 500 on Complete may mean Zoom made the clip: it is sent once, its error has the state."""
    api = FakeFileAPI()
    api.fail("complete", httpx.Response(500), httpx.Response(500))
    write_file(tmp_path / "f.mp4", 6 * MIB)
    with pytest.raises(zc.InternalServerError) as caught:
        call(make_client(FakeZoom(api)), "upload", tmp_path / "f.mp4", multipart_threshold=MIB)
    assert len([e for e in api.events if e["method"] == "CompleteMultipartUpload"]) == 1
    state = caught.value.upload_state
    assert state is not None
    assert state.upload_context == api.context
    assert list(state.etags) == [1]


def test_a_single_upload_is_not_resent_after_a_5xx(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """A 500 on POST /clips/files may mean Zoom made the clip: it is sent once only."""
    api = FakeFileAPI()
    api.fail("single", httpx.Response(500), httpx.Response(500))
    write_file(tmp_path / "f.mp4", 1000)
    with pytest.raises(zc.InternalServerError) as caught:
        call(make_client(FakeZoom(api)), "upload", tmp_path / "f.mp4")
    assert len(api.singles) == 1
    assert caught.value.upload_state is None


def test_a_single_upload_is_resent_after_a_429(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """A per-second 429 did nothing at Zoom: the single upload is sent again, whole."""
    api = FakeFileAPI()
    api.fail("single", json_response(429, {"code": 429}, **{"Retry-After": "1"}))
    data = write_file(tmp_path / "f.mp4", 1000)
    assert call(make_client(FakeZoom(api)), "upload", tmp_path / "f.mp4") == "clip-single"
    assert [body for _, body in api.singles] == [data, data]


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"part_size": 5 * MIB - 1}, ValueError, "outside 5,242,880..100,000,000"),
        ({"part_size": 100_000_001}, ValueError, "outside 5,242,880"),
        ({"part_size": 5.5 * MIB}, TypeError, "part_size must be an int"),
        ({"multipart_threshold": 2_000_000_001}, ValueError, "at most 2 GB in one upload"),
        ({"multipart_threshold": -1}, ValueError, "multipart_threshold=-1"),
        ({"file_name": "a/b.mp4"}, ValueError, "not a plain file name"),
        ({"file_name": ""}, ValueError, "not a plain file name"),
        ({"progress": 3}, TypeError, "progress must be callable"),
        ({"resume": 3}, TypeError, "resume must be an UploadState"),
    ],
)
def test_bad_arguments_fail_before_any_request(
    make_client: Callable[..., Facade],
    tmp_path: Path,
    kwargs: dict[str, object],
    error: type[Exception],
    match: str,
) -> None:
    """Sizes outside Zoom's rules, odd names and wrong types raise before anything is sent."""
    zoom = FakeZoom(FakeFileAPI())
    write_file(tmp_path / "f.mp4", 1000)
    with pytest.raises(error, match=match):
        call(make_client(zoom), "upload", tmp_path / "f.mp4", **kwargs)
    assert zoom.api_requests == []


def test_files_that_cannot_be_uploaded_fail_before_any_request(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """A missing file, a directory, an empty file, and files past Zoom's 100 parts are refused."""
    zoom = FakeZoom(FakeFileAPI())
    client = make_client(zoom)
    (tmp_path / "empty.mp4").touch()
    with pytest.raises(FileNotFoundError, match="no file to upload"):
        call(client, "upload", tmp_path / "missing.mp4")
    with pytest.raises(ValueError, match="not a regular file"):
        call(client, "upload", tmp_path)
    with pytest.raises(ValueError, match="is empty"):
        call(client, "upload", tmp_path / "empty.mp4")
    with (tmp_path / "huge.mp4").open("wb") as sparse:
        sparse.truncate(100 * 100_000_000 + 1)
    with pytest.raises(ValueError, match="over Zoom's largest upload"):
        call(client, "upload", tmp_path / "huge.mp4")
    with (tmp_path / "600m.mp4").open("wb") as sparse:
        sparse.truncate(600 * MIB)
    with pytest.raises(ValueError, match="makes 120 parts"):
        call(client, "upload", tmp_path / "600m.mp4", part_size=5 * MIB)
    assert zoom.api_requests == []
    os.unlink(tmp_path / "huge.mp4")


def test_the_default_part_size_grows_so_a_file_fits_in_100_parts(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """Past the threshold with no part size: 64 MiB parts, grown in MiB to fit 100 parts."""
    from zoom_clips._resources._upload_plan import default_part_size, plan_upload  # noqa: PLC0415

    assert default_part_size(3_000_000_000) == 64 * MIB
    assert default_part_size(9_000_000_000) == 86 * MIB
    assert default_part_size(10_000_000_000) == 100_000_000
    assert len(plan_upload(10_000_000_000, threshold=None, part_size=None).parts()) == 100
    assert not plan_upload(2_000_000_000, threshold=None, part_size=None).multipart
    assert plan_upload(2_000_000_001, threshold=None, part_size=None).multipart


def test_the_client_s_defaults_apply_and_are_checked(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """``multipart_threshold``/``part_size`` of the client are upload's defaults (boto3-style)."""
    api = FakeFileAPI()
    write_file(tmp_path / "f.mp4", 11 * MIB)
    client = make_client(FakeZoom(api), multipart_threshold=MIB, part_size=6 * MIB)
    call(client, "upload", tmp_path / "f.mp4")
    assert [len(part) for _, part in api.parts] == [6 * MIB, 5 * MIB]
    with pytest.raises(ValueError, match="multipart_threshold"):
        make_client(FakeZoom(api), multipart_threshold=3_000_000_000)
    with pytest.raises(ValueError, match="part_size"):
        make_client(FakeZoom(api), part_size=MIB)


def test_uploads_go_to_file_base_url_not_base_url(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """Quirk upload-base-url-in-prose: every upload request goes under ``file_base_url``."""
    seen: list[str] = []
    api = FakeFileAPI()

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        moved = request.url.copy_with(host="fileapi.zoom.us", path=request.url.path[len("/f") :])
        return api(
            httpx.Request(request.method, moved, headers=request.headers, content=request.content)
        )

    write_file(tmp_path / "f.mp4", 6 * MIB)
    client = make_client(
        FakeZoom(handler),
        auth=make_auth(token_url="https://api.example/oauth/token"),
        base_url="https://api.example/v2",
        file_base_url="https://files.example/f/v2",
    )
    call(client, "upload", tmp_path / "f.mp4", multipart_threshold=1)
    call(client, "upload", tmp_path / "f.mp4")
    assert seen == [
        "https://files.example/f/v2/clips/files/multipart/upload_events",
        "https://files.example/f/v2/clips/files/multipart",
        "https://files.example/f/v2/clips/files/multipart/upload_events",
        "https://files.example/f/v2/clips/files",
    ]


def test_a_part_answered_401_124_is_resent_whole_with_a_fresh_token(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """The auth flow's resend after an expired token rewinds the part's window to its start."""
    api = FakeFileAPI()
    api.fail(2, json_response(401, {"code": 124, "message": "Invalid access token."}))
    data = write_file(tmp_path / "big.mp4", 11 * MIB)
    zoom = FakeZoom(api)
    call(make_client(zoom), "upload", tmp_path / "big.mp4", part_size=5 * MIB)
    assert api.part_numbers() == [1, 2, 2, 3]
    assert api.parts[2][1] == data[5 * MIB : 10 * MIB]
    assert len(zoom.token_requests) == 2
