"""Click's and Typer's own words in the tool's language: the one place where they are met.

Click and Typer speak English. Here their gettext calls are pointed at limburglab's catalogues,
the help texts and metavars (keys such as `help.run`) are put in place, the help formatter's
own words are translated, and a usage error (exit code 2 in Click) becomes a message in the
tool's words with exit code 1. Every English text of Click that is translated is checked
against the pinned Click in `tests/test_click_words.py`.
"""

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from typing import Any

try:  # Typer 0.27 and later carry their own Click
    from typer._click import Context, HelpFormatter
except ImportError:  # pragma: no cover
    from click import Context, HelpFormatter  # type: ignore[assignment]


@contextmanager
def usage_errors_exit_1() -> Iterator[None]:
    """Click exits 2 on a wrong option or argument; we promise 1 for every user mistake, and
    say it in the tool's language (the Click inside Typer speaks only English)."""
    try:
        yield
    except Exception as exc:
        if getattr(exc, "exit_code", None) == 2:
            exc.exit_code = 1  # type: ignore[attr-defined]
            message = _in_our_words(exc)
            if message:
                exc.format_message = lambda: message  # type: ignore[attr-defined]
            exc.show = partial(_show_usage_error, exc)  # type: ignore[attr-defined]
        raise


def _show_usage_error(exc: Any, file: Any = None) -> None:
    """Click's usage, hint and error lines, in the tool's language."""
    from limburglab.messages import library_gettext as _

    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        hint = _("Try '{command} {option}' for help.").format(
            command=ctx.command_path, option=ctx.help_option_names[0]
        )
        print(f"{ctx.get_usage()}\n{hint}\n", file=sys.stderr)
    print(_("Error: {message}").format(message=exc.format_message()), file=sys.stderr)


def _in_our_words(exc: Any) -> str | None:
    from limburglab.messages import did_you_mean, t

    kind = type(exc).__name__
    text = str(getattr(exc, "message", ""))
    if kind == "NoSuchOption":
        close = exc.possibilities or []
        return t("cli.no_such_option", option=exc.option_name) + did_you_mean(
            exc.option_name, close
        )
    if kind in ("MissingParameter", "BadParameter"):
        param = exc.param_hint or (exc.param.get_error_hint(exc.ctx) if exc.param else "")
        if kind == "MissingParameter":
            return t("cli.missing_parameter", param=param)
        return t("cli.bad_parameter", param=param, detail=_detail(text))
    command = re.match(r"No such command '(.+)'", text)
    if command:
        return t("cli.no_such_command", name=command.group(1))
    needs = re.match(r"Option '(.+)' requires", text)
    if needs:
        return t("cli.option_needs_value", option=needs.group(1))
    refuses = re.match(r"Option '(.+)' does not take a value", text)
    if refuses:
        return t("cli.option_takes_no_value", option=refuses.group(1))
    extra = re.match(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", text)
    if extra:
        return t("cli.extra_arguments", words=extra.group(1))
    return None


def _detail(text: str) -> str:
    """Click's reason why a value is wrong, in our words where we know it."""
    from limburglab.messages import library_gettext, t

    number = re.match(r"^'(.*)' is not a valid (?:int|integer|float)\.$", text, re.S)
    if number:
        return t("cli.not_a_whole_number", value=number.group(1))
    return library_gettext(text)


def speak_through_click() -> None:
    """Click and Typer say their own words with gettext; let them use our catalogues."""
    import gettext

    from limburglab.messages import library_gettext, library_ngettext

    for name, module in list(sys.modules.items()):
        if name.partition(".")[0] not in ("click", "typer"):
            continue
        if getattr(module, "_", None) is gettext.gettext:
            module._ = library_gettext  # type: ignore[attr-defined]
        if getattr(module, "ngettext", None) is gettext.ngettext:
            module.ngettext = library_ngettext  # type: ignore[attr-defined]


def put_words(group: Any) -> None:
    """Replace the keys in help texts and metavars by their words in the current language."""
    from limburglab.messages import t

    def word(text: str | None) -> str | None:
        return t(text) if text and text.startswith(("help.", "metavar.")) else text

    group.help = word(group.help)
    group.subcommand_metavar = t("metavar.command")
    for command in [group, *group.commands.values()]:
        command.context_class = _Context
        command.help = word(command.help)
        command.short_help = word(command.short_help)
        command.options_metavar = t("metavar.options")
        for param in command.params:
            if getattr(param, "help", None):
                param.help = word(param.help)
            if param.metavar:
                param.metavar = word(param.metavar)
            elif not getattr(param, "is_flag", False) and param.type.name in _TYPE_WORDS:
                param.metavar = t(f"metavar.{_TYPE_WORDS[param.type.name]}")


_TYPE_WORDS = {
    "text": "text",
    "str": "text",
    "path": "path",
    "integer": "integer",
    "int": "integer",
}


class _Formatter(HelpFormatter):
    """Click's help formatter, with Click's own words (`Usage:`, the help option) translated."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        from limburglab.messages import library_gettext

        usage = library_gettext("Usage:") + " " if prefix is None else prefix
        super().write_usage(prog, args, usage)

    def write_dl(self, rows: Any, *args: Any, **kwargs: Any) -> None:
        from limburglab.messages import library_gettext

        rows = [(term, library_gettext(text) if text else text) for term, text in rows]
        super().write_dl(rows, *args, **kwargs)


class _Context(Context):
    formatter_class = _Formatter
