"""An asyncio event loop whose clock jumps forward instead of waiting (for in-process tests).

``loop.time()`` is virtual: whenever the loop would block on its selector until the next timer,
it advances the clock to that timer at once. aiolimiter (and ``asyncio.sleep``) read this clock,
so a test of the rate limiter measures the spacing it imposes without waiting in real time. Use
it only with in-process transports (``httpx.MockTransport``), never with real sockets.

Each turn of the loop also moves the clock by ``TICK`` (a nanosecond), as a real clock would:
aiolimiter recomputes its bucket from elapsed time, and a float rounding residue with no time
passing at all would make it re-arm the same timer forever.
"""

from __future__ import annotations

import asyncio
import selectors
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")
TICK = 1e-9


class _FastForwardSelector(selectors.DefaultSelector):
    """A selector that never sleeps on a timeout: it moves the loop's clock instead."""

    def __init__(self) -> None:
        super().__init__()
        self.loop: VirtualTimeLoop | None = None

    def select(self, timeout: float | None = None) -> list[tuple[selectors.SelectorKey, int]]:
        ready = super().select(0)
        if self.loop is None:
            return ready
        self.loop.now += TICK
        if ready:
            return ready
        if timeout is None:  # nothing scheduled: only another thread can wake the loop
            return super().select(timeout)
        self.loop.now += max(0.0, timeout)
        return ready


class VirtualTimeLoop(asyncio.SelectorEventLoop):
    """A selector event loop on a virtual clock starting at 0.0."""

    def __init__(self) -> None:
        selector = _FastForwardSelector()
        super().__init__(selector)
        selector.loop = self
        self.now = 0.0

    def time(self) -> float:
        return self.now


def run_virtual(coro: Coroutine[Any, Any, T]) -> T:
    """Run ``coro`` to completion on a fresh ``VirtualTimeLoop``."""
    with asyncio.Runner(loop_factory=VirtualTimeLoop) as runner:
        return runner.run(coro)
