"""The options that say where a command connects, declared once for every command that does.

``--base-url``, ``--token-url``, ``--mock``, ``--mock-seed``, ``--mock-now`` and ``--debug``:
:func:`connected` puts them where the command's ``connection`` parameter is in its signature
(``--debug`` last), which typer reads for ``--help``, and hands the command one
:class:`Connection` instead of six parameters::

    @app.command("get")
    @reported
    @connected
    def get_clip(clip_id: str, *, connection: Connection) -> None:
        run = connection.run()
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any, TypeVar

import attrs

from ._listing import Run
from ._options import (
    BaseUrlOpt,
    DebugOpt,
    MockNowOpt,
    MockOpt,
    MockSeedOpt,
    TokenUrlOpt,
    parse_instant,
)

__all__ = ["Connection", "connected"]

R = TypeVar("R")


@attrs.frozen
class Connection:
    """Where one command connects: Zoom (or ``--base-url``), or an embedded mock."""

    base_url: str | None = None
    token_url: str | None = None
    mock: bool = False
    mock_seed: int = 0
    mock_now: str | None = None
    debug: bool = False

    def run(self) -> Run:
        """The command's connection and progress counters (a bad ``--mock-now`` is refused)."""
        return Run(
            mock=self.mock,
            base_url=self.base_url,
            token_url=self.token_url,
            mock_seed=self.mock_seed,
            mock_now=parse_instant(self.mock_now, option="--mock-now"),
        )


def _option(name: str, annotation: object, default: object) -> inspect.Parameter:
    return inspect.Parameter(
        name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation
    )


#: The options in the order ``--help`` lists them, with their defaults (Connection's too).
_WHERE = (
    _option("base_url", BaseUrlOpt, None),
    _option("token_url", TokenUrlOpt, None),
    _option("mock", MockOpt, False),
    _option("mock_seed", MockSeedOpt, 0),
    _option("mock_now", MockNowOpt, None),
)
_DEBUG = _option("debug", DebugOpt, False)
_OPTIONS = (*_WHERE, _DEBUG)


def connected(command: Callable[..., R]) -> Callable[..., R]:
    """``command`` taking the connection options, which reach it as ``connection``.

    typer reads the wrapper's ``__signature__``: the command's own parameters with the options
    in place of ``connection`` and ``--debug`` last. ``debug`` stays a keyword of the wrapper,
    where :func:`~._errors.reported` looks for it.
    """
    signature = inspect.signature(command, eval_str=True)
    names = list(signature.parameters)
    at = names.index("connection")
    own = [parameter for name, parameter in signature.parameters.items() if name != "connection"]

    @functools.wraps(command)
    def with_connection(*args: Any, **kwargs: Any) -> R:
        options = {option.name: kwargs.pop(option.name, option.default) for option in _OPTIONS}
        return command(*args, connection=Connection(**options), **kwargs)

    parameters = [*own[:at], *_WHERE, *own[at:], _DEBUG]
    with_connection.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=parameters
    )
    with_connection.__annotations__ = {p.name: p.annotation for p in parameters} | {
        "return": signature.return_annotation
    }
    return with_connection
