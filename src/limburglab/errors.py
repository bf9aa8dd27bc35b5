"""The package's own errors: the CLI prints them for humans and exits 1, never a traceback."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class LimburglabError(Exception):
    """Root of every error a user can cause and fix."""

    exit_code = 1


@dataclass(frozen=True)
class Problem:
    """One located problem in a user's file."""

    path: Path | str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class ProblemsError(LimburglabError):
    """A file has one or more located problems; all of them are reported at once."""

    def __init__(self, problems: list[Problem], summary: str = "") -> None:
        self.problems = problems
        self.summary = summary
        lines = [str(p) for p in problems]
        if summary:
            lines.append(summary)
        super().__init__("\n".join(lines))


class FlowError(ProblemsError):
    """A flow file is not a valid workshop flow."""


class SessionFileError(ProblemsError):
    """A session or answers file cannot be loaded."""


class AnswersError(LimburglabError):
    """Given answers break the flow's rules."""


class ReportError(LimburglabError):
    """A report cannot be made from the given sessions or template."""


class WriteError(LimburglabError):
    """A file could not be written (a full disk, a read-only folder, a wrong path)."""


class SessionBusyError(LimburglabError):
    """The session file is open in another window or process."""


class UsageError(LimburglabError):
    """A command was called with a wrong option or argument."""


class Interrupted(LimburglabError):
    """The session was interrupted (Ctrl-C or end of input) after saving."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code
