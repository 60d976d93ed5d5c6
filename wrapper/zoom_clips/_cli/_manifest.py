"""``DIR/manifest.json`` of ``zoom-clips download``: what is already complete, and each file's name.

The manifest lists every clip downloaded into the directory: ``clip_id``, ``file`` (its name in
the directory), ``size`` and ``sha256``. It is rewritten atomically (a temporary file renamed
over it) after each file, so an interrupted run leaves a manifest that is true. A clip is
skipped when its entry has the clip's current size and the file is there with that size.

Names come from the file host (the clip's title); two clips with the same title, or a title
that would be ``manifest.json``, get the clip id added: ``Weekly sync [CLIP_ID].mp4``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import attrs

from zoom_clips import Clip
from zoom_clips._toolkit import DownloadResult

from ._errors import CliError

__all__ = ["MANIFEST_NAME", "Manifest"]

MANIFEST_NAME = "manifest.json"
_VERSION = 1


@attrs.frozen
class Entry:
    """One downloaded clip of the manifest."""

    clip_id: str
    file: str
    size: int
    sha256: str


def _entry(item: Any, path: Path) -> Entry:
    if (
        not isinstance(item, dict)
        or not all(isinstance(item.get(key), str) for key in ("clip_id", "file", "sha256"))
        or type(item.get("size")) is not int
    ):
        raise CliError(f"{path} has an entry that is not {{clip_id, file, size, sha256}}: {item!r}")
    file = item["file"]
    if Path(file).name != file or file in {"", ".", ".."}:
        raise CliError(f"{path} names a file outside its directory: {file!r}")
    return Entry(item["clip_id"], file, item["size"], item["sha256"])


@attrs.define
class Manifest:
    """The manifest of one download directory, and the names claimed in this run."""

    directory: Path
    entries: dict[str, Entry] = attrs.field(factory=dict)
    _claimed: dict[str, str] = attrs.field(factory=dict)  # file name -> clip id, this run

    @property
    def path(self) -> Path:
        return self.directory / MANIFEST_NAME

    @classmethod
    def load(cls, directory: Path) -> Manifest:
        """The directory's manifest (empty if it has none); ``CliError`` if it is not one."""
        manifest = cls(directory)
        try:
            text = manifest.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return manifest
        try:
            body = json.loads(text)
        except ValueError as exc:
            raise CliError(f"{manifest.path} is not JSON: {exc}") from exc
        if not isinstance(body, dict) or not isinstance(body.get("files"), list):
            raise CliError(f"{manifest.path} is not a zoom-clips manifest (no files list)")
        for item in body["files"]:
            entry = _entry(item, manifest.path)
            manifest.entries[entry.clip_id] = entry
        return manifest

    def complete(self, clip: Clip) -> Entry | None:
        """The clip's entry if its file is already here whole (the clip's size, on disk too)."""
        entry = self.entries.get(clip.clip_id or "")
        if entry is None or (clip.file_size is not None and clip.file_size != entry.size):
            return None
        try:
            on_disk = (self.directory / entry.file).stat().st_size
        except OSError:
            return None
        return entry if on_disk == entry.size else None

    def name_for(self, clip_id: str) -> Any:
        """The ``name_for`` hook of the download: the suggested name, unless another owns it."""

        def choose(suggested: str | None) -> str:
            name = suggested or f"{clip_id}.mp4"
            if self._taken(name, clip_id):
                stem, dot, suffix = name.rpartition(".")
                name = f"{stem} [{clip_id}].{suffix}" if dot and stem else f"{name} [{clip_id}]"
            self._claimed[name] = clip_id
            return name

        return choose

    def _taken(self, name: str, clip_id: str) -> bool:
        if name == MANIFEST_NAME:
            return True
        owners = {e.clip_id for e in self.entries.values() if e.file == name}
        owners.add(self._claimed.get(name, clip_id))
        if owners - {clip_id}:
            return True
        own = self.entries.get(clip_id)
        # A file of that name not ours (the user's, say) is never replaced.
        return (self.directory / name).exists() and (own is None or own.file != name)

    def record(self, clip_id: str, result: DownloadResult) -> Entry:
        """Add a finished download (hashed: ``_download_file``'s default) and rewrite the
        manifest atomically."""
        if result.sha256 is None:
            raise ValueError(f"the download of clip {clip_id} was not hashed")
        entry = Entry(clip_id, result.path.name, result.size, result.sha256)
        self.entries[clip_id] = entry
        self.write()
        return entry

    def write(self) -> None:
        """Write the manifest to a temporary file, fsync it, and rename it over the old one."""
        body = {
            "version": _VERSION,
            "files": [attrs.asdict(self.entries[key]) for key in sorted(self.entries)],
        }
        temporary = self.directory / f".{MANIFEST_NAME}.tmp"
        with temporary.open("w", encoding="utf-8") as out:
            json.dump(body, out, indent=2, ensure_ascii=False)
            out.write("\n")
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, self.path)
