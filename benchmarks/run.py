"""Measure limburglab's start-up, capture, autosave and report rendering against its budgets.

    python benchmarks/run.py              # every figure: median of 7 runs after a warm-up
    python benchmarks/run.py --quick      # 1 run each, small inputs, never fails on budgets
    python benchmarks/run.py --markdown   # the table as Markdown, for the README
    python benchmarks/run.py --only 'record one confirmed line'   # just those figures

Budgets are ratios to a floor measured in the same run where a floor exists (the machine is
shared and noisy). All figures are sampled round-robin, one run of each per round, so that a
burst of load elsewhere hits a figure and its floor alike. Exit code 1 when a budget is missed,
2 when something could not be measured at all.
"""

from __future__ import annotations

import argparse
import copy
import itertools
import os
import platform
import random
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pexpect
import yaml

from limburglab.flow import load as load_flow
from limburglab.session import Meta, Session

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BUNDLED_FLOW = REPO / "workshops" / "samenwerken.yaml"
EXAMPLES = REPO / "examples" / "samenwerken"
FLOOR_APP = HERE / "floor_app.py"
FIRST_PROMPT = "Welke drijfveer"
TIMEOUT = 120
ENV = {
    **os.environ,
    "LIMBURGLAB_LANG": "nl",
    "NO_COLOR": "1",
    "COLUMNS": "100",
    "PROMPT_TOOLKIT_NO_CPR": "1",
    "TERM": os.environ.get("TERM", "xterm"),
}
META_OPTIONS = [
    *("--group", "Groep 1", "--leader", "Mieke Bos", "--organisation", "Humanitas"),
    *("--round", "1", "--participants", "6", "--date", "2026-11-29"),
]

Cleanup = Callable[[], None]
#: One timed run. It may return a cleanup, which runs after the clock has stopped.
Action = Callable[[], Cleanup | None]


class BenchmarkError(Exception):
    """A figure could not be measured: a command failed or never showed what was expected."""


@dataclass(frozen=True)
class Sizes:
    """How big the generated inputs are."""

    questions: int
    answers: int
    long_list: int
    few_sessions: int
    many_sessions: int
    points: int


FULL = Sizes(
    questions=1000, answers=500, long_list=10000, few_sessions=20, many_sessions=200, points=5000
)
QUICK = Sizes(
    questions=100, answers=50, long_list=500, few_sessions=2, many_sessions=10, points=500
)


@dataclass(frozen=True)
class Budget:
    """At most `seconds`, and/or at most `ratio` times the median of the figure `floor`."""

    seconds: float | None = None
    ratio: float | None = None
    floor: str | None = None


@dataclass
class Figure:
    """One row of the table: what is timed, its budget (none for a floor) and its samples."""

    label: str
    action: Action | None
    budget: Budget | None = None
    unavailable: str = ""
    #: What the budget column says of a figure without a budget.
    role: str = "(floor)"
    samples: list[float] = field(default_factory=list)
    #: "s" for a time; "bytes" for a size (measured once, its budget in `Budget.seconds`).
    unit: str = "s"

    @property
    def median(self) -> float | None:
        return statistics.median(self.samples) if self.samples else None


@dataclass(frozen=True)
class Row:
    figure: str
    median: str
    budget: str
    result: str


# --- timing -----------------------------------------------------------------------------------


def time_once(action: Action) -> float:
    """Seconds that one run of `action` takes; its cleanup is not counted."""
    start = time.perf_counter()
    cleanup = action()
    elapsed = time.perf_counter() - start
    if cleanup is not None:
        cleanup()
    return elapsed


def sample(figures: Sequence[Figure], runs: int, warmups: int) -> None:
    """Time every available figure `warmups + runs` times, round-robin; keep the last `runs`."""
    active = [(figure, figure.action) for figure in figures if figure.action is not None]
    for round_number in range(warmups + runs):
        print(f"round {round_number + 1}/{warmups + runs}", file=sys.stderr, flush=True)
        for figure, action in active:
            seconds = time_once(action)
            if round_number >= warmups:
                figure.samples.append(seconds)


# --- what is timed ----------------------------------------------------------------------------


def limburglab_command() -> list[str]:
    """The console script beside this python, as a user runs it; else `python -m limburglab`."""
    script = Path(sys.executable).with_name("limburglab")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "limburglab"]


def process(argv: Sequence[str], cwd: Path) -> Action:
    """Run a whole process to its end; a non-zero exit is an error, not a measurement."""

    def action() -> None:
        try:
            done = subprocess.run(
                list(argv),
                cwd=cwd,
                env=ENV,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                timeout=TIMEOUT,
            )
        except subprocess.TimeoutExpired as exc:
            raise BenchmarkError(f"{shlex.join(argv)} took over {TIMEOUT} s") from exc
        if done.returncode != 0:
            message = done.stderr.decode(errors="replace").strip()[-2000:]
            raise BenchmarkError(f"{shlex.join(argv)} exited {done.returncode}:\n{message}")

    return action


def python_imports(modules: str, cwd: Path) -> Action:
    return process([sys.executable, "-c", f"import {modules}"], cwd)


def first_question(cli: Sequence[str], folder: Path) -> Action:
    """`limburglab run` in a pseudo-terminal, until the first question is on screen."""
    folder.mkdir(parents=True, exist_ok=True)
    numbers = itertools.count(1)

    def action() -> Cleanup:
        session = folder / f"sessie-{next(numbers)}.yaml"
        args = [*cli[1:], "run", "samenwerken", *META_OPTIONS, "--session", str(session)]
        child = pexpect.spawn(
            cli[0], args, env=ENV, cwd=folder, dimensions=(40, 160), encoding="utf-8"
        )
        try:
            child.expect(FIRST_PROMPT, timeout=TIMEOUT)
        except (pexpect.EOF, pexpect.TIMEOUT) as exc:
            child.close(force=True)
            screen = (child.before or "")[-2000:]
            raise BenchmarkError(f"no {FIRST_PROMPT!r} on screen:\n{screen}") from exc
        return lambda: child.close(force=True)

    return action


def record_line(folder: Path, entries: int) -> Action:
    """A leader confirms one more entry of a list that holds `entries` entries, in a live
    session: the entry is put in its place, the next place is found, and both are saved in one
    atomic write (fsync)."""
    from limburglab.live.run import LiveSession
    from limburglab.session import walker

    session = session_with_answers(folder / f"regels-{entries}.yaml", entries)
    flow = load_flow(BUNDLED_FLOW)
    live = LiveSession(flow, session, _TypesOneLine())
    step = walker.steps(flow, session.answers)[0]

    def action() -> None:
        length = len(session.answers["drijfveren"]["drijfveren"])
        slot = walker.Slot((*step.loc, length), step.section, step.question)
        live._ask(slot)
        live._save_at(walker.slot_after(flow, session.answers, slot.loc))

    return action


class _TypesOneLine:
    """A prompter that types one new line at every prompt."""

    def __init__(self) -> None:
        self.numbers = itertools.count(1)

    def __getattr__(self, name: str) -> Any:
        return lambda *args, **kwargs: None

    def text(self, prompt: str, **kwargs: Any) -> str:
        return f"Nieuwe drijfveer {next(self.numbers)}"


def answer_with_conditions(folder: Path, questions: int, answers: int) -> Action:
    """One answer in a flow with a `when` on every question, `answers` answers held: record
    it, find the next question (every condition evaluated), save."""
    from limburglab.session import walker

    flow = load_flow(write_conditional_flow(folder / "voorwaarden.yaml", questions))
    session = Session.start(flow, Meta(group="Groep 1"), folder / "voorwaarden-sessie.yaml")
    steps = [(section.id, question.id) for section, question in flow.questions()]
    for section_id, question_id in steps[:answers]:
        session.put(section_id, question_id, f"Antwoord op {question_id}")
    section_id, question_id = steps[answers]
    numbers = itertools.count(1)
    # A running session has compiled its conditions on the questions before this one.
    walker.after(flow, session.answers, f"{section_id}.{question_id}")

    def action() -> None:
        session.put(section_id, question_id, f"Antwoord {next(numbers)}")
        walker.after(flow, session.answers, f"{section_id}.{question_id}")
        session.save()

    return action


def session_with_answers(path: Path, answers: int) -> Session:
    """A session of the bundled flow whose first list holds `answers` entries.

    As in the seed, some entries (every fifth) carry an example with its effect.
    """
    meta = Meta(workshop="Samenwerken", date="2026-11-29", round=1, group="Groep 1")
    session = Session.start(load_flow(BUNDLED_FLOW), meta, path)
    entries = [drijfveer(number) for number in range(1, answers + 1)]
    session.answers = {"drijfveren": {"drijfveren": entries}}
    session.save()
    return session


def drijfveer(number: int) -> str | dict[str, Any]:
    text = f"Drijfveer {number}: samen sterker staan"
    if number % 5:
        return text
    example = {"text": f"Voorbeeld {number}", "effect": "Opkomst is verbeterd"}
    return {"text": text, "voorbeelden": [example]}


def tidy_suggestions(folder: Path, points: int) -> Action:
    """`tidy`'s search for near-duplicates over `points` points of one question, in memory."""
    from limburglab.report.tidy import suggest

    flow = load_flow(BUNDLED_FLOW)
    texts = generated_points(points)
    per_session = 100
    sessions = []
    for number, start in enumerate(range(0, points, per_session), start=1):
        meta = Meta(workshop="Samenwerken", date="2026-11-29", round=1, group=f"Groep {number}")
        session = Session.start(flow, meta, folder / f"sessie-{number}.yaml")
        session.answers = {"effecten": {"effecten": texts[start : start + per_session]}}
        sessions.append(session)

    def action() -> None:
        suggest(flow, sessions)

    return action


def generated_points(count: int) -> list[str]:
    """`count` points of 2 to 8 words: a few words common to many points, most rare, and every
    tenth point a near-duplicate of the one before (a word less, or a letter more)."""
    rng = random.Random(14)
    letters = "abcdefghijklmnoprstuvwz"
    vocabulary = sorted(
        {"".join(rng.choice(letters) for _ in range(rng.randint(4, 11))) for _ in range(2500)}
    )
    common = vocabulary[:60]
    texts: list[str] = []
    while len(texts) < count:
        words = [
            rng.choice(common) if rng.random() < 0.3 else rng.choice(vocabulary)
            for _ in range(rng.randint(2, 8))
        ]
        texts.append(" ".join(words))
        if len(texts) % 10 == 0:
            texts.append(" ".join(words[:-1]) if len(words) > 2 else words[0] + "e")
    return texts[:count]


# --- generated inputs -------------------------------------------------------------------------

_CHOICES = ["Eenzaamheid", "Armoede", "Gezondheid", "Jongeren"]


def generated_question(number: int) -> dict[str, Any]:
    """Question `number` of a generated flow: the ten types in turn, with follow-ups and `when`."""
    base: dict[str, Any] = {"id": f"v{number}", "prompt": f"Vraag {number}: wat vindt de groep?"}
    by_type: list[dict[str, Any]] = [
        {"type": "text"},
        {"type": "paragraph", "label": f"Conclusie {number}"},
        {
            "type": "list",
            "item": [{"id": "effect", "type": "text", "prompt": "Effect van „{{ item.text }}”?"}],
        },
        {"type": "select", "choices": _CHOICES, "other": True},
        {"type": "multiselect", "choices": _CHOICES},
        {"type": "rank", "choices": _CHOICES, "max": 2},
        {"type": "vote", "choices": _CHOICES, "budget": 5},
        {"type": "confirm"},
        {"type": "number", "min": 0, "max": 100},
        {"type": "scale", "min": 1, "max": 5, "when": f"v{number - 2}"},  # v{number - 2}: confirm
    ]
    return {**base, **by_type[number % 10]}


def write_flow(path: Path, questions: int, per_section: int = 20) -> Path:
    """A valid flow with `questions` questions, `per_section` to a section."""
    sections = [
        {
            "id": f"onderdeel_{start // per_section + 1}",
            "title": f"Onderdeel {start // per_section + 1}",
            "timebox": "10m",
            "intro": "Vraag de groep door naar een concreet voorbeeld.",
            "questions": [
                generated_question(n) for n in range(start, min(start + per_section, questions))
            ],
        }
        for start in range(0, questions, per_section)
    ]
    flow = {"id": "gegenereerd", "title": "Gegenereerd", "version": 1, "sections": sections}
    path.write_text(yaml.safe_dump(flow, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def write_conditional_flow(path: Path, questions: int, per_section: int = 20) -> Path:
    """A flow of text questions, each but the first with a `when` on the one before it."""
    generated = [
        {
            "id": f"v{n}",
            "type": "text",
            "prompt": f"Vraag {n}",
            **({"when": f"v{n - 1} != 'stop' and v{n - 1} | length < 100"} if n else {}),
        }
        for n in range(questions)
    ]
    sections = [
        {"id": f"o{start}", "title": f"Onderdeel {start}", "questions": generated[start:end]}
        for start in range(0, questions, per_section)
        for end in [start + per_section]
    ]
    flow = {"id": "voorwaarden", "title": "Voorwaarden", "version": 1, "sections": sections}
    path.write_text(yaml.safe_dump(flow, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def example_sessions() -> list[dict[str, Any]]:
    """The example session files (the event file, which holds no answers, left out)."""
    documents = [
        yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(EXAMPLES.glob("*.y*ml"))
    ]
    return [d for d in documents if isinstance(d, dict) and "answers" in d]


def write_sessions(folder: Path, count: int) -> Path:
    """`count` sessions varied from the examples: group names 1..count, rounds 1..3."""
    folder.mkdir(parents=True, exist_ok=True)
    examples = example_sessions()
    for number in range(1, count + 1):
        session = copy.deepcopy(examples[(number - 1) % len(examples)])
        session["meta"]["group"] = f"Groep {number}"
        session["meta"]["round"] = 1 + (number - 1) % 3
        text = yaml.safe_dump(session, allow_unicode=True, sort_keys=False)
        (folder / f"sessie-{number:03d}.yaml").write_text(text, encoding="utf-8")
    return folder


def report_missing(cli: Sequence[str], cwd: Path) -> str:
    """Why the report figures cannot be measured, or "" when they can."""
    done = subprocess.run(
        [*cli, "report", "--help"], cwd=cwd, env=ENV, capture_output=True, check=False
    )
    if done.returncode != 0:
        return "n/a (report command missing)"
    if not example_sessions():
        return "n/a (examples/samenwerken missing)"
    return ""


# --- the figures ------------------------------------------------------------------------------

HELP_FLOOR = "floor: --help of a two-command Typer app"
TYPER_FLOOR = "floor: python -c 'import typer'"
IMPORTS_FLOOR = "floor: python -c 'import typer, questionary, yaml, jinja2'"


def startup_figures(cli: list[str], work: Path, sizes: Sizes) -> list[Figure]:
    return [
        Figure(HELP_FLOOR, process([sys.executable, str(FLOOR_APP), "--help"], work)),
        Figure(
            "limburglab --help",
            process([*cli, "--help"], work),
            Budget(ratio=1.2, floor=HELP_FLOOR),
        ),
        Figure(TYPER_FLOOR, python_imports("typer", work)),
        Figure(
            "limburglab --version",
            process([*cli, "--version"], work),
            Budget(ratio=1.2, floor=TYPER_FLOOR),
        ),
        Figure(IMPORTS_FLOOR, python_imports("typer, questionary, yaml, jinja2", work)),
        Figure(
            "limburglab run, start to first question",
            first_question(cli, work / "run"),
            Budget(seconds=0.6, ratio=1.4, floor=IMPORTS_FLOOR),
        ),
        Figure(
            f"record one confirmed line, {sizes.answers} answers held",
            record_line(work, sizes.answers),
            Budget(seconds=0.010),
        ),
        Figure(
            f"record one confirmed line, {sizes.long_list}-entry list",
            record_line(work, sizes.long_list),
            Budget(seconds=0.050),
        ),
        Figure(
            f"one answer, {sizes.questions} questions with `when`, {sizes.answers} answers held",
            answer_with_conditions(work, sizes.questions, sizes.answers),
            Budget(seconds=0.020),
        ),
        Figure(
            f"tidy suggestions, {sizes.points} points",
            tidy_suggestions(work, sizes.points),
            Budget(seconds=1.0),
        ),
    ]


def validate_figures(cli: list[str], work: Path, sizes: Sizes) -> list[Figure]:
    generated = write_flow(work / "gegenereerd.yaml", sizes.questions)
    return [
        Figure(
            "limburglab validate, bundled flow",
            process([*cli, "validate", str(BUNDLED_FLOW)], work),
            Budget(seconds=0.5),
        ),
        Figure(
            f"limburglab validate, {sizes.questions} questions",
            process([*cli, "validate", str(generated)], work),
            Budget(seconds=1.0),
        ),
    ]


def report_figures(cli: list[str], work: Path, sizes: Sizes) -> list[Figure]:
    """The report of the examples, and of generated sessions (few, then many)."""
    few, many = sizes.few_sessions, sizes.many_sessions
    few_label = f"limburglab report PDF, {few} sessions"
    figures = [
        Figure("limburglab report Markdown, examples", None, Budget(seconds=0.6)),
        Figure("limburglab report PDF, examples", None, Budget(seconds=1.0)),
        Figure(few_label, None, role="(reference)"),
        Figure(
            f"limburglab report PDF, {many} sessions",
            None,
            Budget(seconds=5.0, ratio=12, floor=few_label),
        ),
        Figure(f"limburglab report Word, {many} sessions", None, Budget(seconds=2.0)),
    ]
    missing = report_missing(cli, work)
    if missing:
        for figure in figures:
            figure.unavailable = missing
        return figures
    arguments = [
        [EXAMPLES, "-o", work / "verslag.md"],
        [EXAMPLES, "-o", work / "verslag.pdf"],
        [write_sessions(work / f"sessies-{few}", few), "-o", work / f"verslag-{few}.pdf"],
        [write_sessions(work / f"sessies-{many}", many), "-o", work / f"verslag-{many}.pdf"],
        [work / f"sessies-{many}", "-o", work / f"verslag-{many}.docx"],
    ]
    for figure, args in zip(figures, arguments, strict=True):
        figure.action = process([*cli, "report", *map(str, args)], work)
    return figures


#: Processes that serve during the whole run (a board), ended by `main`.
BACKGROUND: list[subprocess.Popen[bytes]] = []


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start_board(cli: Sequence[str], path: Path) -> str:
    """`limburglab board PATH --no-open` in the background; its URL once it answers."""
    import urllib.request

    port = free_port()
    argv = [*cli, "board", "--no-open", "--port", str(port), str(path)]
    board = subprocess.Popen(argv, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    BACKGROUND.append(board)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + TIMEOUT
    while True:
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return url
        except OSError as exc:
            if board.poll() is not None or time.monotonic() > deadline:
                message = board.stderr.read().decode(errors="replace") if board.stderr else ""
                raise BenchmarkError(f"{shlex.join(argv)} did not serve:\n{message}") from exc
            time.sleep(0.05)


def board_change(cli: Sequence[str], work: Path) -> Action:
    """A session saved (atomic write, fsync) until the board's stream delivers the change."""
    import queue
    import threading
    import urllib.request

    session = session_with_answers(work / "board" / "sessie.yaml", 20)
    session.current = "drijfveren.drijfveren"
    session.save()
    url = start_board(cli, session.path or work)
    views: queue.Queue[str] = queue.Queue()

    def read() -> None:
        with urllib.request.urlopen(url + "events", timeout=TIMEOUT) as stream:
            for raw in stream:
                if raw.startswith(b"data: "):
                    views.put(raw.decode("utf-8"))

    threading.Thread(target=read, daemon=True).start()
    views.get(timeout=TIMEOUT)  # the view on connecting
    numbers = itertools.count(1)

    def action() -> None:
        marker = f"Punt nummer {next(numbers)}"
        session.put("drijfveren", "conclusie_drijfveren", marker)
        session.save()
        deadline = time.monotonic() + 10
        while marker not in views.get(timeout=max(0.0, deadline - time.monotonic())):
            pass

    return action


def board_page_size() -> int:
    from importlib import resources

    return len((resources.files("limburglab.board") / "page.html").read_bytes())


def board_figures(cli: list[str], work: Path, sizes: Sizes) -> list[Figure]:
    return [
        Figure(
            "limburglab board, session saved to change at the page",
            board_change(cli, work),
            Budget(seconds=0.100),
        ),
        Figure(
            "limburglab board, the page",
            None,
            Budget(seconds=60_000),
            samples=[board_page_size()],
            unit="bytes",
        ),
    ]


def all_figures(work: Path, sizes: Sizes) -> list[Figure]:
    cli = limburglab_command()
    return [
        *startup_figures(cli, work, sizes),
        *validate_figures(cli, work, sizes),
        *report_figures(cli, work, sizes),
        *board_figures(cli, work, sizes),
    ]


# --- judging and printing ---------------------------------------------------------------------


def seconds_text(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def bytes_text(size: float) -> str:
    return f"{size / 1000:.1f} KB"


def judge(figure: Figure, floors: dict[str, Figure]) -> Row:
    """The figure's row: its median, its budget with the limits of this run, and the verdict."""
    text = bytes_text if figure.unit == "bytes" else seconds_text
    median = figure.median
    if median is None:
        return Row(figure.label, figure.unavailable or "n/a", "", "n/a")
    budget = figure.budget
    if budget is None:
        return Row(figure.label, text(median), figure.role, "")
    limits: list[float] = []
    terms: list[str] = []
    if budget.seconds is not None:
        limits.append(budget.seconds)
        terms.append(f"≤ {text(budget.seconds)}")
    ratio_note = ""
    if budget.ratio is not None and budget.floor is not None:
        floor = floors[budget.floor].median
        if floor is None:
            return Row(figure.label, text(median), "floor not measured", "n/a")
        limits.append(budget.ratio * floor)
        terms.append(f"≤ {budget.ratio:g} × floor = {text(budget.ratio * floor)}")
        ratio_note = f" ({median / floor:.2f} ×)"
    verdict = "pass" if median <= min(limits) else "FAIL"
    return Row(figure.label, text(median), " and ".join(terms), verdict + ratio_note)


def judge_all(figures: Sequence[Figure]) -> list[Row]:
    by_label = {figure.label: figure for figure in figures}
    return [judge(figure, by_label) for figure in figures]


HEADER = Row("Figure", "Median", "Budget", "Result")


def text_table(rows: Sequence[Row]) -> str:
    table = [cells(row) for row in [HEADER, *rows]]
    widths = [max(len(line[column]) for line in table) for column in range(len(table[0]))]
    table.insert(1, ["-" * width for width in widths])
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in table
    )


def markdown_table(rows: Sequence[Row]) -> str:
    lines = [f"| {' | '.join(cells(row))} |" for row in [HEADER, *rows]]
    lines.insert(1, "|---|--:|---|---|")
    return "\n".join(lines)


def cells(row: Row) -> list[str]:
    return [row.figure, row.median, row.budget, row.result]


def machine() -> str:
    """Platform, CPU model, cores and Python version of the machine measured on."""
    cpu = platform.processor() or "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            models = [
                line.split(":", 1)[1].strip() for line in info if line.startswith("model name")
            ]
        cpu = models[0] if models else cpu
    except OSError:
        pass
    return (
        f"{platform.platform()}, {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )


# --- main -------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--quick",
        action="store_true",
        help="one run each, no warm-up, small inputs; never fails on budgets",
    )
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="TEXT",
        help="only the figures whose label holds TEXT (and the floors they are judged against);"
        " may be given more than once, e.g. --only 'record one confirmed line'",
    )
    return parser.parse_args(argv)


def chosen(figures: list[Figure], only: Sequence[str]) -> list[Figure]:
    """The figures whose label holds one of `only` (all without it), with their floors."""
    if not only:
        return figures
    wanted = [figure for figure in figures if any(text in figure.label for text in only)]
    floors = {figure.budget.floor for figure in wanted if figure.budget and figure.budget.floor}
    return [figure for figure in figures if figure in wanted or figure.label in floors]


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    sizes, runs, warmups = (QUICK, 1, 0) if args.quick else (FULL, 7, 1)
    with tempfile.TemporaryDirectory(prefix="limburglab-bench-") as folder:
        work = Path(folder)
        try:
            figures = chosen(all_figures(work, sizes), args.only)
            sample(figures, runs, warmups)
        except BenchmarkError as exc:
            print(f"benchmark failed: {exc}", file=sys.stderr)
            return 2
        finally:
            for process in BACKGROUND:
                process.terminate()
                process.wait(timeout=TIMEOUT)
    rows = judge_all(figures)
    table = markdown_table(rows) if args.markdown else text_table(rows)
    print(f"Machine: {machine()}\n\n{table}")
    failed = [row.figure for row in rows if row.result.startswith("FAIL")]
    if failed and not args.quick:
        print(f"\nbudget missed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
