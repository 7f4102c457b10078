"""The levels' part of a framework diff: each level added, removed, retitled, or with a new
threshold, sign-off or text, and the version bump each needs."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from coprod_cli.framework.changes import Change, quote, same, text_edit, text_verb
from coprod_cli.model.models import Level


def level_changes(old: Sequence[Level], new: Sequence[Level]) -> Iterator[Change]:
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
                f"level {number} added: {quote(now.title)} (threshold {now.threshold}%)",
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
                f"level {number} removed: {quote(was.title)} (breaking)",
                f"removing level {number}",
                number,
            )
        elif was is not None and now is not None:
            yield from _one_level(number, was, now)


def _one_level(number: int, was: Level, now: Level) -> Iterator[Change]:
    subject = f"level {number}"
    if not same(was.title, now.title):
        yield Change(
            "level-retitled",
            subject,
            was.title,
            now.title,
            "minor",
            f"level {number} retitled: {quote(was.title)} → {quote(now.title)}",
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
        if not same(a, b):
            yield Change(
                "level-text",
                f"{subject} {name}",
                a,
                b,
                "patch",
                f"level {number} {name} {text_edit(a, b)}",
                f"{text_verb(a, b)} level {number}'s {name}",
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
