"""Each difference between two versions of a framework, with the version bump it alone needs.

A change that can lower a unit's result or invalidate an evidence file (a removed or
moved target, a raised threshold, a newly required target, a removed level or enabler,
a shorter ``review_months``, a new or stricter sign-off, a new framework id) is breaking
and needs a major version; a reworded or added target, enabler or level needs at least a
minor one; edits to the guidance, ethos, summaries, description or a target's plain words need a patch.  The
levels are compared in :mod:`~coprod_cli.framework.level_changes`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from coprod_cli.framework.semver import Bump
from coprod_cli.model.models import Challenge, Enabler, Framework, Target

ChangeKind = Literal[
    "framework-id",
    "target-added",
    "target-removed",
    "target-moved",
    "target-reworded",
    "target-required",
    "target-plain",
    "enabler-added",
    "enabler-removed",
    "enabler-reworded",
    "level-added",
    "level-removed",
    "level-retitled",
    "level-threshold",
    "level-sign-off",
    "level-text",
    "review-months",
    "framework-text",
    "guidance",
]
Value = str | int | bool | None


@dataclass(frozen=True)
class Change:
    """One difference between the two frameworks."""

    kind: ChangeKind
    subject: str
    """The target or enabler ID, ``level N``, or the name of the framework field that changed."""
    old: Value
    """The value before (a text, a number, true/false); None when it did not exist."""
    new: Value
    """The value after; None when it no longer exists."""
    needs: Bump
    """The smallest version bump this change alone needs."""
    message: str
    """The change in one line of plain English."""
    cause: str
    """The change as a phrase for a sentence, e.g. "removing 'L1.buddy-system'"."""
    level: int | None = None
    """The level it happened in (the new one for a moved target)."""

    @property
    def breaking(self) -> bool:
        return self.needs == "major"


# ---- comparing -------------------------------------------------------------------


def same(a: str | None, b: str | None) -> bool:
    """Equal up to line breaks and runs of spaces (a re-wrapped YAML text is not a reword)."""
    if a is None or b is None:
        return a is b
    return " ".join(a.split()) == " ".join(b.split())


def quote(text: str) -> str:
    return f'"{" ".join(text.split())}"'


def text_edit(a: str | None, b: str | None) -> str:
    if a is None and b is not None:
        return f"added: {quote(b)}"
    if b is None and a is not None:
        return f"removed: {quote(a)}"
    return f"reworded: {quote(a or '')} → {quote(b or '')}"


def text_verb(a: str | None, b: str | None) -> str:
    return "adding" if a is None else "removing" if b is None else "rewording"


def _targets(fw: Framework) -> dict[str, tuple[Target, int]]:
    return {t.id: (t, level.number) for level in fw.levels for t in level.targets}


def target_changes(old: Framework, new: Framework) -> Iterator[Change]:
    before, after = _targets(old), _targets(new)
    for ident, (t, number) in after.items():
        if ident in before:
            continue
        if t.required:
            yield Change(
                "target-added",
                ident,
                None,
                t.text,
                "major",
                f"{ident} added to level {number} as a required target: {quote(t.text)} (breaking)",
                f"adding '{ident}' as a required target",
                number,
            )
        else:
            yield Change(
                "target-added",
                ident,
                None,
                t.text,
                "minor",
                f"{ident} added to level {number}: {quote(t.text)}",
                f"adding '{ident}'",
                number,
            )
    for ident, (t, number) in before.items():
        if ident not in after:
            yield Change(
                "target-removed",
                ident,
                t.text,
                None,
                "major",
                f"{ident} removed from level {number}: {quote(t.text)} (breaking)",
                f"removing '{ident}'",
                number,
            )
    for ident, (t, number) in after.items():
        if ident not in before:
            continue
        was, was_number = before[ident]
        if was_number != number:
            yield Change(
                "target-moved",
                ident,
                was_number,
                number,
                "major",
                f"{ident} moved from level {was_number} to level {number} (breaking)",
                f"moving '{ident}' from level {was_number} to level {number}",
                number,
            )
        if not same(was.text, t.text):
            yield Change(
                "target-reworded",
                ident,
                was.text,
                t.text,
                "minor",
                f"{ident} reworded: {quote(was.text)} → {quote(t.text)}",
                f"rewording '{ident}'",
                number,
            )
        if not same(was.plain, t.plain):
            yield Change(
                "target-plain",
                ident,
                was.plain,
                t.plain,
                "patch",
                f"{ident} plain words {text_edit(was.plain, t.plain)}",
                f"{text_verb(was.plain, t.plain)} the plain words of '{ident}'",
                number,
            )
        if was.required != t.required:
            if t.required:
                yield Change(
                    "target-required",
                    ident,
                    False,
                    True,
                    "major",
                    f"{ident} is now required: level {number} is not achieved until it is met (breaking)",
                    f"making '{ident}' required",
                    number,
                )
            else:
                yield Change(
                    "target-required",
                    ident,
                    True,
                    False,
                    "minor",
                    f"{ident} is no longer required",
                    f"no longer requiring '{ident}'",
                    number,
                )


def enabler_changes(old: Sequence[Enabler], new: Sequence[Enabler]) -> Iterator[Change]:
    before = {e.id: e for e in old}
    after = {e.id: e for e in new}
    for ident, e in after.items():
        if ident not in before:
            yield Change(
                "enabler-added",
                ident,
                None,
                e.text,
                "minor",
                f"enabler {ident} added: {quote(e.text)}",
                f"adding enabler '{ident}'",
            )
    for ident, e in before.items():
        if ident not in after:
            yield Change(
                "enabler-removed",
                ident,
                e.text,
                None,
                "major",
                f"enabler {ident} removed: {quote(e.text)} (breaking)",
                f"removing enabler '{ident}'",
            )
    for ident, e in after.items():
        was = before.get(ident)
        if was is not None and not same(was.text, e.text):
            yield Change(
                "enabler-reworded",
                ident,
                was.text,
                e.text,
                "minor",
                f"enabler {ident} reworded: {quote(was.text)} → {quote(e.text)}",
                f"rewording enabler '{ident}'",
            )


def framework_changes(old: Framework, new: Framework, *, one_framework: bool = True) -> Iterator[Change]:
    """The framework's own fields: its id, ``review_months``, title, description, source and guidance.

    A new id is a change (a breaking one) only between versions of ``one_framework``; two
    different frameworks are told apart by their ids (docs/many-units.md, 'Comparing two frameworks').
    """
    if one_framework and old.id != new.id:
        yield Change(
            "framework-id",
            "id",
            old.id,
            new.id,
            "major",
            f"framework id changed from '{old.id}' to '{new.id}': evidence files naming '{old.id}' "
            "no longer find it (breaking)",
            f"changing the framework id from '{old.id}' to '{new.id}'",
        )
    if new.review_months < old.review_months:
        yield Change(
            "review-months",
            "review_months",
            old.review_months,
            new.review_months,
            "major",
            f"review_months shortened from {old.review_months} to {new.review_months}: "
            "evidence goes stale sooner (breaking)",
            f"shortening review_months from {old.review_months} to {new.review_months}",
        )
    elif new.review_months > old.review_months:
        yield Change(
            "review-months",
            "review_months",
            old.review_months,
            new.review_months,
            "minor",
            f"review_months lengthened from {old.review_months} to {new.review_months}",
            f"lengthening review_months from {old.review_months} to {new.review_months}",
        )
    for name in ("title", "description"):
        a, b = getattr(old, name), getattr(new, name)
        if not same(a, b):
            yield Change(
                "framework-text", name, a, b, "patch", f"{name} {text_edit(a, b)}", f"{text_verb(a, b)} the {name}"
            )
    if old.source != new.source:
        yield Change("framework-text", "source", None, None, "patch", "source changed", "changing the source")
    kept = {t.id for level in new.levels for t in level.targets} | {e.id for e in new.enablers}
    yield from _guidance_changes(old.guidance, new.guidance, kept)


def _guidance_changes(old: Sequence[Challenge], new: Sequence[Challenge], kept: set[str]) -> Iterator[Change]:
    """Challenges added or removed, and those whose ideas changed. An idea's link to a target or
    enabler the new framework no longer has is left out of the comparison: that target's
    removal is the change (a tailored framework drops such links itself)."""

    def key(c: Challenge) -> str:
        return " ".join(c.challenge.split())

    before = {key(c): c for c in old}
    after = {key(c): c for c in new}
    for name, c in after.items():
        was = before.get(name)
        if was is None:
            message, cause = f"guidance added: {quote(c.challenge)}", "adding guidance"
            yield Change("guidance", c.challenge, None, c.challenge, "patch", message, cause)
        elif edits := _idea_edits(was, c, kept):
            message = f"guidance ideas changed for {quote(c.challenge)}: {'; '.join(edits)}"
            yield Change("guidance", c.challenge, None, None, "patch", message, "changing the guidance")
    for name, c in before.items():
        if name not in after:
            message, cause = f"guidance removed: {quote(c.challenge)}", "removing guidance"
            yield Change("guidance", c.challenge, c.challenge, None, "patch", message, cause)


def _idea_edits(old: Challenge, new: Challenge, kept: set[str]) -> list[str]:
    """What changed in one challenge's ideas, each as a phrase; empty when nothing did."""

    def ideas(c: Challenge) -> dict[str, tuple[str, ...]]:
        return {" ".join(i.text.split()): tuple(h for h in i.helps if h in kept) for i in c.ideas}

    was, now = ideas(old), ideas(new)
    edits = [f"idea added: {quote(text)}" for text in now if text not in was]
    edits += [f"idea removed: {quote(text)}" for text in was if text not in now]
    edits += [
        f"{quote(text)} now helps {', '.join(helps) or 'nothing'} (was {', '.join(was[text]) or 'nothing'})"
        for text, helps in now.items()
        if text in was and was[text] != helps
    ]
    if not edits and list(was) != list(now):
        edits.append("ideas put in another order")
    return edits
