# Generated from spec/endpoints.json (sha256 be1a2d902874) by openapi-python-client 0.29.1
# via `make generate`. Do not edit by hand: change the spec or
# scripts/openapi-python-client.endpoints.yaml and regenerate.
"""A client library for accessing Clips"""

# Written by zoom-clips' template (scripts/templates/package_init.py.jinja): the generator's
# own imports ``.client`` here, and every import of a submodule (``rate_limits``, which
# ``import zoom_clips`` reads) then builds its attrs classes. They load on first use instead.
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import client

        return getattr(client, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
