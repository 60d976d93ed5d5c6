"""``_small_bodies``: a token answer or a 401 read whole, decoded, within a cap it never inflates
past; every encoding a server may send unasked, and nothing else, sync and async."""

from __future__ import annotations

import asyncio
import gzip
import zlib
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
import zoom_clips as zc
from zoom_clips._bodies import BodyTooLargeError
from zoom_clips._small_bodies import aread_small, read_small

BODY = b'{"access_token": "t", "expires_in": 3600}'


def _deflate(data: bytes, wbits: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, wbits)
    return packer.compress(data) + packer.flush()


def _read(kind: str, content: bytes, encoding: str | None, limit: int) -> bytes:
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
            return read_small(response, what="the token endpoint", limit=limit)

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
            return await aread_small(response, what="the token endpoint", limit=limit)

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
    assert _read(kind, content, encoding, 1024) == BODY


@pytest.mark.parametrize("encoding", [None, "gzip", "deflate"])
def test_a_body_one_byte_past_the_cap_is_refused(kind: str, encoding: str | None) -> None:
    """A body of limit + 1 decoded bytes is BodyTooLargeError, compressed or not."""
    body = b"x" * 101
    content = {None: body, "gzip": gzip.compress(body), "deflate": _deflate(body, 15)}[encoding]
    assert _read(kind, content, encoding, 101) == body
    with pytest.raises(BodyTooLargeError, match="over 100 bytes"):
        _read(kind, content, encoding, 100)


@pytest.mark.parametrize(
    ("encoding", "content", "why"),
    [
        ("br", b"\x0b\x02\x80{}\x03", "'br' is not read here"),
        ("gzip", b"not gzip at all", "corrupt gzip data"),
        ("gzip, gzip", gzip.compress(gzip.compress(BODY)), "is not read here"),
    ],
)
def test_an_encoding_not_read_here_or_corrupt_is_a_typed_error(
    kind: str, encoding: str, content: bytes, why: str
) -> None:
    """An encoding the reader does not bound, or data that does not decode, is an
    APIResponseValidationError, never a raw zlib or httpx error."""
    with pytest.raises(zc.APIResponseValidationError, match=why):
        _read(kind, content, encoding, 1024)


def test_a_response_read_before_is_capped_too() -> None:
    """A response already read (a test transport's, built with its content) is checked as is."""
    response = httpx.Response(200, content=b"x" * 10, request=httpx.Request("GET", "https://x/"))
    assert read_small(response, what="the token endpoint", limit=10) == b"x" * 10
    with pytest.raises(BodyTooLargeError):
        read_small(response, what="the token endpoint", limit=9)
