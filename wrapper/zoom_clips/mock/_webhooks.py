"""Webhooks: the mock validates a subscriber's URL as Zoom does, then sends it signed clip events.

A subscription is a URL and the app's secret token (``MockConfig(webhook_url=...,
webhook_secret_token=...)``, or :meth:`WebhookSender.subscribe`). Before any event, the URL is
validated as Zoom validates an endpoint (ZOOM-FACTS "Learned since", "Webhooks"; and again
before the first event 72 hours of the mock's clock after the last validation): a signed POST
of ``{"event": "endpoint.url_validation", "event_ts": ms, "payload": {"plainToken": p}}``, ``p``
drawn from a generator seeded from the mock's seed, which must be answered 200 within 3 seconds
with ``{"plainToken": p, "encryptedToken": hex(HMAC-SHA256(secret, p))}``. Any other answer
refuses the subscription (:class:`WebhookSubscriptionError`, or a warning on the
``zoom_clips.mock`` logger for a configured URL) and no event is sent to it.

Events are delivered one at a time, in the order they happened, by a background thread (the
API's answer never waits for them). Each attempt is signed afresh with
``zoom_clips.webhooks.sign`` (the timestamp read from the mock's clock, so a late retry still
passes a receiver's timestamp window). An attempt fails on a status other than 2xx, a transport
error, or no answer within Zoom's 3 seconds; a failed delivery is tried again after each of
``retry_delays`` in turn (waited on the mock's clock: a frozen clock just moves forward), then
given up and recorded as failed. Zoom's documented schedule is three retries, 5, 20 and 60
minutes apart (``ZOOM_RETRY_DELAYS``; Zoom's developer blog, "Resolving webhook delays"); the
default is three retries 1, 2 and 4 seconds apart, so a test on the wall clock is not held up
for an hour and a frozen clock's tokens do not expire under it.

:attr:`WebhookSender.deliveries` records every event (its attempts and outcome);
:meth:`WebhookSender.flush` waits until none is pending. The secret token is in no repr, log
line or error message.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime as dt
import json
import logging
import random
import threading
from collections.abc import Mapping
from typing import Any

import attrs
import httpx

from zoom_clips.mock._config import (
    DEFAULT_RETRY_DELAYS,
    ZOOM_RETRY_DELAYS,
    MockClock,
    check_webhook_url,
)
from zoom_clips.mock._seed import random_id
from zoom_clips.mock._webhook_records import (
    WebhookAttempt,
    WebhookDelivery,
    WebhookSubscriptionError,
    validation_refusal,
)
from zoom_clips.webhooks import URL_VALIDATION, sign

__all__ = [
    "DEFAULT_RETRY_DELAYS",
    "DELIVERY_TIMEOUT",
    "REVALIDATE_AFTER",
    "ZOOM_RETRY_DELAYS",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookSender",
    "WebhookSubscriptionError",
    "check_webhook_url",
]

_LOG = logging.getLogger("zoom_clips.mock")

#: How long Zoom waits for an answer to an event or a URL validation (seconds).
DELIVERY_TIMEOUT = 3.0
#: Zoom validates an endpoint's URL again every 72 hours (ZOOM-FACTS "Webhooks").
REVALIDATE_AFTER = dt.timedelta(hours=72)
_USER_AGENT = "Zoom Marketplace/1.0a (zoom-clips mock)"


class _Subscription:
    """A URL, its secret token and whether the URL passed validation (``None``: not yet)."""

    def __init__(self, url: str, secret: str) -> None:
        self.url = url
        self.secret = secret
        self.refusal: str | None = None
        self.validated: bool | None = None
        self.validated_at: dt.datetime | None = None

    def __repr__(self) -> str:  # never the secret
        return f"_Subscription(url={self.url!r}, validated={self.validated!r})"


@attrs.define
class _Outgoing:
    """An event waiting for (or in) delivery: its body, its subscription, and its record so far
    (changed only under the sender's lock)."""

    subscription: _Subscription
    body: bytes
    record: WebhookDelivery


class WebhookSender:
    """The webhook side of one mock: its subscription, its delivery worker and its records.

    ``MockState.webhooks`` (``MockServer.webhooks``); thread-safe. The worker (a thread running
    an event loop) starts at the first validation or event and stops at :meth:`close`.
    """

    def __init__(
        self,
        *,
        seed: int,
        clock: MockClock,
        retry_delays: tuple[float, ...] = DEFAULT_RETRY_DELAYS,
        timeout: float = DELIVERY_TIMEOUT,
    ) -> None:
        self._rng = random.Random(f"zoom-clips-mock-webhooks:{seed}")  # noqa: S311 -- a plainToken, not a key
        self._clock = clock
        self._retry_delays = tuple(retry_delays)
        self._timeout = timeout
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)
        self._subscription: _Subscription | None = None
        self._records: list[_Outgoing] = []
        self._outstanding = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._queue: asyncio.Queue[_Outgoing] | None = None
        self._stop: asyncio.Event | None = None
        self._thread: threading.Thread | None = None

    def __repr__(self) -> str:
        with self._lock:
            subscription, count = self._subscription, len(self._records)
        url = subscription.url if subscription else None
        return f"WebhookSender(url={url!r}, deliveries={count})"

    # --- the subscription -----------------------------------------------------------------------

    def configure(self, url: str, secret: str) -> None:
        """Subscribe ``url`` without validating it yet: the worker validates it before the first
        event (``serve()`` calls :meth:`validate` at start-up)."""
        subscription = _Subscription(check_webhook_url(url), _secret(secret))
        with self._lock:
            self._subscription = subscription

    def subscribe(self, url: str, secret: str) -> None:
        """Validate ``url`` as Zoom does and, if it passes, send the events to it from now on.

        Returns once the URL answered (at most Zoom's 3 seconds); raises
        :class:`WebhookSubscriptionError` saying why if it did not pass, keeping the previous
        subscription, if any. ``ValueError`` for a URL the mock may not send to or an empty
        secret.
        """
        subscription = _Subscription(check_webhook_url(url), _secret(secret))
        self._validate_now(subscription)
        if subscription.refusal is not None:
            raise WebhookSubscriptionError(
                f"webhook URL {url} refused: {subscription.refusal}; no events are sent to it"
            )
        with self._lock:
            self._subscription = subscription

    def validate(self) -> bool:
        """Validate the configured URL now if not done yet; whether it passed (no URL: False)."""
        with self._lock:
            subscription = self._subscription
        if subscription is None:
            return False
        if subscription.validated is None:
            self._validate_now(subscription)
        return bool(subscription.validated)

    def unsubscribe(self) -> None:
        """Send no more events (those already queued are still delivered)."""
        with self._lock:
            self._subscription = None

    @property
    def url(self) -> str | None:
        """The subscribed URL, or None."""
        with self._lock:
            return self._subscription.url if self._subscription else None

    @property
    def refusal(self) -> str | None:
        """Why the subscribed URL was refused at validation, or None."""
        with self._lock:
            return self._subscription.refusal if self._subscription else None

    @property
    def active(self) -> bool:
        """Whether events are sent: a URL is subscribed and not refused."""
        with self._lock:
            return self._subscription is not None and self._subscription.validated is not False

    # --- events ---------------------------------------------------------------------------------

    def send(self, event: str, account_id: str, clip: Mapping[str, Any]) -> None:
        """Queue ``event`` about ``clip`` (its wire form) for delivery; returns at once.

        Nothing is queued without an active subscription. The envelope's ``event_ts`` is now on
        the mock's clock.
        """
        loop, queue = self._worker()
        clip_id = clip.get("clip_id")
        # Stamped, recorded and queued under one lock: the queue's order is the events' order.
        with self._lock:
            subscription = self._subscription
            if subscription is None or subscription.validated is False:
                return
            envelope = {
                "event": event,
                "event_ts": _millis(self._clock.now()),
                "payload": {"account_id": account_id, "object": dict(clip)},
            }
            body = json.dumps(envelope, separators=(",", ":")).encode()
            record = WebhookDelivery(
                event, None if clip_id is None else str(clip_id), subscription.url, (), "pending"
            )
            outgoing = _Outgoing(subscription, body, record)
            self._records.append(outgoing)
            self._outstanding += 1
            loop.call_soon_threadsafe(queue.put_nowait, outgoing)

    @property
    def deliveries(self) -> list[WebhookDelivery]:
        """Every event sent since the start (or ``reset()``), oldest first (a copy)."""
        with self._lock:
            return [outgoing.record for outgoing in self._records]

    def flush(self, timeout: float | None = 10.0) -> None:
        """Wait until every queued event is delivered or given up (``TimeoutError`` after
        ``timeout`` real seconds; retries wait on the mock's clock, so a frozen one never
        makes this wait for them)."""
        with self._idle:
            if not self._idle.wait_for(lambda: self._outstanding == 0, timeout):
                pending = [o.record.event for o in self._records if o.record.outcome == "pending"]
                raise TimeoutError(
                    f"webhook deliveries still pending after {timeout} s: {', '.join(pending)}"
                )

    def forget(self) -> None:
        """Forget the delivery records (``reset()``); the subscription stays."""
        with self._lock:
            self._records = [o for o in self._records if o.record.outcome == "pending"]

    def to_json(self) -> dict[str, Any]:
        """The subscription (never its secret) and the deliveries, as ``GET /_mock/webhooks``."""
        with self._lock:
            subscription = self._subscription
            records = [outgoing.record for outgoing in self._records]
        return {
            "url": subscription.url if subscription else None,
            "validated": subscription.validated if subscription else None,
            "refusal": subscription.refusal if subscription else None,
            "deliveries": [record.to_json() for record in records],
        }

    def close(self) -> None:
        """Stop the worker (an event still being delivered is abandoned) and wake any flush."""
        with self._lock:
            loop, stop, thread = self._loop, self._stop, self._thread
            self._loop = self._queue = self._stop = self._thread = None
        if loop is not None and stop is not None and thread is not None:
            loop.call_soon_threadsafe(stop.set)
            thread.join(timeout=DELIVERY_TIMEOUT + 2)
        with self._idle:
            self._outstanding = 0
            self._idle.notify_all()

    # --- the worker -----------------------------------------------------------------------------

    def _worker(self) -> tuple[asyncio.AbstractEventLoop, asyncio.Queue[_Outgoing]]:
        """The worker's loop and queue, starting it if need be."""
        with self._lock:
            if self._loop is not None and self._queue is not None:
                return self._loop, self._queue
            ready = threading.Event()
            loop = asyncio.new_event_loop()
            thread = threading.Thread(
                target=self._run, args=(loop, ready), name="zoom-clips-mock-webhooks", daemon=True
            )
            thread.start()
            ready.wait()
            assert self._queue is not None  # noqa: S101 -- _run sets it before ready
            self._loop, self._thread = loop, thread
            return loop, self._queue

    def _run(self, loop: asyncio.AbstractEventLoop, ready: threading.Event) -> None:
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(self._serve(ready))
        finally:
            loop.close()

    async def _serve(self, ready: threading.Event) -> None:
        # Called with self._lock held by _worker (it waits for ready): set, don't lock.
        queue: asyncio.Queue[_Outgoing] = asyncio.Queue()
        stop = asyncio.Event()
        self._queue, self._stop = queue, stop
        ready.set()
        consumer = asyncio.create_task(self._consume(queue))
        await stop.wait()
        consumer.cancel()
        await asyncio.gather(consumer, return_exceptions=True)

    async def _consume(self, queue: asyncio.Queue[_Outgoing]) -> None:
        async with httpx.AsyncClient(trust_env=False) as client:
            while True:
                outgoing = await queue.get()
                try:
                    await self._deliver(client, outgoing)
                except Exception:  # a bug here must not stop later deliveries
                    _LOG.exception("webhook delivery failed unexpectedly")
                    self._update(outgoing, outcome="failed")
                finally:
                    with self._idle:
                        self._outstanding = max(0, self._outstanding - 1)
                        self._idle.notify_all()

    async def _deliver(self, client: httpx.AsyncClient, outgoing: _Outgoing) -> None:
        subscription = outgoing.subscription
        last = subscription.validated_at
        if subscription.validated is None or (
            last is not None and self._clock.now() - last >= REVALIDATE_AFTER
        ):
            await self._validate(client, subscription)
        if not subscription.validated:
            self._update(outgoing, outcome="unsent")
            return
        for retry, delay in enumerate((0.0, *self._retry_delays)):
            if retry:
                await self._clock.sleep(delay)
            at = self._clock.now()
            status, error = await self._post(client, subscription, outgoing.body, at)
            attempt = WebhookAttempt(at, status, error)
            if attempt.succeeded:
                self._update(outgoing, attempt, outcome="delivered")
                _LOG.debug("webhook %s delivered to %s", outgoing.record.event, subscription.url)
                return
            self._update(outgoing, attempt)
            _LOG.debug("webhook attempt to %s failed: %s", subscription.url, error or status)
        self._update(outgoing, outcome="failed")
        _LOG.warning(
            "gave up webhook %s to %s after %d attempts (last: %s)",
            outgoing.record.event,
            subscription.url,
            len(self._retry_delays) + 1,
            error or status,
        )

    def _update(
        self, outgoing: _Outgoing, attempt: WebhookAttempt | None = None, *, outcome: str = ""
    ) -> None:
        with self._lock:
            record = outgoing.record
            if attempt is not None:
                record = attrs.evolve(record, attempts=(*record.attempts, attempt))
            if outcome:
                record = attrs.evolve(record, outcome=outcome)
            outgoing.record = record

    async def _post(
        self, client: httpx.AsyncClient, subscription: _Subscription, body: bytes, at: dt.datetime
    ) -> tuple[int | None, str | None]:
        """One signed POST: (status, None), or (None, why there was no answer)."""
        headers = sign(body, subscription.secret, timestamp=int(at.timestamp()))
        headers |= {"content-type": "application/json", "user-agent": _USER_AGENT}
        try:
            async with asyncio.timeout(self._timeout):
                response = await client.post(subscription.url, content=body, headers=headers)
        except TimeoutError:
            return None, f"no answer within {self._timeout:g} s"
        except httpx.HTTPError as exc:
            return None, f"{type(exc).__name__} (could not reach it)"
        return response.status_code, None

    def _validate_now(self, subscription: _Subscription) -> None:
        """Validate from any thread, on the worker's loop; returns when it is decided."""
        loop, _queue = self._worker()

        async def validate() -> None:
            async with httpx.AsyncClient(trust_env=False) as client:
                await self._validate(client, subscription)

        future = asyncio.run_coroutine_threadsafe(validate(), loop)
        try:
            future.result(timeout=self._timeout + 5)
        except concurrent.futures.TimeoutError:  # the worker is stuck: say so, as a refusal
            future.cancel()
            subscription.refusal = "the validation did not finish"
            subscription.validated = False

    async def _validate(self, client: httpx.AsyncClient, subscription: _Subscription) -> None:
        """Zoom's URL validation: decide ``subscription.validated`` (and ``refusal``)."""
        with self._lock:
            plain_token = random_id(self._rng, 22)
        now = self._clock.now()
        envelope = {
            "event": URL_VALIDATION,
            "event_ts": _millis(now),
            "payload": {"plainToken": plain_token},
        }
        body = json.dumps(envelope, separators=(",", ":")).encode()
        headers = sign(body, subscription.secret, timestamp=int(now.timestamp()))
        headers |= {"content-type": "application/json", "user-agent": _USER_AGENT}
        try:
            async with asyncio.timeout(self._timeout):
                response = await client.post(subscription.url, content=body, headers=headers)
        except TimeoutError:
            refusal: str | None = f"no answer within {self._timeout:g} s"
        except httpx.HTTPError as exc:
            refusal = f"could not reach it ({type(exc).__name__})"
        else:
            refusal = validation_refusal(response, plain_token, subscription.secret)
        subscription.refusal = refusal
        subscription.validated = refusal is None
        subscription.validated_at = now if refusal is None else None
        if refusal is None:
            _LOG.info("webhook URL %s validated", subscription.url)
        else:
            _LOG.warning("webhook URL %s refused: %s", subscription.url, refusal)


def _secret(secret: str) -> str:
    if not isinstance(secret, str) or not secret:
        raise ValueError("a webhook subscription needs the app's secret token (a non-empty str)")
    return secret


def _millis(instant: dt.datetime) -> int:
    return int(instant.timestamp() * 1000)
