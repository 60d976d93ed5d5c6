# Generated from spec/endpoints.json (sha256 be1a2d902874) by openapi-python-client 0.29.1
# via `make generate`. Do not edit by hand: change the spec or
# scripts/openapi-python-client.endpoints.yaml and regenerate.
from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.comment_list_response import CommentListResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    clip_id: str,
    *,
    page_size: str | Unset = UNSET,
    next_page_token: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["page_size"] = page_size

    params["next_page_token"] = next_page_token

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/clips/{clip_id}/comments".format(
            clip_id=quote(str(clip_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | CommentListResponse | None:
    if response.status_code == 200:
        response_200 = CommentListResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = cast(Any, None)
        return response_400

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
) -> Response[Any | CommentListResponse]:
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
    page_size: str | Unset = UNSET,
    next_page_token: str | Unset = UNSET,
) -> Response[Any | CommentListResponse]:
    """List clip comments

     Returns the list of comments for a clip.

    **[Scopes](https://developers.zoom.us/docs/integrations/oauth-scopes-overview/):**
    `clips:read`,`clips:read:admin`

    **[Granular Scopes](https://developers.zoom.us/docs/integrations/oauth-scopes-overview/):**
    `clips:read:list_comments`,`clips:read:list_comments:admin`

    **[Rate Limit Label](https://marketplace.zoom.us/docs/api-reference/rate-limits#rate-limits):**
    `LIGHT`

    Args:
        clip_id (str):  Example: f2ulwQDzF3hVLvzBpGqvYohp38RZIs_Uvg2ioiz-lAp3AIzsb0YPgJC-
            bVLSYhU5ebpJLUvb6lwEWcpSyV8ZkzWb._vWbodR6mQKTe9_g.
        page_size (str | Unset):  Example: 15.
        next_page_token (str | Unset):  Example: ih4SkoHmPM20YD1kFMsT36FsSTe4BjxeLS2.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | CommentListResponse]
    """

    kwargs = _get_kwargs(
        clip_id=clip_id,
        page_size=page_size,
        next_page_token=next_page_token,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    clip_id: str,
    *,
    client: AuthenticatedClient,
    page_size: str | Unset = UNSET,
    next_page_token: str | Unset = UNSET,
) -> Any | CommentListResponse | None:
    """List clip comments

     Returns the list of comments for a clip.

    **[Scopes](https://developers.zoom.us/docs/integrations/oauth-scopes-overview/):**
    `clips:read`,`clips:read:admin`

    **[Granular Scopes](https://developers.zoom.us/docs/integrations/oauth-scopes-overview/):**
    `clips:read:list_comments`,`clips:read:list_comments:admin`

    **[Rate Limit Label](https://marketplace.zoom.us/docs/api-reference/rate-limits#rate-limits):**
    `LIGHT`

    Args:
        clip_id (str):  Example: f2ulwQDzF3hVLvzBpGqvYohp38RZIs_Uvg2ioiz-lAp3AIzsb0YPgJC-
            bVLSYhU5ebpJLUvb6lwEWcpSyV8ZkzWb._vWbodR6mQKTe9_g.
        page_size (str | Unset):  Example: 15.
        next_page_token (str | Unset):  Example: ih4SkoHmPM20YD1kFMsT36FsSTe4BjxeLS2.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | CommentListResponse
    """

    return sync_detailed(
        clip_id=clip_id,
        client=client,
        page_size=page_size,
        next_page_token=next_page_token,
    ).parsed


async def asyncio_detailed(
    clip_id: str,
    *,
    client: AuthenticatedClient,
    page_size: str | Unset = UNSET,
    next_page_token: str | Unset = UNSET,
) -> Response[Any | CommentListResponse]:
    """List clip comments

     Returns the list of comments for a clip.

    **[Scopes](https://developers.zoom.us/docs/integrations/oauth-scopes-overview/):**
    `clips:read`,`clips:read:admin`

    **[Granular Scopes](https://developers.zoom.us/docs/integrations/oauth-scopes-overview/):**
    `clips:read:list_comments`,`clips:read:list_comments:admin`

    **[Rate Limit Label](https://marketplace.zoom.us/docs/api-reference/rate-limits#rate-limits):**
    `LIGHT`

    Args:
        clip_id (str):  Example: f2ulwQDzF3hVLvzBpGqvYohp38RZIs_Uvg2ioiz-lAp3AIzsb0YPgJC-
            bVLSYhU5ebpJLUvb6lwEWcpSyV8ZkzWb._vWbodR6mQKTe9_g.
        page_size (str | Unset):  Example: 15.
        next_page_token (str | Unset):  Example: ih4SkoHmPM20YD1kFMsT36FsSTe4BjxeLS2.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | CommentListResponse]
    """

    kwargs = _get_kwargs(
        clip_id=clip_id,
        page_size=page_size,
        next_page_token=next_page_token,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    clip_id: str,
    *,
    client: AuthenticatedClient,
    page_size: str | Unset = UNSET,
    next_page_token: str | Unset = UNSET,
) -> Any | CommentListResponse | None:
    """List clip comments

     Returns the list of comments for a clip.

    **[Scopes](https://developers.zoom.us/docs/integrations/oauth-scopes-overview/):**
    `clips:read`,`clips:read:admin`

    **[Granular Scopes](https://developers.zoom.us/docs/integrations/oauth-scopes-overview/):**
    `clips:read:list_comments`,`clips:read:list_comments:admin`

    **[Rate Limit Label](https://marketplace.zoom.us/docs/api-reference/rate-limits#rate-limits):**
    `LIGHT`

    Args:
        clip_id (str):  Example: f2ulwQDzF3hVLvzBpGqvYohp38RZIs_Uvg2ioiz-lAp3AIzsb0YPgJC-
            bVLSYhU5ebpJLUvb6lwEWcpSyV8ZkzWb._vWbodR6mQKTe9_g.
        page_size (str | Unset):  Example: 15.
        next_page_token (str | Unset):  Example: ih4SkoHmPM20YD1kFMsT36FsSTe4BjxeLS2.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | CommentListResponse
    """

    return (
        await asyncio_detailed(
            clip_id=clip_id,
            client=client,
            page_size=page_size,
            next_page_token=next_page_token,
        )
    ).parsed
