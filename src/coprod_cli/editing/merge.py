"""``coprod merge``: separate ratings files for one unit put together into the group's one file.

Each person (or each role's group) fills in their own file, e.g. made with
``coprod init --as NAME --role ROLE``.  Merging them gives one evidence file in which every
target carries everyone's own rating under ``ratings:``.  The rules:

- All files must be for the same unit (names compared ignoring case and spacing) and read
  against the same framework: the same id, version and sha256, parents included.
- Assessors are the union of the files' assessors; one person listed in several files is
  fine with the same role and an error with different ones.
- A person's ratings are the entry's ``ratings:`` when it has them; an entry without
  ``ratings:`` counts as the rating of every assessor of its file (a one-person file, or a
  role's group that filled one file together).  A not-assessed rating is no rating.  A person
  rating one target differently in two files is an error.
- The agreed ``status`` is set where every rating agrees; where they differ it is left
  not-assessed for the group to settle, and the difference is listed.  A status a file
  already settled (an entry with ``ratings:`` and an agreed status) is kept when no one else
  rated the target.  Not-applicable needs a justification: when all say not-applicable and no
  file says why, it is left not-assessed too.
- Nothing is dropped: evidence is concatenated (an item written twice kept once); the first
  action is kept as ``action:`` and any different one goes under ``notes:`` (listed as a
  difference); justifications and notes are kept, each different text once.
- ``assessed_on`` is the latest of the files' dates.  Sign-offs are not carried over: they
  signed one person's view, and the group signs the merged result.
- A line whose value came from a line with a privacy waiver carries the same waiver.

Nothing here prints; the command prints the differences.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from coprod_cli.errors import InputError, Problem, UsageError, clip
from coprod_cli.framework.load import DEFAULT_FRAMEWORK, LoadedFramework, looks_like_path, resolve_framework
from coprod_cli.model.models import Action, Assessor, Entry, EvidenceItem, person_key
from coprod_cli.reading.yamlread import Document, PathKey, parse_text
from coprod_cli.scoring.check import Assessment, cross_check_document, load_evidence

SECTIONS = ("targets", "enablers", "retired")
_PLAIN_KEY = re.compile(r"[A-Za-z][A-Za-z0-9._-]*")


@dataclass(frozen=True)
class Rated:
    """One person's rating, as a difference lists it."""

    name: str
    role: str
    status: str


@dataclass(frozen=True)
class Difference:
    """A target left not-assessed for the group to settle."""

    section: str
    ident: str
    ratings: tuple[Rated, ...]
    """Everyone's rating, in the order the assessors are listed."""
    reason: str
    """Why it was left not-assessed, in plain words."""


@dataclass(frozen=True)
class Merged:
    text: str
    """The merged evidence file; it reads back valid."""
    files: tuple[str, ...]
    assessors: int
    rated: int
    """Targets and enablers with at least one rating."""
    agreed: int
    """Of those, how many got an agreed status."""
    differences: tuple[Difference, ...]
    notes: tuple[str, ...]
    """Other things the group should know: kept actions, dates, dropped sign-offs."""


# ---- reading -------------------------------------------------------------------------


@dataclass
class _Source:
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


def _load(paths: Sequence[Path], shown: Sequence[str]) -> list[_Source]:
    seen: dict[Path, str] = {}
    for path, label in zip(paths, shown, strict=True):
        key = path.resolve()
        if key in seen:
            also = "" if seen[key] == label else f" (also as {seen[key]})"
            raise UsageError(f"{label}: given twice{also}; give each file once")
        seen[key] = label
    problems: list[Problem] = []
    sources: list[_Source] = []
    for path, label in zip(paths, shown, strict=True):
        try:
            assessment = load_evidence(path, label)
        except InputError as e:
            problems += e.problems()
            continue
        waived = {w.line: w.reason for w in assessment.waivers if w.file == label}
        sources.append(_Source(assessment, path, label, waived))
    if problems:
        raise InputError(problems)
    return sources


def _fingerprint(fw: LoadedFramework) -> tuple[str, ...]:
    return (fw.id, fw.version, fw.sha256, *(f"{p.id} {p.version} {p.sha256}" for p in fw.parents))


def _same_unit_and_framework(sources: Sequence[_Source]) -> None:
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
                    f"this file is for '{clip(theirs)}' but {first.shown} is for '{clip(name)}'; "
                    "merge only files for the same unit",
                    code="different-unit",
                )
            )
        their_fw = other.assessment.framework
        if _fingerprint(their_fw) != _fingerprint(fw):
            problems.append(
                other.doc.problem(
                    ("framework",),
                    f"this file is read against {their_fw.id} {their_fw.version} (sha256 {their_fw.sha256[:12]}) "
                    f"but {first.shown} against {fw.id} {fw.version} (sha256 {fw.sha256[:12]}); merge only files "
                    f"on the same framework ('coprod migrate {other.shown} --to {fw.ref}' moves this one onto it)",
                    code="different-framework",
                )
            )
    if problems:
        raise InputError(problems)


def _assessors(sources: Sequence[_Source]) -> tuple[list[tuple[Assessor, str | None]], list[Problem]]:
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
                first, where, _ = found[key]
                problems.append(
                    source.doc.problem(
                        ("assessors", n, "role"),
                        f"'{clip(assessor.name)}' is {assessor.role} here but {first.role} in {where}; "
                        "a person takes part in one role, so correct one of the files",
                        code="different-role",
                    )
                )
    return [(assessor, reason) for assessor, _, reason in found.values()], problems


# ---- putting entries together --------------------------------------------------------


@dataclass
class _Merging:
    """Everything the files say about one target or enabler."""

    ratings: dict[str, tuple[str, str, PathKey]] = field(default_factory=dict)
    """Person key → (status, file shown, where it was written)."""
    settled: dict[str, list[str]] = field(default_factory=dict)
    """Agreed statuses of entries that had ratings (a group's decision) → the files that say so."""
    by_settled_files: set[str] = field(default_factory=set)
    """Person keys whose ratings came with such a decision."""
    evidence: list[tuple[EvidenceItem, str | None]] = field(default_factory=list)
    actions: list[tuple[Action, str, str | None]] = field(default_factory=list)
    justifications: list[tuple[str, str | None]] = field(default_factory=list)
    notes: list[tuple[str, str | None]] = field(default_factory=list)


def _add_once(items: list[tuple[str, str | None]], text: str | None, reason: str | None) -> None:
    if text is not None and text.strip() and all(text != have for have, _ in items):
        items.append((text, reason))


def _gather(sources: Sequence[_Source]) -> tuple[dict[tuple[str, str], _Merging], list[Problem]]:
    merging: dict[tuple[str, str], _Merging] = {}
    problems: list[Problem] = []
    for source in sources:
        evidence = source.assessment.evidence
        people = [person_key(a.name) for a in evidence.assessors]
        for section in SECTIONS:
            entries: dict[str, Entry] = getattr(evidence, section)
            for ident, entry in entries.items():
                at: PathKey = (section, ident)
                into = merging.setdefault((section, ident), _Merging())
                if entry.ratings:
                    given = [(person_key(n), s, (*at, "ratings", n)) for n, s in entry.ratings.items()]
                    if entry.status != "not-assessed":
                        into.settled.setdefault(entry.status, []).append(source.shown)
                        into.by_settled_files.update(key for key, _, _ in given)
                elif entry.status != "not-assessed" and not people:
                    problems.append(
                        source.doc.problem(
                            ("assessors",) if ("assessors",) in source.doc.marks else (),
                            "lists nobody under 'assessors:', so merge cannot tell whose ratings its statuses are; "
                            "add the person (or people) who filled it in",
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
                                f"'{clip(name)}' rates '{ident}' {status} here but {before[0]} in {before[1]}; "
                                "a person gives one rating, so correct one of the files",
                                code="conflicting-rating",
                                target=ident,
                            )
                        )
                for n, item in enumerate(entry.evidence):
                    if all(item != have for have, _ in into.evidence):
                        where_item = (*at, "evidence", n)
                        reason = source.reason(*((*where_item, k) for k in ("description", "date", "link")))
                        into.evidence.append((item, reason))
                if entry.action is not None and all(entry.action != have for have, _, _ in into.actions):
                    reason = source.reason(*((*at, "action", k) for k in ("description", "owner", "due")))
                    into.actions.append((entry.action, source.shown, reason))
                _add_once(into.justifications, entry.justification, source.reason((*at, "justification")))
                _add_once(into.notes, entry.notes, source.reason((*at, "notes")))
    return merging, problems


# ---- writing -------------------------------------------------------------------------


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def _key(text: str) -> str:
    return text if _PLAIN_KEY.fullmatch(text) else _quoted(text)


def _comment(text: str) -> str:
    return " ".join(text.split())


def _line(text: str, reason: str | None) -> str:
    return f"{text}  # coprod: not-personal-data {reason}" if reason else text


def _action_text(action: Action) -> str:
    parts = [f"description: {_quoted(action.description)}"]
    if action.owner is not None:
        parts.append(f"owner: {_quoted(action.owner)}")
    if action.due is not None:
        parts.append(f"due: {action.due.isoformat()}")
    return "{" + ", ".join(parts) + "}"


def _evidence_text(item: EvidenceItem) -> str:
    parts = [f"description: {_quoted(item.description)}"]
    if item.date is not None:
        parts.append(f"date: {item.date.isoformat()}")
    if item.link is not None:
        parts.append(f"link: {_quoted(item.link)}")
    return "{" + ", ".join(parts) + "}"


def _other_action(action: Action, shown: str) -> str:
    who = f"; owner {action.owner}" if action.owner else ""
    due = f"; due {action.due.isoformat()}" if action.due else ""
    return f"Another action proposed in {shown}: {action.description}{who}{due}"


@dataclass
class _Writer:
    people: list[tuple[Assessor, str | None]]
    lines: list[str] = field(default_factory=list)
    differences: list[Difference] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    rated: int = 0
    agreed: int = 0

    def entry(self, section: str, ident: str, got: _Merging | None) -> None:
        self.lines.append(f"  {_key(ident)}:")
        if got is None:
            self.lines.append("    status: not-assessed")
            return
        order = {person_key(a.name): (n, a) for n, (a, _) in enumerate(self.people)}
        rated = sorted((order[key], status) for key, (status, _, _) in got.ratings.items())
        ratings = tuple(Rated(a.name, a.role, status) for (_, a), status in rated)
        status = self._agree(section, ident, got, ratings)
        self.lines.append(f"    status: {status}")
        if ratings:
            if section != "retired":
                self.rated += 1
            self.lines.append("    ratings:")
            for (n, a), given in rated:
                self.lines.append(_line(f"      {_key(a.name)}: {given}", self.people[n][1]))
        if got.evidence:
            self.lines.append("    evidence:")
            for item, reason in got.evidence:
                self.lines.append(_line(f"      - {_evidence_text(item)}", reason))
        notes = list(got.notes)
        if got.actions:
            first, _, reason = got.actions[0]
            self.lines.append(_line(f"    action: {_action_text(first)}", reason))
            for other, shown, other_reason in got.actions[1:]:
                notes.append((_other_action(other, shown), other_reason))
            if len(got.actions) > 1:
                files = ", ".join(dict.fromkeys(shown for _, shown, _ in got.actions))
                self.notes.append(
                    f"{ident}: different actions in {files}; the first is kept as 'action:', "
                    "the others under 'notes:' — agree one"
                )
        for name, items in (("justification", got.justifications), ("notes", notes)):
            if items:
                reasons = [r for _, r in items if r]
                text = "\n".join(text for text, _ in items)
                self.lines.append(_line(f"    {name}: {_quoted(text)}", reasons[0] if reasons else None))

    def _agree(self, section: str, ident: str, got: _Merging, ratings: tuple[Rated, ...]) -> str:
        given = {r.status for r in ratings}
        if len(got.settled) == 1 and set(got.ratings) <= got.by_settled_files:
            status = next(iter(got.settled))  # the group settled it already and no one else rated it
        elif len(given) == 1:
            status = next(iter(given))
        elif not given:
            return "not-assessed"
        else:
            reason = "views differ"
            if got.settled:
                had = (f"{', '.join(files)} had agreed {status}" for status, files in got.settled.items())
                reason += f" ({'; '.join(had)})"
            self.differences.append(Difference(section, ident, ratings, reason))
            return "not-assessed"
        if status == "not-applicable" and not got.justifications:
            reason = "all say it does not apply, but no file says why: add a 'justification:'"
            self.differences.append(Difference(section, ident, ratings, reason))
            return "not-assessed"
        if section != "retired":
            self.agreed += 1
        return status


def merge(paths: Sequence[Path], shown: Sequence[str], output: Path) -> Merged:
    """Merge the evidence files ``paths`` (named ``shown`` in messages) into the text of ``output``."""
    if len(paths) < 2:
        raise UsageError("give at least two files to merge, e.g. coprod merge a.yaml b.yaml -o unit.yaml")
    sources = _load(paths, shown)
    _same_unit_and_framework(sources)
    people, problems = _assessors(sources)
    merging, more = _gather(sources)
    if problems or more:
        raise InputError([*problems, *more])
    first = sources[0]
    loaded = first.assessment.framework
    fw = loaded.model
    evidence = [s.assessment.evidence for s in sources]
    day = max(e.assessed_on for e in evidence)
    writer = _Writer(people)
    notes: list[str] = []
    days = sorted({e.assessed_on for e in evidence})
    if len(days) > 1:
        notes.append(
            f"assessed_on: the files have {', '.join(d.isoformat() for d in days)}; "
            f"the merged file has the latest, {day.isoformat()}"
        )
    signed = [
        f"{s.shown} (level {', level '.join(e.sign_off)})" for s, e in zip(sources, evidence, strict=True) if e.sign_off
    ]
    if signed:
        notes.append(
            f"sign-offs in {', '.join(signed)} are not carried over: they signed one view, "
            "so sign the merged result when the group has agreed it"
        )
    writer.lines += _head(sources, output, loaded, day, people)
    writer.lines.append("targets:")
    for level in fw.levels:
        writer.lines.append(f"  # ---- Level {level.number}: {_comment(level.title)} ----")
        for target in level.targets:
            writer.lines.append(f"  # {_comment(target.text)}")
            writer.entry("targets", target.id, merging.get(("targets", target.id)))
    if fw.enablers:
        writer.lines.append("enablers:")
        for enabler in fw.enablers:
            writer.lines.append(f"  # {_comment(enabler.text)}")
            writer.entry("enablers", enabler.id, merging.get(("enablers", enabler.id)))
    retired = [ident for (section, ident) in merging if section == "retired"]
    if retired:
        writer.lines.append("retired:")
        for ident in retired:
            writer.entry("retired", ident, merging[("retired", ident)])
    text = "\n".join(writer.lines) + "\n"
    _check_reads_back(text, str(output), loaded)
    return Merged(
        text=text,
        files=tuple(s.shown for s in sources),
        assessors=len(people),
        rated=writer.rated,
        agreed=writer.agreed,
        differences=tuple(writer.differences),
        notes=(*writer.notes, *notes, *_unit_notes(sources)),
    )


def _unit_notes(sources: Sequence[_Source]) -> list[str]:
    notes = []
    for field_name in ("service", "organisation"):
        values = {getattr(s.assessment.evidence.unit, field_name) for s in sources} - {None}
        if len(values) > 1:
            notes.append(f"unit {field_name}: the files differ; the merged file has the first one given")
    return notes


def _head(
    sources: Sequence[_Source],
    output: Path,
    loaded: LoadedFramework,
    day: date,
    people: list[tuple[Assessor, str | None]],
) -> list[str]:
    first = sources[0]
    unit = first.assessment.evidence.unit
    model = loaded.model
    out = [
        f"# Co-production self-assessment for {_comment(unit.name)}, merged by coprod from:",
        *(f"#   {s.shown}" for s in sources),
        f"# Framework: {model.id} {model.version} — {_comment(model.title)}",
        "#",
        "# Each target lists everyone's own rating under 'ratings:'. Where all agreed, 'status:' is",
        "# set to it; where views differ it is left not-assessed for the group to settle together.",
        f"# See where views differ with: coprod assess {output.name}",
        "unit:",
        _line(f"  name: {_quoted(unit.name)}", first.reason(("unit", "name"))),
    ]
    for key in ("service", "organisation"):
        for source in sources:
            value = getattr(source.assessment.evidence.unit, key)
            if value is not None:
                out.append(_line(f"  {key}: {_quoted(value)}", source.reason(("unit", key))))
                break
    out += [
        f"framework: {_framework_ref(first, output)}",
        f"assessed_on: {day.isoformat()}",
        "assessors:",
    ]
    for assessor, reason in people:
        out.append(_line(f"  - {{name: {_quoted(assessor.name)}, role: {assessor.role}}}", reason))
    out += [
        "# When the group agrees a level's result, those who agree sign it off, e.g.",
        "# sign_off:",
        '#   1: [{name: "First name or initials", date: 2026-10-14}]',
    ]
    return out


def _framework_ref(first: _Source, output: Path) -> str:
    written = first.assessment.evidence.framework
    if written is None:
        return DEFAULT_FRAMEWORK
    if not looks_like_path(written):
        return _key(written)
    path, _ = resolve_framework(written, first.path.parent)
    relative = os.path.relpath(path.resolve(), output.resolve().parent)
    return _quoted(relative if relative.startswith(".") else f"./{relative}")


def _check_reads_back(text: str, shown: str, loaded: LoadedFramework) -> None:
    """The merged text must be a valid evidence file; if not, that is a bug, not the user's fault."""
    try:
        cross_check_document(parse_text(text, shown), loaded)
    except InputError as e:
        first = e.problems()[0]
        raise RuntimeError(f"merge produced an invalid file at line {first.line}: {first.message}") from e
