"""The mock's OAuth token endpoint and how the API checks tokens and accounts."""

from __future__ import annotations

import pytest
from zoom_clips.mock import DEMO_REFRESH_TOKEN, MockConfig

from tests.mock.conftest import InProcess, MakeMock

MASTER = "mock-master-account"
CREDENTIALS = ("mock-client-id", "mock-client-secret")
S2S = {"grant_type": "account_credentials", "account_id": MASTER}


def _refresh(mock: InProcess, refresh_token: str) -> dict[str, str]:
    response = mock.request(
        "POST",
        "/oauth/token",
        auth=CREDENTIALS,
        data={"grant_type": "refresh_token", "refresh_token": refresh_token},
    )
    result: dict[str, str] = {"status": str(response.status_code), **response.json()}
    return result


def test_server_to_server_token_from_body_or_query_string(mock: InProcess) -> None:
    """account_credentials works with its parameters in the form body or in the query string."""
    for kwargs in ({"data": S2S}, {"params": S2S}):
        response = mock.request("POST", "/oauth/token", auth=CREDENTIALS, **kwargs)  # type: ignore[arg-type]
        body = response.json()
        assert response.status_code == 200
        assert body["token_type"] == "bearer"
        assert body["expires_in"] == 3600
        assert "clips:read:master" in body["scope"].split()
        assert body["api_url"] == "http://mock"
        assert "refresh_token" not in body


@pytest.mark.parametrize(
    ("auth", "data", "status", "error"),
    [
        (("mock-client-id", "wrong"), S2S, 401, "invalid_client"),
        (None, S2S, 401, "invalid_client"),
        (
            CREDENTIALS,
            {"grant_type": "account_credentials", "account_id": "other"},
            400,
            "invalid_request",
        ),
        (CREDENTIALS, {"grant_type": "password"}, 400, "unsupported_grant_type"),
        (
            CREDENTIALS,
            {"grant_type": "refresh_token", "refresh_token": "nope"},
            400,
            "invalid_grant",
        ),
    ],
)
def test_bad_token_requests_get_oauth_errors(
    mock: InProcess, auth: tuple[str, str] | None, data: dict[str, str], status: int, error: str
) -> None:
    """Wrong credentials, account, grant type or refresh token: an OAuth error with a reason."""
    response = mock.request("POST", "/oauth/token", auth=auth, data=data)
    assert response.status_code == status
    assert response.json()["error"] == error
    assert response.json()["reason"]
    assert "mock-client-secret" not in response.text


def test_garbled_basic_header_is_invalid_client(mock: InProcess) -> None:
    """A Basic header that is not base64 of id:secret is an OAuth error, not a crash."""
    for header in ("Basic !!!", "Basic " + "bm9jb2xvbg==", "Bearer x"):
        response = mock.request("POST", "/oauth/token", headers={"Authorization": header}, data=S2S)
        assert response.status_code == 401


def test_api_auth_errors(mock: InProcess) -> None:
    """No token is 401 code 1002, a bad token 401 code 124, a foreign account 403 code 1003."""
    no_token = mock.request("GET", f"/v2/accounts/{MASTER}/clips")
    assert (no_token.status_code, no_token.json()["code"]) == (401, 1002)
    bad = mock.clips(MASTER, token="forged")
    assert (bad.status_code, bad.json()) == (401, {"code": 124, "message": "Invalid access token."})
    foreign = mock.clips("someone-elses-account")
    assert (foreign.status_code, foreign.json()["code"]) == (403, 1003)


def test_access_token_expires_on_the_mock_clock(make_mock: MakeMock) -> None:
    """After token_ttl seconds of mock time the token is 401 code 124; a new one works."""
    mock = make_mock(token_ttl=60)
    token = mock.token()
    assert mock.clips(MASTER, token).status_code == 200
    mock.state.clock.advance(60)
    expired = mock.clips(MASTER, token)
    assert (expired.status_code, expired.json()["code"]) == (401, 124)
    assert mock.clips(MASTER).status_code == 200


@pytest.mark.parametrize("invalidate", [False, True])
def test_new_token_can_invalidate_the_previous_one(make_mock: MakeMock, invalidate: bool) -> None:
    """With invalidate_previous_tokens a second fetch revokes the first token, as Zoom does."""
    mock = make_mock(invalidate_previous_tokens=invalidate)
    first = mock.token()
    second = mock.token()
    assert mock.clips(MASTER, second).status_code == 200
    assert mock.clips(MASTER, first).status_code == (401 if invalidate else 200)


def test_refresh_tokens_rotate_and_user_tokens_see_only_their_own_clips(mock: InProcess) -> None:
    """The demo refresh token works once; its access token lists only that user's clips."""
    first = _refresh(mock, DEMO_REFRESH_TOKEN)
    assert first["status"] == "200"
    assert _refresh(mock, DEMO_REFRESH_TOKEN)["status"] == "400"  # spent
    second = _refresh(mock, first["refresh_token"])
    assert second["status"] == "200"
    assert second["refresh_token"] not in (first["refresh_token"], DEMO_REFRESH_TOKEN)
    token = second["access_token"]
    dataset, user_id = mock.state.dataset, mock.state.refresh_user_id
    account = dataset.sub_accounts[0]
    window = {"from": "2025-05-15", "to": "2025-06-15", "page_size": 300}
    for user_id_param in ({}, {"user_id": "me"}, {"user_id": user_id}):
        mine = mock.clips(account.id, token, **window, **user_id_param).json()["data"]
        expected = dataset.select(account.id, from_="2025-05-15", to="2025-06-15", user_id=user_id)
        assert mine == expected
        assert mine
    other_user = mock.clips(account.id, token, **window, user_id=account.users[1].id)
    assert (other_user.status_code, other_user.json()["code"]) == (403, 1003)
    other_account = mock.clips(dataset.sub_accounts[1].id, token, **window)
    assert other_account.status_code == 403
    mock.state.reset()
    assert _refresh(mock, DEMO_REFRESH_TOKEN)["status"] == "200"


def test_me_with_a_server_to_server_token_is_the_master_admin(mock: InProcess) -> None:
    """user_id=me on an account token means the master account's admin user."""
    dataset = mock.state.dataset
    admin = dataset.accounts[0].users[0]
    window = {"from": "2025-03-01", "to": "2025-04-01", "page_size": 300}
    mine = mock.clips(MASTER, user_id="me", **window).json()["data"]
    assert mine == dataset.select(MASTER, from_="2025-03-01", to="2025-04-01", user_id=admin.id)
    assert mock.clips(dataset.sub_accounts[0].id, user_id="me", **window).json()["data"] == []


def test_secrets_stay_out_of_reprs() -> None:
    """The client secret, refresh token and passcodes never show in a repr."""
    from zoom_clips.mock import create_app  # noqa: PLC0415 -- kept next to its only use
    from zoom_clips.mock._server import MockServer  # noqa: PLC0415

    app = create_app(MockConfig(clips=200))
    server = MockServer(origin="http://127.0.0.1:1", app=app)
    text = repr(server) + repr(server.config) + repr(server.dataset) + repr(server.clock)
    assert "mock-client-secret" not in text
    assert DEMO_REFRESH_TOKEN not in text
    passcodes = [
        c["share_link_settings"]["passcode"]
        for c in server.dataset.clips
        if "passcode" in c["share_link_settings"]
    ]
    assert passcodes
    assert not any(p in text for p in passcodes)
