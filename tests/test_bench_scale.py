"""Smoke test of benchmarks 2 and 3: their quick mode runs end to end and yields a full Report.

No timed assertion: targets are for ``make bench`` on a quiet machine, not for the test suite.
"""

from __future__ import annotations

import pytest

from scripts.bench import bench_2_latency, bench_3_ratelimit
from scripts.bench._report import Report, render


@pytest.mark.parametrize(
    "bench", [bench_2_latency, bench_3_ratelimit], ids=["latency", "ratelimit"]
)
def test_quick_benchmark_produces_a_report(bench: object) -> None:
    """The benchmark measures against a real mock and reports measurements, ratios and notes."""
    report = bench.run(quick=True)  # type: ignore[attr-defined]
    assert isinstance(report, Report)
    assert len(report.measurements) == 3
    assert len(report.ratios) == 2
    assert all(m.value >= 0 for m in report.measurements)
    assert report.notes
    assert report.title in render([report])
