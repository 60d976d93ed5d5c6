"""The command end to end: what it prints, its exit status, and what it writes (or does not)."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scripts import update_spec
from tests.update_spec import specs

TODAY = dt.date(2026, 5, 1)


def _install_baseline(repo: Path) -> None:
    """Make the baseline spec the vendored one in ``repo``, with a matching provenance."""
    spec_dir = repo / "spec"
    spec_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy2(specs.BASELINE, spec_dir / "master.json")
    provenance = json.dumps(specs.seed_provenance("master"), indent=2) + "\n"
    (spec_dir / "PROVENANCE.json").write_text(provenance, encoding="utf-8")
    specs.copy_generator_configs(repo)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A scratch checkout holding only spec/, enough for every path that writes nothing."""
    _install_baseline(tmp_path / "repo")
    return tmp_path / "repo"


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "spec").iterdir())}


def _spec_file(tmp_path: Path, spec: specs.Spec) -> str:
    path = tmp_path / "new.json"
    path.write_text(specs.dump(spec), encoding="utf-8")
    return str(path)


def test_seed_page_reports_no_changes_and_writes_nothing(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Re-running on the page the spec was vendored from changes nothing and exits 0."""
    before = _snapshot(root)
    assert update_spec.run([str(specs.SEED_PAGE)], root=root, today=TODAY) == 0
    out = capsys.readouterr().out
    assert "No changes: the new spec says what the vendored one says." in out
    assert "Nothing to do" in out
    assert _snapshot(root) == before


def test_removed_field_stops_without_writing(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A spec without share_link exits 1, names the break, and leaves spec/ as it was."""
    before = _snapshot(root)
    status = update_spec.run(
        [_spec_file(tmp_path, specs.without_share_link(specs.baseline()))], root=root, today=TODAY
    )
    captured = capsys.readouterr()
    assert status == 1
    assert "    BREAKING    200 data[].share_link: removed" in captured.out
    assert "Stopped: 1 breaking change(s)" in captured.err
    assert "--accept-breaking" in captured.err
    assert _snapshot(root) == before


def test_check_reports_and_writes_nothing(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--check prints the report of an additive change, exits 0 and writes nothing."""
    before = _snapshot(root)
    spec = _spec_file(tmp_path, specs.with_tags(specs.baseline()))
    assert update_spec.run(["--check", spec], root=root, today=TODAY) == 0
    out = capsys.readouterr().out
    assert "1 change: 0 breaking, 1 additive, 0 compatible." in out
    assert "--check: nothing was written." in out
    assert _snapshot(root) == before


def test_check_fails_on_breaking_changes_unless_accepted(root: Path, tmp_path: Path) -> None:
    """--check exits 1 when the update would stop, and 0 with --accept-breaking."""
    spec = _spec_file(tmp_path, specs.with_file_size_as_string(specs.baseline()))
    assert update_spec.run(["--check", spec], root=root) == 1
    before = _snapshot(root)
    assert update_spec.run(["--check", "--accept-breaking", spec], root=root) == 0
    assert _snapshot(root) == before


def test_refused_input_exits_2_and_writes_nothing(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Garbage is refused with status 2, one error line, and no change to spec/."""
    before = _snapshot(root)
    garbage = tmp_path / "garbage.json"
    garbage.write_text("{not json", encoding="utf-8")
    assert update_spec.run([str(garbage)], root=root) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ")
    assert "is not JSON" in err
    assert "Nothing was changed." in err
    assert _snapshot(root) == before


def test_provenance_follows_the_input(root: Path) -> None:
    """Provenance keeps its key order, names what was read, and records the new sha256."""
    previous = json.loads((root / "spec" / "PROVENANCE.json").read_text(encoding="utf-8"))
    text = specs.dump(specs.with_tags(specs.baseline()))
    source = update_spec.Source(
        spec=json.loads(text), vendored_text=text, origin=str(root.parent / "new.json")
    )
    record = update_spec.new_provenance(previous, source, "ab" * 32, TODAY, root)
    assert list(record) == list(previous)
    assert record["source_url"] == previous["source_url"]
    assert record["snapshot_date"] == "2026-05-01"
    assert record["extracted_from"] == "new.json"
    assert record["sha256"] == "ab" * 32


# --- Regeneration, in a temporary copy of the repository ----------------------------------------

COPIED = ("pyproject.toml", "spec", "scripts", "generated", "wrapper", "tests")


def _copy_repository(tmp_path: Path, *, master_baseline: bool = True) -> Path:
    """A copy of the checkout, with the master baseline vendored unless told to keep its spec.

    Kept, the copy's master spec, provenance and package agree with each other whatever update
    the checkout is at.
    """
    copy = tmp_path / "repo"
    for name in COPIED:
        source = specs.ROOT / name
        if source.is_dir():
            shutil.copytree(
                source, copy / name, ignore=shutil.ignore_patterns("__pycache__", ".*_cache")
            )
        else:
            copy.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    if master_baseline:
        _install_baseline(copy)
    return copy


def _python_in(copy: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run this venv's python in the copy, importing the copy's packages, not the checkout's."""
    paths = [str(copy / "wrapper"), str(copy / "generated"), str(copy)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
    return subprocess.run(
        [sys.executable, *args],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_update_regenerates_a_copy_whose_client_and_wrapper_work(tmp_path: Path) -> None:
    """Fixing the spelling and adding tags vendors, regenerates, and the new client works."""
    copy = _copy_repository(tmp_path)
    checkout_spec = _snapshot(specs.ROOT)
    new_text = specs.dump(specs.with_tags(specs.with_spelling_fixed(specs.baseline())))
    spec = tmp_path / "fixed.json"
    spec.write_text(new_text, encoding="utf-8")

    done = _python_in(copy, "-m", "scripts.update_spec", "--no-test", str(spec))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "3 changes: 0 breaking, 2 additive, 1 compatible." in done.stdout
    fixed = "fixed upstream: the workaround in zoom_clips._models can go once verified"
    assert re.search(rf"share-scope-misspelt +{fixed}", done.stdout)
    assert re.search(rf"tags-missing +{fixed}", done.stdout)

    assert (copy / "spec" / "master.json").read_text(encoding="utf-8") == new_text
    provenance = json.loads((copy / "spec" / "PROVENANCE.json").read_text(encoding="utf-8"))
    assert provenance["extracted_from"] == "fixed.json"  # relative to the checkout's parent
    assert _python_in(copy, "scripts/generate.py", "--check").returncode == 0
    assert _snapshot(specs.ROOT) == checkout_spec  # the working tree is never touched

    client = _python_in(
        copy,
        "-c",
        (
            "from zoom_clips_api.models import ClipItem, ShareScope\n"
            "clip = ClipItem.from_dict({'tags': ['a'], "
            "'share_link_settings': {'share_scope': 'SAME_ORGANIZATION'}})\n"
            "assert clip.tags == ['a'], clip.tags\n"
            "assert clip.share_link_settings.share_scope is ShareScope.SAME_ORGANIZATION\n"
            "from scripts.update_spec.quirks import quirks_of\n"
            "import json, pathlib\n"
            "spec = json.loads(pathlib.Path('spec/master.json').read_text())\n"
            "print(sorted(q.name for q in quirks_of('master') if not q.present_in(spec)))\n"
        ),
    )
    assert client.returncode == 0, client.stderr
    assert client.stdout.strip() == "['share-scope-misspelt', 'tags-missing']"

    wrapper_tests = [
        t for t in ("tests/test_generated_client.py", "tests/wrapper") if (copy / t).exists()
    ]
    tests = _python_in(copy, "-m", "pytest", "-q", "-p", "no:cacheprovider", *wrapper_tests)
    assert tests.returncode == 0, tests.stdout + tests.stderr

    again = _python_in(copy, "-m", "scripts.update_spec", "--no-test", str(spec))
    assert again.returncode == 0
    assert "No changes" in again.stdout


def test_accepted_breaking_update_is_written_and_regenerated(tmp_path: Path) -> None:
    """With --accept-breaking a spec without share_link is vendored and the model loses it."""
    copy = _copy_repository(tmp_path)
    spec = tmp_path / "no-share-link.json"
    spec.write_text(specs.dump(specs.without_share_link(specs.baseline())), encoding="utf-8")

    done = _python_in(
        copy, "-m", "scripts.update_spec", "--no-test", "--accept-breaking", str(spec)
    )
    assert done.returncode == 0, done.stdout + done.stderr
    clip_item = (copy / "generated" / "zoom_clips_api" / "models" / "clip_item.py").read_text(
        encoding="utf-8"
    )
    assert "share_link_settings" in clip_item
    assert "share_link:" not in clip_item
