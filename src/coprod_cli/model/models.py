"""Frozen dataclasses of the two file kinds, a framework and a unit's evidence, and their rules.

The reader hands these plain text; the few fields that are not text (dates, whole
numbers, true/false) are parsed here by small validators that accept only the one
spelling each kind has, so nothing is ever converted silently.

The field types say everything a file must keep to, and two things read them:
``validation.build`` (quick, no pydantic) for a file that keeps to them, and pydantic,
loaded only when a file does not, to say what is wrong and where (``schema_errors``).
Nothing here imports pydantic: the validators raise ``Invalid`` and the ``Before`` and
``After`` markers turn it into pydantic's error when pydantic asks for a schema.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date
from typing import Annotated, Any, Literal, TypeVar

from coprod_cli.hints import describe, did_you_mean, then
from coprod_cli.records import Record

STATUSES = ("met", "partial", "not-met", "not-applicable", "not-assessed")
ROLES = ("service-user", "carer", "staff", "third-sector", "manager")
Status = Literal["met", "partial", "not-met", "not-applicable", "not-assessed"]
Role = Literal["service-user", "carer", "staff", "third-sector", "manager"]


class Invalid(ValueError):
    """A value a validator refuses: pydantic's custom error, without importing pydantic."""

    def __init__(self, kind: str, template: str, context: dict[str, Any] | None = None) -> None:
        super().__init__(template)
        self.kind, self.template, self.context = kind, template, context

    @property
    def message(self) -> str:
        """The message as pydantic would show it: the template with its values put in."""
        return self.template.format(**(self.context or {}))


class _Validator:
    """``Annotated`` metadata that runs ``func`` on a value: ``Before`` or ``After`` its type check."""

    __slots__ = ("func",)
    _AFTER = False

    def __init__(self, func: Callable[[Any], Any]) -> None:
        self.func = func

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema  # noqa: PLC0415 - asked by pydantic, so it is loaded

        wrap = (
            core_schema.no_info_after_validator_function
            if self._AFTER
            else core_schema.no_info_before_validator_function
        )
        return wrap(_pydantic_error(self.func), handler(source))


class Before(_Validator):
    """Run ``func`` on the value as written, before its type is checked."""

    __slots__ = ()


class After(_Validator):
    """Run ``func`` on the value once its type is checked."""

    __slots__ = ()
    _AFTER = True


def _pydantic_error(func: Callable[[Any], Any]) -> Callable[[Any], Any]:
    from pydantic_core import PydanticCustomError  # noqa: PLC0415 - asked by pydantic, so it is loaded

    def run(value: Any) -> Any:
        try:
            return func(value)
        except Invalid as e:
            raise PydanticCustomError(e.kind, e.template, e.context) from None

    return run


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_INT = re.compile(r"[0-9]{1,6}")
MONTHS = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)


def days_in_month(year: int, month: int) -> int:
    """How many days ``month`` of ``year`` has (the Gregorian calendar, as ``datetime`` uses)."""
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def iso_date(text: str) -> date:
    """A date written YYYY-MM-DD, a real one; ``Invalid`` saying what is wrong otherwise."""
    return _iso_date(text)  # type: ignore[no-any-return]


def _iso_date(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    if not _DATE.fullmatch(value):
        raise Invalid(
            "coprod", "'{value}' is not a date in the form YYYY-MM-DD, such as 2026-10-14", {"value": value[:40]}
        )
    year, month, day = (int(part) for part in value.split("-"))
    if not 1 <= month <= 12:
        raise Invalid(
            "coprod", "'{value}' is not a real date: there is no month {month}", {"value": value, "month": month}
        )
    if year < 1:
        raise Invalid("coprod", "'{value}' is not a real date: there is no year 0", {"value": value})
    days = days_in_month(year, month)
    if not 1 <= day <= days:
        raise Invalid(
            "coprod",
            "'{value}' is not a real date: {name} {year} has {days} days",
            {"value": value, "name": MONTHS[month - 1], "year": year, "days": days},
        )
    return date(year, month, day)


def _not_blank(value: str) -> str:
    if not value.strip():
        raise Invalid("blank", "blank")
    return value


def _whole_number(value: Any) -> Any:
    if isinstance(value, str):
        if not _INT.fullmatch(value):
            raise Invalid("coprod", "'{value}' is not a whole number such as 80", {"value": value[:40]})
        return int(value)
    return value


def _true_false(value: Any) -> Any:
    if isinstance(value, str):
        if value not in ("true", "false"):
            raise Invalid("coprod", "'{value}' is not true or false; write true or false", {"value": value[:40]})
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
    message = then(f"{describe(value)} is not a role{near}", f"use one of: {', '.join(ROLES)}")
    raise Invalid("coprod", "{message}", {"message": message})


def _rating(value: Any) -> Any:
    """A person's own status for a target: one of the statuses, named as such when it is not."""
    if isinstance(value, str) and value in STATUSES:
        return value
    choices = ", ".join(STATUSES)
    if value is None:
        raise Invalid("coprod", "this rating is empty; use one of: {choices}", {"choices": choices})
    near = did_you_mean(value, STATUSES) if isinstance(value, str) else ""
    message = then(f"{describe(value)} is not a valid rating{near}", f"use one of: {choices}")
    raise Invalid("coprod", "{message}", {"message": message})


T = TypeVar("T")
Text = Annotated[str, After(_not_blank)]
"""Text that must say something: not empty, not only spaces."""
IsoDate = Annotated[date, Before(_iso_date)]
Whole = Annotated[int, Before(_whole_number)]
Flag = Annotated[bool, Before(_true_false)]
Items = Annotated[tuple[T, ...], Before(_as_tuple)]
Entries = Annotated[dict[str, T], Before(_as_mapping)]
Rating = Annotated[Status, Before(_rating)]
"""One person's own status for a target, under ``ratings:``."""
RoleName = Annotated[Role, Before(_role)]
"""A role named in a framework, e.g. under ``sign_off_required:``."""


_CONFIG = {"frozen": True, "extra": "forbid", "hide_input_in_errors": True}
"""How pydantic treats these classes when it explains a file's mistakes.  Lax, not strict:
strict pydantic takes only instances for a dataclass, never a mapping.  What strict mode
would add is kept anyway: the reader hands over only text, lists and mappings, and the
validators above decide every conversion from text."""


# ---- framework -------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Source(Record):
    """Where the framework comes from, cited in every report."""

    authors: Items[str]
    year: Whole
    title: Text
    journal: str | None = None
    doi: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Target(Record):
    id: Text
    text: Text
    required: Flag = False


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Level(Record):
    number: Whole
    title: Text
    ethos: str | None = None
    responsibility: str | None = None
    summary: str | None = None
    threshold: Whole = 80
    sign_off_required: Items[RoleName] = ()
    """Roles of whom at least one must sign the level off before it counts as achieved."""
    targets: Items[Target] = ()


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Enabler(Record):
    id: Text
    text: Text


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Idea(Record):
    text: Text
    helps: Items[str] = ()


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Challenge(Record):
    challenge: Text
    ideas: Items[Idea] = ()


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class AddedTarget(Record):
    """A target a tailored framework adds to a level of the one it extends."""

    level: Whole
    id: Text
    text: Text
    required: Flag = False
    after: str | None = None
    """The target it follows in its level; without it, it goes last."""


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class TargetChange(Record):
    text: Text | None = None
    required: Flag | None = None


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class LevelChange(Record):
    title: Text | None = None
    ethos: str | None = None
    responsibility: str | None = None
    summary: str | None = None
    threshold: Whole | None = None
    sign_off_required: Items[RoleName] | None = None
    """Replaces the extended level's list; ``[]`` removes the requirement."""


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Override(Record):
    targets: Entries[TargetChange] = field(default_factory=dict)
    levels: Entries[LevelChange] = field(default_factory=dict)
    """Keyed by level number, e.g. ``1: {threshold: 90}``."""


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Framework(Record):
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


# ---- evidence --------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Unit(Record):
    name: Text
    service: str | None = None
    organisation: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Assessor(Record):
    name: Text
    role: Role


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class EvidenceItem(Record):
    description: Text
    date: IsoDate | None = None
    link: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Action(Record):
    description: Text
    owner: str | None = None
    due: IsoDate | None = None


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Entry(Record):
    """The unit's record for one target or enabler."""

    status: Status
    """The status the group agreed."""
    ratings: Entries[Rating] = field(default_factory=dict)
    """Each person's own status, by assessor name; ``not-assessed`` means they gave none."""
    evidence: Items[EvidenceItem] = ()
    action: Action | None = None
    justification: str | None = None
    notes: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class SignOff(Record):
    """An assessor's signature on a level's result."""

    name: Text
    date: IsoDate


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Evidence(Record):
    unit: Unit
    framework: str | None = None
    assessed_on: IsoDate
    assessors: Items[Assessor] = ()
    sign_off: Entries[Items[SignOff]] = field(default_factory=dict)
    """Who signed each level off, keyed by level number, e.g. ``1: [{name: A. B., date: 2026-10-14}]``."""
    targets: Entries[Entry] = field(default_factory=dict)
    enablers: Entries[Entry] = field(default_factory=dict)
    retired: Entries[Entry] = field(default_factory=dict)
    """Targets the framework no longer has (``coprod migrate`` moves them here): kept, not scored."""


for _model in [value for value in globals().values() if isinstance(value, type) and is_dataclass(value)]:
    _model.__pydantic_config__ = _CONFIG  # type: ignore[attr-defined]


def person_key(name: str) -> str:
    """How two spellings of a person's name are told to be the same person."""
    return " ".join(name.split()).casefold()


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
