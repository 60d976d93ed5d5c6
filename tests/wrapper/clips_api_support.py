"""Driving any operation of ``client.clips`` on either client with one plain call, for the tests
of the Clips API (``endpoints.json``) operations."""

from __future__ import annotations

import asyncio
import inspect
import json
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import httpx

from .conftest import Facade, json_response


def call(client: Facade, operation: str, *args: Any, **kwargs: Any) -> Any:
    """Call ``client.clips.<operation>`` on either client; iterators are collected into a list.

    ``operation`` is a dotted name below ``clips`` (``"get"``, ``"collaborators.list"``).
    """
    target: Any = client.client.clips
    for name in operation.split("."):
        target = getattr(target, name)
    result = target(*args, **kwargs)
    if isinstance(result, Iterator):
        return list(result)
    if isinstance(result, AsyncIterator):
        iterator = result

        async def collect() -> list[Any]:
            return [item async for item in iterator]

        return asyncio.run(collect())
    if inspect.isawaitable(result):

        async def wait() -> Any:
            return await result

        return asyncio.run(wait())
    return result


def route(
    routes: dict[tuple[str, str], Callable[[httpx.Request], httpx.Response]],
) -> Callable[[httpx.Request], httpx.Response]:
    """A handler answering by (method, raw path); anything else is a 599 the test will notice."""

    def handler(request: httpx.Request) -> httpx.Response:
        key = (request.method, request.url.raw_path.decode().split("?")[0])
        answer = routes.get(key)
        if answer is None:
            return httpx.Response(599, content=f"unexpected {key}".encode())
        return answer(request)

    return handler


def body_of(request: httpx.Request) -> Any:
    """The JSON body a request sent."""
    return json.loads(request.content)


def no_content(_: httpx.Request) -> httpx.Response:
    """Zoom's answer to a delete."""
    return httpx.Response(204)


def answer(status: int, body: Any) -> Callable[[httpx.Request], httpx.Response]:
    """Always the same JSON answer."""
    return lambda _: json_response(status, body)
