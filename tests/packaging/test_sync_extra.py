"""Without the ``sync`` extra, the inventory's commands name that extra, not the mock's."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.packaging.test_extras import SCRIPT, run_without


@pytest.mark.parametrize(
    "args",
    [["sync", "--mock", "--db", "x.db"], ["history", "--db", "x.db", "--clip", "c"]],
    ids=["sync", "history"],
)
def test_the_script_names_the_sync_extra(args: list[str], tmp_path: Path) -> None:
    """One line naming the sync extra and what needs it; no word of the mock; exit 2."""
    done = run_without("sqlalchemy", [str(SCRIPT), *args], tmp_path, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith("error: the clip inventory (zoom-clips sync")
    assert "pip install 'zoom-clips[sync]'" in done.stderr
    assert "mock" not in done.stderr
    assert not (tmp_path / "x.db").exists()


def test_the_report_names_the_sync_extra_without_jinja2(tmp_path: Path) -> None:
    """zoom-clips report without Jinja2 (the sync extra's) says which extra, in one line."""
    args = ["report", "--db", "x.db", "-o", "exposure.html"]
    done = run_without("jinja2", [str(SCRIPT), *args], tmp_path, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1, done.stderr
    assert "(jinja2 is not installed): pip install 'zoom-clips[sync]'" in done.stderr
    assert not (tmp_path / "exposure.html").exists()
