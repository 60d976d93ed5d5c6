"""The report: what changed between the vendored spec and the new one, and its quirks."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from pathlib import Path

from scripts.update_spec.calls import added_operations, operations_of, render_calls
from scripts.update_spec.diff import Change
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


def render_added(old: Mapping[str, Json], new: Source, root: Path) -> str:
    """The operations ``new`` adds, each with the call that reaches it once vendored ("" if none).

    ``root`` is the checkout, whose generator config names the methods.
    """
    added = added_operations(old, new.spec)
    if not added:
        return ""
    noun = "operation" if len(added) == 1 else "operations"
    return (
        f"New {noun}, and the call that reaches each once vendored\n"
        f"{render_calls(added, new.spec, new.target, root)}"
    )


def render_report(
    old: Mapping[str, Json],
    new: Source,
    changes: Sequence[Change],
    vendored_sha256: str,
    *,
    root: Path,
) -> str:
    """The whole report, as the maintainer reads it in a terminal.

    ``old`` is the vendored spec of ``new``'s kind (``new.target``: master or endpoints) in the
    checkout ``root``.
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
    if added := render_added(old, new, root):
        parts.append(added)
    parts.append(render_quirks(old, new.spec, new.target.name))
    return "\n\n".join(parts) + "\n"


def render_first_vendoring(new: Source, root: Path) -> str:
    """The report when the checkout ``root`` has no spec of ``new``'s kind yet: what it is, the
    call that reaches each of its operations, its quirks."""
    new_sha = hashlib.sha256(new.vendored_text.encode("utf-8")).hexdigest()
    count = len(operations_of(new.spec))
    head = "\n".join(
        [
            f"Spec update report: {new.target.file.as_posix()} -> {new.origin}",
            f"  vendored  (none: {new.target.file.as_posix()} is vendored for the first time)",
            f"  new       sha256 {new_sha[:12]}",
            "",
            f"First vendoring: {count} operations, nothing to compare them with.",
        ]
    )
    return (
        "\n\n".join(
            [head, render_added({}, new, root), render_quirks({}, new.spec, new.target.name)]
        )
        + "\n"
    )
