"""Hostile titles through every output: text from Zoom is data, never instructions.

A clip's owner picks its title (and Zoom hands on names and ids), so the same set of titles —
formula prefixes, ESC sequences, C1 controls, bidirectional overrides, zero-width characters,
Rich markup, HTML and script, path separators, Windows' reserved names, line breaks — goes
through each place we write it: CSV (neutralised, and read back exactly by ``delete
--from-audit``), JSON and JSON Lines (exact), the terminal tables of ``get``, ``list``, ``audit``
and the delete plan (escaped, never markup), the HTML report (escaped; it fits 420 px), download
file names (plain, portable), and the mock file host's ``Content-Disposition``.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import httpx
import pytest
from zoom_clips._cli._export import csv_text
from zoom_clips._cli._output import terminal_text
from zoom_clips._resources._download_names import filename_from_disposition, safe_filename
from zoom_clips.mock import MockServer, serve

from tests.cli._admin_support import CONFIG, clip_status, served
from tests.cli._support import env_for, run
from tests.inventory_read._seed import Inventory, day
from tests.inventory_read.test_report_browser import browser

__all__ = ["browser", "served"]  # the fixtures, imported for pytest

#: One of each kind of hostile text, by a name for the test ids.
HOSTILE: dict[str, str] = {
    "formula-equals": '=HYPERLINK("http://evil.example/x","click me")',
    "formula-at": "@SUM(1+1)*cmd|'/C calc'!A0",
    "formula-plus": "+cmd|' /C calc'!A0",
    "formula-minus": "-2+3+cmd|' /C calc'!A0",
    "formula-tab": "\t=1+2",
    "formula-cr": "\r=1+2",
    "quoted-formula": "'=already quoted",
    "esc-sequences": "\x1b[2J\x1b[1;1Hclear\x1b[8mhidden\x1b]8;;http://evil.example\x1b\\link",
    "c1-controls": "\x9b2J\x85next\x9dtitle\x07",
    "bidi-override": "invoice\u202egpj.exe",
    "bidi-isolates": "\u2067admin\u2069 \u200fRLM\u061c",
    "zero-width": "ad\u200bmin\u200d\ufeff\u2060",
    "rich-markup": "[bold red]ALERT[/bold red] [link=http://evil.example]go[/link] :warning:",
    "html-script": '<script>alert(1)</script><img src=x onerror="alert(2)">&amp;',
    "path-traversal": "../../etc/passwd",
    "windows-path": "C:\\Windows\\System32\\cmd",
    "windows-reserved": "CON",
    "windows-reserved-ext": "nul.txt",
    "windows-device": "COM1",
    "trailing-dots": "final cut. . .",
    "windows-chars": 'a<b>c:d"e|f?g*h',
    "newlines": "line one\nline two\r\nline three\u2028four",
}
IDS = list(HOSTILE)
ACCOUNT = 2  # the mock's third sub account: 71 clips in December 2025, three ids start with "-"
RANGE = ("--from", "2025-12-01", "--to", "2025-12-31")
#: What a spreadsheet reads as a formula at the start of a cell (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Characters a terminal would act on: C0/C1 controls, format (bidi, zero-width), separators.
ACTIVE = frozenset(
    c
    for text in HOSTILE.values()
    for c in text
    if unicodedata.category(c) in {"Cc", "Cf", "Zl", "Zp"} and c not in " "
)
_SGR = re.compile(r"\x1b\[[0-9;]*m")  # the colours rich itself draws on a terminal


def _account(server: MockServer) -> str:
    return server.dataset.sub_accounts[ACCOUNT].id


def _december(server: MockServer) -> list[dict[str, Any]]:
    return server.dataset.select(
        _account(server), from_="2025-12-01", to="2025-12-31", date_filter_type="CREATED_DATE"
    )


def _change(server: MockServer, clip_id: str, **changes: Any) -> None:
    answer = httpx.post(f"{server.origin}/_mock/clips/{clip_id}", json=changes)
    assert answer.status_code == 200, answer.text


@pytest.fixture(scope="module")
def hostile(served: MockServer) -> dict[str, str]:
    """Clip id -> hostile title: one finished, public, passcode-less clip per title, set once
    for the module (no test here changes those clips)."""
    server = served
    server.reset()
    ready = [
        c
        for c in _december(server)
        if c["status"] == "RECORD_SUCCESS" and c["file_size"] > 0 and c["clip_id"][0] != "-"
    ]
    assert len(ready) >= len(HOSTILE)
    public = {"share_scope": "ANYONE", "enable_passcode": False}
    titles = {}
    for clip, title in zip(ready, HOSTILE.values(), strict=False):
        _change(server, clip["clip_id"], title=title, share_link_settings=public, file_size=9_000)
        titles[clip["clip_id"]] = title
    return titles


def _raw_csv(path: Path) -> list[dict[str, str]]:
    """The rows as a spreadsheet would see them (line breaks inside cells kept as they are)."""
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8"), newline="")))


# --- CSV, JSON and JSON Lines ---------------------------------------------------------------


@pytest.mark.parametrize("command", ["list", "audit"])
def test_no_csv_cell_starts_a_formula_and_our_reader_gets_the_exact_text(
    served: MockServer, hostile: dict[str, str], tmp_path: Path, command: str
) -> None:
    """`list -o x.csv` and `audit -f csv`: every cell that would start a formula gets a leading
    quote; undoing it (as delete --from-audit does) gives back each title and id exactly."""
    target = tmp_path / "out.csv"
    result = run(command, "-a", _account(served), *RANGE, "-o", str(target), env=env_for(served))
    assert result.exit_code in (0, 1), result.stderr
    rows = _raw_csv(target)
    cells = [cell for row in rows for cell in row.values()]
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    exact = {csv_text(row["clip_id"]): csv_text(row["title"]) for row in rows}
    assert {clip_id: exact[clip_id] for clip_id in hostile} == hostile
    neutralised = {row["title"] for row in rows if row["title"].startswith("'")}
    assert "'" + HOSTILE["formula-equals"] in neutralised
    assert "''=already quoted" in neutralised  # a quote of its own is kept: it round-trips


def test_an_audit_csv_id_starting_with_a_dash_round_trips_through_delete_from_audit(
    tmp_path: Path,
) -> None:
    """An id beginning with "-" is written as '-... and delete --from-audit deletes that id."""
    with serve(CONFIG) as server:
        _audit_then_delete_dashed_ids(server, tmp_path)


def _audit_then_delete_dashed_ids(server: MockServer, tmp_path: Path) -> None:
    dashed = [c["clip_id"] for c in _december(server) if c["clip_id"].startswith("-")]
    assert dashed
    public = {"share_scope": "ANYONE", "enable_passcode": False}
    for clip_id in dashed:
        _change(server, clip_id, share_link_settings=public, status="RECORD_SUCCESS")
    audit_csv = tmp_path / "public.csv"
    audited = run(
        "audit", "-a", _account(server), *RANGE, "-f", "csv", "-o", str(audit_csv),
        env=env_for(server),
    )  # fmt: skip
    assert audited.exit_code == 1, audited.stderr
    written = {row["clip_id"] for row in _raw_csv(audit_csv)}
    assert {"'" + clip_id for clip_id in dashed} <= written
    result = run("delete", "--from-audit", str(audit_csv), "--yes", env=env_for(server))
    assert result.exit_code == 0, result.stderr
    assert set(dashed) <= set(result.stdout.split())
    assert {clip_status(server, clip_id) for clip_id in dashed} == {"RECORD_DELETE"}
    assert "no such clip" not in result.stderr


def test_json_lines_and_json_keep_the_exact_text(
    served: MockServer, hostile: dict[str, str], tmp_path: Path
) -> None:
    """`list -f jsonl` and `get -f json` carry each title exactly as Zoom sent it, with what a
    terminal would act on (C1, bidi, zero-width) as JSON escapes, so `list -f jsonl` on a
    terminal is safe too."""
    target = tmp_path / "out.jsonl"
    result = run("list", "-a", _account(served), *RANGE, "-o", str(target), env=env_for(served))
    assert result.exit_code == 0, result.stderr
    text = target.read_bytes().decode("utf-8")
    assert not ACTIVE & set(text.replace("\n", ""))
    lines = text.split("\n")
    records = {r["clip_id"]: r["title"] for r in (json.loads(line) for line in lines if line)}
    assert {clip_id: records[clip_id] for clip_id in hostile} == hostile
    clip_id = next(c for c, title in hostile.items() if title == HOSTILE["esc-sequences"])
    got = run("get", clip_id, "-f", "json", env=env_for(served))
    assert got.exit_code == 0, got.stderr
    assert json.loads(got.stdout)["title"] == HOSTILE["esc-sequences"]


def test_csv_neutralising_is_undone_exactly_for_every_title() -> None:
    """csv_text inverts the writer's rule for every hostile title and id, quotes included."""
    out = io.StringIO()
    from zoom_clips._cli._export import csv_writer  # noqa: PLC0415 -- the unit under test

    texts = [*HOSTILE.values(), "-Ab3_dash", "'-Ab3", "''@x", "plain", "'quoted", ""]
    csv_writer(out).writerow(texts)
    (row,) = csv.reader(io.StringIO(out.getvalue(), newline=""))
    assert not [cell for cell in row if cell.startswith(FORMULA_STARTS)]
    assert [csv_text(cell) for cell in row] == texts


# --- terminal tables --------------------------------------------------------------------------


def _visible(output: str) -> str:
    """What a terminal shows of ``output`` once rich's own colours are taken out."""
    return _SGR.sub("", output)


def _assert_shown_as_data(output: str, titles: list[str]) -> None:
    """No hostile control character reached the stream; each title is shown escaped, and its
    markup literally."""
    assert "\x1b[8m" not in output  # the hostile "conceal", which rich never draws itself
    shown = _visible(output)
    assert not ACTIVE & set(shown.replace("\n", "")), [c for c in ACTIVE if c in shown]
    for title in titles:
        escaped = terminal_text(title)
        if title == HOSTILE["rich-markup"]:
            assert "[bold red]ALERT[/bold red]" in shown
            assert "[link=http://evil.example]go[/link]" in shown
            assert ":warning:" in shown
        for piece in re.findall(r"\\[xuU][0-9a-f]+|\\[nrt]", escaped):
            assert piece in shown, (title, piece)


TERMINALS = pytest.mark.parametrize(
    "terminal",
    [{}, {"FORCE_COLOR": "1", "COLUMNS": "400", "TERM": "xterm-256color"}],
    ids=["pipe", "terminal"],
)


@TERMINALS
@pytest.mark.parametrize("command", ["list", "audit"])
def test_list_and_audit_tables_show_titles_as_data(
    served: MockServer, hostile: dict[str, str], terminal: dict[str, str], command: str
) -> None:
    """The list and audit tables escape control and format characters and read no markup."""
    result = run(command, "-a", _account(served), *RANGE, env=env_for(served) | terminal)
    assert result.exit_code in (0, 1), result.stderr
    _assert_shown_as_data(result.stdout, list(hostile.values()))


@TERMINALS
@pytest.mark.parametrize("name", IDS)
def test_the_get_table_shows_the_title_as_data(
    served: MockServer, hostile: dict[str, str], terminal: dict[str, str], name: str
) -> None:
    """`get ID` shows one clip's title escaped, whatever it holds."""
    clip_id = next(c for c, title in hostile.items() if title == HOSTILE[name])
    result = run("get", clip_id, env=env_for(served) | terminal)
    assert result.exit_code == 0, result.stderr
    _assert_shown_as_data(result.stdout, [HOSTILE[name]])


@TERMINALS
def test_the_delete_plan_shows_titles_as_data(
    served: MockServer, hostile: dict[str, str], terminal: dict[str, str]
) -> None:
    """The plan delete shows before it asks is the table an admin confirms: escaped too."""
    result = run("delete", *hostile, "--dry-run", env=env_for(served) | terminal)
    assert result.exit_code == 0, result.stderr
    assert f"{len(hostile)} clips to delete" in _visible(result.stderr)
    _assert_shown_as_data(result.stderr, list(hostile.values()))
    assert {clip_status(served, clip_id) for clip_id in hostile} == {"RECORD_SUCCESS"}


def test_terminal_text_escapes_each_active_character_and_nothing_else() -> None:
    """terminal_text leaves printable text alone and escapes every active character."""
    assert terminal_text("Réunion 会議 [red]x[/red] 🎉") == "Réunion 会議 [red]x[/red] 🎉"
    for char in ACTIVE | {"\x00", "\x7f", "\x80", "\x9f", "\u202a", "\u2066", "\U000e0041"}:
        escaped = terminal_text(f"a{char}b")
        assert escaped.isprintable()
        assert escaped.startswith("a\\")
        assert escaped.endswith("b")


# --- file names and the mock's headers --------------------------------------------------------

_WINDOWS_RESERVED = re.compile(
    r"^(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³]|CONIN\$|CONOUT\$)$", re.I
)


def _assert_portable(name: str) -> None:
    """A name every file system takes, Windows' included, with an extension."""
    assert "/" not in name
    assert "\\" not in name
    assert not set('<>:"|?*') & set(name)
    assert name.isprintable()
    assert name == name.strip(" ")
    assert not name.endswith(".")
    assert not name.startswith(".")
    assert not _WINDOWS_RESERVED.match(name.split(".", 1)[0].rstrip(" "))
    assert re.search(r"\.[A-Za-z0-9]{1,10}$", name)
    assert len(name.encode()) <= 255


@pytest.mark.parametrize("name", IDS)
def test_download_names_are_portable_and_keep_every_word(name: str) -> None:
    """A suggested name is made portable: separators replaced (never cut at), never a name
    Windows refuses, always with an extension; every word of the title is still there."""
    title = HOSTILE[name]
    made = safe_filename(f"{title}.mp4")
    assert made is not None
    _assert_portable(made)
    words = [w for w in re.findall(r"[^\W_]+", title) if w.isascii()]
    position = 0
    for word in words:
        found = made.find(word, position)
        assert found >= 0, (word, made)
        position = found + len(word)
    assert safe_filename(title) is not None  # with no extension of its own, one is added


@pytest.mark.parametrize("name", IDS)
def test_the_file_host_names_any_title_in_a_valid_header(
    served: MockServer, hostile: dict[str, str], name: str
) -> None:
    """Over real HTTP, the file host answers 200 for every title: filename is plain ASCII,
    filename* the exact name, and the client makes a portable file name of it."""
    clip_id = next(c for c, title in hostile.items() if title == HOSTILE[name])
    token = httpx.post(
        served.token_url,
        auth=(served.client_id, served.client_secret),
        data={"grant_type": "account_credentials", "account_id": served.account_id},
    ).json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    location = httpx.get(f"{served.base_url}/clips/{clip_id}/download", headers=headers)
    answer = httpx.head(location.headers["location"])
    assert answer.status_code == 200
    disposition = answer.headers["content-disposition"]
    assert disposition.isascii()
    assert disposition.isprintable()
    exact = re.search(r"filename\*=UTF-8''(\S+)$", disposition)
    if exact is not None:
        assert unquote(exact.group(1)) == HOSTILE[name] + ".mp4"
    made = filename_from_disposition(disposition)
    assert made is not None
    _assert_portable(made)


def test_download_writes_every_hostile_title_to_a_portable_name(
    served: MockServer, hostile: dict[str, str], tmp_path: Path
) -> None:
    """`zoom-clips download` of every hostile clip succeeds, each file under a portable name."""
    target = tmp_path / "clips"
    result = run("download", *hostile, "-o", str(target), env=env_for(served))
    assert result.exit_code == 0, result.stderr
    names = sorted(p.name for p in target.iterdir() if p.name != "manifest.json")
    assert len(names) == len(hostile)
    for made in names:
        _assert_portable(made)
    assert "etc_passwd.mp4" in names  # the path is replaced, not cut to "passwd.mp4"
    assert "_CON.mp4" in names


# --- the HTML report ----------------------------------------------------------------------------


@pytest.fixture
def report(tmp_path: Path) -> Path:
    """An exposure report whose clips carry the hostile titles, and whose owners hostile names
    (long, wide and unbreakable ones too)."""
    inventory = Inventory()
    owners = [*HOSTILE.values(), "W" * 40, "会議" * 12, "KDcuGIm1QgePTO8WbOqwIQ", "x" * 300]
    for index, owner in enumerate(owners):
        clip_id = f"c{index}"
        title = HOSTILE[IDS[index % len(IDS)]] + " " + "T" * 120
        inventory.clip(clip_id, owner_id=owner, title=title, share_scope="ANYONE")
        inventory.change(clip_id, "share_scope", "PRIVATE", "ANYONE", day(2))
    db = tmp_path / "inventory.db"
    inventory.write(str(db))
    target = tmp_path / "exposure.html"
    result = run("report", "--db", str(db), "-o", str(target))
    assert result.exit_code == 0, result.stderr
    return target


def test_the_report_escapes_every_hostile_title_and_owner(report: Path) -> None:
    """Each title and owner is HTML-escaped: one script (ours), no element of theirs."""
    page = report.read_text(encoding="utf-8")
    assert page.count("<script") == 1
    assert "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&amp;amp;" in page  # an "&amp;" in a title is text, not an entity


@pytest.fixture
def page_at(browser: Any, report: Path) -> Iterator[Any]:
    """A function opening the report in Chromium at a viewport width, every <details> open."""
    contexts = []

    def open_at(width: int) -> Any:
        context = browser.new_context(viewport={"width": width, "height": 900}, offline=True)
        contexts.append(context)
        page = context.new_page()
        page.goto(report.as_uri())
        page.wait_for_load_state("load")
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
        return page

    yield open_at
    for context in contexts:
        context.close()


@pytest.mark.parametrize("width", [1280, 420])
def test_the_report_never_scrolls_sideways(page_at: Any, width: int) -> None:
    """At 1280 and 420 px, with every table open and hostile, long titles and owners, the page
    is no wider than the window."""
    page = page_at(width)
    scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= inner


@pytest.mark.parametrize("width", [1280, 420])
def test_owner_labels_are_not_clipped_at_the_left_edge(page_at: Any, width: int) -> None:
    """Every owner label of the bar charts starts inside the chart and ends before the bars."""
    page = page_at(width)
    boxes = page.eval_on_selector_all(
        "svg.bars text.label",
        "labels => labels.map(t => { const b = t.getBBox(); return [b.x, b.x + b.width]; })",
    )
    bars_start = page.eval_on_selector_all(
        "svg.bars rect.bar", "bars => Math.min(...bars.map(b => b.x.baseVal.value))"
    )
    assert boxes
    assert all(left >= 0 for left, _ in boxes), boxes
    assert all(right <= bars_start for _, right in boxes), (boxes, bars_start)
