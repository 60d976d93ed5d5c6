"""Every failure of every command as one ``error:`` line and exit 2 (tracebacks with ``--debug``).

``reported`` wraps each command; ``describe`` says what failed in the user's words: the option,
the URL that could not be reached, the account a status error came from, the tracking id. A note
added to an exception (``nothing was written to clips.csv``) ends its line.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import sys
from collections.abc import Callable
from typing import NoReturn, ParamSpec, TypeVar

import httpx
import typer
from rich.console import Console
from typer.exceptions import TyperException

from zoom_clips import (
    APIConnectionError,
    APIStatusError,
    AuthenticationError,
    MissingScopesError,
    PermissionDeniedError,
    RateLimitError,
    TransferError,
    UploadError,
    ZoomClipsError,
)

__all__ = ["EXIT_ERROR", "EXIT_INTERRUPTED", "CliError", "describe", "fail", "reported", "say"]

EXIT_ERROR = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: the reader (`| head`) stopped; not the command's error

_ACCOUNT_PATH = re.compile(r"/accounts/([^/]+)/clips$")
# The library speaks in keyword arguments; the command line in options.
_CLI_WORDS = (
    ("from_=", "--from"),
    ("to=", "--to"),
    ("from_", "--from"),
    ("multipart_threshold=", "--multipart-threshold "),
    ("part_size=", "--part-size "),
    ("file_base_url", "--file-base-url"),
    ("base_url", "--base-url"),
    ("token_url", "--token-url"),
)

P = ParamSpec("P")
R = TypeVar("R")


class CliError(Exception):
    """A problem the user can fix, printed as it is: one ``error:`` line, exit 2."""


def _stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def say(message: str) -> None:
    """Print one line on stderr, unwrapped (what a command did, for a person or a log)."""
    _stderr().print(message, markup=False)


def fail(message: str) -> NoReturn:
    """Print ``error: message`` on stderr and exit 2."""
    _stderr().print(f"error: {message}", markup=False)
    raise typer.Exit(EXIT_ERROR)


def _where(url: httpx.URL) -> str:
    """A URL without its query (which can be long, and is the user's own input anyway)."""
    return str(url.copy_with(query=None, fragment=None))


def _status_parts(exc: APIStatusError) -> list[str]:
    parts = [f"HTTP {exc.status_code}"]
    if exc.code is not None:
        parts.append(f"Zoom code {exc.code}")
    if exc.message:
        parts.append(exc.message)
    if isinstance(exc, RateLimitError) and exc.retry_after is not None:
        parts.append(f"retry after {exc.retry_after.isoformat()}")
    if exc.tracking_id:
        parts.append(f"tracking id {exc.tracking_id}")
    return parts


def _describe_zoom(exc: ZoomClipsError) -> str:
    if isinstance(exc, APIConnectionError):
        cause = exc.__cause__
        reason = f"{type(cause).__name__}: {cause}" if cause is not None else str(exc)
        if exc.request is None:
            return f"could not reach Zoom: {reason}"
        return f"could not reach {_where(exc.request.url)} ({reason})"
    if isinstance(exc, APIStatusError):
        url = exc.response.request.url
        account = _ACCOUNT_PATH.search(url.path)
        operation = _operation(exc.response.request)
        if isinstance(exc, AuthenticationError) and account is None and operation is None:
            reason = exc.message or f"HTTP {exc.status_code}"
            tracking = f"; tracking id {exc.tracking_id}" if exc.tracking_id else ""
            return (
                f"the token endpoint {_where(url)} refused the credentials: {reason}{tracking} "
                "(check ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET)"
            )
        what = (
            f"listing the clips of account {account.group(1)}"
            if account
            else operation or "listing clips"
        )
        return f"{what} failed: " + "; ".join([*_status_parts(exc), *_no_rerun(exc)])
    if isinstance(exc, TransferError | UploadError):
        return str(exc)
    return f"listing clips failed: {exc}"


# Zoom's codes of a refusal that only a change of the app or its permissions can lift.
_PERMISSION_CODES = frozenset({1003, 4711})


def _no_rerun(exc: APIStatusError) -> list[str]:
    """What to do instead of running the command again, for a refusal a rerun cannot fix."""
    if isinstance(exc, MissingScopesError):
        scopes = ", ".join(exc.scopes) or "the ones Zoom names"
        return [
            f"the token lacks the scope(s) {scopes}: add them to the app in Zoom's Marketplace "
            "(a new token carries them); running the command again will not help"
        ]
    if isinstance(exc, PermissionDeniedError) and exc.code in _PERMISSION_CODES:
        return [
            "running the command again will not help: the app's scopes or the user's role "
            "must allow it first"
        ]
    return []


# The admin commands' operations, by method and the path's end, in the user's words.
_OPERATIONS = (
    ("GET", re.compile(r"/clips$"), "listing clips"),
    ("POST", re.compile(r"/clips/transfers$"), "starting the transfer"),
    ("POST", re.compile(r"/clips/files$"), "uploading the file"),  # zoom-clips upload
    ("POST", re.compile(r"/clips/files/multipart$"), "uploading a part"),
    ("POST", re.compile(r"/clips/files/multipart/upload_events$"), "the multipart upload"),
    ("GET", re.compile(r"/clips/transfers/([^/]+)$"), "checking transfer task {}"),
    ("GET", re.compile(r"/clips/([^/]+)/collaborators$"), "listing the collaborators of clip {}"),
    ("DELETE", re.compile(r"/clips/([^/]+)/collaborators$"), "removing a collaborator of clip {}"),
    ("GET", re.compile(r"/clips/([^/]+)$"), "getting clip {}"),
    ("DELETE", re.compile(r"/clips/([^/]+)$"), "deleting clip {}"),
)


def _operation(request: httpx.Request) -> str | None:
    """What a request to the API was doing (``"getting clip ID"``); ``None``: not one of these."""
    for method, path, words in _OPERATIONS:
        found = path.search(request.url.path)
        if request.method == method and found:
            return words.format(*found.groups())
    return None


def _in_cli_words(message: str) -> str:
    for library, cli in _CLI_WORDS:
        message = message.replace(library, cli)
    return message


def describe(exc: BaseException) -> str:
    """One line saying what failed, ending with the exception's notes."""
    if isinstance(exc, CliError):
        text = str(exc)
    elif isinstance(exc, ZoomClipsError):
        text = _describe_zoom(exc)
    elif isinstance(exc, OSError) and exc.strerror:
        target = f" {exc.filename}" if exc.filename else ""
        text = f"cannot write{target}: {exc.strerror}"
    elif isinstance(exc, ValueError):
        text = _in_cli_words(str(exc))
    else:
        text = f"{type(exc).__name__}: {exc}"
    notes = getattr(exc, "__notes__", [])
    return "; ".join([" ".join(text.split()), *notes])


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush cannot fail on the closed pipe."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    with contextlib.suppress(OSError, ValueError):
        os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def reported(command: Callable[P, R]) -> Callable[P, R]:
    """Run ``command``, turning any failure into one line and exit 2 (130 for Ctrl-C).

    With ``debug=True`` among its keyword arguments the exception propagates with its traceback.
    """

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort):
            raise
        except BrokenPipeError:
            _silence_stdout()
            raise typer.Exit(EXIT_BROKEN_PIPE) from None
        except KeyboardInterrupt as exc:
            if kwargs.get("debug"):
                raise
            notes = getattr(exc, "__notes__", [])
            _stderr().print("; ".join(["interrupted", *notes]), markup=False)
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except TyperException:
            raise  # a usage error: the command group prints it as one line
        except ModuleNotFoundError:
            raise  # a missing extra: the console script (zoom_clips._entry) names it
        except Exception as exc:
            if kwargs.get("debug"):
                raise
            fail(describe(exc))

    return run
