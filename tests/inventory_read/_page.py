"""Reading the report back, and what it must say, worked out from the seed (not from the SQL)."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from html.parser import HTMLParser
from typing import Any

from tests.inventory_read._seed import Inventory

NO_OWNER = "(unknown owner)"


class Marked(HTMLParser):
    """Every element with a ``data-*`` attribute, and the text inside it."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[dict[str, str]] = []
        self._open: list[tuple[str, dict[str, str], list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        data = {name: value or "" for name, value in attrs if name.startswith("data-")}
        self._open.append((tag, data, []))

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            name, data, text = self._open.pop()
            if self._open:
                self._open[-1][2].extend(text)
            if data:
                self.elements.append({**data, "tag": name, "text": "".join(text).strip()})
            if name == tag:
                return

    def handle_data(self, data: str) -> None:
        if self._open:
            self._open[-1][2].append(data)

    def having(self, attribute: str) -> list[dict[str, str]]:
        """The elements that carry ``attribute``, in document order."""
        return [e for e in self.elements if attribute in e]


def marked(page: str) -> Marked:
    """``page`` parsed."""
    parser = Marked()
    parser.feed(page)
    parser.close()
    return parser


DELETED = "RECORD_DELETE"


def live(inventory: Inventory) -> list[dict[str, Any]]:
    """The seed's clips not marked missing and not deleted."""
    return [
        row for row in inventory.clips if row["missing_since"] is None and row["status"] != DELETED
    ]


def deleted(inventory: Inventory) -> list[dict[str, Any]]:
    """The seed's deleted clips (RECORD_DELETE) not marked missing."""
    return [
        row for row in inventory.clips if row["missing_since"] is None and row["status"] == DELETED
    ]


def expected_metrics(inventory: Inventory) -> dict[str, int]:
    """The tiles' numbers for the seed (and the deleted clips', apart, when there are some)."""
    rows = live(inventory)
    public = [r for r in rows if r["share_scope"] == "ANYONE"]
    metrics = {
        "total-clips": len(rows),
        "public-clips": len(public),
        "public-without-passcode": sum(1 for r in public if not r["enable_passcode"]),
        "total-bytes": sum(r["file_size"] or 0 for r in rows),
    }
    gone = deleted(inventory)
    if gone:
        metrics["deleted-clips"] = len(gone)
        metrics["deleted-bytes"] = sum(r["file_size"] or 0 for r in gone)
    return metrics


def expected_exposure(inventory: Inventory) -> dict[str, tuple[int, int]]:
    """Owner -> (public without passcode, public with one)."""
    out: dict[str, list[int]] = {}
    for row in live(inventory):
        if row["share_scope"] == "ANYONE":
            counts = out.setdefault(row["owner_id"] or NO_OWNER, [0, 0])
            counts[0 if not row["enable_passcode"] else 1] += 1
    return {owner: (bare, protected) for owner, (bare, protected) in out.items()}


def expected_storage(inventory: Inventory) -> dict[str, tuple[int, int]]:
    """Owner -> (bytes, clips)."""
    out: dict[str, list[int]] = {}
    for row in live(inventory):
        counts = out.setdefault(row["owner_id"] or NO_OWNER, [0, 0])
        counts[0] += row["file_size"] or 0
        counts[1] += 1
    return {owner: (size, count) for owner, (size, count) in out.items()}


def scopes_at(inventory: Inventory, when: datetime) -> Counter[str]:
    """Live clips by share scope at ``when``, replaying each clip's scope and status changes in
    order (a clip deleted at ``when`` is not counted)."""
    counts: Counter[str] = Counter()
    for row in inventory.clips:
        if row["first_seen"] > when or (row["missing_since"] and row["missing_since"] <= when):
            continue
        values = {}
        for field in ("share_scope", "status"):
            mine = sorted(
                (
                    c
                    for c in inventory.changes
                    if c["clip_id"] == row["clip_id"] and c["field"] == field
                ),
                key=lambda c: c["observed_at"],
            )
            value = mine[0]["old_value"] if mine else row[field]
            for change in mine:
                if change["observed_at"] <= when:
                    value = change["new_value"]
            values[field] = value
        if values["status"] != DELETED:
            counts[values["share_scope"]] += 1
    return counts
