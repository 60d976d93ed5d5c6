"""`-o PATH` is written all or nothing, in the format its name says; tables reach pipes whole."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from zoom_clips.mock import MockConfig, MockServer, serve

from tests.cli._support import csv_rows, env_for, error_line, mock_args, run

OLD = "the old export, which must survive\n"
RANGE = ["--from", "2025-01-01", "--to", "2025-12-31"]


@pytest.fixture(scope="module")
def server() -> Iterator[MockServer]:
    with serve(MockConfig(seed=3, clips=400)) as running:
        yield running


def old_file(tmp_path: Path, name: str = "clips.csv", mode: int = 0o640) -> Path:
    path = tmp_path / name
    path.write_text(OLD, encoding="utf-8")
    path.chmod(mode)
    return path


def leftovers(directory: Path) -> list[str]:
    """Temporary files an export left behind."""
    return [p.name for p in directory.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("command", ["list", "audit"])
def test_wrong_secret_leaves_the_old_file_untouched(
    command: str, server: MockServer, tmp_path: Path
) -> None:
    """A run the token endpoint refuses keeps the old -o file, removes its temp, says so."""
    target = old_file(tmp_path)
    account = server.dataset.sub_accounts[0].id
    result = run(
        command, "--account", account, "-o", str(target), env=env_for(server, "wrong-secret")
    )
    assert result.exit_code == 2
    line = error_line(result)
    assert "token endpoint" in line
    assert "refused the credentials" in line
    assert line.endswith(f"nothing was written to {target}")
    assert target.read_text(encoding="utf-8") == OLD
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert leftovers(tmp_path) == []


def test_failure_after_rows_were_written_keeps_the_old_file(
    server: MockServer, tmp_path: Path
) -> None:
    """A 403 for a second account after the first one's rows: old file intact, account named."""
    target = old_file(tmp_path, "clips.jsonl")
    good = server.dataset.sub_accounts[0].id
    args = ["list", "--account", good, "--account", "not-a-sub-account", *RANGE, "-o"]
    result = run(*args, str(target), env=env_for(server))
    assert result.exit_code == 2
    line = error_line(result)
    assert "account not-a-sub-account" in line
    assert "HTTP 403" in line
    assert "tracking id" in line
    assert target.read_text(encoding="utf-8") == OLD
    assert leftovers(tmp_path) == []


def test_success_replaces_the_file_keeping_its_permissions(tmp_path: Path) -> None:
    """A successful -o replaces the file, keeps its mode, and says how many rows went where."""
    target = old_file(tmp_path, mode=0o604)
    result = run("list", *mock_args(*RANGE, "-o", str(target)))
    assert result.exit_code == 0, result.stderr
    rows = csv_rows(target.read_text(encoding="utf-8"))
    assert len(rows) > 100
    assert stat.S_IMODE(target.stat().st_mode) == 0o604
    assert result.stderr.strip() == f"Wrote {len(rows)} clips to {target}."
    assert leftovers(tmp_path) == []


def test_a_new_file_gets_the_umask_mode_not_the_temp_files(tmp_path: Path) -> None:
    """A new -o file is created as open() would (0666 less the umask), not 0600 like a temp."""
    target = tmp_path / "new.csv"
    result = run(
        "list", *mock_args("--from", "2025-06-01", "--to", "2025-06-05", "-o", str(target))
    )
    assert result.exit_code == 0, result.stderr
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


def test_a_symlink_keeps_pointing_at_the_replaced_file(tmp_path: Path) -> None:
    """-o through a symlink replaces the file it points to and leaves the link a link."""
    real = old_file(tmp_path, "real.csv")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    result = run("list", *mock_args("--from", "2025-06-01", "--to", "2025-06-05", "-o", str(link)))
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8").startswith("account_id,clip_id,")


def test_a_pipe_is_written_in_place_never_replaced(tmp_path: Path) -> None:
    """A FIFO target gets the rows through the pipe and is still a FIFO afterwards."""
    fifo = tmp_path / "rows.jsonl"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text(encoding="utf-8")))
    reader.start()
    result = run("list", *mock_args("--from", "2025-06-01", "--to", "2025-06-05", "-o", str(fifo)))
    reader.join(timeout=30)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    records = [json.loads(line) for line in received[0].splitlines()]
    assert records
    assert result.stderr.strip() == f"Wrote {len(records)} clips to {fifo}."


def test_a_full_disk_is_one_line_and_a_clean_shutdown() -> None:
    """-o /dev/full: one error line naming the device, exit 2, no never-awaited coroutine."""
    command = [sys.executable, "-m", "zoom_clips._cli", "list", *mock_args(*RANGE)]
    done = subprocess.run(
        [*command, "-o", "/dev/full", "-f", "csv"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr == "error: cannot write -o /dev/full: No space left on device\n"
    assert os.path.exists("/dev/full")
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)  # never replaced by a regular file


@pytest.mark.parametrize("command", ["list", "audit", "demo"])
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("missing/clips.csv", "the directory {tmp}/missing does not exist"),
        (".", "is a directory"),
        ("/proc/clips.csv", "cannot write -o /proc/clips.csv"),
    ],
    ids=["missing-dir", "directory", "not-writable"],
)
def test_a_bad_output_is_refused_before_listing(
    command: str, name: str, expected: str, tmp_path: Path
) -> None:
    """A target that cannot be written: one line, exit 2 (audit too: 1 means findings)."""
    target = name if name.startswith("/") else str(tmp_path / name)
    extra = [] if command == "demo" else mock_args()
    result = run(command, *extra, "-o", target)
    assert result.exit_code == 2
    assert expected.format(tmp=tmp_path) in error_line(result)


@pytest.mark.parametrize("command", ["list", "audit"])
def test_an_extension_naming_no_format_is_refused(command: str, tmp_path: Path) -> None:
    """-o x.txt without --format: refused, naming the formats and extensions it knows."""
    result = run(command, *mock_args("-o", str(tmp_path / "x.txt")))
    assert result.exit_code == 2
    line = error_line(result)
    assert "--format" in line
    assert ".csv" in line
    assert not (tmp_path / "x.txt").exists()


@pytest.mark.parametrize("command", ["list", "audit"])
def test_a_table_is_never_written_to_a_file(command: str, tmp_path: Path) -> None:
    """--format table -o FILE is refused: a table is laid out for a terminal."""
    result = run(command, *mock_args("--format", "table", "-o", str(tmp_path / "x.csv")))
    assert result.exit_code == 2
    assert "table" in error_line(result)


@pytest.mark.parametrize(
    ("name", "shape"), [("c.csv", "csv"), ("c.jsonl", "jsonl"), ("c.ndjson", "jsonl")]
)
def test_the_format_follows_the_extension(name: str, shape: str, tmp_path: Path) -> None:
    """-o c.csv writes CSV, -o c.jsonl / c.ndjson JSON Lines, with no --format."""
    target = tmp_path / name
    result = run(
        "list", *mock_args("--from", "2025-06-01", "--to", "2025-06-05", "-o", str(target))
    )
    assert result.exit_code == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    if shape == "csv":
        assert text.startswith("account_id,clip_id,")
    else:
        assert all(json.loads(line)["clip_id"] for line in text.splitlines())


def test_audit_csv_from_the_extension_reports_its_rows(tmp_path: Path) -> None:
    """audit -o public.csv writes the findings as CSV and says how many."""
    target = tmp_path / "public.csv"
    result = run("audit", *mock_args(*RANGE, "-o", str(target)))
    assert result.exit_code == 1  # findings
    rows = csv_rows(target.read_text(encoding="utf-8"))
    assert rows
    assert result.stderr.strip() == f"Wrote {len(rows)} findings to {target}."


def test_a_piped_table_keeps_full_ids_links_and_dates(server: MockServer) -> None:
    """Not a terminal: the table is as wide as its values, so no id or link is cut or wrapped."""
    account = server.dataset.sub_accounts[0].id
    listing = run("list", "--account", account, *RANGE, env=env_for(server))
    assert listing.exit_code == 0, listing.stderr
    expected = server.dataset.select(
        account, from_="2025-01-01", to="2025-12-31", date_filter_type="CREATED_DATE"
    )
    assert expected
    lines = listing.stdout.splitlines()
    for clip in expected:
        row = next(line for line in lines if clip["clip_id"] in line)
        assert clip["modified_date"][:10] in row
    assert "…" not in listing.stdout
    audit = run("audit", "--account", account, *RANGE, env=env_for(server))
    links = [
        c["share_link"] for c in expected if c["share_link_settings"]["share_scope"] == "ANYONE"
    ]
    bare = [
        c["share_link"]
        for c in expected
        if c["share_link_settings"]["share_scope"] == "ANYONE"
        and not c["share_link_settings"]["enable_passcode"]
        and c["status"] != "RECORD_DELETE"  # deleted is not exposed
    ]
    assert links
    assert bare
    assert all(link in audit.stdout for link in bare)
    assert "…" not in audit.stdout


def _started_writing(directory: Path, deadline: float) -> bool:
    while time.monotonic() < deadline:
        temps = [p for p in directory.iterdir() if p.name.endswith(".tmp")]
        if temps and any(p.stat().st_size > 0 for p in temps):
            return True
        time.sleep(0.02)
    return False


def test_ctrl_c_mid_export_keeps_the_old_file(tmp_path: Path) -> None:
    """SIGINT while rows are being written: exit 130, one line, old file intact, no temp left."""
    target = old_file(tmp_path)
    with serve(MockConfig(seed=2, clips=3000, latency_ms=150)) as slow:
        env = {**os.environ, **env_for(slow)}
        args = ["list", *RANGE, "--format", "csv", "-o", str(target)]
        for account in slow.dataset.sub_accounts:
            args += ["--account", account.id]
        process = subprocess.Popen(
            [sys.executable, "-m", "zoom_clips._cli", *args],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            assert _started_writing(tmp_path, time.monotonic() + 60), "the export never began"
            process.send_signal(signal.SIGINT)
            _, stderr = process.communicate(timeout=60)
        finally:
            process.kill()
    assert process.returncode == 130
    assert stderr == f"interrupted; nothing was written to {target}\n"
    assert target.read_text(encoding="utf-8") == OLD
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert leftovers(tmp_path) == []


def test_a_reader_that_stops_early_ends_the_command_quietly() -> None:
    """`| head -1`: when the pipe closes, the command stops with 141 and nothing on stderr."""
    process = subprocess.Popen(
        [sys.executable, "-m", "zoom_clips._cli", "list", *mock_args(*RANGE, "-f", "csv")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().startswith("account_id,clip_id,")
    process.stdout.close()  # as `head -1` does
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 141
    assert stderr == ""
