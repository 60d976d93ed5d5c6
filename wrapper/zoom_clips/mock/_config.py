"""The mock's configuration and its clock."""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import attrs

__all__ = [
    "DEFAULT_RETRY_DELAYS",
    "FAULT_KINDS",
    "PLANS",
    "SPEC_NAMES",
    "ZOOM_RETRY_DELAYS",
    "MockClock",
    "MockConfig",
    "check_webhook_url",
]

UTC = dt.UTC

#: Every kind of fault the mock can inject: four gateway statuses, a connection dropped mid-body,
#: and a complete 200 whose JSON is cut short.
FAULT_KINDS = ("500", "502", "503", "504", "drop", "truncate")
#: The vendored specs, by the names ``make update-spec NAME=`` uses (see ``MockConfig.specs``).
SPEC_NAMES = ("master", "endpoints")
#: Zoom's per-account budgets by plan and category (ZOOM-FACTS "The Clips API"): requests per
#: second, and per UTC day where the plan has a daily cap (None: no daily cap).
PLANS: dict[str, dict[str, tuple[int, int | None]]] = {
    "free": {"LIGHT": (4, 6000), "MEDIUM": (2, 2000), "UPLOAD": (20, None)},
    "pro": {"LIGHT": (30, None), "MEDIUM": (20, None), "UPLOAD": (20, None)},
    "business": {"LIGHT": (80, None), "MEDIUM": (60, None), "UPLOAD": (20, None)},
}

#: Zoom's retries of a failed webhook delivery: 5 minutes after the first attempt, 20 after the
#: first retry, 60 after the second (Zoom's developer blog, "Resolving webhook delays").
ZOOM_RETRY_DELAYS = (300.0, 1200.0, 3600.0)
#: The mock's default: as many retries as Zoom, but seconds apart (on the mock's clock), so a
#: test on the wall clock is not held up for an hour and a frozen clock's tokens stay good.
DEFAULT_RETRY_DELAYS = (1.0, 2.0, 4.0)
_LOOPBACK_NAMES = ("localhost",)


class MockClock:
    """The mock's "now": the wall clock, a frozen instant or a running one, plus an offset.

    ``MockClock()`` follows the wall clock; ``MockClock(start)`` stands still at ``start`` (an aware
    datetime) until advanced; ``MockClock.running_from(start)`` starts at ``start`` and then moves
    with the wall clock (what ``python -m zoom_clips.mock --now`` uses, so rate limits refill and
    page tokens expire). ``advance(seconds)`` moves any kind forward, which is how tests expire
    tokens and refill rate limits without waiting. ``sleep`` is how the mock waits (for injected
    latency): a frozen clock just advances, a running one really sleeps.

    >>> clock = MockClock(dt.datetime(2025, 6, 1, tzinfo=dt.UTC))
    >>> clock.advance(90)
    >>> clock.now().isoformat()
    '2025-06-01T00:01:30+00:00'
    """

    def __init__(self, start: dt.datetime | None = None) -> None:
        self._start = _aware(start) if start is not None else None
        self._offset = dt.timedelta()
        self._lock = threading.Lock()
        # Set by running_from: the wall-clock source, and its reading when first read.
        self._monotonic: Callable[[], float] | None = None
        self._origin: float | None = None

    @classmethod
    def running_from(
        cls, start: dt.datetime, *, monotonic: Callable[[], float] = time.monotonic
    ) -> MockClock:
        """A clock that reads exactly ``start`` when first read, then moves with ``monotonic``.

        Reading ``start`` exactly at first keeps a mock's seeded data set (built from the first
        reading) the same on every run. ``monotonic`` is the wall-clock source in seconds,
        injectable so a test can move time without waiting.

        >>> ticks = iter([100.0, 102.5])
        >>> clock = MockClock.running_from(
        ...     dt.datetime(2025, 6, 1, tzinfo=dt.UTC), monotonic=lambda: next(ticks)
        ... )
        >>> clock.now().isoformat(), clock.now().isoformat()
        ('2025-06-01T00:00:00+00:00', '2025-06-01T00:00:02.500000+00:00')
        """
        clock = cls(start)
        clock._monotonic = monotonic
        return clock

    @property
    def frozen(self) -> bool:
        """Whether time stands still between calls to :meth:`advance`."""
        return self._start is not None and self._monotonic is None

    def now(self) -> dt.datetime:
        """The current instant, an aware UTC datetime."""
        if self._start is None:
            base = dt.datetime.now(UTC)
        elif self._monotonic is None:
            base = self._start
        else:
            reading = self._monotonic()
            with self._lock:
                if self._origin is None:
                    self._origin = reading
                elapsed = reading - self._origin
            base = self._start + dt.timedelta(seconds=elapsed)
        with self._lock:
            return base + self._offset

    def advance(self, seconds: float) -> None:
        """Move the clock forward by ``seconds`` (negative values are refused)."""
        if seconds < 0:
            raise ValueError("a clock only moves forward")
        with self._lock:
            self._offset += dt.timedelta(seconds=seconds)

    async def sleep(self, seconds: float) -> None:
        """Wait ``seconds`` of this clock's time: instantly when frozen, for real otherwise."""
        if seconds <= 0:
            return
        if self.frozen:
            self.advance(seconds)
        else:
            await asyncio.sleep(seconds)

    def __repr__(self) -> str:
        if self._start is None:
            return f"MockClock(now={self.now().isoformat()!r}, wall clock)"
        if self.frozen or self._origin is None:  # reading a running clock would start it
            kind = "frozen" if self.frozen else "running, not yet read"
            return f"MockClock(now={(self._start + self._offset).isoformat()!r}, {kind})"
        return f"MockClock(now={self.now().isoformat()!r}, running)"


def check_webhook_url(url: str) -> str:
    """``url`` if the mock may send events to it, else ``ValueError`` saying why.

    An http(s) URL with a host and no credentials; plain http only to loopback (a signed
    event is as good as a credential for five minutes).
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"a webhook URL is http(s)://host[:port]/path, got {url!r}")
    if parts.username is not None or parts.password is not None:
        raise ValueError("a webhook URL must not carry a user name or password")
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        raise ValueError(
            f"a webhook URL over plain http must be on loopback (127.0.0.1, ::1, localhost); "
            f"use https for {parts.hostname!r}"
        )
    return url


def _is_loopback(host: str) -> bool:
    if host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _aware(start: dt.datetime) -> dt.datetime:
    if start.utcoffset() is None:
        raise ValueError("MockClock needs an aware datetime (e.g. tzinfo=datetime.UTC)")
    return start.astimezone(UTC)


def _non_negative(_inst: object, attribute: attrs.Attribute[Any], value: float | None) -> None:
    if value is not None and value < 0:
        raise ValueError(f"{attribute.name} must not be negative, got {value!r}")


def _positive_or_none(_inst: object, attribute: attrs.Attribute[Any], value: float | None) -> None:
    if value is not None and value <= 0:
        raise ValueError(f"{attribute.name} must be positive or None, got {value!r}")


def _rate(_inst: object, attribute: attrs.Attribute[Any], value: float) -> None:
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{attribute.name} must be between 0 and 1, got {value!r}")


def _spec_files(specs: Mapping[str, str | Path]) -> Mapping[str, Path]:
    """``specs`` with known names and paths of existing files (``ValueError`` otherwise)."""
    files: dict[str, Path] = {}
    for name, where in dict(specs).items():
        if name not in SPEC_NAMES:
            raise ValueError(f"specs: no spec is named {name!r}; the names are {SPEC_NAMES}")
        if not Path(where).is_file():
            raise ValueError(f"specs: the {name} spec {str(where)!r} is not a file")
        files[name] = Path(where)
    return files


@attrs.frozen(kw_only=True)
class MockConfig:
    """Everything that shapes one mock: its data, limits, faults and clock.

    Every field has a default, so ``MockConfig()`` is a quiet mock with 3,000 clips, no limits
    and no faults, on the wall clock. ``fault_rate`` is the share of API requests that get a fault
    (spread evenly over the fault kinds in ``faults``); ``latency_ms`` is added to every API
    request, plus up to ``latency_jitter_ms`` more. ``clock=None`` means the wall clock.

    Rate limits count per account and per category (LIGHT, MEDIUM), each category its own
    budget: ``plan`` (``"free"``, ``"pro"``, ``"business"``) sets every category's budget as
    Zoom's plans do; ``qps``/``daily_limit``, when set, are every category's budget instead
    (so ``qps=2`` gives the listing 2/s and the transfers another 2/s). A transfer task takes
    ``transfer_seconds`` of the mock's clock to complete; with ``fail_transfers`` every task
    ends ``FAILED`` and moves nothing.

    The upload operations (category UPLOAD, 20/s in every plan) also count per user and UTC
    day when ``upload_daily_limit`` is set (Zoom's is 50). ``file_ranges=False`` makes the file
    host ignore ``Range`` (a 200 with the whole file, ``Accept-Ranges: none``).

    Webhooks: with ``webhook_url`` and ``webhook_secret_token`` (the app's secret token, in no
    repr), the mock validates the URL as Zoom does and then sends it signed ``clip.started`` and
    ``clip.completed`` events, retrying a failed delivery after each of ``webhook_retry_delays``
    (seconds of the mock's clock; Zoom's own are ``ZOOM_RETRY_DELAYS``). See
    ``_webhooks``; ``MockServer.subscribe_webhooks`` subscribes a URL while the mock runs.

    ``specs`` maps a spec's name (``"master"``, ``"endpoints"``) to a file to serve instead of
    the generated package's copy: every operation the stateful routes do not model is answered
    from the spec (see ``_routes_spec``), so ``MockConfig(specs={"endpoints": path})`` serves
    operations the project has never seen. The files are read at the first API request.
    """

    seed: int = 0
    clips: int = attrs.field(default=3000, validator=_non_negative)
    qps: int | None = attrs.field(default=None, validator=_positive_or_none)
    daily_limit: int | None = attrs.field(default=None, validator=_positive_or_none)
    fault_rate: float = attrs.field(default=0.0, validator=_rate)
    faults: tuple[str, ...] = attrs.field(default=FAULT_KINDS, converter=tuple)
    latency_ms: float = attrs.field(default=0.0, validator=_non_negative)
    latency_jitter_ms: float = attrs.field(default=0.0, validator=_non_negative)
    token_ttl: int = attrs.field(default=3600, validator=_positive_or_none)
    invalidate_previous_tokens: bool = False
    fix_share_scope_spelling: bool = False
    clock: MockClock | None = attrs.field(default=None, eq=False)
    qps_retry_after_rate: float = attrs.field(default=0.5, validator=_rate)
    plan: str | None = attrs.field(default=None)
    transfer_seconds: float = attrs.field(default=5.0, validator=_non_negative)
    fail_transfers: bool = False
    upload_daily_limit: int | None = attrs.field(default=None, validator=_positive_or_none)
    file_ranges: bool = True
    specs: Mapping[str, Path] = attrs.field(factory=dict, converter=_spec_files, hash=False)
    webhook_url: str | None = attrs.field(default=None)
    webhook_secret_token: str | None = attrs.field(default=None, repr=False)
    webhook_retry_delays: tuple[float, ...] = attrs.field(
        default=DEFAULT_RETRY_DELAYS, converter=tuple
    )

    @webhook_url.validator
    def _webhook_target(self, _attribute: attrs.Attribute[str | None], value: str | None) -> None:
        if value is not None:
            check_webhook_url(value)
        if (value is None) != (self.webhook_secret_token is None):
            raise ValueError(
                "webhook_url and webhook_secret_token go together: the mock signs every event "
                "with the secret token and sends it to the URL"
            )
        if self.webhook_secret_token == "":
            raise ValueError("webhook_secret_token must not be empty")

    @webhook_retry_delays.validator
    def _delays(
        self, _attribute: attrs.Attribute[tuple[float, ...]], value: tuple[float, ...]
    ) -> None:
        if len(value) > 10 or any(
            isinstance(delay, bool) or not isinstance(delay, int | float) or delay < 0
            for delay in value
        ):
            raise ValueError(
                "webhook_retry_delays must be at most 10 non-negative numbers of seconds, "
                f"got {value!r}"
            )

    @plan.validator
    def _known_plan(self, _attribute: attrs.Attribute[str | None], value: str | None) -> None:
        if value is not None and value not in PLANS:
            raise ValueError(f"plan must be one of {sorted(PLANS)} or None, got {value!r}")

    def budget(self, category: str) -> tuple[int | None, int | None]:
        """(requests per second, requests per UTC day) for one category; None: unlimited."""
        qps, daily = PLANS[self.plan].get(category, (None, None)) if self.plan else (None, None)
        if self.qps is not None or self.daily_limit is not None:
            qps, daily = self.qps, self.daily_limit
        return qps, daily

    @faults.validator
    def _known_faults(
        self, _attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]
    ) -> None:
        unknown = sorted(set(value) - set(FAULT_KINDS))
        if unknown or not value:
            raise ValueError(f"faults must be a non-empty subset of {FAULT_KINDS}, got {value!r}")
