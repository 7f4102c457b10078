"""Which files of a summary assess one unit, and which of them is its latest assessment.

Files that name the same unit (docs/many-units.md, 'Which files assess the same unit') are one
unit: the latest represents it, the older ones are kept only as
:class:`~coprod_cli.rollup.rows.EarlierAssessment` records, and two latest assessments dated the
same day are a :class:`Tie` (docs/many-units.md, 'Two latest assessments on one day').
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from coprod_cli.errors import Problem
from coprod_cli.i18n import _
from coprod_cli.rollup.rows import EarlierAssessment, UnitRow, unit_words


@dataclass(frozen=True)
class Tie:
    """A unit whose latest assessment is dated the same day in two or more files: it is left out
    of the summary, as docs/many-units.md, 'Two latest assessments on one day' says."""

    unit_name: str
    """As the first of ``files`` writes it."""
    unit_organisation: str | None
    assessed_on: date
    files: tuple[str, ...]
    """The files dated ``assessed_on``, sorted."""
    earlier: tuple[EarlierAssessment, ...]
    """Older assessments of the unit, latest first; left out with it."""

    @property
    def problems(self) -> tuple[Problem, ...]:
        unit = unit_words(self.unit_name, self.unit_organisation)
        return tuple(
            Problem(
                file,
                0,
                0,
                _(
                    "'{unit}' is assessed on {day} here and in {files} too, so coprod cannot tell which is its "
                    "latest assessment and leaves the unit out of the summary; keep only the unit's agreed "
                    "assessment among the files given (move each person's own ratings for 'coprod merge' "
                    "elsewhere), or if one is an older assessment, correct its 'assessed_on'",
                    unit=unit,
                    day=self.assessed_on.isoformat(),
                    files=", ".join(f for f in self.files if f != file),
                ),
                code="same-day-assessments",
            )
            for file in self.files
        )


class Unit:
    """One unit's assessments so far: the rows of its latest day (one, unless they tie) and the rest, cut down."""

    def __init__(self, row: UnitRow) -> None:
        self.latest = [row]
        self.earlier: list[EarlierAssessment] = []

    def add(self, row: UnitRow) -> None:
        day = self.latest[0].assessed_on
        if row.assessed_on > day:
            self.earlier += (r.as_earlier() for r in self.latest)
            self.latest = [row]
        elif row.assessed_on == day:
            self.latest.append(row)
        else:
            self.earlier.append(row.as_earlier())

    def done(self) -> UnitRow | Tie:
        earlier = tuple(sorted(self.earlier, key=lambda e: (-e.assessed_on.toordinal(), e.file)))
        if len(self.latest) == 1:
            return replace(self.latest[0], earlier=earlier)
        rows = sorted(self.latest, key=lambda r: r.file)
        first = rows[0]
        return Tie(first.unit_name, first.unit_organisation, first.assessed_on, tuple(r.file for r in rows), earlier)
