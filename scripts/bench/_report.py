"""What a benchmark reports, and the table ``make bench`` prints.

Each benchmark module (``scripts/bench/bench_*.py``) exposes ``run(*, quick: bool) -> Report``.
A report holds the medians it measured and the ratios between them, each ratio with its target,
so one run prints measurements taken side by side on the same (shared, noisy) machine.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence

import attrs

__all__ = ["Measurement", "Ratio", "Report", "median_of", "render"]


@attrs.frozen
class Measurement:
    """One median: ``value`` in ``unit`` (e.g. 812000.0 "clips/s")."""

    label: str
    value: float
    unit: str


@attrs.frozen
class Ratio:
    """A ratio between measurements, the target it must meet, and whether it did."""

    label: str
    value: float
    target: str
    met: bool


@attrs.frozen
class Report:
    """Everything one benchmark measured."""

    title: str
    measurements: tuple[Measurement, ...]
    ratios: tuple[Ratio, ...]
    notes: tuple[str, ...] = ()

    @property
    def met(self) -> bool:
        """Whether every target of this benchmark was met."""
        return all(ratio.met for ratio in self.ratios)


def median_of(samples: int, measure: Callable[[], float]) -> float:
    """The median of ``samples`` calls of ``measure`` (medians resist a noisy shared machine)."""
    return statistics.median(measure() for _ in range(samples))


def timed(work: Callable[[], object]) -> float:
    """Seconds ``work`` took, by the monotonic performance counter."""
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def _number(value: float) -> str:
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}"


def render(reports: Sequence[Report]) -> str:
    """A Markdown table of every measurement and ratio (for the terminal and the README)."""
    lines = [
        "| benchmark | measured (median) | ratio | target | met |",
        "| --- | --- | --- | --- | --- |",
    ]
    for report in reports:
        measured = "<br>".join(
            f"{m.label}: {_number(m.value)} {m.unit}" for m in report.measurements
        )
        ratios = "<br>".join(f"{r.label}: {r.value:.2f}x" for r in report.ratios)
        targets = "<br>".join(r.target for r in report.ratios)
        met = "<br>".join("yes" if r.met else "**no**" for r in report.ratios)
        lines.append(f"| {report.title} | {measured} | {ratios} | {targets} | {met} |")
    notes = [f"- {report.title}: {note}" for report in reports for note in report.notes]
    return "\n".join(lines + (["", *notes] if notes else [])) + "\n"
