# Generated from spec/endpoints.json (sha256 be1a2d902874) by openapi-python-client 0.29.1
# via `make generate`. Do not edit by hand: change the spec or
# scripts/openapi-python-client.endpoints.yaml and regenerate.
from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.clip_list_response import ClipListResponse
from ...models.list_clips_date_filter_type import ListClipsDateFilterType
from ...models.list_clips_status import ListClipsStatus
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    user_id: str | Unset = UNSET,
    search_key: str | Unset = UNSET,
    date_filter_type: ListClipsDateFilterType
    | Unset = ListClipsDateFilterType.MODIFIED_DATE,
    from_: str | Unset = UNSET,
    to: str | Unset = UNSET,
    status: ListClipsStatus | Unset = UNSET,
    page_size: int | Unset = UNSET,
    next_page_token: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["user_id"] = user_id

    params["search_key"] = search_key

    json_date_filter_type: str | Unset = UNSET
    if not isinstance(date_filter_type, Unset):
        json_date_filter_type = date_filter_type.value

    params["date_filter_type"] = json_date_filter_type

    params["from"] = from_

    params["to"] = to

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params["page_size"] = page_size

    params["next_page_token"] = next_page_token

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/clips",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ClipListResponse | None:
    if response.status_code == 200:
        response_200 = ClipListResponse.from_dict(response.json())

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

    if response.status_code == 429:
        response_429 = cast(Any, None)
        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | ClipListResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    user_id: str | Unset = UNSET,
    search_key: str | Unset = UNSET,
    date_filter_type: ListClipsDateFilterType
    | Unset = ListClipsDateFilterType.MODIFIED_DATE,
    from_: str | Unset = UNSET,
    to: str | Unset = UNSET,
    status: ListClipsStatus | Unset = UNSET,
    page_size: int | Unset = UNSET,
    next_page_token: str | Unset = UNSET,
) -> Response[Any | ClipListResponse]:
    """List all clips

     Returns a list of clips of the current user or a list of all clips under the account.

     **Required scopes**
    `clips:read:list_user_clips:admin)`

    **Note**
    `user_id` can intake Zoom user ID or email, which only applies when `scope =
    clips:read:list_user_clips:admin` or `scope=clips:read:list_user_clips:master`. Otherwise, the
    `user_id` can only intake `me`.

    **[Scopes](https://developers.zoom.us/docs/integrations/oauth-scopes-overview/):**
    `clips:read`,`clips:read:admin`

    **[Granular Scopes](https://developers.zoom.us/docs/integrations/oauth-scopes-overview/):**
    `clips:read:list_user_clips`,`clips:read:list_user_clips:admin`

    **[Rate Limit Label](https://marketplace.zoom.us/docs/api-reference/rate-limits#rate-limits):**
    `LIGHT`

    Args:
        user_id (str | Unset):  Example: me.
        search_key (str | Unset):  Example: Clip-20250303.
        date_filter_type (ListClipsDateFilterType | Unset):  Default:
            ListClipsDateFilterType.MODIFIED_DATE. Example: MODIFIED_DATE.
        from_ (str | Unset):  Example: 2024-03-08T16:00:00Z.
        to (str | Unset):  Example: 2024-03-08T16:00:00Z.
        status (ListClipsStatus | Unset):  Example: RECORD_SUCCESS.
        page_size (int | Unset):  Example: 30.
        next_page_token (str | Unset):  Example: IAfJX3jsOLW7w3dokmFl84zOa0MAVGyMEB2.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ClipListResponse]
    """

    kwargs = _get_kwargs(
        user_id=user_id,
        search_key=search_key,
        date_filter_type=date_filter_type,
        from_=from_,
        to=to,
        status=status,
        page_size=page_size,
        next_page_token=next_page_token,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    user_id: str | Unset = UNSET,
    search_key: str | Unset = UNSET,
    date_filter_type: ListClipsDateFilterType
    | Unset = ListClipsDateFilterType.MODIFIED_DATE,
    from_: str | Unset = UNSET,
    to: str | Unset = UNSET,
    status: ListClipsStatus | Unset = UNSET,
    page_size: int | Unset = UNSET,
    next_page_token: str | Unset = UNSET,
) -> Any | ClipListResponse | None:
    """List all clips

     Returns a list of clips of the current user or a list of all clips under the account.

     **Required scopes**
    `clips:read:list_user_clips:admin)`

    **Note**
    `user_id` can intake Zoom user ID or email, which only applies when `scope =
    clips:read:list_user_clips:admin` or `scope=clips:read:list_user_clips:master`. Otherwise, the
    `user_id` can only intake `me`.

    **[Scopes](https://developers.zoom.us/docs/integrations/oauth-scopes-overview/):**
    `clips:read`,`clips:read:admin`

    **[Granular Scopes](https://developers.zoom.us/docs/integrations/oauth-scopes-overview/):**
    `clips:read:list_user_clips`,`clips:read:list_user_clips:admin`

    **[Rate Limit Label](https://marketplace.zoom.us/docs/api-reference/rate-limits#rate-limits):**
    `LIGHT`

    Args:
        user_id (str | Unset):  Example: me.
        search_key (str | Unset):  Example: Clip-20250303.
        date_filter_type (ListClipsDateFilterType | Unset):  Default:
            ListClipsDateFilterType.MODIFIED_DATE. Example: MODIFIED_DATE.
        from_ (str | Unset):  Example: 2024-03-08T16:00:00Z.
        to (str | Unset):  Example: 2024-03-08T16:00:00Z.
        status (ListClipsStatus | Unset):  Example: RECORD_SUCCESS.
        page_size (int | Unset):  Example: 30.
        next_page_token (str | Unset):  Example: IAfJX3jsOLW7w3dokmFl84zOa0MAVGyMEB2.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ClipListResponse
    """

    return sync_detailed(
        client=client,
        user_id=user_id,
        search_key=search_key,
        date_filter_type=date_filter_type,
        from_=from_,
        to=to,
        status=status,
        page_size=page_size,
        next_page_token=next_page_token,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    user_id: str | Unset = UNSET,
    search_key: str | Unset = UNSET,
    date_filter_type: ListClipsDateFilterType
    | Unset = ListClipsDateFilterType.MODIFIED_DATE,
    from_: str | Unset = UNSET,
    to: str | Unset = UNSET,
    status: ListClipsStatus | Unset = UNSET,
    page_size: int | Unset = UNSET,
    next_page_token: str | Unset = UNSET,
) -> Response[Any | ClipListResponse]:
    """List all clips

     Returns a list of clips of the current user or a list of all clips under the account.

     **Required scopes**
    `clips:read:list_user_clips:admin)`

    **Note**
    `user_id` can intake Zoom user ID or email, which only applies when `scope =
    clips:read:list_user_clips:admin` or `scope=clips:read:list_user_clips:master`. Otherwise, the
    `user_id` can only intake `me`.

    **[Scopes](https://developers.zoom.us/docs/integrations/oauth-scopes-overview/):**
    `clips:read`,`clips:read:admin`

    **[Granular Scopes](https://developers.zoom.us/docs/integrations/oauth-scopes-overview/):**
    `clips:read:list_user_clips`,`clips:read:list_user_clips:admin`

    **[Rate Limit Label](https://marketplace.zoom.us/docs/api-reference/rate-limits#rate-limits):**
    `LIGHT`

    Args:
        user_id (str | Unset):  Example: me.
        search_key (str | Unset):  Example: Clip-20250303.
        date_filter_type (ListClipsDateFilterType | Unset):  Default:
            ListClipsDateFilterType.MODIFIED_DATE. Example: MODIFIED_DATE.
        from_ (str | Unset):  Example: 2024-03-08T16:00:00Z.
        to (str | Unset):  Example: 2024-03-08T16:00:00Z.
        status (ListClipsStatus | Unset):  Example: RECORD_SUCCESS.
        page_size (int | Unset):  Example: 30.
        next_page_token (str | Unset):  Example: IAfJX3jsOLW7w3dokmFl84zOa0MAVGyMEB2.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ClipListResponse]
    """

    kwargs = _get_kwargs(
        user_id=user_id,
        search_key=search_key,
        date_filter_type=date_filter_type,
        from_=from_,
        to=to,
        status=status,
        page_size=page_size,
        next_page_token=next_page_token,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    user_id: str | Unset = UNSET,
    search_key: str | Unset = UNSET,
    date_filter_type: ListClipsDateFilterType
    | Unset = ListClipsDateFilterType.MODIFIED_DATE,
    from_: str | Unset = UNSET,
    to: str | Unset = UNSET,
    status: ListClipsStatus | Unset = UNSET,
    page_size: int | Unset = UNSET,
    next_page_token: str | Unset = UNSET,
) -> Any | ClipListResponse | None:
    """List all clips

     Returns a list of clips of the current user or a list of all clips under the account.

     **Required scopes**
    `clips:read:list_user_clips:admin)`

    **Note**
    `user_id` can intake Zoom user ID or email, which only applies when `scope =
    clips:read:list_user_clips:admin` or `scope=clips:read:list_user_clips:master`. Otherwise, the
    `user_id` can only intake `me`.

    **[Scopes](https://developers.zoom.us/docs/integrations/oauth-scopes-overview/):**
    `clips:read`,`clips:read:admin`

    **[Granular Scopes](https://developers.zoom.us/docs/integrations/oauth-scopes-overview/):**
    `clips:read:list_user_clips`,`clips:read:list_user_clips:admin`

    **[Rate Limit Label](https://marketplace.zoom.us/docs/api-reference/rate-limits#rate-limits):**
    `LIGHT`

    Args:
        user_id (str | Unset):  Example: me.
        search_key (str | Unset):  Example: Clip-20250303.
        date_filter_type (ListClipsDateFilterType | Unset):  Default:
            ListClipsDateFilterType.MODIFIED_DATE. Example: MODIFIED_DATE.
        from_ (str | Unset):  Example: 2024-03-08T16:00:00Z.
        to (str | Unset):  Example: 2024-03-08T16:00:00Z.
        status (ListClipsStatus | Unset):  Example: RECORD_SUCCESS.
        page_size (int | Unset):  Example: 30.
        next_page_token (str | Unset):  Example: IAfJX3jsOLW7w3dokmFl84zOa0MAVGyMEB2.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ClipListResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            user_id=user_id,
            search_key=search_key,
            date_filter_type=date_filter_type,
            from_=from_,
            to=to,
            status=status,
            page_size=page_size,
            next_page_token=next_page_token,
        )
    ).parsed
