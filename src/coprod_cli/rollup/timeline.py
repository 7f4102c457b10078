"""What ``coprod history`` finds, as data: each committed version scored, the versions that could
not be, and each level's trend across them, with its charts (made when rendered, in the language
being written). ``history`` reads the versions from git and builds these."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from coprod_cli.errors import Problem
from coprod_cli.i18n import _, day
from coprod_cli.rollup.chart import Chart
from coprod_cli.rollup.followup import NO_ACTIONS, Counts
from coprod_cli.rollup.rows import UnitRow
from coprod_cli.scoring.score import FrameworkInfo

SHORT = 10
"""Characters of a commit hash shown to people."""
SPARKS = "▁▂▃▄▅▆▇█"
NO_PERCENT = "·"
"""Shown in a sparkline where a level has no percent (none of its targets applies)."""
CHART_MAX_POINTS = 60
"""Above this many versions a chart is unreadable: the table alone is given."""


@dataclass(frozen=True)
class Point:
    """One committed version of the file, scored."""

    commit: str
    date: str
    """The committer date as git records it (ISO 8601 with the UTC offset)."""
    path: str
    """Where the file was at that commit, relative to the repository's top folder."""
    result: UnitRow
    """Scored against the framework as at the time."""
    framework_committed: bool
    """True when that framework was read from the same commit; False when read as it is today."""
    framework_changed: bool
    """The framework differs (by content) from the one the previous version was scored against."""
    today: UnitRow | None
    """Scored against today's framework; None if the version does not fit it, or it cannot be read."""
    actions: Counts = NO_ACTIONS
    """Its actions against the version before it (docs/many-units.md, 'What happened to the actions')."""

    @property
    def short(self) -> str:
        return self.commit[:SHORT]

    @property
    def day(self) -> str:
        """The commit's date (YYYY-MM-DD), as recorded in its own time zone."""
        return self.date[:10]


@dataclass(frozen=True)
class Broken:
    """A committed version that could not be read or scored."""

    commit: str
    date: str
    path: str
    problems: tuple[Problem, ...]

    @property
    def short(self) -> str:
        return self.commit[:SHORT]


@dataclass(frozen=True)
class Trend:
    """One level across the versions, oldest first."""

    number: int
    title: str
    then: tuple[float | None, ...]
    """Percent as scored at the time of each version."""
    today: tuple[float | None, ...]
    """Percent of each version against today's framework (empty if it could not be read)."""
    spark_then: str
    spark_today: str
    change: float | None
    """Last minus first of today's series (of the 'then' series without today's framework)."""


@dataclass(frozen=True)
class History:
    file: str
    points: tuple[Point, ...]
    """Versions that could be scored, oldest first."""
    broken: tuple[Broken, ...]
    """Versions that could not, oldest first."""
    today_framework: FrameworkInfo | None
    today_problem: str | None
    """Why today's framework could not be read, when it could not."""
    trends: tuple[Trend, ...]
    waived_keys: frozenset[str]

    @property
    def charts(self) -> tuple[Chart, ...]:
        """One per level: bars against today's framework (when it differs), a line as at the time.
        Made when asked, so its words are in the language the history is being written in."""
        return _charts(self.points, self.trends) if len(self.points) <= CHART_MAX_POINTS else ()

    @property
    def commits(self) -> tuple[str, ...]:
        """Every commit id the history names, whole and as shown short."""
        ids = [p.commit for p in self.points] + [b.commit for b in self.broken]
        return (*ids, *(i[:SHORT] for i in ids))

    @property
    def followed_up(self) -> bool:
        """Some version has an action to count."""
        return any(p.actions for p in self.points)

    @property
    def framework_changed(self) -> bool:
        """Some version scores differently against today's framework than it did at the time."""
        return any(p.today is None or _percents(p.today) != _percents(p.result) for p in self.points)


def sparkline(values: Sequence[float | None]) -> str:
    """Percentages as one line of blocks: ▁ for 0-12.4, … █ for 87.5-100; '·' for no percent."""
    return "".join(
        NO_PERCENT if v is None else SPARKS[min(len(SPARKS) - 1, int(v * len(SPARKS) // 100))] for v in values
    )


def _percents(r: UnitRow) -> tuple[tuple[int, float | None], ...]:
    return tuple((lv.number, lv.percent) for lv in r.levels)


# ---- reading one version ------------------------------------------------------------------


def _percent(r: UnitRow | None, number: int) -> float | None:
    if r is None:
        return None
    return next((lv.percent for lv in r.levels if lv.number == number), None)


def trends_of(points: list[Point], with_today: bool) -> tuple[Trend, ...]:
    shape = next((p.today for p in reversed(points) if p.today is not None), None) or points[-1].result
    trends: list[Trend] = []
    for level in shape.levels:
        then = tuple(_percent(p.result, level.number) for p in points)
        today = tuple(_percent(p.today, level.number) for p in points) if with_today else ()
        series = today or then
        change = None if series[0] is None or series[-1] is None else _diff(series[0], series[-1])
        trends.append(
            Trend(level.number, level.title, then, today, sparkline(then), sparkline(today) if today else "", change)
        )
    return tuple(trends)


def _diff(first: float, last: float) -> float:
    return float(Fraction(str(last)) - Fraction(str(first)))


def _charts(points: Sequence[Point], trends: tuple[Trend, ...]) -> tuple[Chart, ...]:
    # Named by the date each version was assessed, as people know it; the commit is in the table.
    labels = tuple(day(p.result.assessed_on) for p in points)
    charts: list[Chart] = []
    for t in trends:
        differs = bool(t.today) and t.today != t.then
        charts.append(
            Chart(
                title=_("Level {number} — {title}", number=t.number, title=t.title),
                labels=labels,
                y_title=_("Percent"),
                bars=t.today if differs else (),
                line=t.then,
            )
        )
    return tuple(charts)
