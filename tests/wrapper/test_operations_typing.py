"""mypy --strict sees every operation's signature and return type through ``client.operations``."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

mypy_api = pytest.importorskip("mypy.api")

ROOT = Path(__file__).resolve().parents[2]

PRELUDE = """\
from zoom_clips import AsyncZoomClips, BearerToken, ZoomClips
from zoom_clips_endpoints_api.models.clip import Clip

client = ZoomClips(auth=BearerToken("t"))
aclient = AsyncZoomClips(auth=BearerToken("t"))
"""


def mypy(tmp_path: Path, body: str) -> tuple[int, str]:
    """mypy --strict with the project's configuration over ``PRELUDE`` + ``body``."""
    source = tmp_path / "snippet.py"
    source.write_text(PRELUDE + textwrap.dedent(body), encoding="utf-8")
    out, err, status = mypy_api.run(
        [
            "--config-file",
            str(ROOT / "pyproject.toml"),
            "--cache-dir",
            str(ROOT / ".mypy_cache"),
            str(source),
        ]
    )
    return status, out + err


def test_a_correct_call_type_checks_and_returns_the_generated_model(tmp_path: Path) -> None:
    """Sync, async and raw calls are typed down to the generated model."""
    status, output = mypy(
        tmp_path,
        """
        clip: Clip = client.operations.endpoints.get_clip_by_id("abc")
        title: str | None = clip.title if isinstance(clip.title, str) else None
        raw = client.operations.endpoints.with_raw_response.get_clip_by_id("abc")
        parsed: Clip = raw.parse()
        tracking: str | None = raw.tracking_id
        client.operations.endpoints.delete_clip("abc")

        async def main() -> Clip:
            return await aclient.operations.endpoints.get_clip_by_id("abc")
        """,
    )
    assert status == 0, output


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ("client.operations.endpoints.get_clip_by_id(clip_id=123)", 'incompatible type "int"'),
        ('client.operations.endpoints.get_clip_by_idd("abc")', "has no attribute"),
        ('x: int = client.operations.endpoints.get_clip_by_id("abc")', "Incompatible types"),
        ("client.operations.endpoints.transferclipsowner(body=42)", 'incompatible type "int"'),
    ],
)
def test_a_wrong_call_is_rejected(tmp_path: Path, call: str, message: str) -> None:
    """A wrong argument type, a misspelt operation or a wrong use of the result fails mypy."""
    status, output = mypy(tmp_path, call + "\n")
    assert status == 1, output
    assert message in output
