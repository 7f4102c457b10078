"""What the roll-ups keep of each scored unit: the names, numbers and statuses their outputs show.

A unit's full result (evidence, actions, ratings, the assessment's quality…) is what one
unit's report needs; ``summary`` and ``history`` lay out thousands of units or versions side
by side, so each is cut down to a :class:`UnitRow` as soon as it is scored and the rest of its
result is dropped. The names are those of the full result, so a template written for one reads
the other.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache

from coprod_cli.errors import Problem
from coprod_cli.scoring.score import FrameworkInfo, LevelResult, Result
from coprod_cli.scoring.target import TargetResult


@dataclass(frozen=True, slots=True)
class TargetStatus:
    """A target or enabler of one unit: which it is, and the status the unit gave it."""

    id: str
    text: str
    level: int
    """The level number; 0 for an enabler."""
    status: str

    @property
    def applies(self) -> bool:
        """It counts in the unit's scores (it is not marked as not applying)."""
        return self.status != "not-applicable"

    @property
    def known_gap(self) -> bool:
        """It was assessed as partly met or not met (not assessed is unknown, not a known gap)."""
        return self.status in ("partial", "not-met")

    @classmethod
    def of(cls, target: TargetResult) -> TargetStatus:
        return _shared(target.id, target.text, target.level, target.status)


_shared = cache(TargetStatus)
"""Each target at each status made once: they are frozen, so all the units that gave a target
the same status share one (a few hundred for a framework, however many units there are)."""


@dataclass(frozen=True, slots=True)
class LevelRow:
    """One level of one unit: its score and each target's status."""

    number: int
    title: str
    threshold: int
    percent: float | None
    achieved: bool
    targets: tuple[TargetStatus, ...]

    @classmethod
    def of(cls, level: LevelResult) -> LevelRow:
        targets = tuple(map(TargetStatus.of, level.targets))
        return cls(level.number, level.title, level.threshold, level.percent, level.achieved, targets)


@dataclass(frozen=True, slots=True)
class UnitRow:
    """One scored unit (or one version of it), as a table of many units shows it."""

    file: str
    unit_name: str
    framework: FrameworkInfo
    assessed_on: date
    attained_level: int
    levels: tuple[LevelRow, ...]
    enablers: tuple[TargetStatus, ...]
    assessors: Mapping[str, int]
    """People who took part, by role (every role, 0 when none)."""
    warnings: tuple[Problem, ...]

    @property
    def user_voice(self) -> bool:
        """Whether any service user or carer took part."""
        return self.assessors["service-user"] + self.assessors["carer"] > 0

    @classmethod
    def of(cls, result: Result) -> UnitRow:
        return cls(
            file=result.file,
            unit_name=result.unit_name,
            framework=result.framework,
            assessed_on=result.assessed_on,
            attained_level=result.attained_level,
            levels=tuple(map(LevelRow.of, result.levels)),
            enablers=tuple(map(TargetStatus.of, result.enablers)),
            assessors=result.assessors,
            warnings=result.warnings,
        )
