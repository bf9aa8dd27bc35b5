"""The session: one group's answers to a flow, as a YAML file, and the rules they follow.

`file` holds the format, loading and the atomic save, `rules` the checks on answers, and
`walker` the order in which a flow's questions are asked. The names below come from `file`,
imported on first use (its rules evaluate expressions with Jinja2).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from limburglab.session.file import (
        COMPLETE,
        FORMAT,
        IN_PROGRESS,
        META_KEYS,
        FlowRef,
        Meta,
        Session,
        default_path,
        dump,
        free_path,
        load,
        slug,
        timestamp,
    )

__all__ = [
    "COMPLETE",
    "FORMAT",
    "IN_PROGRESS",
    "META_KEYS",
    "FlowRef",
    "Meta",
    "Session",
    "default_path",
    "dump",
    "free_path",
    "load",
    "slug",
    "timestamp",
]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from limburglab.session import file

        return getattr(file, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
