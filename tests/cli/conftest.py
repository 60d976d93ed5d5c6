"""Every command-line test starts without ZOOM_* variables from the machine it runs on."""

from __future__ import annotations

import pytest

from tests.cli._support import ENV_NAMES


@pytest.fixture(autouse=True)
def _no_zoom_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ENV_NAMES:
        monkeypatch.delenv(name, raising=False)
