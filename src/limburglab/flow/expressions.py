"""Conditions (`when`) and prompt templates, always evaluated in Jinja2's sandbox."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jinja2 import TemplateSyntaxError, meta, nodes
from jinja2.parser import Parser
from jinja2.sandbox import ImmutableSandboxedEnvironment

_env = ImmutableSandboxedEnvironment(autoescape=False)


class ExpressionSyntaxError(Exception):
    """A `when` or prompt that Jinja2 cannot parse."""


def names_in(source: str, *, template: bool = False) -> set[str]:
    """The variable names an expression (or, with `template`, a prompt) reads."""
    if template and "{" not in source:
        return set()
    try:
        ast = _env.parse(source) if template else _expression_tree(source)
    except TemplateSyntaxError as exc:
        raise ExpressionSyntaxError(exc.message or str(exc)) from None
    return set(meta.find_undeclared_variables(ast))


def _expression_tree(source: str) -> nodes.Template:
    """A `when` parsed once, as Jinja2's `compile_expression` would parse it."""
    parser = Parser(_env, source, state="variable")
    expression = parser.parse_expression()
    if not parser.stream.eos:
        raise TemplateSyntaxError("chunk after expression", parser.stream.current.lineno)
    tree = nodes.Template([nodes.Output([expression])], lineno=1)
    tree.set_environment(_env)
    return tree


@lru_cache(maxsize=512)
def _compiled(source: str) -> Any:
    return _env.compile_expression(source)


@lru_cache(maxsize=512)
def _template(source: str) -> Any:
    return _env.from_string(source)


def holds(condition: str | None, context: dict[str, Any]) -> bool:
    """Whether a `when` condition holds; an unanswered name makes it false, not an error."""
    if not condition:
        return True
    try:
        return bool(_compiled(condition)(**context))
    except Exception:  # a condition over an unanswered question simply does not hold
        return False


def render(source: str, context: dict[str, Any]) -> str:
    """A prompt with its `{{ … }}` filled in from earlier answers."""
    if "{" not in source:
        return source
    try:
        return str(_template(source).render(**context))
    except Exception:  # show the prompt as written rather than fail in front of the group
        return source
