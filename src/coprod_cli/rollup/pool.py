"""A pool: anonymised results of many units, and where one unit stands among those like it.

``export`` cuts each unit of a summary (its latest assessment) down to a :class:`PoolUnit` that
names nothing (docs/pool.md, 'What is in it, and what is not'); ``place`` compares one unit with the pool units of
the same kind and framework version (docs/pool.md, 'Comparing a unit'). Nothing here prints or exits.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from fractions import Fraction
from pathlib import Path

from coprod_cli.errors import InputError, Problem
from coprod_cli.model.pool import POOL_KEYS, POOL_VERSION, Pool, PoolFramework, PoolUnit
from coprod_cli.reading.explain import validate
from coprod_cli.reading.textfile import decode, read_bytes
from coprod_cli.reading.topkeys import top_level_key
from coprod_cli.reading.yamlread import parse_text
from coprod_cli.rollup.rows import UnitRow
from coprod_cli.rollup.summary import Summary, find, summarise

SMALLEST_CELL = 5
"""Fewer comparable units than this and nothing is compared (docs/pool.md, 'Five or more')."""
COMMONLY_MET = 60
"""A target met by at least this percent of comparable units, not by this one, is listed."""


@dataclass(frozen=True)
class Export:
    units: tuple[PoolUnit, ...]
    """Sorted by their content, so their order says nothing of the files they came from."""
    summary: Summary


def entry(row: UnitRow) -> PoolUnit:
    """What a pool keeps of one unit: nothing that names it or anyone in it."""
    return PoolUnit(
        kind=row.unit_kind,  # type: ignore[arg-type]  # checked as a UnitKind when the file was read
        framework=PoolFramework(id=row.framework.id, version=row.framework.version),
        assessed_on=row.assessed_on.isoformat()[:7],
        attained_level=row.attained_level,
        levels={str(lv.number): None if lv.percent is None else round(lv.percent, 1) for lv in row.levels},
        targets={t.id: t.status for lv in row.levels for t in lv.targets},  # type: ignore[misc]
        enablers={e.id: e.status for e in row.enablers},  # type: ignore[misc]
    )


def as_data(unit: PoolUnit) -> dict[str, object]:
    return asdict(unit)


def _content(unit: PoolUnit) -> str:
    return json.dumps(as_data(unit), sort_keys=True, ensure_ascii=False)


def export(paths: Iterable[Path]) -> Export:
    """The pool entries of every unit under ``paths``, at its latest assessment."""
    found = summarise(paths)
    units = sorted((entry(u) for u in found.units), key=_content)
    return Export(tuple(units), found)


# ---- reading pool files ----------------------------------------------------------------


def read_pools(path: Path) -> tuple[tuple[PoolUnit, ...], tuple[str, ...]]:
    """Every unit of the pool file ``path``, or of the pool files in the folder ``path`` (a
    ``*.yaml``/``*.yml`` file with a top-level ``pool_version:``); and the files read.
    Every problem of every file is raised together."""
    units: list[PoolUnit] = []
    files: list[str] = []
    problems: list[Problem] = []
    for c in find([path]):
        try:
            text = decode(read_bytes(c.path, c.shown, pipe_ok=c.given), c.shown)
            if not c.given and top_level_key(text, POOL_KEYS) is None:
                continue
            units += validate(Pool, parse_text(text, c.shown)).units
        except InputError as e:
            problems += e.problems()
        files.append(c.shown)
    if problems:
        raise InputError(problems)
    return tuple(units), tuple(files)


# ---- comparing ----------------------------------------------------------------------------


@dataclass(frozen=True)
class LevelPlace:
    number: int
    title: str
    percent: float | None
    """This unit's percent; None when nothing in the level applies to it."""
    compared: int
    """Comparable units with a percent for this level."""
    percentile: int | None
    """Percent of them with a lower percent, ties counted half; None when not compared."""
    median: float | None


@dataclass(frozen=True)
class CommonlyMet:
    id: str
    text: str
    level: int
    """0 for an enabler."""
    status: str
    """This unit's status for it."""
    share: int
    """Percent of comparable units that have met it."""


@dataclass(frozen=True)
class Placement:
    kind: str | None
    framework: str
    version: str
    pool_units: int
    """Units in the pool files read, of any kind or framework."""
    compared: int
    """Comparable units: the same kind and framework version, this unit's own entry left out."""
    own_left_out: bool
    """Whether an entry identical to this unit's own export was found and left out."""
    levels: tuple[LevelPlace, ...]
    commonly_met: tuple[CommonlyMet, ...]
    files: tuple[str, ...]

    @property
    def suppressed(self) -> bool:
        return self.compared < SMALLEST_CELL


def percentile(own: float, others: Iterable[float]) -> int:
    """Percent of ``others`` below ``own``, ties counted half, rounded half up (docs/pool.md, 'Comparing a unit')."""
    values = list(others)
    below = sum(1 for v in values if v < own)
    equal = sum(1 for v in values if v == own)
    exact = Fraction(200 * below + 100 * equal, 2 * len(values))
    return int(exact + Fraction(1, 2))


def place(row: UnitRow, pool: Iterable[PoolUnit], files: tuple[str, ...] = ()) -> Placement:
    """Where the unit of ``row`` stands among the pool units like it (docs/pool.md, 'Comparing a unit')."""
    own = entry(row)
    everyone = list(pool)
    alike = [u for u in everyone if u.kind == own.kind and u.framework == own.framework]
    own_left_out = own in alike
    if own_left_out:
        alike.remove(own)  # once: the unit's own export is not compared with itself
    suppressed = len(alike) < SMALLEST_CELL
    levels = []
    for lv in row.levels:
        mine = own.levels[str(lv.number)]
        theirs = [p for u in alike if (p := u.levels.get(str(lv.number))) is not None]
        shown = not suppressed and len(theirs) >= SMALLEST_CELL
        levels.append(
            LevelPlace(
                lv.number,
                lv.title,
                mine,
                len(theirs),
                percentile(mine, theirs) if shown and mine is not None else None,
                round(statistics.median(theirs), 1) if shown else None,
            )
        )
    common = [] if suppressed else _commonly_met(row, alike)
    return Placement(
        own.kind,
        own.framework.id,
        own.framework.version,
        len(everyone),
        len(alike),
        own_left_out,
        tuple(levels),
        tuple(common),
        files,
    )


def _commonly_met(row: UnitRow, alike: list[PoolUnit]) -> list[CommonlyMet]:
    mine = [*(t for lv in row.levels for t in lv.targets), *row.enablers]
    found = []
    for order, t in enumerate(mine):
        if t.status in ("met", "not-applicable"):
            continue
        met = sum(1 for u in alike if (u.enablers if t.level == 0 else u.targets).get(t.id) == "met")
        share = int(Fraction(100 * met, len(alike)) + Fraction(1, 2))
        if share >= COMMONLY_MET:
            found.append((-share, t.level or 99, order, CommonlyMet(t.id, t.text, t.level, t.status, share)))
    return [c for *_, c in sorted(found, key=lambda f: f[:3])]


__all__ = ["POOL_VERSION", "Export", "Placement", "entry", "export", "place", "read_pools"]
