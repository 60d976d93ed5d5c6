"""zoom_clips: a Python SDK for Zoom's Clips API.

The hand-written layer over ``zoom_clips_api`` (generated from Zoom's ``master.json``). Everything
public is importable from this module; every other module is private.
"""

from importlib.metadata import version as _version

__version__: str = _version("zoom-clips")

__all__ = ["__version__"]
