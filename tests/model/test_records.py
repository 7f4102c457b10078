"""``Record`` compares, hashes and shows exactly as the methods ``@dataclass`` would write."""

from __future__ import annotations

import dataclasses
import itertools
from dataclasses import dataclass, field
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprod_cli.model.models import Level, Target
from coprod_cli.records import OrderedRecord, Record


@dataclass(frozen=True, eq=False, repr=False)
class Ours(Record):
    name: str
    count: int = 0
    hidden: tuple[str, ...] = field(default=(), repr=False)
    ignored: str = field(default="", compare=False)


@dataclass(frozen=True)
class Theirs:
    name: str
    count: int = 0
    hidden: tuple[str, ...] = field(default=(), repr=False)
    ignored: str = field(default="", compare=False)


@dataclass(frozen=True, eq=False, repr=False)
class Other(Record):
    name: str
    count: int = 0
    hidden: tuple[str, ...] = ()
    ignored: str = ""


VALUES = st.tuples(
    st.text(max_size=4), st.integers(-3, 3), st.lists(st.text(max_size=2), max_size=2), st.text(max_size=2)
)


def _both(values: tuple[Any, ...]) -> tuple[Ours, Theirs]:
    name, count, hidden, ignored = values
    return Ours(name, count, tuple(hidden), ignored), Theirs(name, count, tuple(hidden), ignored)


@given(VALUES, VALUES)
def test_equality_and_hash_match_a_dataclass(a: tuple[Any, ...], b: tuple[Any, ...]) -> None:
    ours_a, theirs_a = _both(a)
    ours_b, theirs_b = _both(b)
    assert (ours_a == ours_b) == (theirs_a == theirs_b)
    assert (ours_a != ours_b) == (theirs_a != theirs_b)
    assert hash(ours_a) == hash(theirs_a)


@given(VALUES)
def test_repr_matches_a_dataclass(a: tuple[Any, ...]) -> None:
    ours, theirs = _both(a)
    assert repr(ours) == repr(theirs).replace("Theirs(", "Ours(", 1)


def test_another_class_with_the_same_fields_is_not_equal() -> None:
    assert Ours("a") != Other("a")
    assert Ours("a").__eq__(Other("a")) is NotImplemented
    assert Ours("a") != ("a", 0, (), "")


def test_records_stay_frozen_and_work_with_replace() -> None:
    target = Target(id="L1.a", text="A")
    with pytest.raises(dataclasses.FrozenInstanceError):
        target.text = "B"  # type: ignore[misc]
    changed = dataclasses.replace(target, text="B")
    assert changed == Target(id="L1.a", text="B")
    assert changed != target
    assert {Level(number=1, title="One", targets=(target,)), Level(number=1, title="One", targets=(target,))} == {
        Level(number=1, title="One", targets=(target,))
    }
    assert repr(target) == "Target(id='L1.a', text='A', required=False)"


@dataclass(frozen=True, eq=False, repr=False)
class Sorted(OrderedRecord):
    line: int
    text: str
    note: str = field(default="", compare=False)


@dataclass(frozen=True, order=True)
class SortedTheirs:
    line: int
    text: str
    note: str = field(default="", compare=False)


@given(st.lists(st.tuples(st.integers(0, 3), st.sampled_from(["a", "b"]), st.sampled_from(["x", "y"])), max_size=6))
def test_ordering_matches_a_dataclass(rows: list[tuple[int, str, str]]) -> None:
    ours = [Sorted(*row) for row in rows]
    theirs = [SortedTheirs(*row) for row in rows]
    assert [(s.line, s.text) for s in sorted(ours)] == [(s.line, s.text) for s in sorted(theirs)]
    for a, b in itertools.pairwise(ours):
        x, y = SortedTheirs(a.line, a.text), SortedTheirs(b.line, b.text)
        assert (a < b, a <= b, a > b, a >= b) == (x < y, x <= y, x > y, x >= y)


def test_records_of_different_classes_do_not_sort_together() -> None:
    with pytest.raises(TypeError):
        _ = Sorted(1, "a") < SortedTheirs(1, "a")  # type: ignore[operator]
