"""What happened to the actions between two assessments of one unit: completed, still open,
dropped, new, and those no longer in the file (docs/many-units.md, 'What happened to the actions').

Used by ``coprod compare``, ``report --since`` / ``--baseline`` (through
:mod:`coprod_cli.rollup.compare`) and ``coprod history`` (a count per version). An earlier
action and a later one are the same action when they are recorded against the same target
(or enabler) and their descriptions are the same once spaces and case are set aside
(docs/evidence-file.md, 'Actions'). Nothing here prints or exits.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date

from coprod_cli.model.evidence import Action
from coprod_cli.scoring.score import Result, TargetResult


@dataclass(frozen=True)
class ActionNote:
    """An action recorded against a target or enabler, as the later file gives it (the earlier
    one for an action no longer in the file)."""

    id: str
    text: str
    level: int
    """0 for an enabler."""
    description: str
    owner: str | None
    due: date | None
    status: str = "open"
    """open, done or dropped."""
    changed_on: date | None = None
    reason: str | None = None
    """Why it was dropped."""
    overdue: bool = False
    """Still open though it was due before the later assessment."""


@dataclass(frozen=True)
class Held:
    """One action as an assessment holds it."""

    key: tuple[str, str]
    """The target's id and the description without its spacing and case."""
    note: ActionNote


@dataclass(frozen=True)
class Plan:
    """An assessment's actions, with what is needed to follow them up."""

    assessed_on: date
    actions: tuple[Held, ...]
    met: frozenset[str]
    """The targets and enablers that are met."""


@dataclass(frozen=True)
class FollowUp:
    """The earlier assessment's actions followed into the later one; each list in the later
    framework's order (targets level by level, then enablers; those no longer in the file in the
    earlier one's)."""

    completed: tuple[ActionNote, ...] = ()
    """Open before and done now (or done since the earlier assessment by its ``changed_on``), or
    open before on a target that was not met then and is met now, whether the later file still
    lists it as open or no longer lists it (as coprod counted them before actions had a status)."""
    still_open: tuple[ActionNote, ...] = ()
    """Open now and recorded before too (open again if it was done or dropped then), on a target
    that did not become met."""
    dropped: tuple[ActionNote, ...] = ()
    """Dropped now and not dropped before."""
    new: tuple[ActionNote, ...] = ()
    """In the later file only, whatever their status."""
    vanished: tuple[ActionNote, ...] = ()
    """Open before and no longer in the file, on a target that did not become met: nobody recorded
    whether they were done or dropped."""

    def __bool__(self) -> bool:
        return bool(self.completed or self.still_open or self.dropped or self.new or self.vanished)


def key_of(ident: str, description: str) -> tuple[str, str]:
    """How an action is told apart from the others of its assessment (docs/evidence-file.md, 'Actions')."""
    return ident, " ".join(description.split()).casefold()


def _recorded(r: Result) -> Iterator[TargetResult]:
    for level in r.levels:
        yield from level.targets
    yield from r.enablers


def _note(t: TargetResult, a: Action, on: date) -> ActionNote:
    return ActionNote(
        t.id, t.text, t.level, a.description, a.owner, a.due, a.status, a.changed_on, a.reason, a.overdue_on(on)
    )


def plan_of(r: Result) -> Plan:
    """Every action of an assessment's targets and enablers (retired targets' are set aside)."""
    recorded = tuple(_recorded(r))
    return Plan(
        r.assessed_on,
        tuple(Held(key_of(t.id, a.description), _note(t, a, r.assessed_on)) for t in recorded for a in t.actions),
        frozenset(t.id for t in recorded if t.status == "met"),
    )


def follow_up(before: Plan, after: Plan) -> FollowUp:
    """What happened to ``before``'s actions by ``after``.

    Two actions with one key in a file are paired with the other file's in the order written.
    """
    waiting: dict[tuple[str, str], list[Held]] = {}
    for h in before.actions:
        waiting.setdefault(h.key, []).append(h)
    lists: dict[str, list[ActionNote]] = {"completed": [], "still_open": [], "dropped": [], "new": []}
    for h in after.actions:
        earlier = waiting.get(h.key)
        was = earlier.pop(0) if earlier else None
        place = _place(was, h, before.assessed_on)
        if place == "still_open" and _became_met(h.key[0], before, after):
            place = "completed"  # as coprod counted it before actions had a status
        if place is not None:
            lists[place].append(replace(h.note, overdue=False) if place == "completed" else h.note)
    vanished: list[ActionNote] = []
    for left in waiting.values():
        for h in left:
            if h.note.status != "open":
                continue  # done or dropped then: said at the earlier assessment already
            if _became_met(h.key[0], before, after):
                lists["completed"].append(replace(h.note, overdue=False))  # as files written before statuses say it
            else:
                vanished.append(replace(h.note, overdue=False))
    return FollowUp(
        completed=tuple(lists["completed"]),
        still_open=tuple(lists["still_open"]),
        dropped=tuple(lists["dropped"]),
        new=tuple(lists["new"]),
        vanished=tuple(vanished),
    )


def _became_met(ident: str, before: Plan, after: Plan) -> bool:
    return ident not in before.met and ident in after.met


def _place(was: Held | None, now: Held, since: date) -> str | None:
    """Which list an action of the later file belongs in, or None (nothing new to say of it)."""
    if was is None:
        return "new"
    status, then = now.note.status, was.note.status
    if status == "open":
        return "still_open"
    if status == "dropped":
        return None if then == "dropped" else "dropped"
    changed = now.note.changed_on
    if then != "done" or (changed is not None and changed > since):
        return "completed"
    return None


@dataclass(frozen=True)
class Counts:
    """How many actions one version completed, dropped, added, left open and no longer lists, against
    the version before it (``coprod history``); every action of the oldest version is new."""

    completed: int
    dropped: int
    new: int
    still_open: int
    gone: int

    def __bool__(self) -> bool:
        return bool(self.completed or self.dropped or self.new or self.still_open or self.gone)


NO_ACTIONS = Counts(0, 0, 0, 0, 0)
NO_PLAN = Plan(date.min, (), frozenset())
"""What comes before the oldest version: no action at all."""


def counts(before: Plan, after: Plan) -> Counts:
    """What :func:`follow_up` finds, counted."""
    f = follow_up(before, after)
    return Counts(len(f.completed), len(f.dropped), len(f.new), len(f.still_open), len(f.vanished))
