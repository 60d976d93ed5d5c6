"""POST /clips/transfers and its status: validation, 30001, completion on the mock's clock."""

from __future__ import annotations

from typing import Any

import pytest

from tests.mock.conftest import InProcess, MakeMock

MASTER = "mock-master-account"


def _owned(mock: InProcess, account_id: str, owner_id: str) -> list[str]:
    """The clips ``owner_id`` owns now (settling the due tasks first, as a request would)."""
    mock.state.settle()
    clips = mock.state.dataset.owned_by(account_id, owner_id)
    return [str(clip.wire["clip_id"]) for clip in clips]


def _partial(source: str, target: str, clip_ids: list[str]) -> dict[str, Any]:
    return {
        "transfer_type": "PARTIAL_TRANSFER",
        "source_owner_user_id": source,
        "target_owner_user_id": target,
        "clip_id_list": clip_ids,
    }


@pytest.fixture
def account(mock: InProcess) -> Any:
    """A sub account with at least two users, the first owning clips."""
    return mock.state.dataset.sub_accounts[0]


def test_a_partial_transfer_completes_on_the_mocks_clock(mock: InProcess, account: Any) -> None:
    """IN_PROCESS until transfer_seconds pass; then SUCCESS and owner_id moved everywhere."""
    source, target = account.users[:2]
    clip_ids = _owned(mock, account.id, source.id)[:3]
    started = mock.api("POST", "/clips/transfers", json=_partial(source.id, target.id, clip_ids))
    assert started.status_code == 201
    assert started.headers["x-ratelimit-category"] == "Medium"
    task = f"/clips/transfers/{started.json()['task_id']}"
    status = mock.api("GET", task).json()
    assert status == {
        "status": "IN_PROCESS",
        "transfer_type": "PARTIAL_TRANSFER",
        "source_owner_user_id": source.id,
        "target_owner_user_id": target.id,
        "clip_id_list": clip_ids,
    }
    mock.state.clock.advance(4.9)
    assert mock.api("GET", task).json()["status"] == "IN_PROCESS"
    assert mock.api("GET", f"/clips/{clip_ids[0]}").json()["owner_id"] == source.id
    mock.state.clock.advance(0.1)
    assert mock.api("GET", task).json()["status"] == "SUCCESS"
    for clip_id in clip_ids:
        clip = mock.api("GET", f"/clips/{clip_id}").json()
        assert clip["owner_id"] == target.id
        assert clip["modified_date"].startswith("2025-06-15T12:00:05")
    today = {"from": "2025-06-15", "to": "2025-06-15", "user_id": target.id, "page_size": 300}
    listed = {c["clip_id"] for c in mock.clips(account.id, **today).json()["data"]}
    assert set(clip_ids) <= listed


def test_a_clip_the_source_no_longer_owns_when_the_task_ends_stays(
    mock: InProcess, account: Any
) -> None:
    """Two tasks give one clip away: the first to end moves it, the second leaves it there."""
    source, first, second = account.users[:3]
    clip_id = _owned(mock, account.id, source.id)[0]
    for target in (first, second):
        body = _partial(source.id, target.id, [clip_id])
        assert mock.api("POST", "/clips/transfers", json=body).status_code == 201
        mock.state.clock.advance(1)
    mock.state.clock.advance(5)
    assert mock.api("GET", f"/clips/{clip_id}").json()["owner_id"] == first.id


def test_a_full_transfer_moves_every_clip_of_the_source(mock: InProcess, account: Any) -> None:
    """A FULL_TRANSFER moves every clip the source owns when it completes, none of others'."""
    source, target = account.users[:2]
    theirs = _owned(mock, account.id, source.id)
    targets_own = _owned(mock, account.id, target.id)
    body = {"transfer_type": "FULL_TRANSFER", "source_owner_user_id": source.id}
    started = mock.api("POST", "/clips/transfers", json=body | {"target_owner_user_id": target.id})
    assert started.status_code == 201
    mock.state.clock.advance(5)
    status = mock.api("GET", f"/clips/transfers/{started.json()['task_id']}").json()
    assert status["status"] == "SUCCESS"
    assert "clip_id_list" not in status
    assert _owned(mock, account.id, source.id) == []
    assert sorted(_owned(mock, account.id, target.id)) == sorted(theirs + targets_own)


def test_a_full_transfer_without_a_source_transfers_the_tokens_user(mock: InProcess) -> None:
    """Without source_owner_user_id (optional for full transfers) the source is the admin."""
    admin, other = mock.state.dataset.accounts[0].users[:2]
    mine = _owned(mock, MASTER, admin.id)
    assert mine
    body = {"transfer_type": "FULL_TRANSFER", "target_owner_user_id": other.id}
    started = mock.api("POST", "/clips/transfers", json=body)
    assert started.status_code == 201
    mock.state.clock.advance(5)
    status = mock.api("GET", f"/clips/transfers/{started.json()['task_id']}").json()
    assert status["source_owner_user_id"] == admin.id
    assert _owned(mock, MASTER, admin.id) == []


def test_the_same_two_users_cannot_start_a_second_transfer_in_process(
    mock: InProcess, account: Any
) -> None:
    """While a task of two users is in process another between them is 400 code 30001."""
    source, target, third = account.users[:3]
    first, second = _owned(mock, account.id, source.id)[:2]
    assert mock.api("POST", "/clips/transfers", json=_partial(source.id, target.id, [first]))
    busy = mock.api("POST", "/clips/transfers", json=_partial(source.id, target.id, [second]))
    assert busy.status_code == 400
    assert busy.json()["code"] == 30001
    elsewhere = mock.api("POST", "/clips/transfers", json=_partial(source.id, third.id, [second]))
    assert elsewhere.status_code == 201
    mock.state.clock.advance(5)
    later = _owned(mock, account.id, source.id)[:1]
    again = mock.api("POST", "/clips/transfers", json=_partial(source.id, target.id, later))
    assert again.status_code == 201


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"transfer_type": None}, 10001),
        ({"target_owner_user_id": None}, 10001),
        ({"source_owner_user_id": None}, 10001),
        ({"clip_id_list": None}, 10001),
        ({"clip_id_list": []}, 10001),
        ({"transfer_type": "HALF_TRANSFER"}, 10003),
        ({"target_owner_user_id": 5}, 10003),
        ({"clip_id_list": "abc"}, 10003),
        ({"target_owner_user_id": "no-such-user"}, 10003),
        ({"target_owner_user_id": "SOURCE"}, 10003),
        ({"target_owner_user_id": "OTHER_ACCOUNT"}, 10003),
        ({"clip_id_list": [f"c{n}" for n in range(51)]}, 10004),
        ({"clip_id_list": ["missing-1", "missing-2"]}, 10002),
        ({"clip_id_list": ["NOT_THEIRS"]}, 20002),
        ({"clip_id_list": ["OWNED", "missing"]}, 20002),
    ],
)
def test_bad_transfers_get_zooms_codes(
    mock: InProcess, account: Any, change: dict[str, Any], code: int
) -> None:
    """Each documented refusal of a transfer body is a 400 with Zoom's code; nothing starts."""
    source, target = account.users[:2]
    stand_ins = {
        "SOURCE": source.id,
        "OTHER_ACCOUNT": mock.state.dataset.sub_accounts[1].users[0].id,
        "OWNED": _owned(mock, account.id, source.id)[0],
        "NOT_THEIRS": _owned(mock, account.id, target.id)[0],
    }
    body = _partial(source.id, target.id, _owned(mock, account.id, source.id)[:1])
    owners = {c["clip_id"]: c["owner_id"] for c in mock.state.dataset.clips}
    for name, value in change.items():
        if value is None:
            del body[name]
        elif isinstance(value, list):
            body[name] = [stand_ins.get(v, v) for v in value]
        else:
            body[name] = stand_ins.get(value, value) if isinstance(value, str) else value
    response = mock.api("POST", "/clips/transfers", json=body)
    assert response.status_code == 400, response.text
    assert response.json()["code"] == code
    mock.state.clock.advance(5)
    mock.state.settle()
    assert {c["clip_id"]: c["owner_id"] for c in mock.state.dataset.clips} == owners


@pytest.mark.parametrize("raw", [b"", b"not json", b"[1, 2]", b'"FULL_TRANSFER"'])
def test_a_body_that_is_not_a_json_object_is_10003(mock: InProcess, raw: bytes) -> None:
    """An empty, unparsable or non-object body is 400 code 10003, never a 500."""
    headers = {"Content-Type": "application/json"}
    response = mock.api("POST", "/clips/transfers", content=raw, headers=headers)
    assert (response.status_code, response.json()["code"]) == (400, 10003)


def test_fifty_ids_are_accepted(mock: InProcess, account: Any) -> None:
    """Exactly 50 clip ids (the spec's maxItems) is not a 10004."""
    source, target = account.users[:2]
    owned = _owned(mock, account.id, source.id)
    assert len(owned) >= 50
    response = mock.api("POST", "/clips/transfers", json=_partial(source.id, target.id, owned[:50]))
    assert response.status_code == 201


@pytest.mark.parametrize(
    ("method", "path"), [("POST", "/clips/transfers"), ("GET", "/clips/transfers/x")]
)
def test_transfers_need_an_admin_token(mock: InProcess, method: str, path: str) -> None:
    """A user-scoped token is 403 code 1003 on both transfer routes."""
    response = mock.api(method, path, mock.user_token(), json={})
    assert (response.status_code, response.json()["code"]) == (403, 1003)


def test_an_unknown_task_is_404_code_10002(mock: InProcess) -> None:
    """A task id the mock never issued is 404 code 10002."""
    response = mock.api("GET", "/clips/transfers/task_id_123")
    assert (response.status_code, response.json()["code"]) == (404, 10002)


def test_with_fail_transfers_a_task_fails_and_moves_nothing(make_mock: MakeMock) -> None:
    """fail_transfers: the task ends FAILED and every clip keeps its owner."""
    mock = make_mock(fail_transfers=True, transfer_seconds=1)
    account = mock.state.dataset.sub_accounts[0]
    source, target = account.users[:2]
    clip_ids = _owned(mock, account.id, source.id)[:2]
    started = mock.api("POST", "/clips/transfers", json=_partial(source.id, target.id, clip_ids))
    mock.state.clock.advance(1)
    status = mock.api("GET", f"/clips/transfers/{started.json()['task_id']}").json()
    assert status["status"] == "FAILED"
    assert _owned(mock, account.id, source.id)[:2] == clip_ids


def test_task_ids_are_seeded(make_mock: MakeMock) -> None:
    """Two mocks of one seed issue the same task ids in the same order."""
    ids = []
    for mock in (make_mock(seed=9), make_mock(seed=9)):
        account = mock.state.dataset.sub_accounts[0]
        source, target = account.users[:2]
        body = _partial(source.id, target.id, _owned(mock, account.id, source.id)[:1])
        ids.append(mock.api("POST", "/clips/transfers", json=body).json()["task_id"])
    assert ids[0] == ids[1]
