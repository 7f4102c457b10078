"""The quick way to turn a file's plain data into the models: no pydantic, nothing to explain.

``build`` reads each model's field types once and checks a value against them exactly as
pydantic would, running the same validators from ``models``.  It only ever *accepts*:
whenever a value is not plainly right it gives up and returns ``None``, and the caller
asks pydantic, which knows how to say what is wrong and where (``schema_errors``).  So a
file that keeps every rule costs no more than a walk over its data, and a property test
holds the two to the same answers.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from dataclasses import MISSING, fields
from datetime import date
from typing import Any, TypeVar

from coprod_cli.model.models import After, Before, field_types, is_model

M = TypeVar("M")
Check = Callable[[Any], Any]


class _GiveUp(Exception):
    """The value is not plainly right; pydantic will say why."""


def build(model: type[M], data: Any) -> M | None:
    """``model`` made from ``data`` when every rule holds, else ``None``."""
    try:
        made: M = _check_for(model)(data)
    except (_GiveUp, ValueError, TypeError):
        return None
    return made


_CHECKS: dict[Any, Check] = {}


def _check_for(tp: Any) -> Check:
    key = tp if isinstance(tp, type) else repr(tp)
    found = _CHECKS.get(key)
    if found is None:
        found = _CHECKS[key] = _compile(tp)
    return found


def _compile(tp: Any) -> Check:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Annotated:
        return _annotated(_compile(args[0]), args[1:])
    if origin in (typing.Union, types.UnionType):
        others = [a for a in args if a is not type(None)]
        if len(others) != 1 or len(args) != 2:
            raise TypeError(f"cannot check {tp!r}")
        inner = _compile(others[0])
        return lambda value: None if value is None else inner(value)
    if origin is typing.Literal:
        allowed = frozenset(args)
        return lambda value: value if type(value) is str and value in allowed else _give_up()
    if origin is tuple:
        item = _compile(args[0])
        return lambda value: tuple(item(v) for v in value) if type(value) in (tuple, list) else _give_up()
    if origin is dict:
        inner = _compile(args[1])
        return lambda value: (
            {k: inner(v) for k, v in value.items() if type(k) is str or _give_up()}
            if type(value) is dict
            else _give_up()
        )
    if is_model(tp):
        return _model(tp)
    if tp in (str, int, bool, date):
        return lambda value: value if type(value) is tp else _give_up()
    raise TypeError(f"cannot check {tp!r}")


def _annotated(inner: Check, markers: tuple[Any, ...]) -> Check:
    # As pydantic does: each marker wraps those before it, so the last 'Before' runs first.
    check = inner
    for marker in markers:
        if isinstance(marker, Before):
            check = _chain(marker.func, check)
        elif isinstance(marker, After):
            check = _chain(check, marker.func)
    return check


def _chain(first: Check, then: Check) -> Check:
    return lambda value: then(first(value))


def _model(model: type[Any]) -> Check:
    # Field checks are compiled on first use, so models that refer to each other still work.
    names = tuple(field_types(model))
    known = frozenset(names)
    required = frozenset(f.name for f in fields(model) if f.default is MISSING and f.default_factory is MISSING)
    checks: dict[str, Check] = {}

    def check(value: Any) -> Any:
        if type(value) is not dict or not known.issuperset(value) or not required.issubset(value):
            _give_up()
        if not checks:
            types_ = field_types(model)
            checks.update((name, _check_for(types_[name])) for name in names)
        return model(**{k: checks[k](v) for k, v in value.items()})

    return check


def _give_up() -> Any:
    raise _GiveUp
