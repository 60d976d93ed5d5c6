"""What the commands that read the inventory share: ``--db`` and its errors as one line.

``zoom_clips.inventory`` needs the ``sync`` extra (SQLAlchemy), so it is imported only when a
command reads the database: ``zoom-clips list`` and the online ``audit`` work without it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Annotated, Any

import typer

from zoom_clips._toolkit import normalize_range

from ._errors import CliError
from ._export import AccountClip
from ._options import StatusSelection

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

__all__ = ["AuditDbOpt", "DbOpt", "inventory", "inventory_errors", "stored_items"]

DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="URL",
        help="The inventory zoom-clips sync keeps: a SQLite path (default zoom-clips.db) or "
        "postgresql://USER@HOST/DB.",
    ),
]


@contextlib.contextmanager
def inventory_errors() -> Iterator[None]:
    """Turn the inventory's own errors (a bad ``--db``, an unknown clip) into one line, exit 2."""
    from ..inventory._db import InventoryError  # noqa: PLC0415 -- needs the sync extra

    try:
        yield
    except InventoryError as exc:
        raise CliError(str(exc)) from exc


@contextlib.contextmanager
def inventory(db: str | None) -> Iterator[Engine]:
    """The inventory's engine for ``--db``, disposed of when the command ends."""
    from ..inventory._queries import open_inventory  # noqa: PLC0415 -- needs the sync extra

    with inventory_errors():
        engine = open_inventory(db)
    try:
        with inventory_errors():
            yield engine
    finally:
        engine.dispose()


AuditDbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="URL",
        help="Audit the inventory zoom-clips sync keeps (a SQLite path or postgresql://...) "
        "instead of calling Zoom. Without --from/--to: every live clip in it.",
    ),
]


def stored_items(
    db: str,
    accounts: list[str] | None,
    query: dict[str, Any],
    statuses: StatusSelection,
    *,
    mock: bool,
    base_url: str | None,
    token_url: str | None,
) -> list[AccountClip]:
    """The inventory's live clips matching the listing's filters (``query``, ``statuses``)."""
    from ..inventory._queries import stored_clips  # noqa: PLC0415 -- needs the sync extra

    given = "--mock" if mock else "--base-url" if base_url else "--token-url" if token_url else None
    if given is not None:
        raise CliError(f"--db reads the inventory, not Zoom: {given} has nothing to do with it")
    span = normalize_range(query["from_"], query["to"], now=datetime.now(UTC))
    with inventory(db) as engine:
        return list(
            stored_clips(
                engine,
                accounts=accounts,
                span=span,
                date_filter_type=query["date_filter_type"],
                statuses=sorted(s.value for s in statuses.include) or None,
                exclude_statuses=sorted(s.value for s in statuses.exclude),
                user_id=query["user_id"],
                search_key=query["search_key"],
            )
        )
