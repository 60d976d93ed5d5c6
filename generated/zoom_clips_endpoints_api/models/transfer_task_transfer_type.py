# Generated from spec/endpoints.json (sha256 be1a2d902874) by openapi-python-client 0.29.1
# via `make generate`. Do not edit by hand: change the spec or
# scripts/openapi-python-client.endpoints.yaml and regenerate.
from enum import StrEnum


class TransferTaskTransferType(StrEnum):
    FULL_TRANSFER = "FULL_TRANSFER"
    PARTIAL_TRANSFER = "PARTIAL_TRANSFER"

    def __str__(self) -> str:
        return str(self.value)
