"""The real `limburglab` command in a pseudo-terminal, driven with pexpect like a leader would."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from processes import LIMBURGLAB

pexpect = pytest.importorskip("pexpect")

pytestmark = pytest.mark.posix  # a pseudo-terminal (pexpect.spawn)

ENTER = "\r"
CTRL_B = "\x02"
CTRL_C = "\x03"
DOWN = "\x1b[B"
SPACE = " "
META = [
    "--group", "Groep 1", "--leader", "Mieke Bos", "--organisation", "Zonnebloem",
    "--round", "1", "--participants", "5", "--date", "2026-11-29",
]  # fmt: skip

DRIJFVEER = "Welke drijfveer om samen te werken noemt de groep?"
CONCLUSIE_DRIJFVEREN = "Conclusie van de groep over de drijfveren"
MORE = "…"  # the prompt for the next line of a paragraph
WHAT_NOW = "Wat nu?"
BASIS = "Wat is de basis voor samenwerking?"
VOORWAARDE = "Welke voorwaarde voor samenwerking noemt de groep?"
EFFECT = "Welk effect van samenwerken noemt de groep?"
THEMAS = "Welke thema’s vindt de groep belangrijk om samen op te pakken?"
RANK = "Welk thema is het belangrijkst? Zet ze in volgorde. — plaats {}"
FINAL = "Dit is de hele sessie. Afronden?"
#: The keys in the status line, which a prompt draws once it has the terminal.
STATUS_KEYS = "Ctrl-C opslaan en stoppen"


class Terminal:
    """One run of the CLI in a pseudo-terminal."""

    def __init__(self, cwd: Path, *args: str) -> None:
        env = {
            **os.environ,
            "PROMPT_TOOLKIT_NO_CPR": "1",
            "NO_COLOR": "1",
            "TERM": "xterm",
            "LIMBURGLAB_LANG": "nl",
        }
        self.child = pexpect.spawn(
            LIMBURGLAB,
            list(args),
            cwd=str(cwd),
            env=env,
            dimensions=(40, 120),
            encoding="utf-8",
            timeout=10,
        )

    def answer(self, prompt: str, keys: str) -> None:
        """Wait for `prompt` and for the prompt to own the terminal, then type `keys`.

        The question is printed before its prompt starts; until the prompt has put the terminal
        in raw mode, Ctrl-C is a signal to the process instead of a key with the text typed so
        far. The prompt draws its status line only once it has the terminal (prompt_toolkit
        enters raw mode before its first drawing), so what is on screen says when it is ready.
        """
        self.child.expect_exact(prompt)
        self.child.expect_exact(STATUS_KEYS)
        self.child.send(keys)

    def paragraph(self, prompt: str, text: str) -> None:
        """A paragraph of one line: the line, then an empty line."""
        self.answer(prompt, text + ENTER)
        if text:
            self.answer(MORE, ENTER)

    def expect(self, text: str) -> None:
        self.child.expect_exact(text)

    def end(self) -> int:
        self.child.expect(pexpect.EOF)
        self.child.close()
        status: int = self.child.exitstatus
        return status


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def first_section(term: Terminal) -> None:
    """Drijfveren: one with an example and its effect, one without; a conclusion."""
    term.answer(DRIJFVEER, "Overleven" + ENTER)
    term.answer("Voorbeeld bij „Overleven”", "Activiteiten naar de middag" + ENTER)
    term.answer("Wat was het effect van „Activiteiten naar de middag”?", "Betere opkomst" + ENTER)
    term.answer("punt 2; leeg = klaar", ENTER)  # no more examples
    term.answer("punt 2; leeg = klaar", "Netwerk" + ENTER)
    term.answer("Voorbeeld bij „Netwerk”", ENTER)
    term.answer("punt 3; leeg = klaar", ENTER)
    term.paragraph(CONCLUSIE_DRIJFVEREN, "Samen sterker")
    term.answer(WHAT_NOW, ENTER)  # Doorgaan


DRIJFVEREN = {
    "drijfveren": [
        {
            "text": "Overleven",
            "voorbeelden": [{"text": "Activiteiten naar de middag", "effect": "Betere opkomst"}],
        },
        "Netwerk",
    ],
    "conclusie_drijfveren": "Samen sterker",
}


def test_a_full_samenwerken_session(tmp_path: Path) -> None:
    term = Terminal(tmp_path, "run", "--session", "s.yaml", *META)
    term.expect("Onderdeel 1 van 5: Drijfveren om samen te werken")
    first_section(term)

    term.expect("Onderdeel 2 van 5: Basis voor samenwerking")
    term.answer(BASIS, "Elkaar kennen" + ENTER)
    term.answer("punt 2; leeg = klaar", "Openstaan voor de ander" + ENTER)
    term.answer("punt 3; leeg = klaar", ENTER)
    term.paragraph("Conclusie van de groep over de basis", "")
    term.answer(WHAT_NOW, ENTER)

    term.expect("Onderdeel 3 van 5: Voorwaarden voor samenwerking")
    term.answer(VOORWAARDE, "Motivatie" + ENTER)
    term.paragraph("Toelichting bij „Motivatie”", "Iedereen moet het willen")
    term.answer("Subpunt bij „Motivatie”", "Tijd" + ENTER)
    term.answer("punt 2; leeg = klaar", ENTER)
    term.paragraph("Wat werd na discussie geconcludeerd over „Motivatie”?", "")
    term.answer("punt 2; leeg = klaar", ENTER)
    term.paragraph("Conclusie van de groep over de voorwaarden", "")
    term.answer(WHAT_NOW, ENTER)

    term.expect("Onderdeel 4 van 5: Effecten van samenwerken")
    term.answer(EFFECT, "Draagvlak" + ENTER)
    term.answer("punt 2; leeg = klaar", ENTER)
    term.paragraph("Conclusie van de groep over de effecten", "")
    term.answer(WHAT_NOW, ENTER)

    term.expect("Onderdeel 5 van 5: Thema’s voor samenwerking")
    # Eenzaamheid, Armoede and Jongeren, ticked with the space bar
    term.answer(THEMAS, SPACE + DOWN + SPACE + DOWN + DOWN + SPACE + ENTER)
    term.answer("Anders, namelijk", "Cultuur" + ENTER)
    term.answer("Anders, namelijk", ENTER)  # one per line: an empty line ends them
    term.answer(RANK.format(1), DOWN + ENTER)  # Armoede
    term.answer(RANK.format(2), ENTER)  # Eenzaamheid
    term.answer(RANK.format(3), DOWN + ENTER)  # Cultuur
    term.answer(RANK.format(4), ENTER)  # Jongeren
    term.paragraph("Ideeën of voorbeelden bij eenzaamheid", "Eettafel organiseren")
    term.paragraph("Ideeën of voorbeelden bij armoede", "")
    term.paragraph("Ideeën of voorbeelden bij jongeren", "")
    term.paragraph("Ideeën of voorbeelden bij de andere thema’s", "Theater")
    term.paragraph("Conclusie van de groep over de thema’s", "")
    term.answer(WHAT_NOW, ENTER)  # Doorgaan
    term.answer(FINAL, ENTER)  # Afronden en opslaan
    term.expect("Sessie afgerond en opgeslagen in s.yaml")
    assert term.end() == 0

    saved = load(tmp_path / "s.yaml")
    assert saved["status"] == "complete"
    assert saved["meta"]["group"] == "Groep 1"
    assert saved["answers"] == {
        "drijfveren": DRIJFVEREN,
        "basis": {"basis": ["Elkaar kennen", "Openstaan voor de ander"]},
        "voorwaarden": {
            "voorwaarden": [
                {
                    "text": "Motivatie",
                    "toelichting": "Iedereen moet het willen",
                    "subpunten": ["Tijd"],
                }
            ]
        },
        "effecten": {"effecten": ["Draagvlak"]},
        "themas": {
            "themas": ["Eenzaamheid", "Armoede", "Jongeren", "Cultuur"],
            "prioriteit": ["Armoede", "Eenzaamheid", "Cultuur", "Jongeren"],
            "ideeen_eenzaamheid": "Eettafel organiseren",
            "ideeen_overig": "Theater",
        },
    }
    assert list(saved["timing"]) == ["drijfveren", "basis", "voorwaarden", "effecten", "themas"]
    assert saved["timing"]["voorwaarden"]["planned"] == 900


def test_going_back_and_editing_answers(tmp_path: Path) -> None:
    term = Terminal(tmp_path, "run", "--session", "s.yaml", *META)
    first_section(term)
    # Ctrl-B at the first entry of the next section: back to the conclusion, offered for
    # editing (typing adds to it rather than replacing it).
    term.answer(BASIS, CTRL_B)
    term.answer(CONCLUSIE_DRIJFVEREN, " en sneller" + ENTER)
    term.answer(MORE, ENTER)
    # The section review again: edit a list entry without retyping the others.
    term.answer(WHAT_NOW, DOWN + ENTER)  # Een antwoord wijzigen
    term.answer("Welk antwoord wilt u wijzigen?", ENTER)  # Drijfveren
    term.answer("Drijfveren: wat wilt u doen?", DOWN + DOWN + ENTER)  # Een punt wijzigen
    term.answer("Welk punt wijzigen?", DOWN + ENTER)  # Netwerk
    term.answer(DRIJFVEER, " en contacten" + ENTER)
    term.answer("Voorbeeld bij „Netwerk en contacten”", "Gezamenlijke nieuwsbrief" + ENTER)
    term.answer("Wat was het effect van „Gezamenlijke nieuwsbrief”?", ENTER)
    term.answer("punt 2; leeg = klaar", ENTER)
    term.answer("Drijfveren: wat wilt u doen?", ENTER)  # Klaar
    term.answer(WHAT_NOW, ENTER)  # Doorgaan
    term.answer(BASIS, "Elkaar kennen" + ENTER)
    # Ctrl-B inside a list: the previous entry is reopened with its text.
    term.answer("punt 2; leeg = klaar", CTRL_B)
    term.answer(BASIS, "!" + ENTER)
    term.answer("punt 2; leeg = klaar", CTRL_C)
    assert term.end() == 130

    saved = load(tmp_path / "s.yaml")
    assert saved["answers"] == {
        "drijfveren": {
            "drijfveren": [
                DRIJFVEREN["drijfveren"][0],
                {"text": "Netwerk en contacten", "voorbeelden": ["Gezamenlijke nieuwsbrief"]},
            ],
            "conclusie_drijfveren": "Samen sterker en sneller",
        },
        "basis": {"basis": ["Elkaar kennen!"]},
    }


def test_ctrl_c_saves_and_resume_continues_at_the_open_question(tmp_path: Path) -> None:
    term = Terminal(tmp_path, "run", "--session", "s.yaml", *META)
    first_section(term)
    term.answer(BASIS, "Elkaar kennen" + ENTER)
    term.answer("punt 2; leeg = klaar", "Openstaan" + CTRL_C)  # typed, not confirmed
    term.expect("Onderbroken; alle antwoorden zijn opgeslagen. Verder gaan met:")
    term.expect("limburglab resume s.yaml")
    assert term.end() == 130

    saved = load(tmp_path / "s.yaml")
    assert saved["status"] == "in_progress"
    assert saved["current"] == "basis.basis[1]"
    assert saved["draft"] == {"path": "basis.basis[1]", "text": "Openstaan"}  # typed, kept
    assert saved["answers"] == {"drijfveren": DRIJFVEREN, "basis": {"basis": ["Elkaar kennen"]}}

    term = Terminal(tmp_path, "resume", "s.yaml")
    term.expect("Onderdeel 2 van 5: Basis voor samenwerking")
    term.answer("punt 2; leeg = klaar", " voor de ander" + ENTER)  # the draft is offered
    term.answer("punt 3; leeg = klaar", ENTER)
    term.paragraph("Conclusie van de groep over de basis", "")
    term.answer(WHAT_NOW, ENTER)
    term.answer(VOORWAARDE, ENTER)
    term.paragraph("Conclusie van de groep over de voorwaarden", "")
    term.answer(WHAT_NOW, ENTER)
    term.answer(EFFECT, ENTER)
    term.paragraph("Conclusie van de groep over de effecten", "")
    term.answer(WHAT_NOW, ENTER)
    term.answer(THEMAS, ENTER)  # none ticked
    term.answer("Anders, namelijk", ENTER)
    term.paragraph("Conclusie van de groep over de thema’s", "Later bespreken")
    term.answer(WHAT_NOW, ENTER)
    term.answer(FINAL, ENTER)
    term.expect("Sessie afgerond en opgeslagen in s.yaml")
    assert term.end() == 0

    saved = load(tmp_path / "s.yaml")
    assert saved["status"] == "complete"
    assert "current" not in saved
    assert saved["answers"] == {
        "drijfveren": DRIJFVEREN,
        "basis": {"basis": ["Elkaar kennen", "Openstaan voor de ander"]},
        "themas": {"conclusie_themas": "Later bespreken"},
    }


def test_dutch_characters_are_saved_intact(tmp_path: Path) -> None:
    drijfveer = "Overleven, ook voor ’t café"
    voorbeeld = "Ideeën uitwisselen"
    effect = "Beter geïnformeerd, één aanspreekpunt"
    term = Terminal(tmp_path, "run", "--session", "s.yaml", *META[:-2], "--date", "2026-11-29")
    term.answer(DRIJFVEER, drijfveer + ENTER)
    term.answer("Voorbeeld bij „Overleven, ook voor ’t café”", voorbeeld + ENTER)
    term.answer(f"Wat was het effect van „{voorbeeld}”?", effect + ENTER)
    term.answer("punt 2; leeg = klaar", ENTER)
    term.answer("punt 2; leeg = klaar", ENTER)
    term.paragraph(CONCLUSIE_DRIJFVEREN, "Samen sterker — dat zeggen ze allemaal")
    term.answer(WHAT_NOW, CTRL_C)
    assert term.end() == 130

    text = (tmp_path / "s.yaml").read_text(encoding="utf-8")
    assert "Overleven, ook voor ’t café" in text  # not escaped
    assert load(tmp_path / "s.yaml")["answers"] == {
        "drijfveren": {
            "drijfveren": [
                {"text": drijfveer, "voorbeelden": [{"text": voorbeeld, "effect": effect}]}
            ],
            "conclusie_drijfveren": "Samen sterker — dat zeggen ze allemaal",
        }
    }
