"""``zoom-clips upload FILE ...``: each file a new clip, its id on stdout, progress on stderr.

A multipart upload is resumable: its state is kept in a sidecar file beside the video
(``FILE.zoom-upload.json``, or in ``--state-dir`` when the video's directory is read-only),
written after each acknowledged part and deleted once the clip exists. Running the same command
again after an interruption sends only the parts Zoom has not acknowledged.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated

import typer

from zoom_clips import ServerToServerOAuth, ZoomClips, ZoomClipsError

from ._app import app
from ._connection import Connection, connected
from ._errors import CliError, reported, say
from ._listing import _checked_url, checked_env
from ._options import (
    FileBaseUrlOpt,
    parse_instant,
)

__all__ = [
    "SIDECAR_SUFFIX",
    "VIDEO_EXTENSIONS",
    "is_video",
    "parse_bytes",
    "sidecar_for",
    "upload_files",
]

SIDECAR_SUFFIX = ".zoom-upload.json"
_SIZE = re.compile(r"(\d+)\s*(|b|kb|kib|mb|mib|gb|gib)", re.IGNORECASE)
_UNITS = {
    "": 1,
    "b": 1,
    "kb": 10**3,
    "kib": 2**10,
    "mb": 10**6,
    "mib": 2**20,
    "gb": 10**9,
    "gib": 2**30,
}


def parse_bytes(value: str | None, *, option: str) -> int | None:
    """``"5MiB"``, ``"100MB"``, ``"2000000000"`` as bytes; a ``CliError`` for anything else."""
    if value is None:
        return None
    match = _SIZE.fullmatch(value.strip())
    if match is None:
        raise CliError(f"{option} {value!r} is not a size in bytes (e.g. 8388608, 8MiB, 100MB)")
    return int(match.group(1)) * _UNITS[match.group(2).lower()]


#: What Zoom takes (its upload operations: mp4 and webm), by extension and by the file's first
#: bytes: an ISO media file's ``ftyp`` box at offset 4, or WebM's EBML header.
VIDEO_EXTENSIONS = frozenset({".mp4", ".webm"})
_EBML = b"\x1a\x45\xdf\xa3"


def is_video(file: Path) -> bool:
    """Whether ``file`` is named and starts like an mp4 or a WebM video."""
    suffix = file.suffix.lower()
    if suffix not in VIDEO_EXTENSIONS:
        return False
    with file.open("rb") as stream:
        head = stream.read(12)
    return head[4:8] == b"ftyp" if suffix == ".mp4" else head.startswith(_EBML)


def _checked_videos(files: list[Path], *, force: bool) -> None:
    for file in files:
        if not file.is_file():
            raise CliError(f"{file} is not a file")
        if not force and not is_video(file):
            raise CliError(
                f"{file} is not an mp4 or WebM video (by its extension and first bytes): "
                "Zoom makes clips of those only; --force uploads it anyway"
            )


def _state_dir(state_dir: Path | None) -> None:
    """``--state-dir``: created (0700: its files hold the uploads' contexts) when missing."""
    if state_dir is None:
        return
    if not state_dir.exists():
        try:
            state_dir.mkdir(mode=0o700, parents=True)
        except OSError as exc:
            raise CliError(f"--state-dir {state_dir}: cannot create it: {exc.strerror}") from None
    elif not state_dir.is_dir():
        raise CliError(f"--state-dir {state_dir} is not a directory")


def _unwritable(file: Path, sidecar: Path, state_dir: Path | None, exc: OSError) -> str:
    """Where the resume state could not be written, and the option that moves it."""
    if state_dir is not None:
        return (
            f"--state-dir {state_dir}: cannot write the resume state {sidecar.name}: {exc.strerror}"
        )
    return (
        f"cannot write the resume state of {file.name} beside it ({sidecar}): {exc.strerror}; "
        "give --state-dir DIR, a directory it can be written to"
    )


def sidecar_for(file: Path, state_dir: Path | None) -> Path:
    """Where the resume state of ``file`` is kept."""
    name = file.name + SIDECAR_SUFFIX
    return (state_dir / name) if state_dir is not None else file.with_name(name)


def _progress(name: str) -> Callable[[int, int], None]:
    last: list[int] = []

    def report(done: int, total: int) -> None:
        if last and last[-1] == done:
            return
        last.append(done)
        say(f"{name}: {done:,} of {total:,} bytes ({done / total:.0%})")

    return report


@contextlib.contextmanager
def _client(
    *,
    mock: bool,
    base_url: str | None,
    file_base_url: str | None,
    token_url: str | None,
    mock_seed: int,
    mock_now: str | None,
) -> Iterator[ZoomClips]:
    if not mock:
        env = checked_env(os.environ, base_url=base_url, token_url=token_url)
        if file_base_url:
            _checked_url(file_base_url, "--file-base-url")
            env["ZOOM_FILE_API_BASE_URL"] = file_base_url
        with ZoomClips.from_env(env) as client:
            yield client
        return
    if base_url or token_url or file_base_url:
        given = "--base-url" if base_url else "--token-url" if token_url else "--file-base-url"
        raise CliError(f"--mock starts its own server, so {given} has nothing to point at")
    from ..mock import MockClock, MockConfig, serve  # noqa: PLC0415 -- needs the mock extra

    now = parse_instant(mock_now, option="--mock-now")
    clock = MockClock.running_from(now) if now else None
    with serve(MockConfig(seed=mock_seed, clock=clock)) as server:
        auth = ServerToServerOAuth(
            account_id=server.account_id,
            client_id=server.client_id,
            client_secret=server.client_secret,
            token_url=server.token_url,
        )
        with ZoomClips(
            auth=auth, base_url=server.base_url, file_base_url=server.file_base_url
        ) as client:
            yield client


@app.command("upload")
@reported
@connected
def upload_files(
    files: Annotated[
        list[Path], typer.Argument(metavar="FILE...", help="The video files (.mp4, .webm).")
    ],
    *,
    part_size: Annotated[
        str | None,
        typer.Option(
            "--part-size",
            metavar="BYTES",
            help="Part size of a multipart upload, 5MiB..100MB (default: 64MiB, grown to fit "
            "Zoom's 100 parts).",
        ),
    ] = None,
    multipart_threshold: Annotated[
        str | None,
        typer.Option(
            "--multipart-threshold",
            metavar="BYTES",
            help="Files larger than this go in parts (default and most: Zoom's 2GB).",
        ),
    ] = None,
    state_dir: Annotated[
        Path | None,
        typer.Option(
            "--state-dir",
            metavar="DIR",
            help="Keep the resume state files here rather than beside each video (created, "
            "mode 0700, when missing).",
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Upload files that are not named and made like mp4 or WebM video."
        ),
    ] = False,
    file_base_url: FileBaseUrlOpt = None,
    connection: Connection,
) -> None:
    """Upload video files as new clips; print each new clip's id.

    Files up to 2 GB go in one request, larger ones in parts. An interrupted multipart upload
    resumes when the same command runs again (within Zoom's 7 days), from the state file
    FILE.zoom-upload.json.

    Examples:

        zoom-clips upload talk.mp4 demo.webm

        zoom-clips upload --part-size 100MB --state-dir ~/.cache/zoom-uploads big.mp4
    """
    threshold = parse_bytes(multipart_threshold, option="--multipart-threshold")
    chunk = parse_bytes(part_size, option="--part-size")
    _checked_videos(files, force=force)
    _state_dir(state_dir)
    with _client(
        mock=connection.mock,
        base_url=connection.base_url,
        file_base_url=file_base_url,
        token_url=connection.token_url,
        mock_seed=connection.mock_seed,
        mock_now=connection.mock_now,
    ) as client:
        for file in files:
            sidecar = sidecar_for(file, state_dir)
            try:
                clip_id = client.clips.upload(
                    file,
                    multipart_threshold=threshold,
                    part_size=chunk,
                    resume=sidecar,
                    progress=_progress(file.name),
                )
            except ZoomClipsError as exc:
                if exc.upload_state is not None:
                    exc.add_note(f"run the command again to resume {file.name} from {sidecar}")
                raise
            except OSError as exc:
                if exc.filename is None or Path(exc.filename).parent != sidecar.parent:
                    raise
                raise CliError(_unwritable(file, sidecar, state_dir, exc)) from None
            typer.echo(clip_id)
