"""The command line: each command parses its options and calls one library function.

Heavy modules (pydantic, questionary, typst, the report) are imported inside the commands, so
that `limburglab --help` and `--version` start as fast as Typer itself.

Every help text and metavar below is a key in the catalogues (`help.run`, `metavar.session`);
`_Boundary.main` chooses the language before Click reads the arguments and puts the words of
that language in place; Click's and Typer's own words are met in `click_words`.
"""

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from limburglab import __version__, click_words

if TYPE_CHECKING:
    from limburglab.errors import LimburglabError


class _Boundary(TyperGroup):
    """The one place where the package's errors become a message and an exit code."""

    def main(self, args: Any = None, *rest: Any, **options: Any) -> Any:
        from limburglab import messages

        words = list(sys.argv[1:] if args is None else args)
        asked = _peek_language(words)
        messages.set_language(
            asked if asked in messages.LANGUAGES else messages.env_language() or "nl"
        )
        click_words.speak_through_click()
        click_words.put_words(self)
        return super().main(words, *rest, **options)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if any(_SURROGATE.search(arg) for arg in args):
            _fail(_not_utf8(self, ctx, args))
        with click_words.usage_errors_exit_1():
            return super().parse_args(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        from limburglab.errors import LimburglabError  # not needed for --help and --version

        with click_words.usage_errors_exit_1():
            try:
                return super().invoke(ctx)
            except LimburglabError as exc:
                _fail(exc)


#: Bytes that are not UTF-8 in an argument reach Python as these (`surrogateescape`).
_SURROGATE = re.compile("[\udc80-\udcff]")


def _not_utf8(group: TyperGroup, ctx: Any, args: list[str]) -> "LimburglabError":
    """A usage error naming the first argument that holds bytes that are not UTF-8, and the
    option it is the value of: text that could never be saved in a session file."""
    from limburglab.errors import UsageError
    from limburglab.messages import t
    from limburglab.text import NotUtf8, check_utf8

    command = group.get_command(ctx, args[0]) if args else None
    flags = {
        name
        for param in (command.params if command else [])
        if getattr(param, "is_flag", False) or getattr(param, "count", False)
        for name in param.opts
    }
    for index, arg in enumerate(args):
        option, _, value = arg.partition("=") if arg.startswith("--") else ("", "", arg)
        try:
            check_utf8(value if option else arg)
        except NotUtf8 as exc:
            before = args[index - 1] if index else ""
            if not option and before.startswith("-") and "=" not in before and before not in flags:
                option = before
            return UsageError(
                t("cli.not_utf8", param=option or t("cli.an_argument"), text=exc.shown)
            )
    return UsageError(t("cli.not_utf8", param=t("cli.an_argument"), text=""))


def _peek_language(words: list[str]) -> str | None:
    """`--lang` among the arguments, read before Click parses them: `--help` must speak it too."""
    for at, word in enumerate(words):
        if word == "--":
            break
        if word == "--lang" and at + 1 < len(words):
            return words[at + 1].strip().lower()
        if word.startswith("--lang="):
            return word.partition("=")[2].strip().lower()
    return None


def _fail(exc: "LimburglabError") -> NoReturn:
    message = str(exc)
    if message:
        with suppress(OSError):  # a closed terminal (SIGHUP) cannot hear it; the code still counts
            print(message, file=sys.stderr)
    raise typer.Exit(exc.exit_code)


app = typer.Typer(
    cls=_Boundary,
    name="limburglab",
    help="help.app",
    rich_markup_mode=None,  # plain Click help: every word of it goes through the catalogues
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

FlowArg = Annotated[
    str,
    typer.Argument(help="help.flow", metavar="FLOW"),
]
LangOption = Annotated[
    str | None,
    typer.Option("--lang", help="help.lang", metavar="nl|en"),
]


def _speak(lang: str | None) -> None:
    """`--lang` (checked), else LIMBURGLAB_LANG, else Dutch: for commands that have no flow."""
    from limburglab.messages import choose

    choose(lang, "nl")


def _version(value: bool) -> None:
    if value:
        print(f"limburglab {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="help.version"),
    ] = False,
    lang: LangOption = None,
) -> None:
    """The language is chosen in `_Boundary.main`, before any word is said; here it is checked
    and kept for the command, which may also be given a flow in another language."""
    from limburglab.messages import give_before

    give_before(lang)
    if lang is not None:
        _speak(lang)


@app.command(help="help.validate")
def validate(
    flows: Annotated[list[str], typer.Argument(help="help.validate.flows", metavar="FLOW...")],
    lang: LangOption = None,
) -> None:
    from limburglab.flow.outline import validate_all

    _speak(lang)

    raise typer.Exit(validate_all(flows))


@app.command(help="help.flows")
def flows(lang: LangOption = None) -> None:
    from limburglab.flow.outline import print_flows

    _speak(lang)

    print_flows()


@app.command(help="help.show")
def show(flow: FlowArg, lang: LangOption = None) -> None:
    from limburglab.flow.outline import print_outline

    _speak(lang)

    print_outline(flow)


@app.command(help="help.schema")
def schema(lang: LangOption = None) -> None:
    from limburglab.flow.validation import json_schema

    _speak(lang)

    sys.stdout.write(json_schema())


PlainOption = Annotated[
    bool,
    typer.Option(
        "--plain",
        help="help.plain",
    ),
]

BoardFlag = Annotated[
    bool,
    typer.Option(
        "--board",
        help="help.board",
    ),
]


@app.command(help="help.run")
def run(
    flow: Annotated[
        str | None,
        typer.Argument(help="help.run.flow", metavar="[FLOW]"),
    ] = None,
    session: Annotated[Path | None, typer.Option("--session", help="help.run.session")] = None,
    group: Annotated[str | None, typer.Option("--group", help="help.run.group")] = None,
    leader: Annotated[str | None, typer.Option("--leader", help="help.run.leader")] = None,
    organisation: Annotated[
        str | None, typer.Option("--organisation", help="help.run.organisation")
    ] = None,
    round_: Annotated[int | None, typer.Option("--round", help="help.run.round")] = None,
    participants: Annotated[
        int | None, typer.Option("--participants", help="help.run.participants")
    ] = None,
    date: Annotated[str | None, typer.Option("--date", help="help.run.date")] = None,
    answers: Annotated[
        Path | None,
        typer.Option("--answers", help="help.run.answers"),
    ] = None,
    plain: PlainOption = False,
    lang: LangOption = None,
    board: BoardFlag = False,
    copy_flow: Annotated[bool, typer.Option("--copy-flow", help="help.run.copy_flow")] = False,
) -> None:
    from limburglab.live.run import run as run_session

    meta = {
        "group": group,
        "leader": leader,
        "organisation": organisation,
        "round": round_,
        "participants": participants,
        "date": date,
    }
    with _board_beside(board, new_in=session, lang=lang):
        run_session(
            flow,
            session_path=session,
            meta=meta,
            answers_file=answers,
            plain=plain,
            lang=lang,
            copy_flow=copy_flow,
        )


@app.command(help="help.resume")
def resume(
    session: Annotated[Path, typer.Argument(help="help.resume.session", metavar="metavar.session")],
    flow: Annotated[str | None, typer.Option("--flow", help="help.resume.flow")] = None,
    plain: PlainOption = False,
    lang: LangOption = None,
    board: BoardFlag = False,
) -> None:
    from limburglab.live.run import resume as resume_session

    with _board_beside(board, session=session, lang=lang):
        resume_session(session, flow_spec=flow, plain=plain, lang=lang)


@contextmanager
def _board_beside(
    wanted: bool, *, session: Path | None = None, new_in: Path | None = None, lang: str | None
) -> Iterator[None]:
    """With `--board`: a board process for the session while it is asked, stopped after."""
    if not wanted:
        yield
        return
    from limburglab.board import launch

    if session is not None:
        launched = launch.start_for(session, lang)
    else:
        launched = launch.start_for_new(new_in, lang)
    try:
        yield
    finally:
        launched.stop()


@app.command(help="help.report")
def report(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            help="help.report.inputs",
            metavar="metavar.session_or_dir",
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="help.report.output",
        ),
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            help="help.report.format",
            metavar="md|html|pdf|docx|xlsx|csv",
        ),
    ] = None,
    event: Annotated[
        Path | None,
        typer.Option(
            "--event",
            help="help.report.event",
            metavar="metavar.event",
        ),
    ] = None,
    edits: Annotated[
        Path | None,
        typer.Option(
            "--edits",
            help="help.report.edits",
            metavar="metavar.edits",
        ),
    ] = None,
    template: Annotated[
        Path | None,
        typer.Option(
            "--template",
            help="help.report.template",
        ),
    ] = None,
    title: Annotated[str | None, typer.Option("--title", help="help.report.title")] = None,
    no_names: Annotated[
        bool,
        typer.Option("--no-names", help="help.report.no_names"),
    ] = False,
    sources: Annotated[
        bool,
        typer.Option("--sources/--no-sources", help="help.report.sources"),
    ] = True,
    complete_only: Annotated[
        bool,
        typer.Option("--complete-only", help="help.report.complete_only"),
    ] = False,
    flow: Annotated[
        str | None,
        typer.Option("--flow", help="help.flow_option"),
    ] = None,
    lang: LangOption = None,
) -> None:
    from limburglab.report.command import ReportOptions, make

    options = ReportOptions(
        inputs=tuple(inputs),
        output=output,
        fmt=fmt,
        event_file=event,
        edits_file=edits,
        template=template,
        title=title,
        names=not no_names,
        sources=sources,
        complete_only=complete_only,
        flow_spec=flow,
        lang=lang,
    )
    make(options, tell=lambda message: print(message, file=sys.stderr))


@app.command(help="help.tidy")
def tidy(
    folder: Annotated[Path, typer.Argument(help="help.tidy.folder", metavar="metavar.session_dir")],
    edits: Annotated[
        Path | None,
        typer.Option(
            "--edits",
            help="help.tidy.edits",
            metavar="metavar.edits",
        ),
    ] = None,
    flow: Annotated[
        str | None,
        typer.Option("--flow", help="help.flow_option"),
    ] = None,
    plain: Annotated[
        bool,
        typer.Option("--plain", help="help.tidy.plain"),
    ] = False,
    lang: LangOption = None,
) -> None:
    from limburglab.report.tidy import TidyOptions
    from limburglab.report.tidy import tidy as run_tidy

    options = TidyOptions(folder=folder, edits_file=edits, plain=plain, flow_spec=flow, lang=lang)
    run_tidy(options, tell=lambda message: print(message, file=sys.stderr))


@app.command(help="help.board_command")
def board(
    inputs: Annotated[
        list[Path] | None,
        typer.Argument(
            help="help.board.inputs",
            metavar="metavar.sessions_optional",
            show_default=False,
        ),
    ] = None,
    port: Annotated[int | None, typer.Option("--port", help="help.board.port")] = None,
    host: Annotated[
        str,
        typer.Option(
            "--host",
            help="help.board.host",
        ),
    ] = "127.0.0.1",
    open_browser: Annotated[
        bool,
        typer.Option("--open/--no-open", help="help.board.open"),
    ] = True,
    lang: LangOption = None,
    new_in: Annotated[Path | None, typer.Option("--new-in", hidden=True)] = None,
    since: Annotated[str, typer.Option("--since", hidden=True)] = "",
) -> None:
    from limburglab.board.server import BoardOptions, serve

    serve(
        BoardOptions(
            inputs=tuple(inputs or ()),
            host=host,
            port=port,
            open_browser=open_browser,
            lang=lang,
            new_in=new_in,
            since=since,
        )
    )


def main() -> None:
    """Console script entry point."""
    app()


if __name__ == "__main__":
    main()
