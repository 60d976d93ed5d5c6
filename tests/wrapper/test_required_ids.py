"""Typed as used: the ids every answer carries are ``str`` in the models, and an answer without
one is an ``APIResponseValidationError`` on the sync and the async client alike."""

from __future__ import annotations

import typing
from collections.abc import Callable
from typing import Any

import pytest
import zoom_clips as zc

from .clips_api_support import answer, call
from .conftest import Facade, FakeZoom, clip_json, page_json


@pytest.mark.parametrize(
    ("model", "field"),
    [(zc.Clip, "clip_id"), (zc.Comment, "comment_id"), (zc.TransferTask, "task_id")],
)
def test_the_ids_are_str_not_optional(model: type, field: str) -> None:
    """The annotation is plain ``str``: callers need no ``None`` check."""
    assert typing.get_type_hints(model)[field] is str


def _without(body: dict[str, Any], key: str) -> dict[str, Any]:
    return {k: v for k, v in body.items() if k != key}


@pytest.mark.parametrize(
    ("operation", "args", "body"),
    [
        ("get", ("c1",), _without(clip_json("c1"), "clip_id")),
        ("get", ("c1",), clip_json("")),
        ("list_page", ("acct",), page_json([_without(clip_json("c1"), "clip_id")])),
        ("list", ("acct",), page_json([clip_json("c1"), {**clip_json("c2"), "clip_id": None}])),
        ("comments.list", ("c1",), {"data": [{"content": "hi"}]}),
        (
            "comments.list",
            ("c1",),
            {"data": [{"comment_id": "top", "children_comments": [{"content": "reply"}]}]},
        ),
    ],
    ids=["get-missing", "get-empty", "list-page", "list", "comment", "reply"],
)
def test_an_answer_without_its_id_is_a_validation_error(
    make_client: Callable[..., Facade], operation: str, args: tuple[str, ...], body: Any
) -> None:
    client = make_client(FakeZoom(answer(200, body)))
    with pytest.raises(zc.APIResponseValidationError, match="_id"):
        call(client, operation, *args)


def test_a_transfer_task_always_has_its_id(make_client: Callable[..., Facade]) -> None:
    """Zoom's status body does not repeat the id: the task carries the one asked for."""
    client = make_client(FakeZoom(answer(200, {"status": "IN_PROCESS"})))
    task = call(client, "transfer_status", "task-9")
    assert task.task_id == "task-9"
