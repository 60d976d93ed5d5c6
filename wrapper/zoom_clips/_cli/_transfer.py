"""``zoom-clips transfer``: move clips to another owner (offboarding), and wait for Zoom to finish.

Without ``--clip`` it is a full transfer (every clip of ``--from``); with them, a partial one,
sent as several tasks of at most 50 clips (the library splits them). Each task is waited for
(``clips.wait_for_transfer``: polls with backoff) and reported as it ends; ``--no-wait`` only
starts them and prints their ids. A task that fails, or outlasts ``--timeout``, is one error
line naming it and the tasks started; ``--no-wait`` and Ctrl-C say that Zoom goes on with them,
and ``zoom-clips transfer-status TASK_ID`` checks them later (``--wait``: until they end).
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from zoom_clips import AsyncZoomClips, TransferStatus, TransferTask

from ._admin import clip_ids, converse, first_failure_stops_all, plain, plural
from ._app import app
from ._connection import Connection, connected
from ._errors import CliError, reported, say

__all__ = ["goes_on", "task_line", "transfer_clips", "transfer_status"]

DEFAULT_TIMEOUT = 600.0
DEFAULT_POLL = 2.0


def task_line(task_id: str, task: TransferTask) -> str:
    """One finished task: its id, status, and what moved from whom to whom."""
    clips = plural(len(task.clip_id_list), "clip") if task.clip_id_list else "all clips"
    return (
        f"{task_id}\t{plain(task.status)}\t{plain(task.transfer_type)}\t{clips} from "
        f"{task.source_owner_user_id or '?'} to {task.target_owner_user_id or '?'}"
    )


def _seconds(value: float, option: str, *, allow_zero: bool) -> None:
    if not (value >= 0 if allow_zero else value > 0) or value == float("inf"):
        bound = "a finite number of seconds >= 0" if allow_zero else "a positive number of seconds"
        raise CliError(f"{option} {value!r} must be {bound}")


@app.command("transfer")
@reported
@connected
def transfer_clips(
    *,
    source: Annotated[
        str,
        typer.Option("--from", metavar="USER", help="The user whose clips move (a user id)."),
    ],
    target: Annotated[
        str,
        typer.Option("--to", metavar="USER", help="The user who receives them (a user id)."),
    ],
    clip: Annotated[
        list[str] | None,
        typer.Option(
            "--clip",
            metavar="ID",
            help="Move only this clip (repeat for several). Default: every clip of --from.",
        ),
    ] = None,
    wait: Annotated[
        bool, typer.Option("--wait/--no-wait", help="Wait for each task to finish.")
    ] = True,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout", metavar="SECONDS", help="Longest wait for each task (0: check once)."
        ),
    ] = DEFAULT_TIMEOUT,
    poll_interval: Annotated[
        float,
        typer.Option("--poll-interval", metavar="SECONDS", help="First wait between polls."),
    ] = DEFAULT_POLL,
    connection: Connection,
) -> None:
    """Transfer clips to another owner, then wait for each of Zoom's tasks and report it.

    Prints one line per task on stdout: its id, status, type and what it moved.

    Examples (the first moves every clip of a departing user):

        zoom-clips transfer --from LEAVING_USER_ID --to MANAGER_USER_ID

        zoom-clips transfer --from USER_ID --to USER_ID_2 --clip ID --no-wait
    """
    (source_id,) = clip_ids([source], option="--from")
    (target_id,) = clip_ids([target], option="--to")
    if source_id == target_id:
        raise CliError(f"--from and --to are both {source_id}: nothing would move")
    wanted = clip_ids(clip or [], option="--clip") or None
    _seconds(timeout, "--timeout", allow_zero=True)
    _seconds(poll_interval, "--poll-interval", allow_zero=False)
    run = connection.run()
    console = Console(stderr=True, highlight=False)
    started: list[str] = []

    async def work(client: AsyncZoomClips) -> None:
        task_ids = await client.clips.transfer(
            target_owner_user_id=target_id,
            source_owner_user_id=source_id,
            clip_ids=wanted,
            timeout=timeout,  # a later part waits for the previous one's task (Zoom's 30001)
            poll_interval=poll_interval,
        )
        kind = plural(len(wanted), "clip") if wanted else "every clip"
        tasks = plural(len(task_ids), "transfer task")
        started.extend(task_ids)
        say(f"started {tasks} for {kind} of {source_id}: " + ", ".join(task_ids))
        if not wait:
            for task_id in task_ids:
                sys.stdout.write(f"{task_id}\n")
            say(goes_on(task_ids))
            return
        with _progress(console) as progress:
            bar = progress.add_task("waiting for Zoom", total=len(task_ids), done=0)

            async def one(task_id: str) -> None:
                try:
                    task = await client.clips.wait_for_transfer(
                        task_id, timeout=timeout, poll_interval=poll_interval
                    )
                except Exception as exc:
                    exc.add_note(f"transfer tasks started: {', '.join(task_ids)}")
                    raise
                sys.stdout.write(task_line(task_id, task) + "\n")
                sys.stdout.flush()
                progress.advance(bar)
                progress.update(bar, done=progress.tasks[bar].completed)

            await first_failure_stops_all(one(task_id) for task_id in task_ids)
        say(f"{plural(len(task_ids), 'transfer task')} finished.")

    try:
        converse(run, work)
    except KeyboardInterrupt as exc:
        if started:
            exc.add_note(goes_on(started))
        raise


def goes_on(task_ids: list[str]) -> str:
    """That Zoom carries on with tasks no longer waited for, and how to follow them."""
    return (
        f"Zoom goes on with {plural(len(task_ids), 'transfer task')} "
        f"({', '.join(task_ids)}): follow with zoom-clips transfer-status {' '.join(task_ids)}"
    )


@app.command("transfer-status")
@reported
@connected
def transfer_status(
    task_ids: Annotated[
        list[str], typer.Argument(metavar="TASK_ID...", help="Ids that transfer printed.")
    ],
    *,
    wait: Annotated[
        bool, typer.Option("--wait/--no-wait", help="Wait for each task to finish.")
    ] = False,
    timeout: Annotated[
        float,
        typer.Option("--timeout", metavar="SECONDS", help="Longest wait for each task."),
    ] = DEFAULT_TIMEOUT,
    poll_interval: Annotated[
        float,
        typer.Option("--poll-interval", metavar="SECONDS", help="First wait between polls."),
    ] = DEFAULT_POLL,
    connection: Connection,
) -> None:
    """Check transfer tasks by id (those `transfer` started); one line each, as `transfer` prints.

    Exits 1 when a task is still in progress (without --wait) or failed.

    Examples:

        zoom-clips transfer-status TASK_ID

        zoom-clips transfer-status TASK_ID OTHER_TASK_ID --wait --timeout 900
    """
    wanted = clip_ids(task_ids, option="TASK_ID")
    _seconds(timeout, "--timeout", allow_zero=True)
    _seconds(poll_interval, "--poll-interval", allow_zero=False)
    run = connection.run()

    async def work(client: AsyncZoomClips) -> list[TransferTask]:
        tasks = []
        for task_id in wanted:
            if wait:
                task = await client.clips.wait_for_transfer(
                    task_id, timeout=timeout, poll_interval=poll_interval
                )
            else:
                task = await client.clips.transfer_status(task_id)
            sys.stdout.write(task_line(task_id, task) + "\n")
            sys.stdout.flush()
            tasks.append(task)
        return tasks

    tasks = converse(run, work)
    if not all(task.status == TransferStatus.SUCCESS for task in tasks):
        raise typer.Exit(1)


def _progress(console: Console) -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TextColumn("tasks done: {task.fields[done]:.0f}/{task.total:.0f}"),
        TextColumn("elapsed:"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    )
