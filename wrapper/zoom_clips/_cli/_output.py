"""Where a command's output goes, and how it is laid out there.

``-o PATH`` never leaves a file half-written: rows go to a temporary file in the target's
directory, renamed over the target (keeping its permissions) only when the command succeeds; on
an error or Ctrl-C the old file is untouched and the temporary one removed. A target that is not
a regular file (``/dev/stdout``, a pipe, ``/dev/full``) cannot be replaced that way, so it is
written in place. The format follows the extension unless ``--format`` names one, and a table,
which is laid out for a terminal, is never written to a file. Tables on a terminal fold long
values; anywhere else they are as wide as their longest value, so a pipe gets full ids and links.

A table shows Zoom's text as data: a title is chosen by the clip's owner, so its control and
formatting characters (C0 and C1 controls, so ESC sequences; bidirectional overrides, zero-width
and other invisible format characters; line and paragraph separators) are printed escaped, as
``\x1b`` or ``\u202e``, and Rich markup or ``:emoji:`` codes in it are shown as typed.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
import unicodedata
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, TypeVar

from rich.console import Console, HighlighterType, JustifyMethod, OverflowMethod
from rich.style import Style
from rich.text import Text

from ._errors import CliError

__all__ = ["EXTENSIONS", "open_output", "output_format", "table_console", "terminal_text"]

F = TypeVar("F")

EXTENSIONS: Mapping[str, str] = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
_UNBOUNDED_WIDTH = 10_000  # wider than any row: rich then sizes each table to its content
# Control (Cc), format (Cf: bidi overrides, zero-width, BOM, tags), surrogate (Cs), and the
# line and paragraph separators (Zl, Zp): what could move, hide or reorder what a table shows.
_ESCAPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def output_format(given: str | None, output: Path | None, known: Mapping[str, F], *, table: F) -> F:
    """The format to write: ``--format`` if given, else the extension of ``-o``, else a table.

    A target that cannot be written is refused here, before anything is listed.
    """
    if output is not None:
        _check_target(output)
    if given is not None:
        fmt = known.get(given.strip().lower())
        if fmt is None:
            raise CliError(f"--format {given!r} is not one of {', '.join(known)}")
    elif output is None:
        fmt = table
    else:
        by_extension = {ext: known[name] for ext, name in EXTENSIONS.items() if name in known}
        inferred = by_extension.get(output.suffix.lower())
        if inferred is None:
            files = ", ".join(name for name in known if known[name] != table)
            raise CliError(
                f"cannot tell the format of -o {output} from its name: give --format "
                f"({files}) or use one of the extensions {', '.join(by_extension)}"
            )
        fmt = inferred
    if fmt == table and output is not None:
        raise CliError(
            "a table is laid out for a terminal and is not written to a file: "
            f"-o {output} needs --format {' or '.join(n for n in known if known[n] != table)}"
        )
    return fmt


def _escaped(char: str) -> str:
    if char in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[char]
    code = ord(char)
    return (
        f"\\x{code:02x}"
        if code < 0x100
        else f"\\u{code:04x}"
        if code < 0x10000
        else f"\\U{code:08x}"
    )


def terminal_text(text: str) -> str:
    r"""``text`` with every control and formatting character escaped, so a terminal shows it.

    >>> terminal_text("\x1b[2Jpay\u202eexe.mp4")
    '\\x1b[2Jpay\\u202eexe.mp4'
    """
    if text.isprintable():  # the common case: no control, format or separator character
        return text
    return "".join(
        _escaped(char) if unicodedata.category(char) in _ESCAPED_CATEGORIES else char
        for char in text
    )


class _DataConsole(Console):
    """A console whose strings are data: escaped (:func:`terminal_text`), never markup or emoji."""

    def render_str(  # rich's signature, as it is
        self,
        text: str,
        *,
        style: str | Style = "",
        justify: JustifyMethod | None = None,
        overflow: OverflowMethod | None = None,
        emoji: bool | None = None,  # ignored: ":smile:" in a title stays text
        markup: bool | None = None,  # ignored: "[red]" in a title stays text
        highlight: bool | None = None,
        highlighter: HighlighterType | None = None,
    ) -> Text:
        """``text`` as a :class:`~rich.text.Text`, escaped, with no markup or emoji read."""
        return super().render_str(
            terminal_text(text),
            style=style,
            justify=justify,
            overflow=overflow,
            emoji=False,
            markup=False,
            highlight=highlight,
            highlighter=highlighter,
        )


def table_console(out: IO[str]) -> Console:
    """A console for tables on ``out``: folded to a terminal's width, else never cut.

    Every string it prints is data (see the module docstring): our own table titles and lines
    use no markup, so none is read at all.
    """
    probe = Console(file=out)
    if probe.is_terminal:
        return _DataConsole(file=out, markup=False, emoji=False)
    return _DataConsole(
        file=out, width=_UNBOUNDED_WIDTH, highlight=False, markup=False, emoji=False
    )


def _check_target(path: Path) -> os.stat_result | None:
    """The target's status if it exists; an error a user can act on if it cannot be written."""
    try:
        status = path.stat()
    except FileNotFoundError:
        status = None
    except OSError as exc:
        raise CliError(f"cannot write -o {path}: {exc.strerror}") from exc
    if status is not None and stat.S_ISDIR(status.st_mode):
        raise CliError(f"-o {path} is a directory: name a file")
    if status is None or stat.S_ISREG(status.st_mode):
        parent = path.parent
        if not parent.is_dir():
            raise CliError(f"cannot write -o {path}: the directory {parent} does not exist")
    if status is not None and not os.access(path, os.W_OK):
        raise CliError(f"cannot write -o {path}: permission denied")
    return status


@contextlib.contextmanager
def _in_place(path: Path) -> Iterator[IO[str]]:
    try:
        handle = path.open("w", encoding="utf-8", newline="")
    except OSError as exc:
        raise CliError(f"cannot write -o {path}: {exc.strerror}") from exc
    try:
        yield handle
        handle.flush()
    except BaseException as exc:
        with contextlib.suppress(OSError):
            handle.close()
        if isinstance(exc, OSError) and exc.filename is None:  # a write failed (a full disk)
            raise CliError(f"cannot write -o {path}: {exc.strerror}") from exc
        raise
    else:
        try:
            handle.close()
        except OSError as exc:
            raise CliError(f"cannot write -o {path}: {exc.strerror}") from exc


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextlib.contextmanager
def _replacing(path: Path, old: os.stat_result | None) -> Iterator[IO[str]]:
    target = Path(os.path.realpath(path))  # through a symlink: replace the file, keep the link
    try:
        fd, temp_name = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError as exc:
        raise CliError(f"cannot write -o {path}: {exc.strerror}") from exc
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, stat.S_IMODE(old.st_mode) if old is not None else _new_file_mode())
        os.replace(temp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        exc.add_note(f"nothing was written to {path}")
        if isinstance(exc, OSError) and not isinstance(exc, FileNotFoundError):
            raise CliError(f"cannot write -o {path}: {exc.strerror}; {exc.__notes__[-1]}") from exc
        raise


@contextlib.contextmanager
def open_output(path: Path | None) -> Iterator[IO[str]]:
    """A text stream for the command's output: stdout, or ``path`` written all or nothing."""
    if path is None:
        yield sys.stdout
        return
    old = _check_target(path)
    if old is not None and not stat.S_ISREG(old.st_mode):
        with _in_place(path) as handle:
            yield handle
        return
    with _replacing(path, old) as handle:
        yield handle
