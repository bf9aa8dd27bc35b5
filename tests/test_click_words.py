"""Click's and Typer's words meet the tool's language in one module (`limburglab.click_words`):
every English text the catalogues translate is still a text of the pinned Click, Typer or PyYAML
(or of the flow schema), and every usage error Click can raise is said in the tool's words,
with exit code 1."""

from __future__ import annotations

import ast
import importlib
import importlib.util
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from typer.testing import CliRunner

from limburglab.cli import app

SOURCES = Path(__file__).resolve().parents[1] / "src" / "limburglab"
CATALOGUE = SOURCES / "locale" / "nl" / "LC_MESSAGES" / "limburglab.po"
KEY = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
#: Where the English texts come from: the Click inside Typer (or Click itself), Typer, PyYAML,
#: and the flow's model, whose descriptions make the JSON Schema.
LIBRARIES = ("typer._click", "click", "typer", "yaml")
#: Texts that only later releases than the declared floor say; translated for those.
LATER_ONLY = {
    # libyaml's depth limit, in the wheels of PyYAML 6.0.4 (not 6.0), where our own says it.
    "exceeded maximum nesting depth": "6.0.4",
}


def english_texts() -> list[str]:
    with CATALOGUE.open("rb") as file:
        catalogue = read_po(file, locale="nl")
    texts = []
    for message in catalogue:
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        if key and not KEY.match(key):
            texts.append(str(key))
    return texts


def strings_in(folder: Path) -> set[str]:
    found: set[str] = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
    return found


def library_folders() -> list[Path]:
    folders = []
    for name in LIBRARIES:
        if importlib.util.find_spec(name) is not None:
            module = importlib.import_module(name)
            folders.append(Path(module.__file__ or "").parent)
    return folders


def said_by_a_library(text: str, strings: set[str], binaries: bytes) -> bool:
    """A text of the libraries' Python code (as it is, or before its `%r`: PyYAML's "found
    undefined alias %r"), or of libyaml (compiled into PyYAML's `_yaml` module, which reads
    the files when it is there)."""
    return text in strings or f"{text} %r" in strings or text.encode("utf-8") in binaries


def test_every_translated_library_text_is_still_said_by_the_pinned_libraries() -> None:
    """A Click, Typer or PyYAML release that rewords a message leaves its translation unused:
    the English text would reach a Dutch user. Found here, not by the user."""
    texts = english_texts()
    assert len(texts) > 30
    folders = library_folders()
    strings = strings_in(SOURCES / "flow").union(*(strings_in(folder) for folder in folders))
    binaries = b"".join(
        path.read_bytes()
        for folder in folders
        for path in folder.iterdir()
        if path.suffix in (".so", ".pyd")
    )
    missing = [text for text in texts if not said_by_a_library(text, strings, binaries)]
    assert [text for text in missing if text not in LATER_ONLY or _yaml_from(text)] == []


def _yaml_from(text: str) -> bool:
    """Whether the PyYAML installed is as recent as the release that says `text`."""
    import yaml

    def release(version: str) -> tuple[int, ...]:
        return tuple(int(part) for part in re.findall(r"\d+", version)[:3])

    return release(yaml.__version__) >= release(LATER_ONLY[text])


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.mark.parametrize(
    ("args", "dutch", "english"),
    [
        (["run", "--bogus"], "Fout: onbekende optie --bogus.", "No such option"),
        (["resume"], "ontbreekt.", "Missing argument"),
        (["run", "--round", "twee"], "`twee` is geen geheel getal", "is not a valid"),
        (["bogus"], "Fout: onbekend commando `bogus`;", "No such command"),
        (["run", "--round"], "Fout: optie --round heeft een waarde nodig.", "requires an"),
        (["run", "--plain=ja"], "Fout: optie --plain krijgt geen waarde.", "does not take"),
        (["show", "a", "b"], "Fout: onverwacht extra argument: b.", "unexpected extra"),
    ],
)
def test_every_usage_error_is_said_in_the_tools_words(
    runner: CliRunner, args: list[str], dutch: str, english: str
) -> None:
    result = runner.invoke(app, args, env={"LIMBURGLAB_LANG": "nl"})
    assert result.exit_code == 1
    assert dutch in result.stderr
    assert english not in result.stderr
    assert "Usage" not in result.stderr and "Error" not in result.stderr
