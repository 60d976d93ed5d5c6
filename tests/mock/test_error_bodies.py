"""Refusals carry Zoom's JSON error body; the token endpoint reads credentials strictly."""

from __future__ import annotations

import base64

import pytest

from tests.mock.conftest import InProcess, MakeMock

MASTER = "mock-master-account"
S2S = {"grant_type": "account_credentials", "account_id": MASTER}
GOOD = base64.b64encode(b"mock-client-id:mock-client-secret").decode()


def test_daily_limit_429_body_carries_code_429(make_mock: MakeMock) -> None:
    """A daily-limit 429 says code 429 in its body, as every Zoom 429 does."""
    mock = make_mock(daily_limit=1, token_ttl=7 * 86400)
    token = mock.token()
    assert mock.clips(MASTER, token).status_code == 200
    limited = mock.clips(MASTER, token)
    assert limited.status_code == 429
    assert limited.json()["code"] == 429


def test_a_405_body_is_zoom_json_with_code_405(mock: InProcess) -> None:
    """A method the endpoint lacks gets 405 with {"code": 405, "message"} naming the method."""
    response = mock.request("DELETE", f"/v2/accounts/{MASTER}/clips")
    assert response.status_code == 405
    body = response.json()
    assert body["code"] == 405
    assert "DELETE" in body["message"]


@pytest.mark.parametrize(
    "authorization",
    [
        f"Bearer {GOOD}",  # the right secret, under the wrong scheme
        f"Basic {GOOD[:8]}!{GOOD[8:]}",  # base64 with a character outside its alphabet
        f"Basic {base64.b64encode(b'mock-client-id').decode()}",  # no colon: no secret at all
    ],
)
def test_token_endpoint_refuses_credentials_that_are_not_strict_basic(
    mock: InProcess, authorization: str
) -> None:
    """Only ``Basic`` with valid base64 of ``id:secret`` authenticates a client (else 401)."""
    response = mock.request(
        "POST", "/oauth/token", data=S2S, headers={"Authorization": authorization}
    )
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"
    control = mock.request(
        "POST", "/oauth/token", data=S2S, headers={"Authorization": f"Basic {GOOD}"}
    )
    assert control.status_code == 200


def test_a_blank_form_field_overrides_the_query_string(mock: InProcess) -> None:
    """A form field given blank is still given: it wins over the same name in the query."""
    response = mock.request(
        "POST",
        "/oauth/token",
        params=S2S,
        content=b"account_id=",
        headers={
            "Authorization": f"Basic {GOOD}",
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"
