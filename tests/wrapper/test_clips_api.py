"""The Clips API operations (get, delete, collaborators, comments, transfer status), sync and
async over ``httpx.MockTransport``: requests built by the generated code, answers parsed into
the typed models, Zoom's error bodies into the typed errors, bad arguments refused unsent."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs
import httpx
import pytest
import zoom_clips as zc

from .clips_api_support import answer, call, no_content, route
from .conftest import PASSCODE, TOKEN, Facade, FakeZoom, clip_json, json_response, page_json

CLIP = "clip/1 ?x"  # rejected: a "/" would change the path
ODD = "a+b%c&d"  # fine: percent-encoded into one path segment
ODD_PATH = "a%2Bb%25c%26d"

COLLABORATOR = {
    "user_id": "u-1",
    "display_name": "Ann",
    "email": None,
    "type": "ZOOM_USER",
    "role": "VIEWER",
    "avatar": "https://file.zoom.us/p/u-1",
}
COMMENT = {
    "comment_id": "c-1",
    "content": "@[Bo](user:bo@example.com) look",
    "content_type": "TEXT_WITH_MENTION",
    "created_date": "2025-01-10T01:51:50Z",
    "modified_date": "2025-01-10T01:51:50.631+00:00",
    "edited": False,
    "mentions": [{"display_name": "Bo", "email": "bo@example.com"}],
    "children_comments": [
        {"comment_id": "c-2", "content": "👍", "content_type": "EMOJI", "parent_node_id": "c-1"}
    ],
}

Answer = Callable[[httpx.Request], httpx.Response]


@attrs.frozen
class Op:
    """One operation: its dotted name under clips, its arguments, its request and success answer."""

    name: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    method: str
    path: str  # raw, as sent: percent-encoded
    ok: Answer

    def __call__(self, client: Facade) -> Any:
        return call(client, self.name, *self.args, **self.kwargs)


OPERATIONS: list[Op] = [
    Op(*spec)  # type: ignore[arg-type]
    for spec in [
        ("get", (ODD,), {}, "GET", f"/v2/clips/{ODD_PATH}", answer(200, clip_json(ODD))),
        ("delete", (ODD,), {}, "DELETE", f"/v2/clips/{ODD_PATH}", no_content),
        (
            "collaborators.list",
            (ODD,),
            {},
            "GET",
            f"/v2/clips/{ODD_PATH}/collaborators",
            answer(200, {"data": [COLLABORATOR], "next_page_token": "", "page_size": 30}),
        ),
        (
            "collaborators.remove",
            (ODD,),
            {"user_key": "ann@example.com"},
            "DELETE",
            f"/v2/clips/{ODD_PATH}/collaborators",
            no_content,
        ),
        (
            "comments.list",
            (ODD,),
            {},
            "GET",
            f"/v2/clips/{ODD_PATH}/comments",
            answer(200, {"data": [COMMENT], "next_page_token": ""}),
        ),
        (
            "comments.delete",
            (ODD, "c-1"),
            {},
            "DELETE",
            f"/v2/clips/{ODD_PATH}/comments/c-1",
            no_content,
        ),
        (
            "transfer_status",
            (ODD,),
            {},
            "GET",
            f"/v2/clips/transfers/{ODD_PATH}",
            answer(
                200,
                {
                    "status": "IN_PROCESS",
                    "transfer_type": "FULL_TRANSFER",
                    "source_owner_user_id": "u-1",
                    "target_owner_user_id": "u-2",
                },
            ),
        ),
        (
            "transfer",
            (),
            {"target_owner_user_id": "u-2", "source_owner_user_id": "u-1"},
            "POST",
            "/v2/clips/transfers",
            answer(201, {"task_id": "task-1"}),
        ),
    ]
]
OPERATION_IDS = [op.name for op in OPERATIONS]


@pytest.mark.parametrize("op", OPERATIONS, ids=OPERATION_IDS)
def test_each_operation_sends_its_request_with_auth(
    make_client: Callable[..., Facade], op: Op
) -> None:
    """Each operation sends its method to its /v2 path, ids percent-encoded, with the token."""
    zoom = FakeZoom(route({(op.method, op.path): op.ok}))
    client = make_client(zoom)
    op(client)
    (request,) = zoom.api_requests
    assert request.url.host == "api.zoom.us"
    assert request.headers["authorization"] == f"Bearer {TOKEN}"


@pytest.mark.parametrize(
    ("status", "code", "cls"),
    [
        (400, 1500, zc.BadRequestError),
        (400, 30001, zc.TransferInProgressError),
        (401, 1002, zc.AuthenticationError),
        (403, 1003, zc.PermissionDeniedError),
        (404, 2000, zc.NotFoundError),
        (429, 429, zc.RateLimitError),
    ],
)
@pytest.mark.parametrize("op", OPERATIONS, ids=OPERATION_IDS)
def test_each_operation_raises_zooms_errors_typed(
    make_client: Callable[..., Facade], op: Op, status: int, code: int, cls: type[zc.APIStatusError]
) -> None:
    """Zoom's {code, message} error bodies, undeclared in the spec, raise the typed error."""
    headers = {"x-ratelimit-type": "Daily-limit"} if status == 429 else {}
    error = {"code": code, "message": f"nope {code}"}
    zoom = FakeZoom(
        route({(op.method, op.path): lambda _: json_response(status, error, **headers)})
    )
    client = make_client(zoom)
    with pytest.raises(cls) as caught:
        op(client)
    assert type(caught.value) is cls
    assert (caught.value.status_code, caught.value.code) == (status, code)
    assert TOKEN not in str(caught.value)


def test_get_returns_the_listings_clip_with_its_passcode_hidden(
    make_client: Callable[..., Facade],
) -> None:
    """get() parses the same Clip as the listing: enums, UTC dates, extras, passcode out of repr."""
    body = clip_json("c1", status="RECORD_ARCHIVED", brand_new={"x": 1})
    client = make_client(FakeZoom(route({("GET", "/v2/clips/c1"): answer(200, body)})))
    clip = call(client, "get", "c1")
    assert isinstance(clip, zc.Clip)
    assert clip.status == "RECORD_ARCHIVED"
    assert clip.extra == {"brand_new": {"x": 1}}
    assert clip.share_link_settings is not None
    assert clip.share_link_settings.share_scope is zc.ShareScope.SAME_ORGANIZATION
    assert clip.created_date is not None
    assert clip.created_date.utcoffset() is not None
    assert PASSCODE not in repr(clip)


def test_delete_of_a_missing_clip_is_not_found(make_client: Callable[..., Facade]) -> None:
    """404 code 2000 (clip does not exist) is a NotFoundError carrying Zoom's code and message."""
    missing = answer(404, {"code": 2000, "message": "Clip does not exist: nope."})
    client = make_client(FakeZoom(route({("DELETE", "/v2/clips/nope"): missing})))
    with pytest.raises(zc.NotFoundError) as caught:
        call(client, "delete", "nope")
    assert caught.value.code == 2000
    assert "Clip does not exist" in str(caught.value)


def test_delete_is_retried_after_a_503(make_client: Callable[..., Facade]) -> None:
    """The operations share the listing's retry policy: a 503 is retried after a backoff sleep."""
    answers = iter([httpx.Response(503), httpx.Response(204)])
    zoom = FakeZoom(lambda _: next(answers))
    client = make_client(zoom)
    assert call(client, "delete", "c1") is None
    assert len(zoom.api_requests) == 2
    assert client.sleeps == [0.4375]  # 0.5 s backoff less 12.5% jitter (rand 0.5)


def test_a_200_body_that_is_not_the_promised_object_is_a_validation_error(
    make_client: Callable[..., Facade],
) -> None:
    """A collaborators page whose data is not a list raises APIResponseValidationError."""
    client = make_client(FakeZoom(answer(200, {"data": {"not": "a list"}})))
    with pytest.raises(zc.APIResponseValidationError):
        call(client, "collaborators.list", "c1")


# -- pagination ------------------------------------------------------------------------------------


def paged(items: list[dict[str, Any]], per_page: int) -> Callable[[httpx.Request], httpx.Response]:
    """Zoom paging ``items``: token ``p<n>`` names the next page."""

    def handler(request: httpx.Request) -> httpx.Response:
        token = request.url.params.get("next_page_token", "p0")
        start = int(token[1:]) * per_page
        rest = start + per_page < len(items)
        chunk = items[start : start + per_page]
        next_token = f"p{start // per_page + 1}" if rest else ""
        return json_response(200, {"data": chunk, "next_page_token": next_token})

    return handler


@pytest.mark.parametrize(
    ("operation", "item", "id_field"),
    [("collaborators.list", COLLABORATOR, "user_id"), ("comments.list", COMMENT, "comment_id")],
)
def test_lists_of_a_clip_follow_every_page_token(
    make_client: Callable[..., Facade], operation: str, item: dict[str, Any], id_field: str
) -> None:
    """collaborators.list and comments.list yield every item of every page, in order."""
    items = [{**item, id_field: f"id-{n}"} for n in range(7)]
    zoom = FakeZoom(paged(items, 3))
    client = make_client(zoom)
    got = call(client, operation, "c1", page_size=3)
    assert [getattr(x, id_field) for x in got] == [f"id-{n}" for n in range(7)]
    assert [q.get("next_page_token") for q in zoom.queries()] == [None, "p1", "p2"]
    assert {q["page_size"] for q in zoom.queries()} == {"3"}


def test_a_repeated_page_token_is_a_pagination_error(make_client: Callable[..., Facade]) -> None:
    """A next_page_token Zoom sends twice stops the list with PaginationError, not a loop."""
    zoom = FakeZoom(answer(200, {"data": [COMMENT], "next_page_token": "same"}))
    client = make_client(zoom)
    with pytest.raises(zc.PaginationError):
        call(client, "comments.list", "c1")
    assert len(zoom.api_requests) == 2


def test_collaborators_and_comments_parse_into_typed_models(
    make_client: Callable[..., Facade],
) -> None:
    """Collaborator and Comment (replies, mentions, EMOJI, dates) parse as the spec describes."""
    people = {"data": [COLLABORATOR, {**COLLABORATOR, "type": "ROBOT", "team": 1}]}
    client = make_client(
        FakeZoom(
            route(
                {
                    ("GET", "/v2/clips/c1/collaborators"): answer(200, people),
                    ("GET", "/v2/clips/c1/comments"): answer(200, {"data": [COMMENT]}),
                }
            )
        )
    )
    ann, robot = call(client, "collaborators.list", "c1")
    assert ann == zc.Collaborator(
        user_id="u-1",
        display_name="Ann",
        type=zc.CollaboratorType.ZOOM_USER,
        role=zc.CollaboratorRole.VIEWER,
        avatar="https://file.zoom.us/p/u-1",
    )
    assert (robot.type, robot.extra) == ("ROBOT", {"team": 1})
    (comment,) = call(client, "comments.list", "c1")
    assert comment.content_type is zc.CommentContentType.TEXT_WITH_MENTION
    assert comment.mentions == (zc.Mention(display_name="Bo", email="bo@example.com"),)
    assert comment.edited is False
    assert comment.created_date == comment.modified_date.replace(microsecond=0)  # type: ignore[union-attr]
    (reply,) = comment.children_comments
    assert (reply.comment_id, reply.parent_node_id) == ("c-2", "c-1")
    assert reply.content_type is zc.CommentContentType.EMOJI


def test_remove_collaborator_sends_user_key_or_channel(make_client: Callable[..., Facade]) -> None:
    """remove() sends user_key and/or channel_id as the query, and only what was given."""
    zoom = FakeZoom(route({("DELETE", "/v2/clips/c1/collaborators"): no_content}))
    client = make_client(zoom)
    call(client, "collaborators.remove", "c1", user_key="ann@example.com")
    call(client, "collaborators.remove", "c1", channel_id="ch-9")
    assert zoom.queries() == [{"user_key": "ann@example.com"}, {"channel_id": "ch-9"}]


# -- arguments: refused before any request ---------------------------------------------------------


@pytest.mark.parametrize(
    ("operation", "args", "kwargs", "error"),
    [
        ("get", ("",), {}, ValueError),
        ("get", ("a/b",), {}, ValueError),
        ("get", ("..",), {}, ValueError),
        ("get", ("a b",), {}, ValueError),
        ("get", (7,), {}, TypeError),
        ("delete", ("a\\b",), {}, ValueError),
        ("delete", (None,), {}, TypeError),
        ("collaborators.list", ("a/b",), {}, ValueError),
        ("collaborators.list", ("c1",), {"page_size": 301}, ValueError),
        ("collaborators.remove", ("c1",), {}, ValueError),
        ("collaborators.remove", ("c1",), {"user_key": ""}, ValueError),
        ("comments.list", ("c1",), {"page_size": 51}, ValueError),
        ("comments.list", ("",), {}, ValueError),
        ("comments.delete", ("c1", "x/y"), {}, ValueError),
        ("comments.delete", ("c1", "."), {}, ValueError),
        ("transfer_status", ("t\n1",), {}, ValueError),
        ("wait_for_transfer", ("t1",), {"timeout": -1}, ValueError),
        ("wait_for_transfer", ("t1",), {"poll_interval": 0}, ValueError),
        ("wait_for_transfer", ("t1",), {"timeout": float("nan")}, ValueError),
        ("list", (), {"page_size": 5}, ValueError),
        ("list", ("",), {}, ValueError),
    ],
)
def test_bad_arguments_are_refused_before_any_request(
    make_client: Callable[..., Facade],
    operation: str,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    error: type[Exception],
) -> None:
    """Empty ids, ids with a path separator or whitespace, wrong types: typed errors, unsent."""
    zoom = FakeZoom(lambda _: httpx.Response(599))
    client = make_client(zoom)
    with pytest.raises(error):
        call(client, operation, *args, **kwargs)
    assert zoom.api_requests == []
    assert zoom.token_requests == []


# -- the user-level listing: GET /clips ------------------------------------------------------------


def test_list_without_account_lists_get_clips_with_the_same_windows(
    make_client: Callable[..., Facade],
) -> None:
    """Without account_id, list() pages GET /v2/clips by monthly windows, each clip once."""
    zoom = FakeZoom(
        route({("GET", "/v2/clips"): answer(200, page_json([clip_json("a"), clip_json("a")]))})
    )
    client = make_client(zoom)
    clips = call(
        client,
        "list",
        user_id="me",
        date_filter_type="CREATED_DATE",
        from_="2025-01-01",
        to="2025-03-31",
    )
    assert [clip.clip_id for clip in clips] == ["a"]
    queries = zoom.queries()
    assert [(q["from"], q["to"]) for q in sorted(queries, key=lambda q: q["from"])] == [
        ("2025-01-01T00:00:00Z", "2025-02-01T00:00:00Z"),
        ("2025-02-01T00:00:00Z", "2025-03-01T00:00:00Z"),
        ("2025-03-01T00:00:00Z", "2025-04-01T00:00:00Z"),
    ]
    assert {q["user_id"] for q in queries} == {"me"}


def test_list_page_without_account_sends_one_get_clips(make_client: Callable[..., Facade]) -> None:
    """list_page() without account_id is one GET /v2/clips, and the master path is untouched."""
    zoom = FakeZoom(
        route(
            {
                ("GET", "/v2/clips"): answer(200, page_json([clip_json("u")])),
                ("GET", "/v2/accounts/acct/clips"): answer(200, page_json([clip_json("m")])),
            }
        )
    )
    client = make_client(zoom)
    assert [c.clip_id for c in call(client, "list_page", search_key="demo").data] == ["u"]
    assert [c.clip_id for c in call(client, "list_page", "acct").data] == ["m"]
    assert zoom.queries()[0] == {"search_key": "demo"}


# -- quirks of endpoints.json (registered in scripts/update_spec/quirks.py) ----------------------


def test_comment_content_type_emoji_is_a_member(make_client: Callable[..., Facade]) -> None:
    """Quirk comment-content-type-emoji: EMOJI, named in the description only, is a member."""
    body = {
        "data": [
            {"comment_id": "e", "content_type": "EMOJI"},
            {"comment_id": "g", "content_type": "GIF"},
        ]
    }
    client = make_client(FakeZoom(answer(200, body)))
    emoji, newer = call(client, "comments.list", "c1")
    assert emoji.content_type is zc.CommentContentType.EMOJI
    assert newer.content_type == "GIF"


def test_comments_page_size_is_sent_as_digits(make_client: Callable[..., Facade]) -> None:
    """Quirk comments-page-size-string: the spec types it a string; an int goes out as digits."""
    zoom = FakeZoom(answer(200, {"data": []}))
    client = make_client(zoom)
    call(client, "comments.list", "c1", page_size=15)
    call(client, "comments.list", "c1")
    assert zoom.queries() == [{"page_size": "15"}, {}]
    with pytest.raises(ValueError, match="page_size"):
        call(client, "comments.list", "c1", page_size="15")


@pytest.mark.parametrize(
    ("operation", "args", "status", "body"),
    [
        ("comments.list", ("c1",), 200, {"data": [{"edited": "yes"}]}),
        ("comments.list", ("c1",), 200, {"data": [{"mentions": {"a": 1}}]}),
        ("comments.list", ("c1",), 200, {"data": [{"created_date": "yesterday"}]}),
        ("comments.list", ("c1",), 200, {"data": [{"children_comments": [7]}]}),
        ("collaborators.list", ("c1",), 200, {"data": [{"type": 5}]}),
        ("collaborators.list", ("c1",), 200, {"data": [], "page_size": 2.5}),
        ("transfer_status", ("t1",), 200, {"status": 3}),
        ("transfer_status", ("t1",), 200, {"clip_id_list": [1]}),
        ("transfer_status", ("t1",), 200, ["not", "an", "object"]),
        ("get", ("c1",), 200, {"duration": "long"}),
    ],
)
def test_a_body_of_the_wrong_shape_is_a_validation_error(
    make_client: Callable[..., Facade],
    operation: str,
    args: tuple[Any, ...],
    status: int,
    body: Any,
) -> None:
    """JSON that is not what the spec promises raises APIResponseValidationError, not retried."""
    zoom = FakeZoom(answer(status, body))
    client = make_client(zoom)
    with pytest.raises(zc.APIResponseValidationError):
        call(client, operation, *args)
    assert len(zoom.api_requests) == 1


@pytest.mark.parametrize("body", [{}, {"task_id": ""}, {"task_id": 12}])
def test_a_transfer_answer_without_a_task_id_is_a_validation_error(
    make_client: Callable[..., Facade], body: dict[str, Any]
) -> None:
    """A 201 without the required task_id raises APIResponseValidationError."""
    client = make_client(FakeZoom(answer(201, body)))
    with pytest.raises(zc.APIResponseValidationError):
        call(client, "transfer", target_owner_user_id="u-2")
