"""Smoke test of benchmark 10: its quick mode uploads to a mock in a child process and reports."""

from __future__ import annotations

from scripts.bench import bench_10_upload
from scripts.bench._report import Report, render


def test_quick_upload_benchmark_produces_a_report() -> None:
    """A 64 MiB multipart upload runs end to end and yields the growth, part size and speed."""
    report = bench_10_upload.run(quick=True)
    assert isinstance(report, Report)
    assert [m.unit for m in report.measurements] == ["MB", "MB", "MB/s"]
    assert report.measurements[1].value == 64 * 1024 * 1024 / 1e6
    assert report.measurements[2].value > 0
    assert report.title in render([report])
