"""The exposure report: one self-contained HTML page (inline styles, script and SVG; no network).

The page is the Jinja2 template ``templates/report.html.j2`` (with its stylesheet and script,
``report.css`` and ``report.js``, shipped in the package); autoescape is on, so every value from
the database is escaped wherever the template puts it. Only the SVG charts come in as markup:
``_charts`` draws them, escaping what they show. Every number on the page is text, and carries
its exact value as ``data-*`` (``data-metric`` tiles, ``data-owner`` rows, ``data-scope`` legend
entries, ``data-change`` rows), so that a test (or a script) can read the page back. Passcodes are
never read. The page depends on nothing but the inventory: it says "as of" the latest observation,
not the wall clock, so the same database gives the same page.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import jinja2
from markupsafe import Markup

from ._charts import SCOPE_ORDER, bars, scope_area, scope_class
from ._figures import Figures, OwnerExposure, OwnerStorage, ScopeSeries

__all__ = ["MAX_OWNERS", "human_bytes", "render_report"]

MAX_OWNERS = 15  # bars per owner chart; the rest are summed in one line under it
_WORSE = {"share_scope": ("ANYONE",), "enable_passcode": ("false", "False", "0")}


def human_bytes(count: int) -> str:
    """``count`` bytes in binary units: ``1.5 GiB``."""
    size = float(count)
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if size < 1024 or unit == "TiB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{count} B"  # pragma: no cover -- the loop returns at TiB


def _when(when: datetime | None) -> str:
    if when is None:
        return "never"
    return when.strftime("%Y-%m-%d %H:%M UTC")


def _iso(when: datetime) -> str:
    return when.isoformat().replace("+00:00", "Z")


def _counted(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _pill_text(value: str | None, field: str) -> str:
    if value is None:
        return "(none)"
    if field == "enable_passcode":
        return "passcode on" if value.lower() in ("true", "1") else "passcode off"
    return value


def _worse(value: str | None, field: str) -> bool:
    return value in _WORSE.get(field, ())


@functools.cache
def _environment() -> jinja2.Environment:
    """The templates in the package (built once: a report renders once per process anyway)."""
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("zoom_clips.inventory", "templates"),
        autoescape=True,  # every template, whatever its name: the page is all HTML
        undefined=jinja2.StrictUndefined,  # a misspelt name fails the tests, not the page
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters.update(
        thousands="{:,}".format,
        human_bytes=human_bytes,
        counted=_counted,
        iso=_iso,
        day=lambda when: when.strftime("%Y-%m-%d"),
        when=_when,
        scope_class=scope_class,
        pill_text=_pill_text,
        worse=_worse,
    )
    return environment


def _scopes(series: ScopeSeries) -> dict[str, Any]:
    ordered = [s for s in SCOPE_ORDER if s in series.counts]
    ordered += sorted(s for s in series.counts if s not in SCOPE_ORDER)
    span = (
        f"from {series.points[0]:%Y-%m-%d} to {series.points[-1]:%Y-%m-%d}" if series.points else ""
    )
    return {
        "ordered": ordered,
        "counts": series.counts,
        "points": series.points,
        "span": span,
        "chart": Markup(scope_area(series)),  # noqa: S704 -- _charts escapes what it draws
    }


def _exposure(rows: Sequence[OwnerExposure]) -> dict[str, Any]:
    bare = [row for row in rows if row.without_passcode > 0]
    shown = bare[:MAX_OWNERS]
    chart = bars(
        [
            (row.owner_id, [("bare", row.without_passcode), ("protected", row.with_passcode)])
            for row in shown
        ],
        label=lambda segments: f"{segments[0][1]:,} of {segments[0][1] + segments[1][1]:,}",
        title="Public clips without a passcode, by owner",
    )
    rest = sum(row.without_passcode for row in bare[MAX_OWNERS:])
    return {
        "chart": Markup(chart),  # noqa: S704 -- _charts escapes what it draws
        "rows": rows,
        "hidden": len(bare) - len(shown),
        "hidden_what": f"{rest:,} such clips",
    }


def _storage(rows: Sequence[OwnerStorage]) -> dict[str, Any]:
    shown = rows[:MAX_OWNERS]
    chart = bars(
        [(row.owner_id, [("storage", row.bytes)]) for row in shown],
        label=lambda segments: human_bytes(segments[0][1]),
        title="Storage by owner",
    )
    rest = sum(row.bytes for row in rows[MAX_OWNERS:])
    return {
        "chart": Markup(chart),  # noqa: S704 -- _charts escapes what it draws
        "rows": rows,
        "hidden": len(rows) - len(shown),
        "hidden_what": human_bytes(rest),
    }


def render_report(figures: Figures, *, title: str = "Clip exposure") -> str:
    """The whole page for ``figures``, as one HTML string."""
    f = figures
    subtitle = " · ".join(
        [
            f"Inventory as of {_when(f.as_of)}",
            _counted(f.accounts, "account"),
            _counted(f.owners, "owner"),
            _counted(f.runs, "sync run"),
        ]
    )
    template = _environment().get_template("report.html.j2")
    return template.render(
        title=title,
        subtitle=subtitle,
        f=f,
        scopes=_scopes(f.scopes),
        exposure=_exposure(f.exposure_by_owner),
        storage=_storage(f.storage_by_owner),
    )
