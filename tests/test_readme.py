"""Every Python example in the README runs, against the mock, as a reader would paste it."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from zoom_clips._quirks import QUIRKS
from zoom_clips.mock import MockConfig, MockServer, serve

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```python\n(.*?)```", README, re.DOTALL)


@pytest.fixture(scope="module")
def server() -> Iterator[MockServer]:
    """A mock on the wall clock, so the examples' relative dates find clips."""
    # A transfer completes in a second of the mock's clock, so wait_for_transfer examples are quick.
    with serve(MockConfig(seed=1, clips=800, transfer_seconds=1.0)) as running:
        yield running


def _for_the_mock(code: str, server: MockServer) -> str:
    """Swap the README's placeholders for the mock's ids and demo credentials."""
    return (
        code.replace("YOUR_SUB_ACCOUNT_ID", server.dataset.sub_accounts[0].id)
        .replace("YOUR_ACCOUNT_ID", server.account_id)
        .replace("YOUR_CLIENT_ID", server.client_id)
        .replace("YOUR_CLIENT_SECRET", server.client_secret)
    )


def test_the_readme_has_python_examples() -> None:
    """The examples this file runs are really there (a regex that found none proves nothing)."""
    assert len(BLOCKS) >= 5


@pytest.mark.parametrize("code", BLOCKS, ids=[f"block{n}" for n in range(len(BLOCKS))])
def test_readme_example_runs(
    code: str, server: MockServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The example runs to completion with ZOOM_* pointing at the mock."""
    monkeypatch.setenv("ZOOM_ACCOUNT_ID", server.account_id)
    monkeypatch.setenv("ZOOM_CLIENT_ID", server.client_id)
    monkeypatch.setenv("ZOOM_CLIENT_SECRET", server.client_secret)
    monkeypatch.setenv("ZOOM_API_BASE_URL", server.base_url)
    monkeypatch.setenv("ZOOM_OAUTH_TOKEN_URL", server.token_url)
    source = _for_the_mock(code, server)
    if "def test_" in source:  # a pytest example: run it with pytest, as an app would
        path = tmp_path / "test_example.py"
        path.write_text(source, encoding="utf-8")
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(path)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            cwd=tmp_path,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        assert "1 passed" in done.stdout
        return
    exec(compile(source, "README.md", "exec"), {"__name__": "__readme__"})  # noqa: S102


def test_every_registered_quirk_is_explained_in_the_readme() -> None:
    """The README's quirk table names every quirk the wrapper works around."""
    missing = [q.name for q in QUIRKS if f"`{q.name}`" not in README]
    assert not missing


def test_every_make_target_the_readme_shows_exists() -> None:
    """`make X` in the README is a real target of the Makefile."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, re.MULTILINE))
    shown = set(re.findall(r"(?:^|`)make ([a-z][a-z-]*)", README, re.MULTILINE))
    assert shown
    assert shown <= targets
