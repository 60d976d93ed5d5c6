"""Schemathesis checks and steering for endpoints.json's operations on one clip or transfer.

Imported by :mod:`tests.contract.zoom_checks` (so ``SCHEMATHESIS_HOOKS=tests.contract.zoom_checks``
loads both); the two listings (``/accounts/{accountId}/clips``, ``/clips``) are that module's.

Checks (what the spec does not state, from its error texts and ZOOM-FACTS):

- ``zoom_errors_carry_zooms_body``: every 4xx of every operation is a JSON object with an integer
  ``code`` and a string ``message`` (the spec declares error responses without a schema).
- ``zoom_400_code_is_documented``: a 400 on a clip or transfer operation carries one of the codes
  the operation's description lists; for a spec-valid request, also one the request can explain
  (10004 only above 50 clip ids, 10001 only with a field missing that the prose requires, a
  listing's 300 only for a page token or a page size that is not an integer).
- ``zoom_delete_is_soft``: after ``DELETE /clips/{clipId}`` answers 204, ``GET`` of that clip is
  200 with status ``RECORD_DELETE`` (soft delete: not a 404).
- ``zoom_transfer_task_is_reported``: after ``POST /clips/transfers`` answers 201, its task's
  status names the request's transfer type, users and clips.
- ``zoom_social_pages_neither_repeat_nor_skip``: a collaborators or comments listing with a next
  page is followed to its end (once per clip and page size): no item repeats, no page is longer
  than its ``page_size``, and the pages list what pages of the largest size list.

Steering (``map_case`` in :mod:`tests.contract.zoom_checks` calls :func:`steer_clip_case`): for
positive cases, ``clipId`` is usually a clip the server lists (sampled once from ``GET /clips``),
``commentId`` a comment of it, ``taskId`` a task a check saw started, page sizes small, real page
tokens sometimes, and a transfer body usually names two users and clips from the sample. A step
of the stateful phase keeps the path parameters its link gave it.
"""

from __future__ import annotations

import datetime as dt
import random
import zlib
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

import schemathesis
from schemathesis.core.parameters import ParameterLocation

from tests.contract import zoom_checks, zoom_files_steering
from tests.contract.endpoints_schema import UPLOAD_PATHS
from tests.contract.zoom_target import Target

__all__ = ["CODES_400", "steer_clip_case"]

_SEED = 20260207
#: The 400 codes each operation's description lists (endpoints.json's error texts).
CODES_400: dict[tuple[str, str], frozenset[int]] = {
    ("POST", "/clips/transfers"): frozenset({1007, 10001, 10002, 10003, 10004, 20002, 30001}),
    ("DELETE", "/clips/{clipId}/collaborators"): frozenset({1500}),
    ("GET", "/clips/{clipId}/comments"): frozenset({300}),
    # The spec declares no 400 here; Zoom's listings answer a bad page request with 300.
    ("GET", "/clips/{clipId}/collaborators"): frozenset({300}),
    ("GET", "/clips/transfers/{taskId}"): frozenset({10001}),
    ("GET", "/clips/{clipId}/download"): frozenset({50002, 50003}),
    # The uploads declare no 400; Zoom's validation error is 300 (zoom_files_checks judges it).
    **{("POST", path): frozenset({300}) for path in UPLOAD_PATHS},
}
_SOCIAL = {"/clips/{clipId}/collaborators": 300, "/clips/{clipId}/comments": 50}
_MAX_PARTIAL = 50


def _key(case: schemathesis.Case) -> tuple[str, str]:
    return case.method.upper(), case.operation.path


def _path(case: schemathesis.Case) -> str:
    """The case's path with its parameters filled in, quoted as the client sends them."""
    path = case.operation.path
    for name, value in (case.path_parameters or {}).items():
        path = path.replace(f"{{{name}}}", quote(str(value), safe=""))
    return path


def _json(response: Any) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


# --- what the server has: sampled once per target --------------------------------------------


def _sample(target: Target) -> list[dict[str, Any]]:
    """Clips of ``GET /clips`` over the four weeks before the target's clock (cached)."""
    if "clips" not in target.memo:
        start = target.now - dt.timedelta(days=27)
        query = {"from": f"{start:%Y-%m-%dT%H:%M:%SZ}", "to": f"{target.now:%Y-%m-%dT%H:%M:%SZ}"}
        response = target.call("GET", "/clips", params=query | {"page_size": 300})
        body = _json(response) if response.status_code == 200 else None
        target.memo["clips"] = [c for c in (body or {}).get("data") or [] if c.get("clip_id")]
    clips: list[dict[str, Any]] = target.memo["clips"]
    return clips


def _first_items(target: Target, clip_id: str, kind: str) -> list[dict[str, Any]]:
    """The first page of a clip's collaborators or comments (cached per clip)."""
    memo: dict[tuple[str, str], list[dict[str, Any]]] = target.memo.setdefault("items", {})
    if (clip_id, kind) not in memo:
        response = target.call("GET", f"/clips/{quote(clip_id, safe='')}/{kind}")
        body = _json(response) if response.status_code == 200 else None
        memo[clip_id, kind] = list((body or {}).get("data") or [])
    return memo[clip_id, kind]


def _seen(target: Target) -> set[str]:
    """Every clip, comment and task id the server has answered with (see ``after_call``)."""
    seen: set[str] = target.memo.setdefault("seen", set())
    return seen


def _remember(seen: set[str], body: Any) -> None:
    if isinstance(body, list):
        for item in body:
            _remember(seen, item)
    elif isinstance(body, dict):
        for name in ("clip_id", "comment_id", "task_id"):
            if isinstance(body.get(name), str):
                seen.add(body[name])
        _remember(seen, body.get("data"))
        _remember(seen, body.get("children_comments"))


@schemathesis.hook
def after_call(context: Any, case: schemathesis.Case, response: schemathesis.Response) -> None:
    """Remember the ids the server answers with, so a stateful step keeps its link's ids."""
    target = zoom_checks.current_target()
    if target is not None and response.status_code in (200, 201):
        _remember(_seen(target), _json(response))
        zoom_files_steering.remember_upload(target, case, response)


def _tasks(target: Target) -> list[str]:
    tasks: list[str] = target.memo.setdefault("tasks", [])
    return tasks


# --- steering --------------------------------------------------------------------------------


def steer_clip_case(target: Target, case: schemathesis.Case) -> schemathesis.Case:
    """Steer a positive case of a clip or transfer operation to data the server has."""
    if case.operation.path in UPLOAD_PATHS:
        return zoom_files_steering.steer_upload_case(target, case)
    rng = random.Random(  # noqa: S311 -- reproducible test data, not security
        zlib.crc32(
            f"{_SEED}:{_key(case)}:{case.path_parameters!r}:{case.query!r}:{case.body!r}".encode()
        )
    )
    stateful = case.meta is not None and case.meta.phase.name.value == "stateful"
    if case.path_parameters and _positive(case, ParameterLocation.PATH):
        _steer_path(target, case, rng, keep=_seen(target) if stateful else set())
    if case.query is not None and _positive(case, ParameterLocation.QUERY):
        _steer_query(target, case, rng)
    transfer = _key(case) == ("POST", "/clips/transfers")
    body_steered = transfer and _positive(case, ParameterLocation.BODY)
    if body_steered and isinstance(case.body, dict) and (stateful or rng.random() < 0.7):
        case.body = _transfer_body(target, rng) or case.body
    return case


def _positive(case: schemathesis.Case, location: ParameterLocation) -> bool:
    meta = case.meta
    if meta is None:
        return True
    component = meta.components.get(location)
    return bool(meta.generation.mode.is_positive) and (
        component is None or bool(component.mode.is_positive)
    )


def _steer_path(
    target: Target, case: schemathesis.Case, rng: random.Random, keep: set[str]
) -> None:
    """Real ids for the path, but ``keep`` ids (a stateful step's, from its link) as they are."""
    params = case.path_parameters or {}

    def replace(name: str, chance: float) -> bool:
        return name in params and str(params[name]) not in keep and rng.random() < chance

    clips = _sample(target)
    if clips and replace("clipId", 0.85):
        params["clipId"] = rng.choice(clips)["clip_id"]
    if replace("commentId", 0.7):
        comments = _first_items(target, str(params.get("clipId", "")), "comments")
        if comments:
            params["commentId"] = rng.choice(comments)["comment_id"]
    if _tasks(target) and replace("taskId", 0.7):
        params["taskId"] = rng.choice(_tasks(target))


def _steer_query(target: Target, case: schemathesis.Case, rng: random.Random) -> None:
    query = case.query if case.query is not None else {}
    path = case.operation.path
    if path in _SOCIAL:
        if isinstance(query.get("next_page_token", ""), str) and rng.random() < 0.8:
            query.pop("next_page_token", None)
        size = query.get("page_size")
        if isinstance(size, int) and rng.random() < 0.6:
            query["page_size"] = rng.randint(1, 5)
        elif isinstance(size, str) and rng.random() < 0.6:
            query["page_size"] = str(rng.randint(1, 5))
    if _key(case) == ("DELETE", "/clips/{clipId}/collaborators") and rng.random() < 0.5:
        clip_id = str((case.path_parameters or {}).get("clipId", ""))
        viewers = [
            c for c in _first_items(target, clip_id, "collaborators") if c.get("role") != "OWNER"
        ]
        if viewers:
            viewer = rng.choice(viewers)
            query.pop("channel_id", None)
            query.pop("user_key", None)
            if viewer.get("channel_id"):
                query["channel_id"] = viewer["channel_id"]
            else:
                query["user_key"] = viewer.get("user_id") or viewer.get("email")
    case.query = query


def _transfer_body(target: Target, rng: random.Random) -> dict[str, Any] | None:
    """A transfer the sample makes plausible: a user's clips to another user of the sample."""
    clips = _sample(target)
    owners = sorted({str(c["owner_id"]) for c in clips if c.get("owner_id")})
    if len(owners) < 2:
        return None
    source, receiver = rng.sample(owners, 2)
    if rng.random() < 0.4:  # needs only two users: never refused for clips that moved since
        return {
            "transfer_type": "FULL_TRANSFER",
            "source_owner_user_id": source,
            "target_owner_user_id": receiver,
        }
    theirs = [str(c["clip_id"]) for c in clips if c.get("owner_id") == source]
    return {
        "transfer_type": "PARTIAL_TRANSFER",
        "source_owner_user_id": source,
        "target_owner_user_id": receiver,
        "clip_id_list": rng.sample(theirs, min(len(theirs), rng.randint(1, 3))),
    }


# --- checks ----------------------------------------------------------------------------------


@schemathesis.check
def zoom_errors_carry_zooms_body(
    ctx: Any, response: schemathesis.Response, case: schemathesis.Case
) -> bool | None:
    """Every 4xx is Zoom's JSON ``{"code": <int>, "message": <str>}``, whatever the operation."""
    if not 400 <= response.status_code < 500:
        return None
    body = _json(response)
    if not (
        isinstance(body, dict)
        and isinstance(body.get("code"), int)
        and isinstance(body.get("message"), str)
    ):
        raise AssertionError(  # noqa: TRY004 -- a failed check is an AssertionError
            f"HTTP {response.status_code} without Zoom's {{code, message}} JSON body: "
            f"{response.text[:120]!r}"
        )
    return True


@schemathesis.check
def zoom_400_code_is_documented(
    ctx: Any, response: schemathesis.Response, case: schemathesis.Case
) -> bool | None:
    """A 400 carries a code the operation documents, and one the request can explain."""
    codes = CODES_400.get(_key(case))
    if response.status_code != 400 or codes is None:
        return None
    code = (_json(response) or {}).get("code") if isinstance(_json(response), dict) else None
    if code not in codes:
        raise AssertionError(
            f"{_key(case)} answered 400 code {code!r}; the spec documents {sorted(codes)}"
        )
    if not zoom_checks.is_positive(case):
        return True
    why = _unexplained(case, int(code))
    if why:
        raise AssertionError(f"spec-valid request refused with 400 code {code}: {why}")
    return True


def _unexplained(case: schemathesis.Case, code: int) -> str:
    """Why the request cannot explain a 400 with ``code`` ("" when it can)."""
    body = case.body if isinstance(case.body, dict) else {}
    if _key(case) == ("POST", "/clips/transfers"):
        listed = body.get("clip_id_list")
        partial = body.get("transfer_type") == "PARTIAL_TRANSFER"
        if code == 10004 and not (
            partial and isinstance(listed, list) and len(listed) > _MAX_PARTIAL
        ):
            return f"10004 for {len(listed) if isinstance(listed, list) else 'no'} clip ids"
        missing = not body.get("transfer_type") or not body.get("target_owner_user_id")
        missing = missing or (partial and (not body.get("source_owner_user_id") or not listed))
        if code == 10001 and not missing:
            return "10001 (missing field) though every field the prose requires is there"
        return ""
    if case.operation.path in _SOCIAL and case.method.upper() == "GET":
        query = case.query or {}
        size = query.get("page_size")
        bad_size = size is not None and not str(size).strip().lstrip("+-").isdigit()
        if not query.get("next_page_token") and not bad_size:
            return f"no page token and an integer page size: {dict(query)!r}"
    if _key(case) == ("GET", "/clips/transfers/{taskId}"):
        return "the task id is in the path"
    return ""


@schemathesis.check
def zoom_delete_is_soft(
    ctx: Any, response: schemathesis.Response, case: schemathesis.Case
) -> bool | None:
    """After a 204 delete, the clip is still there, as ``RECORD_DELETE`` (a soft delete)."""
    target = zoom_checks.current_target()
    if target is None or _key(case) != ("DELETE", "/clips/{clipId}") or response.status_code != 204:
        return None
    after = target.call("GET", _path(case))
    status = (_json(after) or {}).get("status") if after.status_code == 200 else None
    if status != "RECORD_DELETE":
        raise AssertionError(
            f"after DELETE {_path(case)} (204), GET answered HTTP {after.status_code} with status "
            f"{status!r}; Zoom's delete is soft: RECORD_DELETE"
        )
    return True


@schemathesis.check
def zoom_transfer_task_is_reported(
    ctx: Any, response: schemathesis.Response, case: schemathesis.Case
) -> bool | None:
    """A 201 transfer's task reports the request's transfer type, users and clips."""
    target = zoom_checks.current_target()
    if target is None or _key(case) != ("POST", "/clips/transfers") or response.status_code != 201:
        return None
    task_id = (_json(response) or {}).get("task_id")
    _tasks(target).append(str(task_id))
    status = target.call("GET", f"/clips/transfers/{quote(str(task_id), safe='')}")
    body = _json(status) if status.status_code == 200 else None
    if not isinstance(body, dict):
        message = f"task {task_id!r} of a 201 transfer: HTTP {status.status_code}"
        raise AssertionError(message)  # noqa: TRY004 -- a failed check is an AssertionError
    sent = case.body if isinstance(case.body, dict) else {}
    expected = {k: sent.get(k) for k in ("transfer_type", "target_owner_user_id")}
    if sent.get("source_owner_user_id"):
        expected["source_owner_user_id"] = sent["source_owner_user_id"]
    wrong = {k: body.get(k) for k, v in expected.items() if body.get(k) != v}
    listed = set(sent.get("clip_id_list") or [])
    if (
        sent.get("transfer_type") == "PARTIAL_TRANSFER"
        and set(body.get("clip_id_list") or []) != listed
    ):
        wrong["clip_id_list"] = body.get("clip_id_list")
    if wrong:
        raise AssertionError(f"task {task_id!r} reports {wrong!r} for the transfer {sent!r}")
    return True


def _item_key(item: Mapping[str, Any]) -> tuple[Any, ...]:
    if "comment_id" in item:
        return (item["comment_id"],)
    return tuple(item.get(k) for k in ("type", "role", "user_id", "email", "channel_id"))


@schemathesis.check
def zoom_social_pages_neither_repeat_nor_skip(
    ctx: Any, response: schemathesis.Response, case: schemathesis.Case
) -> bool | None:
    """A collaborators or comments listing's pages repeat nothing and skip nothing."""
    target = zoom_checks.current_target()
    largest = _SOCIAL.get(case.operation.path)
    body = _json(response) if response.status_code == 200 else None
    query = dict(case.query or {})
    if target is None or largest is None or not isinstance(body, dict) or case.method != "GET":
        return None
    if query.get("next_page_token") or not body.get("next_page_token"):
        return None
    done: set[tuple[str, str]] = target.memo.setdefault("followed", set())
    if (_path(case), repr(sorted(query.items()))) in done:
        return None
    done.add((_path(case), repr(sorted(query.items()))))
    paged, complete = _follow(target, _path(case), query, body)
    whole, _ = _follow(target, _path(case), {**query, "page_size": largest}, None)
    if complete and paged != whole:
        missing = [k for k in whole if k not in paged]
        raise AssertionError(
            f"pages of {_path(case)} {query!r} list {len(paged)} items, pages of {largest} list "
            f"{len(whole)}; missing: {missing[:3]!r}"
        )
    return True


def _follow(
    target: Target, path: str, query: Mapping[str, Any], first: Mapping[str, Any] | None
) -> tuple[list[tuple[Any, ...]], bool]:
    """The item keys of every page from the first, and whether the pages ended."""
    keys: list[tuple[Any, ...]] = []
    body: Mapping[str, Any] | None = first
    for _ in range(zoom_checks.MAX_PAGES):
        if body is None:
            answer = target.call("GET", path, params=query)
            body = _json(answer) if answer.status_code == 200 else None
            if not isinstance(body, dict):
                raise AssertionError(f"{path} {dict(query)!r}: HTTP {answer.status_code}")
        items = body.get("data") or []
        size = body.get("page_size")
        if isinstance(size, int | float) and len(items) > size:
            raise AssertionError(f"{len(items)} items on a page of page_size {size} of {path}")
        for item in items:
            if _item_key(item) in keys:
                raise AssertionError(f"{_item_key(item)!r} is listed twice by the pages of {path}")
            keys.append(_item_key(item))
        token = body.get("next_page_token")
        if not token:
            return keys, True
        query = {**query, "next_page_token": token}
        body = None
    return keys, False
