"""Reading SPEC: raw JSON, a docs-page snapshot or a URL is accepted; anything else is refused."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from scripts import update_spec
from tests.update_spec import specs


def _write(tmp_path: Path, name: str, content: str | bytes) -> str:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)


def _no_clips_operation() -> str:
    spec = specs.baseline()
    spec["paths"] = {"/accounts/{accountId}/meetings": spec["paths"][specs.CLIPS]}
    return specs.dump(spec)


def _invalid_openapi() -> str:
    spec = specs.baseline()
    del spec["info"]
    return specs.dump(spec)


GARBAGE: dict[str, tuple[str | bytes, str]] = {
    "empty file": ("", "is neither JSON nor a Zoom docs-page snapshot"),
    "plain text": ("hello, Zoom\n", "is neither JSON nor a Zoom docs-page snapshot"),
    "not UTF-8": (b"\xff\xfe{\x00", "is not UTF-8 text"),
    "truncated JSON": (specs.BASELINE.read_text(encoding="utf-8")[:500], "is not JSON: "),
    "JSON array": ("[1, 2, 3]\n", "top level is list, not an object"),
    "JSON without openapi": ('{"swagger": "2.0", "info": {}}\n', "no `openapi` field"),
    "OpenAPI 2 spelled as openapi": ('{"openapi": "2.0"}\n', "`openapi: '2.0'`"),
    "invalid OpenAPI": (_invalid_openapi(), "not a valid OpenAPI document: at (top level): "),
    "no clips operation": (_no_clips_operation(), "has no `GET /accounts/{accountId}/clips`"),
    "HTML page": ("<!DOCTYPE html><html></html>", "looks like HTML"),
    "page without block": ("# Page\n\n### master.json\nsoon\n", "no ```json block right under"),
    "page with broken block": (
        '# Page\n\n### master.json\n```json\n{"openapi": \n```\n',
        "the `### master.json` block of ",
    ),
    "deeply nested JSON": ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
}


@pytest.mark.parametrize("case", GARBAGE, ids=str)
def test_garbage_is_refused_with_a_clear_message(tmp_path: Path, case: str) -> None:
    """Each kind of input that is not a usable spec raises RefusedInput saying what is wrong."""
    content, message = GARBAGE[case]
    with pytest.raises(update_spec.RefusedInput) as caught:
        update_spec.load(_write(tmp_path, "input", content))
    assert message in str(caught.value)


def test_missing_file_and_directory_are_refused(tmp_path: Path) -> None:
    """A path that is not a readable file is refused, not a traceback."""
    with pytest.raises(update_spec.RefusedInput, match="cannot read"):
        update_spec.load(str(tmp_path / "nope.json"))
    with pytest.raises(update_spec.RefusedInput, match="is a directory"):
        update_spec.load(str(tmp_path))


def test_docs_page_yields_its_master_json_block_not_the_openapi_block() -> None:
    """The seed page's ### master.json block is what is read, with the page's provenance."""
    source = update_spec.load(str(specs.SEED_PAGE))
    assert source.vendored_text == specs.BASELINE.read_text(encoding="utf-8")
    assert source.spec == specs.baseline()
    assert source.page_source_url == "https://developers.zoom.us/docs/api/clips/ma/"
    assert source.page_download_url == "https://developers.zoom.us/api-hub/clips/ma/master.json"
    assert source.page_snapshot_date == "2026-02-07"


def test_docs_page_snapshot_of_a_changed_spec_reports_the_change(tmp_path: Path) -> None:
    """A docs-page snapshot whose download block declares tags reports tags as additive."""
    page = specs.docs_page(specs.dump(specs.with_tags(specs.baseline())))
    source = update_spec.load(_write(tmp_path, "page.md", page))
    changes = update_spec.diff(specs.baseline(), source.spec)
    assert update_spec.render_changes(changes) == (
        "Response fields\n  GET /accounts/{accountId}/clips\n"
        "    additive    200 data[].tags: added (array of string, optional)"
    )


def test_raw_json_is_vendored_as_given(tmp_path: Path) -> None:
    """Indented JSON keeps its bytes (here four-space indentation and raw non-ASCII)."""
    text = json.dumps(specs.with_tags(specs.baseline()), indent=4, ensure_ascii=False) + "\n"
    assert update_spec.load(_write(tmp_path, "spec.json", text)).vendored_text == text


def test_raw_json_normalisation_is_minimal(tmp_path: Path) -> None:
    """Only a BOM is dropped and a final newline added; minified JSON is re-indented by two."""
    pretty = specs.BASELINE.read_text(encoding="utf-8")
    with_bom = "\ufeff" + pretty.rstrip("\n")
    assert update_spec.load(_write(tmp_path, "a.json", with_bom)).vendored_text == pretty
    minified = json.dumps(specs.baseline(), separators=(",", ":"))
    assert update_spec.load(_write(tmp_path, "b.json", minified)).vendored_text == pretty


def test_url_is_fetched_with_httpx() -> None:
    """A URL is downloaded (redirects followed) and read like a local file."""
    body = specs.BASELINE.read_bytes()

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/old":
            return httpx.Response(301, headers={"Location": "https://zoom.test/master.json"})
        return httpx.Response(200, content=body)

    source = update_spec.load("https://zoom.test/old", transport=httpx.MockTransport(handler))
    assert source.spec == specs.baseline()
    assert source.origin == "https://zoom.test/old"


@pytest.mark.parametrize(
    ("handler", "message"),
    [
        (lambda r: httpx.Response(404, text="gone"), "answered HTTP 404"),
        (
            lambda r: (_ for _ in ()).throw(httpx.ConnectError("refused", request=r)),
            "could not fetch",
        ),
    ],
    ids=["404", "connection error"],
)
def test_url_failures_are_refused(handler: object, message: str) -> None:
    """A failed download is a refusal with the reason, never a traceback."""
    transport = httpx.MockTransport(handler)  # type: ignore[arg-type]
    with pytest.raises(update_spec.RefusedInput, match=message):
        update_spec.load("https://zoom.test/master.json", transport=transport)
