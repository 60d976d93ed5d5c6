# Generated from spec/endpoints.json (sha256 be1a2d902874) by openapi-python-client 0.29.1
# via `make generate`. Do not edit by hand: change the spec or
# scripts/openapi-python-client.endpoints.yaml and regenerate.
from enum import StrEnum


class ListClipsDateFilterType(StrEnum):
    CREATED_DATE = "CREATED_DATE"
    MODIFIED_DATE = "MODIFIED_DATE"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> "ListClipsDateFilterType | None":
        # An open enum (zoom-clips' template, scripts/templates/): a value Zoom added after the
        # spec was vendored becomes a member of its own rather than a ValueError.
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member
