"""The Welsh catalogue and the code agree (docs/languages.md, "Adding or changing a message").

Every message in the code and the templates is in ``coprod.pot`` and nothing else is; every one
has a Welsh translation, with every plural form, the same placeholders and no blank line the
English does not have; and ``coprod.mo`` is compiled from the ``.po`` as it is.  When one of
these fails, run ``python scripts/catalogue.py`` and translate what it added.
"""

from __future__ import annotations

import importlib.util
import re
import string
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.catalog import Catalog

from coprod_cli import i18n

ROOT = Path(__file__).resolve().parents[2]
FIX = "run: python scripts/catalogue.py, then translate the new messages in the .po"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("catalogue", ROOT / "scripts" / "catalogue.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


catalogue = _script()


@pytest.fixture(scope="module")
def welsh() -> Catalog:
    with catalogue.po_path("cy").open("rb") as f:
        return catalogue.read_po(f, locale="cy")


def _strings(message: object) -> tuple[str, ...]:
    value = message.string  # type: ignore[attr-defined]
    return value if isinstance(value, tuple) else (value,)


def _ids(message: object) -> tuple[str, ...]:
    value = message.id  # type: ignore[attr-defined]
    return value if isinstance(value, tuple) else (value,)


def _fields(text: str) -> set[str]:
    """The placeholders of ``text``; none for a message with braces of its own, which is never filled."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None and name.isidentifier()}
    except ValueError:
        return set()


def test_the_catalogue_and_the_code_agree() -> None:
    assert catalogue.check() == [], FIX


def test_a_new_message_without_a_translation_is_found(tmp_path: Path) -> None:
    po = Catalog(locale="cy")
    po.add("A message nobody has translated yet")
    po.add(("{count} target", "{count} targets"), ("{count} targed", "", "", "", "", ""))
    po.add("Translated", "Wedi'i gyfieithu")
    assert catalogue.untranslated(po) == ["A message nobody has translated yet", "{count} target"]


def test_every_translation_keeps_the_placeholders(welsh: Catalog) -> None:
    wrong = [
        (m.id, s)
        for m in welsh
        if m.id
        for s in _strings(m)
        if _fields(s) - {"count"} != set().union(*map(_fields, _ids(m))) - {"count"}
    ]
    assert wrong == []


def test_no_translation_adds_a_blank_line(welsh: Catalog) -> None:
    """Bilingual markdown pairs the Welsh and English documents block by block."""
    wrong = [(m.id, s) for m in welsh if m.id for s in _strings(m) if s.count("\n\n") != _ids(m)[0].count("\n\n")]
    assert wrong == []


def test_translations_keep_the_edges_of_the_english(welsh: Catalog) -> None:
    """A message that starts or ends with a space or a new line is one piece of a longer text."""
    edges = re.compile(r"^\s*|\s*$")
    wrong = [(m.id, s) for m in welsh if m.id for s in _strings(m) if edges.findall(s) != edges.findall(_ids(m)[0])]
    assert wrong == []


@pytest.mark.parametrize(("count", "form"), [(0, 0), (1, 1), (2, 2), (3, 3), (6, 4), (7, 5), (4, 5), (11, 5)])
def test_welsh_counts_take_their_own_form(welsh: Catalog, count: int, form: int) -> None:
    """Welsh has six plural forms: zero (0), one (1), two (2), few (3), many (6) and other; coprod
    says each count of each message with the form written for it."""
    plurals = [m for m in welsh if m.id and m.pluralizable]
    assert plurals, "the catalogue has no message that depends on a count"
    for m in plurals:
        one, other = m.id
        values = dict.fromkeys(_fields(one) | _fields(other), "X") | {"count": count}
        with i18n.speaking("cy"):
            said = i18n.n_(one, other, count, **{k: v for k, v in values.items() if k != "count"})
        assert said == m.string[form].format(**values), m.id
