"""Every Python example of the README, the documentation site (docs/*.md) and CONTRIBUTING.md runs,
against the mock, as a reader would paste it; the README stays a front door."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from zoom_clips.mock import MockConfig, MockServer, serve

from scripts.update_spec.quirks import QUIRKS

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
#: Every page a reader copies examples from: the README, each page of the site, CONTRIBUTING.md.
PAGES = {
    path.relative_to(ROOT).as_posix(): path.read_text(encoding="utf-8")
    for path in [
        ROOT / "README.md",
        *sorted((ROOT / "docs").glob("*.md")),
        ROOT / "CONTRIBUTING.md",
    ]
}
#: (page, its n-th Python block, the code): a block is named by its page and number in the ids.
EXAMPLES = [
    (page, number, code)
    for page, text in PAGES.items()
    for number, code in enumerate(re.findall(r"```python\n(.*?)```", text, re.DOTALL))
]
BLOCKS = [code for _, _, code in EXAMPLES]
QUIRKS_PAGE = (ROOT / "docs" / "quirks.md").read_text(encoding="utf-8")


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
    assert sum(page == "README.md" for page, _, _ in EXAMPLES) >= 5
    assert len(BLOCKS) >= 15
    assert {page for page, _, _ in EXAMPLES} >= {"README.md", "docs/listing.md", "docs/files.md"}


def test_the_readme_is_a_front_door() -> None:
    """The README fits about a screen's worth of reading: at most 300 lines, the rest in docs/."""
    assert len(README.splitlines()) <= 300


@pytest.mark.parametrize(
    "example",
    EXAMPLES,
    ids=[f"{page.removesuffix('.md')}-block{number}" for page, number, _ in EXAMPLES],
)
def test_readme_example_runs(
    example: tuple[str, int, str],
    server: MockServer,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """The example runs to completion with ZOOM_* pointing at the mock."""
    monkeypatch.setenv("ZOOM_ACCOUNT_ID", server.account_id)
    monkeypatch.setenv("ZOOM_CLIENT_ID", server.client_id)
    monkeypatch.setenv("ZOOM_CLIENT_SECRET", server.client_secret)
    monkeypatch.setenv("ZOOM_API_BASE_URL", server.base_url)
    monkeypatch.setenv("ZOOM_OAUTH_TOKEN_URL", server.token_url)
    page, number, code = example
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
    exec(compile(source, f"{page} block {number}", "exec"), {"__name__": "__readme__"})  # noqa: S102


def test_every_registered_quirk_is_explained_in_the_docs() -> None:
    """The quirks page's table (docs/quirks.md) names every quirk the wrapper works around."""
    missing = [q.name for q in QUIRKS if f"`{q.name}`" not in QUIRKS_PAGE]
    assert not missing


@pytest.mark.parametrize("page", PAGES)
def test_every_make_target_the_docs_show_exists(page: str) -> None:
    """`make X` in the README, a docs page or CONTRIBUTING.md is a real target of the Makefile."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, re.MULTILINE))
    shown = set(re.findall(r"(?:^|`)make ([a-z][a-z-]*)", PAGES[page], re.MULTILINE))
    assert shown <= targets
    if page in ("README.md", "CONTRIBUTING.md"):
        assert {"demo", "test", "docs"} <= shown


@pytest.mark.parametrize("page", ["README.md", "CONTRIBUTING.md"])
def test_every_relative_link_leads_to_a_file(page: str) -> None:
    """A link to docs/x.md or another file of the checkout names a file that is there (mkdocs
    build --strict checks the links inside docs/; these two pages are outside the site)."""
    links = re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", PAGES[page])
    local = [link for link in links if "://" not in link]
    assert local or page == "CONTRIBUTING.md"
    assert [link for link in local if not (ROOT / link).is_file()] == []
