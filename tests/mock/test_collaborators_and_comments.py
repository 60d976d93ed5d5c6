"""Collaborators and comments: seeded from the data set's seed, paged with tokens, deletable."""

from __future__ import annotations

from typing import Any

import pytest

from tests.mock.conftest import InProcess, MakeMock


@pytest.fixture
def mock(make_mock: MakeMock) -> InProcess:
    """A quiet in-process mock of 800 clips (enough for these rules), its clock frozen at NOW."""
    return make_mock(clips=800)


def _pages(mock: InProcess, path: str, **params: Any) -> list[dict[str, Any]]:
    """Every item of a paged listing, following next_page_token to its end."""
    items: list[dict[str, Any]] = []
    token = ""
    for _ in range(50):
        query = params | ({"next_page_token": token} if token else {})
        body = mock.api("GET", path, params=query).json()
        items.extend(body["data"])
        token = body["next_page_token"]
        if not token:
            return items
    raise AssertionError("the pages never ended")


def _clip_with(mock: InProcess, kind: str, at_least: int) -> str:
    """The id of the first clip (in seeded order) with at least ``at_least`` items of ``kind``."""
    social = mock.state.social
    for wire in mock.state.dataset.clips:
        clip = mock.state.dataset.clip(str(wire["clip_id"]))
        assert clip is not None
        items = social.comments(clip) if kind == "comments" else social.collaborators(clip)
        if len(items) >= at_least:
            return str(wire["clip_id"])
    raise AssertionError(f"no clip has {at_least} {kind}")


def test_collaborators_are_seeded_and_the_owner_comes_first(make_mock: MakeMock) -> None:
    """Two mocks of one seed list the same collaborators, whatever was read first; owner first."""
    first, again = make_mock(seed=3), make_mock(seed=3)
    clip = first.state.dataset.clips[0]
    path = f"/clips/{clip['clip_id']}/collaborators"
    listed = first.api("GET", path, params={"page_size": 300}).json()["data"]
    for other in again.state.dataset.clips[1:4]:  # read other clips' lists first
        again.api("GET", f"/clips/{other['clip_id']}/collaborators")
    assert listed == again.api("GET", path, params={"page_size": 300}).json()["data"]
    assert listed[0]["role"] == "OWNER"
    assert listed[0]["user_id"] == clip["owner_id"]
    assert {c["role"] for c in listed[1:]} <= {"VIEWER"}


def test_collaborator_pages_neither_repeat_nor_skip(mock: InProcess) -> None:
    """Pages of 30 list exactly the collaborators one page of 300 lists, in the same order."""
    clip_id = _clip_with(mock, "collaborators", 31)
    path = f"/clips/{clip_id}/collaborators"
    whole = mock.api("GET", path, params={"page_size": 300}).json()
    assert whole["next_page_token"] == ""
    assert _pages(mock, path, page_size=30) == whole["data"]
    assert _pages(mock, path) == whole["data"]  # the default page size is 30


def test_comment_pages_follow_to_the_end_and_cap_at_50(mock: InProcess) -> None:
    """Comments page by tokens; a page size over 50 (the spec's maxItems) is taken as 50."""
    clip_id = _clip_with(mock, "comments", 51)
    path = f"/clips/{clip_id}/comments"
    big = mock.api("GET", path, params={"page_size": "300"}).json()
    assert big["page_size"] == 50
    assert len(big["data"]) == 50
    assert big["next_page_token"]
    small = _pages(mock, path, page_size="7")
    assert small == _pages(mock, path, page_size="50")
    assert len({c["comment_id"] for c in small}) == len(small)


@pytest.mark.parametrize(
    ("kind", "page_size"),
    [("comments", "many"), ("comments", "1.5"), ("collaborators", "x"), ("collaborators", "301")],
)
def test_a_bad_page_size_is_400_code_300(mock: InProcess, kind: str, page_size: str) -> None:
    """A page size that is not an integer (or over 300 for collaborators) is 400 code 300."""
    clip_id = mock.state.dataset.clips[0]["clip_id"]
    response = mock.api("GET", f"/clips/{clip_id}/{kind}", params={"page_size": page_size})
    assert (response.status_code, response.json()["code"]) == (400, 300)


@pytest.mark.parametrize("kind", ["comments", "collaborators"])
@pytest.mark.parametrize("page_size", ["0", "-5"])
def test_a_page_size_below_one_means_the_default(
    mock: InProcess, kind: str, page_size: str
) -> None:
    """page_size 0 or negative (the spec sets no minimum) is Zoom's default of 30, never 0."""
    clip_id = _clip_with(mock, kind, 31)
    body = mock.api("GET", f"/clips/{clip_id}/{kind}", params={"page_size": page_size}).json()
    assert body["page_size"] == 30
    assert len(body["data"]) == 30


@pytest.mark.parametrize("kind", ["comments", "collaborators"])
def test_a_page_size_of_one_is_one(mock: InProcess, kind: str) -> None:
    """page_size 1 gives pages of one item (the smallest page, not the default)."""
    clip_id = _clip_with(mock, kind, 2)
    body = mock.api("GET", f"/clips/{clip_id}/{kind}", params={"page_size": "1"}).json()
    assert (body["page_size"], len(body["data"])) == (1, 1)
    assert body["next_page_token"]


def test_a_page_token_is_bound_to_its_clip_and_expires(mock: InProcess) -> None:
    """A collaborators token is refused for another clip, another page size, or after 15 min."""
    clip_id = _clip_with(mock, "collaborators", 31)
    other = next(c["clip_id"] for c in mock.state.dataset.clips if c["clip_id"] != clip_id)
    token = mock.api("GET", f"/clips/{clip_id}/collaborators").json()["next_page_token"]
    assert token
    for path, size in ((f"/clips/{other}/collaborators", 30), (f"/clips/{clip_id}/comments", 30)):
        refused = mock.api("GET", path, params={"next_page_token": token, "page_size": size})
        assert (refused.status_code, refused.json()["code"]) == (400, 300)
    path = f"/clips/{clip_id}/collaborators"
    resized = mock.api("GET", path, params={"next_page_token": token, "page_size": 31})
    assert resized.status_code == 400
    assert mock.api("GET", path, params={"next_page_token": token}).status_code == 200
    mock.state.clock.advance(15 * 60)
    assert mock.api("GET", path, params={"next_page_token": token}).status_code == 400


@pytest.mark.parametrize("key", ["user_id", "email", "channel_id"])
def test_a_collaborator_can_be_removed(mock: InProcess, key: str) -> None:
    """Removing a collaborator by user id, email or channel id takes exactly it off the list."""
    clip_id = _clip_with(mock, "collaborators", 12)
    path = f"/clips/{clip_id}/collaborators"
    before = mock.api("GET", path, params={"page_size": 300}).json()["data"]
    victim = next(c for c in before[1:] if key in c)
    param = {"channel_id": victim[key]} if key == "channel_id" else {"user_key": victim[key]}
    response = mock.api("DELETE", path, params=param)
    assert response.status_code == 204
    after = mock.api("GET", path, params={"page_size": 300}).json()["data"]
    assert after == [c for c in before if c != victim]
    again = mock.api("DELETE", path, params=param)
    assert (again.status_code, again.json()["code"]) == (400, 1500)


@pytest.mark.parametrize("params", [{}, {"user_key": "owner"}, {"user_key": "nobody@x.org"}])
def test_removing_no_one_or_the_owner_is_400_code_1500(
    mock: InProcess, params: dict[str, str]
) -> None:
    """No user_key/channel_id, the owner, or a stranger: 400 code 1500, nothing removed."""
    clip = mock.state.dataset.clips[0]
    path = f"/clips/{clip['clip_id']}/collaborators"
    if params.get("user_key") == "owner":
        params = {"user_key": str(clip["owner_id"])}
    before = mock.api("GET", path, params={"page_size": 300}).json()["data"]
    response = mock.api("DELETE", path, params=params)
    assert (response.status_code, response.json()["code"]) == (400, 1500)
    if params.get("user_key") == clip["owner_id"]:  # the reason names the owner, not "no such"
        assert "owner cannot be removed" in response.json()["message"]
    assert mock.api("GET", path, params={"page_size": 300}).json()["data"] == before


def test_removing_between_pages_never_shifts_the_next_page(mock: InProcess) -> None:
    """A collaborator removed after page 1 is listed, and page 2 still starts where it should."""
    clip_id = _clip_with(mock, "collaborators", 40)
    path = f"/clips/{clip_id}/collaborators"
    whole = mock.api("GET", path, params={"page_size": 300}).json()["data"]
    first = mock.api("GET", path, params={"page_size": 30}).json()
    victim = first["data"][5]
    key = {"channel_id": victim["channel_id"]} if "channel_id" in victim else {}
    key = key or {"user_key": victim.get("user_id") or victim["email"]}
    assert mock.api("DELETE", path, params=key).status_code == 204
    second = mock.api("GET", path, params={"next_page_token": first["next_page_token"]}).json()
    assert second["data"] == whole[30:60]


def test_a_comment_and_a_reply_can_be_deleted(mock: InProcess) -> None:
    """Deleting a reply takes it from its parent; deleting a comment takes its replies too."""
    social, dataset = mock.state.social, mock.state.dataset
    clip_id = next(
        c["clip_id"]
        for c in dataset.clips
        if any(item["children_comments"] for _, item in social.comments(dataset.clip(c["clip_id"])))
    )
    path = f"/clips/{clip_id}/comments"
    before = _pages(mock, path)
    parent = next(c for c in before if c["children_comments"])
    reply = parent["children_comments"][0]
    assert reply["parent_node_id"] == parent["comment_id"]
    assert mock.api("DELETE", f"{path}/{reply['comment_id']}").status_code == 204
    after = _pages(mock, path)
    changed = next(c for c in after if c["comment_id"] == parent["comment_id"])
    assert changed["children_comments"] == parent["children_comments"][1:]
    assert mock.api("DELETE", f"{path}/{parent['comment_id']}").status_code == 204
    assert [c["comment_id"] for c in _pages(mock, path)] == [
        c["comment_id"] for c in before if c is not parent
    ]
    gone = mock.api("DELETE", f"{path}/{reply['comment_id']}")
    assert gone.status_code == 404
    assert gone.json() == {
        "code": 2005,
        "message": f"Comment does not exist: {reply['comment_id']}.",
    }


def test_comments_follow_the_specs_shape(mock: InProcess) -> None:
    """Seeded comments carry Zoom's fields; a mention's content matches its mentions list."""
    comments = [
        comment
        for clip in mock.state.dataset.clips[:40]
        for comment in _pages(mock, f"/clips/{clip['clip_id']}/comments")
    ]
    assert comments
    assert {c["content_type"] for c in comments} == {"TEXT", "TEXT_WITH_MENTION"}
    for comment in comments:
        if comment["content_type"] == "TEXT_WITH_MENTION":
            mention = comment["mentions"][0]
            assert f"(user:{mention['email']})" in comment["content"]
        assert comment["modified_date"] >= comment["created_date"]
        assert comment["edited"] == (comment["modified_date"] != comment["created_date"])


def test_reset_restores_collaborators_and_comments(mock: InProcess) -> None:
    """After POST /_mock/reset, removed collaborators and deleted comments are back."""
    clip_id = _clip_with(mock, "comments", 2)
    comments = f"/clips/{clip_id}/comments"
    before = _pages(mock, comments)
    mock.api("DELETE", f"{comments}/{before[0]['comment_id']}")
    mock.reset()
    assert _pages(mock, comments) == before
