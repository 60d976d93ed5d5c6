"""Benchmark 8's parts run end to end on a small year (no assertion on timings)."""

from __future__ import annotations

from pathlib import Path

from scripts.bench import bench_8_sync


def test_a_first_sync_from_prepared_pages_inserts_every_clip(tmp_path: Path) -> None:
    """The fast mock serves each window's pages once; the sync inserts all of its clips."""
    pages = bench_8_sync.PreparedPages(1_500)
    inserted, seconds = bench_8_sync.first_sync(str(tmp_path / "bench.db"), pages)
    assert inserted == pages.total == 1_500
    assert seconds > 0
