"""The quick builder and pydantic agree on every file: the same model when valid, refusal when not.

``validation.build`` makes the models without pydantic; pydantic is asked only when it
gives up, to explain.  If the two ever disagreed, a file could pass ``coprod validate``
that pydantic would refuse, or be scored from different data.  So: the shipped examples,
the corpus and the framework, then the same files with one thing changed at a time (a key
removed, added or misspelt, a value swapped for text, nothing, a list or a mapping, a date
or number written wrongly) must come out the same both ways.
"""

from __future__ import annotations

import copy
import typing
from pathlib import Path
from typing import Annotated, Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from coprod_cli.model.models import After, Evidence, Framework, Invalid, days_in_month, iso_date
from coprod_cli.reading import validation
from coprod_cli.reading.validation import build
from coprod_cli.reading.yamlread import parse_text
from tests.conftest import DATA, EXAMPLES, ROOT

FILES = [
    *sorted(EXAMPLES.glob("*.yaml")),
    *sorted((DATA / "valid").glob("*.yaml")),
    *sorted((DATA / "invalid").glob("*.yaml")),
    *sorted((ROOT / "frameworks").glob("*.yaml")),
    *sorted((ROOT / "tests" / "frameworks").rglob("*.yaml")),
]


def _data(path: Path) -> Any:
    try:
        return parse_text(path.read_bytes().decode("utf-8-sig"), path.name).data
    except Exception:
        return None


def _model(data: Any) -> type[Any]:
    return Framework if isinstance(data, dict) and ("levels" in data or "extends" in data) else Evidence


DOCS = [(p, d) for p in FILES if isinstance(d := _data(p), dict)]
_ADAPTERS = {Evidence: TypeAdapter(Evidence), Framework: TypeAdapter(Framework)}


def _pydantic(model: type[Any], data: Any) -> Any:
    try:
        return _ADAPTERS[model].validate_python(data)
    except ValidationError:
        return None


def _agree(model: type[Any], data: Any) -> None:
    quick = build(model, data)
    slow = _pydantic(model, data)
    assert quick == slow, f"build gave {quick!r}\npydantic gave {slow!r}\nfor {data!r}"


def test_the_files_are_many_and_of_both_kinds() -> None:
    kinds = {_model(d) for _, d in DOCS}
    assert kinds == {Evidence, Framework}
    assert len(DOCS) > 50


@pytest.mark.parametrize(("path", "data"), DOCS, ids=[p.relative_to(ROOT).as_posix() for p, _ in DOCS])
def test_each_file_builds_as_pydantic_validates_it(path: Path, data: Any) -> None:
    _agree(_model(data), data)


def test_valid_examples_are_built_without_pydantic() -> None:
    for path in sorted(EXAMPLES.glob("*.yaml")):
        data = _data(path)
        assert build(Evidence, data) is not None, path


# ---- one change at a time ------------------------------------------------------------

_VALUES = st.one_of(
    st.none(),
    st.sampled_from(
        [
            *("", " ", "met", "partial", "nope", "true", "false", "yes", "80", "-1", "8.5", "1000000"),
            *("2026-10-14", "2026-02-29", "2024-02-29", "2026-13-01", "0000-01-01", "26-1-1"),
            *("staff", "carer", "L1.buddy-system"),
        ]
    ),
    st.text(max_size=8),
    st.lists(st.sampled_from(["a", "met", "2026-01-01"]), max_size=2),
    st.dictionaries(st.sampled_from(["name", "status", "description", "x"]), st.sampled_from(["a", "met"]), max_size=2),
)


def _paths(node: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [at]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*at, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _paths(value, (*at, i))
    return found


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_after_any_one_change_both_agree(data: st.DataObject) -> None:
    _, original = data.draw(st.sampled_from(DOCS), label="file")
    doc = copy.deepcopy(original)
    paths = [p for p in _paths(doc) if p]
    path = data.draw(st.sampled_from(paths), label="where")
    parent = _parent(doc, path)
    change = data.draw(st.sampled_from(["replace", "remove", "add-key", "rename"]), label="change")
    if change == "replace":
        parent[path[-1]] = data.draw(_VALUES, label="value")
    elif change == "remove":
        del parent[path[-1]]
    elif change == "add-key" and isinstance(parent, dict):
        parent[data.draw(st.sampled_from(["extra", "notes", "date", "status", "1"]), label="key")] = data.draw(_VALUES)
    elif change == "rename" and isinstance(parent, dict):
        parent[f"{path[-1]}s"] = parent.pop(path[-1])
    _agree(_model(original), doc)


# ---- the validators the builder shares with pydantic ----------------------------------


@given(st.dates())
def test_every_real_date_reads_back(day: Any) -> None:
    assert iso_date(day.isoformat()) == day
    assert days_in_month(day.year, day.month) >= day.day


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-02-29", "'2026-02-29' is not a real date: February 2026 has 28 days"),
        ("2026-13-01", "'2026-13-01' is not a real date: there is no month 13"),
        ("0000-01-01", "'0000-01-01' is not a real date: there is no year 0"),
        ("14/10/2026", "'14/10/2026' is not a date in the form YYYY-MM-DD, such as 2026-10-14"),
    ],
)
def test_a_wrong_date_says_why(text: str, message: str) -> None:
    with pytest.raises(Invalid) as caught:
        iso_date(text)
    assert caught.value.message == message


def test_leap_years_follow_the_gregorian_rules() -> None:
    assert [days_in_month(y, 2) for y in (1900, 2000, 2024, 2026)] == [28, 29, 29, 28]
    assert [days_in_month(2026, m) for m in range(1, 13)] == [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


# ---- what the builder does not know, it leaves to pydantic --------------------------------


@pytest.mark.parametrize("tp", [float, int | str, list[str], typing.Any])
def test_a_type_the_models_never_use_cannot_be_checked(tp: Any) -> None:
    with pytest.raises(TypeError, match="cannot check"):
        validation._compile(tp)


def test_annotations_other_than_the_validators_are_left_alone() -> None:
    check = validation._compile(Annotated[str, "a note for readers", After(str.strip)])
    assert check("  a ") == "a"
