# Generated from spec/endpoints.json (sha256 be1a2d902874) by openapi-python-client 0.29.1
# via `make generate`. Do not edit by hand: change the spec or
# scripts/openapi-python-client.endpoints.yaml and regenerate.
from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.upload_iq_multipart_clip_file_body import UploadIqMultipartClipFileBody
from ...models.upload_iq_multipart_clip_file_response_201 import (
    UploadIqMultipartClipFileResponse201,
)
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: UploadIqMultipartClipFileBody | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/clips/files/multipart",
    }

    if not isinstance(body, Unset):
        _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | UploadIqMultipartClipFileResponse201 | None:
    if response.status_code == 201:
        response_201 = UploadIqMultipartClipFileResponse201.from_dict(response.json())

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
) -> Response[Any | UploadIqMultipartClipFileResponse201]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: UploadIqMultipartClipFileBody | Unset = UNSET,
) -> Response[Any | UploadIqMultipartClipFileResponse201]:
    """Upload clip multipart files

     Uploads a multipart file.

     **Note:**
    * The base URL for this API is `https://fileapi.zoom.us/v2/`.
    * The rate limit of this API is 20 requests per second or 2000 requests per second per IP address or
    50 requests per user within a 24-hour period.
    * The caller must support HTTP 30x redirects.
    * The caller must retain the authorization header when redirected to a different hostname.
    * Video can be in `.mp4`, `.webm` format.
    * In general, when your object size reaches 2 GB, you should use multipart uploads instead of
    uploading the object in a single operation.
    * For an **account-level** [OAuth app](https://marketplace.zoom.us/docs/guides/getting-started/app-
    types/create-oauth-app), this API can only be used on behalf of a user who is assigned with a
    [role](https://support.zoom.us/hc/en-us/articles/115001078646-Using-role-management#:~:text=Each%20u
    ser%20in%20a%20Zoom,owner%2C%20administrator%2C%20or%20member.&amp;text=Role%2Dbased%20access%20cont
    rol%20enables,needs%20to%20view%20or%20edit.) that has the **Edit** permission for **Zoom Clips**.

    **[Scopes](https://developers.zoom.us/docs/integrations/oauth-scopes-overview/):**
    `clips:write`,`clips:write:admin`

    Args:
        body (UploadIqMultipartClipFileBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | UploadIqMultipartClipFileResponse201]
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
    body: UploadIqMultipartClipFileBody | Unset = UNSET,
) -> Any | UploadIqMultipartClipFileResponse201 | None:
    """Upload clip multipart files

     Uploads a multipart file.

     **Note:**
    * The base URL for this API is `https://fileapi.zoom.us/v2/`.
    * The rate limit of this API is 20 requests per second or 2000 requests per second per IP address or
    50 requests per user within a 24-hour period.
    * The caller must support HTTP 30x redirects.
    * The caller must retain the authorization header when redirected to a different hostname.
    * Video can be in `.mp4`, `.webm` format.
    * In general, when your object size reaches 2 GB, you should use multipart uploads instead of
    uploading the object in a single operation.
    * For an **account-level** [OAuth app](https://marketplace.zoom.us/docs/guides/getting-started/app-
    types/create-oauth-app), this API can only be used on behalf of a user who is assigned with a
    [role](https://support.zoom.us/hc/en-us/articles/115001078646-Using-role-management#:~:text=Each%20u
    ser%20in%20a%20Zoom,owner%2C%20administrator%2C%20or%20member.&amp;text=Role%2Dbased%20access%20cont
    rol%20enables,needs%20to%20view%20or%20edit.) that has the **Edit** permission for **Zoom Clips**.

    **[Scopes](https://developers.zoom.us/docs/integrations/oauth-scopes-overview/):**
    `clips:write`,`clips:write:admin`

    Args:
        body (UploadIqMultipartClipFileBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | UploadIqMultipartClipFileResponse201
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: UploadIqMultipartClipFileBody | Unset = UNSET,
) -> Response[Any | UploadIqMultipartClipFileResponse201]:
    """Upload clip multipart files

     Uploads a multipart file.

     **Note:**
    * The base URL for this API is `https://fileapi.zoom.us/v2/`.
    * The rate limit of this API is 20 requests per second or 2000 requests per second per IP address or
    50 requests per user within a 24-hour period.
    * The caller must support HTTP 30x redirects.
    * The caller must retain the authorization header when redirected to a different hostname.
    * Video can be in `.mp4`, `.webm` format.
    * In general, when your object size reaches 2 GB, you should use multipart uploads instead of
    uploading the object in a single operation.
    * For an **account-level** [OAuth app](https://marketplace.zoom.us/docs/guides/getting-started/app-
    types/create-oauth-app), this API can only be used on behalf of a user who is assigned with a
    [role](https://support.zoom.us/hc/en-us/articles/115001078646-Using-role-management#:~:text=Each%20u
    ser%20in%20a%20Zoom,owner%2C%20administrator%2C%20or%20member.&amp;text=Role%2Dbased%20access%20cont
    rol%20enables,needs%20to%20view%20or%20edit.) that has the **Edit** permission for **Zoom Clips**.

    **[Scopes](https://developers.zoom.us/docs/integrations/oauth-scopes-overview/):**
    `clips:write`,`clips:write:admin`

    Args:
        body (UploadIqMultipartClipFileBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | UploadIqMultipartClipFileResponse201]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: UploadIqMultipartClipFileBody | Unset = UNSET,
) -> Any | UploadIqMultipartClipFileResponse201 | None:
    """Upload clip multipart files

     Uploads a multipart file.

     **Note:**
    * The base URL for this API is `https://fileapi.zoom.us/v2/`.
    * The rate limit of this API is 20 requests per second or 2000 requests per second per IP address or
    50 requests per user within a 24-hour period.
    * The caller must support HTTP 30x redirects.
    * The caller must retain the authorization header when redirected to a different hostname.
    * Video can be in `.mp4`, `.webm` format.
    * In general, when your object size reaches 2 GB, you should use multipart uploads instead of
    uploading the object in a single operation.
    * For an **account-level** [OAuth app](https://marketplace.zoom.us/docs/guides/getting-started/app-
    types/create-oauth-app), this API can only be used on behalf of a user who is assigned with a
    [role](https://support.zoom.us/hc/en-us/articles/115001078646-Using-role-management#:~:text=Each%20u
    ser%20in%20a%20Zoom,owner%2C%20administrator%2C%20or%20member.&amp;text=Role%2Dbased%20access%20cont
    rol%20enables,needs%20to%20view%20or%20edit.) that has the **Edit** permission for **Zoom Clips**.

    **[Scopes](https://developers.zoom.us/docs/integrations/oauth-scopes-overview/):**
    `clips:write`,`clips:write:admin`

    Args:
        body (UploadIqMultipartClipFileBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | UploadIqMultipartClipFileResponse201
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
