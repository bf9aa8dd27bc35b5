"""Every word exists in Dutch and English, the compiled catalogues match their sources, every key
the code uses exists, and every key in the catalogues is used."""

from __future__ import annotations

import gettext
import re
import string
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from limburglab import messages
from limburglab.board import words as page_words

SOURCES = Path(__file__).resolve().parents[1] / "src" / "limburglab"
LOCALE = SOURCES / "locale"
KEY = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")


def read(language: str) -> Catalog:
    with (LOCALE / language / "LC_MESSAGES" / "limburglab.po").open("rb") as file:
        return read_po(file, locale=language)


CATALOGUES = {language: read(language) for language in messages.LANGUAGES}


def msgid(message: object) -> str:
    key = message.id  # type: ignore[attr-defined]
    return key[0] if isinstance(key, tuple) else str(key)


def keys(language: str) -> set[str]:
    """Our own words: the entries whose msgid is a key such as `run.complete`."""
    return {msgid(m) for m in CATALOGUES[language] if m.id and KEY.match(msgid(m))}


def texts(language: str, key: str) -> list[str]:
    string_ = CATALOGUES[language][key].string
    return list(string_) if isinstance(string_, tuple) else [string_]


def used_keys() -> set[str]:
    """Every string literal in the sources shaped like a message key (`run.complete`)."""
    prefixes = "|".join(sorted({key.split(".")[0] for key in keys("nl")}))
    file_name = r"(?!(?:yaml|yml|typ|html|md|pdf|json|po|mo)\b)"  # `event.yaml` is a file
    literal = re.compile(rf"""["']((?:{prefixes})\.{file_name}[a-z0-9_]+(?:\.[a-z0-9_]+)*)["']""")
    found: set[str] = set()
    for path in SOURCES.rglob("*.py"):
        found |= set(literal.findall(path.read_text("utf-8")))
    return found


def keys_built_at_run_time() -> set[str]:
    """Keys the code puts together from a name (`f"meta.{name}"`)."""
    from limburglab.report.model import _WORDS

    return {
        *(f"meta.{k}" for k in ("group", "leader", "organisation", "round", "participants")),
        "meta.date",
        *(f"review.{k}" for k in ("continue", "edit", "redo", "finish")),
        *(f"ask.list_{k}" for k in ("done", "add", "change", "insert", "delete", "move", "nested")),
        *(f"ask.which_{k}" for k in ("change", "insert", "delete", "move", "nested")),
        *(f"kind.{k}" for k in ("flow", "section", "choice", "question")),
        *(f"type.{k}" for k in ("text", "integer", "number", "bool", "list", "mapping")),
        *(f"page.{name}" for name in page_words.NAMES),
        *(f"report.word.{name}" for name in _WORDS),
        *(f"metavar.{kind}" for kind in ("text", "path", "integer")),
        *(
            f"sheet.{column}"
            for column in ("section", "question", "path", "parent", "value", "group", "round")
        ),
        *(f"sheet.{column}" for column in ("organisation", "leader", "session")),
    }


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_catalogues_have_the_same_keys() -> None:
    assert sorted(keys("nl") - keys("en")) == []
    assert sorted(keys("en") - keys("nl")) == []


@pytest.mark.parametrize("language", messages.LANGUAGES)
def test_every_key_has_a_text(language: str) -> None:
    assert [key for key in sorted(keys(language)) if not all(texts(language, key))] == []


def test_every_english_word_of_the_libraries_has_a_dutch_text() -> None:
    library = [m for m in CATALOGUES["nl"] if m.id and not KEY.match(msgid(m))]
    assert len(library) > 30
    assert [msgid(m) for m in library if not all(texts("nl", msgid(m)))] == []


def test_both_languages_fill_in_the_same_names() -> None:
    different = [
        key
        for key in sorted(keys("nl"))
        if {frozenset(fields(text)) for text in texts("nl", key) + texts("en", key)}.__len__() > 1
        and fields(texts("nl", key)[-1]) != fields(texts("en", key)[-1])
    ]
    assert different == []


@pytest.mark.parametrize("language", messages.LANGUAGES)
def test_the_compiled_catalogues_match_their_sources(language: str) -> None:
    """A .po edited without `python scripts/catalogue.py compile` would not be seen."""
    path = LOCALE / language / "LC_MESSAGES" / "limburglab.mo"
    with path.open("rb") as file:
        compiled = gettext.GNUTranslations(file)
    for message in CATALOGUES[language]:
        if not message.id or not message.string:
            continue
        if isinstance(message.id, tuple):
            assert compiled.ngettext(*message.id[:2], 1) == message.string[0], message.id
            assert compiled.ngettext(*message.id[:2], 5) == message.string[1], message.id
        else:
            assert compiled.gettext(message.id) == message.string, message.id


def test_the_scan_finds_keys_of_every_kind_of_call() -> None:
    assert {"run.complete", "flow.unknown_key", "report.written", "report.sources_all"} <= (
        used_keys()
    )


def test_every_key_used_in_the_sources_exists() -> None:
    assert sorted(used_keys() - keys("nl")) == []


def test_every_key_in_the_catalogues_is_used() -> None:
    assert sorted(keys("nl") - used_keys() - keys_built_at_run_time()) == []


@pytest.mark.parametrize("key", sorted(keys_built_at_run_time()))
def test_keys_built_at_run_time_exist(key: str) -> None:
    assert key in keys("nl")
    assert key in keys("en")


def test_a_plural_follows_the_count() -> None:
    assert messages.say_n("nl", "show.sections", 1) == "1 onderdeel"
    assert messages.say_n("nl", "show.sections", 5) == "5 onderdelen"
    assert messages.say_n("en", "show.questions", 1) == "1 question"
    assert messages.say_n("en", "show.questions", 0) == "0 questions"
