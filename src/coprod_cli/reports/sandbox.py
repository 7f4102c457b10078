"""The Jinja environment every template runs in: Jinja's sandbox, and for a template of your
own, bounds on the work it does and the sizes of what it makes.

A template is code.  In the sandbox it can read the values coprod gives it and lay them out,
but not reach Python's insides (``__class__``, ``__globals__``…), call anything unsafe or change
coprod's data.  A template of your own (``--template DIR``) also may not build text longer than
:data:`MAX_SIZE` or a list longer than :data:`MAX_ITEMS`, use a number over :data:`MAX_NUMBER`
as a count or width, compute a whole number of more than :data:`MAX_BITS` bits, take more than
:data:`MAX_STEPS` steps (loop turns, calls, filters and sums) or write more than
:data:`MAX_OUTPUT` characters.  Going past
one stops it with :class:`TemplateLimit` at its line; nothing is ever half-made first.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.exceptions import SecurityError
from jinja2.nodes import EvalContext
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.visitor import NodeTransformer

from coprod_cli.i18n import _

MAX_OUTPUT = 10 * 1024 * 1024
"""Characters a template of your own may write."""
MAX_SIZE = MAX_OUTPUT
"""Characters of any one text it builds."""
MAX_ITEMS = 1_000_000
"""Items of any one list, mapping or set it builds."""
MAX_NUMBER = 1_000_000
"""The largest whole number it may give a filter or method (a width, a count)."""
MAX_BITS = 65_536
"""The largest whole number it may compute, in bits (about 20,000 digits)."""
MAX_STEPS = 1_000_000
"""Loop turns, calls, filters and sums in one rendering."""
CALL_STEPS = 20
"""What a call (of a macro, say) counts for: it costs about as much as 20 loop turns or more."""

_DIGITS = re.compile(r"\d+")


class TemplateLimit(SecurityError):
    """A template of your own went past one of the limits above."""


class _Counted(NodeTransformer):
    """Pass every loop's items and every ``~`` join through the environment, which counts and
    measures them (the sandbox sees calls, attributes and operators, but not these)."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)  # changes the node in place
        node.iter = _through("counted", node.iter)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return _through("measured", node)


def _through(method: str, node: nodes.Node) -> nodes.Expr:
    callee = nodes.EnvironmentAttribute(method, lineno=node.lineno)
    return nodes.Call(callee, [node], [], None, None, lineno=node.lineno)


class Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox; with ``bounded``, also the limits of a template of your own."""

    def __init__(self, *, bounded: bool, **options: Any) -> None:
        super().__init__(**options)
        self.bounded = bounded
        self.steps = 0
        self._measured: dict[str, Callable[..., Any]] = {}
        """Each filter as measured, by name (coprod adds its own after this)."""
        if bounded:
            self.intercepted_binops = frozenset({"*", "**", "%", "+"})
            del self.globals["lipsum"]  # a generator of filler text, of any length asked for

    def produce(self, template: jinja2.Template, context: dict[str, Any]) -> str:
        """Render ``template``, stopping once its output passes :data:`MAX_OUTPUT` (when bounded)."""
        if not self.bounded:
            return template.render(context)
        self.steps = 0
        self._measure_filters()
        parts: list[str] = []
        size = 0
        chunks = template.generate(context)
        for chunk in chunks:
            size += len(chunk)
            if size > MAX_OUTPUT:
                raise TemplateLimit(
                    _("it wrote more than {size} MiB, the most a template may write", size=MAX_OUTPUT // 2**20)
                )
            parts.append(chunk)
        return "".join(parts)

    # ---- what the sandbox lets coprod see --------------------------------------------------

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        if self.bounded:
            # Jinja works out the constant parts of a template as it compiles it, filters included
            # (``{{ "%999999999s" | format("x") }}``): they must be measured by then.
            self._measure_filters()
            tree = _Counted().visit(tree)
            tree.set_environment(self)
        return tree

    def call(self, context: Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        if not self.bounded:
            return super().call(context, obj, *args, **kwargs)
        self.step(CALL_STEPS)
        bound = getattr(getattr(obj, "__wrapped__", obj), "__self__", None)  # a method's own object
        _check_call(getattr(obj, "__name__", ""), bound, args, kwargs)
        return self.measured(super().call(context, obj, *args, **kwargs))

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        """Only a bounded sandbox intercepts operators, and only these four."""
        self.step()
        if operator == "*":
            _check_times(left, right)
        elif operator == "**":
            _check_power(left, right)
        elif operator == "%" and isinstance(left, str):
            _check_format(left)
        return self.measured(super().call_binop(context, operator, left, right))

    # ---- the limits -------------------------------------------------------------------------

    def step(self, steps: int = 1) -> None:
        self.steps += steps
        if self.steps > MAX_STEPS:
            raise TemplateLimit(
                _(
                    "it took more than {steps} steps (loop turns, calls, filters and sums), the most a "
                    "template may take; look for a loop inside a loop, or a macro that calls itself",
                    steps=_thousands(MAX_STEPS),
                )
            )

    def counted(self, items: Iterable[Any]) -> Iterator[Any]:
        """The items of a loop, one step each."""
        for item in items:
            self.step()
            yield item

    def measured(self, value: Any) -> Any:
        if isinstance(value, str):
            _check_size(len(value))
        elif isinstance(value, (list, tuple, dict, set, frozenset)):
            _check_items(len(value))
        return value

    def _measure_filters(self) -> None:
        """Measure every filter, coprod's own (added after the environment is made) included."""
        for name, f in list(self.filters.items()):
            if self._measured.get(name) is not f:
                self.filters[name] = self._measured[name] = self._measured_filter(name, f)

    def _measured_filter(self, name: str, f: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(f)  # keeps Jinja's mark of what the filter is passed first
        def run(*args: Any, **kwargs: Any) -> Any:
            self.step()
            values = [a for a in args if not isinstance(a, (Context, EvalContext, jinja2.Environment))]
            _check_call(name, values[0] if values else None, tuple(values[1:]), kwargs)
            return self.measured(f(*args, **kwargs))

        return run


def _check_call(name: str, subject: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Refuse a call that would build something too big, before it is made: ``subject`` is what
    a filter is applied to, or a method's own object; ``args`` and ``kwargs`` the rest."""
    given = (*args, *kwargs.values())
    for value in given:
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_NUMBER:
            raise TemplateLimit(
                _(
                    "it gave the number {value}; a template may give numbers up to {most}",
                    value=_thousands(value),
                    most=_thousands(MAX_NUMBER),
                )
            )
    if not isinstance(subject, str):
        return
    if name in ("format", "format_map"):
        _check_format(subject)
    elif name == "replace" and len(given) >= 2 and isinstance(given[0], str) and isinstance(given[1], str):
        old, new = given[0], given[1]
        _check_size(len(subject) + (len(subject) // max(len(old), 1) + 1) * len(new))
    elif name == "indent":
        width = given[0] if given else 4
        per_line = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
        _check_size(len(subject) + (subject.count("\n") + 1) * per_line)


def _thousands(number: int) -> str:
    """A number with its thousands marked, as both English and Welsh write it: 1,000,000."""
    return f"{number:,}"


def _check_size(size: int) -> None:
    if size > MAX_SIZE:
        raise TemplateLimit(
            _(
                "it would make text of {size} characters, more than the {most} a template may",
                size=_thousands(size),
                most=_thousands(MAX_SIZE),
            )
        )


def _check_items(size: int) -> None:
    if size > MAX_ITEMS:
        raise TemplateLimit(
            _(
                "it would make a list of {size} items, more than the {most} a template may",
                size=_thousands(size),
                most=_thousands(MAX_ITEMS),
            )
        )


def _check_times(left: Any, right: Any) -> None:
    for seq, n in ((left, right), (right, left)):
        if isinstance(seq, str) and isinstance(n, int):
            _check_size(len(seq) * n)
        elif isinstance(seq, (list, tuple)) and isinstance(n, int):
            _check_items(len(seq) * n)
    if isinstance(left, int) and isinstance(right, int):
        _check_bits(left.bit_length() + right.bit_length())


def _check_power(base: Any, exponent: Any) -> None:
    if isinstance(base, int) and isinstance(exponent, int) and exponent > 0 and abs(base) > 1:
        _check_bits(base.bit_length() * exponent)


def _check_bits(bits: int) -> None:
    if bits > MAX_BITS:
        raise TemplateLimit(
            _(
                "it would compute a number of about {bits} bits, more than the {most} a template may",
                bits=_thousands(bits),
                most=_thousands(MAX_BITS),
            )
        )


def _check_format(text: str) -> None:
    """Widths and precisions written in a format (``%9999999s``, ``{:>9999999}``) are not too big."""
    asked = sum(int(d) for d in _DIGITS.findall(text) if len(d) < 20)
    if asked > MAX_NUMBER or any(len(d) >= 20 for d in _DIGITS.findall(text)):
        raise TemplateLimit(
            _(
                "its format asks for widths of more than the {most} characters a template may",
                most=_thousands(MAX_NUMBER),
            )
        )
