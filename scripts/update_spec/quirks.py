"""The registry of places where Zoom's specs are wrong, and how the wrapper copes.

Every workaround in ``zoom_clips`` for a defect of a spec (``master.json``, ``endpoints.json``, or
both) or of the code generated from it is listed here, once: which spec has it, what is wrong,
how the wrapper fixes it, where the fix lives, which test fails if the fix is removed, and a check
that tells whether a given spec still has the defect (the checks are in ``quirk_checks.py``).
When Zoom updates a spec, ``make update-spec`` runs the checks of that spec's quirks against the
new one and reports the quirks that are fixed upstream, so their workarounds can be retired once
verified (the discipline of Azure's ``_patch.py`` files). No runtime code reads the registry, so
it lives here with ``make update-spec`` and the tests, outside the wheel.

A quirk whose workaround is not linked yet has an empty ``module`` and ``test``: it is registered
and detected, and its ``fix`` says what the wrapper does about it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import attrs

from scripts.update_spec import quirk_checks as checks
from scripts.update_spec.quirk_checks import (
    CLIPS_PATH,
    USER_CLIPS_PATH,
    Spec,
    clip_item_properties,
    list_clips_operation,
)

__all__ = [
    "BOTH",
    "CLIPS_PATH",
    "QUIRKS",
    "USER_CLIPS_PATH",
    "Quirk",
    "SpecName",
    "clip_item_properties",
    "list_clips_operation",
    "quirks_of",
]

SpecName = Literal["master", "endpoints"]
BOTH: tuple[SpecName, ...] = ("master", "endpoints")


@attrs.frozen
class Quirk:
    """One defect of a spec and the wrapper's workaround for it."""

    name: str
    problem: str
    fix: str
    module: str
    test: str
    present_in: Callable[[Spec], bool] = attrs.field(repr=False)
    specs: tuple[SpecName, ...] = attrs.field(default=("master",), kw_only=True)
    """Which of Zoom's specs the quirk is about: ``master`` (master.json), ``endpoints``
    (endpoints.json), or both; ``present_in`` is asked about each of them."""

    @property
    def linked(self) -> bool:
        """Whether the registry names the workaround's module and its regression test."""
        return bool(self.module and self.test)


QUIRKS: tuple[Quirk, ...] = (
    Quirk(
        name="share-scope-misspelt",
        specs=BOTH,
        problem="share_scope's enum spells SAME_ORGANIZATION as SAME_ORGANIZATON, and so does the "
        "wire; Zoom may fix it on the wire without notice.",
        fix="ShareScope.SAME_ORGANIZATION is the member for both spellings.",
        module="zoom_clips._models",
        test="tests/wrapper/test_models.py::test_share_scope_accepts_both_spellings",
        present_in=checks.misspelt_share_scope,
    ),
    Quirk(
        name="tags-missing",
        specs=BOTH,
        problem="Zoom sends a tags array on each clip since 2026-04, but the spec does not declare "
        "it, so the generated model files it under additional_properties.",
        fix="Clip.tags is a tuple of str, read from the raw item, empty when absent.",
        module="zoom_clips._models",
        test="tests/wrapper/test_models.py::test_tags_are_read_though_the_spec_omits_them",
        present_in=checks.tags_missing,
    ),
    Quirk(
        name="dates-untyped",
        specs=BOTH,
        problem="created_date and modified_date are plain strings (no format: date-time), with "
        "examples in two forms: ...Z and ...631+00:00.",
        fix="Clip.created_date/modified_date are aware UTC datetimes, parsed from both forms.",
        module="zoom_clips._models",
        test="tests/wrapper/test_models.py::test_dates_parse_both_forms_to_aware_utc",
        present_in=checks.dates_untyped,
    ),
    Quirk(
        name="server-url-lacks-v2",
        specs=BOTH,
        problem="The spec's server is https://api.zoom.us/ and its path lacks /v2, but Zoom serves "
        "the API under https://api.zoom.us/v2.",
        fix="The clients' default base_url is https://api.zoom.us/v2.",
        module="zoom_clips._client",
        test="tests/wrapper/test_client.py::test_default_base_url_has_v2",
        present_in=checks.server_lacks_v2,
    ),
    Quirk(
        name="error-bodies-undeclared",
        specs=BOTH,
        problem="Error responses declare no body (master.json's 400/401/403/429, every non-2xx "
        "of endpoints.json, whose error codes such as 30001 and 2000 are only in prose), so the "
        "generated client returns None for them; Zoom sends {code, message} JSON (and proxies "
        "send HTML 502 pages).",
        fix="The wrapper parses Zoom's error body itself and raises a typed APIStatusError.",
        module="zoom_clips._errors",
        test="tests/wrapper/test_errors.py::test_error_body_becomes_typed_error",
        present_in=checks.error_bodies_undeclared,
    ),
    Quirk(
        name="total-records-is-number",
        specs=BOTH,
        problem="total_records is typed number (float) though it counts records.",
        fix="ClipsPage.total_records is an int.",
        module="zoom_clips._models",
        test="tests/wrapper/test_models.py::test_total_records_is_int",
        present_in=checks.total_records_is_number,
    ),
    Quirk(
        name="closed-enums",
        specs=BOTH,
        problem="status and share_scope are closed enums (in endpoints.json also the transfer "
        "task's status, a collaborator's type and role, a comment's content_type); the "
        "generated from_dict raises ValueError on a value Zoom adds later.",
        fix="An unknown enum value comes back as the plain string instead of raising; the "
        "generated enums themselves are open (scripts/templates/str_enum.py.jinja: a new value "
        "becomes a member), so client.operations keeps it too.",
        module="zoom_clips._models",
        test="tests/wrapper/test_models.py::test_unknown_enum_value_is_kept_as_string",
        present_in=checks.closed_enums,
    ),
    Quirk(
        name="oauth-urls-empty",
        specs=BOTH,
        problem="The oauth2 security scheme has empty tokenUrl/refreshUrl and the other scheme is "
        "an apiKey on Authorization, so the spec says nothing usable about getting a token.",
        fix="ServerToServerOAuth/UserOAuth use Zoom's real token URL, https://zoom.us/oauth/token.",
        module="zoom_clips._auth",
        test="tests/wrapper/test_auth.py::test_default_token_url_is_zooms",
        present_in=checks.oauth_urls_empty,
    ),
    Quirk(
        name="date-filter-type-always-sent",
        specs=BOTH,
        problem="date_filter_type declares a default (MODIFIED_DATE), so the generated endpoint's "
        "signature defaults to it and sends date_filter_type=MODIFIED_DATE on every request, "
        "whether the caller asked for it or not.",
        fix="The wrapper passes UNSET explicitly unless the caller gave a date_filter_type.",
        module="zoom_clips._clips",
        test="tests/wrapper/test_client.py::test_date_filter_type_sent_only_when_asked",
        present_in=checks.date_filter_type_has_default,
    ),
    Quirk(
        name="fields-all-optional",
        specs=BOTH,
        problem="No clip property is required, so every generated field is `X | Unset` and callers "
        "would have to test for the generator's Unset sentinel.",
        fix="Clip's absent fields are None (tags: an empty tuple); Unset never leaves the wrapper.",
        module="zoom_clips._models",
        test="tests/wrapper/test_models.py::test_absent_fields_are_none_not_unset",
        present_in=checks.fields_all_optional,
    ),
    Quirk(
        name="generated-parse-eager",
        specs=BOTH,
        problem="The generated sync_detailed/asyncio_detailed parse every 200 with "
        "ClipListResponse.from_dict before returning: an unknown enum value or a truncated body "
        "raises ValueError/JSONDecodeError with the raw response lost, and HTTPStatus(code) raises "
        "on a non-standard status (e.g. a proxy's 520).",
        fix="The wrapper builds each request with the generated get_user_clips._get_kwargs (path, "
        "quoting, query) and sends it itself, parsing the raw body with its own parser; "
        "client.operations calls the generated _parse_response only on a 2xx inside the request "
        "path, a body that is not JSON retried and a wrong shape an APIResponseValidationError.",
        module="zoom_clips._clips",
        test="tests/wrapper/test_client.py::test_unknown_status_and_odd_http_status_do_not_crash",
        present_in=checks.success_body_declared,
    ),
    Quirk(
        name="transfer-source-owner-required",
        specs=("endpoints",),
        problem="POST /clips/transfers requires source_owner_user_id, and so does the transfer "
        "task of GET /clips/transfers/{taskId}, while both describe it as optional for full "
        "transfers.",
        fix="Follow the prose: transfer() sends source_owner_user_id only when given (a full "
        "transfer may omit it), and a transfer task without it still parses.",
        module="zoom_clips._resources.transfers",
        test="tests/wrapper/test_transfers.py::test_a_full_transfer_is_one_request_with_or_without_source",
        present_in=checks.transfer_source_owner_required,
    ),
    Quirk(
        name="transfer-max-50-clip-ids",
        specs=("endpoints",),
        problem="clip_id_list takes at most 50 ids (maxItems; Zoom answers error 10004 above "
        "that); a caller transferring an offboarded user's clips may have hundreds.",
        fix="transfer() sends more than 50 ids as several PARTIAL_TRANSFERs of at most 50, one "
        "task id each; the batch size follows the spec's maxItems, so a change of it is "
        "reported here.",
        module="zoom_clips._resources.transfers",
        test="tests/wrapper/test_transfers.py::test_120_ids_make_three_partial_transfers_of_at_most_50",
        present_in=checks.transfer_max_items_is_50,
    ),
    Quirk(
        name="operation-id-trailing-period",
        specs=("endpoints",),
        problem="The multipart upload-events operation's operationId is "
        "InitiateAndCompleteAClipMultipartUpload. (with a trailing period), not an identifier.",
        fix="The generator drops the period: the module is "
        "api.upload.initiate_and_complete_a_clip_multipart_upload and the wrapper imports it "
        "under that name; a test pins it, so a fix upstream that renames it shows up.",
        module="zoom_clips_endpoints_api.api.upload.initiate_and_complete_a_clip_multipart_upload",
        test="tests/test_spec_and_generation.py::test_trailing_period_operation_id_generates_a_plain_module",
        present_in=checks.operation_id_not_identifier,
    ),
    Quirk(
        name="comment-content-type-lacks-emoji",
        specs=("endpoints",),
        problem="A comment's content_type describes EMOJI (an emoji reaction without text) but its "
        "enum is only TEXT_WITH_MENTION and TEXT, so the generated parser raises on an emoji.",
        fix="Comment.content_type knows EMOJI, and any other unknown value is kept as the plain "
        "string (as closed-enums).",
        module="zoom_clips._api_models",
        test="tests/wrapper/test_clips_api.py::test_comment_content_type_emoji_is_a_member",
        present_in=checks.comment_content_type_lacks_emoji,
    ),
    Quirk(
        name="upload-base-url-in-prose",
        specs=("endpoints",),
        problem="The three upload operations say in their descriptions that their base URL is "
        "https://fileapi.zoom.us/v2/, but no servers entry (top level, path or operation) says so.",
        fix="Uploads go to https://fileapi.zoom.us/v2 (configurable beside base_url), not to the "
        "API's base URL.",
        module="zoom_clips._client",
        test="tests/wrapper/test_upload.py::test_uploads_go_to_file_base_url_not_base_url",
        present_in=checks.upload_base_url_in_prose,
    ),
    Quirk(
        name="rate-limit-label-missing",
        specs=("endpoints",),
        problem='GET /clips/{clipId} states no "Rate Limit Label" (every other operation states '
        "one, or the uploads their own limit), so its rate-limit category is unknown.",
        fix="scripts/generate.py gives it the default category, LIGHT (Zoom's category for "
        "reads), in the generated rate_limits.CATEGORIES, and lists it in UNLABELLED.",
        module="zoom_clips_endpoints_api.rate_limits",
        test="tests/test_rate_limit_categories.py::test_an_unlabelled_operation_defaults_to_light",
        present_in=checks.rate_limit_label_missing,
    ),
    Quirk(
        name="download-documented-as-200",
        specs=("endpoints",),
        problem="GET /clips/{clipId}/download is documented as a 200 application/octet-stream "
        "with an object schema, but Zoom answers 302 to the file's location (as its own "
        "description says); the generated download_clip would feed the bytes to from_dict.",
        fix="The download follows the 302 itself and streams the file; the generated parser is "
        "never used for it. A 200 with the file (as documented) is still saved, checked and "
        "hashed like a redirected one. Removable once the spec documents the 302.",
        module="zoom_clips._resources._download_requests",
        test="tests/wrapper/test_download.py::"
        "test_quirk_download_documented_as_200_a_200_with_the_file_is_saved",
        present_in=checks.download_documented_as_200,
    ),
    Quirk(
        name="upload-events-oneof-ambiguous",
        specs=("endpoints",),
        problem="The upload-events 201 is a oneOf of two objects (upload_context for Create, "
        "clip_id for Complete) that require nothing, so every answer matches both and fails "
        "oneOf; the generated parser takes every 201 as Create's (a clip_id lands in "
        "additional_properties).",
        fix="The contract suite's copy of the spec requires upload_context in the first "
        "alternative and clip_id in the second; the wrapper reads the field of the method it sent.",
        module="tests.contract.endpoints_schema",
        test="tests/contract/test_contract_files.py::test_the_upload_events_201_oneof_matches_both_until_patched",
        present_in=checks.upload_events_oneof_ambiguous,
    ),
    Quirk(
        name="page-size-is-number",
        specs=("endpoints",),
        problem="The collaborators and comments listings type page_size as number (float), "
        "though it counts records (GET /clips types it integer).",
        fix="The collaborators and comments pages' page_size is an int.",
        module="zoom_clips._api_models",
        test="tests/wrapper/test_clips_api.py::test_a_body_of_the_wrong_shape_is_a_validation_error",
        present_in=checks.page_size_is_number,
    ),
    Quirk(
        name="comments-page-size-string",
        specs=("endpoints",),
        problem="GET /clips/{clipId}/comments types its page_size query parameter as a string "
        "(the collaborators listing types the same parameter integer, maximum 300).",
        fix="comments.list() takes page_size as an int, checks its range, and sends it as digits; "
        "a string is refused before any request.",
        module="zoom_clips._resources.comments",
        test="tests/wrapper/test_clips_api.py::test_comments_page_size_is_sent_as_digits",
        present_in=checks.comments_page_size_is_string,
    ),
    Quirk(
        name="error-statuses-undeclared",
        specs=("endpoints",),
        problem="The download declares no 401 or 429, and the three uploads only 201 and 429, "
        "though Zoom answers 401 to a bad token and 429 past a rate limit on every operation.",
        fix="The wrapper maps every status through the one error tree, declared or not; the mock "
        "answers them on every route and the contract suite accepts them there.",
        module="zoom_clips._errors",
        test="tests/wrapper/test_clips_api.py::test_each_operation_raises_zooms_errors_typed",
        present_in=checks.error_statuses_undeclared,
    ),
    Quirk(
        name="clip-schema-inline-twice",
        specs=("endpoints",),
        problem="GET /clips and GET /clips/{clipId} each declare the clip inline instead of one "
        "shared $ref, so the generator makes two models (ClipItem, Clip) with two share-scope "
        "and two status enums that can drift apart.",
        fix="get() and the listing return the same zoom_clips Clip, converted from either "
        "generated model by one converter.",
        module="zoom_clips._resources.clips",
        test="tests/wrapper/test_clips_api.py::test_get_returns_the_listings_clip_with_its_passcode_hidden",
        present_in=checks.clip_schema_inline_twice,
    ),
)
"""Every quirk: master.json's first (in the order they were found), then endpoints.json's."""


def quirks_of(spec: SpecName) -> tuple[Quirk, ...]:
    """The quirks registered for ``spec`` (``"master"`` or ``"endpoints"``)."""
    return tuple(q for q in QUIRKS if spec in q.specs)
