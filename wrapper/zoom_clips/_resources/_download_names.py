"""Where a download goes: the target and its ``.part`` file, and the name a file host suggests.

``dest`` is a directory (the file is named from the file host's ``Content-Disposition``, else
``{clip_id}.mp4``) or a file path. The suggested name comes from a server, so it is reduced to a
plain base name before it touches the file system: ``filename*`` (RFC 5987/8187) before
``filename``, the last path step only (as ``curl -OJ`` does), no control characters, no leading
dots or spaces, never ``.``/``..`` and never the ``.part`` file itself.

>>> filename_from_disposition('attachment; filename="../../etc/passwd"')
'passwd'
>>> filename_from_disposition("attachment; filename*=UTF-8''%E2%82%AC%20rates.mp4")
'€ rates.mp4'
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path
from urllib.parse import unquote

import attrs

__all__ = [
    "PART_SUFFIX",
    "DownloadTarget",
    "filename_from_disposition",
    "resolve_target",
    "safe_filename",
]

PART_SUFFIX = ".part"
# A name longer than this is cut (keeping its extension): most file systems stop at 255 bytes.
_MAX_NAME_CHARS = 200
# One ``; name=value`` parameter: a token name, then a quoted string or a bare token.
_PARAMETER = re.compile(
    r""";\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)""",
)
_EXTENDED = re.compile(r"^([!#$&+^`{}~0-9A-Za-z-]*)'[^']*'(.*)$")


def _parameters(value: str) -> dict[str, str]:
    found: dict[str, str] = {}
    _, _, rest = value.partition(";")
    for name, raw in _PARAMETER.findall(";" + rest):
        text = raw.strip()
        if text.startswith('"') and text.endswith('"') and len(text) >= 2:
            text = re.sub(r"\\(.)", r"\1", text[1:-1])
        found.setdefault(name.lower(), text)
    return found


def _decode_extended(value: str) -> str | None:
    """The text of an RFC 8187 ``charset'lang'pct-encoded`` value, or ``None`` if unreadable."""
    match = _EXTENDED.match(value)
    if match is None:
        return None
    charset = match.group(1).lower() or "utf-8"
    if charset not in {"utf-8", "iso-8859-1"}:
        return None
    try:
        return unquote(match.group(2), encoding=charset, errors="strict")
    except (UnicodeDecodeError, LookupError):
        return None


def safe_filename(name: str) -> str | None:
    """``name`` as a plain base name fit for any directory, or ``None`` if nothing is left."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(char for char in base if unicodedata.category(char)[0] != "C")
    base = base.lstrip(". ").rstrip(". ")
    if len(base) > _MAX_NAME_CHARS:
        _, dot, extension = base.rpartition(".")
        keep = extension if dot and 0 < len(extension) <= 10 else ""
        base = base[: _MAX_NAME_CHARS - len(keep) - 1].rstrip(". ") + ("." + keep if keep else "")
    if not base or base.endswith(PART_SUFFIX):
        return None
    return base


def filename_from_disposition(value: str | None) -> str | None:
    """The safe file name a ``Content-Disposition`` header suggests, or ``None``."""
    if not value:
        return None
    parameters = _parameters(value)
    for candidate in (
        _decode_extended(parameters["filename*"]) if "filename*" in parameters else None,
        parameters.get("filename"),
    ):
        if candidate is not None and (name := safe_filename(candidate)) is not None:
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
    return safe_filename(f"{clip_id}.mp4") or "clip.mp4"


def resolve_target(dest: object, clip_id: str) -> DownloadTarget:
    """The target of ``dest`` (checked before any request: its directory must exist)."""
    if not isinstance(dest, str | os.PathLike):
        raise TypeError(f"dest must be a path (str or os.PathLike), not {type(dest).__name__}")
    path = Path(os.fspath(dest))
    if path.is_dir():
        return DownloadTarget(
            clip_id, path / ((safe_filename(clip_id) or "clip") + PART_SUFFIX), directory=path
        )
    if str(dest).endswith(("/", os.sep)):
        raise FileNotFoundError(f"dest {str(dest)!r} is not an existing directory")
    if not path.parent.is_dir():
        raise FileNotFoundError(f"the directory of dest {str(dest)!r} does not exist")
    if path.name.endswith(PART_SUFFIX):
        raise ValueError(f"dest {str(dest)!r} ends with {PART_SUFFIX}, the name of the resume file")
    return DownloadTarget(clip_id, path.with_name(path.name + PART_SUFFIX), path=path)
