# Generated from spec/endpoints.json (sha256 be1a2d902874) by openapi-python-client 0.29.1
# via `make generate`. Do not edit by hand: change the spec or
# scripts/openapi-python-client.endpoints.yaml and regenerate.
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...types import UNSET, Response, Unset


def _get_kwargs(
    clip_id: str,
    *,
    user_key: str | Unset = UNSET,
    channel_id: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["user_key"] = user_key

    params["channel_id"] = channel_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/clips/{clip_id}/collaborators".format(
            clip_id=quote(str(clip_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | None:
    if response.status_code == 204:
        return None

    if response.status_code == 400:
        return None

    if response.status_code == 401:
        return None

    if response.status_code == 403:
        return None

    if response.status_code == 404:
        return None

    if response.status_code == 429:
        return None

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any]:
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
    user_key: str | Unset = UNSET,
    channel_id: str | Unset = UNSET,
) -> Response[Any]:
    """Remove the collaborator from a clip

      Removes a collaborator from a clip.

    **[Scopes](https://developers.zoom.us/docs/integrations/oauth-scopes-overview/):**
    `clips:write`,`clips:write:admin`

    **[Granular Scopes](https://developers.zoom.us/docs/integrations/oauth-scopes-overview/):**
    `clips:delete:collaborators`,`clips:delete:collaborators:admin`

    **[Rate Limit Label](https://marketplace.zoom.us/docs/api-reference/rate-limits#rate-limits):**
    `LIGHT`

    Args:
        clip_id (str):  Example: f2ulwQDzF3hVLvzBpGqvYohp38RZIs_Uvg2ioiz-lAp3AIzsb0YPgJC-
            bVLSYhU5ebpJLUvb6lwEWcpSyV8ZkzWb._vWbodR6mQKTe9_g.
        user_key (str | Unset):  Example: devint_test_clips@dispostable.com.
        channel_id (str | Unset):  Example: 89ee18f39cdc4fdab327ae9ebb4ffb6b.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any]
    """

    kwargs = _get_kwargs(
        clip_id=clip_id,
        user_key=user_key,
        channel_id=channel_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


async def asyncio_detailed(
    clip_id: str,
    *,
    client: AuthenticatedClient,
    user_key: str | Unset = UNSET,
    channel_id: str | Unset = UNSET,
) -> Response[Any]:
    """Remove the collaborator from a clip

      Removes a collaborator from a clip.

    **[Scopes](https://developers.zoom.us/docs/integrations/oauth-scopes-overview/):**
    `clips:write`,`clips:write:admin`

    **[Granular Scopes](https://developers.zoom.us/docs/integrations/oauth-scopes-overview/):**
    `clips:delete:collaborators`,`clips:delete:collaborators:admin`

    **[Rate Limit Label](https://marketplace.zoom.us/docs/api-reference/rate-limits#rate-limits):**
    `LIGHT`

    Args:
        clip_id (str):  Example: f2ulwQDzF3hVLvzBpGqvYohp38RZIs_Uvg2ioiz-lAp3AIzsb0YPgJC-
            bVLSYhU5ebpJLUvb6lwEWcpSyV8ZkzWb._vWbodR6mQKTe9_g.
        user_key (str | Unset):  Example: devint_test_clips@dispostable.com.
        channel_id (str | Unset):  Example: 89ee18f39cdc4fdab327ae9ebb4ffb6b.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any]
    """

    kwargs = _get_kwargs(
        clip_id=clip_id,
        user_key=user_key,
        channel_id=channel_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)
