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
        if args is None:
            args = sys.argv[1:]
        try:
            outcome = super().main(
                self._dash_ids_as_arguments(list(args)),
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

    def _dash_ids_as_arguments(self, args: list[str]) -> list[str]:
        """``args`` with the arguments that begin with ``-`` (clip ids such as ``-xK2...``: Zoom's
        ids are base64url) moved behind ``--``, where click takes them as arguments.

        A token counts as an argument when it is longer than two characters and neither one of
        the command's options nor a short option with its value attached (``-o/tmp/x``); an id
        that could be read as one of those still needs ``--`` before it, as the error says.
        """
        command = self.commands.get(args[0]) if args else None
        if command is None or not _has_arguments(command.params):
            return args
        takes_value = {  # (typer vendors its own click: its classes, read by their attributes)
            name: not (getattr(param, "is_flag", False) or getattr(param, "count", False))
            for param in command.params
            if param.param_type_name == "option"
            for name in (*param.opts, *param.secondary_opts)
        }
        options: list[str] = []
        arguments: list[str] = []
        rest = args[1:]
        index = 0
        while index < len(rest):
            token = rest[index]
            index += 1
            if token == "--":  # noqa: S105 -- click's end of options, not a password
                arguments.extend(rest[index:])
                break
            name = token.split("=", 1)[0]
            if token.startswith("--") or token in takes_value or token[:2] in takes_value:
                options.append(token)
                if takes_value.get(name) and "=" not in token and index < len(rest):
                    options.append(rest[index])
                    index += 1
            elif token.startswith("-") and len(token) <= 2:
                options.append(token)  # an unknown short option: click says so
            else:
                arguments.append(token)
        if not any(argument.startswith("-") for argument in arguments):
            return args
        return [args[0], *options, "--", *arguments]

    @staticmethod
    def _usage_error(exc: TyperException) -> int:
        ctx = getattr(exc, "ctx", None)
        if type(exc).__name__ == "NoArgsIsHelpError" and ctx is not None:
            sys.stdout.write(ctx.get_help() + "\n")
            return EXIT_ERROR
        message = " ".join(exc.format_message().split())
        option = getattr(exc, "option_name", None)
        if (
            isinstance(option, str)
            and not option.startswith("--")
            and ctx is not None
            and _has_arguments(ctx.command.params)
        ):
            message += (
                f"; if {option}... is an id that begins with '-', put '--' before the ids "
                "(after the options)"
            )
        hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
        sys.stderr.write(f"error: {message}{hint}\n")
        return exc.exit_code if exc.exit_code > 1 else EXIT_ERROR


def _has_arguments(params: Sequence[Any]) -> bool:
    return any(param.param_type_name == "argument" for param in params)


app = typer.Typer(
    cls=_Group,
    name="zoom-clips",
    help="List, audit and manage Zoom Clips across accounts, or serve a mock of Zoom's Clips API.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
)
