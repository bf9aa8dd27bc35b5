"""Keep the word catalogues: add a word, take words over from a Python file, compile the .mo files.

Every word limburglab shows lives in src/limburglab/locale/<lang>/LC_MESSAGES/limburglab.po.
Two kinds of entries:

- our own words: the msgid is a key (`run.complete`), the msgstr the text in that language;
  `t("run.complete", path=...)` looks them up;
- words of the libraries (Click, Typer, PyYAML) and the JSON Schema's descriptions: the msgid is
  their English text, and only the Dutch catalogue translates it.

    python scripts/catalogue.py add run.paused "Gepauzeerd." --en "Paused."
    python scripts/catalogue.py add show.sections "{count} onderdeel" "{count} onderdelen" \\
        --en "{count} section" "{count} sections"        # a plural: one and many
    python scripts/catalogue.py absorb src/limburglab/messages.py   # NL/EN dicts -> catalogues
    python scripts/catalogue.py compile                  # .po -> .mo (after editing a .po)

`add` and `absorb` compile too. Needs Babel (in the test extra).
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

LOCALE = Path(__file__).resolve().parents[1] / "src" / "limburglab" / "locale"
LANGUAGES = ("nl", "en")
DOMAIN = "limburglab"


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def load(language: str) -> Catalog:
    path = po_path(language)
    if not path.exists():
        return Catalog(locale=language, domain=DOMAIN, project="limburglab", fuzzy=False)
    with path.open("rb") as file:
        return read_po(file, locale=language, domain=DOMAIN)


def save(language: str, catalog: Catalog) -> None:
    path = po_path(language)
    path.parent.mkdir(parents=True, exist_ok=True)
    catalog.fuzzy = False
    name = {"nl": "Dutch", "en": "English"}.get(language, language)
    catalog.header_comment = (
        f"# The words of limburglab in {name}; edit with scripts/catalogue.py or a PO editor.\n"
        "# Keys (run.complete) are limburglab's own words; English msgids are the words of\n"
        "# Click, Typer, PyYAML and the flow schema, translated in the Dutch catalogue only."
    )
    catalog.project, catalog.version = "limburglab", "1"
    catalog.msgid_bugs_address = catalog.last_translator = catalog.language_team = "-"
    with path.open("wb") as file:
        write_po(file, catalog, width=100, sort_output=True, omit_header=False, no_location=True)


def compile_all() -> None:
    for language in LANGUAGES:
        catalog = load(language)
        with po_path(language).with_suffix(".mo").open("wb") as file:
            write_mo(file, catalog, use_fuzzy=False)
        print(f"{po_path(language).with_suffix('.mo').relative_to(LOCALE.parents[2])}")


def put(catalog: Catalog, key: str, texts: list[str]) -> None:
    flags = ["python-brace-format"] if any("{" in text for text in texts) else []
    catalog.delete(key)  # Babel keeps the old text of a message that is set again
    if len(texts) == 1:
        catalog[key] = Message(key, texts[0], flags=flags)
    elif len(texts) == 2:
        catalog[key] = Message((key, key), tuple(texts), flags=flags)
    else:
        raise SystemExit(f"{key}: give one text, or two (one and many)")


def add(key: str, dutch: list[str], english: list[str]) -> None:
    for language, texts in (("nl", dutch), ("en", english)):
        catalog = load(language)
        put(catalog, key, texts)
        save(language, catalog)
    compile_all()


def dicts_in(source: Path) -> dict[str, dict[str, str]]:
    """The `NL = {...}` and `EN = {...}` dict literals in a Python file."""
    found: dict[str, dict[str, str]] = {}
    for node in ast.parse(source.read_text("utf-8")).body:
        target = None
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            target, value = node.target.id, node.value
        elif isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            target, value = node.targets[0].id, node.value
        if target in ("NL", "EN") and value is not None:
            found[target.lower()] = ast.literal_eval(value)
    return found


def absorb(source: Path, prefix: str, replace: bool) -> None:
    """Take the words of NL/EN dicts (a messages.py of an older branch) into the catalogues."""
    found = dicts_in(source)
    if not found:
        raise SystemExit(f"{source}: no NL or EN dict found")
    for language, words in found.items():
        catalog = load(language)
        added = 0
        for key, text in words.items():
            if replace or (prefix + key) not in catalog:
                put(catalog, prefix + key, [text])
                added += 1
        save(language, catalog)
        print(f"{language}: {added} words taken over")
    compile_all()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    adding = commands.add_parser("add", help="add or change a word in both languages")
    adding.add_argument("key")
    adding.add_argument("dutch", nargs="+", help="the Dutch text (two for a plural: one, many)")
    adding.add_argument("--en", nargs="+", required=True, help="the English text (or two)")
    taking = commands.add_parser("absorb", help="take over the words of NL/EN dicts in a file")
    taking.add_argument("source", type=Path)
    taking.add_argument("--prefix", default="", help="put before every key, e.g. page.")
    taking.add_argument("--replace", action="store_true", help="overwrite words already there")
    commands.add_parser("compile", help="compile every .po into its .mo")
    args = parser.parse_args(argv)
    if args.command == "add":
        add(args.key, args.dutch, args.en)
    elif args.command == "absorb":
        absorb(args.source, args.prefix, args.replace)
    else:
        compile_all()


if __name__ == "__main__":
    sys.exit(main())
