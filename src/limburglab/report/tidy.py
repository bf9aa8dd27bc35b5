"""`limburglab tidy`: find points that probably say the same thing, and ask the secretary.

Per list question, the points of all sessions (with the edits so far applied) are compared
with rapidfuzz's token-set ratio on their normalised text, so that "Elkaar ontmoeten" meets
"elkaar ontmoeten en kennen" and "Groter bereik / doelgroep" meets "groter bereik". Only points
that share the start of a word are compared (an index on the first letters of every word), so
thousands of points take well under a second instead of comparing every point with every other.

Each decision is added to the edits file at once (see `edits`), so an interrupted run loses
nothing; the session files are never written.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TextIO

from limburglab import system
from limburglab.errors import UsageError
from limburglab.flow.model import Flow, ListQuestion, entry_text
from limburglab.messages import choose, language, t
from limburglab.report import edits as edit_files
from limburglab.report.edits import Edit, Edits
from limburglab.report.merge import one_line
from limburglab.session.file import Session
from limburglab.text import NotUtf8, normalise, read_line

#: Token-set ratio (0–100) from which two points are probably the same.
SIMILAR = 85
#: The shorter point has at least this share of the longer one's letters: "Armoede" alone is
#: not a near-duplicate of every sentence about poverty.
MIN_LENGTH_SHARE = 0.3
#: Words are indexed by their first letters: a typo later in a word still finds its pair.
PREFIX = 4
#: A word start found in more texts than this share of them (and at least `COMMON_FLOOR`)
#: is too common to make two texts candidates on its own ("samenwerken" in a workshop about
#: working together).
COMMON_SHARE = 0.02
COMMON_FLOOR = 100
_SMALL_WORDS = frozenset(
    {"de", "het", "een", "en", "van", "voor", "met", "op", "in", "te", "om", "aan", "bij",
     "door", "naar", "of", "ook", "als", "is", "zijn", "wat", "wie", "the", "a", "an", "and",
     "for", "with", "on", "to", "at", "by", "or", "as", "are", "what", "who"}
)  # fmt: skip

#: What the secretary decided about one pair.
SAME_FIRST, SAME_SECOND, SAME_NEW, DIFFERENT, SKIP, STOP = (
    "first",
    "second",
    "new",
    "different",
    "skip",
    "stop",
)


@dataclass(frozen=True)
class Pair:
    """Two points of one list question that probably say the same."""

    #: The list question's path in the edits file (`basis`, `voorwaarden.subpunten`).
    question: str
    #: Its label, to show.
    title: str
    first: str
    second: str
    #: Token-set ratio, 0–100.
    score: float
    first_groups: tuple[str, ...] = ()
    second_groups: tuple[str, ...] = ()


@dataclass
class _Point:
    text: str
    groups: list[str] = field(default_factory=list)


# --- finding pairs ---------------------------------------------------------------------------


def suggest(flow: Flow, sessions: list[Session], edits: Edits | None = None) -> list[Pair]:
    """The probable near-duplicates, question by question in flow order, most similar first;
    pairs that the edits already call different are left out."""
    pairs: list[Pair] = []
    for question, title, points in _points(flow, sessions):
        different = edits.different(question) if edits else set()
        keys = list(points)
        found = [
            (score, i, j)
            for i, j, score in similar(keys)
            if frozenset((keys[i], keys[j])) not in different
        ]
        for score, i, j in sorted(found, key=lambda f: (-f[0], f[1], f[2])):
            first, second = points[keys[i]], points[keys[j]]
            pairs.append(
                Pair(
                    question,
                    title,
                    first.text,
                    second.text,
                    score,
                    tuple(first.groups),
                    tuple(second.groups),
                )
            )
    return pairs


def similar(keys: list[str], cutoff: float = SIMILAR) -> list[tuple[int, int, float]]:
    """Index pairs (i < j) of normalised texts whose token-set ratio is at least `cutoff`.

    Only texts that share the start of a word are compared; a word start found in very many
    texts (`COMMON`) does not make them candidates by itself, so the work grows with the
    number of texts, not with its square."""
    from rapidfuzz import fuzz, process

    index: dict[str, list[int]] = {}
    prefixes = [_prefixes(key) for key in keys]
    for number, found in enumerate(prefixes):
        for prefix in found:
            index.setdefault(prefix, []).append(number)
    common = max(COMMON_FLOOR, COMMON_SHARE * len(keys))
    pairs = []
    for i, key in enumerate(keys):
        candidates = sorted(
            {j for p in prefixes[i] if len(index[p]) <= common for j in index[p] if j > i}
        )
        shortest = MIN_LENGTH_SHARE * len(key)
        chosen = [
            j
            for j in candidates
            if len(keys[j]) >= shortest and len(key) >= MIN_LENGTH_SHARE * len(keys[j])
        ]
        matches = process.extract(
            key,
            [keys[j] for j in chosen],
            scorer=fuzz.token_set_ratio,
            processor=None,
            score_cutoff=cutoff,
            limit=None,
        )
        pairs += [(i, chosen[position], score) for _, score, position in matches]
    return sorted(pairs)


def _prefixes(key: str) -> set[str]:
    return {word[:PREFIX] for word in key.split() if len(word) > 2 and word not in _SMALL_WORDS}


def _points(flow: Flow, sessions: list[Session]) -> Iterator[tuple[str, str, dict[str, _Point]]]:
    """Per list question (follow-up lists too): its path, label and the distinct points of
    all sessions by normalised text, with the groups that named each."""
    questions = dict(edit_files.list_questions(flow))
    gathered: dict[str, dict[str, _Point]] = {path: {} for path in questions}

    def walk(question: ListQuestion, value: Any, path: str, group: str) -> None:
        for entry in value if isinstance(value, list) else []:
            text = one_line(entry_text(entry))
            if text:
                point = gathered[path].setdefault(normalise(text), _Point(text))
                if group not in point.groups:
                    point.groups.append(group)
            if isinstance(entry, dict):
                for followup in question.item:
                    if isinstance(followup, ListQuestion) and followup.id in entry:
                        walk(followup, entry[followup.id], f"{path}.{followup.id}", group)

    several_rounds = len({s.meta.round for s in sessions}) > 1
    for s in sessions:
        group = s.meta.group or (s.path.stem if s.path else "?")
        if several_rounds and s.meta.round is not None:
            group = t("report.group_in_round", group=group, round=s.meta.round)
        for section in flow.sections:
            for question in section.questions:
                given = s.answers.get(section.id, {})
                if isinstance(question, ListQuestion) and question.id in given:
                    walk(question, given[question.id], question.id, group)
    for path, question in questions.items():
        if len(gathered[path]) > 1:
            yield path, question.title, gathered[path]


# --- asking ----------------------------------------------------------------------------------


class Asker(Protocol):
    """Asks the secretary about one pair at a time."""

    def decide(self, pair: Pair, number: int, total: int) -> str:
        """One of SAME_FIRST, SAME_SECOND, SAME_NEW, DIFFERENT, SKIP, STOP."""
        ...

    def wording(self, pair: Pair) -> str:
        """The new wording for a pair that is the same point ("" to skip the pair)."""
        ...


def _options() -> list[tuple[str, str]]:
    return [
        (SAME_FIRST, t("tidy.same_first")),
        (SAME_SECOND, t("tidy.same_second")),
        (SAME_NEW, t("tidy.same_new")),
        (DIFFERENT, t("tidy.different")),
        (SKIP, t("tidy.skip")),
        (STOP, t("tidy.stop")),
    ]


def _shown(pair: Pair, number: int, total: int) -> list[str]:
    return [
        t("tidy.pair", number=number, total=total, question=pair.title),
        f"  A: {pair.first} ({'; '.join(pair.first_groups)})",
        f"  B: {pair.second} ({'; '.join(pair.second_groups)})",
    ]


class PlainAsker:
    """The plain line protocol: everything on stderr, one answer per line from stdin.

    An option is chosen by its number or its words; an empty line skips the pair and end of
    input stops (what was decided is already saved)."""

    def __init__(self, stdin: TextIO | None = None, stderr: TextIO | None = None) -> None:
        self.stdin = stdin or sys.stdin
        self.out = stderr or sys.stderr

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def read(self) -> str | None:
        while True:
            self.out.write("> ")
            self.out.flush()
            try:
                line = read_line(self.stdin)
                return None if not line else line.strip()
            except NotUtf8 as exc:
                self.say(f"! {t('ask.not_utf8_here', text=exc.shown)}")

    def decide(self, pair: Pair, number: int, total: int) -> str:
        self.say()
        for line in _shown(pair, number, total):
            self.say(line)
        self.say(f"? {t('tidy.question')}")
        options = _options()
        for index, (_, label) in enumerate(options, start=1):
            self.say(f"  {index}) {label}")
        self.say(f"  ({t('tidy.plain_hint')})")
        while True:
            answer = self.read()
            if answer is None:
                return STOP
            if not answer:
                return SKIP
            chosen = _match(answer, options)
            if chosen:
                return chosen
            self.say(f"! {t('ask.no_such_choice', answer=answer)}")

    def wording(self, pair: Pair) -> str:
        self.say(f"? {t('tidy.new_wording')}")
        return self.read() or ""


def _match(answer: str, options: list[tuple[str, str]]) -> str | None:
    if answer.isdigit() and 1 <= int(answer) <= len(options):
        return options[int(answer) - 1][0]
    folded = answer.casefold()
    for value, label in options:
        if folded in (value, label.casefold()):
            return value
    return None


class TerminalAsker:
    """questionary's select and text prompts; Ctrl-C stops (what was decided is saved)."""

    def decide(self, pair: Pair, number: int, total: int) -> str:
        import questionary

        print("\n" + "\n".join(_shown(pair, number, total)), file=sys.stderr)
        choices = [questionary.Choice(label, value) for value, label in _options()]
        try:
            answer = questionary.select(t("tidy.question"), choices=choices).unsafe_ask()
        except (KeyboardInterrupt, EOFError):
            return STOP
        return str(answer)

    def wording(self, pair: Pair) -> str:
        import questionary

        try:
            answer = questionary.text(t("tidy.new_wording"), default=pair.first).unsafe_ask()
        except (KeyboardInterrupt, EOFError):
            return ""
        return one_line(str(answer or ""))


# --- the command -----------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class TidyOptions:
    """What `limburglab tidy` was asked for."""

    folder: Path
    #: Without it, `bewerkingen.yaml` in the folder (made when missing).
    edits_file: Path | None = None
    plain: bool = False
    flow_spec: str | None = None
    lang: str | None = None


def tidy(options: TidyOptions, *, tell: Callable[[str], None], asker: Asker | None = None) -> int:
    """Ask about every probable near-duplicate in the sessions in `options.folder` and add
    each decision to the edits file. Returns the number of decisions saved. Raises UsageError
    when the folder is not a folder, and the loaders' located errors for broken files."""
    from limburglab.report import gather

    choose(options.lang, fallback=language())
    if not options.folder.is_dir():
        raise UsageError(t("tidy.not_folder", path=options.folder))
    found = gather.find([options.folder], options.flow_spec)
    choose(options.lang, fallback=found.flow.language)
    sessions = gather.choose(found, complete_only=False, warn=lambda message: None)
    path = options.edits_file or found.edits_path or options.folder / edit_files.FILE_NAMES[0]
    edits = edit_files.load(path, found.flow) if path.exists() else Edits(path)
    sessions = edit_files.apply(edits, found.flow, sessions, warn=tell)
    pairs = suggest(found.flow, sessions, edits)
    if not pairs:
        tell(t("tidy.none"))
        return 0
    if asker is None:
        interactive = not options.plain and sys.stdin.isatty() and sys.stderr.isatty()
        asker = TerminalAsker() if interactive else PlainAsker()
    tell(t("tidy.found_one" if len(pairs) == 1 else "tidy.found", count=len(pairs), path=path))
    saved = 0
    renamed: dict[tuple[str, str], str] = {}
    for number, pair in enumerate(pairs, start=1):
        first = renamed.get((pair.question, normalise(pair.first)), pair.first)
        second = renamed.get((pair.question, normalise(pair.second)), pair.second)
        if normalise(first) == normalise(second):
            continue  # already merged by an earlier decision in this run
        pair = dataclasses.replace(pair, first=first, second=second)
        decision = asker.decide(pair, number, len(pairs))
        if decision == STOP:
            break
        edit = _edit(decision, pair, asker)
        if edit is None:
            continue
        edit_files.append(path, [edit])
        saved += 1
        if edit.kind == "merge":
            for point in edit.points:
                renamed[pair.question, normalise(point)] = edit.text
    key = "tidy.saved_one" if saved == 1 else "tidy.saved"
    tell(t(key, count=saved, path=path, folder=system.shell_command([str(options.folder)])))
    return saved


def _edit(decision: str, pair: Pair, asker: Asker) -> Edit | None:
    points = [pair.first, pair.second]
    if decision == DIFFERENT:
        return Edit("different", points, question=pair.question)
    if decision == SAME_NEW:
        wording = asker.wording(pair)
        return Edit("merge", points, wording, pair.question) if wording else None
    if decision in (SAME_FIRST, SAME_SECOND):
        kept = pair.first if decision == SAME_FIRST else pair.second
        return Edit("merge", points, kept, pair.question)
    return None
