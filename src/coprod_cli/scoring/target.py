"""One target (or enabler) as scored: what the unit recorded for it and each person's rating.

Shared by the scoring rule (:mod:`~coprod_cli.scoring.score`) and the co-assessment
(:mod:`~coprod_cli.scoring.coassess`), which reads the scored targets.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from coprod_cli.model.models import Action, EvidenceItem


@dataclass(frozen=True, slots=True)
class Rating:
    """One person's own status for a target."""

    name: str
    """As written under ``assessors:``."""
    role: str
    status: str
    """Never not-assessed: a not-assessed rating is no rating and is left out."""


RoleCounts = tuple[tuple[str, int], ...]
"""(status, how many gave it), in the order of ``STATUSES``; only statuses given."""


@dataclass(frozen=True, slots=True)
class IdeaRef:
    """A Table 1 idea that helps a target, with the challenge it answers."""

    challenge: str
    text: str


@dataclass(frozen=True, slots=True)
class TargetResult:
    """One target (or enabler) as the unit recorded it."""

    id: str
    text: str
    level: int
    """The level number; 0 for an enabler."""
    status: str
    score: float | None
    """1, 0.5 or 0; None when not applicable."""
    required: bool
    recorded: bool
    """False when the evidence file does not mention it (so it counts as not-assessed)."""
    evidence: tuple[EvidenceItem, ...]
    action: Action | None
    justification: str | None
    notes: str | None
    ideas: tuple[IdeaRef, ...]
    overdue: bool
    """Whether its action was due before the assessment date while it is not met."""
    ratings: tuple[Rating, ...]
    """Each person's own status, in the order the assessors are listed (not-assessed ones left out)."""
    by_role: Mapping[str, RoleCounts]
    """The same ratings counted by role: role → ((status, how many), …), in the order of the roles
    and statuses; only roles that rated it and statuses they gave."""
    plain: str | None = None
    """The framework's plain-words gloss of the target, if it has one (for the easy-read report)."""
