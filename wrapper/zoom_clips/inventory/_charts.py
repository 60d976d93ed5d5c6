"""The report's charts as inline SVG, drawn in Python (no library, no network).

Colours come from the page's CSS variables (``var(--scope-ANYONE)``...), so the charts follow
the light or dark scheme with the rest of the page. Every mark carries a ``<title>`` (a native
tooltip) and its number as ``data-*``; the numbers are also printed as text beside the chart.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from datetime import datetime
from html import escape

from ._figures import ScopeSeries

__all__ = ["SCOPE_ORDER", "bars", "scope_area", "scope_class"]

# Bottom to top of the stack: the exposure that matters most sits on the baseline.
SCOPE_ORDER = ("ANYONE", "SAME_ORGANIZATION", "INVITED_MEMBERS_ONLY", "PRIVATE")
_W, _H = 720, 260
_LEFT, _RIGHT, _TOP, _BOTTOM = 44, 12, 10, 26
_FONT_PX = 12  # of a bar chart's labels and values (the stylesheet's .label and .value)
_ELLIPSIS = "…"


def scope_class(scope: str) -> str:
    """The CSS class of a scope's colour (unknown scopes share one)."""
    return f"scope-{scope}" if scope in SCOPE_ORDER else "scope-other"


def _ordered(counts: dict[str, tuple[int, ...]]) -> list[str]:
    known = [scope for scope in SCOPE_ORDER if scope in counts]
    return known + sorted(scope for scope in counts if scope not in SCOPE_ORDER)


def _nice_step(value: int) -> int:
    """The smallest round step (a whole number) of which 4 reach ``value``: the y axis has 4."""
    magnitude = 1
    while True:
        for factor in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5, 8):
            step = factor * magnitude
            if step == int(step) and 4 * step >= value:
                return int(step)
        magnitude *= 10


def _day(when: datetime) -> str:
    return when.strftime("%Y-%m-%d")


def scope_area(series: ScopeSeries) -> str:
    """A stacked area of live clips by share scope at each point of ``series``."""
    if not series.points:
        return '<p class="empty">No clips in the inventory yet.</p>'
    scopes = _ordered(series.counts)
    count = len(series.points)
    totals = [sum(series.counts[s][i] for s in scopes) for i in range(count)]
    step = _nice_step(max(totals))
    top = 4 * step
    plot_w, plot_h = _W - _LEFT - _RIGHT, _H - _TOP - _BOTTOM

    def x(index: int) -> float:
        return _LEFT + (plot_w * index / (count - 1) if count > 1 else 0.0)

    def y(value: int) -> float:
        return _TOP + plot_h - plot_h * value / top

    xs = [x(i) for i in range(count)] if count > 1 else [float(_LEFT), float(_LEFT + plot_w)]
    parts = [
        f'<svg class="chart" viewBox="0 0 {_W} {_H}" role="img" '
        'aria-labelledby="scope-chart-title" preserveAspectRatio="xMidYMid meet">',
        '<title id="scope-chart-title">Live clips by share scope over time</title>',
    ]
    for tick in range(5):
        value = step * tick
        ty = y(value)
        parts.append(
            f'<line class="grid" x1="{_LEFT}" x2="{_W - _RIGHT}" y1="{ty:.1f}" y2="{ty:.1f}"/>'
            f'<text class="axis" x="{_LEFT - 6}" y="{ty + 4:.1f}" text-anchor="end">{value}</text>'
        )
    below = [0] * count
    for scope in scopes:
        values = series.counts[scope]
        above = [below[i] + values[i] for i in range(count)]
        upper = [(xs[i], y(above[min(i, count - 1)])) for i in range(len(xs))]
        lower = [(xs[i], y(below[min(i, count - 1)])) for i in range(len(xs))]
        outline = " ".join(f"{px:.1f},{py:.1f}" for px, py in upper + lower[::-1])
        parts.append(
            f'<polygon class="area {scope_class(scope)}" data-scope="{escape(scope)}" '
            f'data-last="{values[-1]}" points="{outline}">'
            f"<title>{escape(scope)}: {values[-1]} clips on {_day(series.points[-1])}</title>"
            "</polygon>"
        )
        below = above
    labels = sorted({0, count // 2, count - 1})
    for index in labels:
        anchor = "start" if index == 0 else "end" if index == count - 1 else "middle"
        lx = xs[index] if count > 1 else (xs[0] if index == 0 else xs[-1])
        parts.append(
            f'<text class="axis" x="{lx:.1f}" y="{_H - 8}" text-anchor="{anchor}">'
            f"{_day(series.points[index])}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _text_px(text: str) -> float:
    """An upper bound of ``text``'s width in the 12 px sans-serif of the labels, in pixels.

    Bounds per character, not a measure: wide (CJK) ones and ``W``/``M`` take a whole em,
    capitals 0.8, lower case and digits 0.67, anything else (symbols, emoji) a whole em.
    """
    em = 0.0
    for char in text:
        if unicodedata.east_asian_width(char) in "WF" or char in "WMmw@%":
            em += 1.0
        elif char.isascii() and char.isupper():
            em += 0.8
        elif char == " ":
            em += 0.35
        elif char.isascii() and (char.isalnum() or char in ".,:;-_'()[]!|/"):
            em += 0.67
        else:
            em += 1.0
    return em * _FONT_PX


def _fitted(name: str, room: float) -> str:
    """``name``, cut with an ellipsis so that it is at most ``room`` pixels wide."""
    if _text_px(name) <= room:
        return name
    kept = name
    while kept and _text_px(kept + _ELLIPSIS) > room:
        kept = kept[:-1]
    return kept + _ELLIPSIS


def bars(
    rows: Sequence[tuple[str, Sequence[tuple[str, int]]]],
    *,
    label: Callable[[Sequence[tuple[str, int]]], str],
    title: str,
) -> str:
    """Horizontal bars, one per ``(name, [(css_class, value), ...])`` row, segments stacked.

    ``label`` turns a row's segments into the text printed after its bar. Names start at the
    chart's left edge (a long one can never run past it, whatever the font) and are cut with an
    ellipsis to an upper bound of their column's width (the whole name is the tooltip); the
    values get the room their longest needs.
    """
    if not rows:
        return '<p class="empty">None.</p>'
    longest = max(sum(value for _, value in segments) for _, segments in rows) or 1
    texts = [label(segments) for _, segments in rows]
    row_h, name_w, width, gap = 24, 120, 460, 8
    text_w = max(60, int(max(_text_px(text) for text in texts)) + 2 * gap)
    bar_w = width - name_w - text_w
    height = row_h * len(rows) + 4
    parts = [
        f'<svg class="chart bars" viewBox="0 0 {width} {height}" role="img">',
        f"<title>{escape(title)}</title>",
    ]
    for index, ((name, segments), text) in enumerate(zip(rows, texts, strict=True)):
        top = 2 + index * row_h
        shown = _fitted(name, name_w - gap - 2)
        parts.append(
            f'<text class="label" x="0" y="{top + 16}">'
            f"<title>{escape(name)}</title>{escape(shown)}</text>"
        )
        left = float(name_w)
        for css, value in segments:
            span = bar_w * value / longest
            if span > 0:
                parts.append(
                    f'<rect class="bar {css}" x="{left:.1f}" y="{top + 4}" width="{span:.1f}" '
                    f'height="{row_h - 8}" rx="3"><title>{escape(name)}: {value}</title></rect>'
                )
            left += span
        parts.append(
            f'<text class="value" x="{left + gap:.1f}" y="{top + 16}">{escape(text)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
