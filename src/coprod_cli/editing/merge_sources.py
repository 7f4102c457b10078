"""The files ``coprod merge`` puts together: read, checked to belong together, and gathered.

Each file is read and checked as any evidence file; then they must be for the same unit and
framework, and each person must have one role and give each target one rating.  What every
file says about each target or enabler is gathered into one :class:`Merging`, everything kept
with the privacy waiver of the line it came from.  The rules are in :mod:`coprod_cli.editing.merge`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from coprod_cli.errors import InputError, Problem, UsageError, clip
from coprod_cli.framework.load import LoadedFramework
from coprod_cli.i18n import _
from coprod_cli.model.evidence import Action, Assessor, Entry, EvidenceItem, person_key
from coprod_cli.reading.textfile import real_path
from coprod_cli.reading.yamlread import Document, PathKey
from coprod_cli.scoring.check import Assessment, load_evidence

SECTIONS = ("targets", "enablers", "retired")


@dataclass
class Source:
    """One file to merge, read and checked."""

    assessment: Assessment
    path: Path
    shown: str
    waived: dict[int, str]
    """Waived line → its reason."""

    @property
    def doc(self) -> Document:
        return self.assessment.doc

    def reason(self, *paths: PathKey) -> str | None:
        """The waiver reason of the first of ``paths`` written on a waived line."""
        for path in paths:
            for mark in (self.doc.marks.get(path), self.doc.key_marks.get(path)):
                if mark is not None and mark.line in self.waived:
                    return self.waived[mark.line]
        return None


def load_sources(paths: Sequence[Path], shown: Sequence[str]) -> list[Source]:
    """Read and check every file (each given once); InputError lists the problems of all of them."""
    seen: dict[Path, str] = {}
    for path, label in zip(paths, shown, strict=True):
        key = real_path(path, label)
        if key in seen:
            if seen[key] == label:
                raise UsageError(_("{file}: given twice; give each file once", file=label))
            raise UsageError(
                _("{file}: given twice (also as {other}); give each file once", file=label, other=seen[key])
            )
        seen[key] = label
    problems: list[Problem] = []
    sources: list[Source] = []
    for path, label in zip(paths, shown, strict=True):
        try:
            assessment = load_evidence(path, label)
        except InputError as e:
            problems += e.problems()
            continue
        waived = {w.line: w.written for w in assessment.waivers if w.file == label}
        sources.append(Source(assessment, path, label, waived))
    if problems:
        raise InputError(problems)
    return sources


def _fingerprint(fw: LoadedFramework) -> tuple[str, ...]:
    return (fw.id, fw.version, fw.sha256, *(f"{p.id} {p.version} {p.sha256}" for p in fw.parents))


def same_unit_and_framework(sources: Sequence[Source]) -> None:
    """Refuse (InputError) files for another unit, or read against another framework, than the first."""
    first = sources[0]
    name = first.assessment.evidence.unit.name
    fw = first.assessment.framework
    problems: list[Problem] = []
    for other in sources[1:]:
        theirs = other.assessment.evidence.unit.name
        if person_key(theirs) != person_key(name):
            problems.append(
                other.doc.problem(
                    ("unit", "name"),
                    _(
                        "this file is for '{theirs}' but {first} is for '{ours}'; merge only files for the same unit",
                        theirs=clip(theirs),
                        first=first.shown,
                        ours=clip(name),
                    ),
                    code="different-unit",
                )
            )
        their_fw = other.assessment.framework
        if _fingerprint(their_fw) != _fingerprint(fw):
            problems.append(
                other.doc.problem(
                    ("framework",),
                    _(
                        "this file is read against {theirs} {their_version} (sha256 {their_sha}) "
                        "but {first} against {ours} {our_version} (sha256 {our_sha}); merge only files "
                        "on the same framework ('coprod migrate {file} --to {ref}' moves this one onto it)",
                        theirs=their_fw.id,
                        their_version=their_fw.version,
                        their_sha=their_fw.sha256[:12],
                        first=first.shown,
                        ours=fw.id,
                        our_version=fw.version,
                        our_sha=fw.sha256[:12],
                        file=other.shown,
                        ref=fw.ref,
                    ),
                    code="different-framework",
                )
            )
    if problems:
        raise InputError(problems)


def gather_assessors(sources: Sequence[Source]) -> tuple[list[tuple[Assessor, str | None]], list[Problem]]:
    """Everyone, in the order first listed, with a waiver reason for their line if it had one."""
    found: dict[str, tuple[Assessor, str, str | None]] = {}
    problems: list[Problem] = []
    for source in sources:
        for n, assessor in enumerate(source.assessment.evidence.assessors):
            key = person_key(assessor.name)
            if key not in found:
                reason = source.reason(("assessors", n, "name"), ("assessors", n, "role"))
                found[key] = (assessor, source.shown, reason)
            elif found[key][0].role != assessor.role:
                first, where, _reason = found[key]
                problems.append(
                    source.doc.problem(
                        ("assessors", n, "role"),
                        _(
                            "'{name}' is {role} here but {other_role} in {file}; "
                            "a person takes part in one role, so correct one of the files",
                            name=clip(assessor.name),
                            role=assessor.role,
                            other_role=first.role,
                            file=where,
                        ),
                        code="different-role",
                    )
                )
    return [(assessor, reason) for assessor, _shown, reason in found.values()], problems


# ---- what each target gets --------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """A justification or note, with the file it came from and the waiver of its line, if any."""

    text: str
    shown: str
    reason: str | None


@dataclass
class Merging:
    """Everything the files say about one target or enabler."""

    ratings: dict[str, tuple[str, str, PathKey]] = field(default_factory=dict)
    """Person key → (status, file shown, where it was written)."""
    settled: dict[str, list[str]] = field(default_factory=dict)
    """Agreed statuses of entries that had ratings (a group's decision) → the files that say so."""
    by_settled_files: set[str] = field(default_factory=set)
    """Person keys whose ratings came with such a decision."""
    evidence: list[tuple[EvidenceItem, str | None]] = field(default_factory=list)
    actions: list[tuple[Action, str, str | None]] = field(default_factory=list)
    justifications: list[Text] = field(default_factory=list)
    notes: list[Text] = field(default_factory=list)


_ACTION_KEYS = ("description", "owner", "due", "status", "changed_on", "reason")
"""An action's keys, each of whose lines may carry a privacy waiver."""


def _add_once(items: list[Text], text: str | None, shown: str, reason: str | None) -> None:
    if text is not None and text.strip() and all(text != have.text for have in items):
        items.append(Text(text, shown, reason))


def gather(sources: Sequence[Source]) -> tuple[dict[tuple[str, str], Merging], list[Problem]]:
    """What the files say about each (section, id), and the ratings that conflict."""
    merging: dict[tuple[str, str], Merging] = {}
    problems: list[Problem] = []
    for source in sources:
        evidence = source.assessment.evidence
        people = [person_key(a.name) for a in evidence.assessors]
        for section in SECTIONS:
            entries: dict[str, Entry] = getattr(evidence, section)
            for ident, entry in entries.items():
                at: PathKey = (section, ident)
                into = merging.setdefault((section, ident), Merging())
                if entry.ratings:
                    given = [(person_key(n), s, (*at, "ratings", n)) for n, s in entry.ratings.items()]
                    if entry.status != "not-assessed":
                        into.settled.setdefault(entry.status, []).append(source.shown)
                        into.by_settled_files.update(key for key, _status, _where in given)
                elif entry.status != "not-assessed" and not people:
                    problems.append(
                        source.doc.problem(
                            ("assessors",) if ("assessors",) in source.doc.marks else (),
                            _(
                                "lists nobody under 'assessors:', so merge cannot tell whose ratings its statuses "
                                "are; add the person (or people) who filled it in"
                            ),
                            code="no-raters",
                        )
                    )
                    given = []
                else:
                    given = [(key, entry.status, (*at, "status")) for key in people]
                for key, status, where in given:
                    if status == "not-assessed":
                        continue
                    before = into.ratings.get(key)
                    if before is None:
                        into.ratings[key] = (status, source.shown, where)
                    elif before[0] != status:
                        name = next(a.name for a in evidence.assessors if person_key(a.name) == key)
                        problems.append(
                            source.doc.problem(
                                where,
                                _(
                                    "'{name}' rates '{ident}' {status} here but {other_status} in {file}; "
                                    "a person gives one rating, so correct one of the files",
                                    name=clip(name),
                                    ident=ident,
                                    status=status,
                                    other_status=before[0],
                                    file=before[1],
                                ),
                                code="conflicting-rating",
                                target=ident,
                            )
                        )
                for n, item in enumerate(entry.evidence):
                    if all(item != have for have, _reason in into.evidence):
                        where_item = (*at, "evidence", n)
                        reason = source.reason(*((*where_item, k) for k in ("description", "date", "link")))
                        into.evidence.append((item, reason))
                keyed = [((*at, "action"), entry.action)] if entry.action is not None else []
                keyed += [((*at, "actions", n), action) for n, action in enumerate(entry.actions)]
                for where_action, action in keyed:
                    if all(action != have for have, _shown, _why in into.actions):
                        reason = source.reason(*((*where_action, k) for k in _ACTION_KEYS))
                        into.actions.append((action, source.shown, reason))
                _add_once(into.justifications, entry.justification, source.shown, source.reason((*at, "justification")))
                _add_once(into.notes, entry.notes, source.shown, source.reason((*at, "notes")))
    return merging, problems
