"""What the interview walks through: every target of the framework, level by level, then every enabler."""

from __future__ import annotations

from dataclasses import dataclass

from coprod_cli.framework.load import LoadedFramework
from coprod_cli.model.text import said

SECTIONS = ("targets", "enablers")
"""The sections of an evidence file the interview fills in."""


@dataclass(frozen=True)
class Step:
    """One target or enabler, in the framework's order: the levels' targets, then the enablers."""

    section: str
    """``targets`` or ``enablers``."""
    ident: str
    text: str
    level: int
    """The level's number; 0 for an enabler."""
    level_title: str
    """The level's title; empty for an enabler."""
    ethos: str | None
    required: bool = False
    """The level is not achieved while this target is below met."""
    plain: str | None = None
    """The framework's plain-words gloss of the target, if it has one."""


def steps_of(fw: LoadedFramework) -> tuple[Step, ...]:
    """Every target, level by level, then every enabler."""
    found = [
        Step(
            "targets",
            t.id,
            said(t, "text"),
            level.number,
            said(level, "title"),
            said(level, "ethos") or None,
            t.required,
            said(t, "plain") or None,
        )
        for level in fw.model.levels
        for t in level.targets
    ]
    found += [Step("enablers", e.id, said(e, "text"), 0, "", None) for e in fw.model.enablers]
    return tuple(found)
