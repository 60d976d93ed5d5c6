# Generated from spec/endpoints.json (sha256 be1a2d902874) by openapi-python-client 0.29.1
# via `make generate`. Do not edit by hand: change the spec or
# scripts/openapi-python-client.endpoints.yaml and regenerate.
from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.clip import Clip
from ...types import Response


def _get_kwargs(
    clip_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/clips/{clip_id}".format(
            clip_id=quote(str(clip_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Clip | None:
    if response.status_code == 200:
        response_200 = Clip.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = cast(Any, None)
        return response_401

    if response.status_code == 403:
        response_403 = cast(Any, None)
        return response_403

    if response.status_code == 404:
        response_404 = cast(Any, None)
        return response_404

    if response.status_code == 429:
        response_429 = cast(Any, None)
        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | Clip]:
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
) -> Response[Any | Clip]:
    """Get a clip

     Returns a clip from the current user, or returns any clips associated with the account.

     **Required scopes**: `clips:read:clip:admin`.

    **[Scopes](https://developers.zoom.us/docs/integrations/oauth-scopes-overview/):**
    `clips:read`,`clips:read:admin`

    **[Granular Scopes](https://developers.zoom.us/docs/integrations/oauth-scopes-overview/):**
    `clips:read:clip`,`clips:read:clip:admin`

    Args:
        clip_id (str):  Example: f2ulwQDzF3hVLvzBpGqvYohp38RZIs_Uvg2ioiz-lAp3AIzsb0YPgJC-
            bVLSYhU5ebpJLUvb6lwEWcpSyV8ZkzWb._vWbodR6mQKTe9_g.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Clip]
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
) -> Any | Clip | None:
    """Get a clip

     Returns a clip from the current user, or returns any clips associated with the account.

     **Required scopes**: `clips:read:clip:admin`.

    **[Scopes](https://developers.zoom.us/docs/integrations/oauth-scopes-overview/):**
    `clips:read`,`clips:read:admin`

    **[Granular Scopes](https://developers.zoom.us/docs/integrations/oauth-scopes-overview/):**
    `clips:read:clip`,`clips:read:clip:admin`

    Args:
        clip_id (str):  Example: f2ulwQDzF3hVLvzBpGqvYohp38RZIs_Uvg2ioiz-lAp3AIzsb0YPgJC-
            bVLSYhU5ebpJLUvb6lwEWcpSyV8ZkzWb._vWbodR6mQKTe9_g.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Clip
    """

    return sync_detailed(
        clip_id=clip_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    clip_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[Any | Clip]:
    """Get a clip

     Returns a clip from the current user, or returns any clips associated with the account.

     **Required scopes**: `clips:read:clip:admin`.

    **[Scopes](https://developers.zoom.us/docs/integrations/oauth-scopes-overview/):**
    `clips:read`,`clips:read:admin`

    **[Granular Scopes](https://developers.zoom.us/docs/integrations/oauth-scopes-overview/):**
    `clips:read:clip`,`clips:read:clip:admin`

    Args:
        clip_id (str):  Example: f2ulwQDzF3hVLvzBpGqvYohp38RZIs_Uvg2ioiz-lAp3AIzsb0YPgJC-
            bVLSYhU5ebpJLUvb6lwEWcpSyV8ZkzWb._vWbodR6mQKTe9_g.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Clip]
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
) -> Any | Clip | None:
    """Get a clip

     Returns a clip from the current user, or returns any clips associated with the account.

     **Required scopes**: `clips:read:clip:admin`.

    **[Scopes](https://developers.zoom.us/docs/integrations/oauth-scopes-overview/):**
    `clips:read`,`clips:read:admin`

    **[Granular Scopes](https://developers.zoom.us/docs/integrations/oauth-scopes-overview/):**
    `clips:read:clip`,`clips:read:clip:admin`

    Args:
        clip_id (str):  Example: f2ulwQDzF3hVLvzBpGqvYohp38RZIs_Uvg2ioiz-lAp3AIzsb0YPgJC-
            bVLSYhU5ebpJLUvb6lwEWcpSyV8ZkzWb._vWbodR6mQKTe9_g.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Clip
    """

    return (
        await asyncio_detailed(
            clip_id=clip_id,
            client=client,
        )
    ).parsed
