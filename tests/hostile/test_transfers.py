"""Hostile transfer APIs, sync and async over ``httpx.MockTransport`` with the injected sleep (and
a frozen clock: only the sleeps count): a task that stays ``IN_PROCESS`` forever, a task whose
status Zoom never documented, and a transfer whose later part waits on such a task.

Each asserts the typed error and the polls sent: at most ``1 + ceil(timeout / poll_interval)``
(every wait but the last is at least ``poll_interval``; they double up to 30 s)."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import httpx
import pytest
import zoom_clips as zc

from ..wrapper.clips_api_support import call
from .conftest import Facade, FakeZoom, json_response

TASK = {"transfer_type": "FULL_TRANSFER", "source_owner_user_id": "a", "target_owner_user_id": "b"}


def always(status: Any) -> Callable[[httpx.Request], httpx.Response]:
    return lambda _: json_response(200, TASK | {"status": status})


def wait(client: Facade, **kwargs: Any) -> Any:
    return call(client, "wait_for_transfer", "task-1", **kwargs)


@pytest.mark.parametrize(
    ("timeout", "poll_interval", "polls"),
    [(60.0, 2.0, 6), (600.0, 2.0, 24), (None, None, 24), (0.0, 2.0, 1)],
    ids=["60s", "600s", "defaults", "check-once"],
)
def test_a_transfer_task_that_stays_in_process(
    make_client: Callable[..., Facade],
    timeout: float | None,
    poll_interval: float | None,
    polls: int,
) -> None:
    """IN_PROCESS forever: TransferTimeoutError carrying the task after ``polls`` polls, the
    sleeps adding up to the timeout exactly, never more polls than timeout / interval allows."""
    zoom = FakeZoom(always("IN_PROCESS"))
    client = make_client(zoom)
    kwargs = {} if timeout is None else {"timeout": timeout, "poll_interval": poll_interval}
    with pytest.raises(zc.TransferTimeoutError) as caught:
        wait(client, **kwargs)
    assert len(zoom.api_requests) == polls
    limit, interval = timeout if timeout is not None else 600.0, poll_interval or 2.0
    assert polls <= 1 + math.ceil(limit / interval)
    assert sum(client.sleeps) == limit
    assert caught.value.task.status is zc.TransferStatus.IN_PROCESS


@pytest.mark.parametrize("status", ["CANCELLED", None])
def test_a_transfer_task_with_a_status_zoom_never_documented(
    make_client: Callable[..., Facade], status: str | None
) -> None:
    """An unknown or null status forever: TransferUnknownStatusError at the first poll, not
    600 s of polling."""
    zoom = FakeZoom(always(status))
    client = make_client(zoom)
    with pytest.raises(zc.TransferUnknownStatusError) as caught:
        wait(client)
    assert len(zoom.api_requests) == 1
    assert client.sleeps == []
    assert caught.value.task.status == status


def test_a_transfer_whose_later_part_waits_on_a_task_that_stays_in_process(
    make_client: Callable[..., Facade],
) -> None:
    """Part 2 refused with 30001 while task-1 runs forever: transfer's own timeout ends the
    wait (TransferTimeoutError), 2 POSTs and at most 1 + timeout / interval polls."""
    posts = iter(
        [
            json_response(201, {"task_id": "task-1"}),
            json_response(400, {"code": 30001, "message": "processing transfer task"}),
        ]
    )
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.method)
        if request.method == "POST":
            return next(posts)
        return json_response(200, TASK | {"status": "IN_PROCESS"})

    client = make_client(FakeZoom(handler))
    with pytest.raises(zc.TransferTimeoutError) as caught:
        call(client, "transfer", target_owner_user_id="b", source_owner_user_id="a",
             clip_ids=[f"c{n}" for n in range(51)], timeout=30, poll_interval=5)  # fmt: skip
    assert seen.count("POST") == 2
    assert seen.count("GET") == 4  # after 5, 10 and 15 s: 1 + 3 polls <= 1 + 30 / 5
    assert caught.value.task_id == "task-1"
