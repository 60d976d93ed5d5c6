"""Smoke test of benchmark 7: its quick mode lists beside real transfers and reports the ratio."""

from __future__ import annotations

from scripts.bench import bench_7_categories
from scripts.bench._report import Report, render


def test_quick_run_lists_while_transfers_are_sent() -> None:
    """``run(quick=True)`` measures the listing alone and beside transfers that really ran."""
    report = bench_7_categories.run(quick=True)
    assert isinstance(report, Report)
    values = {m.label: m.value for m in report.measurements}
    assert values["listing alone"] > 0
    assert values["listing beside transfers"] > 0
    assert values["transfers meanwhile"] > 0  # the transfers did run beside the listing
    assert values["listing, one shared budget (before)"] > 0
    assert [r.label for r in report.ratios] == ["beside / alone", "one shared budget / alone"]
    assert report.title in render([report])
