"""The public surface is exactly what ``zoom_clips.__all__`` names (httpx's discipline)."""

from importlib.metadata import version
from types import ModuleType

import zoom_clips

PUBLIC_DUNDERS = {"__version__"}


def test_all_names_every_public_member_sorted() -> None:
    """Every public attribute is in ``__all__`` and ``__all__`` is sorted, so nothing leaks.

    Submodules (``zoom_clips.mock``) are public by their own ``__all__``, not this one's.
    """
    public = [  # dir(), not vars(): __version__ is read lazily, on first access
        name
        for name in dir(zoom_clips)
        if (not name.startswith("_") or name in PUBLIC_DUNDERS)
        and not isinstance(getattr(zoom_clips, name), ModuleType)
    ]
    assert zoom_clips.__all__ == sorted(public, key=str.casefold)


def test_version_is_the_distribution_version() -> None:
    """``__version__`` comes from the installed distribution's metadata, not a second copy."""
    assert zoom_clips.__version__ == version("zoom-clips")
