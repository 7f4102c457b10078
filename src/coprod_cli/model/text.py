"""What every model of a framework or evidence file is made of, and a framework's Welsh.

- :data:`Text`, text that must say something, and :data:`CONFIG`, how every model is checked.
- The ``cy:`` mappings that carry the Welsh of each part of a framework beside its English
  (docs/framework-file.md, "Welsh text"), and :class:`Wording`: a framework's text as a scored
  result holds it, shown in the language coprod speaks when it is shown.
"""

from collections.abc import Mapping
from typing import Annotated, Any

from markupsafe import Markup, escape
from pydantic import AfterValidator, ConfigDict
from pydantic.dataclasses import dataclass
from pydantic_core import PydanticCustomError

from coprod_cli import i18n


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("blank", "blank")
    return value


Text = Annotated[str, AfterValidator(_not_blank)]
"""Text that must say something: not empty, not only spaces."""

CONFIG = ConfigDict(extra="forbid", hide_input_in_errors=True)
"""Unknown keys are refused, and a value is never echoed whole in pydantic's own messages.
Lax, not strict: strict pydantic takes only instances for a dataclass, never a mapping.
What strict mode would add is kept anyway: the reader hands over only text, lists and
mappings, and the validators in models.py decide every conversion from text."""


class Wording(str):
    """A framework's text as the reports show it: in the language coprod speaks when it is shown.

    Its own value, as a ``str``, is the English (source) text: what the JSON result, comparisons and
    sorting use.  ``str()``, ``format()`` (f-strings) and HTML escaping (``__html__``) give the
    translation for the current language, or the English when the framework has none.  Other
    ``str`` methods (``replace``, ``split``, ``len``, ``+``, ``join``) work on the English: call
    ``str()`` first to work on the text shown.
    """

    translations: Mapping[str, str]

    def __new__(cls, source: str, translations: Mapping[str, str | None] | None = None) -> "Wording":
        made = super().__new__(cls, source)
        made.translations = {lang: text for lang, text in (translations or {}).items() if text}
        return made

    @property
    def source(self) -> str:
        """The English text, as a plain ``str``."""
        return str.__str__(self)

    @property
    def shown(self) -> str:
        """The text in the language coprod speaks now (the English when there is no translation)."""
        return self.translations.get(i18n.current()) or str.__str__(self)

    def __str__(self) -> str:
        return self.shown

    def __format__(self, spec: str) -> str:
        return format(self.shown, spec)

    def __html__(self) -> Markup:
        return escape(self.shown)


def worded(item: Any, name: str) -> Wording | None:
    """The text ``item`` (a framework, level, target, enabler, challenge or idea) has under ``name``,
    with its Welsh from ``cy:``; None when the item has no such text."""
    english = getattr(item, name)
    if english is None:
        return None
    welsh = getattr(item, "cy", None)
    return Wording(english, {"cy": getattr(welsh, name, None) if welsh is not None else None})


# The Welsh text of each part of a framework, under ``cy:`` beside the English (docs/framework-file.md,
# "Welsh text"): the same keys as the English, each optional here; ``coprod framework check`` says
# which are missing for a framework that lists ``cy`` under ``languages:``.


@dataclass(frozen=True, slots=True, kw_only=True, config=CONFIG)
class TargetCy:
    text: Text | None = None
    plain: Text | None = None


@dataclass(frozen=True, slots=True, kw_only=True, config=CONFIG)
class LevelCy:
    title: Text | None = None
    ethos: Text | None = None
    responsibility: Text | None = None
    summary: Text | None = None


@dataclass(frozen=True, slots=True, kw_only=True, config=CONFIG)
class EnablerCy:
    text: Text | None = None


@dataclass(frozen=True, slots=True, kw_only=True, config=CONFIG)
class IdeaCy:
    text: Text | None = None


@dataclass(frozen=True, slots=True, kw_only=True, config=CONFIG)
class ChallengeCy:
    challenge: Text | None = None


@dataclass(frozen=True, slots=True, kw_only=True, config=CONFIG)
class FrameworkCy:
    title: Text | None = None
    description: Text | None = None


def said(item: Any, name: str) -> str:
    """The text ``item`` has under ``name`` as it is shown now: its Welsh when coprod speaks Welsh and
    the framework gives it, else its English ("" when it has none)."""
    found = worded(item, name)
    return "" if found is None else found.shown
