"""Every Python block of the README, docs/*.md and CONTRIBUTING.md passes ``mypy --strict`` with the
project's own config, as a reader's type-checked app would see it: no shared prelude, each block is
a whole program."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), ROOT / "CONTRIBUTING.md"]
BLOCKS = [
    block
    for page in PAGES
    for block in re.findall(r"```python\n(.*?)```", page.read_text(encoding="utf-8"), re.DOTALL)
]


def test_every_readme_python_block_passes_mypy_strict(tmp_path: Path) -> None:
    """mypy --strict over each block as its own module: a clip id is ``str``, not ``str | None``."""
    assert len(BLOCKS) >= 15
    files = []
    for number, block in enumerate(BLOCKS):
        path = tmp_path / f"readme_block{number}.py"
        path.write_text(block, encoding="utf-8")
        files.append(str(path))
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--config-file",
            str(ROOT / "pyproject.toml"),
            "--strict",
            "--cache-dir",
            str(ROOT / ".mypy_cache"),
            "--no-error-summary",
            *files,
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout + done.stderr
