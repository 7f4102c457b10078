"""One target (or enabler) as scored: what the unit recorded for it and each person's rating.

Shared by the scoring rule (:mod:`~coprod_cli.scoring.score`) and the co-assessment
(:mod:`~coprod_cli.scoring.coassess`), which reads the scored targets.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from coprod_cli.model.evidence import Action, EvidenceItem, Feedback
from coprod_cli.model.models import Framework
from coprod_cli.model.text import Wording, worded


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
    actions: tuple[Action, ...]
    """Every action recorded for it, open, done or dropped, in the order the file gives them."""
    justification: str | None
    notes: str | None
    ideas: tuple[IdeaRef, ...]
    overdue: bool
    """Whether an open action was due before the assessment date while it is not met."""
    ratings: tuple[Rating, ...]
    """Each person's own status, in the order the assessors are listed (not-assessed ones left out)."""
    by_role: Mapping[str, RoleCounts]
    """The same ratings counted by role: role → ((status, how many), …), in the order of the roles
    and statuses; only roles that rated it and statuses they gave."""
    plain: str | None = None
    """The framework's plain-words gloss of the target, if it has one (for the easy-read report)."""
    feedback: tuple[Feedback, ...] = ()
    """What the "you said, we did" log gives as evidence for it (docs/evidence-file.md, 'You said, we did')."""

    @property
    def action(self) -> Action | None:
        """The action being worked on now: the first open one (docs/evidence-file.md, 'Actions')."""
        return next((a for a in self.actions if a.status == "open"), None)


_IDEAS: dict[int, tuple[Framework, Mapping[str, tuple[IdeaRef, ...]]]] = {}
"""Each framework's :func:`ideas_by_target`, by the framework's identity (kept beside it, so
its id cannot be reused). Frameworks are loaded once per process, so this holds few."""


def ideas_by_target(fw: Framework) -> Mapping[str, tuple[IdeaRef, ...]]:
    """Which Table 1 ideas help each target, in the order the guidance lists them; built once per framework."""
    kept = _IDEAS.get(id(fw))
    if kept is None:
        ideas: dict[str, list[IdeaRef]] = {}
        for challenge in fw.guidance:
            for idea in challenge.ideas:
                for ref in idea.helps:
                    ideas.setdefault(ref, []).append(IdeaRef(_text(challenge, "challenge"), _text(idea, "text")))
        kept = _IDEAS[id(fw)] = (fw, MappingProxyType({ident: tuple(found) for ident, found in ideas.items()}))
    return kept[1]


def _text(item: object, name: str) -> Wording:
    found = worded(item, name)
    assert found is not None  # the model requires it
    return found
