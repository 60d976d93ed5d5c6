"""Serving over loopback, the pytest fixture, and ``python -m zoom_clips.mock``."""

from __future__ import annotations

import io
import subprocess
import sys
import threading
import types
from contextlib import redirect_stdout
from typing import Any

import httpx
import pytest
from zoom_clips.mock import MockConfig, MockServer, serve
from zoom_clips.mock.__main__ import main


def _token(server: MockServer) -> str:
    response = httpx.post(
        server.token_url,
        auth=(server.client_id, server.client_secret),
        data={"grant_type": "account_credentials", "account_id": server.account_id},
    )
    token: str = response.json()["access_token"]
    return token


def test_serve_listens_on_loopback_and_stops_cleanly() -> None:
    """serve() answers on 127.0.0.1 under /v2, and after the block the port is closed."""
    with serve(MockConfig(clips=100)) as server:
        assert server.base_url.startswith("http://127.0.0.1:")
        assert server.base_url.endswith("/v2")
        assert server.token_url == server.base_url.removesuffix("/v2") + "/oauth/token"
        assert (server.account_id, server.client_id) == ("mock-master-account", "mock-client-id")
        response = httpx.get(
            f"{server.base_url}/accounts/{server.account_id}/clips",
            headers={"Authorization": f"Bearer {_token(server)}"},
        )
        assert response.status_code == 200
        assert server.stats()["requests_by_status"] == {"200": 2}
        server.reset()
        assert server.stats()["requests"] == 0
        url = server.base_url
    with pytest.raises(httpx.ConnectError):
        httpx.get(url)


def test_fixture_default_is_a_running_mock(zoom_clips_mock: MockServer) -> None:
    """The plugin's fixture yields a running mock with the default configuration."""
    assert zoom_clips_mock.config == MockConfig()
    assert httpx.get(f"{zoom_clips_mock.base_url}/accounts/x/clips").status_code == 401


@pytest.mark.zoom_clips_mock(clips=42, qps=3)
def test_fixture_is_configured_by_marker(zoom_clips_mock: MockServer) -> None:
    """@pytest.mark.zoom_clips_mock(**fields) configures the fixture's MockConfig."""
    assert len(zoom_clips_mock.dataset.clips) == 42
    assert zoom_clips_mock.config.qps == 3


@pytest.mark.parametrize("zoom_clips_mock", [{"clips": 7}, MockConfig(clips=9)], indirect=True)
def test_fixture_is_configured_by_indirect_parameter(zoom_clips_mock: MockServer) -> None:
    """An indirect parameter (a dict of fields or a MockConfig) configures the fixture."""
    assert len(zoom_clips_mock.dataset.clips) in (7, 9)


def test_cli_prints_urls_and_credentials_then_serves_until_stopped() -> None:
    """``python -m zoom_clips.mock`` prints where it serves and the demo credentials."""
    stop = threading.Event()
    out = io.StringIO()
    result: list[int] = []

    def run() -> None:
        with redirect_stdout(out):
            result.append(
                main(["--port", "0", "--clips", "20", "--now", "2025-06-15T12:00:00Z"], stop=stop)
            )

    thread = threading.Thread(target=run)
    thread.start()
    stop.set()
    thread.join(timeout=10)
    text = out.getvalue()
    assert result == [0]
    assert "base URL:      http://127.0.0.1:" in text
    assert "/oauth/token" in text
    assert "mock-client-id" in text


@pytest.mark.parametrize(
    "argv",
    [["--fault-rate", "2"], ["--clips", "-1"], ["--qps", "0"]],
)
def test_cli_rejects_bad_options_with_exit_2(argv: list[str], capsys: Any) -> None:
    """Bad numbers are a clear error message and exit status 2, not a traceback."""
    assert main(argv) == 2
    assert "error:" in capsys.readouterr().err


def test_config_rejects_bad_values() -> None:
    """MockConfig validates its fields with ValueError."""
    for bad in ({"fault_rate": 1.5}, {"faults": ("418",)}, {"latency_ms": -1}, {"token_ttl": 0}):
        with pytest.raises(ValueError, match="must"):
            MockConfig(**bad)


def test_plugin_imports_without_the_mock_extra() -> None:
    """The pytest11 plugin loads even where starlette and uvicorn cannot be imported."""
    code = (
        "import sys\n"
        "sys.modules['starlette'] = None\n"
        "sys.modules['uvicorn'] = None\n"
        "import zoom_clips._mock_plugin as plugin\n"
        "assert callable(plugin.pytest_configure)\n"
        "assert 'zoom_clips.mock' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_mock_all_is_exactly_its_public_names_sorted() -> None:
    """zoom_clips.mock's __all__ names every public attribute, in order, and nothing else."""
    from zoom_clips import mock  # noqa: PLC0415 -- the module under test

    public = [
        name
        for name, value in vars(mock).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    ]
    # isort order, as ruff's RUF022 keeps it: CONSTANTS, then Classes, then functions.
    assert mock.__all__ == sorted(public, key=lambda n: (not n.isupper(), not n[0].isupper(), n))
