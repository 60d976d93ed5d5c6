"""The report names each added operation with the call that reaches it, as generation names it."""

from __future__ import annotations

import copy
import importlib
import json
import re
from pathlib import Path

import pytest

from scripts import generate, update_spec
from scripts.update_spec import calls
from tests.update_spec import specs
from tests.update_spec.test_command import _install_baseline
from tests.update_spec.test_endpoints import _install

HEADING = "New operations, and the call that reaches each once vendored\n"
FIVE = (
    "  + PATCH /clips/{clipId}  UpdateClipById -> "
    "client.operations.endpoints.update_clip_by_id(clip_id, body=...)\n"
    "  + GET /clips/{clipId}/chapters  GetClipChapters -> "
    "client.operations.endpoints.get_clip_chapters(clip_id)\n"
    "  + POST /clips/{clipId}/chapters  createClipChapters -> "
    "client.operations.endpoints.create_clip_chapters(clip_id, body=...)\n"
    "  + POST /clips/{clipId}/duplicate  DuplicateClips -> "
    "client.operations.endpoints.duplicate_clips(clip_id, body=...)\n"
    "  + PATCH /clips/{clipId}/share_settings  Updateclipssharesetting -> "
    "client.operations.endpoints.updateclipssharesetting(clip_id, body=...)\n"
)
CALL = re.compile(r"client\.operations\.(?P<spec>\w+)\.(?P<method>\w+)\(")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A scratch checkout with both baselines vendored and the generator configs."""
    repo = tmp_path / "repo"
    _install_baseline(repo)
    _install(repo, specs.ENDPOINTS_BASELINE, "endpoints.json", "PROVENANCE.endpoints.json")
    return repo


def _write(tmp_path: Path, spec: specs.Spec) -> str:
    path = tmp_path / "new.json"
    path.write_text(specs.dump(spec), encoding="utf-8")
    return str(path)


def test_the_report_names_each_added_operation_with_its_call(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Zoom's five new Clips operations are listed, in the spec's order, each with its call."""
    new = _write(tmp_path, specs.with_new_clip_operations(specs.endpoints_baseline()))
    assert update_spec.run(["--check", new], root=root) == 0
    out = capsys.readouterr().out
    assert "15 changes: 0 breaking, 15 additive, 0 compatible." in out
    assert HEADING + FIVE + "\nQuirks of endpoints.json" in out


def test_a_new_master_operation_gets_a_master_call(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """master.json's operations are reached through client.operations.master, path names kept."""
    new = _write(tmp_path, specs.with_new_operation(specs.baseline()))
    assert update_spec.run(["--check", new], root=root) == 0
    assert (
        "New operation, and the call that reaches each once vendored\n"
        "  + GET /accounts/{accountId}/clips/{clipId}  GetClip -> "
        "client.operations.master.get_clip(account_id, clip_id)\n"
    ) in capsys.readouterr().out


def test_a_report_without_new_operations_lists_none(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A new enum value adds no operation, so the report has no such section."""
    new = _write(tmp_path, specs.with_emoji_comments(specs.endpoints_baseline()))
    assert update_spec.run(["--check", new], root=root) == 0
    out = capsys.readouterr().out
    assert "1 change: 0 breaking, 1 additive, 0 compatible." in out
    assert "New operation" not in out
    assert " -> client.operations." not in out


def test_a_first_vendoring_lists_every_operation_with_its_call(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With no spec of its kind yet, each of the page's operations is listed with its call."""
    repo = tmp_path / "repo"
    _install_baseline(repo)
    assert update_spec.run(["--check", str(specs.USER_SEED_PAGE)], root=repo) == 0
    out = capsys.readouterr().out
    listed = [line for line in out.splitlines() if line.startswith("  + ")]
    assert len(listed) == 13
    assert (
        "  + POST /clips/files/multipart/upload_events  InitiateAndCompleteAClipMultipartUpload. "
        "-> client.operations.endpoints.initiate_and_complete_a_clip_multipart_upload(body=...)"
    ) in listed
    assert (
        "  + DELETE /clips/{clipId}/comments/{commentId}  Deleteacomment -> "
        "client.operations.endpoints.deleteacomment(clip_id, comment_id)"
    ) in listed


@pytest.mark.parametrize("target", generate.TARGETS, ids=lambda t: t.name)
def test_each_call_is_a_method_generation_writes(target: generate.Target) -> None:
    """For the vendored spec the calls name exactly its package's api.OPERATIONS (method, path)."""
    spec = json.loads(target.spec.read_text(encoding="utf-8"))
    spec_target = {t.name: t for t in update_spec.TARGETS}[target.name]
    assert spec_target.config == target.config.relative_to(specs.ROOT)
    table = calls.operation_calls(spec, spec_target, specs.ROOT)
    assert isinstance(table, dict)
    generated = importlib.import_module(f"{target.package}.api").OPERATIONS
    from_calls = {}
    for (method, path), call in table.items():
        match = CALL.match(call)
        assert match, call
        assert match["spec"] == target.name
        from_calls[match["method"]] = (method, re.sub(r"\{[^}]*\}", "{}", path))
    assert from_calls == {
        name: (method, re.sub(r"\{[^}]*\}", "{}", path))
        for name, (_, method, path) in generated.items()
    }


def test_required_parameters_are_keywords_and_optional_ones_are_left_out() -> None:
    """A required query or header parameter is a keyword; optional ones and no body show nothing."""
    spec = specs.endpoints_baseline()
    required_user = specs.query_parameter_of("userId", {"type": "string"}, "The user.")
    required_user["required"] = True
    header = {
        "name": "X-Request-Id",
        "in": "header",
        "required": True,
        "schema": {"type": "string"},
    }
    optional = specs.query_parameter_of("page_size", {"type": "integer"}, "Page size.")
    nameless = specs.zoom_operation(
        operation_id="x", summary="s", description="d", parameters=[specs.path_parameter("clipId")]
    )
    del nameless["operationId"]
    spec = specs.with_operations(
        spec,
        {
            ("GET", "/clips/{clipId}/viewers"): specs.zoom_operation(
                operation_id="ListClipViewers",
                summary="List viewers",
                description="Who watched.",
                parameters=[specs.path_parameter("clipId"), required_user, header, optional],
            ),
            ("GET", "/clips/{clipId}/views"): nameless,
        },
    )
    table = calls.operation_calls(spec, update_spec.ENDPOINTS, specs.ROOT)
    assert isinstance(table, dict)
    assert table["GET", "/clips/{clipId}/viewers"] == (
        "client.operations.endpoints.list_clip_viewers(clip_id, user_id=..., x_request_id=...)"
    )
    # Without an operationId the generator names it after the method and path.
    assert table["GET", "/clips/{clipId}/views"] == (
        "client.operations.endpoints.get_clips_clip_id_views(clip_id)"
    )


def test_a_spec_the_generator_cannot_read_is_still_reported() -> None:
    """When openapi-python-client refuses the spec, each line says so instead of naming a call."""
    spec = copy.deepcopy(specs.with_new_clip_operations(specs.endpoints_baseline()))
    del spec["info"]
    added = calls.added_operations(specs.endpoints_baseline(), spec)
    assert len(added) == 5
    text = calls.render_calls(added, spec, update_spec.ENDPOINTS, specs.ROOT)
    first = text.splitlines()[0]
    assert first.startswith(
        "  + PATCH /clips/{clipId}  UpdateClipById -> (no call: openapi-python-client cannot "
        "read the spec: "
    )
    assert len(first) < 320
    assert len(text.splitlines()) == 5


def test_the_readme_shows_the_report_as_it_is() -> None:
    """CONTRIBUTING.md's example of the new-operations section is lines the report really prints."""
    guide = (specs.ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    (block,) = re.findall(r"```text\n(New operations, .*?)```", guide, re.DOTALL)
    heading, *lines = block.splitlines()
    assert heading + "\n" == HEADING
    assert lines
    assert all(f"{line}\n" in FIVE for line in lines)
