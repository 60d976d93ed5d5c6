"""Ownership transfers, sync and async over ``httpx.MockTransport``: splitting into partial
transfers of at most 50 ids, full transfers, error 30001, no blind resend of a POST, and
``wait_for_transfer`` polling with backoff on an injected clock."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import httpx
import pytest
import zoom_clips as zc

from .clips_api_support import body_of, call, route
from .conftest import NOW, Facade, FakeZoom, json_response

SOURCE, TARGET = "leaver-1", "manager-2"


def task_json(status: str, **fields: Any) -> dict[str, Any]:
    """A 200 body of GET /clips/transfers/{taskId}."""
    return {
        "status": status,
        "transfer_type": "FULL_TRANSFER",
        "source_owner_user_id": SOURCE,
        "target_owner_user_id": TARGET,
        **fields,
    }


def numbered_tasks() -> Callable[[httpx.Request], httpx.Response]:
    """POST /clips/transfers answering task-1, task-2, ... in turn."""
    count = iter(range(1, 1000))
    return lambda _: json_response(201, {"task_id": f"task-{next(count)}"})


def test_120_ids_make_three_partial_transfers_of_at_most_50(
    make_client: Callable[..., Facade],
) -> None:
    """120 clip ids go as 3 PARTIAL_TRANSFER requests (50, 50, 20), one task id each, in order."""
    zoom = FakeZoom(route({("POST", "/v2/clips/transfers"): numbered_tasks()}))
    client = make_client(zoom)
    ids = [f"clip-{n:03}" for n in range(120)]
    task_ids = call(
        client, "transfer", target_owner_user_id=TARGET, source_owner_user_id=SOURCE, clip_ids=ids
    )
    assert task_ids == ["task-1", "task-2", "task-3"]
    bodies = [body_of(request) for request in zoom.api_requests]
    assert [len(body["clip_id_list"]) for body in bodies] == [50, 50, 20]
    assert [i for body in bodies for i in body["clip_id_list"]] == ids
    assert {body["transfer_type"] for body in bodies} == {"PARTIAL_TRANSFER"}
    assert {(body["source_owner_user_id"], body["target_owner_user_id"]) for body in bodies} == {
        (SOURCE, TARGET)
    }
    assert {r.headers["content-type"] for r in zoom.api_requests} == {"application/json"}


@pytest.mark.parametrize("source", [SOURCE, None])
def test_a_full_transfer_is_one_request_with_or_without_source(
    make_client: Callable[..., Facade], source: str | None
) -> None:
    """clip_ids=None is one FULL_TRANSFER; the source may be omitted (quirk: the prose wins)."""
    zoom = FakeZoom(route({("POST", "/v2/clips/transfers"): numbered_tasks()}))
    client = make_client(zoom)
    kwargs = {} if source is None else {"source_owner_user_id": source}
    assert call(client, "transfer", target_owner_user_id=TARGET, **kwargs) == ["task-1"]
    (request,) = zoom.api_requests
    expected = {"transfer_type": "FULL_TRANSFER", "target_owner_user_id": TARGET} | (
        {} if source is None else {"source_owner_user_id": source}
    )
    assert body_of(request) == expected


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"target_owner_user_id": TARGET, "clip_ids": ["a"]}, ValueError),  # partial needs source
        (
            {"target_owner_user_id": TARGET, "source_owner_user_id": SOURCE, "clip_ids": []},
            ValueError,
        ),
        (
            {"target_owner_user_id": TARGET, "source_owner_user_id": SOURCE, "clip_ids": "abc"},
            TypeError,
        ),
        (
            {"target_owner_user_id": TARGET, "source_owner_user_id": SOURCE, "clip_ids": ["a/b"]},
            ValueError,
        ),
        ({"target_owner_user_id": "", "source_owner_user_id": SOURCE}, ValueError),
        ({"target_owner_user_id": SOURCE, "source_owner_user_id": SOURCE}, ValueError),
        ({"target_owner_user_id": 5}, TypeError),
    ],
)
def test_bad_transfer_arguments_send_nothing(
    make_client: Callable[..., Facade], kwargs: dict[str, Any], error: type[Exception]
) -> None:
    """A partial transfer without source, empty or bad ids, one user on both sides: refused."""
    zoom = FakeZoom(lambda _: httpx.Response(599))
    client = make_client(zoom)
    with pytest.raises(error):
        call(client, "transfer", **kwargs)
    assert zoom.api_requests == []


def test_repeated_ids_are_transferred_once(make_client: Callable[..., Facade]) -> None:
    """An id listed twice is sent once, so 51 ids with one repeat make one request."""
    zoom = FakeZoom(route({("POST", "/v2/clips/transfers"): numbered_tasks()}))
    client = make_client(zoom)
    ids = [f"c{n}" for n in range(50)] + ["c0"]
    call(client, "transfer", target_owner_user_id=TARGET, source_owner_user_id=SOURCE, clip_ids=ids)
    assert len(zoom.api_requests) == 1


def test_30001_on_the_first_request_is_a_typed_error(make_client: Callable[..., Facade]) -> None:
    """A transfer already in progress between the two users raises TransferInProgressError."""
    busy = {"code": 30001, "message": "Source user and target user have processing transfer task."}
    zoom = FakeZoom(lambda _: json_response(400, busy))
    client = make_client(zoom)
    with pytest.raises(zc.TransferInProgressError) as caught:
        call(client, "transfer", target_owner_user_id=TARGET, source_owner_user_id=SOURCE)
    assert isinstance(caught.value, zc.BadRequestError)
    assert caught.value.code == 30001
    assert len(zoom.api_requests) == 1


def test_a_later_part_refused_with_30001_waits_for_the_previous_task(
    make_client: Callable[..., Facade],
) -> None:
    """Part 2 refused with 30001 while part 1 runs: part 1's task is awaited, then part 2 resent."""
    posts = iter(
        [
            json_response(201, {"task_id": "task-1"}),
            json_response(400, {"code": 30001, "message": "processing transfer task"}),
            json_response(201, {"task_id": "task-2"}),
        ]
    )
    statuses = iter([task_json("IN_PROCESS"), task_json("SUCCESS")])
    zoom = FakeZoom(
        route(
            {
                ("POST", "/v2/clips/transfers"): lambda _: next(posts),
                ("GET", "/v2/clips/transfers/task-1"): lambda _: json_response(200, next(statuses)),
            }
        )
    )
    client = make_client(zoom)
    ids = [f"c{n}" for n in range(60)]
    task_ids = call(
        client, "transfer", target_owner_user_id=TARGET, source_owner_user_id=SOURCE, clip_ids=ids
    )
    assert task_ids == ["task-1", "task-2"]
    assert [r.method for r in zoom.api_requests] == ["POST", "POST", "GET", "GET", "POST"]
    assert body_of(zoom.api_requests[1]) == body_of(zoom.api_requests[4])


def test_an_error_after_some_parts_names_the_tasks_started(
    make_client: Callable[..., Facade],
) -> None:
    """If part 2 fails for good, the error's notes list part 1's task id (it runs at Zoom)."""
    posts = iter([json_response(201, {"task_id": "task-1"}), json_response(403, {"code": 1003})])
    zoom = FakeZoom(lambda _: next(posts))
    client = make_client(zoom)
    ids = [f"c{n}" for n in range(51)]
    with pytest.raises(zc.PermissionDeniedError) as caught:
        call(
            client,
            "transfer",
            target_owner_user_id=TARGET,
            source_owner_user_id=SOURCE,
            clip_ids=ids,
        )
    assert caught.value.__notes__ == ["transfers already started, task ids: task-1"]


@pytest.mark.parametrize(
    ("first", "resent"),
    [
        (lambda: httpx.Response(503), False),
        (lambda: httpx.Response(201, content=b'{"task_'), False),
        (lambda: json_response(429, {"code": 429, "message": "slow down"}), True),
    ],
    ids=["503", "201-cut-short", "429"],
)
def test_a_transfer_is_resent_only_when_zoom_cannot_have_started_it(
    make_client: Callable[..., Facade], first: Callable[[], httpx.Response], resent: bool
) -> None:
    """A POST is not idempotent: resent after a 429, never after a 5xx or a body cut short."""
    answers = iter([first(), json_response(201, {"task_id": "task-1"})])
    zoom = FakeZoom(lambda _: next(answers))
    client = make_client(zoom)
    if resent:
        assert call(client, "transfer", target_owner_user_id=TARGET) == ["task-1"]
    else:
        with pytest.raises(zc.ZoomClipsError):
            call(client, "transfer", target_owner_user_id=TARGET)
    assert len(zoom.api_requests) == (2 if resent else 1)


def test_transfer_is_resent_after_a_connection_never_made(
    make_client: Callable[..., Facade],
) -> None:
    """A refused connection means nothing reached Zoom: the transfer is sent again."""
    calls: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        if len(calls) == 1:
            raise httpx.ConnectError("refused", request=request)
        return json_response(201, {"task_id": "task-1"})

    client = make_client(FakeZoom(handler))
    assert call(client, "transfer", target_owner_user_id=TARGET) == ["task-1"]
    assert len(calls) == 2


# -- status and waiting ----------------------------------------------------------------------------


def test_transfer_status_parses_the_task(make_client: Callable[..., Facade]) -> None:
    """transfer_status returns a TransferTask with enums, its task id, ids and extra fields."""
    body = task_json("IN_PROCESS", transfer_type="PARTIAL_TRANSFER", clip_id_list=["a"], eta=3)
    zoom = FakeZoom(route({("GET", "/v2/clips/transfers/t-1"): lambda _: json_response(200, body)}))
    task = call(make_client(zoom), "transfer_status", "t-1")
    assert task == zc.TransferTask(
        task_id="t-1",
        status=zc.TransferStatus.IN_PROCESS,
        transfer_type=zc.TransferType.PARTIAL_TRANSFER,
        source_owner_user_id=SOURCE,
        target_owner_user_id=TARGET,
        clip_id_list=("a",),
        extra={"eta": 3},
    )
    assert not task.done


def status_sequence(*statuses: str) -> Callable[[httpx.Request], httpx.Response]:
    """The task's statuses, one per poll; the last repeats."""
    it: Iterator[str] = iter(statuses)
    last = [statuses[-1]]

    def handler(_: httpx.Request) -> httpx.Response:
        last[0] = next(it, last[0])
        return json_response(200, task_json(last[0]))

    return handler


def test_wait_for_transfer_returns_when_the_task_succeeds(
    make_client: Callable[..., Facade],
) -> None:
    """wait_for_transfer polls until SUCCESS, the waits doubling from poll_interval."""
    zoom = FakeZoom(status_sequence("IN_PROCESS", "IN_PROCESS", "IN_PROCESS", "SUCCESS"))
    client = make_client(zoom)
    task = call(client, "wait_for_transfer", "t-1", poll_interval=1.0, timeout=60)
    assert task.status is zc.TransferStatus.SUCCESS
    assert task.done
    assert client.sleeps == [1.0, 2.0, 4.0]
    assert len(zoom.api_requests) == 4


def test_wait_for_transfer_raises_when_the_task_fails(make_client: Callable[..., Facade]) -> None:
    """A FAILED task raises TransferFailedError carrying the task."""
    client = make_client(FakeZoom(status_sequence("IN_PROCESS", "FAILED")))
    with pytest.raises(zc.TransferFailedError) as caught:
        call(client, "wait_for_transfer", "t-1")
    assert caught.value.task_id == "t-1"
    assert caught.value.task.status is zc.TransferStatus.FAILED


@pytest.mark.parametrize(
    ("clock", "expected_sleeps"),
    [
        ("follows-sleeps", [10.0, 20.0, 30.0, 30.0, 10.0]),
        ("frozen", [10.0, 20.0, 30.0, 30.0, 10.0]),
        ("slow-requests", [10.0, 20.0]),
    ],
)
def test_wait_for_transfer_times_out_on_the_injected_clock(
    make_client: Callable[..., Facade], clock: str, expected_sleeps: list[float]
) -> None:
    """A task still running at the timeout raises TransferTimeoutError; no real time passes.

    The time waited is the larger of the injected clock's and the sleeps': a frozen clock still
    ends the wait, and a clock that runs ahead (each poll taking 40 s) ends it sooner.
    """
    made: list[Facade] = []
    zoom = FakeZoom(status_sequence("IN_PROCESS"))

    def now() -> Any:
        if clock == "frozen" or not made:
            return NOW
        if clock == "slow-requests":
            return NOW + timedelta(seconds=40 * len(zoom.api_requests))
        return NOW + timedelta(seconds=sum(made[0].sleeps))

    client = make_client(zoom, retry_policy=zc.RetryPolicy(rand=lambda: 0.5, now=now))
    made.append(client)
    with pytest.raises(zc.TransferTimeoutError) as caught:
        call(client, "wait_for_transfer", "t-1", timeout=100, poll_interval=10)
    assert caught.value.task.status is zc.TransferStatus.IN_PROCESS
    assert client.sleeps == expected_sleeps
    assert len(zoom.api_requests) == len(expected_sleeps) + 1


def test_transfer_errors_sit_in_the_documented_tree() -> None:
    """30001 is a BadRequestError; failed and timed-out waits share TransferError."""
    assert zc.TransferInProgressError.__mro__[1] is zc.BadRequestError
    assert zc.TransferError.__mro__[1] is zc.ZoomClipsError
    for cls in (zc.TransferFailedError, zc.TransferTimeoutError):
        assert cls.__mro__[1] is zc.TransferError
    import zoom_clips._errors as errors_module  # noqa: PLC0415 -- its docstring is the subject

    for cls in (zc.TransferInProgressError, zc.TransferFailedError, zc.TransferTimeoutError):
        assert cls.__name__ in (errors_module.__doc__ or "")


@pytest.mark.parametrize("status", ["PAUSED", None, "in_process", ""])
def test_a_status_zoom_does_not_document_ends_the_wait_at_once(
    make_client: Callable[..., Facade], status: str | None
) -> None:
    """An unknown, null or empty status is TransferUnknownStatusError at the first poll (no
    polling until the timeout), carrying the task as Zoom sent it."""
    zoom = FakeZoom(lambda _: json_response(200, task_json("IN_PROCESS") | {"status": status}))
    client = make_client(zoom)
    with pytest.raises(zc.TransferUnknownStatusError, match="not one Zoom documents") as caught:
        call(client, "wait_for_transfer", "t-1", timeout=600)
    assert isinstance(caught.value, zc.TransferError)
    assert caught.value.task_id == "t-1"
    assert caught.value.task.status == status
    assert len(zoom.api_requests) == 1
    assert client.sleeps == []


def test_a_missing_status_ends_the_wait_at_once(make_client: Callable[..., Facade]) -> None:
    """A task body without ``status`` at all: TransferUnknownStatusError, one poll."""
    body = {k: v for k, v in task_json("IN_PROCESS").items() if k != "status"}
    zoom = FakeZoom(lambda _: json_response(200, body))
    with pytest.raises(zc.TransferUnknownStatusError):
        call(make_client(zoom), "wait_for_transfer", "t-1")
    assert len(zoom.api_requests) == 1


def busy_then(
    statuses: Callable[[httpx.Request], httpx.Response],
) -> tuple[FakeZoom, list[str]]:
    """Part 1 starts task-1, part 2 is refused with 30001; task-1's polls answer ``statuses``."""
    posts = iter(
        [
            json_response(201, {"task_id": "task-1"}),
            json_response(400, {"code": 30001, "message": "processing transfer task"}),
        ]
    )
    methods: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        methods.append(request.method)
        if request.method == "POST":
            return next(posts, json_response(201, {"task_id": "task-2"}))
        return statuses(request)

    return FakeZoom(handler), methods


def test_transfer_waits_for_the_previous_part_within_its_timeout(
    make_client: Callable[..., Facade],
) -> None:
    """After 30001, part 1's task stuck IN_PROCESS: transfer(timeout=10, poll_interval=1) ends
    with TransferTimeoutError after 1 + 4 polls (1+2+4+3 s), part 2 never resent, task-1 named."""
    zoom, methods = busy_then(status_sequence("IN_PROCESS"))
    client = make_client(zoom)
    ids = [f"c{n}" for n in range(60)]
    with pytest.raises(zc.TransferTimeoutError) as caught:
        call(client, "transfer", target_owner_user_id=TARGET, source_owner_user_id=SOURCE,
             clip_ids=ids, timeout=10, poll_interval=1)  # fmt: skip
    assert methods == ["POST", "POST"] + ["GET"] * 5
    assert client.sleeps == [1.0, 2.0, 4.0, 3.0]
    assert caught.value.task_id == "task-1"
    assert caught.value.__notes__ == ["transfers already started, task ids: task-1"]


def test_transfer_s_wait_stops_at_an_unknown_status(make_client: Callable[..., Facade]) -> None:
    """The previous part's task with a status Zoom does not document: no waiting, no resend."""
    zoom, methods = busy_then(lambda _: json_response(200, task_json("QUEUED")))
    with pytest.raises(zc.TransferUnknownStatusError):
        call(make_client(zoom), "transfer", target_owner_user_id=TARGET,
             source_owner_user_id=SOURCE, clip_ids=[f"c{n}" for n in range(60)])  # fmt: skip
    assert methods == ["POST", "POST", "GET"]


@pytest.mark.parametrize(
    "kwargs",
    [{"timeout": -1}, {"timeout": float("inf")}, {"poll_interval": 0}, {"timeout": True}],
)
def test_transfer_s_wait_arguments_are_checked_before_any_request(
    make_client: Callable[..., Facade], kwargs: dict[str, Any]
) -> None:
    """A timeout or poll interval that is no finite number of seconds: ValueError, nothing sent."""
    zoom = FakeZoom(lambda _: httpx.Response(599))
    with pytest.raises(ValueError, match="must be a finite number of seconds"):
        call(make_client(zoom), "transfer", target_owner_user_id=TARGET, **kwargs)
    assert zoom.api_requests == []
