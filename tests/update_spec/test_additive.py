"""An additive update goes through: report, vendor, regenerate, each new operation generated."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.update_spec import specs
from tests.update_spec.test_command import _copy_repository, _python_in
from tests.update_spec.test_endpoints import _install

ADDED = re.compile(
    r"^  \+ (?P<method>[A-Z]+) (?P<path>\S+)  (?P<id>\S+) -> "
    r"client\.operations\.endpoints\.(?P<name>\w+)\(",
    re.MULTILINE,
)


def _shape(path: str) -> str:
    return re.sub(r"\{[^}]*\}", "{}", path)


def test_zooms_new_operations_are_vendored_and_generated_with_the_calls_the_report_names(
    tmp_path: Path,
) -> None:
    """The real command on a copy takes the five new operations (exit 0), and the regenerated
    package's api.OPERATIONS has each under the name, method and path the report gave it."""
    copy = _copy_repository(tmp_path, master_baseline=False)
    # On the frozen baseline, so the update is additive whatever spec/ holds today.
    _install(copy, specs.ENDPOINTS_BASELINE, "endpoints.json", "PROVENANCE.endpoints.json")
    new_text = specs.dump(specs.with_new_clip_operations(specs.endpoints_baseline()))
    spec = tmp_path / "endpoints.json"
    spec.write_text(new_text, encoding="utf-8")

    done = _python_in(
        copy, "-m", "scripts.update_spec", "--no-test", "--name", "endpoints", str(spec)
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 breaking" in done.stdout
    assert (copy / "spec" / "endpoints.json").read_text(encoding="utf-8") == new_text
    reported = {m["id"]: (m["name"], m["method"], m["path"]) for m in ADDED.finditer(done.stdout)}
    assert set(reported) == set(specs.NEW_CLIP_OPERATIONS.values())

    listed = _python_in(
        copy,
        "-c",
        "import json\n"
        "from zoom_clips_endpoints_api.api import OPERATIONS, Operations\n"
        "print(json.dumps({n: [m, p, callable(getattr(Operations, n, None))]"
        " for n, (_, m, p) in OPERATIONS.items()}))\n",
    )
    assert listed.returncode == 0, listed.stderr
    operations = json.loads(listed.stdout)
    for name, method, path in reported.values():
        assert operations[name] == [method, operations[name][1], True], name
        assert _shape(operations[name][1]) == _shape(path), name
    assert len(operations) == 13 + 5  # the baseline's and the new ones
