"""Frozen pydantic dataclasses of the two file kinds, a framework and a unit's evidence, and their rules.

The reader hands these plain text; the few fields that are not text (dates, whole
numbers, true/false) are parsed here by validators that accept only the one spelling
each kind has, so nothing is ever converted silently.  A validator that refuses a value
raises pydantic's ``PydanticCustomError``: of kind ``coprod`` with the whole message in
the user's words, or ``blank``, left for ``reading.explain`` to word with the key's name.

pydantic dataclasses, not ``BaseModel``: the rest of coprod makes, compares and
``dataclasses.replace``-s these as the frozen dataclasses they are; checking a file's data
is pydantic's alone (``reading.explain.validate``), once per file.
"""

import re
import unicodedata
from dataclasses import field, fields, is_dataclass
from datetime import date
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BeforeValidator
from pydantic.dataclasses import dataclass
from pydantic_core import PydanticCustomError

from coprod_cli import i18n
from coprod_cli.hints import describe, did_you_mean, then
from coprod_cli.i18n import _
from coprod_cli.model.text import CONFIG as _CONFIG
from coprod_cli.model.text import ChallengeCy, EnablerCy, FrameworkCy, IdeaCy, LevelCy, TargetCy
from coprod_cli.model.text import Text as Text  # noqa: PLC0414 - kept here for model/json_schema.py

STATUSES = ("met", "partial", "not-met", "not-applicable", "not-assessed")
ROLES = ("service-user", "carer", "staff", "third-sector", "manager")
Status = Literal["met", "partial", "not-met", "not-applicable", "not-assessed"]
Role = Literal["service-user", "carer", "staff", "third-sector", "manager"]

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATE_ANY_DIGITS = re.compile(r"\d{4}-\d{2}-\d{2}")
"""The same shape in the digits of any script (Arabic-Indic, full-width…), which are refused."""
_INT = re.compile(r"[0-9]{1,6}")
MONTHS = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)


def _refused(template: str, **context: Any) -> PydanticCustomError:
    """A value refused, with a message coprod words itself (``explain`` shows it as it is)."""
    return PydanticCustomError("coprod", template, context)


def days_in_month(year: int, month: int) -> int:
    """How many days ``month`` of ``year`` has (the Gregorian calendar, as ``datetime`` uses)."""
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def add_months(day: date, months: int) -> date:
    """The same day ``months`` calendar months later (earlier when negative), clamped to the
    month's end; the one calendar rule behind stale evidence and review dates.

    Outside the calendar (before year 1, after year 9999) the answer is its first or last day.
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if year < date.min.year:
        return date.min
    if year > date.max.year:
        return date.max
    month += 1
    return date(year, month, min(day.day, days_in_month(year, month)))


def iso_date(text: str) -> date:
    """A date written YYYY-MM-DD, a real one; ``PydanticCustomError`` saying what is wrong otherwise
    (its ``message()`` is the sentence to show)."""
    if not _DATE.fullmatch(text):
        if _DATE_ANY_DIGITS.fullmatch(text):
            ascii_form = "".join(c if c == "-" else str(unicodedata.digit(c)) for c in text)
            raise _refused(
                _("'{value}' is written with digits other than 0 to 9; write it as {ascii_form}"),
                value=text,
                ascii_form=ascii_form,
            )
        raise _refused(_("'{value}' is not a date in the form YYYY-MM-DD, such as 2026-10-14"), value=text[:40])
    year, month, day = (int(part) for part in text.split("-"))
    if not 1 <= month <= 12:
        raise _refused(_("'{value}' is not a real date: there is no month {month}"), value=text, month=month)
    if year < 1:
        raise _refused(_("'{value}' is not a real date: there is no year 0"), value=text)
    days = days_in_month(year, month)
    if not 1 <= day <= days:
        raise _refused(
            _("'{value}' is not a real date: {name} {year} has {days} days"),
            value=text,
            name=_month_name(month),
            year=year,
            days=days,
        )
    return date(year, month, day)


def _month_name(month: int) -> str:
    """The month's name in the language coprod speaks ('September', 'Medi')."""
    if i18n.current() == i18n.SOURCE:
        return MONTHS[month - 1]
    from babel.dates import get_month_names  # noqa: PLC0415 - Babel's dates load only when a date is shown

    return str(get_month_names("wide", locale=i18n.current())[month])


def _date_as_written(value: Any) -> Any:
    return iso_date(value) if isinstance(value, str) else value


def _whole_number(value: Any) -> Any:
    if isinstance(value, str):
        if not _INT.fullmatch(value):
            raise _refused(_("'{value}' is not a whole number such as 80"), value=value[:40])
        return int(value)
    return value


def _true_false(value: Any) -> Any:
    if isinstance(value, str):
        if value not in ("true", "false"):
            raise _refused(_("'{value}' is not true or false; write true or false"), value=value[:40])
        return value == "true"
    return value


def _as_tuple(value: Any) -> Any:
    if value is None:
        return ()
    return tuple(value) if isinstance(value, list) else value


def _as_mapping(value: Any) -> Any:
    return {} if value is None else value


def _role(value: Any) -> Any:
    if isinstance(value, str) and value in ROLES:
        return value
    near = did_you_mean(value, ROLES) if isinstance(value, str) else ""
    message = then(
        _("{value} is not a role{near}", value=describe(value), near=near),
        _("use one of: {choices}", choices=", ".join(ROLES)),
    )
    raise _refused("{message}", message=message)


def _rating(value: Any) -> Any:
    """A person's own status for a target: one of the statuses, named as such when it is not."""
    if isinstance(value, str) and value in STATUSES:
        return value
    choices = ", ".join(STATUSES)
    if value is None:
        raise _refused(_("this rating is empty; use one of: {choices}"), choices=choices)
    near = did_you_mean(value, STATUSES) if isinstance(value, str) else ""
    message = then(
        _("{value} is not a valid rating{near}", value=describe(value), near=near),
        _("use one of: {choices}", choices=choices),
    )
    raise _refused("{message}", message=message)


T = TypeVar("T")
IsoDate = Annotated[date, BeforeValidator(_date_as_written)]
Whole = Annotated[int, BeforeValidator(_whole_number)]
Flag = Annotated[bool, BeforeValidator(_true_false)]
Items = Annotated[tuple[T, ...], BeforeValidator(_as_tuple)]
Entries = Annotated[dict[str, T], BeforeValidator(_as_mapping)]
Rating = Annotated[Status, BeforeValidator(_rating)]
"""One person's own status for a target, under ``ratings:``."""
RoleName = Annotated[Role, BeforeValidator(_role)]
"""A role named in a framework, e.g. under ``sign_off_required:``."""


def _language(value: Any) -> Any:
    if isinstance(value, str) and value in i18n.LANGUAGES:
        return value
    near = did_you_mean(value, i18n.LANGUAGES) if isinstance(value, str) else ""
    message = then(
        _("{value} is not a language coprod speaks{near}", value=describe(value), near=near),
        _("use one of: {choices}", choices=", ".join(i18n.LANGUAGES)),
    )
    raise _refused("{message}", message=message)


Language = Annotated[Literal["en", "cy"], BeforeValidator(_language)]
"""A language a framework's text is written in, under ``languages:`` (``en``, ``cy``)."""


# ---- framework -------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class Source:
    """Where the framework comes from, cited in every report."""

    authors: Items[str]
    year: Whole
    title: Text
    journal: str | None = None
    doi: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class Target:
    id: Text
    text: Text
    required: Flag = False
    plain: Text | None = None
    """The target in plain words, for the easy-read report and the interview (docs/framework-file.md, "Targets")."""
    cy: TargetCy | None = None
    """Its text and plain words in Welsh."""


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class Level:
    number: Whole
    title: Text
    ethos: str | None = None
    responsibility: str | None = None
    summary: str | None = None
    threshold: Whole = 80
    sign_off_required: Items[RoleName] = ()
    """Roles of whom at least one must sign the level off before it counts as achieved."""
    targets: Items[Target] = ()
    cy: LevelCy | None = None


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class Enabler:
    id: Text
    text: Text
    cy: EnablerCy | None = None


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class Idea:
    text: Text
    helps: Items[str] = ()
    cy: IdeaCy | None = None


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class Challenge:
    challenge: Text
    ideas: Items[Idea] = ()
    cy: ChallengeCy | None = None


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class AddedTarget:
    """A target a tailored framework adds to a level of the one it extends."""

    level: Whole
    id: Text
    text: Text
    required: Flag = False
    plain: Text | None = None
    after: str | None = None
    """The target it follows in its level; without it, it goes last."""
    cy: TargetCy | None = None


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class TargetChange:
    text: Text | None = None
    required: Flag | None = None
    plain: Text | None = None
    cy: TargetCy | None = None
    """Welsh for the target; a new English ``text`` or ``plain`` drops the Welsh of the old one."""


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class LevelChange:
    title: Text | None = None
    ethos: str | None = None
    responsibility: str | None = None
    summary: str | None = None
    threshold: Whole | None = None
    sign_off_required: Items[RoleName] | None = None
    """Replaces the extended level's list; ``[]`` removes the requirement."""
    cy: LevelCy | None = None


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class Override:
    targets: Entries[TargetChange] = field(default_factory=dict)
    levels: Entries[LevelChange] = field(default_factory=dict)
    """Keyed by level number, e.g. ``1: {threshold: 90}``."""


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class Framework:
    """A framework file as written: complete, or tailored from another with ``extends``."""

    id: Text
    version: Text
    title: Text
    description: str | None = None
    source: Source | None = None
    review_months: Whole = 12
    levels: Items[Level] = ()
    enablers: Items[Enabler] = ()
    guidance: Items[Challenge] = ()
    extends: Text | None = None
    """A built-in id, an id found in --frameworks-dir, or a path relative to this file."""
    remove: Items[str] = ()
    add: Items[AddedTarget] = ()
    override: Override | None = None
    languages: Items[Language] = ()
    """The languages its text is written in, e.g. ``[en, cy]``; empty means English only."""
    cy: FrameworkCy | None = None


def field_names(model: type[Any]) -> tuple[str, ...]:
    """A model's keys, in the order a file writes them."""
    return tuple(f.name for f in fields(model))


_FIELD_TYPES: dict[type[Any], dict[str, Any]] = {}


def field_types(model: type[Any]) -> dict[str, Any]:
    """Each field's declared type, ``Annotated`` markers kept (this module's annotations are
    evaluated when a class is made, not kept as text, so nothing needs evaluating here)."""
    found = _FIELD_TYPES.get(model)
    if found is None:
        found = _FIELD_TYPES[model] = {f.name: f.type for f in fields(model)}
    return found


def is_model(tp: Any) -> bool:
    """Whether ``tp`` is one of the classes above (a file's mapping), not a plain type."""
    return isinstance(tp, type) and is_dataclass(tp)
