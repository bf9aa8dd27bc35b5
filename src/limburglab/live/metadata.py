"""The session's metadata (group, leader, organisation, round, participants, date): checked
when given as options or in an answers file, asked for when not given."""

from __future__ import annotations

import datetime as dt
from typing import Any

from limburglab.errors import Interrupted, UsageError
from limburglab.live.asking import GoBack, OutOfStep, Prompter, Stop, sentence
from limburglab.messages import t

ORDER = ("group", "leader", "organisation", "round", "participants", "date")


def ask(prompter: Prompter, known: dict[str, Any]) -> dict[str, Any]:
    """Ask the metadata not given as an option, in a fixed order; `<` goes back one."""
    defaults: dict[str, Any] = {"round": 1, "date": dt.date.today().isoformat()}
    result = dict(known)
    keys = [key for key in ORDER if key not in known]
    index = 0
    typed = ""
    try:
        while index < len(keys):
            key = keys[index]
            default = result.get(key, defaults.get(key))
            try:
                value = _ask_value(prompter, key, default, typed)
            except GoBack:
                index, typed = max(0, index - 1), ""
                continue
            typed = ""
            if isinstance(value, _Again):
                typed = str(value)
                continue
            result[key] = value
            index += 1
    except OutOfStep as exc:
        place = t("run.place_question", id=f"meta.{keys[index]}")
        raise early_out_of_step(exc, place) from None
    except EOFError:
        raise Interrupted(t("run.end_of_input_early"), 1) from None
    except (KeyboardInterrupt, Stop) as exc:
        code = exc.code if isinstance(exc, Stop) else 130
        raise Interrupted(t("run.interrupted_early"), code) from None
    return result


def early_out_of_step(exc: OutOfStep, place: str) -> Interrupted:
    """A line that does not fit, before the session began: nothing is saved yet."""
    lead = t("run.out_of_step", line=exc.line, place=place, reason=exc.reason)
    return Interrupted(f"{lead}\n{t('run.out_of_step_early')}", 1)


class _Again(str):
    """Ask again, with this text in the input."""


def _ask_value(prompter: Prompter, key: str, default: Any, typed: str) -> Any:
    """One metadata answer, or _AGAIN after a warning. A default is a suggestion (typing
    replaces it, Enter accepts it); `typed` is what was typed before a warning, to correct."""
    if key in ("round", "participants"):
        number = prompter.number(
            t(f"meta.{key}"),
            default=None if default is None else float(default),
            whole=True,
            hint=t("ask.whole_hint"),
            depth=0,
        )
        return None if number is None else int(number)
    text = prompter.text(
        t(f"meta.{key}"), default=typed, hint="", depth=0, suggestion=str(default or "")
    )
    value = text.strip() or None
    if key == "date" and value and not _is_date(value):
        prompter.refuse(sentence(t("meta.bad_date")))
        return _Again(value)
    if key == "group" and not value:
        prompter.refuse(sentence(t("answer.required")))
        return _Again("")
    return value


def check(known: dict[str, Any]) -> None:
    """Metadata given as options or in an answers file, checked before anything is asked."""
    for key in ("round", "participants"):
        value = known.get(key)
        if value is not None and (not isinstance(value, int) or value < 0):
            raise UsageError(t("meta.bad_number", key=key, value=value))
    date = known.get("date")
    if date is not None and not _is_date(str(date)):
        raise UsageError(t("meta.bad_date_given", date=date))


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def fields(known: dict[str, Any]) -> dict[str, Any]:
    fields: dict[str, Any] = {
        key: str(known[key]) for key in ("group", "leader", "organisation") if known.get(key)
    }
    for key in ("round", "participants"):
        if known.get(key) is not None:
            fields[key] = int(known[key])
    fields["date"] = str(known.get("date") or dt.date.today().isoformat())
    return fields
