"""``Record``: what a frozen dataclass compares, hashes and shows by, written once for all of them.

``@dataclass`` compiles every method it writes, for every class, each time coprod starts:
about 0.1 ms a method, and a frozen class with ``eq`` and ``repr`` gets six.  coprod has
dozens of such classes, so that was a third of the start-up of ``coprod assess``.  A class
declared ``@dataclass(frozen=True, eq=False, repr=False)`` on top of ``Record`` gets only
``__init__`` and the two methods that keep it frozen compiled; ``__eq__``, ``__hash__`` and
``__repr__`` come from here and behave exactly as the generated ones would (the tests compare
them with a plain frozen dataclass).
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

_NAMES: dict[type, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {}


def _names(cls: type) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The fields a class compares by, hashes by and shows, as ``field(compare=, hash=, repr=)`` say."""
    found = _NAMES.get(cls)
    if found is None:
        every = fields(cls)
        found = _NAMES[cls] = (
            tuple(f.name for f in every if f.compare),
            tuple(f.name for f in every if (f.compare if f.hash is None else f.hash)),
            tuple(f.name for f in every if f.repr),
        )
    return found


class Record:
    """Base of coprod's frozen dataclasses (see the module's docstring)."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        names = _names(type(self))[0]
        return tuple(getattr(self, n) for n in names) == tuple(getattr(other, n) for n in names)

    def __hash__(self) -> int:
        return hash(tuple(getattr(self, n) for n in _names(type(self))[1]))

    def __repr__(self) -> str:
        shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in _names(type(self))[2])
        return f"{type(self).__qualname__}({shown})"


class OrderedRecord(Record):
    """A ``Record`` that also sorts as ``@dataclass(order=True)`` would: field by field."""

    __slots__ = ()

    def _key(self, other: object) -> tuple[tuple[Any, ...], tuple[Any, ...]] | None:
        if other.__class__ is not self.__class__:
            return None
        names = _names(type(self))[0]
        return tuple(getattr(self, n) for n in names), tuple(getattr(other, n) for n in names)

    def __lt__(self, other: object) -> bool:
        pair = self._key(other)
        return NotImplemented if pair is None else pair[0] < pair[1]

    def __le__(self, other: object) -> bool:
        pair = self._key(other)
        return NotImplemented if pair is None else pair[0] <= pair[1]

    def __gt__(self, other: object) -> bool:
        pair = self._key(other)
        return NotImplemented if pair is None else pair[0] > pair[1]

    def __ge__(self, other: object) -> bool:
        pair = self._key(other)
        return NotImplemented if pair is None else pair[0] >= pair[1]
