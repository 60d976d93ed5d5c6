"""The install lines of the README, docs/ and CONTRIBUTING.md work on a fresh machine: zoom-clips is
on no package index, so each ``pip install`` installs a checkout (``.``) or the wheel it builds,
with extras that exist."""

from __future__ import annotations

import re
import shlex
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
SHELL = "\n".join(re.findall(r"```sh\n(.*?)```", README, re.DOTALL))
INSTALLS = [line for line in SHELL.splitlines() if line.startswith("pip install ")]
#: Every shell block of every page, the README's included.
ALL_SHELL = "\n".join(
    block
    for page in [
        ROOT / "README.md",
        *sorted((ROOT / "docs").glob("*.md")),
        ROOT / "CONTRIBUTING.md",
    ]
    for block in re.findall(r"```sh\n(.*?)```", page.read_text(encoding="utf-8"), re.DOTALL)
)
ALL_INSTALLS = [line for line in ALL_SHELL.splitlines() if line.startswith("pip install ")]
WHEEL = f"dist/zoom_clips-{PROJECT['version']}-py3-none-any.whl"


def test_every_install_line_installs_a_checkout_or_the_wheel() -> None:
    """No line asks an index for ``zoom-clips``: each names ``.`` or the wheel it builds."""
    assert len(INSTALLS) >= 3
    assert len(ALL_INSTALLS) > len(INSTALLS)  # docs/inventory.md's too
    for line in ALL_INSTALLS:
        (target,) = shlex.split(line.split("#", 1)[0])[2:]
        path, _, extras = target.partition("[")
        assert path in (".", WHEEL), line
        known = set(PROJECT["optional-dependencies"])
        assert set(filter(None, extras.rstrip("]").split(","))) <= known, line


def test_the_wheel_it_installs_is_the_one_the_build_line_makes() -> None:
    """The wheel's name is the project's version, built by the line before it into dist/."""
    assert "pip wheel --no-deps --wheel-dir dist ." in SHELL
    assert any(WHEEL in line for line in INSTALLS)
