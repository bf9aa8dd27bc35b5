"""Following the files: every change in the watched folders that can change the view."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import anyio

from limburglab.board.state import Board

#: Milliseconds to wait for more changes before telling: a save is a write and a rename.
STEP_MS = 10


async def follow(board: Board, changed: Callable[[], None], stop: anyio.Event) -> None:
    """Call `changed` after every batch of changes that concern the board, until `stop`."""
    from watchfiles import awatch

    folders = [str(folder) for folder in board.folders() if folder.is_dir()]
    if not folders:
        return
    async for changes in awatch(*folders, stop_event=stop, step=STEP_MS, debounce=400):
        if any(board.concerns(Path(path)) for _, path in changes):
            changed()
