"""Frozen pydantic dataclasses of a pool file: anonymised results of many units (docs/pool.md).

A pool file is read like every coprod input (file:line:col for each problem); the values that are
not text (the month, levels, percents) are parsed here by validators that accept one spelling each.
"""

import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator
from pydantic.dataclasses import dataclass
from pydantic_core import PydanticCustomError

from coprod_cli.hints import describe, did_you_mean, then
from coprod_cli.i18n import _
from coprod_cli.model.evidence import UnitKind
from coprod_cli.model.models import STATUSES, Entries, Items, Status, Whole
from coprod_cli.model.text import CONFIG as _CONFIG

POOL_VERSION = 1
"""The format version a pool file written now carries (docs/pool.md, 'The format')."""
POOL_KEYS = frozenset({"pool_version"})
"""The top-level key that tells a pool file from the other YAML of a folder."""

_MONTH = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")
_PERCENT = re.compile(r"(100|[0-9]{1,2})(\.[0-9])?")


def _month(value: Any) -> Any:
    if isinstance(value, str) and not _MONTH.fullmatch(value):
        raise PydanticCustomError(
            "coprod", _("'{value}' is not a month in the form YYYY-MM, such as 2026-10"), {"value": value[:40]}
        )
    return value


def _percent(value: Any) -> Any:
    if isinstance(value, str):
        if not _PERCENT.fullmatch(value) or float(value) > 100:
            raise PydanticCustomError(
                "coprod",
                _("'{value}' is not a percent from 0 to 100 with at most one decimal, such as 85.7"),
                {"value": value[:40]},
            )
        return float(value)
    return value


def _version(value: Any) -> Any:
    if isinstance(value, str) and value != str(POOL_VERSION):
        raise PydanticCustomError(
            "coprod",
            _(
                "pool_version {value} is not one this coprod reads (it reads {known}); "
                "export the pool again with this coprod, or update coprod",
            ),
            {"value": value[:40], "known": POOL_VERSION},
        )
    return int(value) if isinstance(value, str) else value


def _status(value: Any) -> Any:
    if isinstance(value, str) and value in STATUSES:
        return value
    near = did_you_mean(value, STATUSES) if isinstance(value, str) else ""
    message = then(
        _("{value} is not a status{near}", value=describe(value), near=near),
        _("use one of: {choices}", choices=", ".join(STATUSES)),
    )
    raise PydanticCustomError("coprod", "{message}", {"message": message})


Month = Annotated[str, BeforeValidator(_month)]
Percent = Annotated[float, BeforeValidator(_percent)]
Version = Annotated[Literal[1], BeforeValidator(_version)]
PoolStatus = Annotated[Status, BeforeValidator(_status)]


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class PoolFramework:
    id: str
    version: str


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class PoolUnit:
    """One unit's latest result, with nothing that names it (docs/pool.md, 'What is in it, and what is not')."""

    kind: UnitKind | None = None
    framework: PoolFramework
    assessed_on: Month
    attained_level: Whole
    levels: Entries[Percent | None]
    """Each level's percent, by level number; null when nothing in the level applies."""
    targets: Entries[PoolStatus]
    enablers: Entries[PoolStatus]


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class Pool:
    pool_version: Version
    units: Items[PoolUnit] = ()
