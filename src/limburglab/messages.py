"""Every word the tool says, in Dutch (the default) and English.

The words live in gettext catalogues, `locale/<lang>/LC_MESSAGES/limburglab.po`, compiled to the
`.mo` files beside them (`python scripts/catalogue.py compile`). Our own words have a key as msgid
(`t("run.complete", path=...)`); the words of Click, Typer and PyYAML have their English text as
msgid, and only the Dutch catalogue translates them (`library_gettext`).
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Iterable
from functools import cache

LANGUAGES = ("nl", "en")
_LOCALE = os.path.join(os.path.dirname(__file__), "locale")


@cache
def catalogue(language: str) -> gettext.NullTranslations:
    """The compiled catalogue of `language`, read once (an empty one if it is missing)."""
    path = os.path.join(_LOCALE, language, "LC_MESSAGES", "limburglab.mo")
    try:
        with open(path, "rb") as file:
            return gettext.GNUTranslations(file)
    except OSError:
        return gettext.NullTranslations()


def env_language() -> str | None:
    """The language asked for in LIMBURGLAB_LANG, if any."""
    chosen = os.environ.get("LIMBURGLAB_LANG", "").strip().lower()[:2]
    return chosen if chosen in LANGUAGES else None


_language = env_language() or "nl"


def set_language(language: str | None) -> None:
    """Use `language` for everything said from now on (None: keep the current one)."""
    global _language
    if language in LANGUAGES:
        _language = language


#: `limburglab --lang en COMMAND`: the language given before the command, for every command.
_given_before: str | None = None


def give_before(lang: str | None) -> None:
    """Keep the `--lang` given before the command (None when there was none), checked."""
    global _given_before
    _check(lang)
    _given_before = lang


def choose(lang: str | None, fallback: str) -> None:
    """Speak the command's `--lang` if given (checked), else the one given before the command,
    else LIMBURGLAB_LANG, else `fallback` (the flow's)."""
    _check(lang)
    set_language(lang or _given_before or env_language() or fallback)


def _check(lang: str | None) -> None:
    if lang is not None and lang not in LANGUAGES:
        from limburglab.errors import UsageError

        raise UsageError(t("run.bad_lang", lang=lang))


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """` Bedoelde u `prompt`?` for the closest candidate to a misspelt word, or nothing."""
    import difflib

    close = difflib.get_close_matches(word, list(candidates), n=1)
    return " " + t("hint.did_you_mean", word=close[0]) if close else ""


def language() -> str:
    return _language


def say(language: str, key: str, /, **values: object) -> str:
    """The message `key` in `language`, with `values` filled in."""
    text = catalogue(language).gettext(key)
    if text == key and language != "nl":
        text = catalogue("nl").gettext(key)
    return text.format(**values) if values else text


def say_n(language: str, key: str, count: int, /, **values: object) -> str:
    """The message `key` in `language` in the plural form for `count` (filled in as {count})."""
    text = catalogue(language).ngettext(key, key, count)
    if text == key and language != "nl":
        text = catalogue("nl").ngettext(key, key, count)
    return text.format(count=count, **values)


def t(key: str, /, **values: object) -> str:
    """The message `key` in the current language, with `values` filled in."""
    return say(_language, key, **values)


def tn(key: str, count: int, /, **values: object) -> str:
    """The message `key` in the current language, singular or plural as `count` asks."""
    return say_n(_language, key, count, **values)


def library_gettext(message: str) -> str:
    """A word of Click, Typer or PyYAML (English) in the current language."""
    return catalogue(_language).gettext(message)


def library_ngettext(singular: str, plural: str, count: int) -> str:
    """The same, singular or plural as `count` asks."""
    return catalogue(_language).ngettext(singular, plural, count)
