"""The levels' part of a framework diff: each level added, removed, retitled, or with a new
threshold, sign-off or text, and the version bump each needs."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from coprod_cli.framework.changes import Change, quote, same, text_change
from coprod_cli.i18n import _
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
                _(
                    "level {number} added: {title} (threshold {threshold}%)",
                    number=number,
                    title=quote(now.title),
                    threshold=now.threshold,
                ),
                _("adding level {number}", number=number),
                number,
            )
        elif now is None and was is not None:
            yield Change(
                "level-removed",
                subject,
                was.title,
                None,
                "major",
                _("level {number} removed: {title} (breaking)", number=number, title=quote(was.title)),
                _("removing level {number}", number=number),
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
            _("level {number} retitled: {old} → {new}", number=number, old=quote(was.title), new=quote(now.title)),
            _("retitling level {number}", number=number),
            number,
        )
    if now.threshold > was.threshold:
        yield Change(
            "level-threshold",
            subject,
            was.threshold,
            now.threshold,
            "major",
            _(
                "level {number} threshold raised from {old}% to {new}% (breaking)",
                number=number,
                old=was.threshold,
                new=now.threshold,
            ),
            _(
                "raising level {number}'s threshold from {old}% to {new}%",
                number=number,
                old=was.threshold,
                new=now.threshold,
            ),
            number,
        )
    elif now.threshold < was.threshold:
        yield Change(
            "level-threshold",
            subject,
            was.threshold,
            now.threshold,
            "minor",
            _(
                "level {number} threshold lowered from {old}% to {new}%",
                number=number,
                old=was.threshold,
                new=now.threshold,
            ),
            _(
                "lowering level {number}'s threshold from {old}% to {new}%",
                number=number,
                old=was.threshold,
                new=now.threshold,
            ),
            number,
        )
    yield from _sign_off_change(number, set(was.sign_off_required), set(now.sign_off_required))
    for name in ("ethos", "responsibility", "summary"):
        a, b = getattr(was, name), getattr(now, name)
        if not same(a, b):
            message, cause = text_change(name, a, b, number=number)
            yield Change("level-text", f"{subject} {name}", a, b, "patch", message, cause, number)


def _sign_off_change(number: int, was: set[str], now: set[str]) -> Iterator[Change]:
    """A sign-off by one person of any listed role: requiring one, or fewer roles, is stricter."""
    if was == now:
        return
    before, after = ", ".join(sorted(was)) or "none", ", ".join(sorted(now)) or "none"  # the JSON's, never translated
    said_before, said_after = ", ".join(sorted(was)) or _("none"), ", ".join(sorted(now)) or _("none")
    stricter = bool(now) and (not was or not now >= was)
    if stricter:
        yield Change(
            "level-sign-off",
            f"level {number}",
            before,
            after,
            "major",
            _(
                "level {number} sign-off required from: {after} (was: {before}) (breaking)",
                number=number,
                after=said_after,
                before=said_before,
            ),
            _("requiring level {number} to be signed off by: {after}", number=number, after=said_after),
            number,
        )
    else:
        yield Change(
            "level-sign-off",
            f"level {number}",
            before,
            after,
            "minor",
            _(
                "level {number} sign-off required from: {after} (was: {before})",
                number=number,
                after=said_after,
                before=said_before,
            ),
            _("easing level {number}'s sign-off to: {after}", number=number, after=said_after),
            number,
        )
