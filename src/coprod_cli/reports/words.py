"""The plain words coprod shows for its codes and numbers, shared by every renderer."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from coprod_cli import i18n
from coprod_cli.errors import Problem
from coprod_cli.i18n import N_, _, n_
from coprod_cli.reports.markdown import Md
from coprod_cli.scoring.coassess import RUNGS, ladder
from coprod_cli.scoring.score import Result

STATUS_WORDS = {
    "met": N_("Met"),
    "partial": N_("Partly met"),
    "not-met": N_("Not met"),
    "not-assessed": N_("Not assessed"),
    "not-applicable": N_("Does not apply"),
}
"""Each status in words, in English: show it with :func:`status_word` (or ``_(STATUS_WORDS[code])``)."""
ROLE_WORDS = {
    "service-user": N_("Service users"),
    "carer": N_("Carers"),
    "staff": N_("Staff"),
    "third-sector": N_("Third sector"),
    "manager": N_("Managers"),
}
"""Each role in words, as a heading for its people, in English: show it with :func:`role_word`."""
ROLE_ONE = {
    "service-user": N_("service user"),
    "carer": N_("carer"),
    "staff": N_("staff"),
    "third-sector": N_("third sector"),
    "manager": N_("manager"),
}
"""One person's role, in a sentence, in English: show it with :func:`role_one`."""


def status_word(code: str) -> str:
    """A status in words in the current language: 'met' → 'Met', "Wedi'i gyflawni"."""
    return _(STATUS_WORDS[code])


def role_word(code: str) -> str:
    """A role's people in the current language: 'carer' → 'Carers', 'Gofalwyr'."""
    return _(ROLE_WORDS[code])


def role_one(code: str) -> str:
    """One person's role in the current language: 'carer' → 'carer', 'gofalwr'."""
    return _(ROLE_ONE[code])


def either(codes: Sequence[str]) -> str:
    """Roles, one of which will do, in the current language: 'staff or manager' (each role in the
    words of :func:`role_word`, in lower case)."""
    said = ""
    for n, code in enumerate(codes):
        word = role_word(code).lower()
        said = word if n == 0 else _("{one} or {other}", one=said, other=word)
    return said


def someone(codes: Sequence[str]) -> str:
    """Someone in one of these roles, in the current language: 'a service user, carer or staff'."""
    words = [role_one(code) for code in codes]
    listed = words[0] if len(words) == 1 else _("{some} or {last}", some=", ".join(words[:-1]), last=words[-1])
    return _("a {role}", role=listed)


def check_word(code: str) -> str:
    """A warning in a shared report's words, in the current language."""
    return _(CHECK_WORDS.get(code, N_("something in the record to check")))


def day(value: date) -> Md:
    """2026-05-12 → '12 May 2026', '12 Mai 2026' in Welsh."""
    return Md(i18n.day(value))


def percent(value: float | None) -> Md:
    """85.7 → '85.7%', 100.0 → '100%', None → 'n/a'."""
    if value is None:
        return Md(_("n/a"))
    return Md(f"{value:.1f}".removesuffix(".0") + "%")


def bar(value: float | None, width: int = 10) -> Md:
    """A text progress bar, readable in a terminal and on any markdown host."""
    if value is None:
        return Md("░" * width)
    filled = int(value * width // 100)
    return Md("█" * filled + "░" * (width - filled))


def plural(count: int, one: str, many: str | None = None) -> Md:
    """English only: '1 target', '2 targets'.  A message a person reads uses :func:`~coprod_cli.i18n.n_`
    (``ngettext`` in a template), since Welsh has six forms."""
    return Md(f"{count} {one if count == 1 else (many or one + 's')}")


CHECK_WORDS = {
    "claimed-without-evidence": N_("marked met, but no evidence is recorded"),
    "stale-evidence": N_("evidence older than the framework's review period"),
    "evidence-after-assessment": N_("evidence dated after the assessment"),
    "action-overdue": N_("an action past its due date"),
    "cut-by-comment": N_("text that may have been cut short"),
    "sign-off-before-assessment": N_("a sign-off dated before the assessment"),
    "gap-without-action": N_("not fully met, and no action agreed yet"),
    "assessed-in-future": N_("the assessment date is later than today"),
    "level-left-out": N_("none of this level's targets is in the record"),
    "review-due": N_("marked as not applying, and due to be asked again"),
    "waiver-review-due": N_("a privacy waiver due to be checked again"),
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
        words = check_word(w.code)
        name = names.get(w.target or "")
        if name:
            found[_("{target}: {check}", target=name, check=words)] += 1
        else:
            found[words[0].upper() + words[1:] if capital else words] += 1
    return tuple(
        text if n == 1 else n_("{text} ({count} time)", "{text} ({count} times)", n, text=text)
        for text, n in found.items()
    )


def to_ask_again(result: Result) -> tuple[str, ...]:
    """The justifications and waivers past their review date, as a shared report says them
    (docs/evidence-file.md, 'Review dates'): what was said, and what to ask."""
    targets = {t.id: t for t in (*(t for level in result.levels for t in level.targets), *result.enablers)}
    out = []
    for d in result.reviews_due:
        t = targets.get(d.target or "")
        if t is not None:
            out.append(
                _(
                    "{target}: we said it does not apply to us (“{why}”); ask again whether that is still "
                    "so (due {day})",
                    target=t.text,
                    why=" ".join((t.justification or "").split()),
                    day=i18n.day(d.due),
                )
            )
        else:
            out.append(
                _(
                    "The privacy waiver in {file} on line {line}: check that what it covers is still not "
                    "personal data (due {day})",
                    file=d.file,
                    line=d.line,
                    day=i18n.day(d.due),
                )
            )
    return tuple(out)


OUR_READING = N_(
    "The levels, their targets and the Table 1 ideas are the paper's; the threshold a level needs "
    "(80% unless the framework sets another), the scores per status (met 1, partly met ½, not met and "
    "not assessed 0), where each level stands on Arnstein's ladder and which Table 1 idea goes with "
    "which target are coprod's reading of the paper."
)
"""What is the paper's and what is coprod's, in the one sentence every report and docs/scoring.md use
(in English: show it with :func:`our_reading`)."""


def our_reading() -> Md:
    """:data:`OUR_READING` in the current language."""
    return Md(_(OUR_READING))


@dataclass(frozen=True)
class Rung:
    """One place on Arnstein's ladder, in the words every report uses for it (docs/scoring.md, "The ladder")."""

    name: str
    """``doing to``, ``doing for``, ``moving to doing with`` or ``doing with``: the code, as the JSON result has it."""
    where: str
    """The levels it stands for: "below Level 1", "Level 1", "Level 2", "Levels 2 to 3"…"""
    plain: str
    """One sentence for the standard reports and the JSON result."""
    easy: str
    """The same in the easy-read report's words."""
    said: str
    """The name in the current language (``name`` in English)."""


_RUNG_WORDS = {
    "doing to": (
        N_("The service is still “doing to” people: decisions about them are made without them."),
        N_("Staff decide things without you."),
    ),
    "doing for": (
        N_("The service listens and asks for views, but professionals still lead and decide: “doing for” people."),
        N_("Staff ask what you think. But staff still decide."),
    ),
    "moving to doing with": (
        N_(
            "Service users, carers and staff are building the skills and trust to work as partners: "
            "moving to “doing with”, but not there yet."
        ),
        N_("We are learning to decide things together. We are not there yet."),
    ),
    "doing with": (
        N_("Service users, carers and staff work in partnership, “doing with”: nothing about us without us."),
        N_("We all decide things together."),
    ),
}
"""The one source of the ladder's words: (plain, easy read) for each place, in English."""
RUNG_NAMES = {
    "doing to": N_("doing to"),
    "doing for": N_("doing for"),
    "moving to doing with": N_("moving to doing with"),
    "doing with": N_("doing with"),
}
"""Each place's name, in English: show it with :func:`rung_name`."""


def rung_name(name: str) -> str:
    """A place on the ladder in the current language: 'doing with' → 'gwneud gyda phobl'."""
    return _(RUNG_NAMES[name])


def _where(name: str, top: int) -> str:
    if name == "doing to":
        return _("below Level 1")
    if name == "doing for" or top < 2:
        return _("Level {number}", number=1)
    if name == "doing with":
        return _("Level {number}", number=top)
    if top == 3:
        return _("Level {number}", number=2)
    return _("Levels 2 to {last}", last=top - 1)


def rungs(top: int) -> tuple[Rung, ...]:
    """The places a framework of ``top`` levels has on the ladder, from the bottom: "moving to doing
    with" only when there are levels between Level 1 and the top."""
    names = [name for name in RUNGS if name != "moving to doing with" or top > 2]
    if top < 2:
        names.remove("doing with")
    return tuple(
        Rung(name, _where(name, top), _(_RUNG_WORDS[name][0]), _(_RUNG_WORDS[name][1]), rung_name(name))
        for name in names
    )


def rung(attained: int, top: int) -> Rung:
    """The place of a unit at level ``attained`` of ``top`` on the ladder, in words."""
    name = ladder(attained, top).rung
    return next(place for place in rungs(top) if place.name == name)
