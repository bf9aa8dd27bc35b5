"""Every message exists in Dutch and English, and every key the code uses exists."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from limburglab import messages

SOURCES = Path(__file__).resolve().parents[1] / "src" / "limburglab"


def used_keys() -> set[str]:
    """Every string literal in the sources that is shaped like a message key (`run.complete`)."""
    prefixes = "|".join(sorted({key.split(".")[0] for key in messages.NL}))
    file_name = r"(?!(?:yaml|yml|typ|html|md|pdf)\b)"  # `event.yaml` is a file, not a key
    literal = re.compile(rf"""["']((?:{prefixes})\.{file_name}[a-z_]+)["']""")
    found: set[str] = set()
    for path in SOURCES.glob("*.py"):
        found |= set(literal.findall(path.read_text("utf-8")))
    return found


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_catalogues_have_the_same_keys() -> None:
    assert sorted(set(messages.NL) - set(messages.EN)) == []
    assert sorted(set(messages.EN) - set(messages.NL)) == []


def test_both_languages_fill_in_the_same_names() -> None:
    different = [
        key
        for key in sorted(messages.NL)
        if key in messages.EN and fields(messages.NL[key]) != fields(messages.EN[key])
    ]
    assert different == []


def test_the_scan_finds_keys_of_every_kind_of_call() -> None:
    assert {"run.complete", "flow.unknown_key", "report.written_one", "report.sources_all"} <= (
        used_keys()
    )


def test_every_key_used_in_the_sources_exists() -> None:
    assert sorted(used_keys() - set(messages.NL)) == []


@pytest.mark.parametrize(
    "key",
    [
        *(f"meta.{k}" for k in ("group", "leader", "organisation", "round", "participants")),
        "meta.date",
        *(f"review.{k}" for k in ("continue", "edit", "redo", "finish")),
        *(f"ask.list_{k}" for k in ("done", "add", "change", "insert", "delete", "move")),
        *(f"kind.{k}" for k in ("flow", "section", "choice", "question")),
        *(f"type.{k}" for k in ("text", "integer", "number", "bool", "list", "mapping")),
    ],
)
def test_keys_built_at_run_time_exist(key: str) -> None:
    assert key in messages.NL
    assert key in messages.EN
