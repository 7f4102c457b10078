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
from coprod_cli.i18n import N_, _
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
    """The change in one line of plain words, in the language coprod speaks."""
    cause: str
    """The change as a phrase for a sentence, e.g. "removing 'L1.buddy-system'" (in the language coprod speaks)."""
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


_TEXT_CHANGES: dict[str, tuple[str, str, str, str, str, str]] = {
    # field: (added, removed, reworded, and the same as a phrase: adding, removing, rewording)
    "plain": (
        N_("{ident} plain words added: {new}"),
        N_("{ident} plain words removed: {old}"),
        N_("{ident} plain words reworded: {old} → {new}"),
        N_("adding the plain words of '{ident}'"),
        N_("removing the plain words of '{ident}'"),
        N_("rewording the plain words of '{ident}'"),
    ),
    "title": (
        N_("title added: {new}"),
        N_("title removed: {old}"),
        N_("title reworded: {old} → {new}"),
        N_("adding the title"),
        N_("removing the title"),
        N_("rewording the title"),
    ),
    "description": (
        N_("description added: {new}"),
        N_("description removed: {old}"),
        N_("description reworded: {old} → {new}"),
        N_("adding the description"),
        N_("removing the description"),
        N_("rewording the description"),
    ),
    "ethos": (
        N_("level {number} ethos added: {new}"),
        N_("level {number} ethos removed: {old}"),
        N_("level {number} ethos reworded: {old} → {new}"),
        N_("adding level {number}'s ethos"),
        N_("removing level {number}'s ethos"),
        N_("rewording level {number}'s ethos"),
    ),
    "responsibility": (
        N_("level {number} responsibility added: {new}"),
        N_("level {number} responsibility removed: {old}"),
        N_("level {number} responsibility reworded: {old} → {new}"),
        N_("adding level {number}'s responsibility"),
        N_("removing level {number}'s responsibility"),
        N_("rewording level {number}'s responsibility"),
    ),
    "summary": (
        N_("level {number} summary added: {new}"),
        N_("level {number} summary removed: {old}"),
        N_("level {number} summary reworded: {old} → {new}"),
        N_("adding level {number}'s summary"),
        N_("removing level {number}'s summary"),
        N_("rewording level {number}'s summary"),
    ),
}


def text_change(field: str, a: str | None, b: str | None, **values: object) -> tuple[str, str]:
    """The change of a text ``field`` (a key of ``_TEXT_CHANGES``) from ``a`` to ``b``: its message and cause."""
    added, removed, reworded, adding, removing, rewording = _TEXT_CHANGES[field]
    old, new = quote(a or ""), quote(b or "")
    if a is None and b is not None:
        return _(added, new=new, **values), _(adding, **values)
    if b is None and a is not None:
        return _(removed, old=old, **values), _(removing, **values)
    return _(reworded, old=old, new=new, **values), _(rewording, **values)


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
                _(
                    "{ident} added to level {number} as a required target: {text} (breaking)",
                    ident=ident,
                    number=number,
                    text=quote(t.text),
                ),
                _("adding '{ident}' as a required target", ident=ident),
                number,
            )
        else:
            yield Change(
                "target-added",
                ident,
                None,
                t.text,
                "minor",
                _("{ident} added to level {number}: {text}", ident=ident, number=number, text=quote(t.text)),
                _("adding '{ident}'", ident=ident),
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
                _(
                    "{ident} removed from level {number}: {text} (breaking)",
                    ident=ident,
                    number=number,
                    text=quote(t.text),
                ),
                _("removing '{ident}'", ident=ident),
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
                _("{ident} moved from level {old} to level {new} (breaking)", ident=ident, old=was_number, new=number),
                _("moving '{ident}' from level {old} to level {new}", ident=ident, old=was_number, new=number),
                number,
            )
        if not same(was.text, t.text):
            yield Change(
                "target-reworded",
                ident,
                was.text,
                t.text,
                "minor",
                _("{ident} reworded: {old} → {new}", ident=ident, old=quote(was.text), new=quote(t.text)),
                _("rewording '{ident}'", ident=ident),
                number,
            )
        if not same(was.plain, t.plain):
            message, cause = text_change("plain", was.plain, t.plain, ident=ident)
            yield Change("target-plain", ident, was.plain, t.plain, "patch", message, cause, number)
        if was.required != t.required:
            if t.required:
                yield Change(
                    "target-required",
                    ident,
                    False,
                    True,
                    "major",
                    _(
                        "{ident} is now required: level {number} is not achieved until it is met (breaking)",
                        ident=ident,
                        number=number,
                    ),
                    _("making '{ident}' required", ident=ident),
                    number,
                )
            else:
                yield Change(
                    "target-required",
                    ident,
                    True,
                    False,
                    "minor",
                    _("{ident} is no longer required", ident=ident),
                    _("no longer requiring '{ident}'", ident=ident),
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
                _("enabler {ident} added: {text}", ident=ident, text=quote(e.text)),
                _("adding enabler '{ident}'", ident=ident),
            )
    for ident, e in before.items():
        if ident not in after:
            yield Change(
                "enabler-removed",
                ident,
                e.text,
                None,
                "major",
                _("enabler {ident} removed: {text} (breaking)", ident=ident, text=quote(e.text)),
                _("removing enabler '{ident}'", ident=ident),
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
                _("enabler {ident} reworded: {old} → {new}", ident=ident, old=quote(was.text), new=quote(e.text)),
                _("rewording enabler '{ident}'", ident=ident),
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
            _(
                "framework id changed from '{old}' to '{new}': evidence files naming '{old}' "
                "no longer find it (breaking)",
                old=old.id,
                new=new.id,
            ),
            _("changing the framework id from '{old}' to '{new}'", old=old.id, new=new.id),
        )
    if new.review_months < old.review_months:
        yield Change(
            "review-months",
            "review_months",
            old.review_months,
            new.review_months,
            "major",
            _(
                "review_months shortened from {old} to {new}: evidence goes stale sooner (breaking)",
                old=old.review_months,
                new=new.review_months,
            ),
            _("shortening review_months from {old} to {new}", old=old.review_months, new=new.review_months),
        )
    elif new.review_months > old.review_months:
        yield Change(
            "review-months",
            "review_months",
            old.review_months,
            new.review_months,
            "minor",
            _("review_months lengthened from {old} to {new}", old=old.review_months, new=new.review_months),
            _("lengthening review_months from {old} to {new}", old=old.review_months, new=new.review_months),
        )
    for name in ("title", "description"):
        a, b = getattr(old, name), getattr(new, name)
        if not same(a, b):
            message, cause = text_change(name, a, b)
            yield Change("framework-text", name, a, b, "patch", message, cause)
    if old.source != new.source:
        yield Change("framework-text", "source", None, None, "patch", _("source changed"), _("changing the source"))
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
            message, cause = _("guidance added: {text}", text=quote(c.challenge)), _("adding guidance")
            yield Change("guidance", c.challenge, None, c.challenge, "patch", message, cause)
        elif edits := _idea_edits(was, c, kept):
            message = _("guidance ideas changed for {text}: {edits}", text=quote(c.challenge), edits="; ".join(edits))
            yield Change("guidance", c.challenge, None, None, "patch", message, _("changing the guidance"))
    for name, c in before.items():
        if name not in after:
            message, cause = _("guidance removed: {text}", text=quote(c.challenge)), _("removing guidance")
            yield Change("guidance", c.challenge, c.challenge, None, "patch", message, cause)


def _idea_edits(old: Challenge, new: Challenge, kept: set[str]) -> list[str]:
    """What changed in one challenge's ideas, each as a phrase; empty when nothing did."""

    def ideas(c: Challenge) -> dict[str, tuple[str, ...]]:
        return {" ".join(i.text.split()): tuple(h for h in i.helps if h in kept) for i in c.ideas}

    was, now = ideas(old), ideas(new)
    edits = [_("idea added: {text}", text=quote(text)) for text in now if text not in was]
    edits += [_("idea removed: {text}", text=quote(text)) for text in was if text not in now]
    edits += [
        _(
            "{text} now helps {new} (was {old})",
            text=quote(text),
            new=", ".join(helps) or _("nothing"),
            old=", ".join(was[text]) or _("nothing"),
        )
        for text, helps in now.items()
        if text in was and was[text] != helps
    ]
    if not edits and list(was) != list(now):
        edits.append(_("ideas put in another order"))
    return edits
