# Generated from spec/endpoints.json (sha256 be1a2d902874) by openapi-python-client 0.29.1
# via `make generate`. Do not edit by hand: change the spec or
# scripts/openapi-python-client.endpoints.yaml and regenerate.
from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.complete_multipart_upload_request import CompleteMultipartUploadRequest
from ...models.complete_multipart_upload_response import CompleteMultipartUploadResponse
from ...models.create_multipart_upload_request import CreateMultipartUploadRequest
from ...models.create_multipart_upload_response import CreateMultipartUploadResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: CompleteMultipartUploadRequest | CreateMultipartUploadRequest | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/clips/files/multipart/upload_events",
    }

    if isinstance(body, CreateMultipartUploadRequest):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | CompleteMultipartUploadResponse | CreateMultipartUploadResponse | None:
    if response.status_code == 201:

        def _parse_response_201(
            data: object,
        ) -> CompleteMultipartUploadResponse | CreateMultipartUploadResponse:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_201_type_0 = CreateMultipartUploadResponse.from_dict(data)

                return response_201_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_201_type_1 = CompleteMultipartUploadResponse.from_dict(data)

            return response_201_type_1

        response_201 = _parse_response_201(response.json())

        return response_201

    if response.status_code == 429:
        response_429 = cast(Any, None)
        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | CompleteMultipartUploadResponse | CreateMultipartUploadResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: CompleteMultipartUploadRequest | CreateMultipartUploadRequest | Unset = UNSET,
) -> Response[Any | CompleteMultipartUploadResponse | CreateMultipartUploadResponse]:
    """Initiate and complete the multipart file upload for a clip

     Initiates or completes a multipart upload.

     **Note:**
    * The base URL for this API is `https://fileapi.zoom.us/v2/`.
    * The rate limit is 20 requests per second or 2000 requests per second per IP address or 50 requests
    per user within a 24-hour period
    * The caller must support HTTP 30x redirects.
    * The caller must retain the authorization header when redirected to a different hostname.
    * Once initiated, the multipart upload must complete within 7 days.
    * For **account-level** [OAuth apps](https://marketplace.zoom.us/docs/guides/getting-started/app-
    types/create-oauth-app), this API can only be used on behalf of a user who is assigned with a
    [role](https://support.zoom.us/hc/en-us/articles/115001078646-Using-role-management#:~:text=Each%20u
    ser%20in%20a%20Zoom,owner%2C%20administrator%2C%20or%20member.&amp;text=Role%2Dbased%20access%20cont
    rol%20enables,needs%20to%20view%20or%20edit.) with **Edit** permission for **Zoom Clips**.

    **[Scopes](https://developers.zoom.us/docs/integrations/oauth-scopes-overview/):**
    `clips:write:admin`,`clips:write`

    Args:
        body (CompleteMultipartUploadRequest | CreateMultipartUploadRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | CompleteMultipartUploadResponse | CreateMultipartUploadResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: CompleteMultipartUploadRequest | CreateMultipartUploadRequest | Unset = UNSET,
) -> Any | CompleteMultipartUploadResponse | CreateMultipartUploadResponse | None:
    """Initiate and complete the multipart file upload for a clip

     Initiates or completes a multipart upload.

     **Note:**
    * The base URL for this API is `https://fileapi.zoom.us/v2/`.
    * The rate limit is 20 requests per second or 2000 requests per second per IP address or 50 requests
    per user within a 24-hour period
    * The caller must support HTTP 30x redirects.
    * The caller must retain the authorization header when redirected to a different hostname.
    * Once initiated, the multipart upload must complete within 7 days.
    * For **account-level** [OAuth apps](https://marketplace.zoom.us/docs/guides/getting-started/app-
    types/create-oauth-app), this API can only be used on behalf of a user who is assigned with a
    [role](https://support.zoom.us/hc/en-us/articles/115001078646-Using-role-management#:~:text=Each%20u
    ser%20in%20a%20Zoom,owner%2C%20administrator%2C%20or%20member.&amp;text=Role%2Dbased%20access%20cont
    rol%20enables,needs%20to%20view%20or%20edit.) with **Edit** permission for **Zoom Clips**.

    **[Scopes](https://developers.zoom.us/docs/integrations/oauth-scopes-overview/):**
    `clips:write:admin`,`clips:write`

    Args:
        body (CompleteMultipartUploadRequest | CreateMultipartUploadRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | CompleteMultipartUploadResponse | CreateMultipartUploadResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: CompleteMultipartUploadRequest | CreateMultipartUploadRequest | Unset = UNSET,
) -> Response[Any | CompleteMultipartUploadResponse | CreateMultipartUploadResponse]:
    """Initiate and complete the multipart file upload for a clip

     Initiates or completes a multipart upload.

     **Note:**
    * The base URL for this API is `https://fileapi.zoom.us/v2/`.
    * The rate limit is 20 requests per second or 2000 requests per second per IP address or 50 requests
    per user within a 24-hour period
    * The caller must support HTTP 30x redirects.
    * The caller must retain the authorization header when redirected to a different hostname.
    * Once initiated, the multipart upload must complete within 7 days.
    * For **account-level** [OAuth apps](https://marketplace.zoom.us/docs/guides/getting-started/app-
    types/create-oauth-app), this API can only be used on behalf of a user who is assigned with a
    [role](https://support.zoom.us/hc/en-us/articles/115001078646-Using-role-management#:~:text=Each%20u
    ser%20in%20a%20Zoom,owner%2C%20administrator%2C%20or%20member.&amp;text=Role%2Dbased%20access%20cont
    rol%20enables,needs%20to%20view%20or%20edit.) with **Edit** permission for **Zoom Clips**.

    **[Scopes](https://developers.zoom.us/docs/integrations/oauth-scopes-overview/):**
    `clips:write:admin`,`clips:write`

    Args:
        body (CompleteMultipartUploadRequest | CreateMultipartUploadRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | CompleteMultipartUploadResponse | CreateMultipartUploadResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: CompleteMultipartUploadRequest | CreateMultipartUploadRequest | Unset = UNSET,
) -> Any | CompleteMultipartUploadResponse | CreateMultipartUploadResponse | None:
    """Initiate and complete the multipart file upload for a clip

     Initiates or completes a multipart upload.

     **Note:**
    * The base URL for this API is `https://fileapi.zoom.us/v2/`.
    * The rate limit is 20 requests per second or 2000 requests per second per IP address or 50 requests
    per user within a 24-hour period
    * The caller must support HTTP 30x redirects.
    * The caller must retain the authorization header when redirected to a different hostname.
    * Once initiated, the multipart upload must complete within 7 days.
    * For **account-level** [OAuth apps](https://marketplace.zoom.us/docs/guides/getting-started/app-
    types/create-oauth-app), this API can only be used on behalf of a user who is assigned with a
    [role](https://support.zoom.us/hc/en-us/articles/115001078646-Using-role-management#:~:text=Each%20u
    ser%20in%20a%20Zoom,owner%2C%20administrator%2C%20or%20member.&amp;text=Role%2Dbased%20access%20cont
    rol%20enables,needs%20to%20view%20or%20edit.) with **Edit** permission for **Zoom Clips**.

    **[Scopes](https://developers.zoom.us/docs/integrations/oauth-scopes-overview/):**
    `clips:write:admin`,`clips:write`

    Args:
        body (CompleteMultipartUploadRequest | CreateMultipartUploadRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | CompleteMultipartUploadResponse | CreateMultipartUploadResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
