"""Rate limits, injected faults, latency, tracking ids, stats and reset."""

from __future__ import annotations

import datetime as dt
import json

import httpx
import pytest
from zoom_clips.mock import MockClock, MockConfig, serve

from tests.mock.conftest import NOW, InProcess, MakeMock

MASTER = "mock-master-account"
WINDOW = {"from": "2025-05-01", "to": "2025-06-01"}


def test_qps_limit_answers_429_with_headers_and_refills_next_second(make_mock: MakeMock) -> None:
    """Over the QPS limit: 429 code 429, QPS headers, Retry-After on some answers only."""
    mock = make_mock(qps=2)
    token = mock.token()
    ok = [mock.clips(MASTER, token) for _ in range(2)]
    assert [r.status_code for r in ok] == [200, 200]
    assert ok[0].headers["X-RateLimit-Category"] == "Light"
    assert ok[0].headers["X-RateLimit-Limit"] == "2"
    assert [r.headers["X-RateLimit-Remaining"] for r in ok] == ["1", "0"]
    limited = [mock.clips(MASTER, token) for _ in range(12)]
    assert {r.status_code for r in limited} == {429}
    assert {r.json()["code"] for r in limited} == {429}
    assert all("per-second" in r.json()["message"] for r in limited)
    assert {r.headers["X-RateLimit-Type"] for r in limited} == {"QPS"}
    assert {r.headers["X-RateLimit-Remaining"] for r in limited} == {"0"}
    retry_after = [r.headers.get("Retry-After") for r in limited]
    assert "1" in retry_after
    assert None in retry_after
    mock.state.clock.advance(1)
    assert mock.clips(MASTER, token).status_code == 200
    assert mock.state.stats()["rate_limited_by_type"] == {"QPS": 12}


def test_daily_limit_answers_429_with_an_iso_retry_after(make_mock: MakeMock) -> None:
    """Over the daily limit: Daily-limit 429 with Retry-After at the next UTC midnight."""
    mock = make_mock(daily_limit=3, token_ttl=7 * 86400)
    token = mock.token()
    assert [mock.clips(MASTER, token).status_code for _ in range(3)] == [200] * 3
    limited = mock.clips(MASTER, token)
    assert limited.status_code == 429
    assert "daily" in limited.json()["message"]
    assert limited.headers["X-RateLimit-Type"] == "Daily-limit"
    assert limited.headers["Retry-After"] == "2025-06-16T00:00:00Z"
    mock.state.clock.advance(12 * 3600)
    assert mock.clips(MASTER, token).status_code == 200


def test_every_response_has_a_tracking_id(mock: InProcess) -> None:
    """API answers, errors, token and test endpoints all carry x-zm-trackingid."""
    responses = [
        mock.clips(MASTER),
        mock.clips(MASTER, page_size=1),
        mock.request("GET", f"/v2/accounts/{MASTER}/clips"),
        mock.request("POST", "/oauth/token"),
        mock.request("GET", "/_mock/stats"),
    ]
    assert all(r.headers["x-zm-trackingid"] for r in responses)


def _fault_sequence(seed: int) -> list[int]:
    app = InProcess.__new__(InProcess)
    from zoom_clips.mock import create_app  # noqa: PLC0415 -- kept next to its only use

    InProcess.__init__(
        app, create_app(MockConfig(seed=seed, clips=50, fault_rate=0.5, faults=("500", "503")))
    )
    token = app.token()
    return [app.clips(MASTER, token).status_code for _ in range(30)]


def test_faults_are_seeded_and_reproducible() -> None:
    """The same seed injects the same faults on the same requests; another seed differs."""
    first = _fault_sequence(1)
    assert first == _fault_sequence(1)
    assert first != _fault_sequence(2)
    assert {200, 500, 503} == set(first)


@pytest.mark.parametrize(
    ("kind", "status", "content_type"),
    [
        ("500", 500, "application/json"),
        ("502", 502, "text/html"),
        ("503", 503, "text/plain"),
        ("504", 504, "text/html"),
    ],
)
def test_status_faults(make_mock: MakeMock, kind: str, status: int, content_type: str) -> None:
    """Gateway faults answer with their status; 502 sends a proxy's HTML page."""
    mock = make_mock(fault_rate=1.0, faults=(kind,))
    response = mock.clips(MASTER)
    assert response.status_code == status
    assert response.headers["content-type"].startswith(content_type)
    assert mock.state.stats()["faults"] == {kind: 1}
    if kind == "502":
        assert "<html>" in response.text


def test_truncated_json_is_a_complete_200_with_broken_json(make_mock: MakeMock) -> None:
    """The truncate fault sends a 200 whose body is valid HTTP but cut-off JSON."""
    mock = make_mock(fault_rate=1.0, faults=("truncate",))
    response = mock.clips(MASTER, **WINDOW)
    assert response.status_code == 200
    assert int(response.headers["content-length"]) == len(response.content)
    with pytest.raises(json.JSONDecodeError):
        json.loads(response.content)


def test_dropped_connection_over_http_is_a_remote_protocol_error() -> None:
    """Over real HTTP the drop fault closes the connection mid-body: httpx.RemoteProtocolError."""
    config = MockConfig(clips=300, fault_rate=1.0, faults=("drop",), clock=MockClock(NOW))
    with serve(config) as server, httpx.Client() as client:
        token = client.post(
            server.token_url,
            auth=(server.client_id, server.client_secret),
            data={"grant_type": "account_credentials", "account_id": server.account_id},
        ).json()["access_token"]
        with pytest.raises(httpx.RemoteProtocolError):
            client.get(
                f"{server.base_url}/accounts/{MASTER}/clips",
                params=WINDOW,
                headers={"Authorization": f"Bearer {token}"},
            )
        assert server.stats()["faults"] == {"drop": 1}


def test_a_faulted_request_does_not_consume_a_page(make_mock: MakeMock) -> None:
    """Retrying the same page token after faults returns exactly the page it stands for."""
    quiet = make_mock(clips=6000)
    noisy = make_mock(clips=6000, fault_rate=0.6)
    account = quiet.state.dataset.sub_accounts[0].id
    expected = quiet.state.dataset.select(account, from_=WINDOW["from"], to=WINDOW["to"])
    assert len(expected) > 60  # three pages or more
    token, got, page_token = noisy.token(), [], ""
    for _ in range(200):
        extra = {"next_page_token": page_token} if page_token else {}
        response = noisy.clips(account, token, **WINDOW, page_size=30, **extra)
        try:
            body = response.json()
        except json.JSONDecodeError:
            continue
        if response.status_code != 200 or len(response.content) < int(
            response.headers["content-length"]
        ):
            continue
        got += body["data"]
        page_token = body["next_page_token"]
        if not page_token:
            break
    assert sum(noisy.state.stats()["faults"].values()) >= 3
    assert got == expected


def test_latency_waits_on_the_frozen_clock_without_real_sleep(make_mock: MakeMock) -> None:
    """Injected latency moves a frozen clock forward by latency plus jitter, no real wait."""
    mock = make_mock(latency_ms=250, latency_jitter_ms=100)
    token = mock.token()
    before = mock.state.clock.now()
    for _ in range(4):
        mock.clips(MASTER, token)
    waited = mock.state.clock.now() - before
    assert dt.timedelta(seconds=1) <= waited <= dt.timedelta(seconds=1.4)


def test_stats_accounts_and_reset_endpoints(mock: InProcess) -> None:
    """Stats count requests by status and tokens; /_mock/reset clears them and the tokens."""
    token = mock.token()
    mock.clips(MASTER, token)
    mock.clips(MASTER, token, page_size=1)
    stats = mock.request("GET", "/_mock/stats").json()
    assert stats["requests_by_status"] == {"200": 2, "400": 1}
    assert stats["tokens_issued"] == 1
    assert mock.request("GET", "/_mock/accounts").json() == mock.state.dataset.to_json()
    after = mock.request("POST", "/_mock/reset").json()
    assert after["requests"] == 0
    assert after["tokens_issued"] == 0
    assert mock.clips(MASTER, token).status_code == 401
