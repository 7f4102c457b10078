"""The language coprod speaks: every word a person reads goes through here (docs/languages.md).

Messages are written in English in the code and the templates and looked up in a gettext
catalogue (``locale/cy/LC_MESSAGES/coprod.po``, compiled to ``coprod.mo``) when coprod speaks
Welsh.  Placeholders are Python's ``{name}``, filled after the lookup, so a translation may put
them in any order.  The JSON result, file formats, ids, statuses and keys are never translated.

- :func:`_` translates a message, :func:`n_` one that depends on a count (Welsh has six plural
  forms: zero, one, two, few, many and other), :func:`N_` only marks a message for the
  catalogue where it is defined (a table of words made when a module loads), to be translated
  with :func:`_` where it is shown.
- :func:`speaking` sets the language for the work inside it; :func:`current` is that language.
- :func:`day` writes a date in the current language ("8 Medi 2026", "8 September 2026").

A bilingual choice (``cy+en``) is a :class:`Choice` of two languages: a document is made once
in each and the two are put together, Welsh first (``reports.bilingual``).
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Final

from markupsafe import Markup, escape

DOMAIN: Final = "coprod"
SOURCE: Final = "en"
"""The language the code and templates are written in."""
LANGUAGES: Final = ("en", "cy")
"""Languages coprod speaks, as ISO 639-1 codes."""
NAMES: Final = {"en": "English", "cy": "Cymraeg"}
"""Each language's name in itself."""

_language: ContextVar[str] = ContextVar("language", default=SOURCE)


@dataclass(frozen=True, slots=True)
class Choice:
    """What ``--lang`` or ``language`` in coprod.toml asked for: one language, or Welsh and
    English together (``cy+en``), Welsh first."""

    languages: tuple[str, ...]

    @property
    def first(self) -> str:
        """The language of the terminal and of anything said once (Welsh in ``cy+en``)."""
        return self.languages[0]

    @property
    def bilingual(self) -> bool:
        return len(self.languages) > 1

    def __str__(self) -> str:
        return "+".join(self.languages)


CHOICES: Final = {"en": Choice(("en",)), "cy": Choice(("cy",)), "cy+en": Choice(("cy", "en"))}
"""Every value ``--lang`` and ``language`` accept."""

_choice: ContextVar[Choice | None] = ContextVar("choice", default=None)


def choose(choice: Choice | None) -> None:
    """Set the command's choice of language (``--lang``); None: look in coprod.toml when asked."""
    _choice.set(choice)
    _language.set(choice.first if choice is not None else SOURCE)


def chosen() -> Choice | None:
    """The command's ``--lang``, if it was given."""
    return _choice.get()


@cache
def _catalogue(language: str) -> gettext.NullTranslations:
    if language == SOURCE:
        return gettext.NullTranslations()
    with (Path(__file__).parent / "locale" / language / "LC_MESSAGES" / f"{DOMAIN}.mo").open("rb") as mo:
        return gettext.GNUTranslations(mo)


def current() -> str:
    """The language coprod speaks now."""
    return _language.get()


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Speak ``language`` for the work inside the ``with``."""
    token = _language.set(language)
    try:
        yield
    finally:
        _language.reset(token)


def _fill(text: str, values: dict[str, Any]) -> str:
    if not values:
        return text
    if any(isinstance(v, Markup) for v in values.values()):
        return Markup(escape(text)).format(**values)  # markup in, markup out; the rest is escaped
    return text.format(**values)


def _(message: str, /, **values: Any) -> str:
    """``message`` in the current language, its ``{name}`` placeholders filled from ``values``."""
    return _fill(_catalogue(current()).gettext(message), values)


def n_(one: str, other: str, count: int, /, **values: Any) -> str:
    """The form of a message for ``count`` (``{count}`` is filled in, with ``values``)."""
    return _fill(_catalogue(current()).ngettext(one, other, count), {"count": count, **values})


def N_(message: str, /) -> str:
    """Mark ``message`` for the catalogue without translating it yet."""
    return message


def day(value: date) -> str:
    """A date as people write it: '8 September 2026', '8 Medi 2026'."""
    from babel.dates import format_date  # noqa: PLC0415 - Babel's dates load only when a date is shown

    return format_date(value, "d MMMM y", locale=current())
