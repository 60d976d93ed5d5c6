"""A 200 whose body was cut short is retried like a dropped connection; a wrong shape is not."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
import zoom_clips as zc

from .conftest import ACCOUNT, Facade, FakeZoom, clip_json, json_response, page_json


def cut_then_whole(cuts: int) -> Callable[[httpx.Request], httpx.Response]:
    """A page whose first ``cuts`` answers are its JSON cut in half."""
    whole = json_response(200, page_json([clip_json("a")])).content
    answers = [whole[: len(whole) // 2]] * cuts + [whole]
    return lambda _: httpx.Response(200, content=answers.pop(0) if len(answers) > 1 else whole)


def test_truncated_body_is_retried(make_client: Callable[..., Facade]) -> None:
    """Two truncated 200s, then the whole page: the page is returned after two backoff waits."""
    zoom = FakeZoom(cut_then_whole(2))
    client = make_client(zoom)
    assert [c.clip_id for c in client.list_page(ACCOUNT).data] == ["a"]
    assert len(zoom.api_requests) == 3
    assert client.sleeps == [0.4375, 0.875]  # backoff 0.5 * 2**n, less the fixed 12.5% jitter


def test_truncated_body_beyond_the_budget_is_a_validation_error(
    make_client: Callable[..., Facade],
) -> None:
    """When every answer is cut short, the typed error comes after max_retries retries."""
    zoom = FakeZoom(cut_then_whole(10))
    client = make_client(zoom, max_retries=2)
    with pytest.raises(zc.APIResponseValidationError, match="not JSON"):
        client.list_page(ACCOUNT)
    assert len(zoom.api_requests) == 3


def test_json_of_the_wrong_shape_is_not_retried(make_client: Callable[..., Facade]) -> None:
    """Valid JSON that is not a clips page will not improve on a retry: it is raised at once."""
    zoom = FakeZoom(lambda _: json_response(200, {"data": "not a list"}))
    client = make_client(zoom)
    with pytest.raises(zc.APIResponseValidationError, match="not a clips page"):
        client.list_page(ACCOUNT)
    assert len(zoom.api_requests) == 1
