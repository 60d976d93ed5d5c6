"""The report: what changed between the vendored spec and the new one, and its quirks."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence

from scripts.update_spec.diff import Change
from scripts.update_spec.flatten import HTTP_METHODS
from scripts.update_spec.load import Source
from scripts.update_spec.nodes import Json, Kind, Section
from scripts.update_spec.quirk_status import render_quirks


def render_changes(changes: Sequence[Change]) -> str:
    """The changes as report sections: a title, then per group the classified lines."""
    blocks: list[str] = []
    for section in Section:
        in_section = [c for c in changes if c.section is section]
        if not in_section:
            continue
        lines = [section.value]
        group = None
        for change in in_section:
            if change.group != group:
                group = change.group
                if group:
                    lines.append(f"  {group}")
            indent = "    " if change.group else "  "
            lines.append(f"{indent}{change.kind.value:<10}  {change.label}: {change.what}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def summary_line(changes: Sequence[Change]) -> str:
    """One line counting the changes by kind."""
    if not changes:
        return "No changes: the new spec says what the vendored one says."
    counts = {kind: sum(1 for c in changes if c.kind is kind) for kind in Kind}
    noun = "change" if len(changes) == 1 else "changes"
    return (
        f"{len(changes)} {noun}: {counts[Kind.BREAKING]} breaking, "
        f"{counts[Kind.ADDITIVE]} additive, {counts[Kind.COMPATIBLE]} compatible."
    )


def render_report(
    old: Mapping[str, Json], new: Source, changes: Sequence[Change], vendored_sha256: str
) -> str:
    """The whole report, as the maintainer reads it in a terminal.

    ``old`` is the vendored spec of ``new``'s kind (``new.target``: master or endpoints).
    """
    new_sha = hashlib.sha256(new.vendored_text.encode("utf-8")).hexdigest()
    parts = [
        "\n".join(
            [
                f"Spec update report: {new.target.file.as_posix()} -> {new.origin}",
                f"  vendored  sha256 {vendored_sha256[:12]}",
                f"  new       sha256 {new_sha[:12]}",
                "",
                summary_line(changes),
            ]
        ),
    ]
    if changes:
        parts.append(render_changes(changes))
    parts.append(render_quirks(old, new.spec, new.target.name))
    return "\n\n".join(parts) + "\n"


def render_first_vendoring(new: Source) -> str:
    """The report when the checkout has no spec of ``new``'s kind yet: what it is, its quirks."""
    new_sha = hashlib.sha256(new.vendored_text.encode("utf-8")).hexdigest()
    paths = new.spec.get("paths")
    count = sum(
        1
        for item in (paths.values() if isinstance(paths, Mapping) else ())
        if isinstance(item, Mapping)
        for method in HTTP_METHODS
        if isinstance(item.get(method), Mapping)
    )
    head = "\n".join(
        [
            f"Spec update report: {new.target.file.as_posix()} -> {new.origin}",
            f"  vendored  (none: {new.target.file.as_posix()} is vendored for the first time)",
            f"  new       sha256 {new_sha[:12]}",
            "",
            f"First vendoring: {count} operations, nothing to compare them with.",
        ]
    )
    return f"{head}\n\n{render_quirks({}, new.spec, new.target.name)}\n"
