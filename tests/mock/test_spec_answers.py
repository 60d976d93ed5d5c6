"""Operations no stateful route models are answered from the spec, the day it is vendored.

The mock serves a spec with three operations the project has never seen (``new_operations``),
given as ``MockConfig(specs=...)``; every answer is checked with ``jsonschema``, not with the
mock's own validator.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
from zoom_clips.mock import MockClock, MockConfig, create_app, serve
from zoom_clips.mock.__main__ import _parser, config_from_args, main

from tests.mock.conftest import NOW, InProcess, MakeMock
from tests.mock.new_operations import (
    COPY_EXAMPLE,
    COPY_PATH,
    SETTINGS_PATH,
    STATS_PATH,
    openapi_validator,
    spec_with_new_operations,
    write_spec_with_new_operations,
)
from tests.mock.test_clip_routes import assert_allow


@pytest.fixture
def spec_file(tmp_path: Path) -> Path:
    """endpoints.json with the three new operations, in a temporary directory."""
    return write_spec_with_new_operations(tmp_path)


@pytest.fixture
def probed(make_mock: MakeMock, spec_file: Path) -> InProcess:
    """An in-process mock serving the spec with the new operations."""
    return make_mock(clips=200, specs={"endpoints": spec_file})


def _clip_id(mock: InProcess, index: int = 0) -> str:
    return str(mock.state.dataset.clips[index]["clip_id"])


def _validates(path: str, method: str, status: str, body: Any) -> None:
    spec = spec_with_new_operations()
    media = spec["paths"][path][method]["responses"][status]["content"]["application/json"]
    errors = list(openapi_validator(media["schema"], spec).iter_errors(body))
    assert errors == [], [e.message for e in errors]


def test_a_patch_with_a_json_body_answers_its_204_without_a_body(probed: InProcess) -> None:
    """The new PATCH on a clip, with a body its schema accepts, answers 204 and no content."""
    answer = probed.api(
        "PATCH", SETTINGS_PATH.format(clipId=_clip_id(probed)), json={"locked": True}
    )
    assert (answer.status_code, answer.content) == (204, b"")
    assert "x-zm-trackingid" in answer.headers


def test_a_get_with_a_query_parameter_answers_a_schema_valid_synthesised_body(
    probed: InProcess,
) -> None:
    """The new GET (a literal path beside ``/clips/{clipId}``) answers JSON its schema accepts."""
    answer = probed.api("GET", STATS_PATH, params={"period": "week", "top": "3"})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    _validates(STATS_PATH, "get", "200", body)
    assert body["counts"][0]["clip_id"] == "probe-clip"  # a property's example


def test_a_post_answers_201_with_the_specs_example(probed: InProcess) -> None:
    """The new POST answers its declared 201 with the spec's example as the body."""
    answer = probed.api("POST", COPY_PATH.format(clipId=_clip_id(probed)), json={"title": "x"})
    assert (answer.status_code, answer.json()) == (201, COPY_EXAMPLE)
    _validates(COPY_PATH, "post", "201", answer.json())


def test_synthesised_bodies_are_seeded(make_mock: MakeMock, spec_file: Path) -> None:
    """The same seed answers the same synthesised body, on every call and every mock."""
    bodies = []
    for seed in (5, 5, 6):
        mock = make_mock(clips=10, seed=seed, specs={"endpoints": spec_file})
        first = mock.api("GET", STATS_PATH, params={"period": "month"}).json()
        assert mock.api("GET", STATS_PATH, params={"period": "month"}).json() == first
        bodies.append(first)
    assert bodies[0] == bodies[1]
    assert bodies[0] != bodies[2]


@pytest.mark.parametrize("template", [SETTINGS_PATH, COPY_PATH])
def test_an_unknown_clip_is_404_code_2000(probed: InProcess, template: str) -> None:
    """A ``{clipId}`` naming no clip is Zoom's 404 code 2000, before the body is looked at."""
    method = "PATCH" if template == SETTINGS_PATH else "POST"
    answer = probed.api(method, template.format(clipId="no-such-clip"), json={"locked": True})
    assert answer.status_code == 404
    assert answer.json()["code"] == 2000
    assert "no-such-clip" in answer.json()["message"]


def test_a_soft_deleted_clip_still_exists_for_a_new_operation(probed: InProcess) -> None:
    """As on the stateful routes, a deleted clip is still there: the new PATCH answers 204."""
    clip_id = _clip_id(probed, 3)
    assert probed.api("DELETE", f"/clips/{clip_id}").status_code == 204
    answer = probed.api("PATCH", SETTINGS_PATH.format(clipId=clip_id), json={"locked": False})
    assert answer.status_code == 204


def test_another_accounts_clip_is_403_for_a_user_token(probed: InProcess) -> None:
    """A user token reaching another user's clip is 403 code 1003, the stateful routes' rule."""
    user = probed.state.refresh_user_id
    theirs = next(c for c in probed.state.dataset.clips if c["owner_id"] != user)["clip_id"]
    answer = probed.api(
        "PATCH", SETTINGS_PATH.format(clipId=theirs), token=probed.user_token(), json={"locked": 1}
    )
    assert (answer.status_code, answer.json()["code"]) == (403, 1003)


@pytest.mark.parametrize(
    ("body", "why"),
    [
        (b"{not json", "not JSON"),
        (b"", "required"),
        (b'{"locked": "yes"}', "'locked' must be of type boolean"),
        (b'{"reason": "no lock"}', "'locked' is required"),
    ],
)
def test_a_bad_body_is_400_code_300(probed: InProcess, body: bytes, why: str) -> None:
    """A body that is not JSON, missing though required, or off its schema is 400 code 300."""
    answer = probed.api(
        "PATCH",
        SETTINGS_PATH.format(clipId=_clip_id(probed)),
        content=body,
        headers={"Content-Type": "application/json"},
    )
    assert (answer.status_code, answer.json()["code"]) == (400, 300)
    assert why in answer.json()["message"]


@pytest.mark.parametrize(
    ("params", "why"),
    [
        ({}, "'period' is required"),
        ({"period": "year"}, "'period' must be one of"),
        ({"period": "week", "top": "eleven"}, "'top' must be of type integer"),
        ({"period": "week", "top": "11"}, "'top' must be at most 10"),
    ],
)
def test_a_bad_query_is_400_code_300(probed: InProcess, params: dict[str, str], why: str) -> None:
    """A required query parameter missing, or one off its schema, is 400 code 300."""
    answer = probed.api("GET", STATS_PATH, params=params)
    assert (answer.status_code, answer.json()["code"]) == (400, 300)
    assert why in answer.json()["message"]


def test_a_required_header_parameter_is_checked(make_mock: MakeMock, tmp_path: Path) -> None:
    """A header parameter the spec requires is 400 code 300 when missing or off its schema."""
    spec = spec_with_new_operations()
    header = {"name": "X-Probe-Region", "in": "header", "required": True}
    header["schema"] = {"type": "string", "enum": ["eu", "us"]}
    spec["paths"][STATS_PATH]["get"]["parameters"].append(header)
    spec_file = tmp_path / "endpoints.json"
    spec_file.write_text(json.dumps(spec), encoding="utf-8")
    mock = make_mock(clips=5, specs={"endpoints": spec_file})
    week = {"period": "week"}
    missing = mock.api("GET", STATS_PATH, params=week)
    wrong = mock.api("GET", STATS_PATH, params=week, headers={"X-Probe-Region": "mars"})
    right = mock.api("GET", STATS_PATH, params=week, headers={"x-probe-region": "eu"})
    assert (missing.status_code, missing.json()["code"]) == (400, 300)
    assert "'X-Probe-Region' is required" in missing.json()["message"]
    assert (wrong.status_code, wrong.json()["code"]) == (400, 300)
    assert right.status_code == 200


def test_a_new_operation_needs_a_token(probed: InProcess) -> None:
    """Without a token a new operation is 401 code 1002; with a wrong one 401 code 124."""
    path = SETTINGS_PATH.format(clipId=_clip_id(probed))
    none = probed.request("PATCH", f"/v2{path}", json={"locked": True})
    wrong = probed.api("PATCH", path, token="not-a-token", json={"locked": True})
    assert (none.status_code, none.json()["code"]) == (401, 1002)
    assert (wrong.status_code, wrong.json()["code"]) == (401, 124)


def test_a_new_operation_spends_its_labelled_categorys_budget(
    make_mock: MakeMock, spec_file: Path
) -> None:
    """The new POST (labelled MEDIUM) gets its 429 from MEDIUM's budget, not LIGHT's."""
    mock = make_mock(clips=10, plan="free", specs={"endpoints": spec_file})  # MEDIUM: 2/s
    path = COPY_PATH.format(clipId=_clip_id(mock))
    statuses = [mock.api("POST", path).status_code for _ in range(3)]
    assert statuses == [201, 201, 429]
    limited = mock.api("POST", path)
    assert limited.headers["x-ratelimit-category"] == "Medium"  # as Zoom spells it
    assert limited.json()["code"] == 429
    assert mock.api("GET", STATS_PATH, params={"period": "week"}).status_code == 200  # LIGHT
    mock.state.clock.advance(1)
    assert mock.api("POST", path).status_code == 201


@pytest.mark.parametrize("kind", ["500", "502", "503", "504", "truncate"])
def test_an_injected_fault_hits_a_new_operation(
    make_mock: MakeMock, spec_file: Path, kind: str
) -> None:
    """Each kind of injected fault applies to a new operation as to every API request."""
    mock = make_mock(clips=10, fault_rate=1.0, faults=(kind,), specs={"endpoints": spec_file})
    answer = mock.api("GET", STATS_PATH, params={"period": "week"})
    if kind == "truncate":  # a complete 200 whose JSON ends too early
        assert answer.status_code == 200
        with pytest.raises(ValueError, match=r"Unterminated|Expecting"):
            answer.json()
    else:
        assert answer.status_code == int(kind)
    assert mock.state.stats()["faults"] == {kind: 1}


def test_the_stateful_routes_keep_their_answers_beside_new_operations(probed: InProcess) -> None:
    """A clip path still answers GET and DELETE statefully; a method no spec has is still 405."""
    clip_id = _clip_id(probed)
    assert probed.api("GET", f"/clips/{clip_id}").json()["clip_id"] == clip_id
    answer = probed.api("PUT", f"/clips/{clip_id}")
    assert answer.status_code == 405
    assert_allow(answer.headers["allow"], "GET, DELETE", f"/clips/{clip_id}")
    assert probed.api("GET", "/clips/probe_weekly_statz").json()["code"] == 2000


def test_a_new_method_on_a_stateful_path_joins_its_allow(
    make_mock: MakeMock, tmp_path: Path
) -> None:
    """A spec's PATCH on ``/clips/{clipId}`` is answered from the spec beside the stateful GET
    and DELETE, and the path's 405 allows all three."""
    spec = spec_with_new_operations()
    patch = copy.deepcopy(spec["paths"][SETTINGS_PATH]["patch"])
    spec["paths"]["/clips/{clipId}"]["patch"] = patch | {"operationId": "PatchProbeClip"}
    spec_file = tmp_path / "endpoints.json"
    spec_file.write_text(json.dumps(spec), encoding="utf-8")
    mock = make_mock(clips=10, specs={"endpoints": spec_file})
    clip_id = _clip_id(mock)
    assert mock.api("PATCH", f"/clips/{clip_id}", json={"locked": True}).status_code == 204
    assert mock.api("GET", f"/clips/{clip_id}").json()["clip_id"] == clip_id
    refused = mock.api("PUT", f"/clips/{clip_id}")
    assert (refused.status_code, refused.headers["allow"]) == (405, "GET, DELETE, PATCH")


def test_the_packaged_spec_does_not_serve_the_new_operations(mock: InProcess) -> None:
    """Without ``specs`` the mock serves the packaged spec, which lacks the new operations."""
    answer = mock.api("PATCH", SETTINGS_PATH.format(clipId=_clip_id(mock)), json={"locked": True})
    assert answer.status_code == 404  # no route: Zoom's 404 for an unknown API path
    assert answer.json()["code"] == 404


def test_a_spec_is_read_at_the_first_request_not_at_start(tmp_path: Path) -> None:
    """Creating the app does not read the spec (start-up stays fast); the first request does."""
    spec_file = tmp_path / "endpoints.json"
    spec_file.write_text("not JSON yet", encoding="utf-8")
    app = create_app(MockConfig(clips=5, clock=MockClock(NOW), specs={"endpoints": spec_file}))
    write_spec_with_new_operations(tmp_path)  # the file as the first request finds it
    mock = InProcess(app)
    assert mock.api("GET", STATS_PATH, params={"period": "week"}).status_code == 200


def test_starting_a_mock_loads_no_spec_code() -> None:
    """Creating the app imports none of the spec-answer modules: start-up does not grow."""
    code = (
        "import sys; from zoom_clips.mock import MockConfig, create_app; "
        "create_app(MockConfig(clips=1)); "
        "print(sorted(m for m in sys.modules if m.startswith('zoom_clips.mock._')))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert "_routes_spec" not in loaded
    assert "zoom_clips.mock._spec'" not in loaded
    assert "zoom_clips.mock._app" in loaded  # the check would see a spec module were it loaded


def test_a_rewritten_spec_is_read_again_by_the_next_mock(
    make_mock: MakeMock, spec_file: Path
) -> None:
    """A spec file changed since (as ``make update-spec`` rewrites the package's copy) is read
    again, not served from the cache of the first mock."""
    path = COPY_PATH.format(clipId="{clip}")
    first = make_mock(clips=5, specs={"endpoints": spec_file})
    assert first.api("POST", path.format(clip=_clip_id(first))).json() == COPY_EXAMPLE
    spec = spec_with_new_operations()
    media = spec["paths"][COPY_PATH]["post"]["responses"]["201"]["content"]["application/json"]
    media["example"] = {"copy_id": "vendored-later"}
    spec_file.write_text(json.dumps(spec), encoding="utf-8")
    second = make_mock(clips=5, specs={"endpoints": spec_file})
    assert second.api("POST", path.format(clip=_clip_id(second))).json() == media["example"]


def test_the_command_line_serves_a_spec_given_with_spec(spec_file: Path) -> None:
    """``--spec endpoints=PATH`` (or a path named endpoints.json) reaches the configuration."""
    named = config_from_args(_parser().parse_args(["--spec", f"endpoints={spec_file}"]))
    bare = config_from_args(_parser().parse_args(["--spec", str(spec_file)]))
    assert named.specs == bare.specs == {"endpoints": spec_file}
    assert config_from_args(_parser().parse_args([])).specs == {}


@pytest.mark.parametrize(
    ("argument", "why"),
    [("other=x.json", "no spec is named 'other'"), ("mystery.json", "say which spec")],
)
def test_the_command_line_refuses_a_spec_it_cannot_name(
    argument: str, why: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unknown spec name, or a file whose name says neither, is a usage error."""
    with pytest.raises(SystemExit):
        _parser().parse_args(["--spec", argument])
    assert why in capsys.readouterr().err


def test_the_command_line_names_a_missing_spec_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--spec`` naming no file ends the command with one line and exit status 2."""
    missing = tmp_path / "endpoints.json"
    assert main(["--port", "0", "--spec", str(missing)]) == 2
    assert capsys.readouterr().err == (
        f"error: specs: the endpoints spec {str(missing)!r} is not a file\n"
    )


def test_a_config_refuses_a_missing_spec_file(tmp_path: Path) -> None:
    """``specs`` naming no file is a ValueError when the configuration is made."""
    with pytest.raises(ValueError, match="is not a file"):
        MockConfig(specs={"endpoints": tmp_path / "absent.json"})


def test_new_operations_are_served_over_http(spec_file: Path) -> None:
    """Served on loopback, the new POST answers its example and an unknown clip 404 code 2000."""
    with serve(
        MockConfig(clips=10, clock=MockClock(NOW), specs={"endpoints": spec_file})
    ) as server:
        token = httpx.post(
            server.token_url,
            auth=(server.client_id, server.client_secret),
            data={"grant_type": "account_credentials", "account_id": server.account_id},
        ).json()["access_token"]
        headers = {"Authorization": f"Bearer {token}"}
        clip_id = server.dataset.clips[0]["clip_id"]
        made = httpx.post(f"{server.base_url}{COPY_PATH.format(clipId=clip_id)}", headers=headers)
        unknown = httpx.post(
            f"{server.base_url}{COPY_PATH.format(clipId='x%2Fy')}", headers=headers
        )
    assert (made.status_code, made.json()) == (201, COPY_EXAMPLE)
    assert (unknown.status_code, unknown.json()["code"]) == (404, 2000)
