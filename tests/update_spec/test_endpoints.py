"""update-spec over endpoints.json: detection, NAME, the docs page, the report and vendoring."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from scripts import update_spec
from scripts.update_spec import apply, cli
from tests.update_spec import specs
from tests.update_spec.test_command import _copy_repository, _python_in

TODAY = dt.date(2026, 5, 1)
GROUP = "  GET /clips/{clipId}/comments\n"


def _install(repo: Path, spec: Path, name: str, provenance: str) -> None:
    """Make ``spec`` the vendored ``name`` in ``repo``, with a provenance recording its sha256."""
    (repo / "spec").mkdir(parents=True, exist_ok=True)
    shutil.copy2(spec, repo / "spec" / name)
    record = specs.seed_provenance(name.removesuffix(".json"))
    record["sha256"] = hashlib.sha256(spec.read_bytes()).hexdigest()
    (repo / "spec" / provenance).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    specs.copy_generator_configs(repo)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A scratch checkout with both baselines vendored, enough for every path but regeneration."""
    repo = tmp_path / "repo"
    _install(repo, specs.BASELINE, "master.json", "PROVENANCE.json")
    _install(repo, specs.ENDPOINTS_BASELINE, "endpoints.json", "PROVENANCE.endpoints.json")
    return repo


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "spec").iterdir())}


def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


# --- Which spec is it -------------------------------------------------------------------------


def test_each_spec_is_told_by_its_list_operation(tmp_path: Path) -> None:
    """Without NAME, GET /accounts/{accountId}/clips means master.json and GET /clips endpoints."""
    master = update_spec.load(_write(tmp_path, "a.json", specs.dump(specs.baseline())))
    endpoints = update_spec.load(_write(tmp_path, "b.json", specs.dump(specs.endpoints_baseline())))
    assert master.target is update_spec.MASTER
    assert endpoints.target is update_spec.ENDPOINTS
    assert update_spec.detected(specs.endpoints_baseline()) == [update_spec.ENDPOINTS]


def test_a_document_with_both_list_operations_is_refused(tmp_path: Path) -> None:
    """A document that could be either spec is refused with one line asking for NAME."""
    both = _write(
        tmp_path,
        "both.json",
        specs.dump(specs.with_both_list_operations(specs.endpoints_baseline())),
    )
    with pytest.raises(update_spec.RefusedInput) as caught:
        update_spec.load(both)
    message = str(caught.value)
    assert "cannot tell master.json from endpoints.json" in message
    assert "NAME=master|endpoints" in message
    assert "\n" not in message
    assert update_spec.load(both, name="endpoints").target is update_spec.ENDPOINTS


def test_a_document_with_neither_list_operation_is_refused(tmp_path: Path) -> None:
    """An OpenAPI document of another Zoom API is neither spec, and the refusal names both paths."""
    spec = specs.endpoints_baseline()
    spec["paths"] = {"/meetings": spec["paths"]["/clips"]}
    with pytest.raises(update_spec.RefusedInput) as caught:
        update_spec.load(_write(tmp_path, "other.json", specs.dump(spec)))
    assert str(caught.value).endswith(
        "is not a Clips spec: it has no `GET /accounts/{accountId}/clips` (master.json) "
        "and no `GET /clips` (endpoints.json)"
    )


def test_name_must_agree_with_the_operations(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """NAME=master on endpoints.json is refused (exit 2, one line, nothing written), and back."""
    endpoints = _write(tmp_path, "e.json", specs.dump(specs.endpoints_baseline()))
    with pytest.raises(
        update_spec.RefusedInput, match=r"is endpoints\.json \(it has `GET /clips`\)"
    ):
        update_spec.load(endpoints, name="master")
    master = _write(tmp_path, "m.json", specs.dump(specs.baseline()))
    with pytest.raises(update_spec.RefusedInput, match="give NAME=master, or leave NAME out"):
        update_spec.load(master, name="endpoints")

    before = _snapshot(root)
    assert update_spec.run(["--name", "master", endpoints], root=root) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("error: ")
    assert "not master.json: give NAME=endpoints" in err
    assert _snapshot(root) == before


def test_name_keeps_the_per_spec_list_operation_rule(tmp_path: Path) -> None:
    """With NAME=endpoints, a spec without GET /clips is refused for lacking that operation."""
    spec = specs.endpoints_baseline()
    del spec["paths"]["/clips"]
    with pytest.raises(
        update_spec.RefusedInput, match=r"has no `GET /clips` operation \(List all clips\)"
    ):
        update_spec.load(_write(tmp_path, "e.json", specs.dump(spec)), name="endpoints")


# --- The docs page ----------------------------------------------------------------------------


def test_the_user_docs_page_yields_its_endpoints_json_block() -> None:
    """The seed page's ### endpoints.json block is read, with the page's provenance."""
    source = update_spec.load(str(specs.USER_SEED_PAGE))
    assert source.target is update_spec.ENDPOINTS
    assert source.vendored_text == specs.ENDPOINTS_BASELINE.read_text(encoding="utf-8")
    assert source.page_source_url == "https://developers.zoom.us/docs/api/clips/"
    assert (
        source.page_download_url
        == "https://developers.zoom.us/api-hub/clips/methods/endpoints.json"
    )
    assert source.page_snapshot_date == "2026-02-07"


def test_a_page_with_both_blocks_needs_name(tmp_path: Path) -> None:
    """A page with a master.json and an endpoints.json block is read only with NAME."""
    master_block = specs.SEED_PAGE.read_text(encoding="utf-8").split("## Downloads", 1)[1]
    page = specs.USER_SEED_PAGE.read_text(encoding="utf-8") + "\n## Downloads" + master_block
    path = _write(tmp_path, "both.md", page)
    with pytest.raises(
        update_spec.RefusedInput,
        match=r"has both a `### master\.json` and a `### endpoints\.json` block",
    ):
        update_spec.load(path)
    master = update_spec.load(path, name="master")
    assert master.spec == specs.baseline()
    assert master.page_download_url == "https://developers.zoom.us/api-hub/clips/ma/master.json"
    assert update_spec.load(path, name="endpoints").spec == specs.endpoints_baseline()


def test_a_page_without_the_named_block_is_refused() -> None:
    """NAME=master on the user API page says which block the page has instead."""
    with pytest.raises(update_spec.RefusedInput) as caught:
        update_spec.load(str(specs.USER_SEED_PAGE), name="master")
    assert "has no `### master.json` block (NAME=master); it has `### endpoints.json`" in str(
        caught.value
    )


def test_vendoring_the_seed_page_changes_nothing(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Re-running on the page endpoints.json was vendored from reports no change and exits 0."""
    before = _snapshot(root)
    assert update_spec.run([str(specs.USER_SEED_PAGE)], root=root, today=TODAY) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Spec update report: spec/endpoints.json -> {specs.USER_SEED_PAGE}\n")
    assert "No changes: the new spec says what the vendored one says." in out
    assert "Quirks of endpoints.json (scripts/update_spec/quirks.py)" in out
    assert _snapshot(root) == before


# --- The report and vendoring -----------------------------------------------------------------


def test_the_report_on_a_changed_endpoints_spec(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A new enum value is additive, compared with spec/endpoints.json, and its quirk is fixed."""
    page = specs.docs_page(
        specs.dump(specs.with_emoji_comments(specs.endpoints_baseline())), "endpoints"
    )
    before = _snapshot(root)
    assert update_spec.run(["--check", _write(tmp_path, "page.md", page)], root=root) == 0
    out = capsys.readouterr().out
    assert "Spec update report: spec/endpoints.json -> " in out
    assert "1 change: 0 breaking, 1 additive, 0 compatible." in out
    assert (
        "Enum values\n" + GROUP + '    additive    200 data[].content_type: value added "EMOJI"'
    ) in out
    quirks = out.split("Quirks of endpoints.json (scripts/update_spec/quirks.py)\n", 1)[1]
    lines = dict(
        line.split(None, 1)
        for line in quirks.splitlines()
        if line.startswith("  ") and not line.startswith("   ")
    )
    assert lines["comment-content-type-lacks-emoji"] == (
        "fixed upstream: the workaround in zoom_clips._api_models can go once verified"
    )
    assert (
        "(its regression test: tests/wrapper/test_clips_api.py::"
        "test_comment_content_type_emoji_is_a_member)"
    ) in quirks
    assert lines["share-scope-misspelt"] == "still present"
    assert "date-filter-type-always-sent" in lines
    assert _snapshot(root) == before


def test_a_breaking_endpoints_change_needs_consent(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A removed collaborator field stops the update (exit 1) until --accept-breaking."""
    spec = _write(
        tmp_path, "e.json", specs.dump(specs.without_collaborator_role(specs.endpoints_baseline()))
    )
    before = _snapshot(root)
    assert update_spec.run([spec], root=root) == 1
    captured = capsys.readouterr()
    assert "    BREAKING    200 data[].role: removed" in captured.out
    assert "Stopped: 1 breaking change(s)" in captured.err
    assert _snapshot(root) == before
    assert update_spec.run(["--check", "--accept-breaking", spec], root=root) == 0


def test_vendoring_writes_endpoints_json_and_its_own_provenance(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An endpoints update writes endpoints.json and PROVENANCE.endpoints.json, not master's."""
    calls: list[tuple[Path, str]] = []

    def regenerate(
        root_: Path, target: update_spec.SpecTarget, old: object, *, run_tests: bool
    ) -> int:
        calls.append((root_, target.name))
        return 0

    monkeypatch.setattr(cli, "regenerate_and_test", regenerate)
    new_text = specs.dump(specs.with_emoji_comments(specs.endpoints_baseline()))
    page = _write(tmp_path, "page.md", specs.docs_page(new_text, "endpoints"))
    master_before = {
        n: (root / "spec" / n).read_bytes() for n in ("master.json", "PROVENANCE.json")
    }

    assert update_spec.run([page], root=root, today=TODAY) == 0
    assert "Wrote spec/endpoints.json and spec/PROVENANCE.endpoints.json" in capsys.readouterr().out
    assert calls == [(root, "endpoints")]
    assert (root / "spec" / "endpoints.json").read_text(encoding="utf-8") == new_text
    record = json.loads((root / "spec" / "PROVENANCE.endpoints.json").read_text(encoding="utf-8"))
    assert record["file"] == "endpoints.json"
    assert record["sha256"] == hashlib.sha256(new_text.encode()).hexdigest()
    assert record["source_url"] == "https://developers.zoom.us/api-hub/clips/methods/endpoints.json"
    assert record["extracted_from"] == "page.md, section '## Downloads' / '### endpoints.json'"
    assert master_before == {n: (root / "spec" / n).read_bytes() for n in master_before}


def test_an_endpoints_update_regenerates_a_copy_of_the_repository(tmp_path: Path) -> None:
    """Vendoring EMOJI into a copy regenerates the endpoints package with it, master's unchanged."""
    copy = _copy_repository(tmp_path, master_baseline=False)
    _install(copy, specs.ENDPOINTS_BASELINE, "endpoints.json", "PROVENANCE.endpoints.json")
    master_package = {
        p: p.read_bytes() for p in (copy / "generated" / "zoom_clips_api").rglob("*.py")
    }
    new_text = specs.dump(specs.with_emoji_comments(specs.endpoints_baseline()))
    page = _write(tmp_path, "page.md", specs.docs_page(new_text, "endpoints"))

    done = _python_in(copy, "-m", "scripts.update_spec", "--no-test", "--name", "endpoints", page)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Wrote spec/endpoints.json and spec/PROVENANCE.endpoints.json" in done.stdout
    enum = copy / "generated" / "zoom_clips_endpoints_api" / "models" / "comment_content_type.py"
    assert 'EMOJI = "EMOJI"' in enum.read_text(encoding="utf-8")
    assert master_package == {p: p.read_bytes() for p in master_package}
    header = enum.read_text(encoding="utf-8").splitlines()[0]  # generation verified provenance
    assert header.startswith(f"# Generated from spec/endpoints.json (sha256 {_sha(new_text)[:12]})")


@pytest.mark.parametrize(
    ("name", "expected"),
    [("endpoints", '-m scripts.update_spec --name "endpoints"  "a.json"'), ("", "")],
    ids=["with NAME", "without NAME"],
)
def test_make_update_spec_passes_name_on(name: str, expected: str) -> None:
    """`make update-spec NAME=...` runs the package with --name; without NAME, with none."""
    make = shutil.which("make")
    assert make, "GNU make is needed to run the Makefile"
    # Without an enclosing make's flags (`make test` runs this suite), -n stays a dry run here.
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL"}}
    done = subprocess.run(
        [make, "-n", "update-spec", "SPEC=a.json", f"NAME={name}"],
        cwd=specs.ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    (line,) = [ln for ln in done.stdout.splitlines() if "-m scripts.update_spec" in ln]
    assert expected in line
    assert ("--name" in line) is bool(name)


def test_a_first_vendoring_from_the_seed_page_writes_the_spec_and_a_new_provenance(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """With no spec/endpoints.json yet, the seed page vendors it with the page's provenance."""
    repo = tmp_path / "repo"
    _install(repo, specs.BASELINE, "master.json", "PROVENANCE.json")
    monkeypatch.setattr(cli, "regenerate_and_test", lambda *args, **kwargs: 0)

    assert update_spec.run(["--check", str(specs.USER_SEED_PAGE)], root=repo) == 0
    assert not (repo / "spec" / "endpoints.json").exists()
    assert update_spec.run([str(specs.USER_SEED_PAGE)], root=repo, today=TODAY) == 0
    out = capsys.readouterr().out
    assert "  vendored  (none: spec/endpoints.json is vendored for the first time)" in out
    assert "First vendoring: 13 operations, nothing to compare them with." in out
    assert "  operation-id-trailing-period      present (new in this spec)" in out
    vendored = (repo / "spec" / "endpoints.json").read_bytes()
    assert vendored == specs.ENDPOINTS_BASELINE.read_bytes()
    record = json.loads((repo / "spec" / "PROVENANCE.endpoints.json").read_text(encoding="utf-8"))
    # What the seed page says, not what spec/PROVENANCE.endpoints.json says today: that moves
    # with every `make update-spec`.
    from_page = specs.seed_provenance("endpoints")
    assert list(record) == list(from_page)
    assert {k: v for k, v in record.items() if k != "extracted_from"} == {
        k: v for k, v in from_page.items() if k != "extracted_from"
    }
    assert record["extracted_from"].endswith(
        "clips-user-api-page.md, section '## Downloads' / '### endpoints.json'"
    )


def test_a_failed_first_generation_removes_what_it_vendored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When generation fails after a first vendoring, the new spec and provenance are removed."""
    repo = tmp_path / "repo"
    _install(repo, specs.BASELINE, "master.json", "PROVENANCE.json")
    before = _snapshot(repo)
    monkeypatch.setattr(apply, "_run", lambda root, argv: False)
    assert update_spec.run(["--no-test", str(specs.USER_SEED_PAGE)], root=repo) == 3
    assert _snapshot(repo) == before
