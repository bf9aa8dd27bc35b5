"""`limburglab validate`: every rule of the flow format, reported as FILE:LINE:COL: message.

Each test writes a small flow (line 1 is the line after the opening quotes) and checks the exact
lines that a facilitator sees.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from limburglab import flow, messages
from limburglab.cli import app

UNKNOWN_QUESTION_KEY = (
    "onbekende sleutel `promt` in een vraag. Bedoelde u `prompt`? Toegestaan: id, prompt, label, "
    "help, required, when, default, pattern, message, type."
)
TIMEBOX = (
    "ongeldige timebox; schrijf bijvoorbeeld `90s`, `10m`, `15 minuten`, `1h30m`, `1 uur` of een "
    "aantal minuten"
)
WriteFlow = Callable[..., Path]  # the `write_flow` fixture of conftest.py
QUESTION_TYPES = "text, paragraph, list, select, multiselect, rank, vote, confirm, number, scale"


def validate(runner: CliRunner, *paths: Path | str) -> Result:
    return runner.invoke(app, ["validate", *(str(path) for path in paths)])


def assert_problems(result: Result, *expected: str) -> None:
    """`validate` printed exactly these lines, and exited 1 without a traceback."""
    assert result.stdout.splitlines() == list(expected)
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    summary = "1 probleem gevonden" if len(expected) == 1 else f"{len(expected)} problemen gevonden"
    assert result.stderr == summary + "\n"


# --- the file itself ---------------------------------------------------------------------------


def test_a_valid_flow_is_in_orde(runner: CliRunner, write_flow: WriteFlow) -> None:
    path = write_flow(
        """\
        id: test
        title: Test
        version: 1
        sections:
          - id: a
            title: A
            timebox: 10m
            questions:
              - id: naam
                type: text
                prompt: Hoe heet de groep?
        """
    )

    result = validate(runner, path)

    assert result.stdout == f"{path}: in orde\n"
    assert result.stderr == ""
    assert result.exit_code == 0


def test_the_bundled_flows_are_in_orde(runner: CliRunner) -> None:
    result = validate(runner, "samenwerken", "evaluatie")

    assert result.stdout == "samenwerken: in orde\nevaluatie: in orde\n"
    assert result.exit_code == 0


def test_yaml_syntax_error(runner: CliRunner, write_flow: WriteFlow) -> None:
    path = write_flow(
        """\
        id: test
        title: Test
        version: 1
        sections:
          - id: a
            title: A
            questions:
              - id: q
                type: text
                prompt: Wat is: dit
        """
    )

    assert_problems(
        validate(runner, path),
        f"{path}:10:23: YAML-fout: hier kan geen `sleutel: waarde` staan (zet tekst met een "
        "dubbele punt tussen aanhalingstekens)",
    )


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (
            '"Hallo',
            "het bestand houdt onverwacht op (staat er een aanhalingsteken of haakje open?)",
        ),
        ("[Hallo", "de verwachte `,` of `]` ontbreekt"),
    ],
    ids=["quote", "bracket"],
)
def test_yaml_syntax_error_left_open_points_at_where_it_opens(
    runner: CliRunner, write_flow: WriteFlow, value: str, reason: str
) -> None:
    path = write_flow(
        f"""\
        id: test
        title: Test
        version: 1
        sections:
          - id: a
            title: A
            questions:
              - id: q
                type: text
                prompt: {value}
        """
    )

    # Not 11:1, after the last line, where YAML noticed: where the quote or bracket opens.
    assert_problems(validate(runner, path), f"{path}:10:17: YAML-fout: {reason}")


def test_tab_in_the_indentation(runner: CliRunner, write_flow: WriteFlow) -> None:
    path = write_flow(
        "id: test\n"
        "title: Test\n"
        "version: 1\n"
        "sections:\n"
        "  - id: a\n"
        "    title: A\n"
        "    questions:\n"
        "      - id: q\n"
        "\ttype: text\n"
        "      \t  prompt: P\n"
    )

    assert_problems(
        validate(runner, path),
        f"{path}:9:1: tab in de inspringing; YAML staat alleen spaties toe",
        f"{path}:10:7: tab in de inspringing; YAML staat alleen spaties toe",
    )


def test_bytes_that_are_not_utf8(runner: CliRunner, write_flow: WriteFlow) -> None:
    path = write_flow(
        b"id: test\n"
        b"title: Test\n"
        b"version: 1\n"
        b"sections:\n"
        b"  - id: a\n"
        b"    title: A\n"
        b"    questions:\n"
        b"      - id: q\n"
        b"        type: text\n"
        b"        prompt: Caf\xe9 nu\n"  # é in Latin-1: byte 0xE9 at column 20
    )

    assert_problems(
        validate(runner, path),
        f"{path}:10:20: geen geldige UTF-8-tekst; sla het bestand op als UTF-8",
    )


@pytest.mark.parametrize(
    "content",
    ["", "\n  \n", "# yaml-language-server: $schema=./flow.schema.json\n\n# nog niets\n"],
    ids=["empty", "blank-lines", "comments-only"],
)
def test_a_file_without_content_is_empty(
    runner: CliRunner, write_flow: WriteFlow, content: str
) -> None:
    path = write_flow(content)

    assert_problems(validate(runner, path), f"{path}:1:1: bestand is leeg")


def test_a_missing_path(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "bestaat-niet.yaml"

    assert_problems(validate(runner, path), f"{path}:1:1: bestand bestaat niet; controleer het pad")


def test_a_directory(runner: CliRunner, tmp_path: Path) -> None:
    assert_problems(
        validate(runner, tmp_path),
        f"{tmp_path}:1:1: dit is een map, geen bestand; geef het pad van een .yaml-bestand",
    )


def test_a_key_twice_in_one_mapping(runner: CliRunner, write_flow: WriteFlow) -> None:
    path = write_flow(
        """\
        id: test
        title: Test
        version: 1
        sections:
          - id: a
            title: A
            title: B
            questions:
              - id: q
                type: text
                prompt: P
                prompt: Q
        """
    )

    assert_problems(
        validate(runner, path),
        f"{path}:7:5: sleutel `title` staat hier twee keer",
        f"{path}:12:9: sleutel `prompt` staat hier twee keer",
    )


def test_a_key_next_to_a_merge_overrides_it(runner: CliRunner, write_flow: WriteFlow) -> None:
    path = write_flow(
        """\
        id: test
        title: Test
        version: 1
        sections:
          - id: a
            title: A
            questions:
              - &tekstvraag
                id: q
                type: text
                prompt: P
              - <<: *tekstvraag
                id: r
        """
    )

    result = validate(runner, path)

    assert result.stdout == f"{path}: in orde\n"
    assert result.exit_code == 0


def test_an_alias_bomb_is_refused_quickly(runner: CliRunner, write_flow: WriteFlow) -> None:
    path = write_flow(
        """\
        a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
        a1: &a1 [*a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0]
        a2: &a2 [*a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1]
        a3: &a3 [*a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2]
        a4: &a4 [*a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3]
        a5: &a5 [*a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4]
        a6: &a6 [*a5, *a5, *a5, *a5, *a5, *a5, *a5, *a5, *a5]
        a7: &a7 [*a6, *a6, *a6, *a6, *a6, *a6, *a6, *a6, *a6]
        a8: &a8 [*a7, *a7, *a7, *a7, *a7, *a7, *a7, *a7, *a7]
        a9: &a9 [*a8, *a8, *a8, *a8, *a8, *a8, *a8, *a8, *a8]
        id: test
        title: *a9
        version: 1
        sections: []
        """
    )

    start = time.monotonic()
    result = validate(runner, path)
    elapsed = time.monotonic() - start

    # Expanded, the bomb is 3.4 billion strings: hours and all the memory. The bound only tells
    # "refused before expanding" from "expanded"; how fast belongs in benchmarks/run.py.
    assert elapsed < 30
    assert result.exit_code == 1
    # Where the expansion stops depends on the node limit; any place in the file will do.
    (line,) = result.stdout.splitlines()
    assert re.fullmatch(
        re.escape(str(path)) + r":([1-9]|1[0-4]):\d+: "
        r"te veel verwijzingen \(anchors/aliassen\): het document zou onredelijk groot worden "
        r"en is daarom geweigerd",
        line,
    )


# --- keys and values ---------------------------------------------------------------------------


def test_unknown_key_suggests_the_right_one(runner: CliRunner, write_flow: WriteFlow) -> None:
    path = write_flow(
        """\
        id: test
        title: Test
        version: 1
        sections:
          - id: a
            title: A
            questions:
              - id: q
                type: text
                promt: Hoe heet de groep?
        """
    )

    assert_problems(
        validate(runner, path),
        f"{path}:8:9: verplichte sleutel `prompt` ontbreekt",
        f"{path}:10:9: {UNKNOWN_QUESTION_KEY}",
    )


@pytest.mark.parametrize("type_line", ["type: selekt", "lijst: ja"])
def test_a_question_of_unknown_or_no_type_still_has_its_other_problems_reported(
    runner: CliRunner, write_flow: WriteFlow, type_line: str
) -> None:
    path = write_flow(
        f"""\
        id: test
        title: Test
        version: 1
        sections:
          - id: a
            title: A
            questions:
              - id: kleur
                {type_line}
                promt: Welke kleur?
                choices: [Rood, Groen]
        """
    )

    output = validate(runner, path).stdout

    assert f"{path}:8:9: verplichte sleutel `prompt` ontbreekt" in output
    assert f"{path}:10:9: onbekende sleutel `promt` in een vraag. Bedoelde u `prompt`?" in output
    if type_line == "type: selekt":
        assert f"{path}:9:9: onbekend vraagtype `selekt`" in output
        assert "Bedoelde u `select`?" in output
    else:
        assert f"{path}:8:9: verplichte sleutel `type` ontbreekt" in output
        assert f"{path}:9:9: onbekende sleutel `lijst` in een vraag." in output
    assert "`choices`" not in output  # a key of some question type: not unknown


@pytest.mark.parametrize(
    ("section_id", "valid"),
    [("look-back", True), ("Terugblik_2", True), ("look back", False), ("-a", False)],
)
def test_section_ids_may_be_slugs(
    runner: CliRunner, write_flow: WriteFlow, section_id: str, valid: bool
) -> None:
    path = write_flow(
        f"""\
        id: test
        title: Test
        version: 1
        sections:
          - id: "{section_id}"
            title: A
            questions:
              - {{id: q, type: text, prompt: P}}
        """
    )

    result = runner.invoke(app, ["validate", str(path)])

    if valid:
        assert (result.exit_code, result.stdout) == (0, f"{path}: in orde\n")
    else:
        assert result.exit_code == 1
        assert result.stdout == (
            f"{path}:5:9: `id` van een onderdeel mag alleen letters, cijfers, _ en - (tussen "
            "twee woorden) bevatten, bijvoorbeeld `terugblik` of `look-back`\n"
        )


def test_unknown_key_in_a_section_and_a_choice(runner: CliRunner, write_flow: WriteFlow) -> None:
    path = write_flow(
        """\
        id: test
        title: Test
        version: 1
        sections:
          - id: a
            title: A
            inleiding: Welkom
            questions:
              - id: q
                type: select
                prompt: P
                choices:
                  - value: a
                    lable: A
        """
    )

    assert_problems(
        validate(runner, path),
        f"{path}:7:5: onbekende sleutel `inleiding` in een onderdeel. Toegestaan: id, title, "
        "intro, timebox, when, questions.",
        f"{path}:14:13: onbekende sleutel `lable` in een keuze. Bedoelde u `label`? "
        "Toegestaan: value, label.",
    )


def test_missing_required_keys(runner: CliRunner, write_flow: WriteFlow) -> None:
    path = write_flow(
        """\
        id: test
        title: Test
        sections:
          - id: a
            title: A
            questions:
              - id: q
                type: text
              - id: r
                prompt: Zonder type
        """
    )

    assert_problems(
        validate(runner, path),
        f"{path}:1:1: verplichte sleutel `version` ontbreekt",
        f"{path}:7:9: verplichte sleutel `prompt` ontbreekt",
        f"{path}:9:9: verplichte sleutel `type` ontbreekt",
    )


@pytest.mark.parametrize("value", ['"ja"', "1", "yes please"])
def test_required_must_be_true_or_false(
    runner: CliRunner, write_flow: WriteFlow, value: str
) -> None:
    path = write_flow(
        f"""\
        id: test
        title: Test
        version: 1
        sections:
          - id: a
            title: A
            questions:
              - id: q
                type: text
                prompt: P
                required: {value}
        """
    )

    assert_problems(validate(runner, path), f"{path}:11:19: `required` moet true of false zijn")


def test_values_that_must_be_text_or_a_list(runner: CliRunner, write_flow: WriteFlow) -> None:
    path = write_flow(
        """\
        id: test
        title: [a]
        version: 1
        sections: geen
        """
    )

    assert_problems(
        validate(runner, path),
        f"{path}:2:8: `title` moet tekst zijn",
        f"{path}:4:11: `sections` moet een lijst zijn",
    )


def test_a_list_entry_of_the_wrong_type_is_named_by_its_number(
    runner: CliRunner, write_flow: WriteFlow
) -> None:
    path = write_flow(
        """\
        id: test
        title: Test
        version: 1
        sections:
          - id: a
            title: A
            questions:
              - Hoe heet de groep?
              - id: q
                type: select
                prompt: P
                choices: [1, 2, 3]
        """
    )

    assert_problems(
        validate(runner, path),
        f"{path}:8:9: punt 1 van `questions` moet een mapping (sleutel: waarde) zijn",
        f"{path}:12:19: punt 1 van `choices` moet tekst zijn. {quote('1')}",
        f"{path}:12:22: punt 2 van `choices` moet tekst zijn. {quote('2')}",
        f"{path}:12:25: punt 3 van `choices` moet tekst zijn. {quote('3')}",
    )


TAG = (
    "de tag `{tag}` wordt niet gelezen; laat hem weg (en zet de waarde tussen aanhalingstekens "
    "als het tekst is)"
)


def quote(value: str) -> str:
    return f'Bedoelt u tekst, zet de waarde dan tussen aanhalingstekens: `"{value}"`.'


YES_NO = """\
    id: test
    title: On
    version: 1
    sections:
      - id: a
        title: A
        questions:
          - id: q
            type: select
            prompt: P
            choices: [Yes, No, on, off, y, n, ~x]
    """


def test_yes_no_on_and_off_are_text_as_in_yaml_1_2(write_flow: WriteFlow) -> None:
    loaded = flow.load(write_flow(YES_NO))

    assert loaded.title == "On"
    question = loaded.sections[0].questions[0]
    assert isinstance(question, flow.SelectQuestion) and question.choices
    assert [c.value for c in question.choices] == ["Yes", "No", "on", "off", "y", "n", "~x"]


WRONG_KIND = """\
    id: test
    title: true
    version: 1
    description: 2024
    sections:
      - id: a
        title: 1.10
        questions:
          - id: q
            type: select
            prompt: P
            choices: [false, 0x1F]
    """


def test_a_scalar_of_the_wrong_kind_gets_a_hint_to_quote_it_as_written(
    runner: CliRunner, write_flow: WriteFlow
) -> None:
    path = write_flow(WRONG_KIND)

    assert_problems(
        validate(runner, path),
        f"{path}:2:8: `title` moet tekst zijn. {quote('true')}",
        f"{path}:4:14: `description` moet tekst zijn. {quote('2024')}",
        f"{path}:7:12: `title` moet tekst zijn. {quote('1.10')}",
        f"{path}:12:19: punt 1 van `choices` moet tekst zijn. {quote('false')}",
        f"{path}:12:26: punt 2 van `choices` moet tekst zijn. {quote('0x1F')}",
    )


@pytest.mark.parametrize(
    ("written", "version"), [("010", "010"), ("1.10", "1.10"), ("2.0", "2.0"), ("7", "7")]
)
def test_a_version_keeps_the_form_it_was_written_in(
    write_flow: WriteFlow, written: str, version: str
) -> None:
    path = write_flow(
        f"""\
        id: test
        title: Test
        version: {written}
        sections:
          - id: a
            title: A
            questions:
              - id: q
                type: text
                prompt: P
        """
    )

    assert flow.load(path).version == version


def test_a_clock_time_as_timebox_gets_a_hint(runner: CliRunner, write_flow: WriteFlow) -> None:
    path = write_flow(
        """\
        id: test
        title: Test
        version: 1
        sections:
          - id: a
            title: A
            timebox: 10:00
            questions:
              - id: q
                type: text
                prompt: P
        """
    )

    assert_problems(
        validate(runner, path),
        f"{path}:7:14: `10:00` is een kloktijd, geen duur; schrijf bijvoorbeeld `10m` voor tien "
        "minuten of `1h` voor een uur",
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "!!int abc",
            "`abc` past niet bij !!int; laat de tag weg of geef een waarde die erbij past",
        ),
        (
            "!!float x",
            "`x` past niet bij !!float; laat de tag weg of geef een waarde die erbij past",
        ),
        (
            "!!bool maybe",
            "`maybe` past niet bij !!bool; laat de tag weg of geef een waarde die erbij past",
        ),
        ("!!null x", "`x` past niet bij !!null; laat de tag weg of geef een waarde die erbij past"),
        ("!!timestamp nope", TAG.format(tag="!!timestamp")),
        ("!!timestamp 2024-01-01", TAG.format(tag="!!timestamp")),
        ("!foo bar", TAG.format(tag="!foo")),
        ("!!python/name:os.system ''", TAG.format(tag="!!python/name:os.system")),
        ("!!binary aGVsbG8=", TAG.format(tag="!!binary")),
        ("!!set {a}", TAG.format(tag="!!set")),
        ("!!omap [a: 1]", TAG.format(tag="!!omap")),
    ],
)
def test_a_value_its_tag_cannot_make_is_located(
    runner: CliRunner, write_flow: WriteFlow, value: str, message: str
) -> None:
    path = write_flow(
        f"""\
        id: test
        title: {value}
        version: 1
        sections: []
        """
    )

    result = validate(runner, path)

    assert result.stdout.splitlines()[0] == f"{path}:2:8: {message}"
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)


# --- ids ---------------------------------------------------------------------------------------


def test_duplicate_section_id(runner: CliRunner, write_flow: WriteFlow) -> None:
    path = write_flow(
        """\
        id: test
        title: Test
        version: 1
        sections:
          - id: a
            title: A
            questions:
              - id: q
                type: text
                prompt: P
          - id: a
            title: B
            questions:
              - id: r
                type: text
                prompt: R
        """
    )

    assert_problems(
        validate(runner, path),
        f"{path}:11:9: onderdeel-id `a` komt al eerder voor; ids moeten uniek zijn",
    )


def test_duplicate_question_id_across_sections(runner: CliRunner, write_flow: WriteFlow) -> None:
    path = write_flow(
        """\
        id: test
        title: Test
        version: 1
        sections:
          - id: a
            title: A
            questions:
              - id: q
                type: text
                prompt: P
          - id: b
            title: B
            questions:
              - id: q
                type: text
                prompt: R
        """
    )

    assert_problems(
        validate(runner, path),
        f"{path}:14:13: vraag-id `q` komt al eerder voor; ids moeten uniek zijn in de hele flow",
    )


def test_duplicate_follow_up_id_in_one_item_list(runner: CliRunner, write_flow: WriteFlow) -> None:
    path = write_flow(
        """\
        id: test
        title: Test
        version: 1
        sections:
          - id: a
            title: A
            questions:
              - id: q
                type: list
                prompt: P
                item:
                  - id: f
                    type: text
                    prompt: F
                  - id: f
                    type: text
                    prompt: G
        """
    )

    assert_problems(
        validate(runner, path),
        f"{path}:15:17: vervolgvraag-id `f` komt al eerder voor in deze `item`-lijst",
    )


def test_the_same_follow_up_id_in_two_item_lists_is_fine(
    runner: CliRunner, write_flow: WriteFlow
) -> None:
    path = write_flow(
        """\
        id: test
        title: Test
        version: 1
        sections:
          - id: a
            title: A
            questions:
              - id: q
                type: list
                prompt: P
                item:
                  - id: toelichting
                    type: text
                    prompt: F
              - id: r
                type: list
                prompt: R
                item:
                  - id: toelichting
                    type: text
                    prompt: F
        """
    )

    result = validate(runner, path)

    assert result.stdout == f"{path}: in orde\n"
    assert result.exit_code == 0


# --- question types ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "hint"),
    [("paragrafe", " Bedoelde u `paragraph`?"), ("slider", "")],
    ids=["close-to-paragraph", "nothing-close"],
)
def test_unknown_question_type(
    runner: CliRunner, write_flow: WriteFlow, kind: str, hint: str
) -> None:
    path = write_flow(
        f"""\
        id: test
        title: Test
        version: 1
        sections:
          - id: a
            title: A
            questions:
              - id: q
                type: {kind}
                prompt: P
        """
    )

    assert_problems(
        validate(runner, path),
        f"{path}:9:9: onbekend vraagtype `{kind}`; kies uit {QUESTION_TYPES}.{hint}",
    )


def test_a_key_that_belongs_to_another_type(runner: CliRunner, write_flow: WriteFlow) -> None:
    path = write_flow(
        """\
        id: test
        title: Test
        version: 1
        sections:
          - id: a
            title: A
            questions:
              - id: q
                type: text
                prompt: P
                choices: [a, b]
        """
    )

    assert_problems(
        validate(runner, path),
        f"{path}:11:9: `choices` hoort niet bij een vraag van type `text` "
        "(wel bij: select, multiselect, rank, vote)",
    )


# --- references to other questions: when, choices_from, prompts -------------------------------


def test_when_names_an_unknown_question(runner: CliRunner, write_flow: WriteFlow) -> None:
    path = write_flow(
        """\
        id: test
        title: Test
        version: 1
        sections:
          - id: a
            title: A
            questions:
              - id: kleur
                type: text
                prompt: P
              - id: r
                type: text
                prompt: R
                when: kluer == 'rood'
        """
    )

    assert_problems(
        validate(runner, path),
        f"{path}:14:15: `when` gebruikt `kluer`, maar er is geen eerdere vraag met dat id. "
        "Bedoelde u `kleur`?",
    )


def test_when_names_a_later_question(runner: CliRunner, write_flow: WriteFlow) -> None:
    path = write_flow(
        """\
        id: test
        title: Test
        version: 1
        sections:
          - id: a
            title: A
            questions:
              - id: q
                type: text
                prompt: P
                when: r == 'ja'
              - id: r
                type: text
                prompt: R
        """
    )

    assert_problems(
        validate(runner, path),
        f"{path}:11:15: `when` gebruikt `r`, maar die vraag komt pas later; verwijs alleen naar "
        "eerdere vragen",
    )


def test_a_prompt_names_an_unknown_question(runner: CliRunner, write_flow: WriteFlow) -> None:
    path = write_flow(
        """\
        id: test
        title: Test
        version: 1
        sections:
          - id: a
            title: A
            questions:
              - id: q
                type: text
                prompt: "Over {{ x }}"
        """
    )

    assert_problems(
        validate(runner, path),
        f"{path}:10:17: `prompt` gebruikt `x`, maar er is geen eerdere vraag met dat id.",
    )


@pytest.mark.parametrize(
    ("choices_from", "expected"),
    [
        (
            "actis",
            "`choices_from` gebruikt `actis`, maar er is geen eerdere vraag met dat id. "
            "Bedoelde u `acties`?",
        ),
        (
            "later",
            "`choices_from` gebruikt `later`, maar die vraag komt pas later; verwijs alleen "
            "naar eerdere vragen",
        ),
        (
            "naam",
            "`choices_from` moet een eerdere vraag van type `list` of `multiselect` noemen; "
            "`naam` is dat niet",
        ),
    ],
    ids=["unknown", "later", "not-a-list"],
)
def test_choices_from_must_name_an_earlier_list(
    runner: CliRunner, write_flow: WriteFlow, choices_from: str, expected: str
) -> None:
    path = write_flow(
        f"""\
        id: test
        title: Test
        version: 1
        sections:
          - id: a
            title: A
            questions:
              - id: naam
                type: text
                prompt: P
              - id: acties
                type: list
                prompt: Acties
              - id: volgorde
                type: rank
                prompt: Volgorde
                choices_from: {choices_from}
              - id: later
                type: list
                prompt: Later
        """
    )

    assert_problems(validate(runner, path), f"{path}:17:23: {expected}")


@pytest.mark.parametrize(
    ("prompt", "when", "expected"),
    [
        ("R", "q ==", "14:15: fout in `when`: unexpected 'end of template'"),
        ('"Over {{ q }"', "q != ''", "13:17: fout in `prompt`: unexpected '}'"),
    ],
    ids=["when", "prompt"],
)
def test_jinja_syntax_error(
    runner: CliRunner, write_flow: WriteFlow, prompt: str, when: str, expected: str
) -> None:
    path = write_flow(
        f"""\
        id: test
        title: Test
        version: 1
        sections:
          - id: a
            title: A
            questions:
              - id: q
                type: text
                prompt: P
              - id: r
                type: text
                prompt: {prompt}
                when: {when}
        """
    )

    assert_problems(validate(runner, path), f"{path}:{expected}")


SINGLE_EQUALS = """\
    id: test
    title: Test
    version: 1
    sections:
      - id: a
        title: A
        questions:
          - id: q
            type: text
            prompt: P
          - id: r
            type: text
            prompt: R
            when: q = 'ja'
    """


def test_jinja_error_for_a_single_equals_sign_says_to_use_two(
    runner: CliRunner, write_flow: WriteFlow
) -> None:
    path = write_flow(SINGLE_EQUALS)

    result = validate(runner, path)

    (line,) = result.stdout.splitlines()
    assert line.startswith(f"{path}:14:15: fout in `when`: ")
    assert line.endswith(" Gebruik == om te vergelijken (niet =).")
    assert result.exit_code == 1


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (WRONG_KIND, "2:8: `title` moet tekst zijn. Bedoelt u tekst, "),
        (SINGLE_EQUALS, "14:15: fout in `when`: chunk after expression. Gebruik =="),
    ],
    ids=["wrong-kind", "single-equals"],
)
def test_a_hint_is_a_sentence_of_its_own(
    runner: CliRunner, write_flow: WriteFlow, content: str, expected: str
) -> None:
    path = write_flow(content)

    first = validate(runner, path).stdout.splitlines()[0]

    assert first.startswith(f"{path}:{expected}")


# --- timeboxes, ranges and choices -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("90s", 90),
        ("10m", 600),
        ("1h30m", 5400),
        (15, 900),
        ("1h", 3600),
        (" 10m ", 600),
        ("15 min", 900),
        ("15 minuten", 900),
        ("1 uur", 3600),
        ("1 hour", 3600),
        ("1 uur 30 minuten", 5400),
        ("2 hours 15 minutes", 8100),
        ("1H", 3600),
        ("10u", 36000),
        ("90 seconden", 90),
    ],
)
def test_parse_timebox(text: str | int, seconds: int) -> None:
    assert flow.parse_timebox(text) == seconds


@pytest.mark.parametrize(
    "text", ["10 dagen", "1h30", "0m", "m", "", "30m1h", "10m10m", "15.5m", "1,5 uur", 0, -5]
)
def test_parse_timebox_refuses(text: str | int) -> None:
    with pytest.raises(ValueError, match="ongeldige timebox"):
        flow.parse_timebox(text)


@pytest.mark.parametrize("timebox", ["10 dagen", "1h30", "0m", "''", "0", "-5", "10 m x"])
def test_a_bad_timebox(runner: CliRunner, write_flow: WriteFlow, timebox: str) -> None:
    path = write_flow(
        f"""\
        id: test
        title: Test
        version: 1
        sections:
          - id: a
            title: A
            timebox: {timebox}
            questions:
              - id: q
                type: text
                prompt: P
        """
    )

    assert_problems(validate(runner, path), f"{path}:7:14: {TIMEBOX}")


@pytest.mark.parametrize(
    ("kind", "low", "high"), [("scale", 10, 1), ("list", 5, 2), ("number", 2.5, 1)]
)
def test_min_greater_than_max(
    runner: CliRunner, write_flow: WriteFlow, kind: str, low: float, high: float
) -> None:
    path = write_flow(
        f"""\
        id: test
        title: Test
        version: 1
        sections:
          - id: a
            title: A
            questions:
              - id: q
                type: {kind}
                prompt: P
                min: {low}
                max: {high}
        """
    )

    assert_problems(
        validate(runner, path), f"{path}:12:9: `min` ({low}) is groter dan `max` ({high})"
    )


def test_a_scale_with_min_equal_to_max_says_so(runner: CliRunner, write_flow: WriteFlow) -> None:
    path = write_flow(
        """\
        id: test
        title: Test
        version: 1
        sections:
          - id: a
            title: A
            questions:
              - id: q
                type: scale
                prompt: P
                min: 5
                max: 5
        """
    )

    assert_problems(
        validate(runner, path),
        f"{path}:12:9: bij een schaal moet `min` (5) kleiner zijn dan `max` (5)",
    )


def test_empty_choices(runner: CliRunner, write_flow: WriteFlow) -> None:
    path = write_flow(
        """\
        id: test
        title: Test
        version: 1
        sections:
          - id: a
            title: A
            questions:
              - id: q
                type: select
                prompt: P
                choices: []
        """
    )

    assert_problems(validate(runner, path), f"{path}:11:18: `choices` mag niet leeg zijn")


def test_both_choices_and_choices_from(runner: CliRunner, write_flow: WriteFlow) -> None:
    path = write_flow(
        """\
        id: test
        title: Test
        version: 1
        sections:
          - id: a
            title: A
            questions:
              - id: l
                type: list
                prompt: L
              - id: q
                type: select
                prompt: P
                choices: [a]
                choices_from: l
        """
    )

    assert_problems(
        validate(runner, path), f"{path}:15:9: geef `choices` of `choices_from`, niet allebei"
    )


@pytest.mark.parametrize("kind", ["select", "multiselect", "rank"])
def test_neither_choices_nor_choices_from(
    runner: CliRunner, write_flow: WriteFlow, kind: str
) -> None:
    path = write_flow(
        f"""\
        id: test
        title: Test
        version: 1
        sections:
          - id: a
            title: A
            questions:
              - id: q
                type: {kind}
                prompt: P
        """
    )

    assert_problems(
        validate(runner, path), f"{path}:8:9: deze vraag heeft `choices` of `choices_from` nodig"
    )


# --- several problems, several files, another language -----------------------------------------


def test_every_problem_in_a_file_is_reported_in_one_run(
    runner: CliRunner, write_flow: WriteFlow
) -> None:
    path = write_flow(
        """\
        id: Werksessie
        title: Werksessie
        sections:
          - id: start
            title: Start
            timebox: 10 dagen
            questions:
              - id: naam
                type: txt
                prompt: Naam
              - id: naam
                type: text
                prompt: Nog een naam
                choices: [a, b]
              - id: cijfer
                type: scale
                prompt: Cijfer
                min: 10
                max: 1
                when: nam == 'x'
          - id: start
            title: Nog eens
            questions: []
        """
    )

    assert_problems(
        validate(runner, path),
        f"{path}:1:1: verplichte sleutel `version` ontbreekt",
        f"{path}:1:5: `id` mag alleen kleine letters, cijfers, - en _ bevatten, "
        "bijvoorbeeld `samenwerken-2026`",
        f"{path}:6:14: {TIMEBOX}",
        f"{path}:9:9: onbekend vraagtype `txt`; kies uit {QUESTION_TYPES}. Bedoelde u `text`?",
        f"{path}:11:13: vraag-id `naam` komt al eerder voor; ids moeten uniek zijn in de hele flow",
        f"{path}:14:9: `choices` hoort niet bij een vraag van type `text` "
        "(wel bij: select, multiselect, rank, vote)",
        f"{path}:19:9: `min` (10) is groter dan `max` (1)",
        f"{path}:20:15: `when` gebruikt `nam`, maar er is geen eerdere vraag met dat id. "
        "Bedoelde u `naam`?",
        f"{path}:21:9: onderdeel-id `start` komt al eerder voor; ids moeten uniek zijn",
        f"{path}:23:16: `questions` mag niet leeg zijn",
    )


GOOD = """\
    id: goed
    title: Goed
    version: 1
    sections:
      - id: a
        title: A
        questions:
          - id: q
            type: text
            prompt: P
    """


def test_one_bad_file_among_several(runner: CliRunner, write_flow: WriteFlow) -> None:
    bad = write_flow("id: test\n", name="slecht.yaml")
    good = write_flow(GOOD, name="goed.yaml")

    result = validate(runner, bad, good, "samenwerken")

    assert result.stdout.splitlines() == [
        f"{bad}:1:1: verplichte sleutel `title` ontbreekt",
        f"{bad}:1:1: verplichte sleutel `version` ontbreekt",
        f"{bad}:1:1: verplichte sleutel `sections` ontbreekt",
        f"{good}: in orde",
        "samenwerken: in orde",
    ]
    assert result.stderr == "3 problemen gevonden\n"
    assert result.exit_code == 1


def test_an_unknown_flow_name_among_several(runner: CliRunner, write_flow: WriteFlow) -> None:
    good = write_flow(GOOD, name="goed.yaml")

    result = validate(runner, "samenwerkn", good)

    assert result.stdout.splitlines() == [
        "samenwerkn: onbekende flow `samenwerkn`; geef een pad naar een .yaml-bestand of een "
        "meegeleverde flow: evaluatie, samenwerken. Bedoelde u `samenwerken`?",
        f"{good}: in orde",
    ]
    assert result.stderr == "1 probleem gevonden\n"
    assert result.exit_code == 1


def test_messages_in_english(
    runner: CliRunner, write_flow: WriteFlow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LIMBURGLAB_LANG", "en")
    messages.set_language("en")
    bad = write_flow(
        """\
        id: test
        title: Test
        version: 1
        sections:
          - id: a
            title: A
            timebox: 10 days
            questions:
              - id: q
                type: text
                promt: What is the group called?
        """,
        name="bad.yaml",
    )
    good = write_flow(GOOD, name="good.yaml")

    result = validate(runner, bad, good)

    assert result.stdout.splitlines() == [
        f"{bad}:7:14: invalid timebox; write for example `90s`, `10m`, `15 minutes`, `1h30m`, "
        "`1 hour` or a number of minutes",
        f"{bad}:9:9: required key `prompt` is missing",
        f"{bad}:11:9: unknown key `promt` in a question. Did you mean `prompt`? Allowed: id, "
        "prompt, label, help, required, when, default, pattern, message, type.",
        f"{good}: valid",
    ]
    assert result.stderr == "3 problems found\n"
    assert result.exit_code == 1


# --- choices that cannot lose votes ------------------------------------------------------------


def test_choices_that_merge_into_one_are_refused(runner: CliRunner, write_flow: WriteFlow) -> None:
    path = write_flow(
        """\
        id: test
        title: Test
        version: 1
        sections:
          - id: a
            title: A
            questions:
              - id: q
                type: vote
                prompt: P
                budget: 9
                choices: [Buurthuis, Sport, Buurthuis, "sport!", {value: " BUURT-HUIS"}]
        """
    )

    same = "hoofdletters, spaties en leestekens tellen niet mee, dus stemmen zouden samenvallen"
    assert_problems(
        validate(runner, path),
        f"{path}:12:37: keuze `Buurthuis` is dezelfde als keuze 1 (`Buurthuis`): {same}; "
        "geef elke keuze één keer",
        f"{path}:12:48: keuze `sport!` is dezelfde als keuze 2 (`Sport`): {same}; "
        "geef elke keuze één keer",
    )


def test_choices_from_a_list_offer_each_distinct_entry_once() -> None:
    evaluatie = flow.load("evaluatie")
    found = evaluatie.question("stemmen")
    assert found is not None
    question = found[1]
    assert isinstance(question, flow.VoteQuestion)
    answers = {"acties": ["Open dag", {"text": "Buurtkrant"}, "open dag!", " ", "Buurtkrant"]}

    choices = evaluatie.choices(question, answers)

    assert [c.value for c in choices] == ["Open dag", "Buurtkrant"]
