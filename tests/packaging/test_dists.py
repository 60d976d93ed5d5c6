"""The sdist and wheel hold what they must: the license, both py.typed, and all `make test` reads.

Both are built once per module with the project's own build backend (hatchling, a dev tool), into
a temporary directory. `make dist` goes further: it installs the wheel in a fresh venv and runs
the unpacked sdist's own `make test`.
"""

from __future__ import annotations

import fnmatch
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

from scripts import check_dist

ROOT = Path(__file__).resolve().parent.parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
NAME = PYPROJECT["project"]["name"].replace("-", "_")
VERSION = PYPROJECT["project"]["version"]
# Never shipped: the repository's own metadata.
NOT_SHIPPED = {".git"}


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory holding a freshly built sdist and wheel."""
    out = tmp_path_factory.mktemp("dists")
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "--directory", str(out)],
        cwd=ROOT,
        capture_output=True,
        check=True,
        timeout=300,
    )
    return out


@pytest.fixture(scope="module")
def sdist(dists: Path) -> set[str]:
    """The sdist's file names, relative to its top directory."""
    with tarfile.open(dists / f"{NAME}-{VERSION}.tar.gz") as archive:
        prefix = f"{NAME}-{VERSION}/"
        return {m.name.removeprefix(prefix) for m in archive.getmembers() if m.isfile()}


@pytest.fixture(scope="module")
def wheel(dists: Path) -> set[str]:
    """The wheel's file names."""
    with zipfile.ZipFile(dists / f"{NAME}-{VERSION}-py3-none-any.whl") as archive:
        return set(archive.namelist())


def ignored(name: str) -> bool:
    """Whether the repository's .gitignore ignores this top-level name (a venv, a cache...)."""
    patterns = [
        line.strip().rstrip("/")
        for line in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    return any(fnmatch.fnmatch(name, pattern) for pattern in patterns)


def test_the_repository_has_the_mit_license_it_declares() -> None:
    """pyproject.toml says MIT, and LICENSE is the MIT license text."""
    assert PYPROJECT["project"]["license"] == "MIT"
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n")
    assert "Permission is hereby granted, free of charge" in text


def test_the_sdist_has_every_top_level_file_of_the_repository(sdist: set[str]) -> None:
    """Every top-level file or directory git does not ignore is in the sdist (schemathesis.toml)."""
    tops = {name.split("/", 1)[0] for name in sdist}
    expected = {
        path.name
        for path in ROOT.iterdir()
        if path.name not in NOT_SHIPPED and not ignored(path.name)
    }
    assert expected - tops == set()
    assert {"schemathesis.toml", "LICENSE", "Makefile", "pyproject.toml", ".ci"} <= tops


def test_the_sdist_has_every_test_and_the_seed_copy(sdist: set[str]) -> None:
    """Each test module, the seed page kept in tests/ and both py.typed markers are in the sdist."""
    tests = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "tests").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and not ignored(path.name)
    }
    assert tests - sdist == set()
    assert "tests/seeds/clips-master-api-page.md" in sdist
    assert {"wrapper/zoom_clips/py.typed", "generated/zoom_clips_api/py.typed"} <= sdist
    assert not [name for name in sdist if "__pycache__" in name or name.endswith(".pyc")]


def test_the_wheel_ships_both_packages_typed_and_the_license(wheel: set[str]) -> None:
    """Both import packages carry py.typed; the license is in .dist-info; no tests are shipped."""
    assert {"zoom_clips/py.typed", "zoom_clips_api/py.typed"} <= wheel
    # The mock answers every operation from the specs the generated packages ship.
    assert {"zoom_clips_api/openapi.json", "zoom_clips_endpoints_api/openapi.json"} <= wheel
    assert f"{NAME}-{VERSION}.dist-info/licenses/LICENSE" in wheel
    # The exposure report renders from its templates, package data beside zoom_clips/inventory.
    report = {f"zoom_clips/inventory/templates/report.{ext}" for ext in ("html.j2", "css", "js")}
    assert report <= wheel
    assert not [name for name in wheel if name.startswith(("tests/", "scripts/"))]


def test_the_wheel_metadata_declares_the_license_extras_and_the_shim(dists: Path) -> None:
    """METADATA says MIT and the cli/mock extras; the script is the shim that names extras."""
    with zipfile.ZipFile(dists / f"{NAME}-{VERSION}-py3-none-any.whl") as archive:
        info = f"{NAME}-{VERSION}.dist-info"
        metadata = archive.read(f"{info}/METADATA").decode()
        entry_points = archive.read(f"{info}/entry_points.txt").decode()
    assert "License-Expression: MIT" in metadata
    assert "License-File: LICENSE" in metadata
    assert {"Provides-Extra: cli", "Provides-Extra: mock"} <= set(metadata.splitlines())
    assert "zoom-clips = zoom_clips._entry:main" in entry_points
    assert "zoom_clips_mock = zoom_clips._mock_plugin" in entry_points


def test_make_dist_accepts_only_live_skips_from_the_sdist() -> None:
    """`make dist` fails the sdist's run on any skip outside tests/live (a missing seed...)."""
    summary = (
        "SKIPPED [3] tests/live/test_live_zoom.py:45: live contract run against real Zoom\n"
        "SKIPPED [1] tests/update_spec/test_inputs.py:77: the seed page is missing\n"
        "SKIPPED [2] tests/cli/test_terminal.py: needs tmux\n"
        "PASSED tests/test_x.py::test_y\n"
    )
    assert check_dist.skips_beyond_live(summary) == summary.splitlines()[1:3]
    assert check_dist.skips_beyond_live(summary.splitlines()[0]) == []
