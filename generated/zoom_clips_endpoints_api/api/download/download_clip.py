# Generated from spec/endpoints.json (sha256 be1a2d902874) by openapi-python-client 0.29.1
# via `make generate`. Do not edit by hand: change the spec or
# scripts/openapi-python-client.endpoints.yaml and regenerate.
from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.download_clip_response_200 import DownloadClipResponse200
from ...types import Response


def _get_kwargs(
    clip_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/clips/{clip_id}/download".format(
            clip_id=quote(str(clip_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | DownloadClipResponse200 | None:
    if response.status_code == 200:
        response_200 = DownloadClipResponse200.from_dict(response.content)

        return response_200

    if response.status_code == 400:
        response_400 = cast(Any, None)
        return response_400

    if response.status_code == 403:
        response_403 = cast(Any, None)
        return response_403

    if response.status_code == 404:
        response_404 = cast(Any, None)
        return response_404

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | DownloadClipResponse200]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    clip_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[Any | DownloadClipResponse200]:
    """Download a clip

     Retrieves the download URL for a specific clip and redirects the client to that URL. This endpoint
    performs a HTTP 302 redirect to the actual download location, allowing the client to download the
    clip mp4 file directly.

    **[Scopes](https://developers.zoom.us/docs/integrations/oauth-scopes-overview/):**
    `clips:read`,`clips:read:admin`

    **[Granular Scopes](https://developers.zoom.us/docs/integrations/oauth-scopes-overview/):**
    `clips:read:download_clip`,`clips:read:download_clip:admin`

    **[Rate Limit Label](https://marketplace.zoom.us/docs/api-reference/rate-limits#rate-limits):**
    `LIGHT`

    Args:
        clip_id (str):  Example: clip_123456.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | DownloadClipResponse200]
    """

    kwargs = _get_kwargs(
        clip_id=clip_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    clip_id: str,
    *,
    client: AuthenticatedClient,
) -> Any | DownloadClipResponse200 | None:
    """Download a clip

     Retrieves the download URL for a specific clip and redirects the client to that URL. This endpoint
    performs a HTTP 302 redirect to the actual download location, allowing the client to download the
    clip mp4 file directly.

    **[Scopes](https://developers.zoom.us/docs/integrations/oauth-scopes-overview/):**
    `clips:read`,`clips:read:admin`

    **[Granular Scopes](https://developers.zoom.us/docs/integrations/oauth-scopes-overview/):**
    `clips:read:download_clip`,`clips:read:download_clip:admin`

    **[Rate Limit Label](https://marketplace.zoom.us/docs/api-reference/rate-limits#rate-limits):**
    `LIGHT`

    Args:
        clip_id (str):  Example: clip_123456.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | DownloadClipResponse200
    """

    return sync_detailed(
        clip_id=clip_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    clip_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[Any | DownloadClipResponse200]:
    """Download a clip

     Retrieves the download URL for a specific clip and redirects the client to that URL. This endpoint
    performs a HTTP 302 redirect to the actual download location, allowing the client to download the
    clip mp4 file directly.

    **[Scopes](https://developers.zoom.us/docs/integrations/oauth-scopes-overview/):**
    `clips:read`,`clips:read:admin`

    **[Granular Scopes](https://developers.zoom.us/docs/integrations/oauth-scopes-overview/):**
    `clips:read:download_clip`,`clips:read:download_clip:admin`

    **[Rate Limit Label](https://marketplace.zoom.us/docs/api-reference/rate-limits#rate-limits):**
    `LIGHT`

    Args:
        clip_id (str):  Example: clip_123456.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | DownloadClipResponse200]
    """

    kwargs = _get_kwargs(
        clip_id=clip_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    clip_id: str,
    *,
    client: AuthenticatedClient,
) -> Any | DownloadClipResponse200 | None:
    """Download a clip

     Retrieves the download URL for a specific clip and redirects the client to that URL. This endpoint
    performs a HTTP 302 redirect to the actual download location, allowing the client to download the
    clip mp4 file directly.

    **[Scopes](https://developers.zoom.us/docs/integrations/oauth-scopes-overview/):**
    `clips:read`,`clips:read:admin`

    **[Granular Scopes](https://developers.zoom.us/docs/integrations/oauth-scopes-overview/):**
    `clips:read:download_clip`,`clips:read:download_clip:admin`

    **[Rate Limit Label](https://marketplace.zoom.us/docs/api-reference/rate-limits#rate-limits):**
    `LIGHT`

    Args:
        clip_id (str):  Example: clip_123456.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | DownloadClipResponse200
    """

    return (
        await asyncio_detailed(
            clip_id=clip_id,
            client=client,
        )
    ).parsed
