"""``client.operations`` (every operation of both specs), ``client.request`` and ``with_options``,
each run on the sync and the async client over ``httpx.MockTransport``."""

from __future__ import annotations

import asyncio
import inspect
import json
import logging
from collections.abc import Awaitable
from typing import Any, TypeVar

import httpx
import pytest
import zoom_clips as zc
from zoom_clips._logs import setup_logging
from zoom_clips_api import api as master_api
from zoom_clips_endpoints_api import api as endpoints_api
from zoom_clips_endpoints_api.models.clip import Clip as GeneratedClip
from zoom_clips_endpoints_api.models.transfer_request import TransferRequest
from zoom_clips_endpoints_api.models.transfer_type import TransferType

from ..virtual_time import run_virtual
from .conftest import NOW, SECRET, TOKEN, Facade, FakeZoom, clip_json, json_response, make_auth

T = TypeVar("T")


def run(value: T | Awaitable[T]) -> T:
    """The value of a sync call, or of an async one run to completion."""
    if inspect.isawaitable(value):

        async def wait() -> T:
            return await value

        return asyncio.run(wait())
    return value


def ops(facade: Facade) -> Any:
    return facade.client.operations.endpoints


# -- reachability ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "package"), [("endpoints", endpoints_api), ("master", master_api)]
)
def test_every_operation_of_both_specs_is_a_method_of_both_clients(spec: str, package: Any) -> None:
    """Each name in the generated ``OPERATIONS`` is callable, sync on ZoomClips, awaitable on
    AsyncZoomClips, raw variants included: nothing is listed by hand."""
    sync = zc.ZoomClips(auth=zc.BearerToken("t"))
    aclient = zc.AsyncZoomClips(auth=zc.BearerToken("t"))
    assert len(package.OPERATIONS) >= 1
    for name in package.OPERATIONS:
        for operations, awaitable in (
            (getattr(sync.operations, spec), False),
            (getattr(sync.operations, spec).with_raw_response, False),
            (getattr(aclient.operations, spec), True),
            (getattr(aclient.operations, spec).with_raw_response, True),
        ):
            method = getattr(operations, name)
            assert inspect.iscoroutinefunction(method) is awaitable, (spec, name)
    sync.close()


def test_an_unknown_operation_names_the_closest_ones() -> None:
    """A typo is an AttributeError that suggests the operations it may have meant."""
    client = zc.ZoomClips(auth=zc.BearerToken("t"))
    with pytest.raises(AttributeError, match=r"'get_clip_byid'.*get_clip_by_id"):
        _ = client.operations.endpoints.get_clip_byid
    with pytest.raises(AttributeError, match=r"'endpoint'.*endpoints"):
        _ = client.operations.endpoint
    with pytest.raises(AttributeError, match=r"'zzzz' \(the specs: endpoints, master\)"):
        _ = client.operations.zzzz
    client.close()


# -- requests and answers --------------------------------------------------------------------------


def test_a_get_sends_the_generated_request_and_returns_the_generated_model(
    make_client: Any,
) -> None:
    """Path parameters quoted, the token sent, and the answer parsed into the generated ``Clip``
    keeping an enum value and a field the spec does not know."""
    zoom = FakeZoom(
        lambda request: json_response(
            200, clip_json("a/b c", status="BRAND_NEW_STATE", chapters=[{"t": 1}])
        )
    )
    client = make_client(zoom)
    clip = run(ops(client).get_clip_by_id("a/b c?"))
    (request,) = zoom.api_requests
    assert request.method == "GET"
    assert request.url.raw_path == b"/v2/clips/a%2Fb%20c%3F"
    assert request.headers["authorization"] == f"Bearer {TOKEN}"
    assert isinstance(clip, GeneratedClip)
    assert clip.clip_id == "a/b c"
    assert clip.status == "BRAND_NEW_STATE"
    assert clip.additional_properties["chapters"] == [{"t": 1}]


def test_query_parameters_are_keywords(make_client: Any) -> None:
    """Keywords become the query; unset ones are not sent."""
    zoom = FakeZoom(lambda request: json_response(200, {"data": [], "next_page_token": ""}))
    client = make_client(zoom)
    page = run(ops(client).get_user_clips(user_id="u-1", page_size=50, from_="2025-01-01"))
    assert zoom.queries() == [
        {
            "user_id": "u-1",
            "page_size": "50",
            "from": "2025-01-01",
            "date_filter_type": "MODIFIED_DATE",
        }
    ]
    assert page.data == []


@pytest.mark.parametrize(
    "body",
    [
        TransferRequest(
            source_owner_user_id="u-1",
            target_owner_user_id="u-2",
            transfer_type=TransferType.FULL_TRANSFER,
        ),
        {
            "source_owner_user_id": "u-1",
            "target_owner_user_id": "u-2",
            "transfer_type": "FULL_TRANSFER",
        },
    ],
    ids=["model", "mapping"],
)
def test_a_body_is_the_generated_model_or_a_plain_mapping(make_client: Any, body: Any) -> None:
    """Both send the same JSON; a 201 comes back as the generated model."""
    zoom = FakeZoom(lambda request: json_response(201, {"task_id": "t-1"}))
    client = make_client(zoom)
    created = run(ops(client).transferclipsowner(body=body))
    (request,) = zoom.api_requests
    assert request.method == "POST"
    assert json.loads(request.content) == {
        "source_owner_user_id": "u-1",
        "target_owner_user_id": "u-2",
        "transfer_type": "FULL_TRANSFER",
    }
    assert created.task_id == "t-1"


def test_a_mapping_body_is_sent_exactly_as_given(make_client: Any) -> None:
    """Keys the spec does not know yet reach Zoom unchanged."""
    zoom = FakeZoom(lambda request: json_response(201, {"task_id": "t-1"}))
    client = make_client(zoom)
    run(ops(client).transferclipsowner(body={"future_field": [1, 2], "transfer_type": "X"}))
    assert json.loads(zoom.api_requests[0].content) == {
        "future_field": [1, 2],
        "transfer_type": "X",
    }


@pytest.mark.parametrize("body", [42, "text", [("a", 1)], GeneratedClip])
def test_a_body_that_is_neither_raises_type_error_before_any_request(
    make_client: Any, body: Any
) -> None:
    """Nothing is sent for a body of the wrong kind."""
    zoom = FakeZoom(lambda request: json_response(201, {"task_id": "t-1"}))
    client = make_client(zoom)
    with pytest.raises(TypeError, match="body must be"):
        run(ops(client).transferclipsowner(body=body))
    assert zoom.api_requests == []
    assert zoom.token_requests == []


def test_an_answer_without_content_is_none(make_client: Any) -> None:
    """A 204 returns ``None``."""
    zoom = FakeZoom(lambda request: httpx.Response(204))
    client = make_client(zoom)
    assert run(ops(client).delete_collaborator("c-1", user_key="a@example.com")) is None
    assert zoom.api_requests[0].url.params["user_key"] == "a@example.com"


def test_an_undocumented_success_status_is_read_as_the_documented_one(make_client: Any) -> None:
    """Zoom answering 200 where the spec says 201 still gives the model."""
    zoom = FakeZoom(lambda request: json_response(200, {"task_id": "t-9"}))
    client = make_client(zoom)
    body = {"transfer_type": "FULL_TRANSFER"}
    assert run(ops(client).transferclipsowner(body=body)).task_id == "t-9"


def test_zooms_error_body_is_the_typed_error(make_client: Any) -> None:
    """A 404 with code 2000 is a NotFoundError carrying Zoom's code and tracking id."""
    zoom = FakeZoom(
        lambda request: json_response(
            404, {"code": 2000, "message": "Clip not found"}, **{"x-zm-trackingid": "rid-1"}
        )
    )
    client = make_client(zoom)
    with pytest.raises(zc.NotFoundError) as caught:
        run(ops(client).get_clip_by_id("missing"))
    assert caught.value.code == 2000
    assert caught.value.tracking_id == "rid-1"


def test_a_body_of_the_wrong_shape_is_a_validation_error(make_client: Any) -> None:
    """JSON the generated model cannot read is an APIResponseValidationError, not a crash."""
    zoom = FakeZoom(lambda request: json_response(200, {"data": "not a list"}))
    client = make_client(zoom)
    with pytest.raises(zc.APIResponseValidationError, match="does not match the spec"):
        run(ops(client).get_user_clips())


def test_a_429_is_retried_for_any_method_a_503_only_where_resending_is_safe(
    make_client: Any,
) -> None:
    """POST: a 429 is sent again, a 503 is not; GET: a 503 is sent again."""
    answers = iter([json_response(429, {"code": 429, "message": "slow"})])

    def once_then_ok(request: httpx.Request) -> httpx.Response:
        return next(answers, json_response(201, {"task_id": "t-1"}))

    zoom = FakeZoom(once_then_ok)
    client = make_client(zoom)
    assert run(ops(client).transferclipsowner(body={})).task_id == "t-1"
    assert len(zoom.api_requests) == 2

    failing = FakeZoom(lambda request: json_response(503, {"code": 503, "message": "down"}))
    client = make_client(failing)
    with pytest.raises(zc.InternalServerError):
        run(ops(client).transferclipsowner(body={}))
    assert len(failing.api_requests) == 1
    with pytest.raises(zc.InternalServerError):
        run(ops(client).get_clip_by_id("a"))
    assert len(failing.api_requests) == 1 + 4  # the GET: the first try and 3 retries


def test_upload_operations_go_to_the_file_api(make_client: Any) -> None:
    """The upload paths are sent under ``file_base_url``, the others under ``base_url``."""
    zoom = FakeZoom(lambda request: json_response(201, {"upload_context": "ctx"}))
    client = make_client(  # a token of that server's (a Zoom token goes only to Zoom: issue 21)
        zoom,
        auth=make_auth(token_url="https://api.example.test/oauth/token"),
        base_url="https://api.example.test/v2",
        file_base_url="https://files.example.test/v2",
    )
    run(
        ops(client).initiate_and_complete_a_clip_multipart_upload(
            body={"method": "CreateMultipartUpload", "params": {"file_name": "a.mp4"}}
        )
    )
    assert str(zoom.api_requests[0].url) == (
        "https://files.example.test/v2/clips/files/multipart/upload_events"
    )


def test_the_raw_response_has_status_headers_tracking_id_and_the_value(make_client: Any) -> None:
    """``with_raw_response`` gives what Zoom sent, then the parsed model."""
    zoom = FakeZoom(
        lambda request: json_response(
            200, clip_json("c-1"), **{"x-zm-trackingid": "rid-7", "x-ratelimit-remaining": "9"}
        )
    )
    client = make_client(zoom)
    raw = run(ops(client).with_raw_response.get_clip_by_id("c-1"))
    assert raw.status_code == 200
    assert raw.tracking_id == "rid-7"
    assert raw.headers["x-ratelimit-remaining"] == "9"
    assert raw.parse().clip_id == "c-1"
    assert repr(raw) == "<RawResponse [200] GET /v2/clips/c-1>"


def test_the_master_spec_is_served_too(make_client: Any) -> None:
    """``operations.master`` reaches ``GET /accounts/{accountId}/clips``."""
    zoom = FakeZoom(lambda request: json_response(200, {"data": [clip_json("m")]}))
    client = make_client(zoom)
    page = run(client.client.operations.master.get_user_clips("acct 1", page_size=30))
    assert zoom.api_requests[0].url.raw_path.startswith(b"/v2/accounts/acct%201/clips?")
    assert page.data[0].clip_id == "m"


# -- the rate limit of an operation's category -----------------------------------------------


def test_a_medium_operation_waits_for_mediums_budget_while_a_light_one_does_not() -> None:
    """With MEDIUM at 2/s and LIGHT unlimited, three transfers span a second; gets do not wait."""
    times: dict[str, list[float]] = {"POST": [], "GET": []}

    def zoom(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/oauth/token":
            return json_response(200, {"access_token": TOKEN, "expires_in": 3600})
        times[request.method].append(asyncio.get_running_loop().time())
        if request.method == "POST":
            return json_response(201, {"task_id": "t"})
        return json_response(200, clip_json("c"))

    async def main() -> None:
        async def no_wait(_: float) -> None:
            return None

        client = zc.AsyncZoomClips(
            auth=make_auth(),
            http_client=httpx.AsyncClient(transport=httpx.MockTransport(zoom)),
            sleep=no_wait,
            retry_policy=zc.RetryPolicy(now=lambda: NOW),
            rate_limit={"MEDIUM": 2},
        )
        operations = client.operations.endpoints
        await asyncio.gather(
            *(operations.transferclipsowner(body={}) for _ in range(3)),
            *(operations.get_clip_by_id(f"c{i}") for i in range(6)),
        )

    run_virtual(main())
    assert len(times["POST"]) == 3
    assert times["POST"][-1] - times["POST"][0] >= 0.5  # spaced by MEDIUM's budget
    assert times["GET"][-1] - times["GET"][0] < 1e-6  # LIGHT: not limited, never waits


# -- client.request --------------------------------------------------------------------------------


def test_request_sends_any_path_through_the_request_path(make_client: Any) -> None:
    """Relative path, params, JSON and headers go out with the token; the response comes back."""
    zoom = FakeZoom(lambda request: json_response(200, {"ok": True}))
    client = make_client(zoom)
    response = run(
        client.client.request(
            "patch",
            "clips/c-1/share_settings",
            params={"x": "1"},
            json={"a": 1},
            headers={"X-A": "b"},
        )
    )
    assert response.json() == {"ok": True}
    (request,) = zoom.api_requests
    assert (request.method, str(request.url)) == (
        "PATCH",
        "https://api.zoom.us/v2/clips/c-1/share_settings?x=1",
    )
    assert json.loads(request.content) == {"a": 1}
    assert request.headers["x-a"] == "b"
    assert request.headers["authorization"] == f"Bearer {TOKEN}"


def test_request_raises_the_typed_error(make_client: Any) -> None:
    """A status >= 400 is the typed error, as for every operation."""
    zoom = FakeZoom(lambda request: json_response(403, {"code": 1003, "message": "no"}))
    client = make_client(zoom)
    with pytest.raises(zc.PermissionDeniedError):
        run(client.client.request("GET", "/clips/c-1/chapters"))


@pytest.mark.parametrize(
    ("method", "path", "error"),
    [
        ("GET", "https://evil.example/clips", ValueError),
        ("GET", "//evil.example/clips", ValueError),
        ("GET", "/clips?x=1", ValueError),
        ("FETCH", "/clips", ValueError),
        ("GET", "", ValueError),
        ("GET", 42, ValueError),
    ],
)
def test_request_refuses_bad_arguments_before_sending(
    make_client: Any, method: str, path: Any, error: type[Exception]
) -> None:
    """An absolute URL (the token would leave), a query in the path or an unknown method."""
    zoom = FakeZoom(lambda request: json_response(200, {}))
    client = make_client(zoom)
    with pytest.raises(error):
        run(client.client.request(method, path))
    assert zoom.api_requests == []
    assert zoom.token_requests == []


# -- with_options ----------------------------------------------------------------------------------


def test_with_options_shares_the_pool_and_the_token(make_client: Any) -> None:
    """The copy uses the same httpx client and token, its own retries and timeout."""
    zoom = FakeZoom(lambda request: json_response(503, {"code": 503, "message": "down"}))
    client = make_client(zoom)
    quick = client.client.with_options(timeout=2.5, max_retries=0)
    assert quick._http is client.client._http
    with pytest.raises(zc.InternalServerError):
        run(quick.operations.endpoints.get_clip_by_id("a"))
    assert len(zoom.api_requests) == 1  # max_retries=0
    assert zoom.api_requests[0].extensions["timeout"]["read"] == 2.5
    with pytest.raises(zc.InternalServerError):
        run(client.client.clips.get("a"))
    assert len(zoom.api_requests) == 1 + 4  # the original keeps its 3 retries
    assert len(zoom.token_requests) == 1  # one token for both


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"max_retries": -1}, ValueError),
        ({"max_retries": True}, ValueError),
        ({"timeout": "5"}, TypeError),
    ],
)
def test_with_options_checks_its_arguments(
    make_client: Any, kwargs: dict[str, Any], error: type[Exception]
) -> None:
    """Bad settings are refused at once."""
    client = make_client(FakeZoom(lambda request: json_response(200, {})))
    with pytest.raises(error):
        client.client.with_options(**kwargs)


def test_closing_a_copy_leaves_the_shared_connections_open() -> None:
    """Only the client that made the httpx client closes it."""
    client = zc.ZoomClips(auth=zc.BearerToken("t"))
    client.with_options(max_retries=1).close()
    assert not client._http.is_closed
    client.close()
    assert client._http.is_closed


# -- ZOOM_CLIPS_LOG --------------------------------------------------------------------------------


def test_zoom_clips_log_sends_one_line_per_request_without_secrets(
    make_client: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``ZOOM_CLIPS_LOG=info``: method, path, status and tracking id on stderr; no token, no
    query, no secret."""
    logger = logging.getLogger("zoom_clips")
    saved = (logger.level, list(logger.handlers))
    monkeypatch.setenv("ZOOM_CLIPS_LOG", "info")
    try:
        zoom = FakeZoom(
            lambda request: json_response(200, clip_json("c-1"), **{"x-zm-trackingid": "rid-3"})
        )
        client = make_client(zoom)
        run(client.client.request("GET", "/clips/c-1", params={"next_page_token": "tok-q"}))
        err = capsys.readouterr().err
        assert "GET /v2/clips/c-1 -> 200 [tracking id rid-3]" in err
        for secret in (TOKEN, SECRET, "tok-q"):
            assert secret not in err
        setup_logging({"ZOOM_CLIPS_LOG": "debug"})
        assert len(logger.handlers) == len(saved[1]) + 1  # added once
    finally:
        logger.setLevel(saved[0])
        logger.handlers[:] = saved[1]


def test_an_unknown_log_level_is_refused() -> None:
    """A value other than info or debug is named in a ValueError, not ignored."""
    with pytest.raises(ValueError, match="ZOOM_CLIPS_LOG must be 'info' or 'debug'"):
        setup_logging({"ZOOM_CLIPS_LOG": "verbose"})
    setup_logging({})  # unset: nothing happens


def test_a_body_of_several_models_is_required(make_client: Any) -> None:
    """The upload events' oneOf body cannot be left out (the generated request would crash on
    it): a missing body is Python's TypeError before anything is sent."""
    zoom = FakeZoom(lambda request: json_response(201, {}))
    client = make_client(zoom)
    with pytest.raises(TypeError, match="body"):
        run(ops(client).initiate_and_complete_a_clip_multipart_upload())
    assert zoom.api_requests == []
