"""The edits file: the secretary's tidying, kept beside the sessions, applied to every report.

The session files stay the raw record of what each group said; `bewerkingen.yaml` in the same
folder (or the file given with `--edits`) says what the report makes of it. It is a YAML list,
one edit per item, written by `limburglab tidy` or by hand:

    - merge: [Elkaar ontmoeten, elkaar ontmoeten en kennen]   # the same point: one wording
      text: Elkaar ontmoeten                                  # (without it: the first)
      question: basis
    - correct: Groter bereik / doelgroep                      # a better wording
      text: Groter bereik en nieuwe doelgroepen
    - omit: Blijven bestaan                                   # left out of the report
      question: effecten
    - different: [Meer activiteiten organiseren, Duurdere activiteiten organiseren]
      question: effecten                                      # tidy asks no more about these
    - conclusion: Geconcludeerd werd door beide groepen …     # opens the section's text
      section: themas

Points are matched as the report merges them: case, spaces and punctuation ignored. `question`
(a question id, or `question.followup` for a list under a point) limits an edit to one list;
without it the edit applies to every list. An edit that matches no point is reported with its
line, never silently ignored.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from limburglab import yamlsource
from limburglab.errors import Problem, ProblemsError, WriteError
from limburglab.flow.model import Flow, ListQuestion, Question
from limburglab.messages import t
from limburglab.report.merge import one_line
from limburglab.session.file import Session
from limburglab.text import normalise

#: The name an edits file has in a folder of session files.
FILE_NAMES = ("bewerkingen.yaml", "bewerkingen.yml")
KINDS = ("merge", "correct", "omit", "different", "conclusion")
KEYS = (*KINDS, "text", "question", "section")


class EditsFileError(ProblemsError):
    """An edits file cannot be loaded."""


@dataclass
class Edit:
    """One of the secretary's decisions, and the line it is written on."""

    kind: str  # merge | correct | omit | different | conclusion
    #: The wordings it is about (one for correct and omit, two or more for merge and different).
    points: list[str] = field(default_factory=list)
    #: The wording to show (merge, correct), or the conclusion's text.
    text: str = ""
    #: A list question's path (`basis`, `voorwaarden.subpunten`); empty for every list.
    question: str = ""
    section: str = ""
    line: int = 0

    def as_yaml(self) -> dict[str, Any]:
        """The item as written in the file."""
        item: dict[str, Any] = {}
        if self.kind == "conclusion":
            return {"conclusion": self.text, "section": self.section}
        item[self.kind] = self.points if self.kind in ("merge", "different") else self.points[0]
        if self.text:
            item["text"] = self.text
        if self.question:
            item["question"] = self.question
        return item


@dataclass
class Edits:
    path: Path
    edits: list[Edit] = field(default_factory=list)

    def conclusions(self) -> dict[str, str]:
        return {e.section: e.text for e in self.edits if e.kind == "conclusion"}

    def different(self, question: str) -> set[frozenset[str]]:
        """The pairs of points (normalised) judged different in `question`."""
        return {
            frozenset(normalise(p) for p in pair)
            for e in self.edits
            if e.kind == "different" and e.question in ("", question)
            for pair in _pairs(e.points)
        }


def _pairs(points: list[str]) -> Iterator[tuple[str, str]]:
    for i, first in enumerate(points):
        for second in points[i + 1 :]:
            yield first, second


# --- reading ---------------------------------------------------------------------------------


def load(path: Path, flow: Flow) -> Edits:
    """Load and check an edits file against `flow`, or raise EditsFileError with every
    problem in it. A file with nothing but comments holds no edits."""
    text, _ = yamlsource.read_text(path, EditsFileError)
    if all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        return Edits(path)
    doc = yamlsource.parse(text, path, EditsFileError)
    if not isinstance(doc.data, list):
        raise EditsFileError([doc.problem((), t("edits.not_list"))])
    questions = dict(list_questions(flow))
    sections = {s.id for s in flow.sections}
    edits = Edits(path)
    problems: list[Problem] = []
    for index, item in enumerate(doc.data):
        line = doc.where((index,), key=False)[0]
        edit, found = _edit(item, questions, sections)
        problems += [doc.problem((index, *loc), message, key=key) for loc, message, key in found]
        if edit is not None:
            edit.line = line
            edits.edits.append(edit)
    if problems:
        raise EditsFileError(problems, t("edits.fix_and_retry", path=path))
    return edits


_Found = list[tuple[tuple[Any, ...], str, bool]]


def _edit(
    item: Any, questions: dict[str, Question], sections: set[str]
) -> tuple[Edit | None, _Found]:
    if not isinstance(item, dict):
        return None, [((), t("edits.not_mapping"), False)]
    found: _Found = [
        ((key,), t("edits.unknown_key", key=key, keys=", ".join(KEYS)), True)
        for key in item
        if key not in KEYS
    ]
    kinds = [key for key in item if key in KINDS]
    if len(kinds) != 1:
        return None, [*found, ((), t("edits.one_kind", kinds=", ".join(KINDS)), False)]
    kind = kinds[0]
    edit = Edit(kind)
    value = item[kind]
    if kind in ("merge", "different"):
        texts = [_text(v) for v in value] if isinstance(value, list) else []
        if len(texts) < 2 or not all(texts):
            found.append(((kind,), t("edits.points", key=kind), False))
        edit.points = [x for x in texts if x]
    elif not _text(value):
        found.append(((kind,), t("edits.text", key=kind), False))
    elif kind == "conclusion":
        edit.text = str(value).strip()
    else:
        edit.points = [_text(value)]
    if "text" in item and kind != "conclusion":
        edit.text = _text(item["text"])
        if not edit.text or kind in ("omit", "different"):
            key = "edits.text_not_here" if edit.text else "edits.text"
            found.append((("text",), t(key, key="text", kind=kind), False))
    elif kind == "correct":
        found.append(((), t("edits.missing", key="text", kind=kind), False))
    if kind == "conclusion":
        edit.section = _text(item.get("section"))
        if edit.section not in sections:
            key = "edits.unknown_section" if edit.section else "edits.missing"
            where = ("section",) if "section" in item else ()
            message = t(key, key="section", kind=kind, id=edit.section, ids=", ".join(sections))
            found.append((where, message, False))
    elif "question" in item:
        edit.question = _text(item["question"])
        if edit.question not in questions:
            message = t("edits.unknown_question", id=edit.question, ids=", ".join(questions))
            found.append((("question",), message, False))
    if "section" in item and kind != "conclusion":
        found.append((("section",), t("edits.text_not_here", key="section", kind=kind), True))
    return edit, found


def _text(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return ""
    return one_line(str(value))


def list_questions(flow: Flow) -> Iterator[tuple[str, Question]]:
    """Every list question with its path: `basis`, and `voorwaarden.subpunten` beneath it."""

    def walk(question: Question, path: str) -> Iterator[tuple[str, Question]]:
        if isinstance(question, ListQuestion):
            yield path, question
            for followup in question.item:
                yield from walk(followup, f"{path}.{followup.id}")

    for section in flow.sections:
        for question in section.questions:
            yield from walk(question, question.id)


# --- applying --------------------------------------------------------------------------------


def apply(
    edits: Edits, flow: Flow, sessions: list[Session], warn: Callable[[str], None]
) -> list[Session]:
    """Copies of `sessions` with the edits made to their list entries; every edit (or point of
    a merge) that matches nothing is told to `warn` as `FILE:LINE: …`."""
    wording: dict[tuple[str, str], tuple[str, Edit]] = {}
    omitted: dict[tuple[str, str], Edit] = {}
    for edit in edits.edits:
        if edit.kind in ("merge", "correct"):
            chosen = edit.text or edit.points[0]
            for point in edit.points:
                wording[edit.question, normalise(point)] = (chosen, edit)
        elif edit.kind == "omit":
            omitted[edit.question, normalise(edit.points[0])] = edit
    matched: set[tuple[int, str]] = set()

    def find(question: str, key: str) -> tuple[str, tuple[Any, ...]] | None:
        for scope in (question, ""):
            if (scope, key) in omitted:
                return "omit", (omitted[scope, key],)
            if (scope, key) in wording:
                return "word", wording[scope, key]
        return None

    def entries(question: ListQuestion, value: Any, path: str) -> Any:
        if not isinstance(value, list):
            return value
        kept = []
        for entry in value:
            text = entry.get("text", "") if isinstance(entry, dict) else str(entry)
            found = find(path, normalise(str(text)))
            if found and found[0] == "omit":
                matched.add((id(found[1][0]), normalise(str(text))))
                continue
            if found:
                chosen, edit = found[1]
                matched.add((id(edit), normalise(str(text))))
                entry = {**entry, "text": chosen} if isinstance(entry, dict) else chosen
            if isinstance(entry, dict):
                entry = dict(entry)
                for followup in question.item:
                    if isinstance(followup, ListQuestion) and followup.id in entry:
                        entry[followup.id] = entries(
                            followup, entry[followup.id], f"{path}.{followup.id}"
                        )
            kept.append(entry)
        return kept

    edited = []
    for s in sessions:
        answers = copy.deepcopy(s.answers)
        for section in flow.sections:
            for question in section.questions:
                given = answers.get(section.id, {})
                if isinstance(question, ListQuestion) and question.id in given:
                    given[question.id] = entries(question, given[question.id], question.id)
        edited.append(dataclasses.replace(s, answers=answers))
    for edit in edits.edits:
        if edit.kind in ("merge", "correct", "omit"):
            for point in edit.points:
                if (id(edit), normalise(point)) not in matched:
                    warn(t("edits.stale", path=edits.path, line=edit.line, point=point))
    return edited


# --- writing ---------------------------------------------------------------------------------


def append(path: Path, new: list[Edit]) -> None:
    """Add `new` at the end of the edits file at `path` (made when missing), keeping what is
    there, comments included; written atomically.

    The new text is read back before it replaces the file (it must end in exactly the new
    decisions), and the file after: a call that returns has them on disk, which is what
    "opgeslagen" says. Raises WriteError otherwise, the old file kept where it can be."""
    from limburglab.files import write_atomic
    from limburglab.session.yamltext import dump, same

    before = path.read_text(encoding="utf-8") if path.exists() else ""
    if not before.strip():
        before = t("edits.header")
    elif before.strip() == "[]":
        before = ""
    if before and not before.endswith("\n"):
        before += "\n"
    added = [edit.as_yaml() for edit in new]
    text = before + dump(added)
    try:
        read = yamlsource.read(text)
    except Exception:  # whatever the reader refuses is a text that does not read back
        read = None
    if not isinstance(read, list) or not same(read[len(read) - len(added) :], added):
        raise WriteError(t("file.cannot_write", path=path, reason=t("session.unfaithful")))
    write_atomic(path, text)
    try:
        written = path.read_bytes()
    except OSError:
        written = b""
    if written != text.encode("utf-8"):
        raise WriteError(t("file.cannot_write", path=path, reason=t("session.not_as_written")))
