"""An operation Zoom adds is callable the day its spec is vendored, with no hand-written code.

In a temporary copy of the project, an ``endpoints.json`` with three operations that nothing
else in the project names (their names live in this file only) is vendored with the real
update-spec code, which regenerates the package. A child Python, importing that copy, then calls
them sync and async through ``client.operations.endpoints`` against a loopback server, and this
test checks the requests it sent and the values it got back.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from scripts import update_spec

ROOT = Path(__file__).resolve().parents[2]
COPIED = ("spec", "scripts", "wrapper", "generated", "pyproject.toml")

LABEL = "**[Rate Limit Label](https://developers.zoom.us/docs/api/rest/rate-limits/):** `{}`"


def new_operations() -> dict[str, Any]:
    """Three operations of kinds the vendored spec lacks: a PATCH with a JSON body answering
    204, a GET with a query parameter answering JSON, a POST answering 201."""
    clip_id = {"name": "clipId", "in": "path", "required": True, "schema": {"type": "string"}}
    json_object = {
        "type": "object",
        "properties": {"state": {"type": "string", "enum": ["OPEN", "DONE"]}},
    }
    return {
        "/clips/{clipId}/zzreview_state": {
            "patch": {
                "tags": ["Zzreview"],
                "summary": "Set a clip's review state",
                "description": "Sets the review state.\n\n" + LABEL.format("LIGHT"),
                "operationId": "ZzSetReviewState",
                "parameters": [clip_id],
                "requestBody": {"content": {"application/json": {"schema": json_object}}},
                "responses": {"204": {"description": "Review state set."}},
            }
        },
        "/clips/{clipId}/zzsignals": {
            "get": {
                "tags": ["Zzreview"],
                "summary": "List a clip's signals",
                "description": "Lists signals.\n\n" + LABEL.format("LIGHT"),
                "operationId": "ZzListSignals",
                "parameters": [
                    clip_id,
                    {"name": "window", "in": "query", "schema": {"type": "string"}},
                ],
                "responses": {
                    "200": {
                        "description": "Signals.",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "count": {"type": "integer"},
                                        "kind": {"type": "string", "enum": ["A", "B"]},
                                    },
                                }
                            }
                        },
                    }
                },
            }
        },
        "/clips/zzbundles": {
            "post": {
                "tags": ["Zzreview"],
                "summary": "Bundle clips",
                "description": "Bundles clips.\n\n" + LABEL.format("MEDIUM"),
                "operationId": "ZzCreateBundle",
                "requestBody": {
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["clip_ids"],
                                "properties": {
                                    "clip_ids": {"type": "array", "items": {"type": "string"}}
                                },
                            }
                        }
                    }
                },
                "responses": {
                    "201": {
                        "description": "Bundle created.",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {"bundle_id": {"type": "string"}},
                                }
                            }
                        },
                    }
                },
            }
        },
    }


class _Zoom(BaseHTTPRequestHandler):
    """Answers the three new operations; records every request."""

    seen: list[dict[str, Any]]

    def _answer(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(length) if length else b""
        self.seen.append(
            {
                "method": self.command,
                "path": self.path,
                "auth": self.headers.get("authorization"),
                "body": json.loads(body) if body else None,
            }
        )
        path = self.path.split("?", 1)[0]
        if self.command == "PATCH" and path.endswith("/zzreview_state"):
            self._send(204, None)
        elif self.command == "GET" and path.endswith("/zzsignals"):
            self._send(200, {"count": 3, "kind": "C_NEW", "not_in_spec": {"x": 1}})
        elif self.command == "POST" and path == "/v2/clips/zzbundles":
            self._send(201, {"bundle_id": "b-1"})
        else:
            self._send(404, {"code": 2000, "message": "no"})

    do_GET = do_POST = do_PATCH = _answer

    def _send(self, status: int, body: Any) -> None:
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        if data:
            self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        return


@pytest.fixture
def zoom() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    seen: list[dict[str, Any]] = []
    handler = type("Zoom", (_Zoom,), {"seen": seen})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v2", seen
    server.shutdown()
    server.server_close()


CALLS = """
import asyncio, json, sys
from zoom_clips import AsyncZoomClips, BearerToken, ZoomClips

base_url = sys.argv[1]
results = {}
with ZoomClips(auth=BearerToken("tok-1"), base_url=base_url) as client:
    ops = client.operations.endpoints
    results["patch"] = ops.zz_set_review_state("c 1", body={"state": "DONE"})
    signals = ops.zz_list_signals("c-1", window="7d")
    results["get"] = [signals.count, str(signals.kind), signals.additional_properties]
    results["post"] = ops.zz_create_bundle(body={"clip_ids": ["a", "b"]}).bundle_id

async def main():
    async with AsyncZoomClips(auth=BearerToken("tok-1"), base_url=base_url) as aclient:
        ops = aclient.operations.endpoints
        results["apatch"] = await ops.zz_set_review_state("c 1", body={"state": "DONE"})
        signals = await ops.zz_list_signals("c-1", window="7d")
        results["aget"] = [signals.count, str(signals.kind), signals.additional_properties]
        results["apost"] = (await ops.zz_create_bundle(body={"clip_ids": ["a", "b"]})).bundle_id

asyncio.run(main())
print(json.dumps(results))
"""


def test_operations_added_by_zoom_are_callable_once_vendored(
    tmp_path: Path,
    zoom: tuple[str, list[dict[str, Any]]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Vendor a spec with three new operations, then call them sync and async."""
    copy = tmp_path / "project"
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, copy / name)
    spec = json.loads((copy / "spec" / "endpoints.json").read_text(encoding="utf-8"))
    spec["paths"].update(new_operations())
    new_spec = tmp_path / "endpoints.json"
    new_spec.write_text(json.dumps(spec, indent=2), encoding="utf-8")

    status = update_spec.run(["--name", "endpoints", "--no-test", str(new_spec)], root=copy)
    report = capsys.readouterr().out
    assert status == 0, report
    assert "ZzCreateBundle" in report

    base_url, seen = zoom
    env_path = f"{copy / 'wrapper'}:{copy / 'generated'}"
    child = subprocess.run(
        [sys.executable, "-c", CALLS, base_url],
        env={"PYTHONPATH": env_path, "PATH": "/usr/bin:/bin"},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert child.returncode == 0, child.stderr
    results = json.loads(child.stdout)
    for prefix in ("", "a"):
        assert results[prefix + "patch"] is None
        assert results[prefix + "get"] == [3, "C_NEW", {"not_in_spec": {"x": 1}}]
        assert results[prefix + "post"] == "b-1"
    expected = [
        ("PATCH", "/v2/clips/c%201/zzreview_state", {"state": "DONE"}),
        ("GET", "/v2/clips/c-1/zzsignals?window=7d", None),
        ("POST", "/v2/clips/zzbundles", {"clip_ids": ["a", "b"]}),
    ]
    assert [(r["method"], r["path"], r["body"]) for r in seen] == expected * 2
    assert {r["auth"] for r in seen} == {"Bearer tok-1"}
