"""Strict, frozen pydantic models of the two file kinds: a framework and a unit's evidence.

The reader hands these plain text; the few fields that are not text (dates, whole
numbers, true/false) are parsed here by small validators that accept only the one
spelling each kind has, so nothing is ever converted silently.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from datetime import date
from typing import Annotated, Any, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict
from pydantic_core import PydanticCustomError

from .schema_errors import describe, did_you_mean, then

STATUSES = ("met", "partial", "not-met", "not-applicable", "not-assessed")
ROLES = ("service-user", "carer", "staff", "third-sector", "manager")
Status = Literal["met", "partial", "not-met", "not-applicable", "not-assessed"]
Role = Literal["service-user", "carer", "staff", "third-sector", "manager"]

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_INT = re.compile(r"[0-9]{1,6}")
MONTHS = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)


def _iso_date(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    if not _DATE.fullmatch(value):
        raise PydanticCustomError(
            "coprod", "'{value}' is not a date in the form YYYY-MM-DD, such as 2026-10-14", {"value": value[:40]}
        )
    year, month, day = (int(part) for part in value.split("-"))
    if not 1 <= month <= 12:
        raise PydanticCustomError(
            "coprod", "'{value}' is not a real date: there is no month {month}", {"value": value, "month": month}
        )
    if year < 1:
        raise PydanticCustomError("coprod", "'{value}' is not a real date: there is no year 0", {"value": value})
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise PydanticCustomError(
            "coprod",
            "'{value}' is not a real date: {name} {year} has {days} days",
            {"value": value, "name": MONTHS[month - 1], "year": year, "days": days},
        )
    return date(year, month, day)


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("blank", "blank")
    return value


def _whole_number(value: Any) -> Any:
    if isinstance(value, str):
        if not _INT.fullmatch(value):
            raise PydanticCustomError("coprod", "'{value}' is not a whole number such as 80", {"value": value[:40]})
        return int(value)
    return value


def _true_false(value: Any) -> Any:
    if isinstance(value, str):
        if value not in ("true", "false"):
            raise PydanticCustomError(
                "coprod", "'{value}' is not true or false; write true or false", {"value": value[:40]}
            )
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
    raise PydanticCustomError("coprod", "{message}", {"message": message})


def _rating(value: Any) -> Any:
    """A person's own status for a target: one of the statuses, named as such when it is not."""
    if isinstance(value, str) and value in STATUSES:
        return value
    choices = ", ".join(STATUSES)
    if value is None:
        raise PydanticCustomError("coprod", "this rating is empty; use one of: {choices}", {"choices": choices})
    near = did_you_mean(value, STATUSES) if isinstance(value, str) else ""
    message = then(f"{describe(value)} is not a valid rating{near}", f"use one of: {choices}")
    raise PydanticCustomError("coprod", "{message}", {"message": message})


T = TypeVar("T")
Text = Annotated[str, AfterValidator(_not_blank)]
"""Text that must say something: not empty, not only spaces."""
IsoDate = Annotated[date, BeforeValidator(_iso_date)]
Whole = Annotated[int, BeforeValidator(_whole_number)]
Flag = Annotated[bool, BeforeValidator(_true_false)]
Items = Annotated[tuple[T, ...], BeforeValidator(_as_tuple)]
Entries = Annotated[dict[str, T], BeforeValidator(_as_mapping)]
Rating = Annotated[Status, BeforeValidator(_rating)]
"""One person's own status for a target, under ``ratings:``."""
RoleName = Annotated[Role, BeforeValidator(_role)]
"""A role named in a framework, e.g. under ``sign_off_required:``."""


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, frozen=True, extra="forbid", hide_input_in_errors=True)


# ---- framework -------------------------------------------------------------------


class Source(_Strict):
    """Where the framework comes from, cited in every report."""

    authors: Items[str]
    year: Whole
    title: Text
    journal: str | None = None
    doi: str | None = None
    url: str | None = None


class Target(_Strict):
    id: Text
    text: Text
    required: Flag = False


class Level(_Strict):
    number: Whole
    title: Text
    ethos: str | None = None
    responsibility: str | None = None
    summary: str | None = None
    threshold: Whole = 80
    sign_off_required: Items[RoleName] = ()
    """Roles of whom at least one must sign the level off before it counts as achieved."""
    targets: Items[Target] = ()


class Enabler(_Strict):
    id: Text
    text: Text


class Idea(_Strict):
    text: Text
    helps: Items[str] = ()


class Challenge(_Strict):
    challenge: Text
    ideas: Items[Idea] = ()


class AddedTarget(_Strict):
    """A target a tailored framework adds to a level of the one it extends."""

    level: Whole
    id: Text
    text: Text
    required: Flag = False
    after: str | None = None
    """The target it follows in its level; without it, it goes last."""


class TargetChange(_Strict):
    text: Text | None = None
    required: Flag | None = None


class LevelChange(_Strict):
    title: Text | None = None
    ethos: str | None = None
    responsibility: str | None = None
    summary: str | None = None
    threshold: Whole | None = None
    sign_off_required: Items[RoleName] | None = None
    """Replaces the extended level's list; ``[]`` removes the requirement."""


class Override(_Strict):
    targets: Entries[TargetChange] = {}
    levels: Entries[LevelChange] = {}
    """Keyed by level number, e.g. ``1: {threshold: 90}``."""


class Framework(_Strict):
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


class Unit(_Strict):
    name: Text
    service: str | None = None
    organisation: str | None = None


class Assessor(_Strict):
    name: Text
    role: Role


class EvidenceItem(_Strict):
    description: Text
    date: IsoDate | None = None
    link: str | None = None


class Action(_Strict):
    description: Text
    owner: str | None = None
    due: IsoDate | None = None


class Entry(_Strict):
    """The unit's record for one target or enabler."""

    status: Status
    """The status the group agreed."""
    ratings: Entries[Rating] = {}
    """Each person's own status, by assessor name; ``not-assessed`` means they gave none."""
    evidence: Items[EvidenceItem] = ()
    action: Action | None = None
    justification: str | None = None
    notes: str | None = None


class SignOff(_Strict):
    """An assessor's signature on a level's result."""

    name: Text
    date: IsoDate


class Evidence(_Strict):
    unit: Unit
    framework: str | None = None
    assessed_on: IsoDate
    assessors: Items[Assessor] = ()
    sign_off: Entries[Items[SignOff]] = {}
    """Who signed each level off, keyed by level number, e.g. ``1: [{name: A. B., date: 2026-10-14}]``."""
    targets: Entries[Entry] = {}
    enablers: Entries[Entry] = {}
    retired: Entries[Entry] = {}
    """Targets the framework no longer has (``coprod migrate`` moves them here): kept, not scored."""


def person_key(name: str) -> str:
    """How two spellings of a person's name are told to be the same person."""
    return " ".join(name.split()).casefold()


def field_names(model: type[BaseModel]) -> tuple[str, ...]:
    return tuple(model.model_fields)


def entries(mapping: Mapping[str, Entry]) -> Mapping[str, Entry]:
    return mapping
