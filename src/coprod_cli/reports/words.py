"""The plain words coprod shows for its codes and numbers, shared by every renderer."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from coprod_cli import i18n
from coprod_cli.errors import Problem
from coprod_cli.reports.markdown import Md
from coprod_cli.scoring.coassess import RUNGS, ladder
from coprod_cli.scoring.score import Result

STATUS_WORDS = {
    "met": "Met",
    "partial": "Partly met",
    "not-met": "Not met",
    "not-assessed": "Not assessed",
    "not-applicable": "Does not apply",
}
ROLE_WORDS = {
    "service-user": "Service users",
    "carer": "Carers",
    "staff": "Staff",
    "third-sector": "Third sector",
    "manager": "Managers",
}


def day(value: date) -> Md:
    """2026-05-12 → '12 May 2026', '12 Mai 2026' in Welsh."""
    return Md(i18n.day(value))


def percent(value: float | None) -> Md:
    """85.7 → '85.7%', 100.0 → '100%', None → 'n/a'."""
    if value is None:
        return Md("n/a")
    return Md(f"{value:.1f}".removesuffix(".0") + "%")


def bar(value: float | None, width: int = 10) -> Md:
    """A text progress bar, readable in a terminal and on any markdown host."""
    if value is None:
        return Md("░" * width)
    filled = int(value * width // 100)
    return Md("█" * filled + "░" * (width - filled))


def plural(count: int, one: str, many: str | None = None) -> Md:
    return Md(f"{count} {one if count == 1 else (many or one + 's')}")


CHECK_WORDS = {
    "claimed-without-evidence": "marked met, but no evidence is recorded",
    "stale-evidence": "evidence older than the framework's review period",
    "evidence-after-assessment": "evidence dated after the assessment",
    "action-overdue": "an action past its due date",
    "cut-by-comment": "text that may have been cut short",
    "sign-off-before-assessment": "a sign-off dated before the assessment",
    "gap-without-action": "not fully met, and no action agreed yet",
    "assessed-in-future": "the assessment date is later than today",
    "level-left-out": "none of this level's targets is in the record",
}
"""A warning in the words of a shared report: what to check, not how to fix the file (the command
prints that, with the file's line and column, on the terminal)."""


def things_to_check(
    warnings: Sequence[Problem], result: Result | None = None, *, capital: bool = True
) -> tuple[str, ...]:
    """Warnings as a shared report says them, without file lines: by target when ``result`` names
    the targets, each once, with how many times it was found when that is more than once; each
    starting with a capital letter unless ``capital`` is false."""
    names: dict[str, str] = {}
    if result is not None:
        names = {t.id: t.text for t in (*(t for level in result.levels for t in level.targets), *result.enablers)}
    found: Counter[str] = Counter()
    for w in warnings:
        words = CHECK_WORDS.get(w.code, "something in the record to check")
        name = names.get(w.target or "")
        if name:
            found[f"{name}: {words}"] += 1
        else:
            found[words[0].upper() + words[1:] if capital else words] += 1
    return tuple(text if n == 1 else f"{text} ({n} times)" for text, n in found.items())


OUR_READING = Md(
    "The levels, their targets and the Table 1 ideas are the paper's; the threshold a level needs "
    "(80% unless the framework sets another), the scores per status (met 1, partly met ½, not met and "
    "not assessed 0), where each level stands on Arnstein's ladder and which Table 1 idea goes with "
    "which target are coprod's reading of the paper."
)
"""What is the paper's and what is coprod's, in the one sentence every report and docs/scoring.md use."""


@dataclass(frozen=True)
class Rung:
    """One place on Arnstein's ladder, in the words every report uses for it (docs/scoring.md, "The ladder")."""

    name: str
    """``doing to``, ``doing for``, ``moving to doing with`` or ``doing with``."""
    where: str
    """The levels it stands for: "below Level 1", "Level 1", "Level 2", "Levels 2 to 3"…"""
    plain: str
    """One sentence for the standard reports and the JSON result."""
    easy: str
    """The same in the easy-read report's words."""


_RUNG_WORDS = {
    "doing to": (
        "The service is still “doing to” people: decisions about them are made without them.",
        "Staff decide things without you.",
    ),
    "doing for": (
        "The service listens and asks for views, but professionals still lead and decide: “doing for” people.",
        "Staff ask what you think. But staff still decide.",
    ),
    "moving to doing with": (
        "Service users, carers and staff are building the skills and trust to work as partners: "
        "moving to “doing with”, but not there yet.",
        "We are learning to decide things together. We are not there yet.",
    ),
    "doing with": (
        "Service users, carers and staff work in partnership, “doing with”: nothing about us without us.",
        "We all decide things together.",
    ),
}
"""The one source of the ladder's words: (plain, easy read) for each place."""


def _where(name: str, top: int) -> str:
    if name == "doing to":
        return "below Level 1"
    if name == "doing for" or top < 2:
        return "Level 1"
    if name == "doing with":
        return f"Level {top}"
    return "Level 2" if top == 3 else f"Levels 2 to {top - 1}"


def rungs(top: int) -> tuple[Rung, ...]:
    """The places a framework of ``top`` levels has on the ladder, from the bottom: "moving to doing
    with" only when there are levels between Level 1 and the top."""
    names = [name for name in RUNGS if name != "moving to doing with" or top > 2]
    if top < 2:
        names.remove("doing with")
    return tuple(Rung(name, _where(name, top), *_RUNG_WORDS[name]) for name in names)


def rung(attained: int, top: int) -> Rung:
    """The place of a unit at level ``attained`` of ``top`` on the ladder, in words."""
    name = ladder(attained, top).rung
    return next(place for place in rungs(top) if place.name == name)
