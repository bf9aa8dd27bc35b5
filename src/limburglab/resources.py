"""Where the bundled workshops and templates are, installed or in a source checkout."""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The bundled folder `name` (`workshops` or `templates`)."""
    packaged = _HERE / name
    if packaged.is_dir():
        return packaged
    return _HERE.parents[1] / name  # an editable install runs from the source tree
