"""What the commands accept: the shared options, and their text turned into values.

Options that need more than a type (dates, statuses, formats) are taken as text and parsed here,
so that a bad value is refused in the user's words (``--from``, not ``from_``) and never with a
validation library's prefix.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import attrs
import typer

from zoom_clips import ClipStatus

from ._errors import CliError

__all__ = [
    "AccountOpt",
    "BaseUrlOpt",
    "DateFilter",
    "DateFilterOpt",
    "DebugOpt",
    "ExcludeStatusOpt",
    "FileBaseUrlOpt",
    "FromOpt",
    "MockNowOpt",
    "MockOpt",
    "MockSeedOpt",
    "OutputOpt",
    "SearchOpt",
    "StatusOpt",
    "StatusSelection",
    "ToOpt",
    "TokenUrlOpt",
    "UserOpt",
    "filters",
    "parse_instant",
    "parse_statuses",
    "parse_when",
]

_RELATIVE = re.compile(r"(\d+)\s*([dw])", re.IGNORECASE)
_DATE_FORMS = "2025-01-31, 2025-01-31T12:00:00Z, today, yesterday, 30d (days ago) or 4w (weeks ago)"


class DateFilter(StrEnum):
    """Which date ``--from``/``--to`` compare against."""

    CREATED = "created"
    MODIFIED = "modified"


# Options shared by `list` and `audit`.
AccountOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--account",
        "-a",
        metavar="ID",
        help="Sub account id to list (repeat for several). With --mock and none given: all of "
        "the mock's sub accounts.",
    ),
]
FromOpt = Annotated[
    str | None,
    typer.Option(
        "--from",
        metavar="DATE",
        help="Start, inclusive: a date (2025-01-31), a date-time (2025-01-31T12:00:00Z), "
        "today, yesterday, 30d (30 days ago) or 4w (4 weeks ago). Default: Zoom's, today.",
    ),
]
ToOpt = Annotated[
    str | None,
    typer.Option(
        "--to",
        metavar="DATE",
        help="End, inclusive, in the same forms as --from. Ranges over a month are split.",
    ),
]
StatusOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--status",
        metavar="STATUS",
        help="Only clips in this status; repeat it or separate with commas for several; "
        "!STATUS leaves one out (--status '!RECORD_DELETE'). Statuses: "
        + ", ".join(s.value for s in ClipStatus)
        + ".",
    ),
]
ExcludeStatusOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--exclude-status",
        metavar="STATUS",
        help="Leave out clips in this status (repeat, or separate with commas): "
        "--exclude-status RECORD_DELETE is --status '!RECORD_DELETE'.",
    ),
]
UserOpt = Annotated[
    str | None,
    typer.Option("--user", metavar="USER", help="Only clips of this owner (user id or email)."),
]
SearchOpt = Annotated[
    str | None,
    typer.Option("--search", metavar="TEXT", help="Only clips whose title matches (any case)."),
]
DateFilterOpt = Annotated[
    DateFilter,
    typer.Option(
        "--date-filter",
        help="Compare --from/--to to the clips' created or modified date. created gives a "
        "stable inventory; by modified date, a clip edited while the listing runs can be "
        "listed twice.",
    ),
]
BaseUrlOpt = Annotated[
    str | None,
    typer.Option(
        "--base-url", metavar="URL", help="API base URL (default: $ZOOM_API_BASE_URL or Zoom's)."
    ),
]
FileBaseUrlOpt = Annotated[
    str | None,
    typer.Option(
        "--file-base-url",
        metavar="URL",
        help="The file API's base URL, where uploads go (default: $ZOOM_FILE_API_BASE_URL, "
        "else Zoom's for Zoom's API and {origin}/file/v2 of any other --base-url).",
    ),
]
TokenUrlOpt = Annotated[
    str | None,
    typer.Option(
        "--token-url",
        metavar="URL",
        help="OAuth token URL (default: $ZOOM_OAUTH_TOKEN_URL or Zoom's).",
    ),
]
MockOpt = Annotated[
    bool,
    typer.Option("--mock", help="Run against an embedded mock Zoom started for this command."),
]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")]
MockSeedOpt = Annotated[
    int, typer.Option("--mock-seed", help="With --mock: the seed of the mock's data set.")
]
MockNowOpt = Annotated[
    str | None,
    typer.Option(
        "--mock-now",
        metavar="DATETIME",
        help="With --mock: where the mock's clock starts, an ISO date-time (its data covers the "
        "12 months before it; relative dates count back from it). Default: the wall clock.",
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to this file instead of stdout, replacing it only when the command "
        "succeeds. The format follows the extension (.csv, .jsonl, .ndjson) unless --format "
        "is given.",
    ),
]


def parse_when(value: str | None, *, option: str, today: date) -> date | datetime | None:
    """``value`` as a date or an aware date-time; relative forms count back from ``today``."""
    if value is None:
        return None
    text = value.strip().lower()
    if text == "today":
        return today
    if text == "yesterday":
        return today - timedelta(days=1)
    relative = _RELATIVE.fullmatch(text)
    if relative:
        count, unit = int(relative.group(1)), relative.group(2)
        return today - timedelta(days=count * (7 if unit == "w" else 1))
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise CliError(f"{option} {value!r} is not a date: use {_DATE_FORMS}") from None
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def parse_instant(value: str | None, *, option: str) -> datetime | None:
    """``value`` as an aware date-time (a bare date is its midnight, UTC)."""
    if value is None:
        return None
    when = parse_when(value, option=option, today=datetime.now(UTC).date())
    if isinstance(when, datetime):
        return when
    assert when is not None  # noqa: S101 -- parse_when returns None only for None
    return datetime(when.year, when.month, when.day, tzinfo=UTC)


def _status(value: str, option: str) -> ClipStatus:
    for status in ClipStatus:
        if status.value == value.strip().upper():
            return status
    known = ", ".join(s.value for s in ClipStatus)
    raise CliError(f"{option} {value!r} is not a clip status: use one of {known}")


@attrs.frozen
class StatusSelection:
    """Which statuses ``--status``/``--exclude-status`` keep: ``include`` (empty: all) less
    ``exclude``. Zoom's listing filters by one status at most, so a single inclusion is sent to
    Zoom (``server_status``) and anything more is applied to each clip listed (``keeps``)."""

    include: frozenset[ClipStatus] = frozenset()
    exclude: frozenset[ClipStatus] = frozenset()

    @property
    def server_status(self) -> ClipStatus | None:
        """The one status to ask Zoom for, when that selects exactly these clips."""
        return next(iter(self.include)) if len(self.include) == 1 else None

    def keeps(self, status: ClipStatus | str | None) -> bool:
        """Whether a clip in ``status`` (an unknown or missing one too) is selected."""
        value = status.value if isinstance(status, ClipStatus) else status
        if self.include and value not in self.include:
            return False
        return value not in self.exclude


def parse_statuses(
    status: list[str] | None, exclude_status: list[str] | None = None
) -> StatusSelection:
    """``--status`` (repeated, comma-separated, ``!STATUS`` to leave out) and ``--exclude-status``,
    any case, or a line naming the value that is not a status."""
    include: set[ClipStatus] = set()
    exclude: set[ClipStatus] = set()
    for option, values in (("--status", status), ("--exclude-status", exclude_status)):
        for given in values or ():
            for value in given.split(","):
                text = value.strip()
                if not text:
                    raise CliError(f"{option} {given!r}: an empty status")
                if text.startswith("!"):
                    exclude.add(_status(text[1:], option))
                elif option == "--exclude-status":
                    exclude.add(_status(text, option))
                else:
                    include.add(_status(text, option))
    if include and include <= exclude:
        raise CliError(
            "--status and --exclude-status leave no status to list: "
            + ", ".join(sorted(include & exclude))
            + " is both wanted and left out"
        )
    return StatusSelection(frozenset(include - exclude), frozenset(exclude - include))


def _day(when: date | datetime) -> date:
    return when.date() if isinstance(when, datetime) else when


def filters(
    *,
    from_: str | None,
    to: str | None,
    statuses: StatusSelection,
    user: str | None,
    search: str | None,
    date_filter: DateFilter,
    today: date,
) -> dict[str, Any]:
    """The keyword arguments of ``clips.list_accounts`` for these options, checked.

    Of ``statuses`` only ``server_status`` is there: the listing keeps ``statuses.keeps``."""
    start = parse_when(from_, option="--from", today=today)
    end = parse_when(to, option="--to", today=today)
    if end is not None and start is None:
        raise CliError("--to needs --from: Zoom's API has no open-ended start")
    if start is not None and end is not None:
        later = (
            start > end
            if isinstance(start, datetime) and isinstance(end, datetime)
            else _day(start) > _day(end)
        )
        if later:
            raise CliError(f"--from {from_} is after --to {to}")
    return {
        "from_": start,
        "to": end,
        "status": statuses.server_status,
        "user_id": user,
        "search_key": search,
        "date_filter_type": "CREATED_DATE"
        if date_filter is DateFilter.CREATED
        else "MODIFIED_DATE",
    }
