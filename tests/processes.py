"""limburglab as a user starts it: the installed command, as a process of its own."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

#: The command of the environment the tests run in (not another one on the PATH).
LIMBURGLAB = shutil.which("limburglab", path=str(Path(sys.executable).parent)) or "limburglab"


def limburglab(
    cwd: Path, *args: str | Path, stdin: str = "", lang: str | None = "nl"
) -> subprocess.CompletedProcess[str]:
    """Run `limburglab ARGS` in `cwd` with `stdin` piped in, in `lang` (None: as the
    environment says), without colours, 120 columns wide."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120"}
    env.pop("LIMBURGLAB_LANG", None)
    if lang is not None:
        env["LIMBURGLAB_LANG"] = lang
    return subprocess.run(
        [LIMBURGLAB, *map(str, args)],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=60,
        check=False,
    )
