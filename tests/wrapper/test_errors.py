"""Error responses become the right typed error, with Zoom's code/message and no secrets."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
import zoom_clips as zc

from .conftest import ACCOUNT, Facade, FakeZoom, json_response


def test_error_body_becomes_typed_error(make_client: Callable[..., Facade]) -> None:
    """Zoom's {code, message} body, undeclared in the spec, fills a typed APIStatusError."""
    zoom = FakeZoom(
        lambda _: json_response(
            403, {"code": 1003, "message": "No permission."}, **{"x-zm-trackingid": "trk-9"}
        )
    )
    client = make_client(zoom)
    with pytest.raises(zc.PermissionDeniedError) as caught:
        client.list_page(ACCOUNT)
    error = caught.value
    assert (error.status_code, error.code, error.message) == (403, 1003, "No permission.")
    assert error.tracking_id == "trk-9"
    assert "No permission." in str(error)
    assert "trk-9" in str(error)
    assert isinstance(error.response, httpx.Response)


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, zc.BadRequestError),
        (401, zc.AuthenticationError),
        (403, zc.PermissionDeniedError),
        (404, zc.NotFoundError),
        (409, zc.APIStatusError),
        (500, zc.InternalServerError),
        (520, zc.InternalServerError),
    ],
)
def test_each_status_maps_to_its_class(
    make_client: Callable[..., Facade], status: int, cls: type[zc.APIStatusError]
) -> None:
    """Each error status raises its own subclass (retries exhausted for 5xx)."""
    zoom = FakeZoom(lambda _: json_response(status, {"code": 300, "message": "nope"}))
    client = make_client(zoom, max_retries=0)
    with pytest.raises(cls) as caught:
        client.list_page(ACCOUNT)
    assert type(caught.value) is cls
    assert caught.value.status_code == status


def test_html_502_page_gives_a_readable_internal_server_error(
    make_client: Callable[..., Facade],
) -> None:
    """A proxy's HTML error page still gives InternalServerError with a readable message."""
    html = b"<html><head><title>502 Bad Gateway</title></head><body><h1>oops</h1></body></html>"
    zoom = FakeZoom(lambda _: httpx.Response(502, content=html))
    client = make_client(zoom, max_retries=0)
    with pytest.raises(zc.InternalServerError) as caught:
        client.list_page(ACCOUNT)
    assert caught.value.code is None
    assert "502 Bad Gateway" in str(caught.value)
    assert "<html>" not in str(caught.value)


def test_error_tree_is_shallow_and_as_documented() -> None:
    """The hierarchy matches the tree in _errors' docstring."""
    assert issubclass(zc.APITimeoutError, zc.APIConnectionError)
    assert issubclass(zc.APIConnectionError, zc.ZoomClipsError)
    assert issubclass(zc.APIResponseValidationError, zc.ZoomClipsError)
    assert issubclass(zc.PaginationError, zc.BadRequestError)
    for cls in (
        zc.BadRequestError,
        zc.AuthenticationError,
        zc.PermissionDeniedError,
        zc.NotFoundError,
        zc.RateLimitError,
        zc.InternalServerError,
    ):
        assert cls.__mro__[1] is zc.APIStatusError
    assert issubclass(zc.APIStatusError, zc.ZoomClipsError)


@pytest.mark.parametrize(
    "body",
    [
        b'{"data": [{"clip_id": "a"',
        b'{"data": "nope"}',
        b'{"data": [1]}',
        b'{"data": [{"duration": "x"}]}',
        b"<html>ok</html>",
    ],
)
def test_bad_200_body_raises_response_validation_error(
    make_client: Callable[..., Facade], body: bytes
) -> None:
    """A 200 whose body is not a clips page raises APIResponseValidationError, nothing else."""
    zoom = FakeZoom(lambda _: httpx.Response(200, content=body))
    client = make_client(zoom)
    with pytest.raises(zc.APIResponseValidationError) as caught:
        client.list_page(ACCOUNT)
    assert caught.value.status_code == 200
