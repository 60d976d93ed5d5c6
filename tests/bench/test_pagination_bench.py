"""Smoke tests of benchmark 6: its quick mode runs end to end; its CPU meter sees real work."""

from __future__ import annotations

import os
import time

from scripts.bench import bench_6_pagination
from scripts.bench._report import Report, render


def test_quick_run_reports_the_mock_cpu_of_three_runs() -> None:
    """``run(quick=True)`` pages two mock processes and reports three positive CPU ratios."""
    report = bench_6_pagination.run(quick=True)
    assert isinstance(report, Report)
    assert [m.label for m in report.measurements] == [
        f"run {n}: mock CPU / control's" for n in (1, 2, 3)
    ]
    assert all(m.value > 0 for m in report.measurements)
    assert len(report.ratios) == 1
    assert report.ratios[0].value > 0
    assert report.title in render([report])


def test_cpu_meter_counts_a_process_busy_work() -> None:
    """``cpu_seconds(pid)`` grows by about the CPU a busy loop of that process burnt."""
    before = bench_6_pagination.cpu_seconds(os.getpid())
    spun_from = time.thread_time()
    while time.thread_time() - spun_from < 0.1:
        pass
    assert bench_6_pagination.cpu_seconds(os.getpid()) - before >= 0.08
