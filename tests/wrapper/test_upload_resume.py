"""Resuming multipart uploads, sync and async over ``httpx.MockTransport``: the state an error
carries, the sidecar file, sending only the missing parts, states of another or a changed file,
the 7 days, and the daily limit."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
import zoom_clips as zc
from zoom_clips._resources._upload_state import FileIdentity

from .clips_api_support import call
from .conftest import NOW, Facade, FakeZoom, json_response
from .upload_support import MIB, FakeFileAPI, write_file

PARTS = {"part_size": 5 * MIB}


def interrupted_at_part_3(
    make_client: Callable[..., Facade], path: Path, **kwargs: object
) -> tuple[FakeFileAPI, zc.ZoomClipsError]:
    """An 11 MiB upload whose part 3 is refused (a 403): the error it raised."""
    api = FakeFileAPI()
    api.fail(3, json_response(403, {"code": 124, "message": "no"}))
    write_file(path, 11 * MIB)
    with pytest.raises(zc.PermissionDeniedError) as caught:
        call(make_client(FakeZoom(api)), "upload", path, **PARTS, **kwargs)
    return api, caught.value


def test_an_interrupted_upload_resumes_from_its_error_s_state(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """The error's ``upload_state`` has parts 1-2; resuming sends part 3 and Complete only."""
    path = tmp_path / "big.mp4"
    first, error = interrupted_at_part_3(make_client, path)
    state = error.upload_state
    assert state is not None
    assert sorted(state.etags) == [1, 2]
    assert state.created_at == NOW
    again = FakeFileAPI()
    restored = zc.UploadState.from_json(state.to_json())
    assert call(make_client(FakeZoom(again)), "upload", path, resume=restored) == "clip-multi"
    assert again.part_numbers() == [3]
    assert [e["method"] for e in again.events] == ["CompleteMultipartUpload"]
    etags = state.etags | {3: again.completed_etags()[2]["etag"]}
    assert again.completed_etags() == [{"part_number": n, "etag": e} for n, e in etags.items()]
    assert first.part_numbers() == [1, 2, 3]


def test_a_sidecar_is_written_after_each_step_and_deleted_on_success(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """With ``resume=path``: the sidecar holds parts 1-2 after the failure, and a second call
    sends only part 3, then deletes it."""
    path, sidecar = tmp_path / "big.mp4", tmp_path / "big.mp4.zoom-upload.json"
    _, error = interrupted_at_part_3(make_client, path, resume=sidecar)
    saved = zc.UploadState.from_json(sidecar.read_text())
    assert saved == error.upload_state
    assert sorted(saved.etags) == [1, 2]
    again = FakeFileAPI()
    call(make_client(FakeZoom(again)), "upload", path, resume=str(sidecar))
    assert again.part_numbers() == [3]
    assert not sidecar.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["big.mp4"]  # no temporary file left


def test_a_state_of_a_changed_file_is_refused_before_any_request(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """A file whose bytes changed since the state was saved is not resumed: UploadError."""
    path = tmp_path / "big.mp4"
    _, error = interrupted_at_part_3(make_client, path)
    with path.open("r+b") as file:
        file.write(b"changed!")
    os.utime(path, ns=(1, error.upload_state.file.mtime_ns))  # type: ignore[union-attr]
    zoom = FakeZoom(FakeFileAPI())
    with pytest.raises(zc.UploadError, match="not of this file, or the file changed"):
        call(make_client(zoom), "upload", path, resume=error.upload_state)
    other = tmp_path / "other.mp4"
    write_file(other, 11 * MIB)
    with pytest.raises(zc.UploadError, match="not of this file"):
        call(make_client(zoom), "upload", other, resume=error.upload_state)
    assert zoom.api_requests == []


def test_a_state_older_than_7_days_is_expired_before_any_request(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """By the client's clock, 7 days after Create the state is UploadExpiredError."""
    path = tmp_path / "big.mp4"
    _, error = interrupted_at_part_3(make_client, path)
    state = error.upload_state
    assert state is not None
    zoom = FakeZoom(FakeFileAPI())
    old = zc.UploadState.from_json(
        state.to_json().replace(NOW.isoformat(), (NOW - timedelta(days=7)).isoformat())
    )
    with pytest.raises(zc.UploadExpiredError, match="7 days later"):
        call(make_client(zoom), "upload", path, resume=old)
    assert zoom.api_requests == []
    recent = zc.UploadState.from_json(
        state.to_json().replace(NOW.isoformat(), (NOW - timedelta(days=6)).isoformat())
    )
    call(make_client(zoom), "upload", path, resume=recent)
    assert len(zoom.api_requests) == 2


def test_zoom_s_upload_context_expired_is_upload_expired_error(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """Zoom's 400 code 300 "upload context expired" on a part is UploadExpiredError, with state."""
    api = FakeFileAPI()
    api.fail(2, json_response(400, {"code": 300, "message": "upload context expired"}))
    write_file(tmp_path / "f.mp4", 11 * MIB)
    with pytest.raises(zc.UploadExpiredError) as caught:
        call(make_client(FakeZoom(api)), "upload", tmp_path / "f.mp4", **PARTS)
    assert isinstance(caught.value.__cause__, zc.BadRequestError)
    assert caught.value.upload_state is not None
    assert list(caught.value.upload_state.etags) == [1]


def test_the_daily_limit_is_raised_not_retried_with_its_reset_and_state(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """The 51st upload request of the day: RateLimitError at once, retry_after, state attached."""
    api = FakeFileAPI()
    api.fail(
        2,
        json_response(
            429,
            {"code": 429, "message": "You have reached the maximum daily rate limit"},
            **{"X-RateLimit-Type": "Daily-limit", "Retry-After": "2025-06-16T00:00:00Z"},
        ),
    )
    write_file(tmp_path / "f.mp4", 11 * MIB)
    client = make_client(FakeZoom(api))
    with pytest.raises(zc.RateLimitError) as caught:
        call(client, "upload", tmp_path / "f.mp4", **PARTS)
    assert api.part_numbers() == [1, 2]
    assert client.sleeps == []
    assert caught.value.limit_type == "Daily-limit"
    assert caught.value.retry_after == NOW.replace(day=16, hour=0)
    assert caught.value.upload_state is not None
    assert list(caught.value.upload_state.etags) == [1]


def test_resume_with_another_part_size_or_name_is_refused(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """A resumed upload keeps its part size and name: asking for others is a ValueError."""
    path = tmp_path / "big.mp4"
    _, error = interrupted_at_part_3(make_client, path)
    with pytest.raises(ValueError, match="part_size=6291456, but the resume state's is 5242880"):
        call(
            make_client(FakeZoom(FakeFileAPI())),
            "upload",
            path,
            part_size=6 * MIB,
            resume=error.upload_state,
        )
    with pytest.raises(ValueError, match=r"file_name='x\.mp4'"):
        call(
            make_client(FakeZoom(FakeFileAPI())),
            "upload",
            path,
            file_name="x.mp4",
            resume=error.upload_state,
        )


def test_an_absent_sidecar_starts_a_new_upload_and_a_bad_one_is_upload_error(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """``resume=path`` without a file there uploads afresh; a file that is no state is refused."""
    api = FakeFileAPI()
    write_file(tmp_path / "f.mp4", 11 * MIB)
    call(
        make_client(FakeZoom(api)),
        "upload",
        tmp_path / "f.mp4",
        resume=tmp_path / "s.json",
        **PARTS,
    )
    assert api.part_numbers() == [1, 2, 3]
    (tmp_path / "bad.json").write_text(json.dumps({"format": 1}))
    with pytest.raises(zc.UploadError, match="not an upload state"):
        call(make_client(FakeZoom(api)), "upload", tmp_path / "f.mp4", resume=tmp_path / "bad.json")


def test_a_small_file_with_a_sidecar_path_uploads_single_and_writes_none(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """The sidecar is the multipart upload's: a single upload neither reads nor leaves one."""
    api = FakeFileAPI()
    write_file(tmp_path / "f.mp4", 1000)
    call(make_client(FakeZoom(api)), "upload", tmp_path / "f.mp4", resume=tmp_path / "s.json")
    assert len(api.singles) == 1
    assert not (tmp_path / "s.json").exists()


def test_the_state_round_trips_and_its_repr_hides_the_context(tmp_path: Path) -> None:
    """``to_json``/``from_json`` give the same state; the repr shows 8 characters of context."""
    state = zc.UploadState(
        "a.mp4",
        FileIdentity(11, 22, "ab" * 32),
        5 * MIB,
        "secret-context-0123456789",
        NOW,
        {2: "e2", 1: "e1"},
    )
    assert state.parts == ((1, "e1"), (2, "e2"))
    assert zc.UploadState.from_json(state.to_json()) == state
    assert "secret-context-0123456789" not in repr(state)
    assert "'secret-c...'" in repr(state)
    assert state.with_part(3, "e3").etags == {1: "e1", 2: "e2", 3: "e3"}
    with pytest.raises(zc.UploadError, match="created_at has no time zone"):
        zc.UploadState.from_json(state.to_json().replace("+00:00", ""))
    with pytest.raises(zc.UploadError, match="not an upload state"):
        zc.UploadState.from_json("[]")


def test_a_part_answer_without_an_etag_is_a_validation_error(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """A 201 that acknowledges no etag, or another part, is not taken as part 1's."""
    for body in (
        {"part_number_etag": {"part_number": 1}},
        {"part_number_etag": {"part_number": 2, "etag": "x"}},
    ):
        api = FakeFileAPI()
        api.fail(1, json_response(201, body))
        write_file(tmp_path / "f.mp4", 6 * MIB)
        with pytest.raises(zc.APIResponseValidationError, match="part 1's etag"):
            call(make_client(FakeZoom(api)), "upload", tmp_path / "f.mp4", multipart_threshold=1)


def test_a_state_naming_parts_the_file_has_not_is_refused(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """An edited state that acknowledges part 7 of a 3-part file is UploadError, nothing sent."""
    path = tmp_path / "big.mp4"
    _, error = interrupted_at_part_3(make_client, path)
    assert error.upload_state is not None
    edited = error.upload_state.with_part(7, "etag-7")
    zoom = FakeZoom(FakeFileAPI())
    with pytest.raises(zc.UploadError, match="names parts this file has not"):
        call(make_client(zoom), "upload", path, resume=edited)
    assert zoom.api_requests == []
