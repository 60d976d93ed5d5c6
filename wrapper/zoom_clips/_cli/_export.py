"""Turning clips into export rows, audit findings and summaries (the CLI's pure half).

Nothing here does I/O beyond writing to a text stream it is handed, so the command line, the
demo and the tests share one definition of what a CSV row or an audit finding is.

Every text cell of a CSV we write is neutralised against formula injection (OWASP's rule): a
clip owner picks the title, and a spreadsheet would run ``=HYPERLINK(...)``. A cell that starts
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (after any leading single quotes) gets
one more single quote in front; :func:`csv_text` takes it off again, so our own readers
(``delete --from-audit``) get the exact text back, a clip id that starts with ``-`` included.
JSON and JSON Lines keep the exact text; the characters a terminal would act on (C1 controls,
bidirectional and zero-width format characters, line separators) are written as ``\\uXXXX``
escapes there, which every JSON reader turns back into the same text.

>>> csv_cell_text("=SUM(1+1)")
"'=SUM(1+1)"
>>> csv_text(csv_cell_text("-Ab3_clip")), csv_text(csv_cell_text("'-Ab3_clip"))
('-Ab3_clip', "'-Ab3_clip")
"""

from __future__ import annotations

import csv
import json
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from datetime import datetime
from enum import Enum
from typing import IO, Any

import attrs

from zoom_clips import Clip
from zoom_clips._toolkit import AccountClip

__all__ = [
    "CSV_FIELDS",
    "AccountClip",
    "AuditFinding",
    "CsvSink",
    "JsonlSink",
    "NeutralisingCsvWriter",
    "Summary",
    "audit",
    "clip_record",
    "csv_cell_text",
    "csv_fields",
    "csv_text",
    "csv_writer",
    "json_line",
    "write_csv",
]

TAG_SEPARATOR = ";"
# What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NEUTRALISER = "'"
# What json.dumps(ensure_ascii=False) leaves raw that a terminal would act on (see the docstring).
_ESCAPED_IN_JSON = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})

CSV_FIELDS: tuple[str, ...] = (
    "account_id",
    "clip_id",
    "title",
    "description",
    "duration",
    "status",
    "owner_id",
    "file_size",
    "share_link",
    "share_scope",
    "enable_passcode",
    "passcode",
    "thumbnail_link",
    "created_date",
    "modified_date",
    "tags",
    "extra",
)


def csv_fields(*, include_passcodes: bool) -> tuple[str, ...]:
    """The CSV header: every field, with ``passcode`` only when asked for."""
    return CSV_FIELDS if include_passcodes else tuple(f for f in CSV_FIELDS if f != "passcode")


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        spec = "milliseconds" if value.microsecond else "seconds"
        return value.isoformat(timespec=spec).replace("+00:00", "Z")
    return value


def clip_record(item: AccountClip, *, include_passcodes: bool) -> dict[str, Any]:
    """One clip as a flat JSON-ready dict; the passcode is left out unless asked for."""
    clip = item.clip
    settings = clip.share_link_settings
    record: dict[str, Any] = {
        "account_id": item.account_id,
        "clip_id": clip.clip_id,
        "title": clip.title,
        "description": clip.description,
        "duration": clip.duration,
        "status": _plain(clip.status),
        "owner_id": clip.owner_id,
        "file_size": clip.file_size,
        "share_link": clip.share_link,
        "share_scope": _plain(settings.share_scope) if settings else None,
        "enable_passcode": settings.enable_passcode if settings else None,
        "passcode": settings.passcode if settings and include_passcodes else None,
        "thumbnail_link": clip.thumbnail_link,
        "created_date": _plain(clip.created_date),
        "modified_date": _plain(clip.modified_date),
        "tags": list(clip.tags),
        "extra": dict(clip.extra),
    }
    if not include_passcodes:
        del record["passcode"]
    return record


def csv_cell_text(text: str) -> str:
    """``text`` as a CSV cell no spreadsheet reads as a formula (see the module docstring)."""
    if text.lstrip(_NEUTRALISER).startswith(_FORMULA_STARTS):
        return _NEUTRALISER + text
    return text


def csv_text(cell: str) -> str:
    """The text a cell written by :func:`csv_cell_text` stands for (its inverse)."""
    if cell.startswith(_NEUTRALISER) and cell.lstrip(_NEUTRALISER).startswith(_FORMULA_STARTS):
        return cell[len(_NEUTRALISER) :]
    return cell


class NeutralisingCsvWriter:
    """A ``csv.writer`` whose text cells pass through :func:`csv_cell_text`."""

    def __init__(self, out: IO[str]) -> None:
        self._writer = csv.writer(out)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow(csv_cell_text(c) if isinstance(c, str) else c for c in row)


def csv_writer(out: IO[str]) -> NeutralisingCsvWriter:
    """A CSV writer for ``out`` that neutralises every text cell (``writerow`` only)."""
    return NeutralisingCsvWriter(out)


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list):
        return csv_cell_text(TAG_SEPARATOR.join(str(v) for v in value))
    if isinstance(value, dict):
        return csv_cell_text(json.dumps(value, sort_keys=True)) if value else ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return csv_cell_text(value)
    return value


class CsvSink:
    """Writes clips as CSV as they arrive: a header, then a row per clip (tags joined by ``;``).

    The header is written with the first row (or by ``finish`` when there is none), so a listing
    that fails before its first page leaves nothing on the stream.
    """

    def __init__(self, out: IO[str], *, include_passcodes: bool) -> None:
        self._include_passcodes = include_passcodes
        self._writer = csv.DictWriter(
            out, fieldnames=csv_fields(include_passcodes=include_passcodes)
        )
        self._started = False
        self.count = 0

    def _start(self) -> None:
        if not self._started:
            self._writer.writeheader()
            self._started = True

    def write(self, item: AccountClip) -> None:
        """Write one clip."""
        self._start()
        record = clip_record(item, include_passcodes=self._include_passcodes)
        self._writer.writerow({key: _csv_cell(value) for key, value in record.items()})
        self.count += 1

    def finish(self) -> None:
        """Write the header if no clip came (an empty listing is still a CSV with its header)."""
        self._start()


def _json_escape(char: str) -> str:
    if unicodedata.category(char) not in _ESCAPED_IN_JSON:
        return char
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    high, low = divmod(code - 0x10000, 0x400)
    return f"\\u{0xD800 + high:04x}\\u{0xDC00 + low:04x}"


def json_line(record: Mapping[str, Any]) -> str:
    """``record`` as one line of JSON: readable UTF-8, with what a terminal acts on escaped."""
    line = json.dumps(record, ensure_ascii=False)
    if line.isprintable():  # the common case: nothing to escape
        return line
    return "".join(_json_escape(char) for char in line)


class JsonlSink:
    """Writes clips as JSON Lines as they arrive: one object per clip."""

    def __init__(self, out: IO[str], *, include_passcodes: bool) -> None:
        self._out = out
        self._include_passcodes = include_passcodes
        self.count = 0

    def write(self, item: AccountClip) -> None:
        """Write one clip."""
        record = clip_record(item, include_passcodes=self._include_passcodes)
        self._out.write(json_line(record) + "\n")
        self.count += 1

    def finish(self) -> None:
        """Nothing to add: an empty listing is an empty JSON Lines stream."""


def write_csv(items: Iterable[AccountClip], out: IO[str], *, include_passcodes: bool) -> int:
    """Write all ``items`` as CSV with a header; return the row count."""
    sink = CsvSink(out, include_passcodes=include_passcodes)
    for item in items:
        sink.write(item)
    sink.finish()
    return sink.count


@attrs.frozen
class AuditFinding:
    """A clip anyone with the link can watch."""

    account_id: str
    owner_id: str
    clip_id: str
    title: str
    share_link: str
    has_passcode: bool


def _is_public(clip: Clip) -> bool:
    settings = clip.share_link_settings
    return settings is not None and _plain(settings.share_scope) == "ANYONE"


def _has_passcode(clip: Clip) -> bool:
    settings = clip.share_link_settings
    return bool(settings and settings.enable_passcode)


def audit(items: Iterable[AccountClip]) -> dict[str, list[AuditFinding]]:
    """Clips shared with ``ANYONE``, grouped by owner, owners sorted; passcode-less ones first."""
    by_owner: dict[str, list[AuditFinding]] = defaultdict(list)
    for item in items:
        clip = item.clip
        if not _is_public(clip):
            continue
        owner = clip.owner_id or "(unknown owner)"
        by_owner[owner].append(
            AuditFinding(
                account_id=item.account_id,
                owner_id=owner,
                clip_id=clip.clip_id or "",
                title=clip.title or "",
                share_link=clip.share_link or "",
                has_passcode=_has_passcode(clip),
            )
        )
    return {
        owner: sorted(findings, key=lambda f: (f.has_passcode, f.clip_id))
        for owner, findings in sorted(by_owner.items())
    }


@attrs.define
class Summary:
    """Counts of the clips seen, by account, status and share scope."""

    by_account: Counter[str] = attrs.field(factory=Counter)
    by_status: Counter[str] = attrs.field(factory=Counter)
    by_scope: Counter[str] = attrs.field(factory=Counter)

    def add(self, item: AccountClip) -> None:
        """Count one clip."""
        clip = item.clip
        settings = clip.share_link_settings
        self.by_account[item.account_id] += 1
        self.by_status[str(_plain(clip.status) or "(none)")] += 1
        scope = _plain(settings.share_scope) if settings else None
        self.by_scope[str(scope or "(none)")] += 1

    @property
    def total(self) -> int:
        """How many clips were counted."""
        return sum(self.by_account.values())

    def as_dict(self) -> Mapping[str, Mapping[str, int]]:
        """The counts as plain sorted dicts."""
        return {
            "by_account": dict(sorted(self.by_account.items())),
            "by_status": dict(sorted(self.by_status.items())),
            "by_scope": dict(sorted(self.by_scope.items())),
        }
