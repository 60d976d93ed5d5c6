"""The vendored spec is Zoom's download, and generated/ is exactly what `make generate` writes."""

import json
import re
import shutil
from pathlib import Path

import pytest
from zoom_clips_api import models

from scripts import generate

ROOT = Path(__file__).resolve().parent.parent
SEED_PAGE = ROOT / "tests" / "seeds" / "clips-master-api-page.md"  # see tests/seeds/README.md


def _seed_master_json_block(page: str) -> str:
    section = page.split("### master.json", 1)[1]
    match = re.search(r"```json\n(.*?)\n```", section, re.DOTALL)
    assert match, "the seed page has no ```json block under ### master.json"
    return match.group(1)


def test_spec_is_the_seed_master_json_block_byte_for_byte() -> None:
    """spec/master.json is the page's `### master.json` download, not its `## OpenAPI` block."""
    provenance = json.loads((ROOT / "spec" / "PROVENANCE.json").read_text(encoding="utf-8"))
    if "clips-master-api-page.md" not in provenance["extracted_from"]:
        pytest.skip("`make update-spec` has vendored a spec from elsewhere than the seed page")
    block = _seed_master_json_block(SEED_PAGE.read_text(encoding="utf-8"))
    vendored = (ROOT / "spec" / "master.json").read_text(encoding="utf-8")
    assert json.loads(vendored) == json.loads(block)
    assert vendored == block + "\n"  # Zoom's key order and 2-space indentation kept


def test_provenance_records_the_spec_sha256() -> None:
    """The provenance file's sha256 is the vendored spec's, which generation verifies."""
    provenance = json.loads((ROOT / "spec" / "PROVENANCE.json").read_text(encoding="utf-8"))
    assert provenance["source_url"] == "https://developers.zoom.us/api-hub/clips/ma/master.json"
    assert provenance["sha256"] == generate.spec_sha256()
    assert generate.verify_provenance() == provenance["sha256"]


def test_provenance_mismatch_is_refused(tmp_path: Path) -> None:
    """A spec edited without its provenance makes generation stop with a clear error."""
    spec = tmp_path / "master.json"
    spec.write_bytes((ROOT / "spec" / "master.json").read_bytes() + b" ")
    with pytest.raises(generate.GenerationError, match="without updating its provenance"):
        generate.verify_provenance(spec=spec)


def test_every_generated_file_carries_the_do_not_edit_header() -> None:
    """Each generated file says where it came from and that it must not be edited."""
    expected = generate.header(generate.spec_sha256(), generate.pinned_generator_version())
    files = [p for p in generate.OUTPUT.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    assert files
    for path in files:
        assert path.read_text(encoding="utf-8").startswith(expected), path


def test_generated_models_have_readable_names() -> None:
    """class_overrides in the generator config, not hand edits, name the models."""
    assert set(models.__all__) == {
        "ClipItem",
        "ClipItemStatus",
        "ClipListResponse",
        "ListClipsDateFilterType",
        "ListClipsStatus",
        "ShareLinkSettings",
        "ShareScope",
    }


def test_drift_names_the_edited_file(tmp_path: Path) -> None:
    """A one-character edit to a generated file shows up as a diff naming that file."""
    edited = tmp_path / "zoom_clips_api"
    shutil.copytree(generate.OUTPUT, edited, ignore=shutil.ignore_patterns("__pycache__"))
    target = edited / "models" / "clip_item.py"
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("class ClipItem:", "class ClipItemX:", 1), encoding="utf-8")
    (edited / "stray.py").write_text("x = 1\n", encoding="utf-8")

    assert generate.drift(generate.OUTPUT, generate.OUTPUT) == ""
    diff = generate.drift(generate.OUTPUT, edited)
    assert "generated/zoom_clips_api/models/clip_item.py" in diff
    assert "+class ClipItemX:" in diff
    assert "generated/zoom_clips_api/stray.py" in diff
