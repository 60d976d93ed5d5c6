"""``verify`` / ``unwrap`` against Zoom's signature computed independently in the test.

Each failure is a ``WebhookVerificationError`` naming its check, and no message carries the
secret token or the signature that was expected.
"""

from __future__ import annotations

import doctest
import hashlib
import hmac
import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest
import zoom_clips as zc
from zoom_clips import webhooks
from zoom_clips.webhooks import _verify

from .conftest import NOW, SECRET, clock, envelope, zoom_headers

BODY = envelope()


def refused(body: bytes, headers: Any, **kwargs: Any) -> zc.WebhookVerificationError:
    kwargs.setdefault("now", clock)
    with pytest.raises(zc.WebhookVerificationError) as caught:
        webhooks.unwrap(body, headers, kwargs.pop("secret", SECRET), **kwargs)
    error = caught.value
    expected = zoom_headers(body)["x-zm-signature"]
    for text in (str(error), repr(error)):
        assert SECRET not in text
        assert expected not in text
    return error


def test_a_request_zoom_signed_is_unwrapped_into_its_event() -> None:
    """The independent signature verifies, and the clip event comes out typed."""
    event = webhooks.unwrap(BODY, zoom_headers(BODY), SECRET, now=clock)
    assert isinstance(event, webhooks.ClipEvent)
    assert (event.event, event.account_id, event.clip_id) == ("clip.completed", "acct-1", "clip-7")


def test_sign_writes_the_headers_zoom_sends() -> None:
    """``sign`` agrees byte for byte with the recipe computed here."""
    assert webhooks.sign(BODY, SECRET, timestamp=NOW) == zoom_headers(BODY)


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(lambda body: body.replace(b"Quarterly", b"Quarterlz"), id="one byte"),
        pytest.param(lambda body: body + b" ", id="a trailing space"),
        pytest.param(lambda body: body[:-1], id="cut short"),
    ],
)
def test_a_tampered_body_fails_the_signature(tamper: Callable[[bytes], bytes]) -> None:
    """Any change to the signed bytes is a bad signature."""
    assert refused(tamper(BODY), zoom_headers(BODY)).reason == "bad signature"


def test_a_tampered_timestamp_fails_the_signature() -> None:
    """A timestamp moved by one second (still inside the window) no longer matches."""
    headers = zoom_headers(BODY) | {"x-zm-request-timestamp": str(NOW - 1)}
    assert refused(BODY, headers).reason == "bad signature"


def test_another_secret_token_fails_the_signature() -> None:
    """Signed with another app's secret token: refused."""
    headers = zoom_headers(BODY, secret="another-apps-secret")
    assert refused(BODY, headers).reason == "bad signature"


@pytest.mark.parametrize(
    "reserialise",
    [
        pytest.param(json.dumps, id="spaces after separators"),
        pytest.param(lambda doc: json.dumps(doc, indent=2), id="indented"),
        pytest.param(lambda doc: json.dumps(doc, sort_keys=True, separators=(",", ":")), id="keys"),
    ],
)
def test_a_body_reserialised_is_not_what_zoom_signed(reserialise: Callable[[Any], str]) -> None:
    """The same JSON written again (whitespace, key order) fails: the raw bytes are signed."""
    again = reserialise(json.loads(BODY)).encode()
    assert again != BODY
    assert refused(again, zoom_headers(BODY)).reason == "bad signature"


@pytest.mark.parametrize(
    ("now", "reason"),
    [
        (NOW + 301, "stale timestamp"),
        (NOW + 10**6, "stale timestamp"),
        (NOW - 301, "future timestamp"),
    ],
)
def test_a_timestamp_outside_the_window_is_refused(now: int, reason: str) -> None:
    """Five minutes either way by default: a replay days later, or a clock far ahead."""
    assert refused(BODY, zoom_headers(BODY), now=lambda: float(now)).reason == reason


@pytest.mark.parametrize("now", [NOW + 300, NOW - 300])
def test_the_window_edges_are_inside(now: int) -> None:
    """Exactly ``tolerance`` seconds old or ahead still verifies."""
    webhooks.verify(BODY, zoom_headers(BODY), SECRET, now=lambda: float(now))


def test_the_window_is_the_callers() -> None:
    """``tolerance=`` widens or narrows it."""
    headers = zoom_headers(BODY)
    webhooks.verify(BODY, headers, SECRET, tolerance=3600, now=lambda: float(NOW + 3000))
    assert refused(BODY, headers, tolerance=10, now=lambda: float(NOW + 11)).reason == (
        "stale timestamp"
    )


@pytest.mark.parametrize("missing", ["x-zm-signature", "x-zm-request-timestamp"])
def test_a_missing_header_is_named(missing: str) -> None:
    """Without either header nothing is verified, and the error names the header."""
    headers = {k: v for k, v in zoom_headers(BODY).items() if k != missing}
    error = refused(BODY, headers)
    assert error.reason == "missing header"
    assert missing in str(error)


FULLWIDTH_DIGITS = "\uff11\uff12\uff13"  # str.isdigit() holds for them; int() of them too


@pytest.mark.parametrize(
    "stamp", ["", "abc", "-1765000000", "1.765e9", "1765000000.5", FULLWIDTH_DIGITS, "9" * 40]
)
def test_a_timestamp_that_is_not_whole_seconds_is_malformed(stamp: str) -> None:
    """A sign, a fraction, an exponent, non-ASCII digits or 40 digits: malformed, not a crash."""
    headers = zoom_headers(BODY) | {"x-zm-request-timestamp": stamp}
    assert refused(BODY, headers).reason == "malformed timestamp"


@pytest.mark.parametrize(
    "shape",
    [
        pytest.param(lambda h: {k.upper(): v for k, v in h.items()}, id="upper case"),
        pytest.param(lambda h: {k.title(): v for k, v in h.items()}, id="title case"),
        pytest.param(httpx.Headers, id="httpx.Headers"),
        pytest.param(lambda h: [(k.encode(), v.encode()) for k, v in h.items()], id="ASGI pairs"),
        pytest.param(lambda h: list(h.items()), id="str pairs"),
    ],
)
def test_headers_in_any_case_and_shape(shape: Callable[[dict[str, str]], Any]) -> None:
    """A mapping in any case, httpx's headers, or ASGI's byte pairs."""
    event = webhooks.unwrap(BODY, shape(zoom_headers(BODY)), SECRET, now=clock)
    assert event.event == "clip.completed"


def test_a_str_body_is_its_utf8_bytes() -> None:
    """A framework that hands over text: the UTF-8 bytes of it are what is checked."""
    body = envelope(account_id="acct-é", object={"clip_id": "c", "title": "Café ☕"})
    event = webhooks.unwrap(body.decode(), zoom_headers(body), SECRET, now=clock)
    assert isinstance(event, webhooks.ClipEvent)
    assert event.clip is not None
    assert event.clip.title == "Café ☕"


def test_the_signature_is_compared_in_constant_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """The comparison is ``hmac.compare_digest``, never ``==``."""
    calls: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(_verify.hmac, "compare_digest", spy)
    webhooks.verify(BODY, zoom_headers(BODY), SECRET, now=clock)
    assert calls == [(zoom_headers(BODY)["x-zm-signature"].encode(),) * 2]


def test_a_non_ascii_signature_is_a_bad_signature_not_a_crash() -> None:
    """compare_digest refuses non-ASCII text; the header is compared as bytes."""
    headers = zoom_headers(BODY) | {"x-zm-signature": "v0=é" + "0" * 63}
    assert refused(BODY, headers).reason == "bad signature"


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"tolerance": 0}, ValueError),
        ({"tolerance": -5}, ValueError),
        ({"tolerance": float("nan")}, ValueError),
        ({"tolerance": float("inf")}, ValueError),
        ({"tolerance": True}, TypeError),
        ({"tolerance": "300"}, TypeError),
        ({"secret": ""}, ValueError),
    ],
)
def test_invalid_arguments_are_typed_errors(kwargs: dict[str, Any], error: type[Exception]) -> None:
    """A window that is no window, or no secret token: refused before anything is checked."""
    secret = kwargs.pop("secret", SECRET)
    with pytest.raises(error):
        webhooks.verify(BODY, zoom_headers(BODY), secret, now=clock, **kwargs)


def test_a_body_that_is_not_bytes_is_a_type_error() -> None:
    """A parsed dict is not what Zoom signed: a TypeError saying to pass the raw body."""
    with pytest.raises(TypeError, match="raw request body"):
        webhooks.unwrap(json.loads(BODY), zoom_headers(BODY), SECRET, now=clock)  # type: ignore[arg-type]


def test_the_url_validation_answer_is_zooms_recipe() -> None:
    """``encryptedToken`` is the hex HMAC-SHA256 of ``plainToken`` keyed with the secret."""
    answer = webhooks.url_validation_response("qgg8vlvZRS6UYooatFL8Aw", SECRET)
    expected = hmac.new(SECRET.encode(), b"qgg8vlvZRS6UYooatFL8Aw", hashlib.sha256).hexdigest()
    assert answer == {"plainToken": "qgg8vlvZRS6UYooatFL8Aw", "encryptedToken": expected}


def test_the_error_is_part_of_the_one_tree() -> None:
    """``WebhookVerificationError`` is a ``ZoomClipsError``, exported from ``zoom_clips``."""
    assert issubclass(zc.WebhookVerificationError, zc.ZoomClipsError)
    assert "WebhookVerificationError" in zc.__all__


@pytest.mark.parametrize("module", [webhooks, _verify], ids=lambda m: m.__name__)
def test_the_modules_examples_hold(module: Any) -> None:
    """The docstrings' examples (the signature and validation vectors among them) run."""
    flags = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS
    results = doctest.testmod(module, optionflags=flags)
    assert results.attempted > 0
    assert results.failed == 0
