"""`zoom-clips delete` against the mock: it shows the plan, asks or needs --yes, deletes softly."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner
from zoom_clips._cli import _delete, app
from zoom_clips._cli._admin import first_failure_stops_all
from zoom_clips._cli._delete import ids_from_audit
from zoom_clips._cli._errors import CliError
from zoom_clips._resources.clips import AsyncClips
from zoom_clips.mock import MockServer

from tests.cli._admin_support import clip_status, served, server, some_clips
from tests.cli._support import csv_rows, env_for, error_line, run

__all__ = ["served", "server"]  # the fixtures, imported for pytest


def _api_requests(server: MockServer) -> int:
    stats = server.stats()
    return sum(int(n) for n in stats["requests_by_status"].values()) - stats["tokens_issued"]


def test_without_a_terminal_or_yes_nothing_is_sent(server: MockServer) -> None:
    """Off a terminal, without --yes, delete refuses in one line before any request."""
    _, _, clips = some_clips(server, 2)
    result = run("delete", *clips, env=env_for(server))
    assert result.exit_code == 2
    assert "refusing to delete 2 clips without --yes" in error_line(result)
    assert _api_requests(server) == 0
    assert {clip_status(server, c) for c in clips} != {"RECORD_DELETE"}


def test_yes_deletes_softly_and_skips_what_is_gone(server: MockServer) -> None:
    """--yes deletes each clip (RECORD_DELETE), lists them on stdout, skips unknown ids."""
    _, _, clips = some_clips(server, 3)
    result = run("delete", *clips, "no-such-clip", "--yes", env=env_for(server))
    assert result.exit_code == 1, result.stderr  # an id Zoom does not have (issue 21)
    assert result.stdout.split() == clips
    assert [clip_status(server, c) for c in clips] == ["RECORD_DELETE"] * 3
    assert "skipped no-such-clip: Zoom has no such clip" in result.stderr
    assert "3 clips to delete" in result.stderr  # the plan was shown
    again = run("delete", clips[0], "--yes", env=env_for(server))
    assert again.exit_code == 0
    assert f"skipped {clips[0]}: already deleted" in again.stderr
    assert "Nothing to delete." in again.stderr
    assert again.stdout == ""


def test_dry_run_shows_the_plan_and_deletes_nothing(server: MockServer) -> None:
    """--dry-run needs no terminal, shows each clip's title, and changes nothing."""
    _, _, clips = some_clips(server, 2)
    before = [clip_status(server, c) for c in clips]
    result = run("delete", *clips, "--dry-run", env=env_for(server))
    assert result.exit_code == 0, result.stderr
    assert "Would delete 2 clips" in result.stderr
    title = server.dataset.clip(clips[0]).wire["title"]  # type: ignore[union-attr]
    assert title in result.stderr
    assert [clip_status(server, c) for c in clips] == before


@pytest.mark.parametrize(("answer", "code", "deleted"), [("n\n", 1, False), ("y\n", 0, True)])
def test_on_a_terminal_it_asks_first(
    server: MockServer, monkeypatch: pytest.MonkeyPatch, answer: str, code: int, deleted: bool
) -> None:
    """On a terminal the answer decides: no exits 1 with nothing deleted, yes deletes."""
    monkeypatch.setattr(_delete, "_interactive", lambda: True)
    _, _, clips = some_clips(server, 1)
    result = CliRunner().invoke(app, ["delete", clips[0]], input=answer, env=env_for(server))
    assert result.exit_code == code, result.output
    assert "Delete 1 clip?" in result.output
    assert (clip_status(server, clips[0]) == "RECORD_DELETE") is deleted


def test_from_audit_deletes_exactly_the_audits_findings(server: MockServer, tmp_path: Path) -> None:
    """`audit -f csv -o FILE` then `delete --from-audit FILE --yes` deletes each listed clip."""
    account = server.dataset.sub_accounts[0].id
    audit_csv = tmp_path / "public.csv"
    audited = run(
        "audit", "--account", account, "--from", "2025-12-01", "--to", "2025-12-31",
        "-f", "csv", "-o", str(audit_csv), env=env_for(server),
    )  # fmt: skip
    assert audited.exit_code == 1, audited.stderr  # findings
    listed = [row["clip_id"] for row in csv_rows(audit_csv.read_text())]
    live = [c for c in listed if clip_status(server, c) != "RECORD_DELETE"]
    assert live
    result = run("delete", "--from-audit", str(audit_csv), "--yes", env=env_for(server))
    assert result.exit_code == 0, result.stderr
    assert sorted(result.stdout.split()) == sorted(live)  # already deleted ones are skipped
    assert {clip_status(server, c) for c in listed} == {"RECORD_DELETE"}


def test_a_failure_midway_says_how_many_were_deleted(
    server: MockServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second delete failing stops the run with one line counting the one before it."""
    _, _, clips = some_clips(server, 3)
    real = AsyncClips.delete
    calls: list[str] = []

    async def flaky(self: AsyncClips, clip_id: str) -> None:
        calls.append(clip_id)
        if len(calls) == 2:
            raise CliError(f"planted failure deleting {clip_id}")
        await real(self, clip_id)

    monkeypatch.setattr(AsyncClips, "delete", flaky)
    result = run("delete", *clips, "--yes", env=env_for(server))
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[-1] == (
        f"error: planted failure deleting {clips[1]}; deleted 1 of 3 clips before this"
    )
    assert [clip_status(server, c) == "RECORD_DELETE" for c in clips] == [True, False, False]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "give the ids of the clips to delete, or --from-audit FILE"),
        (["a", "--from-audit", "x.csv"], "give clip ids or --from-audit FILE, not both"),
        (["--from-audit", "/no/such/file.csv"], "cannot read --from-audit /no/such/file.csv"),
        (["  "], "is not a clip id"),
    ],
)
def test_bad_arguments_are_one_line(args: list[str], message: str) -> None:
    """Missing, conflicting or unreadable inputs are refused in one line, exit 2."""
    result = run("delete", *args, "--yes")
    assert result.exit_code == 2
    assert message in error_line(result)


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("owner_id,clip_id,title\no,c1,t\no,c2,t\n", ["c1", "c2"]),
        ('{"clip_id": "c1", "title": "t"}\n\n{"clip_id": "c2"}\n', ["c1", "c2"]),
        ('[{"clip_id": "c1"}, "c2"]', ["c1", "c2"]),
    ],
    ids=["audit-csv", "list-jsonl", "json-array"],
)
def test_audit_files_of_every_kind_give_their_clip_ids(text: str, ids: list[str]) -> None:
    """The CSV of audit, the JSON Lines of list and a JSON array all give their ids in order."""
    assert ids_from_audit(text, "f") == ids


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("owner_id,title\no,t\n", "has no clip_id column"),
        ('{"title": "t"}\n', "an entry without a clip_id"),
        ("[1, 2", "is not JSON or JSON Lines"),
    ],
)
def test_audit_files_without_ids_are_refused(text: str, message: str) -> None:
    """A file that names no clip ids is a clear error, not an empty deletion."""
    with pytest.raises(CliError, match=message):
        ids_from_audit(text, "f")


def test_from_audit_reads_stdin(server: MockServer) -> None:
    """`--from-audit -` reads the ids from stdin (a pipe, so --yes is needed)."""
    _, _, clips = some_clips(server, 2)
    lines = "".join(json.dumps({"clip_id": c}) + "\n" for c in clips)
    result: Any = CliRunner().invoke(
        app, ["delete", "--from-audit", "-", "--yes"], input=lines, env=env_for(server)
    )
    assert result.exit_code == 0, result.output
    assert {clip_status(server, c) for c in clips} == {"RECORD_DELETE"}


def test_a_failed_lookup_deletes_nothing(
    server: MockServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One clip that cannot be fetched for the plan stops everything before any delete."""
    _, _, clips = some_clips(server, 4)
    real = AsyncClips.get

    async def flaky(self: AsyncClips, clip_id: str) -> Any:
        if clip_id == clips[2]:
            raise CliError(f"planted failure getting {clip_id}")
        return await real(self, clip_id)

    monkeypatch.setattr(AsyncClips, "get", flaky)
    result = run("delete", *clips, "--yes", env=env_for(server))
    assert result.exit_code == 2
    assert error_line(result) == f"error: planted failure getting {clips[2]}; nothing was deleted"
    assert "RECORD_DELETE" not in {clip_status(server, c) for c in clips}


def test_the_first_failure_cancels_the_other_lookups() -> None:
    """first_failure_stops_all raises the failure as it is and cancels what still runs."""
    cancelled: list[str] = []

    async def slow() -> int:
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            cancelled.append("slow")
            raise
        return 1

    async def fails() -> int:
        raise CliError("planted")

    async def main() -> None:
        assert await first_failure_stops_all([asyncio.sleep(0, 1), asyncio.sleep(0, 2)]) == [1, 2]
        with pytest.raises(CliError, match="planted"):
            await first_failure_stops_all([slow(), fails()])

    asyncio.run(main())
    assert cancelled == ["slow"]
