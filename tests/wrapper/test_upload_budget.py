"""How many requests an upload may send before it gives up, sync and async over
``httpx.MockTransport``: the parts of one call share one ``Budget`` (a part acknowledged since
the last failure is progress, spending ``max_resumes``; a part failing again spends
``max_retries``), and Complete and the single upload are never resent after Zoom may have acted."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
import zoom_clips as zc

from .clips_api_support import call
from .conftest import NOW, Facade, FakeZoom, json_response
from .upload_support import MIB, FakeFileAPI, form_of, write_file

PARTS = {"part_size": 5 * MIB}


def policy(**kwargs: int) -> zc.RetryPolicy:
    return zc.RetryPolicy(rand=lambda: 0.5, now=lambda: NOW, **kwargs)


def part_number(request: httpx.Request) -> int | None:
    if not request.url.path.endswith("/multipart"):
        return None
    return int(form_of(request)["part_number"][1])


def test_a_part_that_always_answers_500_ends_with_upload_error_and_its_state(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """Part 2 always 500: sent 1 + 1 (the failure after part 1's progress is a resume) +
    max_retries times, then UploadError from the InternalServerError, state of part 1."""
    api = FakeFileAPI()
    sent: list[int | None] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(part_number(request))
        if sent[-1] == 2:
            return httpx.Response(500)
        return api(request)

    write_file(tmp_path / "big.mp4", 11 * MIB)
    client = make_client(FakeZoom(handler), retry_policy=policy(max_retries=3, max_resumes=5))
    with pytest.raises(
        zc.UploadError, match=r"part 2 of 'big\.mp4' was not acknowledged .* \(5 failed attempts"
    ) as caught:
        call(client, "upload", tmp_path / "big.mp4", **PARTS)
    assert sent.count(2) == 1 + 1 + 3
    assert sent.count(3) == 0
    assert isinstance(caught.value.__cause__, zc.InternalServerError)
    assert caught.value.upload_state is not None
    assert list(caught.value.upload_state.etags) == [1]
    assert len(client.sleeps) == 4
    assert [e["method"] for e in api.events] == ["CreateMultipartUpload"]


def test_acknowledged_parts_spend_resumes_and_the_resumes_run_out(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """Every part fails once, then goes: part 1's failure is a retry, parts 2 and 3's are
    resumes (a part was acknowledged since), part 4's finds max_resumes=2 spent: UploadError."""
    api = FakeFileAPI()
    sent: list[int | None] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(part_number(request))
        if sent[-1] is not None and sent.count(sent[-1]) == 1:
            return httpx.Response(503)
        return api(request)

    write_file(tmp_path / "big.mp4", 21 * MIB)
    client = make_client(FakeZoom(handler), retry_policy=policy(max_retries=3, max_resumes=2))
    with pytest.raises(zc.UploadError, match="max_resumes=2") as caught:
        call(client, "upload", tmp_path / "big.mp4", **PARTS)
    assert [n for n in sent if n is not None] == [1, 1, 2, 2, 3, 3, 4]
    assert caught.value.upload_state is not None
    assert sorted(caught.value.upload_state.etags) == [1, 2, 3]


def test_a_resumed_upload_starts_a_fresh_budget_without_counting_old_parts(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """Resumed with parts 1-2 acknowledged, part 3 always 503: the old parts are no progress of
    this call, so part 3 is sent 1 + max_retries times."""
    api = FakeFileAPI()
    api.fail(3, *[httpx.Response(503)] * 4)
    write_file(tmp_path / "big.mp4", 11 * MIB)
    client = make_client(FakeZoom(api), retry_policy=policy(max_retries=2))
    with pytest.raises(zc.UploadError) as caught:
        call(client, "upload", tmp_path / "big.mp4", **PARTS)
    state = caught.value.upload_state
    assert state is not None
    assert api.part_numbers() == [1, 2, 3, 3, 3, 3]  # a resume (after part 2), 2 retries
    again = FakeFileAPI()
    again.fail(3, *[httpx.Response(503)] * 10)
    with pytest.raises(zc.UploadError, match=r"\(3 failed attempts"):
        call(make_client(FakeZoom(again), retry_policy=policy(max_retries=2)), "upload",
             tmp_path / "big.mp4", resume=state)  # fmt: skip
    assert again.part_numbers() == [3, 3, 3]


def test_a_dropped_connection_on_every_part_attempt_ends_within_the_retries(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """Part 1's connection reset every time: 1 + max_retries attempts, UploadError from an
    APIConnectionError, with the state of no part."""
    api = FakeFileAPI()
    attempts: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/multipart"):
            request.read()
            attempts.append(1)
            raise httpx.ReadError("connection reset", request=request)
        return api(request)

    write_file(tmp_path / "big.mp4", 11 * MIB)
    client = make_client(FakeZoom(handler), retry_policy=policy(max_retries=2))
    with pytest.raises(zc.UploadError) as caught:
        call(client, "upload", tmp_path / "big.mp4", **PARTS)
    assert len(attempts) == 3
    assert isinstance(caught.value.__cause__, zc.APIConnectionError)
    assert caught.value.upload_state is not None
    assert caught.value.upload_state.etags == {}


def test_a_per_second_429_on_a_part_waits_as_told_and_goes_on(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """A 429 with Retry-After on a part is waited out (one retry), and the upload completes."""
    api = FakeFileAPI()
    api.fail(2, json_response(429, {"code": 429, "message": "slow"}, **{"Retry-After": "7"}))
    write_file(tmp_path / "big.mp4", 11 * MIB)
    client = make_client(FakeZoom(api))
    assert call(client, "upload", tmp_path / "big.mp4", **PARTS) == "clip-multi"
    assert api.part_numbers() == [1, 2, 2, 3]
    assert client.sleeps == [7.0]


@pytest.mark.parametrize(
    "failure",
    [
        lambda request: httpx.Response(503),
        lambda request: (_ for _ in ()).throw(httpx.ReadTimeout("slow", request=request)),
        lambda request: httpx.Response(201, content=b'{"clip_'),
    ],
    ids=["503", "read-timeout", "201-cut-short"],
)
def test_complete_is_sent_once_whatever_its_failure(
    make_client: Callable[..., Facade],
    tmp_path: Path,
    failure: Callable[[httpx.Request], httpx.Response],
) -> None:
    """A Complete that may have reached Zoom is never sent again: a second would fail or hide
    the first; the error carries the state of every part."""
    api = FakeFileAPI()
    completes: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/upload_events") and b"CompleteMultipartUpload" in (
            request.read()
        ):
            completes.append(request)
            return failure(request)
        return api(request)

    write_file(tmp_path / "big.mp4", 11 * MIB)
    with pytest.raises(zc.ZoomClipsError) as caught:
        call(make_client(FakeZoom(handler)), "upload", tmp_path / "big.mp4", **PARTS)
    assert len(completes) == 1
    assert caught.value.upload_state is not None
    assert sorted(caught.value.upload_state.etags) == [1, 2, 3]


@pytest.mark.parametrize("operation", ["single", "complete"])
def test_a_429_forever_on_single_or_complete_ends_after_max_retries(
    make_client: Callable[..., Facade], tmp_path: Path, operation: str
) -> None:
    """A per-second 429 is safe to resend, but not forever: 1 + max_retries requests, then
    RateLimitError (Complete's carrying the state)."""
    api = FakeFileAPI()
    api.fail(operation, *[json_response(429, {"code": 429, "message": "slow"})] * 50)
    write_file(tmp_path / "f.mp4", 11 * MIB)
    client = make_client(FakeZoom(api), retry_policy=policy(max_retries=4))
    kwargs = PARTS if operation == "complete" else {}
    with pytest.raises(zc.RateLimitError) as caught:
        call(client, "upload", tmp_path / "f.mp4", **kwargs)
    sent = (
        len(api.singles)
        if operation == "single"
        else len([e for e in api.events if e["method"] == "CompleteMultipartUpload"])
    )
    assert sent == 1 + 4
    assert (caught.value.upload_state is not None) == (operation == "complete")


def test_create_answering_503_forever_ends_after_max_retries_without_state(
    make_client: Callable[..., Facade], tmp_path: Path
) -> None:
    """Create may be resent (a second context is harmless), but 1 + max_retries times at most;
    Zoom created nothing, so the error has no state and no part went out."""
    api = FakeFileAPI()
    api.fail("create", *[httpx.Response(503)] * 50)
    write_file(tmp_path / "f.mp4", 11 * MIB)
    client = make_client(FakeZoom(api), retry_policy=policy(max_retries=2))
    with pytest.raises(zc.InternalServerError) as caught:
        call(client, "upload", tmp_path / "f.mp4", **PARTS)
    assert [e["method"] for e in api.events] == ["CreateMultipartUpload"] * 3
    assert api.parts == []
    assert caught.value.upload_state is None
