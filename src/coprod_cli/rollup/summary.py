"""A service profile: many units' evidence files scored and laid side by side.

Units are grouped by the framework they were assessed against (its id, version and
exact content), so scores of different frameworks are never mixed; counts such as the
service-wide priorities are made within a group. Files that cannot be read are kept
with their problems while the rest are still summarised. Nothing here prints or exits.

Each unit is counted once, at its latest assessment: files that name the same unit (its name and
organisation, as docs/many-units.md, 'Which files assess the same unit' says) are one unit, and the
older ones are listed under it as earlier assessments; two latest assessments on one day are
refused (docs/many-units.md, 'Two latest assessments on one day').

Units are streamed: each file is read once, scored and cut down to the row the outputs show
(:class:`~coprod_cli.rollup.rows.UnitRow`) before the next is read; an older assessment is cut
down further, to an :class:`~coprod_cli.rollup.rows.EarlierAssessment`. Memory grows with one
row per unit, not with whole results. The counts are made once every file is read, when it is
known which assessment of each unit is the latest.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import MappingProxyType

from coprod_cli.errors import CoprodError, InputError, Problem
from coprod_cli.i18n import _
from coprod_cli.model.models import ROLES, STATUSES
from coprod_cli.privacy.guard import guard_text
from coprod_cli.reading.textfile import MAX_BYTES, decode, is_special, read_bytes, real_path
from coprod_cli.reading.topkeys import EVIDENCE_KEYS, top_level_key
from coprod_cli.rollup.chart import Chart
from coprod_cli.rollup.rows import UnitKey, UnitRow
from coprod_cli.rollup.units import Tie, Unit
from coprod_cli.scoring.check import assess_input
from coprod_cli.scoring.score import FrameworkInfo, Result, score

PRIORITIES_SHOWN = 10
"""How many shared gaps text and markdown list (ties go to the lower level, then framework order); JSON lists all."""
CHART_MAX_UNITS = 40
"""Above this many units in a group a chart is unreadable: the table alone is given."""
SUFFIXES = (".yaml", ".yml")


Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` after each file is read."""


@dataclass(frozen=True)
class InvalidFile:
    """A file that looked like evidence but could not be scored."""

    file: str
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class SharedGap:
    """A target assessed as partly met or not met in at least one unit of a group; those in the
    most units are the priorities. Not assessed is unknown, not unmet: it is counted apart."""

    id: str
    text: str
    level: int
    units: int
    """How many units of the group assessed it as partly met or not met."""
    applies: int
    """How many units of the group count it (those where it is not marked as not applying)."""
    not_assessed: int
    """How many units of the group have not assessed it yet."""
    files: tuple[str, ...]
    """The files of those units, sorted."""


@dataclass(frozen=True)
class EnablerAcross:
    """One enabler's status across the units of a group."""

    id: str
    text: str
    counts: Mapping[str, int]
    """Units per status, every status present (0 when none)."""


@dataclass(frozen=True)
class Group:
    """The units assessed against one framework (same id, version and content)."""

    framework: FrameworkInfo
    label: str
    """How outputs name the group: 'id version', with the sha256's start when two groups share both."""
    levels: tuple[tuple[int, str, int], ...]
    """Each level's number, title and threshold, from the framework."""
    units: tuple[UnitRow, ...]
    """Sorted by file path."""
    shared_gaps: tuple[SharedGap, ...]
    """Every target assessed as partly met or not met in at least one unit: most units first, then
    level and framework order."""
    priorities: tuple[SharedGap, ...]
    """The first ``PRIORITIES_SHOWN`` of ``shared_gaps``, for people to read."""
    enablers: tuple[EnablerAcross, ...]
    assessors: Mapping[str, int]
    """People who took part, by role, over all units of the group."""
    without_user_voice: tuple[str, ...]
    """Files of units where no service user or carer took part."""

    @property
    def charts(self) -> tuple[Chart, ...]:
        """One bar chart per level (units' percents, the threshold as a line); empty for large groups.
        Made when asked, so its words are in the language the summary is being written in."""
        return _charts(self.units) if len(self.units) <= CHART_MAX_UNITS else ()

    @property
    def warning_count(self) -> int:
        return sum(len(u.warnings) for u in self.units)

    @property
    def review_count(self) -> int:
        """Justifications and waivers past their review date, over the group's units."""
        return sum(u.reviews_due for u in self.units)


@dataclass(frozen=True)
class Summary:
    """All units found, grouped by framework, and the files that could not be read."""

    groups: tuple[Group, ...]
    invalid: tuple[InvalidFile, ...]
    waived_keys: frozenset[str]
    """What the inputs' privacy waivers covered, so the output scan allows it; never shown."""
    ties: tuple[Tie, ...] = ()
    """Units left out because their latest assessments share a day, sorted by their first file."""

    @property
    def units(self) -> tuple[UnitRow, ...]:
        """Every unit (at its latest assessment), sorted by file path."""
        return tuple(sorted((u for g in self.groups for u in g.units), key=lambda u: u.file))

    @property
    def earlier_count(self) -> int:
        """How many files are earlier assessments of a unit shown."""
        return sum(len(u.earlier) for u in self.units)

    @property
    def files(self) -> tuple[str, ...]:
        """Every evidence file read, whatever became of it."""
        units = (f for u in self.units for f in (u.file, *(e.file for e in u.earlier)))
        ties = (f for t in self.ties for f in (*t.files, *(e.file for e in t.earlier)))
        return tuple(sorted({*units, *ties, *(bad.file for bad in self.invalid)}))

    @property
    def problems(self) -> tuple[Problem, ...]:
        return tuple(p for bad in self.invalid for p in bad.problems) + tuple(p for t in self.ties for p in t.problems)


# ---- finding files ------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    path: Path
    shown: str
    given: bool
    """Named on the command line (always read) rather than found in a folder (read if it has 'unit:')."""


def find(paths: Iterable[Path]) -> tuple[Candidate, ...]:
    """The files to read: each file given, and every ``*.yaml``/``*.yml`` under each folder.

    Folders are walked in name order without following links; folders whose names start
    with '.' (``.git``, ``.venv``…) are skipped, and so are named pipes, sockets and devices
    (reading a pipe could wait for ever). A file reached twice is read once. A link that leads
    round in a loop is kept, so that reading it lists it with its problem as for any file
    that cannot be read.
    """
    found: list[Candidate] = []
    for path in paths:
        if path.is_dir():
            found += _walk(path)
        else:
            found.append(Candidate(path, str(path), True))
    seen: set[Path] = set()
    unique: list[Candidate] = []
    for c in found:
        try:
            key = real_path(c.path, c.shown)
        except InputError:  # a loop of links: reading it says so
            key = c.path.absolute()
        if key not in seen:
            seen.add(key)
            unique.append(c)
    return tuple(sorted(unique, key=lambda c: c.shown))


def _walk(folder: Path) -> Iterator[Candidate]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root, name)
            if name.endswith(SUFFIXES) and not name.startswith(".") and not is_special(path):
                yield Candidate(path, str(path), False)


def _looks_like_evidence(path: Path, shown: str) -> bool:
    """Whether a file found in a folder that cannot be read as UTF-8 text (too large, unreadable,
    another encoding) is a unit's evidence file all the same, to be listed with its problem."""
    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_BYTES)
    except OSError:
        return True  # unreadable: say so rather than pass over what may be a unit
    try:
        text = decode(raw, shown)
    except InputError:
        text = raw.decode("utf-16", "ignore") if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else raw.decode("latin-1")
    return top_level_key(text, EVIDENCE_KEYS) is not None


# ---- reading and grouping ------------------------------------------------------------------


def summarise(
    paths: Iterable[Path],
    *,
    framework: str | None = None,
    strict: bool = False,
    as_of: date | None = None,
    progress: Progress | None = None,
) -> Summary:
    """Read every evidence file under ``paths``, score each, and group them by framework
    (reviews due by ``as_of``, else each file's own ``assessed_on``)."""
    candidates = find(paths)
    groups = _Groups()
    invalid: list[InvalidFile] = []
    for done, c in enumerate(candidates, start=1):
        try:
            result = _score(c, framework=framework, strict=strict, as_of=as_of)
        except InputError as e:
            invalid.append(InvalidFile(c.shown, e.problems()))
        except CoprodError as e:  # pragma: no cover - reading raises InputError; any other kind is one line
            invalid.append(InvalidFile(c.shown, (Problem(c.shown, 0, 0, str(e)),)))
        else:
            if result is not None:
                groups.add(result)
        if progress is not None:
            progress(done, len(candidates))
    return groups.summary(invalid)


def _score(c: Candidate, *, framework: str | None, strict: bool, as_of: date | None) -> Result | None:
    """The candidate read once and scored; None for YAML in a folder that is not a unit's evidence."""
    try:
        raw = read_bytes(c.path, c.shown, pipe_ok=c.given)
        text = decode(raw, c.shown)
    except InputError:
        if c.given or _looks_like_evidence(c.path, c.shown):
            raise
        return None
    if not c.given and top_level_key(text, EVIDENCE_KEYS) is None:  # other YAML: passed over without a word
        return None
    found = guard_text(raw, text, c.shown, c.path.parent)
    return score(assess_input(found, c.path, c.shown, framework=framework, strict=strict, as_of=as_of))


def build(results: Iterable[Result], invalid: Iterable[InvalidFile] = ()) -> Summary:
    """Group scored units by framework and count across each group."""
    groups = _Groups()
    for r in results:
        groups.add(r)
    return groups.summary(invalid)


class _Groups:
    """The units so far, one file added at a time; grouped by framework and counted at the end."""

    def __init__(self) -> None:
        self.units: dict[UnitKey, Unit] = {}
        self.waived: set[str] = set()

    def add(self, result: Result) -> None:
        row = UnitRow.of(result)
        if row.key in self.units:
            self.units[row.key].add(row)
        else:
            self.units[row.key] = Unit(row)
        self.waived |= result.waived_keys

    def summary(self, invalid: Iterable[InvalidFile]) -> Summary:
        by_framework: dict[tuple[str, str, str], _Tally] = {}
        ties: list[Tie] = []
        for unit in self.units.values():
            row = unit.done()
            if isinstance(row, Tie):
                ties.append(row)
                continue
            fw = row.framework
            key = (fw.id, fw.version, fw.sha256)
            if key not in by_framework:
                by_framework[key] = _Tally(row)
            by_framework[key].add(row)
        keys = sorted(by_framework)
        twins = {(i, v) for i, v, _ in keys if sum(1 for k in keys if k[:2] == (i, v)) > 1}
        groups = tuple(by_framework[key].group((key[0], key[1]) in twins) for key in keys)
        return Summary(
            groups,
            tuple(sorted(invalid, key=lambda b: b.file)),
            frozenset(self.waived),
            tuple(sorted(ties, key=lambda t: t.files)),
        )


class _Tally:
    """One group's rows and what is counted across them, added to as each unit is scored."""

    def __init__(self, first: UnitRow) -> None:
        self.rows: list[UnitRow] = []
        self.targets = tuple(t for level in first.levels for t in level.targets)
        """The framework's targets in order (all units of a group share the framework)."""
        self.applies = dict.fromkeys((t.id for t in self.targets), 0)
        self.gap_files: dict[str, list[str]] = {}
        self.not_assessed = dict.fromkeys((t.id for t in self.targets), 0)
        self.enablers = [dict.fromkeys(STATUSES, 0) for _ in first.enablers]
        self.roles = dict.fromkeys(ROLES, 0)

    def add(self, row: UnitRow) -> None:
        self.rows.append(row)
        for level in row.levels:
            for t in level.targets:
                if t.applies:
                    self.applies[t.id] += 1
                if t.known_gap:
                    self.gap_files.setdefault(t.id, []).append(row.file)
                elif t.status == "not-assessed":
                    self.not_assessed[t.id] += 1
        for counts, e in zip(self.enablers, row.enablers, strict=True):
            counts[e.status] += 1
        for role, n in row.assessors.items():
            self.roles[role] += n

    def group(self, twin: bool) -> Group:
        units = sorted(self.rows, key=lambda u: u.file)
        first = units[0]
        fw = first.framework
        label = f"{fw.id} {fw.version}" + (f", sha256 {fw.sha256[:12]}" if twin else "")
        shared = self._shared_gaps()
        return Group(
            framework=fw,
            label=label,
            levels=tuple((lv.number, lv.title, lv.threshold) for lv in first.levels),
            units=tuple(units),
            shared_gaps=shared,
            priorities=shared[:PRIORITIES_SHOWN],
            enablers=tuple(
                EnablerAcross(e.id, e.text, MappingProxyType(counts))
                for e, counts in zip(first.enablers, self.enablers, strict=True)
            ),
            assessors=MappingProxyType(self.roles),
            without_user_voice=tuple(u.file for u in units if not u.user_voice),
        )

    def _shared_gaps(self) -> tuple[SharedGap, ...]:
        order = {t.id: n for n, t in enumerate(self.targets)}
        gaps = [
            SharedGap(
                t.id, t.text, t.level, len(files), self.applies[t.id], self.not_assessed[t.id], tuple(sorted(files))
            )
            for t in self.targets
            if (files := self.gap_files.get(t.id))
        ]
        return tuple(sorted(gaps, key=lambda g: (-g.units, g.level, order[g.id])))


def _charts(units: Sequence[UnitRow]) -> tuple[Chart, ...]:
    names = tuple(u.unit_name for u in units)
    return tuple(
        Chart(
            title=_("Level {number} — {title}", number=level.number, title=level.title),
            labels=names,
            bars=tuple(u.levels[n].percent for u in units),
            line=tuple(float(level.threshold) for _ in units),
            y_title=_("Percent (line: {threshold}% needed)", threshold=level.threshold),
        )
        for n, level in enumerate(units[0].levels)
    )
