"""Rate limits per category: LIGHT and MEDIUM each their own budget, per plan or per config."""

from __future__ import annotations

from typing import Any

import pytest
from zoom_clips.mock import MockConfig
from zoom_clips.mock._router import category_of

from tests.mock.conftest import InProcess, MakeMock


@pytest.fixture
def mock(make_mock: MakeMock) -> InProcess:
    """A quiet in-process mock of 800 clips (enough for these rules), its clock frozen at NOW."""
    return make_mock(clips=800)


MASTER = "mock-master-account"


def _transfer(mock: InProcess, token: str) -> Any:
    account = mock.state.dataset.sub_accounts[0]
    source, target = account.users[:2]
    body = {"transfer_type": "FULL_TRANSFER", "source_owner_user_id": source.id}
    return mock.api(
        "POST", "/clips/transfers", token, json=body | {"target_owner_user_id": target.id}
    )


@pytest.mark.parametrize(
    ("method", "template", "category"),
    [
        ("GET", "/accounts/{accountId}/clips", "LIGHT"),
        ("GET", "/clips", "LIGHT"),
        ("POST", "/clips/transfers", "MEDIUM"),
        ("GET", "/clips/{clipId}", "LIGHT"),
        ("DELETE", "/clips/{clipId}/comments/{commentId}", "LIGHT"),
    ],
)
def test_each_route_takes_its_category_from_the_generated_tables(
    method: str, template: str, category: str
) -> None:
    """The category comes from the specs' Rate Limit Label (GET /clips/{id}: none, so LIGHT)."""
    assert category_of(method, template) == category


def test_a_transfer_never_spends_the_listings_budget(make_mock: MakeMock) -> None:
    """With qps=1, a listing and a transfer in the same second both pass; a second of each 429s."""
    mock = make_mock(qps=1)
    token = mock.token()
    assert mock.clips(MASTER, token).status_code == 200
    started = _transfer(mock, token)
    assert started.status_code == 201
    listing = mock.clips(MASTER, token)
    assert listing.status_code == 429
    assert listing.headers["x-ratelimit-category"] == "Light"
    transfer = _transfer(mock, token)
    assert transfer.status_code == 429
    assert transfer.headers["x-ratelimit-category"] == "Medium"
    assert transfer.json()["code"] == 429


def test_every_light_route_shares_one_budget(make_mock: MakeMock) -> None:
    """GET /clips/{id} and the listing draw from the same LIGHT budget."""
    mock = make_mock(qps=2)
    token = mock.token()
    clip_id = mock.state.dataset.clips[0]["clip_id"]
    assert mock.api("GET", f"/clips/{clip_id}", token).status_code == 200
    assert mock.api("GET", "/clips", token).status_code == 200
    assert mock.api("GET", f"/clips/{clip_id}/comments", token).status_code == 429


@pytest.mark.parametrize(
    ("plan", "light", "medium"), [("free", 4, 2), ("pro", 30, 20), ("business", 80, 60)]
)
def test_a_plan_sets_each_categorys_per_second_budget(
    make_mock: MakeMock, plan: str, light: int, medium: int
) -> None:
    """plan= gives LIGHT and MEDIUM Zoom's per-second budgets of that plan."""
    mock = make_mock(plan=plan)
    token = mock.token()
    statuses = [mock.api("GET", "/clips", token).status_code for _ in range(light + 1)]
    assert statuses == [200] * light + [429]
    limited = [_transfer(mock, token) for _ in range(medium + 1)][-1]
    assert limited.status_code == 429
    assert limited.headers["x-ratelimit-limit"] == str(medium)


def test_the_free_plan_has_daily_budgets(make_mock: MakeMock) -> None:
    """On the free plan, LIGHT answers carry the daily budget of 6,000 as their limit."""
    mock = make_mock(plan="free")
    response = mock.api("GET", "/clips")
    assert response.headers["x-ratelimit-limit"] == "6000"
    assert response.headers["x-ratelimit-remaining"] == "5999"


def test_an_unknown_plan_is_refused() -> None:
    """MockConfig(plan=...) takes only Zoom's plan names."""
    with pytest.raises(ValueError, match="plan must be one of"):
        MockConfig(plan="enterprise")


def test_faults_hit_the_new_routes_too(make_mock: MakeMock) -> None:
    """With fault_rate=1, GET /clips/{id} gets an injected fault, not its answer."""
    mock = make_mock(fault_rate=1.0, faults=("503",))
    token = mock.token()
    response = mock.api("GET", f"/clips/{mock.state.dataset.clips[0]['clip_id']}", token)
    assert response.status_code == 503
