"""Each vendored spec is Zoom's download, and generated/ is exactly what `make generate` writes."""

import importlib
import json
import re
import shutil
from pathlib import Path

import pytest
from openapi_python_client.config import ConfigFile
from zoom_clips_api import models

from scripts import generate

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "seeds"  # see tests/seeds/README.md
# Each spec, the docs page it was vendored from, and where Zoom publishes the file.
PAGES = {
    "master": (SEEDS / "clips-master-api-page.md", "https://developers.zoom.us/api-hub/clips/ma/"),
    "endpoints": (
        SEEDS / "clips-user-api-page.md",
        "https://developers.zoom.us/api-hub/clips/methods/",
    ),
}
TARGETS = {t.name: t for t in generate.TARGETS}
by_name = pytest.mark.parametrize("target", generate.TARGETS, ids=lambda t: t.name)


def _seed_block(page: str, heading: str) -> str:
    section = page.split(f"### {heading}", 1)[1]
    match = re.search(r"```json\n(.*?)\n```", section, re.DOTALL)
    assert match, f"the seed page has no ```json block under ### {heading}"
    return match.group(1)


def _provenance(target: generate.Target) -> dict[str, str]:
    record: dict[str, str] = json.loads(target.provenance.read_text(encoding="utf-8"))
    return record


def test_both_specs_are_generated_each_into_its_own_package() -> None:
    """generate.py knows exactly the two vendored specs, with their own provenance and config."""
    assert set(TARGETS) == {"master", "endpoints"}
    endpoints = TARGETS["endpoints"]
    assert endpoints.spec == ROOT / "spec" / "endpoints.json"
    assert endpoints.provenance == ROOT / "spec" / "PROVENANCE.endpoints.json"
    assert endpoints.config == ROOT / "scripts" / "openapi-python-client.endpoints.yaml"
    assert endpoints.output == ROOT / "generated" / "zoom_clips_endpoints_api"
    assert TARGETS["master"].output == generate.OUTPUT


@by_name
def test_spec_is_the_seed_download_block_byte_for_byte(target: generate.Target) -> None:
    """spec/X.json is its page's `### X.json` download (not its `## OpenAPI` block), unchanged."""
    page, _ = PAGES[target.name]
    if page.name not in _provenance(target)["extracted_from"]:
        pytest.skip("`make update-spec` has vendored a spec from elsewhere than the seed page")
    block = _seed_block(page.read_text(encoding="utf-8"), target.spec.name)
    vendored = target.spec.read_text(encoding="utf-8")
    assert json.loads(vendored) == json.loads(block)
    assert vendored == block + "\n"  # Zoom's key order and 2-space indentation kept


@by_name
def test_provenance_records_the_spec_sha256(target: generate.Target) -> None:
    """Each provenance file names its spec and records its sha256, which generation verifies."""
    provenance = _provenance(target)
    _, download_dir = PAGES[target.name]
    assert provenance["file"] == target.spec.name
    assert provenance["source_url"] == download_dir + target.spec.name
    assert provenance["sha256"] == generate.spec_sha256(target.spec)
    assert generate.verify_provenance(target.spec, target.provenance) == provenance["sha256"]


@by_name
def test_provenance_mismatch_is_refused(tmp_path: Path, target: generate.Target) -> None:
    """A spec edited without its provenance makes generation stop with a clear error."""
    spec = tmp_path / target.spec.name
    spec.write_bytes(target.spec.read_bytes() + b" ")
    with pytest.raises(generate.GenerationError, match="without updating its provenance"):
        generate.verify_provenance(spec=spec, provenance=target.provenance)


@by_name
def test_every_generated_file_carries_its_packages_header(target: generate.Target) -> None:
    """Each generated file names its own spec and generator config and says not to edit it."""
    sha256 = generate.spec_sha256(target.spec)
    expected = generate.header(
        sha256, generate.pinned_generator_version(), target.spec, target.config
    )
    assert f"# Generated from spec/{target.spec.name} (sha256 {sha256[:12]})" in expected
    assert f"scripts/{target.config.name} and regenerate" in expected
    files = [p for p in target.output.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    assert len(files) > 10
    for path in files:
        if path.name == generate.SPEC_COPY:  # the spec itself, byte for byte, stays JSON
            assert path.read_bytes() == target.spec.read_bytes()
            continue
        assert path.read_text(encoding="utf-8").startswith(expected), path


def test_generated_models_have_readable_names() -> None:
    """class_overrides in the generator config, not hand edits, name the master package's models."""
    # At least these: a spec update may add models (a new operation's, a new enum's).
    assert {
        "ClipItem",
        "ClipItemStatus",
        "ClipListResponse",
        "ListClipsDateFilterType",
        "ListClipsStatus",
        "ShareLinkSettings",
        "ShareScope",
    } <= set(models.__all__)
    overrides = ConfigFile.load_from_path(TARGETS["master"].config).class_overrides or {}
    assert {o.class_name for o in overrides.values()} <= set(models.__all__)
    assert not set(overrides) & set(models.__all__)  # no model keeps the name Zoom's ids give


def test_endpoints_models_have_readable_names() -> None:
    """The endpoints package's config names the models its resources use after what they are."""
    endpoints = importlib.import_module("zoom_clips_endpoints_api.models")
    wanted = {
        "Clip",
        "ClipItem",
        "ClipListResponse",
        "Collaborator",
        "CollaboratorListResponse",
        "Comment",
        "CommentListResponse",
        "ChildComment",
        "TransferRequest",
        "TransferCreated",
        "TransferTask",
        "CreateMultipartUploadRequest",
        "CompleteMultipartUploadRequest",
        "PartEtag",
    }
    assert wanted <= set(endpoints.__all__)


def test_the_specs_share_operation_ids_so_each_has_its_own_package() -> None:
    """master.json and endpoints.json both define GetUserClips: one package could not hold both."""
    ids = {
        name: {
            op["operationId"]
            for item in json.loads(t.spec.read_text(encoding="utf-8"))["paths"].values()
            for op in item.values()
            if isinstance(op, dict) and "operationId" in op
        }
        for name, t in TARGETS.items()
    }
    assert "GetUserClips" in ids["master"] & ids["endpoints"]
    for target in TARGETS.values():
        assert list(target.output.glob("api/*/get_user_clips.py")), target.package


def test_trailing_period_operation_id_generates_a_plain_module() -> None:
    """`InitiateAndCompleteAClipMultipartUpload.` becomes a module without the period (quirk)."""
    spec = json.loads(TARGETS["endpoints"].spec.read_text(encoding="utf-8"))
    operation = spec["paths"]["/clips/files/multipart/upload_events"]["post"]
    module = importlib.import_module(
        "zoom_clips_endpoints_api.api.upload.initiate_and_complete_a_clip_multipart_upload"
    )
    assert operation["operationId"].rstrip(".") == "InitiateAndCompleteAClipMultipartUpload"
    assert callable(module._get_kwargs)
    upload = TARGETS["endpoints"].output / "api" / "upload"
    assert not [p.name for p in upload.iterdir() if p.name.count(".") > 1]


@by_name
def test_drift_names_the_edited_file(tmp_path: Path, target: generate.Target) -> None:
    """A one-character edit to a generated file shows up as a diff naming that package's file."""
    edited = tmp_path / target.package
    shutil.copytree(target.output, edited, ignore=shutil.ignore_patterns("__pycache__"))
    target_file = edited / "models" / "clip_item.py"
    text = target_file.read_text(encoding="utf-8")
    target_file.write_text(text.replace("class ClipItem:", "class ClipItemX:", 1), encoding="utf-8")
    (edited / "stray.py").write_text("x = 1\n", encoding="utf-8")
    (edited / "rate_limits.py").unlink()

    assert generate.drift(target.output, target.output, target.package) == ""
    diff = generate.drift(target.output, edited, target.package)
    assert f"generated/{target.package}/models/clip_item.py" in diff
    assert "+class ClipItemX:" in diff
    assert f"generated/{target.package}/stray.py" in diff
    assert f"generated/{target.package}/rate_limits.py (as `make generate` writes it)" in diff
    assert "/dev/null (missing from the repository)" in diff


def test_file_api_operations_are_read_from_their_descriptions() -> None:
    """Both of Zoom's phrasings name the file API; other operations and hosts do not."""
    spec = {
        "paths": {
            "/clips/files": {"post": {"description": "* Base URL: `https://fileapi.zoom.us/v2/`."}},
            "/clips/files/{fileId}/parts": {
                "put": {
                    "description": "The base URL for this API is `https://fileapi.zoom.us/v2/`."
                }
            },
            "/clips": {
                "get": {"description": "Lists clips from https://fileapi.zoom.us elsewhere."}
            },
            "/clips/x": {"get": {"description": "Base URL: `https://api.zoom.us/v2/`."}},
        }
    }
    assert generate.file_api_operations(spec) == [
        ("POST", "/clips/files"),
        ("PUT", "/clips/files/{fileId}/parts"),
    ]


def test_a_templated_file_api_path_matches_its_formatted_paths(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A file-API operation with a path parameter is sent to the file API whatever its id."""
    from zoom_clips import _base_client  # noqa: PLC0415 -- the module whose table is patched

    monkeypatch.setattr(_base_client, "_FILE_API_TEMPLATES", (("clips", "files", None, "parts"),))
    assert _base_client.on_file_api("/clips/files/abc%2F1/parts")
    assert not _base_client.on_file_api("/clips/files/abc/other")
    assert not _base_client.on_file_api("/clips/files/abc")
