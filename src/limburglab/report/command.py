"""`limburglab report`: the sessions gathered, merged into one model, rendered and written
atomically, with warnings and the result said as they come."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from limburglab.files import write_atomic
from limburglab.messages import choose, language, t

if TYPE_CHECKING:
    from limburglab.flow.model import Flow
    from limburglab.report.edits import Edits
    from limburglab.report.event import Event
    from limburglab.report.model import Report
    from limburglab.session.file import Session


@dataclass(frozen=True, kw_only=True)
class ReportOptions:
    """What `limburglab report` was asked for."""

    #: Session files, or folders of session files.
    inputs: tuple[Path, ...]
    #: Without it, the report goes to standard output (Markdown unless `fmt` says otherwise).
    output: Path | None = None
    fmt: str | None = None
    #: Without it, the `event.yaml` in the sessions' folder, if any.
    event_file: Path | None = None
    #: Without it, the `bewerkingen.yaml` in the sessions' folder, if any.
    edits_file: Path | None = None
    template: Path | None = None
    title: str | None = None
    names: bool = True
    sources: bool = True
    complete_only: bool = False
    #: The flow, when the sessions do not say where to find it.
    flow_spec: str | None = None
    lang: str | None = None


def make(options: ReportOptions, *, tell: Callable[[str], None]) -> None:
    """`limburglab report`: merge the sessions at `options.inputs` and write the report to
    `options.output` (Markdown to standard output without it). Warnings and the result go to
    `tell`."""
    from limburglab.report import edits, gather
    from limburglab.report import event as events
    from limburglab.report.formats.registry import output_format, render

    choose(options.lang, fallback=language())
    fmt = output_format(options.output, options.fmt, options.template)
    found = gather.find(list(options.inputs), options.flow_spec)
    if options.output is not None:
        gather.refuse_as_output(options.output, found)
    choose(options.lang, fallback=found.flow.language)
    sessions = gather.choose(found, complete_only=options.complete_only, warn=tell)
    event_path = options.event_file or found.event_path
    event = events.load(event_path) if event_path else None
    edits_path = options.edits_file or found.edits_path
    changes = edits.load(edits_path, found.flow) if edits_path else None
    report = merged(
        found.flow,
        sessions,
        event,
        changes,
        warn=tell,
        title=options.title,
        names=options.names,
        sources=options.sources,
    )
    document = render(report, fmt, options.template)
    if fmt == "pdf":
        from limburglab.report.formats import glyphs

        for warning in glyphs.warnings(found.flow, sessions, report):
            tell(warning)
    write(document, options.output)
    if options.output is not None:
        key = "report.written_one" if len(sessions) == 1 else "report.written"
        tell(t(key, path=options.output, count=len(sessions)))


def merged(
    flow: Flow,
    sessions: list[Session],
    event: Event | None,
    changes: Edits | None,
    *,
    warn: Callable[[str], None],
    title: str | None = None,
    names: bool = True,
    sources: bool = True,
) -> Report:
    """The sessions merged into the report model, with the event and the secretary's edits
    (`bewerkingen.yaml`) where there are: what `report` writes and the plenary board shows."""
    from limburglab.report import edits, model

    conclusions = None
    if changes is not None:
        sessions = edits.apply(changes, flow, sessions, warn=warn)
        conclusions = changes.conclusions()
    return model.build(
        flow,
        sessions,
        event,
        title=title,
        names=names,
        sources=sources,
        conclusions=conclusions,
        language=language(),
    )


def write(data: bytes, output: Path | None) -> None:
    """Write atomically to `output`, or to standard output."""
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        write_atomic(output, data)
