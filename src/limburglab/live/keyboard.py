"""Keys as a person types them: a paste is text, never a decision.

A terminal that does not bracket pastes (older Windows consoles, some SSH clients) delivers a
pasted text as keys, with an Enter for every line break: each Enter would confirm an answer, a
blank line would close a list, and the lines left over would answer the next questions. Keys that
arrive together, faster than a person types, are read here as one paste instead: in a text
prompt it goes into the input as lines, and the leader confirms with Enter; in a choice it does
nothing. A single line followed by one Enter is what a quick typist (or a test) sends as well,
and is left as typed in a text prompt.

Imported only by the terminal prompter (prompt_toolkit is loaded already there).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from contextlib import AbstractContextManager

from prompt_toolkit.input import Input
from prompt_toolkit.key_binding import KeyPress
from prompt_toolkit.keys import Keys

from limburglab import system

_ENTER = (Keys.ControlM, Keys.ControlJ)
_TEXT_KEYS = (*_ENTER, Keys.ControlI)  # a paste holds characters, line breaks and tabs only
#: How long to wait for the rest of a paste that arrives in pieces (a slow SSH link).
_MORE = 0.04
_MOST = 1.0


def as_typed(keys: list[KeyPress], *, choosing: bool) -> tuple[list[KeyPress], str]:
    """The keys of one read as a person typed them, and the text of a paste found among them
    ("" when none): a paste becomes one bracketed-paste key (text with its line breaks) in a
    text prompt, and no key at all in a choice (`choosing`), where text decides nothing."""
    if not keys or any(isinstance(k.key, Keys) and k.key not in _TEXT_KEYS for k in keys):
        return keys, ""  # arrows, Ctrl keys, a bracketed paste: a person's keys
    enters = [i for i, k in enumerate(keys) if k.key in _ENTER]
    if not enters:
        return keys, ""
    characters = len(keys) - len(enters)
    one_line = enters == [len(keys) - 1]
    if one_line and (not choosing or characters <= 1):
        return keys, ""  # a line and its Enter (or Space and Enter in a choice)
    text = "".join(
        "\n" if k.key in _ENTER else ("\t" if k.key == Keys.ControlI else k.data) for k in keys
    )
    if choosing:
        return [], text
    return [KeyPress(Keys.BracketedPaste, text)], text


class PasteAwareInput(Input):
    """A prompt_toolkit input that reads a paste as text (see `as_typed`).

    Only a terminal is guarded: keys from a pipe are a script, each Enter meant.
    """

    def __init__(
        self, inner: Input, *, choosing: bool, pasted: Callable[[str], None] | None = None
    ) -> None:
        self.inner = inner
        self.choosing = choosing
        self.pasted = pasted
        self.guarded = _is_terminal(inner)

    def read_keys(self) -> list[KeyPress]:
        """The keys read now; with an Enter among them, together with the rest of the same
        paste if more follows at once (a paste may come in pieces, an Enter first)."""
        keys = self.inner.read_keys()
        if not self.guarded or not any(k.key in _ENTER for k in keys):
            return keys
        keys += self._rest()
        typed, text = as_typed(keys, choosing=self.choosing)
        if text and self.pasted is not None:
            self.pasted(text)
        return typed

    def _rest(self) -> list[KeyPress]:
        """The keys of the same paste still on their way."""
        more: list[KeyPress] = []
        until = time.monotonic() + _MOST
        while time.monotonic() < until:
            if not system.input_waiting(self.inner.fileno(), _MORE):
                return more
            keys = self.inner.read_keys()
            if not keys:
                return more
            more += keys
        return more

    # --- the rest as the terminal's own input -----------------------------------------------

    def fileno(self) -> int:
        return self.inner.fileno()

    def typeahead_hash(self) -> str:
        return self.inner.typeahead_hash()

    def flush_keys(self) -> list[KeyPress]:
        return self.inner.flush_keys()

    def flush(self) -> None:
        self.inner.flush()

    @property
    def closed(self) -> bool:
        return self.inner.closed

    def raw_mode(self) -> AbstractContextManager[None]:
        return self.inner.raw_mode()

    def cooked_mode(self) -> AbstractContextManager[None]:
        return self.inner.cooked_mode()

    def attach(self, input_ready_callback: Callable[[], None]) -> AbstractContextManager[None]:
        return self.inner.attach(input_ready_callback)

    def detach(self) -> AbstractContextManager[None]:
        return self.inner.detach()

    def close(self) -> None:
        self.inner.close()


def _is_terminal(inner: Input) -> bool:
    try:
        return os.isatty(inner.fileno())
    except (OSError, ValueError, NotImplementedError):
        return False
