"""A unit's result laid against a crosswalk: per item of the other framework, the targets and
enablers behind it, their statuses, a roll-up and the gaps (docs/crosswalks.md, "The roll-up").

Pure: it takes the statuses a scored unit gave (a :class:`~coprod_cli.scoring.score.Result`'s
targets or a summary's :class:`~coprod_cli.rollup.rows.UnitRow`) and the crosswalk, and returns
frozen records; reading the crosswalk is :mod:`coprod_cli.framework.crosswalk`'s work.

The roll-up is the scoring rule's arithmetic (docs/scoring.md): met counts 1, partial ½, not-met
and not-assessed 0; not-applicable is left out; the percent is rounded as ``round_percent`` does.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any, Protocol

from coprod_cli.errors import InputError, Problem
from coprod_cli.framework.crosswalk import CrosswalkFile, version_warning
from coprod_cli.i18n import _
from coprod_cli.model.models import STATUSES
from coprod_cli.model.text import Wording, worded
from coprod_cli.scoring.score import FrameworkInfo, round_percent

_POINTS = {"met": Fraction(1), "partial": Fraction(1, 2), "not-met": Fraction(0), "not-assessed": Fraction(0)}


class Status(Protocol):
    """What the roll-up needs of a target or enabler a unit assessed."""

    @property
    def id(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def level(self) -> int: ...
    @property
    def status(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Support:
    """One target or enabler behind an item, with the unit's status for it."""

    id: str
    text: str
    level: int
    """The level number; 0 for an enabler."""
    status: str
    plain: str | None = None
    """The framework's plain words for it, when the unit's result carries them (the easy-read report)."""

    @property
    def gap(self) -> bool:
        """It applies and is below met (partly met, not met or not assessed)."""
        return self.status in ("partial", "not-met", "not-assessed")


@dataclass(frozen=True, slots=True)
class RollUp:
    """The scoring rule's arithmetic over some targets and enablers."""

    score: float
    applicable: int
    """Those not marked not-applicable."""
    percent: float | None
    """100 × score / applicable, rounded as the levels are; None when none applies."""
    counts: Mapping[str, int]
    """How many have each status (every status, 0 when none)."""


@dataclass(frozen=True, slots=True)
class ItemResult:
    """One item of the other framework, as the unit's evidence shows it."""

    id: str
    title: str
    """A :class:`~coprod_cli.model.text.Wording`: shown in Welsh when the crosswalk gives it."""
    supports: tuple[Support, ...]
    """Targets first, then enablers, in the order the crosswalk lists them."""
    rollup: RollUp
    missing: tuple[str, ...]
    """Ids the crosswalk lists that the unit's framework does not have (a tailored framework removed them)."""

    @property
    def gaps(self) -> tuple[Support, ...]:
        return tuple(s for s in self.supports if s.gap)


@dataclass(frozen=True, slots=True)
class CrosswalkResult:
    """A unit's result against a crosswalk."""

    name: str
    title: str
    source: str
    url: str | None
    file: str
    """How the crosswalk was named: a shipped name or a path."""
    sha256: str
    framework: str
    framework_version: str
    """The framework version the crosswalk was written for."""
    used_version: str
    """The version of that framework the unit was assessed against."""
    items: tuple[ItemResult, ...]
    overall: RollUp
    """Every target and enabler the crosswalk maps, each counted once."""
    warnings: tuple[Problem, ...]


def rollup(supports: Iterable[Support]) -> RollUp:
    """The scoring rule's arithmetic (docs/scoring.md) over ``supports``."""
    counts = dict.fromkeys(STATUSES, 0)
    total, applicable = Fraction(0), 0
    for s in supports:
        counts[s.status] += 1
        if s.status != "not-applicable":
            applicable += 1
            total += _POINTS[s.status]
    percent = None if applicable == 0 else round_percent(100 * total / applicable)
    return RollUp(float(total), applicable, percent, counts)


def mapped_version(xw: CrosswalkFile, framework: FrameworkInfo) -> str:
    """The version of the crosswalk's framework the unit uses: its own, or that of the framework
    it extends; an error at the crosswalk's ``framework:`` when it maps another framework."""
    if xw.model.framework == framework.id:
        return framework.version
    for parent in framework.parents:
        if parent.id == xw.model.framework:
            return parent.version
    message = _(
        "crosswalk '{name}' maps the framework '{mapped}', but this unit is assessed against '{used}'; "
        "use a crosswalk written for '{used}'",
        name=xw.model.crosswalk,
        mapped=xw.model.framework,
        used=framework.id,
    )
    raise InputError([xw.doc.problem(("framework",), message, code="crosswalk-framework")])


def against(xw: CrosswalkFile, framework: FrameworkInfo, statuses: Sequence[Status]) -> CrosswalkResult:
    """A unit's statuses (its targets and enablers) laid against the crosswalk."""
    used = mapped_version(xw, framework)
    warning = version_warning(xw, used)
    by_id: Mapping[str, Status] = {s.id: s for s in statuses}
    items: list[ItemResult] = []
    every: dict[str, Support] = {}
    for item in xw.model.items:
        supports: list[Support] = []
        missing: list[str] = []
        for ident in dict.fromkeys((*item.targets, *item.enablers)):
            found = by_id.get(ident)
            if found is None:
                missing.append(ident)
                continue
            support = Support(found.id, found.text, found.level, found.status, getattr(found, "plain", None))
            supports.append(support)
            every.setdefault(ident, support)
        title = worded(item, "title") or Wording(item.title)
        items.append(ItemResult(item.id, title, tuple(supports), rollup(supports), tuple(missing)))
    model = xw.model
    return CrosswalkResult(
        name=model.crosswalk,
        title=worded(model, "title") or Wording(model.title),
        source=worded(model, "source") or Wording(model.source),
        url=model.url,
        file=xw.ref,
        sha256=xw.sha256,
        framework=model.framework,
        framework_version=model.framework_version,
        used_version=used,
        items=tuple(items),
        overall=rollup(every.values()),
        warnings=() if warning is None else (warning,),
    )


class Unit(Protocol):
    """What ``across`` needs of a scored unit: a summary's ``UnitRow`` or a full ``Result``."""

    @property
    def file(self) -> str: ...
    @property
    def unit_name(self) -> str: ...
    @property
    def unit_organisation(self) -> str | None: ...
    @property
    def assessed_on(self) -> date: ...
    @property
    def framework(self) -> FrameworkInfo: ...
    @property
    def levels(self) -> Sequence[Any]: ...
    @property
    def enablers(self) -> Sequence[Status]: ...


def statuses(unit: Unit) -> tuple[Status, ...]:
    """A unit's targets, level by level, then its enablers."""
    return (*(t for level in unit.levels for t in level.targets), *unit.enablers)


@dataclass(frozen=True, slots=True)
class UnitAgainst:
    """One unit of a summary, against the crosswalk."""

    file: str
    unit_name: str
    unit_organisation: str | None
    assessed_on: date
    result: CrosswalkResult


@dataclass(frozen=True, slots=True)
class Across:
    """``summary --crosswalk``: every unit against the crosswalk, and each item pooled over the units."""

    name: str
    title: str
    framework: str
    item_ids: tuple[str, ...]
    item_titles: tuple[str, ...]
    units: tuple[UnitAgainst, ...]
    pooled: tuple[RollUp, ...]
    """Per item, the roll-up of every unit's targets and enablers behind it together."""
    left_out: tuple[str, ...]
    """Files of units assessed against a framework the crosswalk does not map."""
    warnings: tuple[Problem, ...]


def across(xw: CrosswalkFile, units: Iterable[Unit]) -> Across:
    """Every unit against the crosswalk; an error when none is assessed against its framework."""
    found: list[UnitAgainst] = []
    left_out: list[str] = []
    refused: InputError | None = None
    for unit in units:
        try:
            result = against(xw, unit.framework, statuses(unit))
        except InputError as e:
            refused = refused or e
            left_out.append(unit.file)
            continue
        found.append(UnitAgainst(unit.file, unit.unit_name, unit.unit_organisation, unit.assessed_on, result))
    if not found and refused is not None:
        raise refused
    model = xw.model
    pooled = tuple(rollup(s for u in found for s in u.result.items[i].supports) for i in range(len(model.items)))
    return Across(
        name=model.crosswalk,
        title=worded(model, "title") or Wording(model.title),
        framework=model.framework,
        item_ids=tuple(item.id for item in model.items),
        item_titles=tuple(worded(item, "title") or Wording(item.title) for item in model.items),
        units=tuple(found),
        pooled=pooled,
        left_out=tuple(left_out),
        warnings=tuple(sorted({w for u in found for w in u.result.warnings})),
    )
