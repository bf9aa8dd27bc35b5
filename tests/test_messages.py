"""Every message exists in Dutch and English, and every key the code uses exists."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from limburglab import messages

SOURCES = Path(__file__).resolve().parents[1] / "src" / "limburglab"


def used_keys() -> set[str]:
    found: set[str] = set()
    for path in SOURCES.glob("*.py"):
        text = path.read_text("utf-8")
        # `t("key")` or `t("key", name=...)`; not a prefix such as `t("kind." + kind)`
        found |= set(re.findall(r"""\bt\(\s*["']([a-z_.]+)["']\s*[,)]""", text))
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


def test_the_sources_use_keys_at_all() -> None:
    assert len(used_keys()) > 50


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
