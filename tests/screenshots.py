"""The board's screenshots in docs/, taken with headless Chromium at 1280×720.

    python tests/screenshots.py

Group view: an example session half-way through "Voorwaarden", nearly out of time. Plenary
view: the example sessions merged, section 3, in the dark theme.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).parent))
from browser import chromium

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "samenwerken"
DOCS = REPO / "docs"


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def board(*paths: Path) -> Iterator[str]:
    """`limburglab board PATHS --no-open` in its own process; yields the URL once it answers."""
    port = free_port()
    env = {**os.environ, "LIMBURGLAB_LANG": "nl"}
    process = subprocess.Popen(
        [sys.executable, "-m", "limburglab", "board", "--no-open", "--port", str(port), *paths],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(url, timeout=1).close()
                break
            except OSError:
                assert process.poll() is None, process.stderr.read() if process.stderr else ""
                time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def session_in_progress(folder: Path) -> Path:
    """An example session as it was during "Voorwaarden": four points, one being elaborated."""
    source = EXAMPLES / "2024-10-10-samenwerken-ronde-1-groep-2.yaml"
    data: dict[str, Any] = yaml.safe_load(source.read_text(encoding="utf-8"))
    data = copy.deepcopy(data)
    answers = data["answers"]
    points = answers["voorwaarden"]["voorwaarden"][:5]
    points[4] = {"text": points[4]["text"], "subpunten": points[4]["subpunten"][:2]}
    data["answers"] = {
        "drijfveren": answers["drijfveren"],
        "basis": answers["basis"],
        "voorwaarden": {"voorwaarden": points},
    }
    data["status"] = "in_progress"
    now = dt.datetime.now().astimezone().replace(microsecond=0)
    data["updated_at"] = now.isoformat()
    data["current"] = "voorwaarden.voorwaarden[4].subpunten"
    data["timing"] = {
        "drijfveren": {"planned": 600, "actual": 742},
        "basis": {"planned": 600, "actual": 431},
        "voorwaarden": {"planned": 900, "actual": 772},
    }
    keys = ["format", "flow", "meta", "status", "started_at", "updated_at", "current"]
    ordered = {key: data[key] for key in keys} | {
        "timing": data["timing"],
        "answers": data["answers"],
    }
    path = folder / source.name
    path.write_text(yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def shoot(url: str, target: Path, *, dark: bool = False) -> None:
    with chromium(1280, 720, dark=dark) as browser:
        browser.get(url)
        time.sleep(1.5)
        browser.save_screenshot(str(target))
    print(target)


def main() -> None:
    DOCS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder, board(session_in_progress(Path(folder))) as url:
        shoot(url, DOCS / "bord-groep.png")
    with board(EXAMPLES) as url:
        shoot(url + "#3", DOCS / "bord-plenair.png", dark=True)


if __name__ == "__main__":
    main()
