"""GET /clips, GET/DELETE /clips/{clipId}: one data set for both APIs, soft delete, access."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.mock.conftest import NOW, InProcess, MakeMock

MASTER = "mock-master-account"
MONTH = {"from": "2025-05-16", "to": "2025-06-15"}
# Every route under /clips/{clipId} with a method it serves.
CLIP_ROUTES = [
    ("GET", "/clips/{id}"),
    ("DELETE", "/clips/{id}"),
    ("GET", "/clips/{id}/collaborators"),
    ("DELETE", "/clips/{id}/collaborators?user_key=x@example.com"),
    ("GET", "/clips/{id}/comments"),
    ("DELETE", "/clips/{id}/comments/c1"),
]


def _first_master_clip(mock: InProcess) -> dict[str, object]:
    return mock.state.dataset.select(MASTER, from_="2024-06-01", to="2025-06-15")[0]


def test_the_user_listing_with_an_admin_token_lists_the_accounts_clips(mock: InProcess) -> None:
    """GET /clips with the master account's token lists the master account's clips, as select."""
    body = mock.api("GET", "/clips", params=MONTH | {"page_size": 300}).json()
    expected = mock.state.dataset.select(MASTER, from_=MONTH["from"], to=MONTH["to"])
    assert expected
    assert body["data"] == expected
    assert body["total_records"] == len(expected)


def test_the_user_listing_filters_by_user_id_or_email(mock: InProcess) -> None:
    """An admin's ``user_id`` (an id or an email) narrows GET /clips to that owner's clips."""
    admin, other = mock.state.dataset.accounts[0].users[:2]
    for key in (other.id, other.email.upper()):
        listed = mock.api("GET", "/clips", params=MONTH | {"user_id": key}).json()["data"]
        assert listed
        assert {clip["owner_id"] for clip in listed} == {other.id}
    mine = mock.api("GET", "/clips", params=MONTH | {"user_id": "me"}).json()["data"]
    assert {clip["owner_id"] for clip in mine} <= {admin.id}


def test_a_user_token_lists_only_its_own_clips(mock: InProcess) -> None:
    """A user token's GET /clips lists its user's clips only; naming another user is 403 1003."""
    token = mock.user_token()
    account = mock.state.dataset.sub_accounts[0]
    user, other = account.users[:2]
    year = {"from": "2025-05-16", "to": "2025-06-15", "page_size": 300}
    listed = mock.api("GET", "/clips", token, params=year).json()["data"]
    expected = mock.state.dataset.select(account.id, from_=year["from"], to=year["to"])
    assert listed == [clip for clip in expected if clip["owner_id"] == user.id]
    refused = mock.api("GET", "/clips", token, params=year | {"user_id": other.id})
    assert (refused.status_code, refused.json()["code"]) == (403, 1003)


def test_get_clip_answers_the_clip_as_the_listings_send_it(mock: InProcess) -> None:
    """GET /clips/{id} answers exactly the clip the master listing sends, sub accounts' too."""
    account = mock.state.dataset.sub_accounts[1]
    listed = mock.clips(account.id, **MONTH).json()["data"][0]
    response = mock.api("GET", f"/clips/{listed['clip_id']}")
    assert response.status_code == 200
    assert response.json() == listed
    assert response.headers["x-ratelimit-category"] == "Light"


def test_delete_is_soft_and_shows_in_both_listings_and_get(mock: InProcess) -> None:
    """A deleted clip is RECORD_DELETE in GET, in GET /clips and in the master listing."""
    clip = _first_master_clip(mock)
    clip_id = clip["clip_id"]
    response = mock.api("DELETE", f"/clips/{clip_id}")
    assert response.status_code == 204
    assert response.content == b""
    got = mock.api("GET", f"/clips/{clip_id}").json()
    assert got["status"] == "RECORD_DELETE"
    assert got["modified_date"].startswith(NOW.strftime("%Y-%m-%dT%H:%M:%S"))
    today = {"from": "2025-06-15", "to": "2025-06-15", "status": "RECORD_DELETE"}
    for listing in (mock.api("GET", "/clips", params=today), mock.clips(MASTER, **today)):
        assert got in listing.json()["data"]
    again = mock.api("DELETE", f"/clips/{clip_id}")
    assert again.status_code == 204
    assert mock.api("GET", f"/clips/{clip_id}").json() == got


def test_deleting_a_clip_keeps_the_listing_order_whole(mock: InProcess) -> None:
    """After deletes, a listing's pages still hold every clip once, in the data set's order."""
    for clip in mock.state.dataset.select(MASTER, from_=MONTH["from"], to=MONTH["to"])[:5]:
        assert mock.api("DELETE", f"/clips/{clip['clip_id']}").status_code == 204
    window = {"from": "2025-05-16", "to": "2025-06-15T23:59:59Z"}
    listed = mock.clips(MASTER, **window, page_size=300).json()["data"]
    expected = mock.state.dataset.select(MASTER, from_=window["from"], to=window["to"])
    assert listed == expected
    assert len({clip["clip_id"] for clip in listed}) == len(listed)


def test_reset_restores_deleted_clips(mock: InProcess) -> None:
    """POST /_mock/reset brings a soft-deleted clip back to its seeded state."""
    clip = _first_master_clip(mock)
    mock.api("DELETE", f"/clips/{clip['clip_id']}")
    assert mock.reset().status_code == 200
    assert mock.api("GET", f"/clips/{clip['clip_id']}").json() == clip


@pytest.mark.parametrize(("method", "path"), CLIP_ROUTES)
def test_an_id_that_never_existed_is_404_code_2000(mock: InProcess, method: str, path: str) -> None:
    """Every clip route answers an unknown clip id with 404 code 2000 naming it."""
    response = mock.api(method, path.format(id="no-such-clip"))
    assert response.status_code == 404
    assert response.json() == {"code": 2000, "message": "Clip does not exist: no-such-clip."}


@pytest.mark.parametrize(("method", "path"), CLIP_ROUTES)
def test_a_user_token_may_not_touch_another_users_clip(
    mock: InProcess, method: str, path: str
) -> None:
    """A user token on a clip its user does not own gets 403 code 1003 on every clip route."""
    token = mock.user_token()
    user = mock.state.dataset.sub_accounts[0].users[0]
    theirs = next(c for c in mock.state.dataset.clips if c["owner_id"] != user.id)
    response = mock.api(method, path.format(id=theirs["clip_id"]), token)
    assert (response.status_code, response.json()["code"]) == (403, 1003)


def test_a_user_token_reaches_its_own_clip(mock: InProcess) -> None:
    """A user token may get and delete a clip its user owns."""
    token = mock.user_token()
    user = mock.state.dataset.sub_accounts[0].users[0]
    mine = next(c for c in mock.state.dataset.clips if c["owner_id"] == user.id)
    assert mock.api("GET", f"/clips/{mine['clip_id']}", token).json() == mine
    assert mock.api("DELETE", f"/clips/{mine['clip_id']}", token).status_code == 204


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("POST", "/clips", "GET"),
        ("PUT", "/clips/abc", "GET, DELETE"),
        ("POST", "/clips/abc/collaborators", "GET, DELETE"),
        ("DELETE", "/clips/abc/comments", "GET"),
        ("GET", "/clips/abc/comments/def", "DELETE"),
        ("GET", "/clips/transfers", "POST"),
        ("DELETE", "/clips/transfers/t1", "GET"),
    ],
)
def test_a_method_a_path_does_not_serve_is_405_with_allow(
    mock: InProcess, method: str, path: str, allow: str
) -> None:
    """Each new path answers a method it does not serve with 405, Allow and Zoom's JSON."""
    response = mock.request(method, f"/v2{path}")
    assert response.status_code == 405
    assert_allow(response.headers["allow"], allow, path)
    assert response.json()["code"] == 405


_ENDPOINTS = Path(__file__).resolve().parents[2] / "spec" / "endpoints.json"


def spec_methods(path: str) -> set[str]:
    """The methods the vendored endpoints.json has on the template ``path`` matches (a literal
    template before one with parameters), whatever update it is at."""
    paths = json.loads(_ENDPOINTS.read_text(encoding="utf-8"))["paths"]
    matching = [
        template
        for template in paths
        if re.fullmatch(re.sub(r"\\\{[^}]*\\\}", "[^/]+", re.escape(template)), path)
    ]
    if not matching:
        return set()
    item = paths[min(matching, key=lambda template: template.count("{"))]
    return {m.upper() for m in item if m in {"get", "put", "post", "delete", "patch"}}


def assert_allow(header: str, stateful: str, path: str) -> None:
    """``header`` lists the stateful methods first, then exactly the spec's other ones on ``path``
    (an operation Zoom adds there joins the Allow the day it is vendored)."""
    listed, first = header.split(", "), stateful.split(", ")
    assert listed[: len(first)] == first
    assert set(listed) == set(first) | spec_methods(path)


def test_encoded_ids_reach_their_route_decoded(mock: InProcess) -> None:
    """A clip id with an encoded newline or slash is looked up decoded: a JSON 404 naming it."""
    response = mock.api("GET", "/clips/a%0Ab%2Fc")
    assert response.status_code == 404
    assert response.json()["message"] == "Clip does not exist: a\nb/c."


def test_a_page_token_of_one_listing_is_refused_by_the_other(make_mock: MakeMock) -> None:
    """A GET /clips page token sent to the master listing (same account, query) is a 400."""
    mock = make_mock(clips=12_000)
    query = {"from": "2025-01-01", "to": "2025-01-31T23:59:59Z"}
    first = mock.api("GET", "/clips", params=query).json()
    assert first["next_page_token"]
    response = mock.clips(MASTER, **query, next_page_token=first["next_page_token"])
    assert (response.status_code, response.json()["code"]) == (400, 300)
    follow = mock.api("GET", "/clips", params=query | {"next_page_token": first["next_page_token"]})
    assert follow.status_code == 200


@pytest.mark.parametrize(("method", "path"), [("GET", "/clips"), ("GET", "/clips/x")])
def test_new_routes_need_a_token(mock: InProcess, method: str, path: str) -> None:
    """Without a token the new routes are 401 code 1002; with a bad one 401 code 124."""
    assert mock.request(method, f"/v2{path}").json()["code"] == 1002
    bad = mock.request(method, f"/v2{path}", headers={"Authorization": "Bearer nope"})
    assert (bad.status_code, bad.json()["code"]) == (401, 124)
