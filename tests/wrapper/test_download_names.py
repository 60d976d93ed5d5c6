"""The name a file host's ``Content-Disposition`` suggests: read by ``email.message``, made safe."""

from __future__ import annotations

import pytest
from zoom_clips._resources._download_names import filename_from_disposition


@pytest.mark.parametrize(
    ("disposition", "name"),
    [
        ("attachment; filename*=UTF-8''%E2%82%AC.mp4; filename=\"a.mp4\"", "€.mp4"),
        ("attachment; filename=\"a.mp4\"; filename*=UTF-8''%E2%82%AC.mp4", "€.mp4"),
        ("attachment; FileName*=utf-8'en'%E2%82%AC.mp4", "€.mp4"),
        ("attachment; filename*=ISO-8859-1''caf%E9.mp4", "café.mp4"),
        ("attachment; filename*=''plain.mp4", "plain.mp4"),
        ("attachment; filename*0*=UTF-8''%E2%82%AC%20; filename*1=rates.mp4", "€ rates.mp4"),
    ],
)
def test_filename_star_is_decoded_and_comes_first(disposition: str, name: str) -> None:
    """filename* (RFC 8187, RFC 2231 continuations too) wins over filename, in either order."""
    assert filename_from_disposition(disposition) == name


@pytest.mark.parametrize(
    "extended",
    [
        "UTF-8''%FF%FE.mp4",  # not UTF-8
        "koi8-r''%C1.mp4",  # a charset RFC 8187 does not ask recipients to read
        "noprefix.mp4",  # no charset'lang' prefix
        "UTF-8''%E2%82%AC\u20ac.mp4",  # a raw character where only %XX may be
    ],
)
def test_an_unreadable_filename_star_falls_back_to_filename(extended: str) -> None:
    """A filename* that cannot be read as RFC 8187 says is skipped for the plain filename."""
    disposition = f'attachment; filename*={extended}; filename="fallback.mp4"'
    assert filename_from_disposition(disposition) == "fallback.mp4"


@pytest.mark.parametrize(
    ("disposition", "name"),
    [
        ('attachment; filename="a\\"b;c.mp4"', "a_b;c.mp4"),
        ("attachment; filename=bare name.mp4", "bare name.mp4"),
        ("attachment; filename*=UTF-8''..%2F..%2Fetc%2Fpasswd", "etc_passwd.mp4"),
        ("attachment; filename*=UTF-8''a%00b%1B%5B31m%0A.mp4", "ab[31m .mp4"),
        ("attachment; filename*=UTF-8''%E2%80%AEevil.mp4", "evil.mp4"),
        ("attachment; filename*=UTF-8''NUL.mp4", "_NUL.mp4"),
        ("attachment; filename*=UTF-8''..%5C..%5Cwin.ini", "win.ini"),
        ("attachment; filename*=UTF-8''clip.part", None),
        ('attachment; filename=""', None),
        ("attachment", None),
        ("", None),
        (None, None),
    ],
)
def test_the_suggested_name_is_a_plain_safe_base_name(
    disposition: str | None, name: str | None
) -> None:
    """Quoting and escapes are read, then the name is made a plain base name (or refused)."""
    assert filename_from_disposition(disposition) == name
