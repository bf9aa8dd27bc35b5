"""The floor for `limburglab --help`: a minimal two-command Typer app, run with the same python.

`limburglab --help` may cost at most 1.2 times what Typer itself needs to print this app's help.
"""

from __future__ import annotations

import typer

app = typer.Typer(help="A minimal Typer app with two commands.")


@app.command()
def hello(name: str) -> None:
    """Say hello."""
    print(f"Hello {name}")


@app.command()
def goodbye(name: str) -> None:
    """Say goodbye."""
    print(f"Goodbye {name}")


if __name__ == "__main__":
    app()
