"""`zoom-clips api METHOD PATH`: the request each argument makes, what stdout gets, and the exits.

Most tests point the command at a loopback server that records every request and answers what
the test says, so the method, path, query, headers and body sent are asserted exactly; a few run
against the embedded mock (`--mock`) and a served one, as the other commands' tests do.
"""

from __future__ import annotations

import json
import re
import shlex
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import attrs
import pytest
from typer.testing import CliRunner
from zoom_clips._cli import app
from zoom_clips._cli._api import api as api_command
from zoom_clips.mock import MockConfig, serve

from tests.cli._admin_support import CONFIG, served, server
from tests.cli._support import env_for, error_line, mock_args, run
from tests.cli.test_help import WIDTH, prose_breaks, render

__all__ = ["served", "server"]  # the fixtures, imported for pytest

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "test-bearer-token"
TRACKING = "v=2.0;clid=test;rid=abc123"


@attrs.frozen
class Seen:
    """One request the recorder received."""

    method: str
    path: str
    query: list[tuple[str, str]]
    headers: dict[str, str]  # names in lower case
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@attrs.define
class Recorder:
    """A loopback server: records each request, answers by (method, path), else 200 with JSON."""

    base_url: str = ""
    seen: list[Seen] = attrs.field(factory=list)
    answers: dict[tuple[str, str], tuple[int, dict[str, str], bytes]] = attrs.field(factory=dict)

    def answer(self, method: str, path: str, status: int, body: Any = None, **headers: str) -> None:
        """Answer ``method path`` (under /v2) with ``status`` and ``body`` (JSON unless bytes)."""
        if body is not None and not isinstance(body, bytes):
            headers.setdefault("Content-Type", "application/json")
            body = json.dumps(body).encode()
        self.answers[method, "/v2" + path] = (status, headers, body or b"")

    def env(self) -> dict[str, str]:
        """``ZOOM_*`` pointing the command at this server with a static token."""
        return {"ZOOM_ACCESS_TOKEN": TOKEN, "ZOOM_API_BASE_URL": self.base_url}


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    """A recording server on 127.0.0.1, stopped after the test."""
    record = Recorder()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _any(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            parts = urlsplit(self.path)
            record.seen.append(
                Seen(
                    method=self.command,
                    path=parts.path,
                    query=parse_qsl(parts.query, keep_blank_values=True),
                    headers={k.lower(): v for k, v in self.headers.items()},
                    body=self.rfile.read(length),
                )
            )
            default = (
                200,
                {"Content-Type": "application/json", "x-zm-trackingid": TRACKING},
                b'{"ok": true}',
            )
            status, headers, body = record.answers.get((self.command, parts.path), default)
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            if status != 204:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _any

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the test asserts on ``record.seen``."""

    http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    record.base_url = f"http://127.0.0.1:{http.server_address[1]}/v2"
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    try:
        yield record
    finally:
        http.shutdown()
        http.server_close()
        thread.join()


def api(recorder: Recorder, *args: str, stdin: str | None = None) -> Any:
    """``zoom-clips api ARGS`` against ``recorder``."""
    return CliRunner().invoke(
        app, ["api", *args], env=recorder.env(), input=stdin, catch_exceptions=False
    )


def test_get_sends_fields_as_the_query_and_prints_the_json_pretty(recorder: Recorder) -> None:
    """GET: PATH's query and each -F/-f become query parameters; the answer is indented JSON."""
    answer = {"data": [{"clip_id": "c1", "title": "Q3 \u00e9"}], "next_page_token": ""}
    recorder.answer("GET", "/clips", 200, answer)
    result = api(
        recorder,
        "get",
        "/clips?search_key=demo",
        "-F",
        "page_size=30",
        "-F",
        "include_deleted=true",
        "-F",
        "user_id=u1",
        "-f",
        "page_size=50",
    )
    assert result.exit_code == 0, result.stderr
    (seen,) = recorder.seen
    assert (seen.method, seen.path, seen.body) == ("GET", "/v2/clips", b"")
    assert seen.query == [
        ("search_key", "demo"),
        ("page_size", "30"),
        ("page_size", "50"),
        ("include_deleted", "true"),
        ("user_id", "u1"),
    ]
    assert seen.headers["authorization"] == f"Bearer {TOKEN}"
    assert result.stdout == json.dumps(answer, indent=2) + "\n"
    assert result.stderr == ""


def test_post_sends_typed_fields_as_a_json_body(recorder: Recorder) -> None:
    """POST: -F types true/false/null/integers (not "007"), -f keeps text, [] lists, [k] nests."""
    recorder.answer("POST", "/clips/transfers", 201, {"task_id": "t1"})
    fields = [
        "title=Q3",
        "count=42",
        "negative=-7",
        "public=false",
        "ready=true",
        "note=null",
        "id=007",
        "zero=0",
        "minus_zero=-0",
        "ratio=1.5",
        "tags[]=sales",
        "tags[]=3",
        "settings[share][scope]=ANYONE",
        "equation=a=b",
    ]
    args = [arg for field in fields for arg in ("-F", field)]
    result = api(recorder, "POST", "/clips/transfers", *args, "-f", "passcode=0123")
    assert result.exit_code == 0, result.stderr
    (seen,) = recorder.seen
    assert (seen.method, seen.path, seen.query) == ("POST", "/v2/clips/transfers", [])
    assert seen.headers["content-type"] == "application/json"
    assert seen.json() == {
        "title": "Q3",
        "count": 42,
        "negative": -7,
        "public": False,
        "ready": True,
        "note": None,
        "id": "007",
        "zero": 0,
        "minus_zero": "-0",
        "ratio": "1.5",
        "tags": ["sales", 3],
        "settings": {"share": {"scope": "ANYONE"}},
        "equation": "a=b",
        "passcode": "0123",
    }
    assert json.loads(result.stdout) == {"task_id": "t1"}


@pytest.mark.parametrize("source", ["file", "stdin"])
def test_input_is_the_body_and_fields_then_go_to_the_query(
    recorder: Recorder, tmp_path: Path, source: str
) -> None:
    """--input FILE (or - for stdin) is sent as the JSON body; -F fields become the query."""
    body = {"from_user_id": "u1", "to_user_id": "u2", "clip_ids": ["a", "b"], "n": 1}
    document = json.dumps(body)
    target = tmp_path / "transfer.json"
    target.write_text(document, encoding="utf-8")
    name = str(target) if source == "file" else "-"
    result = api(
        recorder,
        "POST",
        "clips/transfers",
        "--input",
        name,
        "-F",
        "dry_run=true",
        stdin=document if source == "stdin" else None,
    )
    assert result.exit_code == 0, result.stderr
    (seen,) = recorder.seen
    assert seen.path == "/v2/clips/transfers"
    assert seen.query == [("dry_run", "true")]
    assert seen.json() == body


def test_patch_on_a_relative_path_answering_204_prints_nothing(recorder: Recorder) -> None:
    """PATCH clips/ID (no leading slash) sends the body there; a 204 leaves stdout empty, exit 0."""
    recorder.answer("PATCH", "/clips/abc", 204)
    result = api(recorder, "patch", "clips/abc", "-F", "title=New title", "-F", "tags[]=x")
    assert result.exit_code == 0, result.stderr
    (seen,) = recorder.seen
    assert (seen.method, seen.path) == ("PATCH", "/v2/clips/abc")
    assert seen.json() == {"title": "New title", "tags": ["x"]}
    assert result.stdout == ""
    assert result.stderr == ""


def test_delete_sends_fields_as_the_query_and_headers_as_given(recorder: Recorder) -> None:
    """DELETE: -F goes to the query, not a body; -H adds a header."""
    recorder.answer("DELETE", "/clips/abc/collaborators", 204)
    result = api(
        recorder,
        "DELETE",
        "/clips/abc/collaborators",
        "-F",
        "user_key=someone@example.com",
        "-H",
        "X-Request-Note:  offboarding ",
    )
    assert result.exit_code == 0, result.stderr
    (seen,) = recorder.seen
    assert (seen.method, seen.body) == ("DELETE", b"")
    assert seen.query == [("user_key", "someone@example.com")]
    assert seen.headers["x-request-note"] == "offboarding"


def test_the_path_is_sent_as_typed_with_its_escapes(recorder: Recorder) -> None:
    """An id's percent-escapes (an encoded slash) reach Zoom as typed, not decoded into the path."""
    result = api(recorder, "GET", "clips/a%2Fb%20c/comments")
    assert result.exit_code == 0, result.stderr
    (seen,) = recorder.seen
    assert seen.path == "/v2/clips/a%2Fb%20c/comments"


def test_include_prints_the_status_line_and_headers_first(recorder: Recorder) -> None:
    """-i: `HTTP/1.1 200 OK`, each header, a blank line, then the body."""
    recorder.answer("GET", "/clips/abc", 200, {"clip_id": "abc"}, **{"x-zm-trackingid": TRACKING})
    result = api(recorder, "GET", "/clips/abc", "--include")
    assert result.exit_code == 0, result.stderr
    head, body = result.stdout.split("\n\n", 1)
    lines = head.splitlines()
    assert lines[0] == "HTTP/1.1 200 OK"
    assert f"x-zm-trackingid: {TRACKING}" in [line.lower() for line in lines[1:]]
    assert "content-type: application/json" in [line.lower() for line in lines[1:]]
    assert json.loads(body) == {"clip_id": "abc"}
    empty = api(recorder, "GET", "/clips/abc")
    assert not empty.stdout.startswith("HTTP/")


def test_an_answer_that_is_not_json_reaches_no_terminal_raw(recorder: Recorder) -> None:
    """A text answer is printed with its control characters escaped; JSON strings stay escaped."""
    recorder.answer(
        "GET", "/clips/t", 200, b"plain \x1b[31mred\x1b[0m\n", **{"Content-Type": "text/plain"}
    )
    result = api(recorder, "GET", "/clips/t")
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout
    assert "\\x1b[31mred" in result.stdout
    recorder.answer("GET", "/clips/j", 200, {"title": "\x1b]0;owned\x07"})
    shown = api(recorder, "GET", "/clips/j")
    assert "\x1b" not in shown.stdout
    assert json.loads(shown.stdout) == {"title": "\x1b]0;owned\x07"}


def test_an_error_status_is_one_line_with_zooms_code_and_exits_1(recorder: Recorder) -> None:
    """A 404 prints nothing on stdout and one line: method, path, status, code, message, id."""
    body = {"code": 2000, "message": "Clip does not exist: nope."}
    recorder.answer("GET", "/clips/nope", 404, body, **{"x-zm-trackingid": TRACKING})
    result = api(recorder, "GET", "/clips/nope")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert error_line(result) == (
        "error: GET /clips/nope failed: HTTP 404; Zoom code 2000; "
        f"Clip does not exist: nope.; tracking id {TRACKING}"
    )
    assert TOKEN not in result.stderr
    included = api(recorder, "GET", "/clips/nope", "-i")
    assert included.exit_code == 1
    assert included.stdout.startswith("HTTP/1.1 404 Not Found\n")
    assert json.loads(included.stdout.split("\n\n", 1)[1]) == body
    assert error_line(included).startswith("error: GET /clips/nope failed: HTTP 404")


@pytest.mark.parametrize(
    "path",
    [
        "https://api.zoom.us/v2/clips",
        "http://127.0.0.1:9/v2/clips",
        "//evil.example/v2/clips",
        "HTTPS://evil.example/clips",
        "mailto:clips",
    ],
)
def test_an_absolute_url_is_refused_before_anything_is_sent(recorder: Recorder, path: str) -> None:
    """PATH must be under the base URL: a URL elsewhere exits 2 and the token goes nowhere."""
    result = api(recorder, "GET", path)
    assert result.exit_code == 2
    assert "is a URL" in error_line(result)
    assert recorder.seen == []


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["POST", "/clips", "-F", "title"], "-F 'title' is not KEY=VALUE"),
        (["POST", "/clips", "-F", "=x"], "-F '=x' is not KEY=VALUE"),
        (["POST", "/clips", "-f", "a[b=1"], "-f 'a[b=1' is not KEY=VALUE"),
        (["POST", "/clips", "-F", "a[]b=1"], "-F 'a[]b=1' is not KEY=VALUE"),
        (["POST", "/clips", "-F", "a=1", "-F", "a=2"], "a is given twice"),
        (["POST", "/clips", "-F", "a=1", "-F", "a[b]=2"], "a is already a value"),
        (["POST", "/clips", "-F", "a[b]=1", "-F", "a[]=2"], "a is already given, not as a list"),
        (["GET", "/clips", "-F", "a[b]=1"], "a query parameter cannot nest"),
        (["GET", "/clips", "-H", "no colon"], "-H 'no colon' is not a header"),
        (["GET", "/clips", "-H", "Bad Name: x"], "is not a header"),
        (["GET", "/clips", "-H", "Authorization: Bearer other"], "the client sets"),
        (["FETCH", "/clips"], "METHOD 'FETCH' is not one of GET, POST"),
        (["GET", "/"], "is not a path under the API's base URL"),
        (["GET", "/clips/../../oauth/token"], "is not a path under the API's base URL"),
        (["GET", "/clips#top"], "has a fragment"),
        (["POST", "/clips", "--input", "/no/such/file.json"], "cannot read --input /no/such"),
        (["GET", "/clips", "--mock", "--base-url", "https://api.zoom.us/v2"], "--mock starts"),
    ],
)
def test_bad_arguments_exit_2_with_one_line_and_send_nothing(
    recorder: Recorder, args: list[str], says: str
) -> None:
    """Each bad argument is named in one `error:` line, exit 2, before any request."""
    result = api(recorder, *args)
    assert result.exit_code == 2
    assert says in error_line(result)
    assert recorder.seen == []


@pytest.mark.parametrize(
    ("document", "says"),
    [("{not json", "is not JSON: Expecting property name"), ("null", "holds null")],
)
def test_an_input_that_is_not_a_json_body_exits_2(
    recorder: Recorder, tmp_path: Path, document: str, says: str
) -> None:
    """--input must hold a JSON document (null is no body): else exit 2, nothing sent."""
    target = tmp_path / "body.json"
    target.write_text(document, encoding="utf-8")
    result = api(recorder, "PATCH", "/clips/abc", "--input", str(target))
    assert result.exit_code == 2
    assert says in error_line(result)
    assert recorder.seen == []


def test_usage_errors_are_one_line_exit_2(recorder: Recorder) -> None:
    """A missing PATH is the command group's usage line, exit 2."""
    result = api(recorder, "GET")
    assert result.exit_code == 2
    assert "PATH" in error_line(result)


def test_with_mock_gets_a_clip_of_the_embedded_mock_and_its_404() -> None:
    """--mock: GET /clips/ID answers the seeded clip; an unknown id is Zoom's 2000 and exit 1."""
    with serve(MockConfig(seed=0, clock=CONFIG.clock)) as twin:  # the same seed and instant
        clip_id = str(twin.dataset.clips[0]["clip_id"])
        title = str(twin.dataset.clips[0]["title"])
    result = run("api", "GET", f"/clips/{clip_id}", *mock_args())
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["title"] == title
    missing = run("api", "GET", "clips/no-such-clip", *mock_args())
    assert missing.exit_code == 1
    assert error_line(missing).startswith(
        "error: GET /clips/no-such-clip failed: HTTP 404; Zoom code 2000"
    )


def test_against_a_served_mock_a_delete_answers_204_and_takes_effect(server: Any) -> None:
    """With ZOOM_* credentials (OAuth): DELETE /clips/ID prints nothing and the clip is deleted."""
    clip = next(c for c in server.dataset.clips if c["status"] != "RECORD_DELETE")
    clip_id = str(clip["clip_id"])
    result = run("api", "DELETE", f"/clips/{clip_id}", env=env_for(server))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert server.dataset.clip(clip_id).wire["status"] == "RECORD_DELETE"


def test_refused_credentials_fail_as_in_every_command(server: Any) -> None:
    """The token endpoint's refusal is not Zoom's answer to the request: its line, exit 2."""
    result = run("api", "GET", "/clips", env=env_for(server, secret="wrong-secret"))
    assert result.exit_code == 2
    line = error_line(result)
    assert "refused the credentials" in line
    assert "wrong-secret" not in line


def test_help_fits_80_columns_and_shows_each_example() -> None:
    """`api --help` reads whole at 80 columns, names -F, -f, --input, -H, -i, and its examples."""
    page = render("api")
    assert not [line for line in page.splitlines() if len(line.rstrip()) > WIDTH]
    assert "``" not in page
    assert not prose_breaks(page)
    for option in ("--field", "-F", "--raw-field", "-f", "--input", "--header", "-H", "-i"):
        assert f" {option} " in page
    shown = [" ".join(line.split()) for line in page.splitlines()]
    written = [
        line.strip()
        for line in (api_command.__doc__ or "").splitlines()
        if line.strip().startswith("zoom-clips ")
    ]
    assert len(written) >= 3
    assert [e for e in written if not any(e in line for line in shown)] == []


def _readme_examples() -> list[str]:
    guide = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    section = guide.split("## Any request: `zoom-clips api`", 1)[1].split("\n#", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block is not None
    lines = [line.split("  #", 1)[0].strip() for line in block.group(1).splitlines()]
    return [line for line in lines if line.startswith("zoom-clips api ")]


def test_the_readmes_examples_send_what_they_say(recorder: Recorder, tmp_path: Path) -> None:
    """Each `zoom-clips api` example of docs/cli.md runs (exit 0) and sends its method and path."""
    examples = _readme_examples()
    assert len(examples) >= 3
    (tmp_path / "transfer.json").write_text('{"from_user_id": "u1"}', encoding="utf-8")
    for example in examples:
        args = shlex.split(example)[2:]
        args = [str(tmp_path / a) if a.endswith(".json") else a for a in args]
        recorder.seen.clear()
        result = api(recorder, *args, stdin='{"title": "Q3"}')
        assert result.exit_code == 0, (example, result.stderr)
        (seen,) = recorder.seen
        assert seen.method == args[0].upper()
        assert seen.path == "/v2/" + urlsplit(args[1]).path.lstrip("/")
