"""The command line: each command parses its options and calls one library function.

Heavy modules (pydantic, questionary, typst, the report) are imported inside the commands, so
that `limburglab --help` and `--version` start as fast as Typer itself.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from limburglab import __version__
from limburglab.errors import LimburglabError
from limburglab.messages import env_language, set_language


class _Boundary(TyperGroup):
    """The one place where the package's errors become a message and an exit code."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        with _usage_errors_exit_1():
            return super().parse_args(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        with _usage_errors_exit_1():
            try:
                return super().invoke(ctx)
            except LimburglabError as exc:
                _fail(exc)


@contextmanager
def _usage_errors_exit_1() -> Iterator[None]:
    """Click exits 2 on a wrong option or argument; we promise 1 for every user mistake."""
    try:
        yield
    except Exception as exc:
        if getattr(exc, "exit_code", None) == 2:
            exc.exit_code = 1  # type: ignore[attr-defined]
        raise


def _fail(exc: LimburglabError) -> NoReturn:
    message = str(exc)
    if message:
        print(message, file=sys.stderr)
    raise typer.Exit(exc.exit_code)


app = typer.Typer(
    cls=_Boundary,
    name="limburglab",
    help="Workshops begeleiden met vragen uit YAML-flows, en de antwoorden van alle subgroepen "
    "samenvoegen tot één verslag (Markdown, HTML, PDF).",
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
    from limburglab.outline import validate_all

    raise typer.Exit(validate_all(flows))


@app.command()
def flows() -> None:
    """Toon de meegeleverde workshops met titel, aantal onderdelen en totale tijd.

    Voorbeeld: limburglab flows
    """
    from limburglab.outline import print_flows

    print_flows()


@app.command()
def show(flow: FlowArg) -> None:
    """Toon de opbouw van een flow: onderdelen, timeboxen, vragen en vervolgvragen.

    Voorbeeld: limburglab show samenwerken
    """
    from limburglab.outline import print_outline

    print_outline(flow)


@app.command()
def schema() -> None:
    """Print het JSON Schema van het flow-formaat (voor aanvulling in de editor).

    Voorbeeld: limburglab schema > flow.schema.json
    """
    from limburglab.flow import json_schema

    sys.stdout.write(json_schema())


def main() -> None:
    """Console script entry point."""
    app()


if __name__ == "__main__":
    main()
