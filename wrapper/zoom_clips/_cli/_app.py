"""The ``zoom-clips`` command group, whose usage errors are one ``error:`` line and exit 2.

Typer draws a usage error as a box of several lines and swallows Ctrl-C as a silent exit 130;
the group here runs the commands in non-standalone mode and reports both itself. Failures inside
a command are reported by ``_errors.reported``; with ``--debug`` they reach this group, which
prints the traceback and still exits 2.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Sequence
from typing import Any

import typer
from typer.core import TyperGroup
from typer.exceptions import TyperException

from ._errors import EXIT_ERROR, EXIT_INTERRUPTED, describe

__all__ = ["app"]


class _Group(TyperGroup):
    """Runs a command and turns whatever escapes it into an exit status and at most one line."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            outcome = super().main(
                args,
                prog_name,
                complete_var,
                standalone_mode=False,
                windows_expand_args=windows_expand_args,
                **extra,
            )
            code = outcome if isinstance(outcome, int) else 0
        except TyperException as exc:  # usage errors, including no arguments at all
            code = self._usage_error(exc)
        except typer.Abort:
            code = EXIT_INTERRUPTED
        except KeyboardInterrupt:
            traceback.print_exc()
            code = EXIT_INTERRUPTED
        except ModuleNotFoundError:
            raise  # a missing extra: the console script names the extra to install
        except Exception as exc:  # only with --debug: the command reports everything else
            traceback.print_exc()
            sys.stderr.write(f"error: {describe(exc)}\n")
            code = EXIT_ERROR
        if standalone_mode:
            sys.exit(code)
        return code

    @staticmethod
    def _usage_error(exc: TyperException) -> int:
        ctx = getattr(exc, "ctx", None)
        if type(exc).__name__ == "NoArgsIsHelpError" and ctx is not None:
            sys.stdout.write(ctx.get_help() + "\n")
            return EXIT_ERROR
        message = " ".join(exc.format_message().split())
        hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
        sys.stderr.write(f"error: {message}{hint}\n")
        return exc.exit_code if exc.exit_code > 1 else EXIT_ERROR


app = typer.Typer(
    cls=_Group,
    name="zoom-clips",
    help="List, audit and manage Zoom Clips across accounts, or serve a mock of Zoom's Clips API.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
)
