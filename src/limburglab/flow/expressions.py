"""Conditions (`when`) and prompt templates, always evaluated in Jinja2's sandbox, with limits.

A flow is written by a facilitator but run in front of a group: nothing in it may hang the
session or fill the memory. Conditions are expressions and prompts hold only `{{ … }}` (no
statements, so no loops); `*`, `**` and `+` are checked before they compute, and nothing an
expression builds may grow past MAX_SIZE characters or items. `validate` refuses what these
limits would stop, from the constants in the expression, before anything runs.

Each condition is compiled once; `holds` runs the compiled code on the answers as they are,
without copying them, so a flow of a thousand conditions stays fast with many answers held.
"""

from __future__ import annotations

import functools
from collections import ChainMap
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

from jinja2 import TemplateSyntaxError, meta, nodes
from jinja2.exceptions import SecurityError
from jinja2.parser import Parser
from jinja2.sandbox import ImmutableSandboxedEnvironment

#: Characters of a text, or items of a list, that an expression may build.
MAX_SIZE = 10_000
#: Bits of a whole number that an expression may compute.
MAX_BITS = 4_096
#: Filters that make no sense in a condition or a prompt, or differ between runs.
_LEFT_OUT_FILTERS = ("random", "xmlattr", "urlize", "pprint", "filesizeformat")


class ExpressionSyntaxError(Exception):
    """A `when` or prompt that Jinja2 cannot parse."""


class ExpressionLimit(SecurityError):
    """An expression would compute or build more than the limits allow, or holds a statement."""


def _too_big(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return value.bit_length() > MAX_BITS
    if isinstance(value, (str, list, tuple, dict, set, frozenset)):
        return len(value) > MAX_SIZE
    return False


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_binop(operator: str, left: Any, right: Any) -> None:
    """Raise ExpressionLimit when `left operator right` would be too big, before computing it."""
    if operator == "**" and _whole(left) and _whole(right):
        if abs(left) > 1 and right * max(left.bit_length(), 1) > MAX_BITS:
            raise ExpressionLimit("**")
    elif operator == "*":
        for seq, times in ((left, right), (right, left)):
            if (
                isinstance(seq, (str, list, tuple))
                and _whole(times)
                and len(seq) * times > MAX_SIZE
            ):
                raise ExpressionLimit("*")
        if _whole(left) and _whole(right) and left.bit_length() + right.bit_length() > MAX_BITS:
            raise ExpressionLimit("*")
    elif operator == "+":
        sequences = (str, list, tuple)
        both = isinstance(left, sequences) and isinstance(right, sequences)
        if both and len(left) + len(right) > MAX_SIZE:
            raise ExpressionLimit("+")
    elif operator == "%" and isinstance(left, str):
        raise ExpressionLimit("%")  # `"%0999999999d" % 1`: text formatting is not for flows
    if _too_big(left) or _too_big(right):
        raise ExpressionLimit(operator)


def _check_arguments(args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> None:
    """A width or a count larger than anything may build (`center(10**9)`) is refused first."""
    for value in (*args, *kwargs.values()):
        if _whole(value) and abs(value) > MAX_SIZE:
            raise ExpressionLimit("argument")


def _limited(function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)  # keeps Jinja2's pass_context / pass_environment marks
    def call(*args: Any, **kwargs: Any) -> Any:
        _check_arguments(args[1:], kwargs)
        result = function(*args, **kwargs)
        if _too_big(result):
            raise ExpressionLimit("result")
        return result

    return call


class _Environment(ImmutableSandboxedEnvironment):
    """The sandbox, with `*`, `**`, `+` and `%` checked before they compute (and so never folded
    into constants while compiling)."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        check_binop(operator, left, right)
        result = super().call_binop(context, operator, left, right)
        if _too_big(result):
            raise ExpressionLimit(operator)
        return result

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        _check_arguments(args, kwargs)
        result = super().call(__context, __obj, *args, **kwargs)
        if _too_big(result):
            raise ExpressionLimit("call")
        return result


_env = _Environment(autoescape=False)
_env.filters = {
    name: _limited(function)
    for name, function in _env.filters.items()
    if name not in _LEFT_OUT_FILTERS
}


def names_in(source: str, *, template: bool = False) -> set[str]:
    """The variable names an expression (or, with `template`, a prompt) reads."""
    if template and "{" not in source:
        return set()
    return set(meta.find_undeclared_variables(_tree(source, template)))


def problem_in(source: str, *, template: bool = False) -> str | None:
    """What the limits would stop in an expression (or a prompt): `"statement"` for a
    `{% … %}`, the operator or `"argument"` for a computation that is too big; else None.
    Raises ExpressionSyntaxError when it cannot be parsed."""
    if template and "{" not in source:
        return None
    tree = _tree(source, template)
    if template and _has_statement(tree):
        return "statement"
    for node in tree.find_all((nodes.BinExpr, nodes.Filter, nodes.Call)):
        try:
            if isinstance(node, nodes.BinExpr):
                _constant(node)
            else:
                assert isinstance(node, (nodes.Filter, nodes.Call))
                arguments = [_constant(a) for a in node.args if _is_constant(a)]
                keywords = {
                    str(k.key): _constant(k.value) for k in node.kwargs if _is_constant(k.value)
                }
                _check_arguments(tuple(arguments), keywords)
        except ExpressionLimit as exc:
            return str(exc)
        except _NotConstant:
            continue
    return None


class _NotConstant(Exception):
    pass


def _is_constant(node: nodes.Node) -> bool:
    try:
        _constant(node)
    except _NotConstant:
        return False
    except ExpressionLimit:
        return True
    return True


def _constant(node: nodes.Node) -> Any:
    """The value of a constant part of an expression, computed within the limits."""
    if isinstance(node, nodes.Const):
        return node.value
    if isinstance(node, nodes.Neg):
        value = _constant(node.node)
        if isinstance(value, (int, float)):
            return -value
    if isinstance(node, nodes.BinExpr):
        left, right = _constant(node.left), _constant(node.right)
        check_binop(node.operator, left, right)
        try:
            result = _env.call_binop(None, node.operator, left, right)
        except ExpressionLimit:
            raise
        except Exception:  # 1/0 and the like: not ours to judge here
            raise _NotConstant() from None
        return result
    raise _NotConstant()


def _has_statement(tree: nodes.Template) -> bool:
    return any(not isinstance(node, nodes.Output) for node in tree.find_all(nodes.Stmt))


@lru_cache(maxsize=8192)
def _tree(source: str, template: bool) -> nodes.Template:
    try:
        return _env.parse(source) if template else _expression_tree(source)
    except TemplateSyntaxError as exc:
        raise ExpressionSyntaxError(exc.message or str(exc)) from None


def _expression_tree(source: str) -> nodes.Template:
    """A `when` parsed once, as Jinja2's `compile_expression` would parse it."""
    parser = Parser(_env, source, state="variable")
    expression = parser.parse_expression()
    if not parser.stream.eos:
        raise TemplateSyntaxError("chunk after expression", parser.stream.current.lineno)
    tree = nodes.Template([nodes.Output([expression])], lineno=1)
    tree.set_environment(_env)
    return tree


@lru_cache(maxsize=8192)
def _compiled(source: str) -> Any:
    """The condition as compiled template code; evaluated by `holds` on a prepared context."""
    return _env.compile_expression(source)._template


@lru_cache(maxsize=2048)
def _template(source: str) -> Any:
    if problem_in(source, template=True):
        return None
    return _env.from_string(source)


def holds(condition: str | None, context: dict[str, Any]) -> bool:
    """Whether a `when` condition holds; an unanswered name makes it false, not an error."""
    if not condition:
        return True
    try:
        template = _compiled(condition)
        # The answers as they are, the sandbox's globals behind them: nothing is copied.
        scope = template.new_context(ChainMap(context, _env.globals), shared=True)
        for _ in template.root_render_func(scope):
            pass
        return bool(scope.vars["result"])
    except Exception:  # a condition over an unanswered question simply does not hold
        return False


def render(source: str, context: dict[str, Any]) -> str:
    """A prompt with its `{{ … }}` filled in from earlier answers."""
    if "{" not in source:
        return source
    try:
        template = _template(source)
        return source if template is None else str(template.render(**context))
    except Exception:  # show the prompt as written rather than fail in front of the group
        return source
