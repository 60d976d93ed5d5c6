"""Export rows, audit grouping and summaries: the pure half of the command line."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

from zoom_clips import Clip, ClipStatus, ShareLinkSettings, ShareScope
from zoom_clips._cli._export import AccountClip, JsonlSink, Summary, audit, clip_record, write_csv


def clip(
    clip_id: str, scope: ShareScope | str, *, passcode: str | None = None, **kw: object
) -> Clip:
    settings = ShareLinkSettings(
        enable_passcode=passcode is not None, passcode=passcode, share_scope=scope
    )
    fields: dict[str, object] = {
        "clip_id": clip_id,
        "title": f"t-{clip_id}",
        "owner_id": "owner-b" if clip_id > "m" else "owner-a",
        "status": ClipStatus.RECORD_SUCCESS,
        "share_link_settings": settings,
        "created_date": datetime(2025, 3, 1, 12, 0, 0, 631000, tzinfo=UTC),
        "modified_date": datetime(2025, 3, 2, 8, 0, tzinfo=UTC),
        "tags": ("a", "b"),
        **kw,
    }
    return Clip(**fields)  # type: ignore[arg-type]


def test_record_flattens_every_field_and_hides_the_passcode() -> None:
    """A record has every field in wire form; the passcode only when asked for."""
    item = AccountClip("acct", clip("c1", ShareScope.ANYONE, passcode="pa55", extra={"x": 1}))
    record = clip_record(item, include_passcodes=False)
    assert "passcode" not in record
    assert record["share_scope"] == "ANYONE"
    assert record["created_date"] == "2025-03-01T12:00:00.631Z"
    assert record["modified_date"] == "2025-03-02T08:00:00Z"
    assert record["tags"] == ["a", "b"]
    assert record["extra"] == {"x": 1}
    assert clip_record(item, include_passcodes=True)["passcode"] == "pa55"


def test_csv_joins_tags_and_writes_booleans_plainly() -> None:
    """CSV cells: tags joined by ';', booleans as true/false, unknown fields as JSON."""
    out = io.StringIO()
    items = [AccountClip("acct", clip("c1", "NEW_SCOPE", extra={"k": "v"}))]
    assert write_csv(items, out, include_passcodes=False) == 1
    (row,) = csv.DictReader(io.StringIO(out.getvalue()))
    assert row["tags"] == "a;b"
    assert row["enable_passcode"] == "false"
    assert row["share_scope"] == "NEW_SCOPE"  # an enum value Zoom adds later passes through
    assert json.loads(row["extra"]) == {"k": "v"}


def test_jsonl_is_one_object_per_line() -> None:
    """JSONL writes one parseable object per clip."""
    out = io.StringIO()
    sink = JsonlSink(out, include_passcodes=False)
    for n in range(3):
        sink.write(AccountClip("acct", clip(f"c{n}", ShareScope.PRIVATE)))
    assert sink.count == 3
    assert [json.loads(line)["clip_id"] for line in out.getvalue().splitlines()] == [
        "c0",
        "c1",
        "c2",
    ]


def test_audit_groups_public_clips_by_owner_passcodeless_first() -> None:
    """Only ANYONE clips are findings, grouped by owner; unprotected ones sort first."""
    items = [
        AccountClip("a1", clip("a-protected", ShareScope.ANYONE, passcode="p")),
        AccountClip("a1", clip("b-open", ShareScope.ANYONE)),
        AccountClip("a1", clip("c-private", ShareScope.PRIVATE)),
        AccountClip("a2", clip("z-open", ShareScope.ANYONE)),
        AccountClip("a2", clip("y-org", ShareScope.SAME_ORGANIZATION)),
    ]
    findings = audit(items)
    assert list(findings) == ["owner-a", "owner-b"]
    assert [f.clip_id for f in findings["owner-a"]] == ["b-open", "a-protected"]
    assert [f.has_passcode for f in findings["owner-a"]] == [False, True]
    assert [f.clip_id for f in findings["owner-b"]] == ["z-open"]


def test_summary_counts_by_account_status_and_scope() -> None:
    """The demo's summary counts every clip once in each breakdown."""
    summary = Summary()
    summary.add(AccountClip("a1", clip("c1", ShareScope.ANYONE)))
    summary.add(AccountClip("a1", clip("c2", ShareScope.SAME_ORGANIZATION, status="NEW")))
    summary.add(AccountClip("a2", clip("c3", ShareScope.ANYONE)))
    assert summary.total == 3
    assert summary.as_dict() == {
        "by_account": {"a1": 2, "a2": 1},
        "by_status": {"NEW": 1, "RECORD_SUCCESS": 2},
        "by_scope": {"ANYONE": 2, "SAME_ORGANIZATION": 1},
    }
