# Generated from spec/endpoints.json (sha256 be1a2d902874) by openapi-python-client 0.29.1
# via `make generate`. Do not edit by hand: change the spec or
# scripts/openapi-python-client.endpoints.yaml and regenerate.
from enum import StrEnum


class CollaboratorType(StrEnum):
    CHANNEL = "CHANNEL"
    EXTERNAL_USER = "EXTERNAL_USER"
    ZOOM_USER = "ZOOM_USER"

    def __str__(self) -> str:
        return str(self.value)
