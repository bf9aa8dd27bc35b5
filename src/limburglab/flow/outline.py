"""Showing flows to facilitators: validation results, the bundled list, one flow's outline."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.tree import Tree

from limburglab import flow as flows
from limburglab.errors import UsageError
from limburglab.flow.model import ChoiceQuestion, Flow, ListQuestion, Question, format_seconds
from limburglab.messages import t, tn


def validate_all(specs: list[str]) -> int:
    """Validate each flow, print every problem as FILE:LINE:COL, and return the exit code."""
    from limburglab.flow.loading import bundled_id_warning, check_file  # pydantic: only here

    count = 0
    for spec in specs:
        try:
            problems = check_file(spec)
        except UsageError as exc:
            count += 1
            print(f"{spec}: {exc}")
            continue
        count += len(problems)
        for problem in problems:
            print(problem)
        warning = None if problems else bundled_id_warning(spec)
        if warning:
            print(warning, file=sys.stderr)
        if not problems:
            print(t("cli.valid", path=spec))
    if count:
        print(tn("cli.problems_found", count), file=sys.stderr)
    return 1 if count else 0


def print_flows() -> None:
    table = Table(title=t("cli.flows_title"), title_justify="left")
    for column in (
        "cli.col_name",
        "cli.col_title",
        "cli.col_sections",
        "cli.col_time",
        "cli.col_language",
    ):
        table.add_column(t(column))
    for path in flows.bundled_flows():
        flow = flows.load(path)
        table.add_row(
            path.stem,
            escape(flow.title),
            str(len(flow.sections)),
            format_seconds(flow.total_timebox),
            flow.language,
        )
    Console().print(table)


def outline(flow: Flow) -> Tree:
    """The flow as a tree: sections with timeboxes, questions with type, conditions, follow-ups."""
    questions = sum(1 for _ in flow.questions())
    tree = Tree(
        f"[bold]{escape(flow.title)}[/] "
        + escape(t("show.id_version", id=flow.id, version=flow.version))
        + " — "
        + t(
            "show.total",
            sections=tn("show.sections", len(flow.sections)),
            questions=tn("show.questions", questions),
            time=format_seconds(flow.total_timebox),
        )
    )
    for number, section in enumerate(flow.sections, start=1):
        details = (
            [t("show.timebox", time=format_seconds(section.timebox))] if section.timebox else []
        )
        if section.when:
            details.append(t("show.when", when=section.when))
        branch = tree.add(
            f"[bold]{number} {escape(section.title)}[/] [dim]({section.id})[/]"
            + (f"  [cyan]{escape(' · '.join(details))}[/]" if details else "")
        )
        for question in section.questions:
            _add_question(branch, question)
    return tree


def _add_question(branch: Tree, question: Question) -> None:
    details = []
    if question.required:
        details.append(t("show.required"))
    if isinstance(question, ChoiceQuestion) and question.choices_from:
        details.append(t("show.choices_from", name=question.choices_from))
    elif isinstance(question, ChoiceQuestion) and question.choices:
        details.append(", ".join(choice.text for choice in question.choices))
    if question.when:
        details.append(t("show.when", when=question.when))
    node = branch.add(
        f"{escape(question.title)} [dim]({question.id},[/] [magenta]{question.type}[/][dim])[/]"
        + (f"  [cyan]{escape(' · '.join(details))}[/]" if details else "")
    )
    if isinstance(question, ListQuestion) and question.item:
        per_entry = node.add(f"[dim]{t('show.per_entry')}[/]")
        for followup in question.item:
            _add_question(per_entry, followup)


def print_outline(spec: str) -> None:
    from limburglab.flow.loading import bundled_id_warning

    flow = flows.load(spec)
    warning = bundled_id_warning(spec, flow.id)
    if warning:
        print(warning, file=sys.stderr)
    Console().print(outline(flow))
