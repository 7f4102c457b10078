"""What changed between two versions of a framework, and what version bump that needs.

A change that can lower a unit's result or invalidate an evidence file (a removed or
moved target, a raised threshold, a newly required target, a removed level or enabler,
a shorter ``review_months``, a new or stricter sign-off, a new framework id) is breaking and needs a major version;
a reworded or added target, enabler or level needs at least a minor one; edits to the
guidance, ethos, summaries or description need a patch.  ``diff`` returns one frozen
result; ``render_text`` and ``render_json`` only lay it out.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from coprod_cli.framework.semver import BUMPS, Bump, BumpKind, SemverError, bump_kind, next_version, parse, satisfies
from coprod_cli.model.models import Challenge, Enabler, Framework, Level, Target

ChangeKind = Literal[
    "framework-id",
    "target-added",
    "target-removed",
    "target-moved",
    "target-reworded",
    "target-required",
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

_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Added", ("target-added", "enabler-added")),
    ("Removed", ("target-removed", "enabler-removed")),
    ("Changed", ("target-moved", "target-reworded", "target-required", "enabler-reworded")),
    ("Levels", ("level-added", "level-removed", "level-retitled", "level-threshold", "level-sign-off", "level-text")),
    ("Framework", ("framework-id", "review-months", "framework-text", "guidance")),
)
_BUMP_WORDS: dict[str, str] = {
    "major": "major",
    "minor": "minor",
    "patch": "a patch",
    "none": "no bump",
    "downgrade": "a step down",
}


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


@dataclass(frozen=True)
class FrameworkDiff:
    """Everything that changed from ``old`` to ``new``, and whether the new version says so."""

    old_id: str
    old_version: str
    new_id: str
    new_version: str
    added: tuple[str, ...]
    """Target IDs only in the new framework, in its order."""
    removed: tuple[str, ...]
    """Target IDs only in the old framework, in its order."""
    changed: tuple[str, ...]
    """Target IDs in both whose text, level or ``required`` changed, in the new framework's order."""
    changes: tuple[Change, ...]
    """Every change, grouped as the text report shows them."""
    needs: Bump
    """The smallest version bump all the changes together need."""
    bump: BumpKind | None
    """How far the version moved; None when either version is not a semantic version."""
    version_ok: bool
    """Whether ``bump`` is at least ``needs`` (never for a version that goes down or is not semver)."""
    verdict: str
    """One line: what the changes need and whether the new version gives it."""
    suggested: str | None
    """The smallest version that would do, when ``version_ok`` is false and one can be named."""

    @property
    def breaking(self) -> bool:
        return self.needs == "major"


# ---- comparing -------------------------------------------------------------------


def _same(a: str | None, b: str | None) -> bool:
    """Equal up to line breaks and runs of spaces (a re-wrapped YAML text is not a reword)."""
    if a is None or b is None:
        return a is b
    return " ".join(a.split()) == " ".join(b.split())


def _quote(text: str) -> str:
    return f'"{" ".join(text.split())}"'


def _targets(fw: Framework) -> dict[str, tuple[Target, int]]:
    return {t.id: (t, level.number) for level in fw.levels for t in level.targets}


def _target_changes(old: Framework, new: Framework) -> Iterator[Change]:
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
                f"{ident} added to level {number} as a required target: {_quote(t.text)} (breaking)",
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
                f"{ident} added to level {number}: {_quote(t.text)}",
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
                f"{ident} removed from level {number}: {_quote(t.text)} (breaking)",
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
        if not _same(was.text, t.text):
            yield Change(
                "target-reworded",
                ident,
                was.text,
                t.text,
                "minor",
                f"{ident} reworded: {_quote(was.text)} → {_quote(t.text)}",
                f"rewording '{ident}'",
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


def _enabler_changes(old: Sequence[Enabler], new: Sequence[Enabler]) -> Iterator[Change]:
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
                f"enabler {ident} added: {_quote(e.text)}",
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
                f"enabler {ident} removed: {_quote(e.text)} (breaking)",
                f"removing enabler '{ident}'",
            )
    for ident, e in after.items():
        was = before.get(ident)
        if was is not None and not _same(was.text, e.text):
            yield Change(
                "enabler-reworded",
                ident,
                was.text,
                e.text,
                "minor",
                f"enabler {ident} reworded: {_quote(was.text)} → {_quote(e.text)}",
                f"rewording enabler '{ident}'",
            )


def _level_changes(old: Sequence[Level], new: Sequence[Level]) -> Iterator[Change]:
    before = {lv.number: lv for lv in old}
    after = {lv.number: lv for lv in new}
    for number in sorted(before.keys() | after.keys()):
        was, now = before.get(number), after.get(number)
        subject = f"level {number}"
        if was is None and now is not None:
            yield Change(
                "level-added",
                subject,
                None,
                now.title,
                "minor",
                f"level {number} added: {_quote(now.title)} (threshold {now.threshold}%)",
                f"adding level {number}",
                number,
            )
        elif now is None and was is not None:
            yield Change(
                "level-removed",
                subject,
                was.title,
                None,
                "major",
                f"level {number} removed: {_quote(was.title)} (breaking)",
                f"removing level {number}",
                number,
            )
        elif was is not None and now is not None:
            yield from _one_level(number, was, now)


def _one_level(number: int, was: Level, now: Level) -> Iterator[Change]:
    subject = f"level {number}"
    if not _same(was.title, now.title):
        yield Change(
            "level-retitled",
            subject,
            was.title,
            now.title,
            "minor",
            f"level {number} retitled: {_quote(was.title)} → {_quote(now.title)}",
            f"retitling level {number}",
            number,
        )
    if now.threshold > was.threshold:
        yield Change(
            "level-threshold",
            subject,
            was.threshold,
            now.threshold,
            "major",
            f"level {number} threshold raised from {was.threshold}% to {now.threshold}% (breaking)",
            f"raising level {number}'s threshold from {was.threshold}% to {now.threshold}%",
            number,
        )
    elif now.threshold < was.threshold:
        yield Change(
            "level-threshold",
            subject,
            was.threshold,
            now.threshold,
            "minor",
            f"level {number} threshold lowered from {was.threshold}% to {now.threshold}%",
            f"lowering level {number}'s threshold from {was.threshold}% to {now.threshold}%",
            number,
        )
    yield from _sign_off_change(number, set(was.sign_off_required), set(now.sign_off_required))
    for name in ("ethos", "responsibility", "summary"):
        a, b = getattr(was, name), getattr(now, name)
        if not _same(a, b):
            yield Change(
                "level-text",
                f"{subject} {name}",
                a,
                b,
                "patch",
                f"level {number} {name} {_text_edit(a, b)}",
                f"{_text_verb(a, b)} level {number}'s {name}",
                number,
            )


def _sign_off_change(number: int, was: set[str], now: set[str]) -> Iterator[Change]:
    """A sign-off by one person of any listed role: requiring one, or fewer roles, is stricter."""
    if was == now:
        return
    before, after = ", ".join(sorted(was)) or "none", ", ".join(sorted(now)) or "none"
    stricter = bool(now) and (not was or not now >= was)
    if stricter:
        yield Change(
            "level-sign-off",
            f"level {number}",
            before,
            after,
            "major",
            f"level {number} sign-off required from: {after} (was: {before}) (breaking)",
            f"requiring level {number} to be signed off by: {after}",
            number,
        )
    else:
        yield Change(
            "level-sign-off",
            f"level {number}",
            before,
            after,
            "minor",
            f"level {number} sign-off required from: {after} (was: {before})",
            f"easing level {number}'s sign-off to: {after}",
            number,
        )


def _text_edit(a: str | None, b: str | None) -> str:
    if a is None and b is not None:
        return f"added: {_quote(b)}"
    if b is None and a is not None:
        return f"removed: {_quote(a)}"
    return f"reworded: {_quote(a or '')} → {_quote(b or '')}"


def _text_verb(a: str | None, b: str | None) -> str:
    return "adding" if a is None else "removing" if b is None else "rewording"


def _framework_changes(old: Framework, new: Framework) -> Iterator[Change]:
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
        if not _same(a, b):
            yield Change(
                "framework-text", name, a, b, "patch", f"{name} {_text_edit(a, b)}", f"{_text_verb(a, b)} the {name}"
            )
    if old.source != new.source:
        yield Change("framework-text", "source", None, None, "patch", "source changed", "changing the source")
    yield from _guidance_changes(old.guidance, new.guidance)


def _guidance_changes(old: Sequence[Challenge], new: Sequence[Challenge]) -> Iterator[Change]:
    def key(c: Challenge) -> str:
        return " ".join(c.challenge.split())

    def ideas(c: Challenge) -> list[tuple[str, tuple[str, ...]]]:
        return [(" ".join(i.text.split()), i.helps) for i in c.ideas]

    before = {key(c): c for c in old}
    after = {key(c): c for c in new}
    for name, c in after.items():
        was = before.get(name)
        if was is None:
            message, cause = f"guidance added: {_quote(c.challenge)}", "adding guidance"
            yield Change("guidance", c.challenge, None, c.challenge, "patch", message, cause)
        elif ideas(was) != ideas(c):
            message, cause = f"guidance ideas changed for {_quote(c.challenge)}", "changing the guidance"
            yield Change("guidance", c.challenge, None, None, "patch", message, cause)
    for name, c in before.items():
        if name not in after:
            message, cause = f"guidance removed: {_quote(c.challenge)}", "removing guidance"
            yield Change("guidance", c.challenge, c.challenge, None, "patch", message, cause)


def diff(old: Framework, new: Framework) -> FrameworkDiff:
    """Compare two complete frameworks (a tailored one as resolved)."""
    changes: list[Change] = []
    if old.id != new.id:
        changes.append(
            Change(
                "framework-id",
                "id",
                old.id,
                new.id,
                "major",
                f"framework id changed from '{old.id}' to '{new.id}': evidence files naming '{old.id}' "
                "no longer find it (breaking)",
                f"changing the framework id from '{old.id}' to '{new.id}'",
            )
        )
    changes += _target_changes(old, new)
    changes += _enabler_changes(old.enablers, new.enablers)
    changes += _level_changes(old.levels, new.levels)
    changes += _framework_changes(old, new)
    order = {kind: n for n, (_, kinds) in enumerate(_GROUPS) for kind in kinds}
    changes.sort(key=lambda c: order[c.kind])  # stable: keeps the order within a group

    new_order = [t.id for level in new.levels for t in level.targets]
    added = tuple(c.subject for c in changes if c.kind == "target-added")
    removed = tuple(c.subject for c in changes if c.kind == "target-removed")
    touched = {c.subject for c in changes if c.kind in ("target-moved", "target-reworded", "target-required")}
    changed = tuple(i for i in new_order if i in touched)

    needs = _most("none", *(c.needs for c in changes))
    bump, ok, verdict, suggested = _verdict(old.version, new.version, needs)
    return FrameworkDiff(
        old_id=old.id,
        old_version=old.version,
        new_id=new.id,
        new_version=new.version,
        added=added,
        removed=removed,
        changed=changed,
        changes=tuple(changes),
        needs=needs,
        bump=bump,
        version_ok=ok,
        verdict=verdict,
        suggested=suggested,
    )


def _most(*bumps: Bump) -> Bump:
    return max(bumps, key=BUMPS.index)


def _verdict(old: str, new: str, needs: Bump) -> tuple[BumpKind | None, bool, str, str | None]:
    head = {
        "major": "breaking change: needs a major version",
        "minor": "needs a minor version",
        "patch": "needs a patch version",
        "none": "no change that needs a new version",
    }[needs]
    try:
        a = parse(old)
    except SemverError as e:
        return None, False, f"{head}, but the old version {e}", None
    try:
        b = parse(new)
    except SemverError as e:
        return None, False, f"{head}, but the new version {e}", None
    bump = bump_kind(a, b)
    ok = satisfies(bump, needs)
    moved = f"{a} → {b}"
    if ok:
        said = f"{moved}: ok" if bump == "none" else f"{moved} is {_BUMP_WORDS[bump]}: ok"
        return bump, True, f"{head} ({said})", None
    suggested = str(next_version(a, _most(needs, "patch")))
    if bump == "downgrade":
        said = f"{moved} goes down"
    elif bump == "none":
        said = f"{moved} is no bump"
    else:
        said = f"{moved} is only {_BUMP_WORDS[bump]}"
    return bump, False, f"{head} ({said}; make it {suggested})", suggested


# ---- rendering -------------------------------------------------------------------


def render_text(d: FrameworkDiff) -> str:
    """Plain English, one line per change, grouped; ends with the verdict."""
    lines = [f"{d.old_id} {d.old_version} → {d.new_id} {d.new_version}"]
    for title, kinds in _GROUPS:
        group = [c for c in d.changes if c.kind in kinds]
        if group:
            lines += ["", title, *(f"  {c.message}" for c in group)]
    if not d.changes:
        lines += ["", "No changes to the levels, targets, enablers or guidance."]
    lines += ["", f"Verdict: {d.verdict}"]
    return "\n".join(lines) + "\n"


def render_json(d: FrameworkDiff) -> dict[str, Any]:
    """The diff for scripts: ``added``, ``removed``, ``changed``, ``breaking``, ``version_ok`` and more."""
    return {
        "added": list(d.added),
        "removed": list(d.removed),
        "changed": list(d.changed),
        "breaking": d.breaking,
        "version_ok": d.version_ok,
        "needs": d.needs,
        "bump": d.bump,
        "suggested_version": d.suggested,
        "verdict": d.verdict,
        "old": {"id": d.old_id, "version": d.old_version},
        "new": {"id": d.new_id, "version": d.new_version},
        "details": [
            {
                "kind": c.kind,
                "subject": c.subject,
                "level": c.level,
                "old": c.old,
                "new": c.new,
                "needs": c.needs,
                "breaking": c.breaking,
                "message": c.message,
            }
            for c in d.changes
        ],
    }
