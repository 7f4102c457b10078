"""What the roll-ups keep of each scored unit: the names, numbers and statuses their outputs show.

A unit's full result (evidence, actions, ratings, the assessment's quality…) is what one
unit's report needs; ``summary`` and ``history`` lay out thousands of units or versions side
by side, so each is cut down to a :class:`UnitRow` as soon as it is scored and the rest of its
result is dropped. The names are those of the full result, so a template written for one reads
the other.
"""

from __future__ import annotations

import unicodedata
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


UnitKey = tuple[str, str]
"""What tells one unit from another: its name and organisation, as :func:`unit_key` makes them comparable."""


def unit_key(name: str, organisation: str | None) -> UnitKey:
    """The unit a file assesses, as docs/many-units.md, 'Which files assess the same unit' sets out.

    Names and organisations are compared whole, after Unicode normalisation (NFC), with every run
    of spaces, tabs, line breaks or non-breaking spaces read as one space, leading and trailing
    spaces ignored, and capitals ignored (``casefold``). A file without an organisation matches only
    other files without one.
    """

    def plain(text: str) -> str:
        return " ".join(unicodedata.normalize("NFC", text).split()).casefold()

    return plain(name), plain(organisation or "")


def unit_words(name: str, organisation: str | None) -> str:
    """A unit as a sentence names it: 'Ward A' or 'Ward A (Cwm Taf)'."""
    return f"{name} ({organisation})" if organisation else name


@dataclass(frozen=True, slots=True)
class EarlierAssessment:
    """An older assessment of a unit in a summary: only what its row shows (docs/many-units.md,
    'Earlier assessments in a summary')."""

    file: str
    assessed_on: date
    attained_level: int


@dataclass(frozen=True, slots=True)
class UnitRow:
    """One scored unit (or one version of it), as a table of many units shows it."""

    file: str
    unit_name: str
    unit_organisation: str | None
    framework: FrameworkInfo
    assessed_on: date
    attained_level: int
    levels: tuple[LevelRow, ...]
    enablers: tuple[TargetStatus, ...]
    assessors: Mapping[str, int]
    """People who took part, by role (every role, 0 when none)."""
    warnings: tuple[Problem, ...]
    earlier: tuple[EarlierAssessment, ...] = ()
    """Older assessments of the same unit found beside this one, latest first (summary only)."""
    reviews_due: int = 0
    """How many not-applicable justifications and privacy waivers are past their review date."""
    unit_kind: str | None = None
    """``unit.kind``, if the file gives it (docs/evidence-file.md, 'The unit')."""

    @property
    def key(self) -> UnitKey:
        return unit_key(self.unit_name, self.unit_organisation)

    @property
    def trend(self) -> str | None:
        """'up', 'down' or 'same': the attained level against the latest earlier assessment's; None without one."""
        if not self.earlier:
            return None
        before = self.earlier[0].attained_level
        return "up" if self.attained_level > before else "down" if self.attained_level < before else "same"

    def as_earlier(self) -> EarlierAssessment:
        return EarlierAssessment(self.file, self.assessed_on, self.attained_level)

    @property
    def user_voice(self) -> bool:
        """Whether any service user or carer took part."""
        return self.assessors["service-user"] + self.assessors["carer"] > 0

    @classmethod
    def of(cls, result: Result) -> UnitRow:
        return cls(
            file=result.file,
            unit_name=result.unit_name,
            unit_organisation=result.unit_organisation,
            framework=result.framework,
            assessed_on=result.assessed_on,
            attained_level=result.attained_level,
            levels=tuple(map(LevelRow.of, result.levels)),
            enablers=tuple(map(TargetStatus.of, result.enablers)),
            assessors=result.assessors,
            warnings=result.warnings,
            unit_kind=result.unit_kind,
            reviews_due=len(result.reviews_due),
        )
