"""Two assessments of one unit side by side: what moved between them.

:func:`compare` is used by ``coprod compare OLD NEW`` and by ``coprod report --baseline``
/ ``--since`` (its "since the last assessment" section). Targets are matched by ID, so the
two files may be on different versions of one framework; a different framework is refused.
Two files of different units (docs/many-units.md, 'Which files assess the same unit') are
refused by ``compare`` unless the user says they mean it, and by ``report --baseline``
(docs/many-units.md, 'Comparing two assessments'). The earlier assessment's actions are
followed into the later one by :mod:`coprod_cli.rollup.followup` (docs/many-units.md, 'What
happened to the actions'). Nothing here prints or exits.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from coprod_cli.errors import UsageError, clip
from coprod_cli.i18n import _
from coprod_cli.rollup.followup import ActionNote, FollowUp, follow_up, plan_of
from coprod_cli.rollup.rows import unit_key, unit_words
from coprod_cli.scoring.check import load_evidence
from coprod_cli.scoring.score import LevelResult, Result, TargetResult, score

RANK = {"met": 3, "partial": 2, "not-met": 1, "not-assessed": 0}
"""Better statuses rank higher; not-applicable is outside the order (it is reported apart)."""
IMPROVED, REGRESSED, NOW_NOT_APPLICABLE, NOW_APPLICABLE = (
    "improved",
    "regressed",
    "newly-not-applicable",
    "applies-again",
)


@dataclass(frozen=True)
class LevelChange:
    number: int
    title: str
    threshold: int
    """The threshold in the newer assessment's framework (the older one's if the level is gone)."""
    before: float | None
    after: float | None
    change: float | None
    """``after - before`` in percentage points, exact to one decimal; None if either has no percent."""
    achieved_before: bool
    achieved_after: bool


@dataclass(frozen=True)
class StatusChange:
    """A target or enabler whose status is not what it was."""

    id: str
    text: str
    level: int
    """0 for an enabler."""
    before: str
    after: str
    kind: str
    """improved, regressed, newly-not-applicable or applies-again."""


@dataclass(frozen=True)
class Comparison:
    """What changed from ``before`` to ``after`` (the same unit, assessed twice)."""

    before: Result
    after: Result
    levels: tuple[LevelChange, ...]
    improved: tuple[StatusChange, ...]
    """Targets whose status went up the order met > partial > not-met > not-assessed, in framework order."""
    regressed: tuple[StatusChange, ...]
    newly_not_applicable: tuple[StatusChange, ...]
    applies_again: tuple[StatusChange, ...]
    """Targets marked as not applying before that count now."""
    enablers: tuple[StatusChange, ...]
    """Enablers whose status changed (every kind)."""
    completed: tuple[ActionNote, ...]
    """Actions open before and done now; and, as files written before actions had a status say it,
    open actions no longer in the file on a target that is met now and was not then
    (docs/many-units.md, 'What happened to the actions')."""
    now_overdue: tuple[ActionNote, ...]
    """The open action of each target overdue at the newer assessment that was not overdue at the older one."""
    still_overdue: tuple[ActionNote, ...]
    """The open action of each target overdue at both."""
    new_targets: tuple[str, ...]
    """Targets the newer framework has and the older one did not."""
    dropped_targets: tuple[str, ...]
    """Targets the older framework had and the newer one does not."""
    different_units: bool = False
    """The files assess two different units and the user asked for them to be compared all the same."""
    still_open: tuple[ActionNote, ...] = ()
    """Actions open now that the older assessment recorded too (``overdue`` says which are overdue)."""
    dropped_actions: tuple[ActionNote, ...] = ()
    """Actions dropped since, each with its reason."""
    new_actions: tuple[ActionNote, ...] = ()
    """Actions only the newer assessment records, whatever their status."""
    gone_actions: tuple[ActionNote, ...] = ()
    """Actions open at the older assessment that the newer file no longer lists, on a target not met since."""

    @property
    def followed_up(self) -> bool:
        """Either assessment has an action to say something of ("We said we would… — what happened")."""
        return bool(self.completed or self.still_open or self.dropped_actions or self.new_actions or self.gone_actions)

    @property
    def same_framework(self) -> bool:
        """Both were scored against exactly the same framework content."""
        return self.before.framework.sha256 == self.after.framework.sha256

    @property
    def days(self) -> int:
        """Days from the older assessment to the newer one (negative if 'after' is dated first)."""
        return (self.after.assessed_on - self.before.assessed_on).days

    @property
    def same_unit(self) -> bool:
        """Both files name the same unit (docs/many-units.md, 'Which files assess the same unit')."""
        return same_unit(self.before, self.after)

    @property
    def waived_keys(self) -> frozenset[str]:
        return self.before.waived_keys | self.after.waived_keys


Since = Comparison
"""What ``report --baseline`` / ``--since`` adds to the gap report."""


def same_unit(before: Result, after: Result) -> bool:
    """Whether both results assess one unit: the same name and organisation, as unit_key compares them."""
    return unit_key(before.unit_name, before.unit_organisation) == unit_key(after.unit_name, after.unit_organisation)


def other_unit(before: Result, after: Result, fix: str) -> UsageError:
    """The refusal to compare assessments of two different units, ending with ``fix``."""

    def unit(r: Result) -> str:
        return f"'{clip(unit_words(r.unit_name, r.unit_organisation), 80)}'"

    values = {"before": before.file, "unit_before": unit(before), "after": after.file, "unit_after": unit(after)}
    if unit_key(before.unit_name, None) == unit_key(after.unit_name, None):
        return UsageError(
            _(
                "cannot compare: {before} assesses {unit_before} and {after} assesses {unit_after}, two different "
                "units (the same name, but not the same organisation: if they are one unit, give both files the "
                "same one); {fix}",
                fix=fix,
                **values,
            )
        )
    return UsageError(
        _(
            "cannot compare: {before} assesses {unit_before} and {after} assesses {unit_after}, two different "
            "units; {fix}",
            fix=fix,
            **values,
        )
    )


def _targets(r: Result) -> Iterator[TargetResult]:
    for level in r.levels:
        yield from level.targets


def kind_of(before: str, after: str) -> str | None:
    """How a status moved, or None if it did not."""
    if before == after:
        return None
    if after == "not-applicable":
        return NOW_NOT_APPLICABLE
    if before == "not-applicable":
        return NOW_APPLICABLE
    return IMPROVED if RANK[after] > RANK[before] else REGRESSED


def _change(before: float | None, after: float | None) -> float | None:
    if before is None or after is None:
        return None
    return float(Fraction(str(after)) - Fraction(str(before)))


def _level(number: int, old: LevelResult | None, new: LevelResult | None) -> LevelChange:
    named = new or old
    assert named is not None  # one of them always exists
    return LevelChange(
        number=number,
        title=named.title,
        threshold=named.threshold,
        before=old.percent if old else None,
        after=new.percent if new else None,
        change=_change(old.percent if old else None, new.percent if new else None),
        achieved_before=old.achieved if old else False,
        achieved_after=new.achieved if new else False,
    )


def _note(t: TargetResult) -> ActionNote:
    assert t.action is not None
    a = t.action
    return ActionNote(t.id, t.text, t.level, a.description, a.owner, a.due, overdue=True)


def compare(before: Result, after: Result, *, different_units: bool = False) -> Comparison:
    """Compare two assessments of one unit; refuses two different frameworks.

    ``different_units`` says the user knows the files assess two different units (the caller
    refuses them otherwise, with :func:`other_unit`); it is kept so the outputs can say so, and
    then actions are not compared: one unit's actions say nothing of the other's.
    """
    b, a = before.framework, after.framework
    if b.id != a.id:
        raise UsageError(
            _(
                "cannot compare: {before} is assessed against '{framework_before}' and {after} against "
                "'{framework_after}'; compare two assessments made against the same framework, or move the older "
                "file onto the newer one's framework first: {command}",
                before=before.file,
                framework_before=b.id,
                after=after.file,
                framework_after=a.id,
                command="coprod migrate " + before.file + " --to FRAMEWORK",
            )
        )
    old_levels = {lv.number: lv for lv in before.levels}
    new_levels = {lv.number: lv for lv in after.levels}
    levels = tuple(
        _level(n, old_levels.get(n), new_levels.get(n)) for n in sorted(old_levels.keys() | new_levels.keys())
    )
    old = {t.id: t for t in _targets(before)}
    new = {t.id: t for t in _targets(after)}
    changes: dict[str, list[StatusChange]] = {IMPROVED: [], REGRESSED: [], NOW_NOT_APPLICABLE: [], NOW_APPLICABLE: []}
    for t in _targets(after):
        was = old.get(t.id)
        kind = None if was is None else kind_of(was.status, t.status)
        if was is not None and kind is not None:
            changes[kind].append(StatusChange(t.id, t.text, t.level, was.status, t.status, kind))
    old_enablers = {e.id: e for e in before.enablers}
    enablers = []
    for e in after.enablers:
        was = old_enablers.get(e.id)
        kind = None if was is None else kind_of(was.status, e.status)
        if was is not None and kind is not None:
            enablers.append(StatusChange(e.id, e.text, 0, was.status, e.status, kind))
    apart = different_units and not same_unit(before, after)
    then = {} if apart else {**old, **old_enablers}  # one unit's actions say nothing of another's
    now = {} if apart else {**new, **{e.id: e for e in after.enablers}}
    actions = FollowUp() if apart else follow_up(plan_of(before), plan_of(after))
    overdue = [t for t in now.values() if t.overdue]
    return Comparison(
        before=before,
        after=after,
        levels=levels,
        improved=tuple(changes[IMPROVED]),
        regressed=tuple(changes[REGRESSED]),
        newly_not_applicable=tuple(changes[NOW_NOT_APPLICABLE]),
        applies_again=tuple(changes[NOW_APPLICABLE]),
        enablers=tuple(enablers),
        completed=actions.completed,
        now_overdue=tuple(_note(t) for t in overdue if not (t.id in then and then[t.id].overdue)),
        still_overdue=tuple(_note(t) for t in overdue if t.id in then and then[t.id].overdue),
        new_targets=tuple(ident for ident in new if ident not in old),
        dropped_targets=tuple(ident for ident in old if ident not in new),
        different_units=apart,
        still_open=actions.still_open,
        dropped_actions=actions.dropped,
        new_actions=actions.new,
        gone_actions=actions.vanished,
    )


since = compare


def since_from_file(baseline: Path, after: Result, *, framework: str | None = None, strict: bool = False) -> Comparison:
    """For ``report --baseline OLD.yaml``: the older evidence file read and scored, compared with ``after``.

    A baseline that assesses another unit is refused (docs/many-units.md, 'Comparing two assessments')."""
    before = score(load_evidence(baseline, str(baseline), framework=framework, strict=strict))
    if not same_unit(before, after):
        raise other_unit(before, after, "give an earlier assessment of the same unit as --baseline")
    return compare(before, after)


def since_from_rev(rev: str, unit: Path, after: Result) -> Comparison:
    """For ``report --since REV``: the unit's file as committed at ``rev``, compared with ``after``.

    A framework the file names by path is read as committed at ``rev`` too; a built-in one as
    installed today (see :mod:`coprod_cli.rollup.history`).
    """
    from coprod_cli.rollup.history import result_at  # noqa: PLC0415 - only --since needs git

    return compare(result_at(rev, unit), after)
