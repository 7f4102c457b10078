"""The assessment as a co-produced act: each person's ratings, where views differ, sign-off,
the quality of the assessment itself, and where the unit stands on Arnstein's ladder.

Pure functions over the evidence and the scored targets; ``scoring`` calls them and puts what
they find in the one frozen result.  Nothing here prints or renders.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from coprod_cli.errors import Problem
from coprod_cli.model.evidence import Assessor, Entry, Evidence, person_key
from coprod_cli.model.models import ROLES, STATUSES
from coprod_cli.scoring.target import Rating, RoleCounts, TargetResult

SCALE = {"met": 2, "partial": 1, "not-met": 0}
"""The order ratings are compared on; not-applicable and not-assessed are off it."""
USER_ROLES = ("service-user", "carer")
SPREAD = "spread"
STAFF_PREVAILS = "staff-prevails"


@dataclass(frozen=True, slots=True)
class Disagreement:
    """A target where views differ in a way the group should look at together."""

    target: str
    level: int
    """0 for an enabler."""
    text: str
    agreed: str
    """The status the group agreed (``not-assessed`` while it is not settled)."""
    ratings: tuple[Rating, ...]
    kind: str
    """``spread``: ratings differ by more than one step on met > partial > not-met.
    ``staff-prevails``: the agreed status is above every service-user and carer rating."""


@dataclass(frozen=True, slots=True)
class Signature:
    """An assessor's sign-off of a level."""

    name: str
    role: str
    date: date


@dataclass(frozen=True, slots=True)
class Quality:
    """A lint of the assessment itself: how well it is evidenced, current and shared."""

    applicable_targets: int
    targets_with_evidence: int
    evidence_share: float | None
    """Percent of applicable targets with at least one evidence item, one decimal; None if none apply."""
    stale_evidence: int
    """Evidence items older than review_months before the assessment (targets and enablers)."""
    met_without_evidence: int
    """Targets and enablers marked met with no evidence."""
    roles_missing: tuple[str, ...]
    """Roles with nobody under ``assessors:``."""
    unresolved: tuple[str, ...]
    """Targets and enablers left not-assessed while their ratings differ: for the group to settle."""
    actions_incomplete: int
    """Actions without an owner or a due date."""
    actions_overdue: int
    not_assessed: int
    """Targets (of the levels) not assessed."""

    @property
    def unresolved_disagreements(self) -> int:
        return len(self.unresolved)


@dataclass(frozen=True, slots=True)
class Ladder:
    """The attained level as the paper frames it on Arnstein's ladder of participation."""

    rung: str
    """One of ``RUNGS``: ``doing to``, ``doing for``, ``moving to doing with`` or ``doing with``."""


# ---- ratings -------------------------------------------------------------------------


class People:
    """The assessors of an evidence file, found by any spelling ``person_key`` treats as the same."""

    def __init__(self, assessors: Sequence[Assessor]) -> None:
        self._by_key: dict[str, tuple[int, Assessor]] = {}
        for n, assessor in enumerate(assessors):
            self._by_key.setdefault(person_key(assessor.name), (n, assessor))

    def find(self, name: str) -> tuple[int, Assessor] | None:
        return self._by_key.get(person_key(name))


def ratings_of(entry: Entry | None, people: People) -> tuple[Rating, ...]:
    """An entry's ratings in the order the assessors are listed; not-assessed ones left out."""
    if entry is None:
        return ()
    found: list[tuple[int, Rating]] = []
    for name, status in entry.ratings.items():
        person = people.find(name)
        if person is None or status == "not-assessed":  # unknown names were refused when loading
            continue
        n, assessor = person
        found.append((n, Rating(assessor.name, assessor.role, status)))
    return tuple(rating for _, rating in sorted(found, key=lambda pair: pair[0]))


def by_role(ratings: Iterable[Rating]) -> Mapping[str, RoleCounts]:
    """How the people of each role rated a target, in the order of the roles; only roles that rated it."""
    counts = {role: dict.fromkeys(STATUSES, 0) for role in ROLES}
    for rating in ratings:
        counts[rating.role][rating.status] += 1
    return MappingProxyType(
        {role: tuple((s, n) for s, n in per.items() if n) for role, per in counts.items() if any(per.values())}
    )


def disagreements_of(target: TargetResult) -> tuple[Disagreement, ...]:
    """The kinds of disagreement one target shows: none, one or both."""
    on_scale = [SCALE[r.status] for r in target.ratings if r.status in SCALE]
    kinds: list[str] = []
    if on_scale and max(on_scale) - min(on_scale) > 1:
        kinds.append(SPREAD)
    users = [SCALE[r.status] for r in target.ratings if r.role in USER_ROLES and r.status in SCALE]
    if users and target.status in SCALE and SCALE[target.status] > max(users):
        kinds.append(STAFF_PREVAILS)
    return tuple(
        Disagreement(target.id, target.level, target.text, target.status, target.ratings, kind) for kind in kinds
    )


def unresolved(target: TargetResult) -> bool:
    """Left not-assessed while the ratings differ."""
    return target.status == "not-assessed" and len({r.status for r in target.ratings}) > 1


def voices(targets: Iterable[TargetResult]) -> Mapping[str, int]:
    """Per role, how many targets at least one of its assessors rated."""
    counts = dict.fromkeys(ROLES, 0)
    for target in targets:
        for role in {r.role for r in target.ratings}:
            counts[role] += 1
    return MappingProxyType(counts)


# ---- sign-off ------------------------------------------------------------------------


def signatures(evidence: Evidence, level: int, people: People) -> tuple[Signature, ...]:
    """Who signed a level off, in the order written."""
    found: list[Signature] = []
    for signature in evidence.sign_off.get(str(level), ()):
        person = people.find(signature.name)
        if person is not None:  # unknown names were refused when loading
            found.append(Signature(person[1].name, person[1].role, signature.date))
    return tuple(found)


def sign_off_missing(required: Sequence[str], signed: Sequence[Signature]) -> bool:
    """A level needs a sign-off by someone of one of ``required``'s roles and has none."""
    return bool(required) and not any(s.role in required for s in signed)


# ---- the assessment itself -----------------------------------------------------------


def quality(
    targets: Sequence[TargetResult],
    enablers: Sequence[TargetResult],
    warnings: Sequence[Problem],
    assessors: Mapping[str, int],
    share: float | None,
) -> Quality:
    """``share`` is the evidence share, rounded by the scoring rule (None when no target applies)."""
    applicable = [t for t in targets if t.score is not None]
    everything = [*targets, *enablers]
    actions = [t.action for t in everything if t.action is not None]
    return Quality(
        applicable_targets=len(applicable),
        targets_with_evidence=sum(1 for t in applicable if t.evidence),
        evidence_share=share,
        stale_evidence=sum(1 for w in warnings if w.code == "stale-evidence"),
        met_without_evidence=sum(1 for t in everything if t.status == "met" and not t.evidence),
        roles_missing=tuple(role for role in ROLES if not assessors[role]),
        unresolved=tuple(t.id for t in everything if unresolved(t)),
        actions_incomplete=sum(1 for a in actions if not (a.owner and a.owner.strip()) or a.due is None),
        actions_overdue=sum(1 for t in everything if t.overdue),
        not_assessed=sum(1 for t in targets if t.status == "not-assessed"),
    )


RUNGS = ("doing to", "doing for", "moving to doing with", "doing with")
"""The places on Arnstein's ladder, from the bottom; their words are in ``reports/words.py``."""


def ladder(attained: int, top: int) -> Ladder:
    """Where the attained level stands on the ladder (docs/scoring.md, "The ladder"): below Level 1
    "doing to", Level 1 "doing for", the top level "doing with" (the paper's Level 3, "working in
    partnership"), and any level between them "moving to doing with"."""
    if attained == 0:
        return Ladder("doing to")
    if attained == 1:
        return Ladder("doing for")
    return Ladder("doing with" if attained >= top else "moving to doing with")
