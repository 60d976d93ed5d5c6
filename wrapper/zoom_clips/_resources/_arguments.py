"""Checks of the ids and sizes an operation takes, made before any request is sent.

An id goes into a URL path (percent-encoded by the generated code) or a query: it must be a
non-empty string without whitespace or control characters, and a path id may not contain ``/``
or ``\\`` or be ``.``/``..``, which some proxies resolve as path steps before Zoom sees them.
A wrong type is a ``TypeError``, a wrong value a ``ValueError``, each naming the argument.
"""

from __future__ import annotations

__all__ = ["check_id", "check_page_size", "check_value"]


def check_value(value: object, name: str) -> str:
    """``value`` if it is a non-empty string without whitespace or control characters."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, not {type(value).__name__}")
    if not value:
        raise ValueError(f"{name} must be a non-empty string")
    if not value.isprintable() or any(char.isspace() for char in value):
        raise ValueError(f"{name}={value!r} contains whitespace or control characters")
    return value


def check_id(value: object, name: str) -> str:
    """``value`` if it is fit to be one segment of a URL path (see the module docstring)."""
    text = check_value(value, name)
    if "/" in text or "\\" in text or text in {".", ".."}:
        raise ValueError(f"{name}={text!r} is not an id: it would change the request's path")
    return text


def check_page_size(value: object, maximum: int) -> int | None:
    """``value`` (``None``: Zoom's default) if it is an int in ``1..maximum``."""
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= maximum:
        raise ValueError(f"page_size={value!r} is outside Zoom's 1..{maximum}")
    return value
