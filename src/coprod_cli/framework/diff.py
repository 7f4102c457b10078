"""What changed between two versions of a framework, and what version bump that needs.

Each change and the bump it alone needs is found by :mod:`~coprod_cli.framework.changes` and
:mod:`~coprod_cli.framework.level_changes`; the version verdict is
:mod:`~coprod_cli.framework.bump`'s.  ``diff`` returns one frozen result; ``render_text`` and
``render_json`` only lay it out.

Two frameworks with different ids given side by side are two frameworks, not two versions of
one: their differences are listed, but no version verdict is given (docs/many-units.md,
'Comparing two frameworks'). Between versions of one file (``--git``, ``check --against``) a new
id is a rename, and a breaking change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from coprod_cli.framework.bump import most, version_verdict
from coprod_cli.framework.changes import Change, enabler_changes, framework_changes, target_changes
from coprod_cli.framework.level_changes import level_changes
from coprod_cli.framework.semver import Bump, BumpKind
from coprod_cli.i18n import N_, _
from coprod_cli.model.models import Framework

_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (N_("Added"), ("target-added", "enabler-added")),
    (N_("Removed"), ("target-removed", "enabler-removed")),
    (N_("Changed"), ("target-moved", "target-reworded", "target-required", "target-plain", "enabler-reworded")),
    (
        N_("Levels"),
        ("level-added", "level-removed", "level-retitled", "level-threshold", "level-sign-off", "level-text"),
    ),
    (N_("Framework"), ("framework-id", "review-months", "framework-text", "guidance")),
)


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
    same_framework: bool = True
    """False for two different frameworks (different ids, not one file's versions): no version is judged."""

    @property
    def breaking(self) -> bool:
        return self.needs == "major"


# ---- comparing -------------------------------------------------------------------


def diff(old: Framework, new: Framework, *, one_framework: bool = True) -> FrameworkDiff:
    """Compare two complete frameworks (a tailored one as resolved).

    ``one_framework`` says they are versions of one framework (one file then and now), so that
    a new id is a rename; otherwise frameworks with different ids are two frameworks.
    """
    same = one_framework or old.id == new.id
    changes: list[Change] = [
        *target_changes(old, new),
        *enabler_changes(old.enablers, new.enablers),
        *level_changes(old.levels, new.levels),
        *framework_changes(old, new, one_framework=same),
    ]
    order = {kind: n for n, (_title, kinds) in enumerate(_GROUPS) for kind in kinds}
    changes.sort(key=lambda c: order[c.kind])  # stable: keeps the order within a group

    new_order = [t.id for level in new.levels for t in level.targets]
    added = tuple(c.subject for c in changes if c.kind == "target-added")
    removed = tuple(c.subject for c in changes if c.kind == "target-removed")
    touched = {c.subject for c in changes if c.kind in ("target-moved", "target-reworded", "target-required")}
    changed = tuple(i for i in new_order if i in touched)

    needs = most("none", *(c.needs for c in changes))
    bump, ok, verdict, suggested = version_verdict(old.version, new.version, needs)
    if not same:
        bump, ok, suggested = None, False, None
        verdict = _(
            "none: '{old}' and '{new}' are two different frameworks, each with versions of its own, so "
            "no version bump is judged. If NEW is OLD given a new id, that rename is a breaking change (a new "
            "major version): compare the file with its committed version, coprod framework diff --git REV FILE",
            old=old.id,
            new=new.id,
        )
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
        same_framework=same,
    )


# ---- rendering -------------------------------------------------------------------


def render_text(d: FrameworkDiff) -> str:
    """Plain words (in the language coprod speaks), one line per change, grouped; ends with the verdict."""
    if d.same_framework:
        lines = [f"{d.old_id} {d.old_version} → {d.new_id} {d.new_version}"]
    else:
        lines = [
            _(
                "Comparing two different frameworks: {old} {old_version} and {new} {new_version}",
                old=d.old_id,
                old_version=d.old_version,
                new=d.new_id,
                new_version=d.new_version,
            ),
            _("What {new} has that differs from {old}:", new=d.new_id, old=d.old_id),
        ]
    for title, kinds in _GROUPS:
        group = [c for c in d.changes if c.kind in kinds]
        if group:
            lines += ["", _(title), *(f"  {c.message}" for c in group)]
    if not d.changes:
        lines += ["", _("No changes to the levels, targets, enablers or guidance.")]
    lines += ["", _("Verdict: {verdict}", verdict=d.verdict)]
    return "\n".join(lines) + "\n"


def render_json(d: FrameworkDiff) -> dict[str, Any]:
    """The diff for scripts: ``added``, ``removed``, ``changed``, ``breaking``, ``version_ok`` and more."""
    return {
        "added": list(d.added),
        "removed": list(d.removed),
        "changed": list(d.changed),
        "breaking": d.breaking,
        "version_ok": d.version_ok if d.same_framework else None,
        "needs": d.needs,
        "bump": d.bump,
        "suggested_version": d.suggested,
        "verdict": d.verdict,
        "same_framework": d.same_framework,
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
