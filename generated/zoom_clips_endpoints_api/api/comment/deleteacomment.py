# Generated from spec/endpoints.json (sha256 be1a2d902874) by openapi-python-client 0.29.1
# via `make generate`. Do not edit by hand: change the spec or
# scripts/openapi-python-client.endpoints.yaml and regenerate.
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...types import Response


def _get_kwargs(
    clip_id: str,
    comment_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/clips/{clip_id}/comments/{comment_id}".format(
            clip_id=quote(str(clip_id), safe=""),
            comment_id=quote(str(comment_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | None:
    if response.status_code == 204:
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
    comment_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[Any]:
    """Delete a comment

     Removes a comment from a clip.

    **[Scopes](https://developers.zoom.us/docs/integrations/oauth-scopes-overview/):**
    `clips:write`,`clips:write:admin`

    **[Granular Scopes](https://developers.zoom.us/docs/integrations/oauth-scopes-overview/):**
    `clips:delete:comment`,`clips:delete:comment:admin`

    **[Rate Limit Label](https://marketplace.zoom.us/docs/api-reference/rate-limits#rate-limits):**
    `LIGHT`

    Args:
        clip_id (str):  Example: f2ulwQDzF3hVLvzBpGqvYohp38RZIs_Uvg2ioiz-lAp3AIzsb0YPgJC-
            bVLSYhU5ebpJLUvb6lwEWcpSyV8ZkzWb._vWbodR6mQKTe9_g.
        comment_id (str):  Example: a16eb597-90ed-4e70-8475-4f1e00.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any]
    """

    kwargs = _get_kwargs(
        clip_id=clip_id,
        comment_id=comment_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


async def asyncio_detailed(
    clip_id: str,
    comment_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[Any]:
    """Delete a comment

     Removes a comment from a clip.

    **[Scopes](https://developers.zoom.us/docs/integrations/oauth-scopes-overview/):**
    `clips:write`,`clips:write:admin`

    **[Granular Scopes](https://developers.zoom.us/docs/integrations/oauth-scopes-overview/):**
    `clips:delete:comment`,`clips:delete:comment:admin`

    **[Rate Limit Label](https://marketplace.zoom.us/docs/api-reference/rate-limits#rate-limits):**
    `LIGHT`

    Args:
        clip_id (str):  Example: f2ulwQDzF3hVLvzBpGqvYohp38RZIs_Uvg2ioiz-lAp3AIzsb0YPgJC-
            bVLSYhU5ebpJLUvb6lwEWcpSyV8ZkzWb._vWbodR6mQKTe9_g.
        comment_id (str):  Example: a16eb597-90ed-4e70-8475-4f1e00.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any]
    """

    kwargs = _get_kwargs(
        clip_id=clip_id,
        comment_id=comment_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)
