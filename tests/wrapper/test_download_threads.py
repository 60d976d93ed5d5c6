"""The download's helpers on other threads: the sha256 equals hashlib's over the same pieces
(across batches, a reset and a digest mid-way), and early write-back syncs as bytes pile up."""

from __future__ import annotations

import hashlib
import os
import random

import pytest
from zoom_clips._resources import _download_threads
from zoom_clips._resources._download_threads import (
    BATCH,
    WRITEBACK_EVERY,
    EarlyWriteback,
    Sha256InBackground,
)


def pieces(seed: int, total: int) -> list[bytes]:
    rng = random.Random(seed)  # noqa: S311 -- seeded test data
    out: list[bytes] = []
    while total > 0:
        size = min(total, rng.randrange(1, 200_000))
        out.append(rng.randbytes(size))
        total -= size
    return out


def test_the_background_hash_is_hashlibs_over_the_same_pieces() -> None:
    """Several batches' worth of pieces of random sizes hash exactly as one hashlib would."""
    data = pieces(1, 5 * BATCH + 123)
    background = Sha256InBackground()
    for piece in data:
        background.update(piece)
    assert background.hexdigest() == hashlib.sha256(b"".join(data)).hexdigest()


def test_a_reset_forgets_what_came_before_and_a_digest_mid_way_does_not() -> None:
    """reset() starts from nothing (queued pieces included); hexdigest() can be read and go on."""
    first, second = pieces(2, 3 * BATCH), pieces(3, 2 * BATCH + 7)
    background = Sha256InBackground()
    for piece in first:
        background.update(piece)
    background.reset()
    for piece in second[:3]:
        background.update(piece)
    assert background.hexdigest() == hashlib.sha256(b"".join(second[:3])).hexdigest()
    for piece in second[3:]:
        background.update(piece)
    assert background.hexdigest() == hashlib.sha256(b"".join(second)).hexdigest()
    background.close()


def test_early_writeback_syncs_as_bytes_pile_up(
    monkeypatch: pytest.MonkeyPatch, tmp_path: os.PathLike[str]
) -> None:
    """fdatasync runs once WRITEBACK_EVERY bytes were written, not before, and wait() joins it."""
    synced: list[int] = []
    monkeypatch.setattr(_download_threads.os, "fdatasync", synced.append)
    writeback = EarlyWriteback()
    writeback.wrote(WRITEBACK_EVERY - 1, 7)
    writeback.wait()
    assert synced == []
    writeback.wrote(1, 7)
    writeback.wait()
    assert synced == [7]
