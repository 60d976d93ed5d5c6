"""Schemathesis checks and hooks that hold a server to what Zoom documents about listing clips.

Loaded by ``make contract`` (``SCHEMATHESIS_HOOKS=tests.contract.zoom_checks``, from the
repository root) and imported by the pytest contract tests, so both run the same checks. It lives
in ``tests/``, not in the package: it is test code, shipped in the sdist with the tests, and
importable as a module by both runners (a file path would load a second copy under pytest).

Checks (every schemathesis check stays on besides these):

- ``zoom_400_has_a_documented_reason``: a spec-valid request answered 400 must have one of the
  reasons :mod:`tests.contract.zoom_reasons` works out from the request; otherwise it fails.
- ``zoom_clips_carry_the_wire_quirks``: every clip has ``tags`` (a list of strings); no share scope
  is the "fixed" ``SAME_ORGANIZATION`` (the spec and the wire spell ``SAME_ORGANIZATON``); a
  listing's first and only page has ``total_records`` equal to its clips; no page is longer than
  ``page_size``.
- ``zoom_pages_neither_repeat_nor_skip``: a first page with a next page is followed to the end
  (once per query): no clip or token repeats, ``total_records`` stays the same and equals the
  clips listed, and the same query at ``page_size=300`` lists the same clips.
- ``zoom_page_token_is_bound_to_its_query``: a page token sent with another query is refused
  with 400 (once per query).

Hooks: ``map_case`` pins ``accountId`` to the target's account (unpinned: one case in five, and
one in five gets an id a router may choke on, such as one with a newline),
gives most positive cases a valid ``from``/``to`` (at most 27 days, within the year before the
target's clock), a small ``page_size`` half of the time, and often a real ``next_page_token``
fetched from the server under test for the case's own query, so that most positive cases reach
the data. Only components generated as positive are touched; negative ones stay as generated.
"""

from __future__ import annotations

import datetime as dt
import random
import threading
import zlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import schemathesis
from schemathesis.core.parameters import ParameterLocation

from tests.contract.zoom_reasons import QueryKey, query_key, reasons_for_400
from tests.contract.zoom_target import Target, account_path, from_environment

__all__ = [
    "MAX_PAGES",
    "current_target",
    "is_positive",
    "steer",
    "steer_unhooked",
    "use_target",
]

#: Pages followed per listing at most; a longer one is not judged as a whole.
MAX_PAGES = 40
_SEED = 20260207
# Sent as written (schemathesis does not re-quote them, and drops a raw newline): `abc%0Adef` is
# the newline id the review found answered with a plain-text 404.
_ODD_ACCOUNT_IDS = ("abc%0Adef", "a%2Fb", "a/b", "%", "%00", "\u00e9\U0001f600", " ", "a;b")

_target: Target | None = from_environment()
_followed: set[tuple[str, str, QueryKey]] = set()
_lock = threading.Lock()


def current_target() -> Target | None:
    """The server the checks and hooks send their own requests to (None: they stand aside)."""
    return _target


@contextmanager
def use_target(target: Target) -> Iterator[Target]:
    """Point the checks and hooks at ``target`` for the duration (pytest sets one per pass)."""
    global _target  # noqa: PLW0603 -- one target at a time, as one run tests one server
    previous, _target = _target, target
    with _lock:
        _followed.clear()
    try:
        yield target
    finally:
        _target = previous
        target.close()


def _once(kind: str, account_id: str, query: Mapping[str, Any]) -> bool:
    """True the first time a check of ``kind`` sees this query in this run."""
    key = (kind, account_id, query_key(query))
    with _lock:
        if key in _followed:
            return False
        _followed.add(key)
        return True


def _positive(case: schemathesis.Case, location: ParameterLocation | None = None) -> bool:
    meta = case.meta
    if meta is None:  # a case written by hand, not generated: taken to be spec-valid
        return True
    if location is None:
        return bool(meta.generation.mode.is_positive)
    component = meta.components.get(location)
    return component is None or bool(component.mode.is_positive)


def is_positive(case: schemathesis.Case) -> bool:
    """Whether schemathesis generated ``case`` as spec-valid (a hand-written case is)."""
    return _positive(case)


def _listing(case: schemathesis.Case) -> str | None:
    """The path of the listing ``case`` requests (quoted), or None for another operation."""
    if case.operation.path == "/clips":
        return "/clips"
    if case.operation.path == "/accounts/{accountId}/clips":
        return account_path(str((case.path_parameters or {}).get("accountId", "")))
    return None


def _sent_query(case: schemathesis.Case) -> dict[str, Any]:
    return dict(case.query or {})


def _body(response: Any) -> dict[str, Any] | None:
    try:
        body = response.json()
    except ValueError:
        return None
    return body if isinstance(body, dict) else None


# --- checks -------------------------------------------------------------------------------------


@schemathesis.check
def zoom_400_has_a_documented_reason(
    ctx: Any, response: schemathesis.Response, case: schemathesis.Case
) -> bool | None:
    """A spec-valid request answered 400 must break a rule Zoom documents; else the 400 is a bug."""
    target = _target
    listing = _listing(case)
    if target is None or listing is None or response.status_code != 400 or not _positive(case):
        return None
    reasons = reasons_for_400(
        listing, _sent_query(case), todays=target.todays(), ledger=target.ledger
    )
    if not reasons:
        raise AssertionError(
            "Spec-valid query refused with 400, and no reason Zoom documents applies "
            f"(unparsable date, 'to' before 'from', over a month, bad or expired page token): "
            f"{_sent_query(case)!r}"
        )
    return True


@schemathesis.check
def zoom_clips_carry_the_wire_quirks(
    ctx: Any, response: schemathesis.Response, case: schemathesis.Case
) -> bool | None:
    """Clips carry ``tags`` and the spec's ``SAME_ORGANIZATON``; a lone page counts its clips."""
    body = _body(response) if response.status_code == 200 else None
    listing = _listing(case)
    if body is None or (listing is None and case.operation.path != "/clips/{clipId}"):
        return None
    query = _sent_query(case)
    target = _target
    token = body.get("next_page_token")
    if target is not None and listing is not None and isinstance(token, str) and token:
        target.ledger.record(token, listing, query)
    clips = body.get("data") or [] if listing is not None else [body]
    for clip in clips:
        tags = clip.get("tags")
        if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
            raise AssertionError(f"clip {clip.get('clip_id')!r} lacks Zoom's `tags` list: {tags!r}")
        scope = (clip.get("share_link_settings") or {}).get("share_scope")
        if scope == "SAME_ORGANIZATION":
            raise AssertionError(
                f"clip {clip.get('clip_id')!r} spells SAME_ORGANIZATION; the spec and Zoom's wire "
                "spell it SAME_ORGANIZATON"
            )
    page_size = body.get("page_size")
    if isinstance(page_size, int | float) and len(clips) > page_size:
        raise AssertionError(f"{len(clips)} clips on a page of page_size {page_size}")
    first_and_last = not query.get("next_page_token") and not token
    total = body.get("total_records")
    if first_and_last and total is not None and total != len(clips):
        raise AssertionError(f"the only page lists {len(clips)} clips but total_records={total}")
    return True


@schemathesis.check
def zoom_pages_neither_repeat_nor_skip(
    ctx: Any, response: schemathesis.Response, case: schemathesis.Case
) -> bool | None:
    """Following a listing's pages never repeats or skips a clip, and counts what it lists."""
    target = _target
    listing = _listing(case)
    body = _body(response) if response.status_code == 200 else None
    query = _sent_query(case)
    if target is None or listing is None or body is None or query.get("next_page_token"):
        return None
    if not body.get("next_page_token") or not _once("follow", listing, query):
        return None
    ids, complete = _follow(target, listing, query, body)
    if complete and query.get("page_size") != 300 and len(ids) <= 300:
        whole = target.list_at(listing, {**query, "page_size": 300})
        listed = [clip.get("clip_id") for clip in (_body(whole) or {}).get("data") or []]
        if whole.status_code == 200 and listed != ids:
            missing = sorted(set(listed) - set(ids))
            raise AssertionError(
                f"pages of {query!r} list {len(ids)} clips, one page of 300 lists {len(listed)}; "
                f"missing from the pages: {missing[:5]!r}"
            )
    return True


def _follow(
    target: Target, listing: str, query: Mapping[str, Any], first: Mapping[str, Any]
) -> tuple[list[str], bool]:
    """The clip ids of every page of ``query`` from its first page, and whether it ended."""
    ids: list[str] = []
    tokens: set[str] = set()
    total = first.get("total_records")
    body: Mapping[str, Any] = first
    for _ in range(MAX_PAGES):
        for clip in body.get("data") or []:
            clip_id = clip.get("clip_id")
            if clip_id in ids:
                raise AssertionError(f"clip {clip_id!r} is listed twice by the pages of {query!r}")
            ids.append(clip_id)
        if body.get("total_records") != total:
            raise AssertionError(
                f"total_records changed between pages of {query!r}: "
                f"{total!r} then {body.get('total_records')!r}"
            )
        token = body.get("next_page_token")
        if not token:
            if total is not None and total != len(ids):
                raise AssertionError(
                    f"the pages of {query!r} list {len(ids)} clips but total_records={total}"
                )
            return ids, True
        if token in tokens:
            raise AssertionError(f"next_page_token {token!r} repeats in the pages of {query!r}")
        tokens.add(token)
        page = target.list_at(listing, {**query, "next_page_token": token})
        if page.status_code != 200:
            raise AssertionError(
                f"the server's own next_page_token for {query!r} was answered {page.status_code}"
            )
        body = _body(page) or {}
    return ids, False


@schemathesis.check
def zoom_page_token_is_bound_to_its_query(
    ctx: Any, response: schemathesis.Response, case: schemathesis.Case
) -> bool | None:
    """A page token sent with a query other than the one it was issued for is refused with 400."""
    target = _target
    listing = _listing(case)
    body = _body(response) if response.status_code == 200 else None
    query = _sent_query(case)
    token = (body or {}).get("next_page_token")
    if target is None or listing is None or not token or not _once("bound", listing, query):
        return None
    other = "CREATED_DATE" if query.get("date_filter_type") != "CREATED_DATE" else "MODIFIED_DATE"
    altered = {**query, "date_filter_type": other, "next_page_token": token}
    answer = target.list_at(listing, altered)
    if answer.status_code != 400:
        raise AssertionError(
            f"next_page_token of {query!r} was accepted with date_filter_type={other}: "
            f"HTTP {answer.status_code} (Zoom: every page repeats the first page's query)"
        )
    return True


# --- generation ---------------------------------------------------------------------------------


@schemathesis.hook
def map_case(context: Any, case: schemathesis.Case) -> schemathesis.Case:
    """Pin the account, and steer positive queries to valid dates, small pages and real tokens."""
    return steer(case)


def steer_unhooked(case: schemathesis.Case) -> schemathesis.Case:
    """:func:`steer` a case that bypassed ``map_case``: under pytest, the coverage and examples
    phases' cases become explicit examples, which schemathesis does not pass through the hook.
    """
    meta = case.meta
    if meta is not None and meta.phase.name.value in ("coverage", "examples"):
        return steer(case)
    return case


def steer(case: schemathesis.Case) -> schemathesis.Case:
    """Pin the account, and steer positive queries to valid dates, small pages and real tokens."""
    target = _target
    if target is None:
        return case
    listing = _listing(case)
    if listing is None:  # an operation of endpoints.json on one clip or transfer
        return zoom_clips_checks.steer_clip_case(target, case)
    _steer_account(target, case)
    listing = _listing(case) or listing
    if not _positive(case, ParameterLocation.QUERY) or not _positive(case):
        return case
    query = case.query if case.query is not None else {}
    rng = random.Random(  # noqa: S311 -- reproducible test data, not security
        zlib.crc32(f"{_SEED}:{sorted(query.items(), key=str)!r}".encode())
    )
    if rng.random() < 0.85 and all(isinstance(query.get(k, ""), str) for k in ("from", "to")):
        query.update(_window(rng, target.now))
    if rng.random() < 0.5 and isinstance(query.get("page_size", 30), int):
        query["page_size"] = rng.randint(30, 40)
    for name in ("user_id", "search_key"):  # a random owner or title matches no clip: mostly drop
        if isinstance(query.get(name), str) and rng.random() < 0.7:
            del query[name]
    if isinstance(query.get("next_page_token", ""), str):
        if rng.random() < 0.8:  # most generated tokens are noise Zoom would refuse: drop them
            query.pop("next_page_token", None)
        if rng.random() < 0.5:
            token = _real_token(target, listing, query)
            if token:
                query["next_page_token"] = token
    case.query = query
    return case


def _window(rng: random.Random, now: dt.datetime) -> dict[str, str]:
    """A ``from``/``to`` of at most 27 days inside the year before ``now``, in a form Zoom shows."""
    end = now - dt.timedelta(seconds=rng.randint(0, 330 * 86400))
    start = end - dt.timedelta(seconds=rng.randint(0, 27 * 86400))
    form = rng.random()
    if form < 0.7:  # the spec's own yyyy-MM-dd'T'HH:mm:ss'Z'
        return {"from": f"{start:%Y-%m-%dT%H:%M:%SZ}", "to": f"{end:%Y-%m-%dT%H:%M:%SZ}"}
    if form < 0.85:  # the spec's examples: milliseconds and +00:00
        return {
            "from": start.astimezone(dt.UTC).isoformat(timespec="milliseconds"),
            "to": end.astimezone(dt.UTC).isoformat(timespec="milliseconds"),
        }
    return {"from": f"{start:%Y-%m-%d}", "to": f"{end:%Y-%m-%d}"}


def _real_token(target: Target, listing: str, query: Mapping[str, Any]) -> str | None:
    """A next_page_token the server issues for ``query`` (without a token), if it has a page 2."""
    first = target.list_at(listing, {k: v for k, v in query.items() if k != "next_page_token"})
    token = (_body(first) or {}).get("next_page_token") if first.status_code == 200 else None
    return token if isinstance(token, str) and token else None


def _steer_account(target: Target, case: schemathesis.Case) -> None:
    """Pin ``accountId`` (unpinned: one case in five, and one in five gets an odd id)."""
    account = (case.path_parameters or {}).get("accountId")
    # Unpinned, one case in five still lists the target's account, so that pass reaches data too.
    dice = zlib.crc32(
        f"{_SEED}:{account!r}:{sorted((case.query or {}).items(), key=str)!r}".encode()
    )
    if isinstance(account, str) and account and _positive(case, ParameterLocation.PATH):
        if target.pin_account or dice % 5 == 0:
            case.path_parameters["accountId"] = target.account_id
        elif dice % 5 == 1:  # ids a router may choke on (a newline was a plain-text 404)
            case.path_parameters["accountId"] = _ODD_ACCOUNT_IDS[dice // 5 % len(_ODD_ACCOUNT_IDS)]


# The checks and steering of endpoints.json's other operations; imported last, as it reads this
# module's helpers (and registering its checks needs only the import).
from tests.contract import zoom_clips_checks  # noqa: E402
