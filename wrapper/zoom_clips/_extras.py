"""The optional extras (``cli``, ``mock``): which modules each brings, and the line naming it.

The core package needs only httpx, attrs, dateutil and aiolimiter. The command line needs the
``cli`` extra (typer, rich) and the mock the ``mock`` extra (Starlette, uvicorn). Code that needs
an extra imports it as usual and, on :class:`ModuleNotFoundError`, asks :func:`extra_providing`
whether the missing module is one an extra installs; if so the user gets one line naming the
extra (``pip install 'zoom-clips[cli]'``), never a traceback ending in ``No module named typer``.
"""

from __future__ import annotations

import sys
from typing import NoReturn

EXIT_ERROR = 2  # the command line's exit status for every error

EXTRA_MODULES: dict[str, tuple[str, ...]] = {
    # click comes with typer; a broken install can lack it alone.
    "cli": ("typer", "rich", "click"),
    "mock": ("starlette", "uvicorn"),
    # psycopg is imported only for a postgresql:// --db, so it is not checked here; Jinja2
    # (and its markupsafe) only for `zoom-clips report`.
    "sync": ("sqlalchemy", "jinja2", "markupsafe"),
}


def extra_providing(exc: ModuleNotFoundError) -> str | None:
    """The extra that installs the module ``exc`` could not find, or None if no extra does."""
    top = (exc.name or "").partition(".")[0]
    for extra, modules in EXTRA_MODULES.items():
        if top in modules:
            return extra
    return None


def install_hint(what: str, extra: str, exc: ModuleNotFoundError) -> str:
    """One line: ``what`` needs ``extra``, the missing module, and the command that installs it.

    >>> install_hint("zoom-clips", "cli", ModuleNotFoundError(name="typer"))
    "zoom-clips needs the cli extra (typer is not installed): pip install 'zoom-clips[cli]'"
    """
    return (
        f"{what} needs the {extra} extra ({exc.name} is not installed): "
        f"pip install 'zoom-clips[{extra}]'"
    )


def reraise_naming_extra(extra: str, module: str, exc: ModuleNotFoundError) -> NoReturn:
    """Re-raise ``exc``, met while importing ``module``, as an error that names ``extra``.

    ``import module`` gets a :class:`ModuleNotFoundError` whose message is the install hint (and
    whose cause is ``exc``). ``python -m module`` imports ``module``'s package before its
    ``__main__``, so no ``__main__`` can catch this; while Python is still locating the ``-m``
    target (``sys.argv[0]`` is ``"-m"`` then), it prints one ``error:`` line and exits 2 instead.
    A missing module that no extra provides is re-raised unchanged.
    """
    if extra_providing(exc) != extra:
        raise exc
    if sys.argv[:1] == ["-m"] and module in sys.orig_argv:
        print(f"error: {install_hint(f'python -m {module}', extra, exc)}", file=sys.stderr)  # noqa: T201
        raise SystemExit(EXIT_ERROR)
    raise ModuleNotFoundError(install_hint(module, extra, exc), name=exc.name) from exc
