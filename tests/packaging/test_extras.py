"""Without an extra, every way in names it in one line: the script, the mock, the pytest fixture.

Each case runs in a subprocess whose ``sitecustomize`` puts a meta-path blocker first, so the
extra's modules cannot be imported there, as in an environment that never installed them; the
test's own interpreter keeps everything.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

CLI_MODULES = "typer,rich,click"
MOCK_MODULES = "starlette,uvicorn"
SCRIPT = Path(sys.executable).with_name("zoom-clips")

BLOCKER = '''\
"""Hide the modules named in $HIDE_MODULES, as if they were not installed."""
import importlib.abc
import os
import sys

HIDDEN = set(os.environ["HIDE_MODULES"].split(","))


class HideModules(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in HIDDEN:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None


sys.meta_path.insert(0, HideModules())
'''


def run_without(
    hidden: str, argv: list[str], tmp_path: Path, *, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``argv`` with the modules ``hidden`` (comma-separated) unimportable."""
    (tmp_path / "sitecustomize.py").write_text(BLOCKER, encoding="utf-8")
    env = {
        **os.environ,
        "HIDE_MODULES": hidden,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(tmp_path), os.environ.get("PYTHONPATH")])),
    }
    return subprocess.run(
        argv, capture_output=True, text=True, timeout=120, check=False, env=env, cwd=cwd
    )


def test_the_blocker_really_hides_modules(tmp_path: Path) -> None:
    """The subprocess cannot import a hidden extra (else every test below proves nothing)."""
    done = run_without(MOCK_MODULES, [sys.executable, "-c", "import starlette"], tmp_path)
    assert done.returncode == 1
    assert "No module named 'starlette'" in done.stderr


def test_the_core_package_needs_no_extra(tmp_path: Path) -> None:
    """``import zoom_clips`` and building a client work with neither extra installed."""
    code = (
        "import zoom_clips, zoom_clips._mock_plugin\n"
        "zoom_clips.ZoomClips(auth=zoom_clips.BearerToken('t')).close()\n"
    )
    done = run_without(f"{CLI_MODULES},{MOCK_MODULES}", [sys.executable, "-c", code], tmp_path)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(
    ("hidden", "args", "extra"),
    [
        (CLI_MODULES, ["--help"], "cli"),
        (CLI_MODULES, ["list", "--mock"], "cli"),
        (MOCK_MODULES, ["mock", "--help"], "mock"),
        (MOCK_MODULES, ["list", "--mock", "--format", "csv"], "mock"),
    ],
    ids=["cli-help", "cli-list", "mock-command", "list-mock"],
)
def test_the_script_names_the_missing_extra_in_one_line(
    hidden: str, args: list[str], extra: str, tmp_path: Path
) -> None:
    """``zoom-clips`` without an extra it needs prints one error line naming it, and exits 2."""
    done = run_without(hidden, [str(SCRIPT), *args], tmp_path, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith("error: ")
    assert f"pip install 'zoom-clips[{extra}]'" in done.stderr
    assert "Traceback" not in done.stderr


def test_python_m_mock_names_the_extra_in_one_line(tmp_path: Path) -> None:
    """``python -m zoom_clips.mock`` without the mock extra: one error line naming it, exit 2."""
    argv = [sys.executable, "-m", "zoom_clips.mock", "--help"]
    done = run_without(MOCK_MODULES, argv, tmp_path)
    assert done.returncode == 2, done.stderr
    assert done.stderr == (
        "error: python -m zoom_clips.mock needs the mock extra (starlette is not installed): "
        "pip install 'zoom-clips[mock]'\n"
    )


def test_importing_the_mock_raises_an_error_naming_the_extra(tmp_path: Path) -> None:
    """``import zoom_clips.mock`` raises ModuleNotFoundError whose message is the install hint."""
    code = (
        "try:\n"
        "    import zoom_clips.mock\n"
        "except ModuleNotFoundError as exc:\n"
        "    print(type(exc).__name__, exc.name, exc, sep='|')\n"
    )
    done = run_without(MOCK_MODULES, [sys.executable, "-c", code], tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        "ModuleNotFoundError|starlette|zoom_clips.mock needs the mock extra "
        "(starlette is not installed): pip install 'zoom-clips[mock]'\n"
    )


def test_the_fixture_errors_naming_the_extra_instead_of_skipping(tmp_path: Path) -> None:
    """A test using ``zoom_clips_mock`` without the mock extra is an ERROR, not a skip."""
    (tmp_path / "test_app.py").write_text(
        "def test_lists(zoom_clips_mock):\n    assert zoom_clips_mock.base_url\n", encoding="utf-8"
    )
    argv = [sys.executable, "-m", "pytest", "-q", "-rA", "-p", "no:cacheprovider", "test_app.py"]
    done = run_without(MOCK_MODULES, argv, tmp_path, cwd=tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "1 error" in done.stdout
    assert "skipped" not in done.stdout
    assert (
        "the zoom_clips_mock fixture needs the mock extra (starlette is not installed): "
        "pip install 'zoom-clips[mock]'"
    ) in done.stdout


def test_an_unrelated_missing_module_is_not_blamed_on_an_extra(tmp_path: Path) -> None:
    """A module no extra provides still fails as itself: the hint never hides a real bug."""
    code = (
        "import zoom_clips._extras as e\n"
        "try:\n"
        "    e.reraise_naming_extra('mock', 'zoom_clips.mock', ModuleNotFoundError(name='nope'))\n"
        "except ModuleNotFoundError as exc:\n"
        "    print(exc.name, 'extra' in str(exc))\n"
    )
    done = run_without("", [sys.executable, "-c", code], tmp_path)
    assert done.stdout == "nope False\n", done.stderr
