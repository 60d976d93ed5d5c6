"""Every path under ``/v2``, with any account id and any method, answers Zoom's JSON error shape."""

from __future__ import annotations

import pytest
from zoom_clips.mock import MockClock, MockConfig, create_app

from tests.mock.conftest import NOW, InProcess


@pytest.fixture(scope="module")
def mock() -> InProcess:
    """One small in-process mock for every routing test (routing never depends on the data)."""
    return InProcess(create_app(MockConfig(clips=50, clock=MockClock(NOW))))


ODD_ACCOUNT_IDS = ["abc%0Adef", "a%2Fb", "a/b", "%00", "%F0%9F%98%80", "x%20y", "..%2F..", "%25"]


@pytest.mark.parametrize("account_id", ODD_ACCOUNT_IDS)
def test_any_account_id_reaches_the_clips_endpoint(mock: InProcess, account_id: str) -> None:
    """An account id with a newline, slash, NUL or emoji is an unknown account: 403 code 1003."""
    response = mock.request(
        "GET",
        f"/v2/accounts/{account_id}/clips",
        headers={"Authorization": f"Bearer {mock.token()}"},
    )
    assert response.status_code == 403
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {"code": 1003, "message": "No permission to operate on this account."}


def test_the_master_account_is_still_listed(mock: InProcess) -> None:
    """Routing by the raw path still hands the plain account id to the endpoint."""
    response = mock.clips("mock-master-account", page_size=30)
    assert response.status_code == 200
    assert response.json()["page_size"] == 30


@pytest.mark.parametrize("method", ["GET", "POST", "DELETE", "PATCH"])
@pytest.mark.parametrize(
    "path",
    [
        "/v2",
        "/v2/",
        "/v2/clip",
        "/v2/clips/x/y",
        "/v2/clips//comments",
        "/v2/accounts/x",
        "/v2/accounts/x/clips/y",
        "/v2/a%0Ab",
        "/v2/accounts/clips",
    ],
)
def test_unknown_paths_under_v2_are_a_json_404(mock: InProcess, method: str, path: str) -> None:
    """A path under /v2 the API does not have is 404 with Zoom's ``{"code", "message"}`` body."""
    response = mock.request(method, path)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/json"
    assert set(response.json()) == {"code", "message"}
    assert response.json()["code"] == 404


@pytest.mark.parametrize("account_id", ["mock-master-account", "abc%0Adef"])
def test_wrong_method_on_the_clips_path_is_405_with_allow(mock: InProcess, account_id: str) -> None:
    """POST on the clips path, whatever the account id, is 405 with ``Allow: GET`` and JSON."""
    response = mock.request("POST", f"/v2/accounts/{account_id}/clips")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET"
    assert response.json()["code"] == 405
