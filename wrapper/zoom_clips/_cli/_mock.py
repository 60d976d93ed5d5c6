"""``zoom-clips mock``: the mock server's own command line, under the name the user typed."""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Callable, Iterator
from typing import Any

import typer

from ._app import app
from ._errors import EXIT_ERROR, fail

__all__ = ["mock_server"]

PROG = "zoom-clips mock"
EXAMPLE = "zoom-clips mock --port 8765 --seed 7 --clips 5000 --qps 30"


@contextlib.contextmanager
def _named(module: Any) -> Iterator[None]:
    """Make the mock's parser call itself ``zoom-clips mock``, and end its help with an example."""
    original: Callable[[], argparse.ArgumentParser] | None = getattr(module, "_parser", None)
    if original is None:
        yield
        return

    def renamed() -> argparse.ArgumentParser:
        parser = original()
        parser.prog = PROG
        parser.epilog = f"example: {EXAMPLE}"
        return parser

    module._parser = renamed  # the mock's parser, renamed for this entry point
    try:
        yield
    finally:
        module._parser = original


@app.command(
    "mock",
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    add_help_option=False,
)
def mock_server(ctx: typer.Context) -> None:
    """Serve the mock Zoom Clips API on loopback until Ctrl-C (`zoom-clips mock --help`).

    Example:

        zoom-clips mock --port 8765 --seed 7 --clips 5000 --qps 30
    """
    from ..mock import __main__ as mock_module  # noqa: PLC0415 -- needs the mock extra

    try:
        with _named(mock_module):
            code = mock_module.main(list(ctx.args))
    except SystemExit as exc:  # argparse's --help (0) and usage errors (2), already printed
        code = exc.code if isinstance(exc.code, int) else EXIT_ERROR
    except OSError as exc:  # the mock reports these itself once it can; never a traceback here
        fail(f"the mock could not start: {exc.strerror or exc}")
    raise typer.Exit(code)
