"""``_small_bodies``: a token answer or a 401 read whole, decoded, within a small cap it never
inflates past, in every encoding a server may send unasked, sync and async."""

from __future__ import annotations

import asyncio
import gzip
import zlib
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
import zoom_clips as zc
from zoom_clips._bodies import BodyTooLargeError
from zoom_clips._small_bodies import SMALL_BODY_LIMIT, aread_small, read_small

BODY = b'{"access_token": "t", "expires_in": 3600}'


def _deflate(data: bytes, wbits: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, wbits)
    return packer.compress(data) + packer.flush()


def _read(kind: str, content: bytes, encoding: str | None) -> bytes:
    """``content`` streamed in 7-byte pieces, read by ``read_small`` (or ``aread_small``)."""
    headers = {"content-encoding": encoding} if encoding else {}
    pieces = [content[i : i + 7] for i in range(0, len(content), 7)]

    if kind == "sync":

        class Pieces(httpx.SyncByteStream):
            def __iter__(self) -> Iterator[bytes]:
                yield from pieces

        with httpx.Client(
            transport=httpx.MockTransport(
                lambda r: httpx.Response(200, stream=Pieces(), headers=headers)
            )
        ) as client:
            response = client.send(client.build_request("POST", "https://zoom.us/t"), stream=True)
            return read_small(response, what="the token endpoint")

    class APieces(httpx.AsyncByteStream):
        async def __aiter__(self) -> AsyncIterator[bytes]:
            for piece in pieces:
                yield piece

    async def run() -> bytes:
        async with httpx.AsyncClient(
            transport=httpx.MockTransport(
                lambda r: httpx.Response(200, stream=APieces(), headers=headers)
            )
        ) as client:
            request = client.build_request("POST", "https://zoom.us/t")
            response = await client.send(request, stream=True)
            return await aread_small(response, what="the token endpoint")

    return asyncio.run(run())


@pytest.mark.parametrize(
    ("encoding", "content"),
    [
        (None, BODY),
        ("identity", BODY),
        ("gzip", gzip.compress(BODY)),
        ("x-gzip", gzip.compress(BODY)),
        ("deflate", _deflate(BODY, zlib.MAX_WBITS)),
        ("deflate", _deflate(BODY, -zlib.MAX_WBITS)),  # raw deflate, as some servers send
    ],
)
def test_a_small_body_is_read_decoded_in_every_encoding_sent_unasked(
    kind: str, encoding: str | None, content: bytes
) -> None:
    """Plain, gzip and both deflate flavours decode to the body, piece by piece."""
    assert _read(kind, content, encoding) == BODY


@pytest.mark.parametrize("encoding", [None, "gzip", "deflate"])
def test_a_body_one_byte_past_the_cap_is_refused(kind: str, encoding: str | None) -> None:
    """A body of the cap + 1 decoded bytes is BodyTooLargeError naming the cap, compressed or
    not; one of the cap exactly is read."""
    pack = {None: bytes, "gzip": gzip.compress, "deflate": lambda b: _deflate(b, zlib.MAX_WBITS)}
    body = b"x" * SMALL_BODY_LIMIT
    assert _read(kind, pack[encoding](body), encoding) == body
    with pytest.raises(
        BodyTooLargeError,
        match=f"the token endpoint answered 200 with a body over {SMALL_BODY_LIMIT} bytes",
    ):
        _read(kind, pack[encoding](body + b"x"), encoding)


def test_a_body_that_does_not_decode_is_a_typed_error(kind: str) -> None:
    """gzip data that is not gzip is an APIResponseValidationError, never a raw zlib error."""
    with pytest.raises(zc.APIResponseValidationError, match="does not decode"):
        _read(kind, b"not gzip at all", "gzip")


def test_a_response_read_before_is_capped_too() -> None:
    """A response already read (a test transport's, built with its content) is held to the cap."""
    request = httpx.Request("GET", "https://x/")
    fits = httpx.Response(200, content=b"x" * SMALL_BODY_LIMIT, request=request)
    assert read_small(fits, what="the token endpoint") == b"x" * SMALL_BODY_LIMIT
    over = httpx.Response(200, content=b"x" * (SMALL_BODY_LIMIT + 1), request=request)
    with pytest.raises(BodyTooLargeError):
        read_small(over, what="the token endpoint")
