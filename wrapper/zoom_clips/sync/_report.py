"""The exposure report: one self-contained HTML page (inline styles, script and SVG; no network).

Every number on the page is text, and carries its exact value as ``data-*`` (``data-metric``
tiles, ``data-owner`` rows, ``data-scope`` legend entries, ``data-change`` rows), so that a test
(or a script) can read the page back. Every value from the database is escaped; passcodes are
never read. The page depends on nothing but the inventory: it says "as of" the latest observation,
not the wall clock, so the same database gives the same page.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from html import escape

from ._charts import SCOPE_ORDER, bars, scope_area, scope_class
from ._figures import Change, Figures, OwnerExposure, OwnerStorage
from ._style import SCRIPT, STYLE

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


def _tile(metric: str, value: int, shown: str, caption: str, *, alert: bool = False) -> str:
    css = "tile alert" if alert else "tile"
    return (
        f'<div class="{css}"><span class="number" data-metric="{metric}" data-value="{value}">'
        f'{escape(shown)}</span><span class="caption">{escape(caption)}</span></div>'
    )


def _tiles(f: Figures) -> str:
    return (
        '<div class="tiles">'
        + "".join(
            [
                _tile("total-clips", f.total_clips, f"{f.total_clips:,}", "clips in the inventory"),
                _tile("public-clips", f.public_clips, f"{f.public_clips:,}", "shared with anyone"),
                _tile(
                    "public-without-passcode",
                    f.public_without_passcode,
                    f"{f.public_without_passcode:,}",
                    "public and without a passcode",
                    alert=f.public_without_passcode > 0,
                ),
                _tile("total-bytes", f.total_bytes, human_bytes(f.total_bytes), "of storage"),
            ]
        )
        + "</div>"
    )


def _deleted_note(f: Figures) -> str:
    """Deleted clips, apart: Zoom deletes softly, so they still list, but they are not exposed."""
    if not f.deleted_clips:
        return ""
    return (
        '<p class="note" id="deleted">Left out of every figure on this page: '
        f'<span data-metric="deleted-clips" data-value="{f.deleted_clips}">'
        f"{_counted(f.deleted_clips, 'deleted clip')}</span> (status RECORD_DELETE) holding "
        f'<span data-metric="deleted-bytes" data-value="{f.deleted_bytes}">'
        f"{human_bytes(f.deleted_bytes)}</span>; Zoom deletes softly, so they still list, "
        "but they are not exposed.</p>"
    )


def _scope_section(f: Figures) -> str:
    series = f.scopes
    ordered = [s for s in SCOPE_ORDER if s in series.counts]
    ordered += sorted(s for s in series.counts if s not in SCOPE_ORDER)
    legend = "".join(
        f'<li data-scope="{escape(s)}" data-count="{series.counts[s][-1]}">'
        f'<span class="swatch {scope_class(s)}"></span>{escape(s)} '
        f'<span class="count">{series.counts[s][-1]:,}</span></li>'
        for s in ordered
    )
    span = (
        f"from {series.points[0]:%Y-%m-%d} to {series.points[-1]:%Y-%m-%d}" if series.points else ""
    )
    head = "".join(f'<th class="num">{escape(s)}</th>' for s in ordered)
    body = "".join(
        f'<tr data-point="{_iso(point)}"><td>{point:%Y-%m-%d}</td>'
        + "".join(
            f'<td class="num" data-scope="{escape(s)}">{series.counts[s][i]}</td>' for s in ordered
        )
        + "</tr>"
        for i, point in enumerate(series.points)
    )
    numbers = (
        "<details><summary>The numbers, day by day</summary>"
        f'<div class="table-wrap"><table id="scope-table"><thead><tr><th>day</th>{head}</tr>'
        f"</thead><tbody>{body}</tbody></table></div></details>"
        if series.points
        else ""
    )
    one_day = (
        '<p class="note">One day of observations so far: the chart grows with every sync.</p>'
        if len(series.points) == 1
        else ""
    )
    return (
        "<section><h2>Clips by share scope over time</h2>"
        f'<p class="note">Live clips on each day {span}, from when sync first saw each clip and '
        "every share-scope change it observed since.</p>"
        f'<div id="scope-chart">{scope_area(series)}</div>'
        f"{one_day}"
        f'<ul class="legend">{legend}</ul>{numbers}</section>'
    )


def _rest(count: int, what: str) -> str:
    return f'<p class="note">…and {count:,} more owners with {what}.</p>' if count else ""


def _exposure_section(rows: Sequence[OwnerExposure]) -> str:
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
    table_rows = "".join(
        f'<tr data-owner="{escape(row.owner_id)}" data-without-passcode="{row.without_passcode}" '
        f'data-with-passcode="{row.with_passcode}"><td>{escape(row.owner_id)}</td>'
        f'<td class="num">{row.without_passcode:,}</td><td class="num">{row.with_passcode:,}</td>'
        "</tr>"
        for row in rows
    )
    rest = sum(row.without_passcode for row in bare[MAX_OWNERS:])
    return (
        '<section id="exposure-by-owner"><h2>Public clips without a passcode, by owner</h2>'
        '<p class="note">Anyone with the link can watch these now. Red: no passcode; '
        "pale: shared with anyone but passcode-protected.</p>"
        f"{chart}{_rest(len(bare) - len(shown), f'{rest:,} such clips')}"
        "<details><summary>Every owner with public clips</summary>"
        '<div class="table-wrap"><table class="sortable"><thead><tr><th>owner</th>'
        '<th class="num">without passcode</th><th class="num">with passcode</th></tr></thead>'
        f"<tbody>{table_rows}</tbody></table></div></details></section>"
    )


def _storage_section(rows: Sequence[OwnerStorage]) -> str:
    shown = rows[:MAX_OWNERS]
    chart = bars(
        [(row.owner_id, [("storage", row.bytes)]) for row in shown],
        label=lambda segments: human_bytes(segments[0][1]),
        title="Storage by owner",
    )
    table_rows = "".join(
        f'<tr data-owner="{escape(row.owner_id)}" data-bytes="{row.bytes}" '
        f'data-clips="{row.clips}"><td>{escape(row.owner_id)}</td>'
        f'<td class="num" data-sort="{row.bytes}">{human_bytes(row.bytes)}</td>'
        f'<td class="num">{row.clips:,}</td></tr>'
        for row in rows
    )
    rest = sum(row.bytes for row in rows[MAX_OWNERS:])
    return (
        '<section id="storage-by-owner"><h2>Storage by owner</h2>'
        '<p class="note">The file size of each owner\'s live clips.</p>'
        f"{chart}{_rest(len(rows) - len(shown), human_bytes(rest))}"
        "<details><summary>Every owner</summary>"
        '<div class="table-wrap"><table class="sortable"><thead><tr><th>owner</th>'
        '<th class="num">storage</th><th class="num">clips</th></tr></thead>'
        f"<tbody>{table_rows}</tbody></table></div></details></section>"
    )


def _value_pill(field: str, value: str | None) -> str:
    text = "(none)" if value is None else value
    if field == "enable_passcode" and value is not None:
        text = "passcode on" if value.lower() in ("true", "1") else "passcode off"
    worse = value in _WORSE.get(field, ())
    return f'<span class="pill{" worse" if worse else ""}">{escape(text)}</span>'


def _change_row(change: Change) -> str:
    when = _iso(change.observed_at)
    return (
        f'<tr data-change data-clip-id="{escape(change.clip_id)}" '
        f'data-field="{escape(change.field)}" data-old="{escape(change.old_value or "")}" '
        f'data-new="{escape(change.new_value or "")}" data-observed-at="{when}">'
        f'<td data-sort="{when}">{_when(change.observed_at)}</td>'
        f"<td>{escape(change.title or '(untitled)')}"
        f'<span class="id">{escape(change.clip_id)}</span></td>'
        f"<td>{escape(change.owner_id or '')}</td><td>{escape(change.field)}</td>"
        f'<td>{_value_pill(change.field, change.old_value)}<span class="arrow">→</span>'
        f"{_value_pill(change.field, change.new_value)}</td></tr>"
    )


def _changes_section(changes: Sequence[Change]) -> str:
    if not changes:
        body = '<p class="empty">No exposure changes observed yet.</p>'
    else:
        body = (
            '<div class="table-wrap"><table class="sortable" id="latest-changes"><thead><tr>'
            "<th>observed</th><th>clip</th><th>owner</th><th>what</th><th>old → new</th></tr>"
            f"</thead><tbody>{''.join(_change_row(change) for change in changes)}</tbody>"
            "</table></div>"
        )
    return (
        "<section><h2>Latest exposure changes</h2>"
        '<p class="note">Share scope, passcode and status changes, newest first, as sync '
        f"observed them.</p>{body}</section>"
    )


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
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body><main>"
        f"<header><h1>{escape(title)}</h1><p>{escape(subtitle)}</p></header>"
        f"{_tiles(f)}{_deleted_note(f)}{_scope_section(f)}"
        f'<div class="grid2">{_exposure_section(f.exposure_by_owner)}'
        f"{_storage_section(f.storage_by_owner)}</div>"
        f"{_changes_section(f.latest_changes)}"
        "<footer>Written by zoom-clips report from the inventory that zoom-clips sync keeps; "
        "no request was made to Zoom.</footer>"
        f"</main><script>{SCRIPT}</script></body></html>\n"
    )
