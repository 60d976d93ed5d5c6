"""Vendoring a new spec with its provenance, then regenerating both packages and testing."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from scripts.update_spec.load import Source, is_url
from scripts.update_spec.nodes import Json
from scripts.update_spec.targets import SpecTarget


def display_path(source: str, root: Path) -> str:
    """How provenance names a local input: relative to the checkout's parent when inside it."""
    if is_url(source):
        return source
    path = Path(source).resolve()
    return path.relative_to(root.parent).as_posix() if path.is_relative_to(root.parent) else source


def new_provenance(
    previous: Mapping[str, Json], source: Source, sha256: str, today: dt.date, root: Path
) -> dict[str, Json]:
    """The provenance record for the new spec, in the key order of the current one.

    ``source_url`` stays where Zoom publishes the file unless the input says otherwise (a URL
    fetched, or a docs page naming its download); ``extracted_from`` says what was actually read.
    """
    where = display_path(source.origin, root)
    if source.is_docs_page:
        extracted = f"{where}, section '## Downloads' / '{source.target.heading}'"
    else:
        extracted = where
    record: dict[str, Json] = dict(previous)
    record.update(
        {
            "file": source.target.file.name,
            "source_url": source.origin
            if is_url(source.origin) and not source.is_docs_page
            else source.page_download_url or previous.get("source_url"),
            "docs_page": source.page_source_url or previous.get("docs_page"),
            "snapshot_date": source.page_snapshot_date or today.isoformat(),
            "extracted_from": extracted,
            "sha256": sha256,
        }
    )
    return record


def _write_atomically(path: Path, text: str) -> None:
    staged = path.with_name(f".{path.name}.new")
    staged.write_text(text, encoding="utf-8", newline="\n")
    staged.replace(path)


def _run(root: Path, argv: list[str]) -> bool:
    """Run one of our own tools in ``root``; its output goes straight to the maintainer."""
    # PYTHONPATH puts this checkout's packages first, so a copy of the repository tests itself
    # rather than whatever checkout the virtualenv has installed in editable mode.
    paths = [str(root / "wrapper"), str(root / "generated"), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}
    print(f"$ {' '.join(argv)}", flush=True)
    return subprocess.run(argv, cwd=root, env=env, check=False).returncode == 0


Saved = tuple[bytes | None, bytes | None]
"""The spec's and provenance's bytes before vendoring (None: the file did not exist yet)."""


def _read(path: Path) -> bytes | None:
    return path.read_bytes() if path.exists() else None


def vendor(root: Path, source: Source, today: dt.date) -> Saved:
    """Write the new spec and its provenance; return the old bytes of both, to restore them.

    A spec vendored for the first time gets a provenance record of its own.
    """
    spec_path, provenance_path = root / source.target.file, root / source.target.provenance
    old_spec, old_provenance = _read(spec_path), _read(provenance_path)
    sha256 = hashlib.sha256(source.vendored_text.encode("utf-8")).hexdigest()
    previous = json.loads(old_provenance) if old_provenance is not None else {}
    record = new_provenance(previous, source, sha256, today, root)
    _write_atomically(spec_path, source.vendored_text)
    _write_atomically(provenance_path, json.dumps(record, indent=2) + "\n")
    return old_spec, old_provenance


def _restore(root: Path, target: SpecTarget, old: Saved) -> None:
    for path, data in zip((root / target.file, root / target.provenance), old, strict=True):
        if data is None:
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(data)


def regenerate_and_test(root: Path, target: SpecTarget, old: Saved, *, run_tests: bool) -> int:
    """``make generate``, then the checks a new spec can break: mypy and the whole pytest suite.

    generate.py regenerates both packages, each from its own spec; only ``target``'s spec changed,
    so the other package comes out as it was. A failed generation puts the old spec back
    (generate.py replaces a package only once its generation has succeeded), so the tree is as it
    was. Lint and regen-check are left out of the tests: no
    hand-written file changed and generation just ran; mypy stays in because the wrapper is
    typed against the generated models.
    """
    python = sys.executable
    if not _run(root, [python, str(root / "scripts" / "generate.py")]):
        _restore(root, target, old)
        print(
            "error: generation failed (above); spec/ is put back and generated/ is untouched.",
            file=sys.stderr,
        )
        return 3
    if run_tests and not (
        _run(root, [python, "-m", "mypy"]) and _run(root, [python, "-m", "pytest", "-q"])
    ):
        print(
            "error: the tests fail against the new spec. spec/ and generated/ are updated: fix "
            "the wrapper, or undo with `git checkout -- spec generated`.",
            file=sys.stderr,
        )
        return 3
    return 0
