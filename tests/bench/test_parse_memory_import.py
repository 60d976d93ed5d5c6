"""Smoke tests: benchmarks 1, 4 and 5 run end to end in quick mode (no assertions on timings)."""

from __future__ import annotations

import pytest

from scripts.bench import bench_1_parse, bench_4_memory, bench_5_import
from scripts.bench._report import Report, render


@pytest.mark.parametrize(
    "bench", [bench_1_parse, bench_4_memory, bench_5_import], ids=lambda m: m.__name__
)
def test_quick_run_returns_a_report_that_renders(bench: object) -> None:
    """``run(quick=True)`` measures something positive and renders as a row of the table."""
    report = bench.run(quick=True)  # type: ignore[attr-defined]
    assert isinstance(report, Report)
    assert report.measurements
    assert all(m.value > 0 for m in report.measurements if m.label != "growth")
    assert report.ratios
    assert report.title in render([report])


def test_memory_child_lists_every_clip_once() -> None:
    """The memory benchmark's transport serves exactly the clips asked for, all distinct."""
    result = bench_4_memory.stream(2_500)
    assert result["clips"] == 2_500
    assert result["served"] == 2_500
