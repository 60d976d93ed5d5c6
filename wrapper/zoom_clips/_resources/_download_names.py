"""Where a download goes: the target and its ``.part`` file, and the name a file host suggests.

``dest`` is a directory (the file is named from the file host's ``Content-Disposition``, else
``{clip_id}.mp4``) or a file path. The suggested name comes from a server, and Zoom's holds the
clip's title, which its owner chose; so it is made into a plain base name that every file system
takes before it touches one: ``filename*`` (RFC 5987/8187, read by ``email.message``) before
``filename``; path separators (``/``, ``\\``) replaced by ``_``, never cut at (``Q3/Q4 plan``
is ``Q3_Q4 plan.mp4``, and ``..`` steps are dropped); the characters Windows refuses
(``<>:"|?*``) replaced by ``_``; tabs and line or paragraph breaks a space, other control and
format characters (a bidi override) dropped; no leading dots or spaces, no trailing ones; never
a name Windows reserves (``CON``, ``NUL.mp4``, ``COM1``: an ``_`` goes in front); at most 200
bytes of UTF-8, cut before the extension; always an extension (``.mp4`` when the name has none);
never ``.``/``..`` nor the ``.part`` file itself.

>>> filename_from_disposition('attachment; filename="../../etc/passwd"')
'etc_passwd.mp4'
>>> filename_from_disposition("attachment; filename*=UTF-8''%E2%82%AC%20rates.mp4")
'€ rates.mp4'
>>> filename_from_disposition('attachment; filename="con.mp4"')
'_con.mp4'
"""

from __future__ import annotations

import email.message
import os
import re
import unicodedata
from pathlib import Path

import attrs

__all__ = [
    "DEFAULT_EXTENSION",
    "PART_SUFFIX",
    "DownloadTarget",
    "filename_from_disposition",
    "portable_name",
    "resolve_target",
    "safe_filename",
]

PART_SUFFIX = ".part"
DEFAULT_EXTENSION = ".mp4"  # what Zoom's file host serves (video/mp4)
# A name longer than this is cut (keeping its extension): most file systems stop at 255 bytes,
# and a name may still grow (the CLI adds `` [CLIP_ID]`` to a name another clip has).
_MAX_NAME_BYTES = 200
# An extension: a dot, then up to 10 letters and digits with at least one letter (not "3.5").
_EXTENSION = re.compile(r"\.(?=[0-9]*[A-Za-z])[A-Za-z0-9]{1,10}$")
_WINDOWS_REFUSES = re.compile(r'[<>:"|?*]')
# Names Windows reserves for devices, with any extension (``NUL.mp4`` too), in any case.
_WINDOWS_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{device}{n}" for device in ("COM", "LPT") for n in "0123456789\u00b9\u00b2\u00b3"}
)
#: The charsets RFC 8187 has every recipient read; a ``filename*`` in another is not trusted.
_EXTENDED_CHARSETS = frozenset({"utf-8", "iso-8859-1"})


def _suggested_names(value: str) -> list[str]:
    """The names ``value`` suggests, best first: each readable ``filename*``, then ``filename``.

    The standard library's ``email.message`` splits the parameters (quoted strings, escapes,
    RFC 2231 continuations) and percent-decodes ``filename*``, whose bytes it leaves as Latin-1
    characters for the charset it names; its ``get_filename`` would prefer a plain ``filename``,
    RFC 6266 says the extended one goes first.
    """
    message = email.message.Message()
    message["content-disposition"] = value
    extended: list[str] = []
    plain: list[str] = []
    for name, parameter in message.get_params([], header="content-disposition")[1:]:
        if name.lower() != "filename":
            continue
        if isinstance(parameter, tuple):
            decoded = _decode_extended(*parameter)
            if decoded is not None:
                extended.append(decoded)
        else:
            plain.append(parameter)
    return extended + plain


def _decode_extended(charset: str | None, _language: str | None, text: str) -> str | None:
    """The text of an RFC 8187 ``charset'lang'pct-encoded`` value, or ``None`` if unreadable."""
    if charset is None:  # no ``charset'lang'`` prefix: not an extended value
        return None
    charset = charset.lower() or "utf-8"
    if charset not in _EXTENDED_CHARSETS:
        return None
    try:
        return text.encode("latin-1").decode(charset, errors="strict")
    except UnicodeError:  # raw non-Latin-1 characters, or bytes the charset does not have
        return None


def _plain_step(step: str) -> str:
    """One path step without the characters some file system or terminal would act on."""
    kept = []
    for char in step:
        if char in "\t\n\r\v\f" or unicodedata.category(char) in ("Zl", "Zp"):
            kept.append(" ")
        elif unicodedata.category(char)[0] != "C":
            kept.append(char)
    return _WINDOWS_REFUSES.sub("_", "".join(kept))


def _cut(base: str, limit: int) -> str:
    """``base`` cut to ``limit`` UTF-8 bytes at a character boundary, keeping its extension."""
    if len(base.encode()) <= limit:
        return base
    match = _EXTENSION.search(base)
    extension = match.group() if match else ""
    stem = base[: len(base) - len(extension)]
    room = limit - len(extension.encode())
    stem = stem.encode()[:room].decode(errors="ignore").rstrip(". ")
    return stem + extension


def portable_name(name: str) -> str | None:
    """``name`` as one plain base name any file system takes, or ``None`` if nothing is left.

    Separators are replaced, never cut at; no extension is added (see :func:`safe_filename`).
    """
    steps = [_plain_step(step) for step in name.replace("\\", "/").split("/")]
    base = "_".join(step for step in steps if step.strip(". "))
    base = _cut(base.lstrip(". ").rstrip(". "), _MAX_NAME_BYTES)
    if not base:
        return None
    if base.split(".", 1)[0].rstrip(" ").upper() in _WINDOWS_RESERVED:
        base = "_" + base
    return base


def safe_filename(name: str) -> str | None:
    """``name`` as a plain base name fit for any directory, or ``None`` if nothing is left.

    It always ends in an extension (``.mp4`` when ``name`` has none) and is never a ``.part``.
    """
    base = portable_name(name)
    if base is None:
        return None
    if _EXTENSION.search(base) is None:
        base = portable_name(
            _cut(base, _MAX_NAME_BYTES - len(DEFAULT_EXTENSION)) + DEFAULT_EXTENSION
        )
    if base is None or base.endswith(PART_SUFFIX):
        return None
    return base


def filename_from_disposition(value: str | None) -> str | None:
    """The safe file name a ``Content-Disposition`` header suggests, or ``None``."""
    if not value:
        return None
    for candidate in _suggested_names(value):
        if (name := safe_filename(candidate)) is not None:
            return name
    return None


@attrs.frozen
class DownloadTarget:
    """Where one clip's bytes go: ``part`` while they arrive, then the final file.

    ``path`` is the file path the caller gave, or ``None`` when ``directory`` is the target and
    the name comes from the file host.
    """

    clip_id: str
    part: Path
    path: Path | None = None
    directory: Path | None = None

    def final_path(self, suggested: str | None) -> Path:
        """The file the finished part becomes, given the name the file host suggested."""
        if self.path is not None:
            return self.path
        assert self.directory is not None  # noqa: S101 -- one of the two is always set
        return self.directory / (suggested or default_name(self.clip_id))


def default_name(clip_id: str) -> str:
    """``{clip_id}.mp4``, made safe as any suggested name is."""
    return safe_filename(f"{clip_id}{DEFAULT_EXTENSION}") or f"clip{DEFAULT_EXTENSION}"


def resolve_target(dest: object, clip_id: str) -> DownloadTarget:
    """The target of ``dest`` (checked before any request: its directory must exist)."""
    if not isinstance(dest, str | os.PathLike):
        raise TypeError(f"dest must be a path (str or os.PathLike), not {type(dest).__name__}")
    path = Path(os.fspath(dest))
    if path.is_dir():
        return DownloadTarget(
            clip_id, path / ((portable_name(clip_id) or "clip") + PART_SUFFIX), directory=path
        )
    if str(dest).endswith(("/", os.sep)):
        raise FileNotFoundError(f"dest {str(dest)!r} is not an existing directory")
    if not path.parent.is_dir():
        raise FileNotFoundError(f"the directory of dest {str(dest)!r} does not exist")
    if path.name.endswith(PART_SUFFIX):
        raise ValueError(f"dest {str(dest)!r} ends with {PART_SUFFIX}, the name of the resume file")
    return DownloadTarget(clip_id, path.with_name(path.name + PART_SUFFIX), path=path)
