"""The scoring rule (docs/scoring.md) and the one frozen result every renderer uses.

All arithmetic and ordering happen here; renderers only lay the result out.  The framework's
text in the result (the framework's title, each level's title, ethos, responsibility and summary,
each target's and enabler's text and plain words, Table 1's challenges and ideas) is a
:class:`~coprod_cli.model.text.Wording`: English as a ``str`` (what the JSON result keeps), shown
in the language coprod speaks when it is rendered, so one result renders in Welsh and in English.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from types import MappingProxyType

from coprod_cli.errors import Problem
from coprod_cli.framework.load import FrameworkRef
from coprod_cli.model.evidence import Entry, Evidence, Feedback
from coprod_cli.model.models import ROLES, STATUSES, Level
from coprod_cli.model.text import Wording, worded
from coprod_cli.privacy.guard import WaiverNote
from coprod_cli.scoring import coassess
from coprod_cli.scoring.check import Assessment
from coprod_cli.scoring.coassess import Disagreement, Ladder, People, Quality, Signature
from coprod_cli.scoring.review import ReviewDue
from coprod_cli.scoring.target import IdeaRef, Rating, RoleCounts, TargetResult, ideas_by_target

__all__ = [
    "SCHEMA_VERSION",
    "Disagreement",
    "FrameworkInfo",
    "IdeaRef",
    "Ladder",
    "LevelResult",
    "NextStep",
    "Quality",
    "Rating",
    "Result",
    "RoleCounts",
    "Signature",
    "TargetResult",
    "round_percent",
    "score",
]

SCHEMA_VERSION = 1
_SCORE = {"met": Fraction(1), "partial": Fraction(1, 2), "not-met": Fraction(0), "not-assessed": Fraction(0)}
_NOT_ASSESSED = Entry(status="not-assessed")


@dataclass(frozen=True, slots=True)
class LevelResult:
    number: int
    title: str
    ethos: str | None
    responsibility: str | None
    summary: str | None
    threshold: int
    percent: float | None
    """100 × score / applicable targets, one decimal, halves away from zero; None if none apply."""
    achieved: bool
    counts: Mapping[str, int]
    applicable: int
    score: float
    required_unmet: tuple[str, ...]
    targets: tuple[TargetResult, ...]
    sign_off_required: tuple[str, ...]
    """Roles of whom at least one must sign the level off before it counts as achieved."""
    signed_off: tuple[Signature, ...]
    """Who signed the level off, in the order written."""
    sign_off_missing: bool
    """A sign-off is required and nobody of those roles has signed."""
    awaiting_sign_off: bool
    """The level would be achieved but for the missing sign-off."""


@dataclass(frozen=True, slots=True)
class NextStep:
    """What it would take to achieve the next level."""

    level: int
    title: str
    percent: float | None
    threshold: int
    targets_needed: int
    """The fewest targets that must reach 'met' for the level to be achieved."""
    closest: tuple[str, ...]
    """One such set of fewest targets: required ones first, then the largest gains."""
    nearest_wins: tuple[str, ...]
    """The level's partly met targets, in framework order: each already halfway to met."""
    required: tuple[str, ...]
    """Required targets not yet met (all of them must be)."""
    possible: bool
    """False when the level cannot be achieved even with every applicable target met."""
    sign_off_needed: tuple[str, ...]
    """Roles of whom one must still sign the level off (besides any targets needed)."""
    gaps: Mapping[str, TargetResult] = field(repr=False)
    """The level's applicable targets below met, by ID: where a report finds each of ``closest``
    and ``required`` at once, however many targets the level has."""

    @property
    def other_wins(self) -> tuple[str, ...]:
        """The nearest wins not already in ``closest``: what a report adds after it."""
        taken = set(self.closest)
        return tuple(ident for ident in self.nearest_wins if ident not in taken)


@dataclass(frozen=True, slots=True)
class FrameworkInfo:
    id: str
    version: str
    sha256: str
    title: str
    citation: str | None
    doi: str | None
    review_months: int
    parents: tuple[FrameworkRef, ...]
    """What the framework extends, nearest first."""


@dataclass(frozen=True, slots=True)
class Result:
    """The scored assessment of one unit."""

    file: str
    unit_name: str
    unit_service: str | None
    unit_organisation: str | None
    framework: FrameworkInfo
    assessed_on: date
    attained_level: int
    attained_title: str | None
    top_level: int
    levels: tuple[LevelResult, ...]
    enablers: tuple[TargetResult, ...]
    gaps: tuple[TargetResult, ...]
    known_gaps: tuple[TargetResult, ...]
    """The gaps assessed as partly met or not met: those to act on (docs/scoring.md, 'Gaps')."""
    not_assessed: tuple[TargetResult, ...]
    """The gaps nobody has assessed yet: unknown rather than unmet, so reports keep them apart."""
    assessors: Mapping[str, int]
    warnings: tuple[Problem, ...]
    next_step: NextStep | None
    waivers: tuple[WaiverNote, ...]
    """Lines of the inputs marked as not personal data, with the reason given."""
    waived_keys: frozenset[str] = field(repr=False)
    """What those waivers covered, so an output scan allows it; never shown."""
    retired: tuple[TargetResult, ...]
    """Targets the framework no longer has, kept in the evidence file for the record."""
    focus: tuple[TargetResult, ...]
    """The gaps to work on first (those up to the next level) that Table 1 has ideas for."""
    disagreements: tuple[Disagreement, ...]
    """Targets, then enablers, in framework order, where views differ; a target may show both kinds."""
    voices: Mapping[str, int]
    """Per role, how many targets (of the levels) at least one of its assessors rated."""
    quality: Quality
    """The lint of the assessment itself."""
    ladder: Ladder
    """The attained level on Arnstein's ladder."""
    you_said_we_did: tuple[Feedback, ...]
    """What service users and carers raised and what was done about it, as the file lists it."""
    unit_kind: str | None = None
    """``unit.kind``: what kind of unit it is, if the file says (docs/evidence-file.md, 'The unit')."""
    reviews_due: tuple[ReviewDue, ...] = ()
    """Not-applicable justifications and privacy waivers past their review date (scoring.review)."""

    @property
    def rated(self) -> tuple[TargetResult, ...]:
        """The targets, then the enablers, that carry anyone's own rating."""
        return tuple(t for t in (*(t for lv in self.levels for t in lv.targets), *self.enablers) if t.ratings)

    @property
    def differing(self) -> tuple[tuple[Disagreement, ...], ...]:
        """The disagreements grouped by target (one or two kinds each), in the same order."""
        grouped: dict[str, list[Disagreement]] = {}
        for d in self.disagreements:
            grouped.setdefault(d.target, []).append(d)
        return tuple(tuple(found) for found in grouped.values())

    @property
    def rating_roles(self) -> tuple[str, ...]:
        """Roles whose assessors rated anything, in the order of the roles."""
        seen = {r.role for t in self.rated for r in t.ratings}
        return tuple(role for role in ROLES if role in seen)

    @property
    def user_voice(self) -> bool:
        """Whether any service user or carer took part."""
        return self.assessors["service-user"] + self.assessors["carer"] > 0


def round_percent(value: Fraction) -> float:
    """One decimal place, halves away from zero (6.25 → 6.3), computed exactly."""
    tenths = value * 10
    whole, rest = divmod(abs(tenths.numerator), tenths.denominator)
    if 2 * rest >= tenths.denominator:
        whole += 1
    return (whole if tenths >= 0 else -whole) / 10


def _level_percent(score: Fraction, applicable: int) -> float | None:
    return None if applicable == 0 else round_percent(100 * score / applicable)


def _achieved(percent: float | None, threshold: int, required_unmet: tuple[str, ...]) -> bool:
    return percent is not None and percent >= threshold and not required_unmet


def _next_step(level: LevelResult) -> NextStep:
    """The fewest targets whose meeting achieves ``level`` (docs/scoring.md, 'Next level').

    Every required target below met must be among them; the rest are taken largest gain first
    (unmet before partly met), which needs the fewest since every target weighs the same.
    Known gaps (not met) come before not-assessed ones of the same gain, then framework order.
    """
    gaps = [t for t in level.targets if t.score is not None and t.score < 1]
    required = tuple(t.id for t in gaps if t.required)
    order = [t for t in gaps if t.required]
    order += sorted((t for t in gaps if not t.required), key=lambda t: (t.score or 0, t.status == "not-assessed"))
    score = Fraction(level.score)
    required_left = set(required)
    taken: list[str] = []
    for target in order:
        if not required_left and _achieved(_level_percent(score, level.applicable), level.threshold, ()):
            break
        score += 1 - Fraction(target.score or 0)
        required_left.discard(target.id)
        taken.append(target.id)
    possible = not required_left and _achieved(_level_percent(score, level.applicable), level.threshold, ())
    return NextStep(
        level=level.number,
        title=level.title,
        percent=level.percent,
        threshold=level.threshold,
        targets_needed=len(taken),
        closest=tuple(taken),
        nearest_wins=tuple(t.id for t in gaps if t.status == "partial"),
        required=required,
        possible=possible,
        sign_off_needed=level.sign_off_required if level.sign_off_missing else (),
        gaps=MappingProxyType({t.id: t for t in gaps}),
    )


def score(assessment: Assessment) -> Result:
    """Score an assessment exactly per the contract; never changes its input."""
    fw = assessment.framework.model
    evidence = assessment.evidence
    people = People(evidence.assessors)
    ideas = ideas_by_target(fw)
    plain = {t.id: worded(t, "plain") for level in fw.levels for t in level.targets if t.plain}
    fed: dict[str, list[Feedback]] = {}
    for item in evidence.you_said_we_did:
        for ident in dict.fromkeys(item.targets):
            fed.setdefault(ident, []).append(item)

    def result_for(ident: str, text: str, number: int, required: bool, recorded: Entry | None) -> TargetResult:
        entry = recorded or _NOT_ASSESSED
        points = _SCORE.get(entry.status)
        ratings = coassess.ratings_of(recorded, people)
        return TargetResult(
            id=ident,
            text=text,
            level=number,
            status=entry.status,
            score=None if points is None else float(points),
            required=required,
            recorded=recorded is not None,
            evidence=entry.evidence,
            actions=entry.all_actions,
            justification=entry.justification,
            notes=entry.notes,
            ideas=ideas.get(ident, ()),
            overdue=entry.status != "met"
            and any(
                a.status == "open" and a.due is not None and a.due < evidence.assessed_on for a in entry.all_actions
            ),
            ratings=ratings,
            by_role=coassess.by_role(ratings),
            plain=plain.get(ident),
            feedback=tuple(fed.get(ident, ())),
        )

    levels = tuple(_score_level(level, evidence, people, result_for) for level in fw.levels)
    attained = 0
    for level in levels:
        if not level.achieved:
            break
        attained = level.number
    enablers = tuple(result_for(e.id, _worded(e, "text"), 0, False, evidence.enablers.get(e.id)) for e in fw.enablers)
    gaps = tuple(t for level in levels for t in level.targets if t.score is not None and t.score < 1)
    roles = dict.fromkeys(ROLES, 0)
    for assessor in evidence.assessors:
        roles[assessor.role] += 1
    all_targets = tuple(t for level in levels for t in level.targets)
    applicable = [t for t in all_targets if t.score is not None]
    share = _level_percent(Fraction(sum(1 for t in applicable if t.evidence or t.feedback)), len(applicable))
    loaded = assessment.framework
    source = fw.source
    citation = None
    if source is not None:
        authors = ", ".join(source.authors)
        citation = f"{authors} ({source.year}). {source.title}."
        if source.journal:
            citation += f" {source.journal}."
    return Result(
        file=assessment.doc.path,
        unit_name=evidence.unit.name,
        unit_service=evidence.unit.service,
        unit_organisation=evidence.unit.organisation,
        unit_kind=evidence.unit.kind,
        framework=FrameworkInfo(
            loaded.id,
            loaded.version,
            loaded.sha256,
            _worded(fw, "title"),
            citation,
            source.doi if source else None,
            fw.review_months,
            loaded.parents,
        ),
        assessed_on=evidence.assessed_on,
        attained_level=attained,
        attained_title=levels[attained - 1].title if attained else None,
        top_level=len(levels),
        levels=levels,
        enablers=enablers,
        gaps=gaps,
        known_gaps=tuple(t for t in gaps if t.status != "not-assessed"),
        not_assessed=tuple(t for t in gaps if t.status == "not-assessed"),
        assessors=MappingProxyType(roles),
        warnings=assessment.warnings,
        next_step=_next_step(levels[attained]) if attained < len(levels) else None,
        waivers=tuple(sorted(assessment.waivers)),
        waived_keys=assessment.waived_keys,
        retired=tuple(result_for(ident, "", 0, False, entry) for ident, entry in evidence.retired.items()),
        focus=tuple(t for t in gaps if t.ideas and t.level <= attained + 1),
        disagreements=tuple(d for t in (*all_targets, *enablers) for d in coassess.disagreements_of(t)),
        voices=coassess.voices(all_targets),
        quality=coassess.quality(all_targets, enablers, assessment.warnings, roles, share),
        ladder=coassess.ladder(attained, len(levels)),
        you_said_we_did=evidence.you_said_we_did,
        reviews_due=assessment.reviews,
    )


def _worded(item: object, name: str) -> Wording:
    """A text every item of its kind has (a target's text, a level's title…), with its Welsh."""
    found = worded(item, name)
    assert found is not None  # the model requires it
    return found


_MakeTarget = Callable[[str, str, int, bool, Entry | None], TargetResult]


def _score_level(level: Level, evidence: Evidence, people: People, make: _MakeTarget) -> LevelResult:
    recorded = evidence.targets
    targets = tuple(make(t.id, _worded(t, "text"), level.number, t.required, recorded.get(t.id)) for t in level.targets)
    counts = dict.fromkeys(STATUSES, 0)
    total = Fraction(0)
    applicable = 0
    for t in targets:
        counts[t.status] += 1
        if t.score is not None:
            applicable += 1
            total += Fraction(t.score)
    required_unmet = tuple(t.id for t in targets if t.required and t.score is not None and t.score < 1)
    percent = _level_percent(total, applicable)
    signed = coassess.signatures(evidence, level.number, people)
    missing = coassess.sign_off_missing(level.sign_off_required, signed)
    reached = _achieved(percent, level.threshold, required_unmet)
    return LevelResult(
        number=level.number,
        title=_worded(level, "title"),
        ethos=worded(level, "ethos"),
        responsibility=worded(level, "responsibility"),
        summary=worded(level, "summary"),
        threshold=level.threshold,
        percent=percent,
        achieved=reached and not missing,
        counts=MappingProxyType(counts),
        applicable=applicable,
        score=float(total),
        required_unmet=required_unmet,
        targets=targets,
        sign_off_required=tuple(level.sign_off_required),
        signed_off=signed,
        sign_off_missing=missing,
        awaiting_sign_off=reached and missing,
    )
