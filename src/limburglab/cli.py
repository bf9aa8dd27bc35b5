"""The command line: each command parses its options and calls one library function.

Heavy modules (pydantic, questionary, typst, the report) are imported inside the commands, so
that `limburglab --help` and `--version` start as fast as Typer itself.
"""

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from limburglab import __version__

if TYPE_CHECKING:
    from limburglab.errors import LimburglabError


class _Boundary(TyperGroup):
    """The one place where the package's errors become a message and an exit code."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if any(_SURROGATE.search(arg) for arg in args):
            _fail(_not_utf8(self, ctx, args))
        with _usage_errors_exit_1():
            return super().parse_args(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        from limburglab.errors import LimburglabError  # not needed for --help and --version

        with _usage_errors_exit_1():
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


@contextmanager
def _usage_errors_exit_1() -> Iterator[None]:
    """Click exits 2 on a wrong option or argument; we promise 1 for every user mistake, and
    say it in the tool's language (Click itself speaks only English)."""
    try:
        yield
    except Exception as exc:
        if getattr(exc, "exit_code", None) == 2:
            exc.exit_code = 1  # type: ignore[attr-defined]
            message = _in_our_words(exc)
            if message:
                exc.format_message = lambda: message  # type: ignore[attr-defined]
        raise


def _in_our_words(exc: Any) -> str | None:
    from limburglab.messages import did_you_mean, t

    kind = type(exc).__name__
    if kind == "NoSuchOption":
        close = exc.possibilities or []
        return t("cli.no_such_option", option=exc.option_name) + did_you_mean(
            exc.option_name, close
        )
    if kind in ("MissingParameter", "BadParameter"):
        param = exc.param_hint or (exc.param.get_error_hint(exc.ctx) if exc.param else "")
        if kind == "MissingParameter":
            return t("cli.missing_parameter", param=param)
        return t("cli.bad_parameter", param=param, detail=exc.message)
    command = re.match(r"No such command '(.+)'", str(getattr(exc, "message", "")))
    if command:
        return t("cli.no_such_command", name=command.group(1))
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
    help="Workshops begeleiden met vragen uit YAML-flows, en de antwoorden van alle subgroepen "
    "samenvoegen tot één verslag (Markdown, HTML, PDF, Word, spreadsheet).",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

FlowArg = Annotated[
    str,
    typer.Argument(
        help="Pad naar een flow (.yaml) of de naam van een meegeleverde flow.", metavar="FLOW"
    ),
]
LangOption = Annotated[
    str | None,
    typer.Option("--lang", help="Taal van de tool: nl of en (standaard: de taal van de flow)."),
]


def _version(value: bool) -> None:
    if value:
        print(f"limburglab {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Toon de versie."),
    ] = False,
) -> None:
    from limburglab.messages import env_language, set_language

    set_language(env_language())


@app.command()
def validate(
    flows: Annotated[
        list[str], typer.Argument(help="Een of meer flows (pad of naam).", metavar="FLOW...")
    ],
) -> None:
    """Controleer flows en meld elk probleem als BESTAND:REGEL:KOLOM.

    Voorbeeld: limburglab validate workshops/samenwerken.yaml
    """
    from limburglab.flow.outline import validate_all

    raise typer.Exit(validate_all(flows))


@app.command()
def flows() -> None:
    """Toon de meegeleverde workshops met titel, aantal onderdelen en totale tijd.

    Voorbeeld: limburglab flows
    """
    from limburglab.flow.outline import print_flows

    print_flows()


@app.command()
def show(flow: FlowArg) -> None:
    """Toon de opbouw van een flow: onderdelen, timeboxen, vragen en vervolgvragen.

    Voorbeeld: limburglab show samenwerken
    """
    from limburglab.flow.outline import print_outline

    print_outline(flow)


@app.command()
def schema() -> None:
    """Print het JSON Schema van het flow-formaat (voor aanvulling in de editor).

    Voorbeeld: limburglab schema > flow.schema.json
    """
    from limburglab.flow.validation import json_schema

    sys.stdout.write(json_schema())


PlainOption = Annotated[
    bool,
    typer.Option(
        "--plain",
        help="Regel voor regel vragen (voor schermlezers en scripts); vanzelf aan "
        "als de invoer geen terminal is.",
    ),
]

BoardFlag = Annotated[
    bool,
    typer.Option(
        "--board",
        help="Toon de sessie ook live in de browser (voor de beamer), met de klok van het "
        "onderdeel.",
    ),
]


@app.command()
def run(
    flow: Annotated[
        str | None,
        typer.Argument(help="Pad of naam van de flow (standaard: samenwerken).", metavar="[FLOW]"),
    ] = None,
    session: Annotated[
        Path | None, typer.Option("--session", help="Waar de sessie wordt opgeslagen.")
    ] = None,
    group: Annotated[str | None, typer.Option("--group", help="Naam van de subgroep.")] = None,
    leader: Annotated[str | None, typer.Option("--leader", help="Gespreksleider.")] = None,
    organisation: Annotated[
        str | None, typer.Option("--organisation", help="Organisatie van de gespreksleider.")
    ] = None,
    round_: Annotated[int | None, typer.Option("--round", help="Ronde (1, 2, …).")] = None,
    participants: Annotated[
        int | None, typer.Option("--participants", help="Aantal deelnemers.")
    ] = None,
    date: Annotated[str | None, typer.Option("--date", help="Datum (jjjj-mm-dd).")] = None,
    answers: Annotated[
        Path | None,
        typer.Option("--answers", help="Antwoorden uit een YAML-bestand (zoals een sessie)."),
    ] = None,
    plain: PlainOption = False,
    lang: LangOption = None,
    board: BoardFlag = False,
) -> None:
    """Begeleid een groep live door een flow; elk antwoord wordt direct opgeslagen.

    Voorbeeld: limburglab run --group "Groep 1" --leader "Mieke Bos" --board
    """
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
            flow, session_path=session, meta=meta, answers_file=answers, plain=plain, lang=lang
        )


@app.command()
def resume(
    session: Annotated[Path, typer.Argument(help="Het sessiebestand.", metavar="SESSION")],
    flow: Annotated[
        str | None, typer.Option("--flow", help="De flow, als die niet meer te vinden is.")
    ] = None,
    plain: PlainOption = False,
    lang: LangOption = None,
    board: BoardFlag = False,
) -> None:
    """Ga verder met een onderbroken sessie, of bekijk en wijzig een afgeronde.

    Voorbeeld: limburglab resume sessions/2026-11-29-samenwerken-groep-1.yaml
    """
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


@app.command()
def report(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            help="Sessiebestanden, of mappen met sessiebestanden (*.yaml).",
            metavar="SESSION_OR_DIR...",
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="Uitvoerbestand: .md, .html, .pdf, .docx (Word), of .xlsx of .csv met alle "
            "punten (standaard: Markdown op het scherm).",
        ),
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            help="md, html, pdf, docx, xlsx of csv (standaard: volgens de extensie van -o).",
            metavar="md|html|pdf|docx|xlsx|csv",
        ),
    ] = None,
    event: Annotated[
        Path | None,
        typer.Option(
            "--event",
            help="Evenementbestand (programma, organisatoren, datum, rondes, subgroepen, "
            "inleiding); standaard event.yaml in de map met sessies.",
            metavar="EVENT.yaml",
        ),
    ] = None,
    edits: Annotated[
        Path | None,
        typer.Option(
            "--edits",
            help="Bewerkingen van de notulist (samenvoegen, verbeteren, weglaten, conclusies); "
            "standaard bewerkingen.yaml in de map met sessies.",
            metavar="EDITS.yaml",
        ),
    ] = None,
    template: Annotated[
        Path | None,
        typer.Option(
            "--template",
            help="Eigen sjabloon: Jinja2 voor Markdown en HTML, .typ voor PDF, een .docx met de "
            "huisstijl voor Word.",
        ),
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", help="Titel van het verslag (standaard: de flow).")
    ] = None,
    no_names: Annotated[
        bool,
        typer.Option("--no-names", help="Laat de namen van gespreksleiders weg (privacy, AVG)."),
    ] = False,
    sources: Annotated[
        bool,
        typer.Option("--sources/--no-sources", help="Toon welke groepen elk punt noemden."),
    ] = True,
    complete_only: Annotated[
        bool,
        typer.Option("--complete-only", help="Alleen afgeronde sessies opnemen."),
    ] = False,
    flow: Annotated[
        str | None,
        typer.Option("--flow", help="De flow (pad of naam), als die niet uit de sessies volgt."),
    ] = None,
    lang: LangOption = None,
) -> None:
    """Voeg de sessies van alle subgroepen samen tot één conclusieverslag.

    Voorbeeld: limburglab report examples/samenwerken -o verslag.pdf
    """
    from limburglab.report import ReportOptions, make

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


@app.command()
def tidy(
    folder: Annotated[
        Path, typer.Argument(help="De map met de sessiebestanden.", metavar="SESSION_DIR")
    ],
    edits: Annotated[
        Path | None,
        typer.Option(
            "--edits",
            help="Waar de besluiten komen (standaard: bewerkingen.yaml in de map).",
            metavar="EDITS.yaml",
        ),
    ] = None,
    flow: Annotated[
        str | None,
        typer.Option("--flow", help="De flow (pad of naam), als die niet uit de sessies volgt."),
    ] = None,
    plain: Annotated[
        bool,
        typer.Option(
            "--plain", help="Regel voor regel vragen; vanzelf aan als de invoer geen terminal is."
        ),
    ] = False,
    lang: LangOption = None,
) -> None:
    """Zoek punten die waarschijnlijk hetzelfde zeggen en vraag per paar wat ermee moet.

    De besluiten komen in bewerkingen.yaml naast de sessies; de sessiebestanden blijven zoals
    ze zijn. Voorbeeld: limburglab tidy examples/samenwerken
    """
    from limburglab.report.tidy import TidyOptions
    from limburglab.report.tidy import tidy as run_tidy

    options = TidyOptions(folder=folder, edits_file=edits, plain=plain, flow_spec=flow, lang=lang)
    run_tidy(options, tell=lambda message: print(message, file=sys.stderr))


@app.command()
def board(
    inputs: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Een sessiebestand (groepsweergave), of meer sessies of een map "
            "(plenaire weergave); standaard de map sessions.",
            metavar="[SESSION_OR_DIR]...",
            show_default=False,
        ),
    ] = None,
    port: Annotated[
        int | None, typer.Option("--port", help="Poort (standaard: een vrije poort).")
    ] = None,
    host: Annotated[
        str,
        typer.Option(
            "--host",
            help="Adres om op te luisteren; 0.0.0.0 toont het bord ook op andere apparaten in "
            "het netwerk (met toegangscode in de link en een QR-code).",
        ),
    ] = "127.0.0.1",
    open_browser: Annotated[
        bool,
        typer.Option(
            "--open/--no-open", help="Open het bord in de browser, of print alleen de link."
        ),
    ] = True,
    lang: LangOption = None,
    new_in: Annotated[Path | None, typer.Option("--new-in", hidden=True)] = None,
    since: Annotated[str, typer.Option("--since", hidden=True)] = "",
) -> None:
    """Toon sessies live in de browser: één groep op de beamer, of alle groepen in de plenaire
    terugkoppeling. Leest alleen; volgt elke wijziging van de bestanden.

    Voorbeeld: limburglab board examples/samenwerken
    """
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
