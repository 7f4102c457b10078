"""Every action of a result, and the same grouped by owner (docs/evidence-file.md, 'Actions').

The ordering and grouping every renderer shows are made here, so templates only lay them out:
actions in framework order (the levels' targets, then the enablers), owners in the order they
first appear with "no owner" last, and within an owner the open actions, then the done, then
the dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from coprod_cli.i18n import N_, _
from coprod_cli.model.evidence import PROGRESS, Action
from coprod_cli.scoring.score import Result, TargetResult

PROGRESS_WORDS = {"open": N_("Open"), "done": N_("Done"), "dropped": N_("Dropped")}
"""An action's status in words; the codes themselves are never translated."""


def progress_word(code: str) -> str:
    """``done`` → "Done", in the language spoken."""
    return _(PROGRESS_WORDS[code])


@dataclass(frozen=True, slots=True)
class ActionRow:
    """One action, with the target or enabler it is for."""

    target: TargetResult
    """The target (``level`` ≥ 1) or enabler (``level`` 0) it belongs to."""
    action: Action
    overdue: bool
    """Still open though due before the assessment, on a target that is not met."""

    @property
    def description(self) -> str:
        return self.action.description

    @property
    def owner(self) -> str | None:
        """The owner as written, spaces tidied; None when there is none."""
        return _tidy(self.action.owner)

    @property
    def due(self) -> date | None:
        return self.action.due

    @property
    def status(self) -> str:
        return self.action.status

    @property
    def changed_on(self) -> date | None:
        return self.action.changed_on

    @property
    def reason(self) -> str | None:
        return self.action.reason


@dataclass(frozen=True, slots=True)
class OwnerActions:
    """One owner's actions: open first (in framework order), then done, then dropped."""

    owner: str | None
    """As first written in the file; None for the actions nobody owns."""
    open: tuple[ActionRow, ...]
    done: tuple[ActionRow, ...]
    dropped: tuple[ActionRow, ...]

    @property
    def rows(self) -> tuple[ActionRow, ...]:
        return self.open + self.done + self.dropped

    @property
    def overdue(self) -> tuple[ActionRow, ...]:
        return tuple(row for row in self.open if row.overdue)


def every_action(result: Result) -> tuple[ActionRow, ...]:
    """Every action of the levels' targets, then of the enablers, in framework order."""
    day = result.assessed_on
    everything = [t for level in result.levels for t in level.targets] + list(result.enablers)
    return tuple(ActionRow(t, a, t.status != "met" and a.overdue_on(day)) for t in everything for a in t.actions)


def by_owner(result: Result) -> tuple[OwnerActions, ...]:
    """Every action grouped by owner (told apart ignoring case and spacing), "no owner" last."""
    groups: dict[str | None, list[ActionRow]] = {}
    names: dict[str | None, str | None] = {}
    for row in every_action(result):
        key = None if row.owner is None else row.owner.casefold()
        names.setdefault(key, row.owner)
        groups.setdefault(key, []).append(row)
    order = [key for key in groups if key is not None] + ([None] if None in groups else [])
    return tuple(
        OwnerActions(names[key], *(tuple(r for r in groups[key] if r.status == s) for s in PROGRESS)) for key in order
    )


def tracked(result: Result) -> bool:
    """Whether the file follows its actions' life: a target with several actions, or an action
    with a status or a date of change. Only then do reports add "Actions by owner"; otherwise the
    gap tables already show every action with its owner and date."""
    for row in every_action(result):
        if len(row.target.actions) > 1 or row.status != "open" or row.changed_on is not None:
            return True
    return False


def _tidy(text: str | None) -> str | None:
    tidy = " ".join(text.split()) if text else ""
    return tidy or None
