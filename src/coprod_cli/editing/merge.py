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
- Nothing is dropped: evidence is concatenated (an item written twice kept once); every action
  of every file is kept with its status (one written twice kept once), as ``action:`` when
  there is one and under ``actions:`` when there are several (docs/evidence-file.md, 'Actions'),
  and an action one file gives differently from another is listed for the group to settle;
  justifications and notes are kept, each different text once.
- ``assessed_on`` is the latest of the files' dates.  Sign-offs are not carried over: they
  signed one person's view, and the group signs the merged result.
- A line whose value came from a line with a privacy waiver carries the same waiver, and no
  other text: justifications and notes from several files are written one a line, the waived
  one last with its waiver (texts waived for different reasons cannot share one value: refused).
  The merged file's output scan holds each waiver to what it covered in its file.

Nothing here prints; the command prints the differences.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from coprod_cli.editing.merge_sources import (
    Merging,
    Source,
    Text,
    gather,
    gather_assessors,
    load_sources,
    same_unit_and_framework,
)
from coprod_cli.editing.skeleton import framework_line, level_heading, sign_off_example
from coprod_cli.editing.yamltext import comment_text, flow_mapping, key_text, quoted
from coprod_cli.errors import InputError, UsageError
from coprod_cli.framework.load import LoadedFramework
from coprod_cli.framework.resolve import DEFAULT_FRAMEWORK, looks_like_path, resolve_framework
from coprod_cli.i18n import _
from coprod_cli.model.evidence import Action, Assessor, EvidenceItem, person_key
from coprod_cli.model.text import said
from coprod_cli.privacy.guard import WaiverNote
from coprod_cli.privacy.scan import WAIVER_MARKER
from coprod_cli.reading.textfile import real_path
from coprod_cli.reading.yamlread import parse_text
from coprod_cli.scoring.check import cross_check_document


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
    waivers: tuple[WaiverNote, ...] = field(default=(), repr=False)
    """The privacy waivers of the files merged: all that the merged file's waivers may cover."""


# ---- writing -------------------------------------------------------------------------


def _line(text: str, reason: str | None) -> str:
    return f"{text}  # {WAIVER_MARKER} {reason}" if reason else text


def _texts(head: str, items: Sequence[Text], ident: str) -> list[str]:
    """Texts from several files as one value, each waiver kept with its own text and no other.

    Without waivers the texts are joined on one line.  A waiver comment can only end the
    value's last line, so the texts are written one a line (a double-quoted value continued
    with '\\'), the waived one last, carrying its waiver.  Two texts waived for different
    reasons cannot both keep theirs: that is refused rather than one waiver stretched over both.
    """
    reasons = list(dict.fromkeys(item.reason for item in items if item.reason))
    if not reasons:
        return [head + quoted("\n".join(item.text for item in items))]
    if len(reasons) > 1:
        files = " and ".join(dict.fromkeys(item.shown for item in items if item.reason))
        name = head.strip().rstrip(":")
        raise UsageError(
            _(
                "{ident}: the {name} in {files} each carry a privacy waiver of their own, and one merged "
                "'{name}:' can keep only one; give both the same reason, or move one text into the other file, "
                "and merge again",
                ident=ident,
                name=name,
                files=files,
            )
        )
    plain = [item.text for item in items if not item.reason]
    waived = "\n".join(item.text for item in items if item.reason)
    if not plain:
        return [_line(head + quoted(waived), reasons[0])]
    pad = " " * (len(head) - len(head.lstrip()) + 2)
    parts = [_continued(text) for text in plain]
    lines = [f'{head}"{parts[0]}\\n\\', *(f"{pad}{part}\\n\\" for part in parts[1:])]
    return [*lines, _line(f'{pad}{_continued(waived)}"', reasons[0])]


def _continued(text: str) -> str:
    """``text`` escaped for one line of a double-quoted value continued over several lines.

    A continued line's leading spaces are not part of the value, so a leading space is escaped."""
    inner = quoted(text)[1:-1]
    return "\\x20" + inner[1:] if inner.startswith(" ") else inner


def _action_text(action: Action) -> str:
    due = action.due.isoformat() if action.due is not None else None
    changed = action.changed_on.isoformat() if action.changed_on is not None else None
    status = None if action.status == "open" else action.status  # open is the default: old files stay as they were
    fields = {"description": action.description, "owner": action.owner, "due": due, "status": status}
    return flow_mapping(fields | {"changed_on": changed, "reason": action.reason})


def _evidence_text(item: EvidenceItem) -> str:
    day = item.date.isoformat() if item.date is not None else None
    return flow_mapping({"description": item.description, "date": day, "link": item.link})


@dataclass
class _Writer:
    people: list[tuple[Assessor, str | None]]
    lines: list[str] = field(default_factory=list)
    differences: list[Difference] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    rated: int = 0
    agreed: int = 0

    def entry(self, section: str, ident: str, got: Merging | None) -> None:
        self.lines.append(f"  {key_text(ident)}:")
        if got is None:
            self.lines.append("    status: not-assessed")
            return
        order = {person_key(a.name): (n, a) for n, (a, _why) in enumerate(self.people)}
        rated = sorted((order[key], status) for key, (status, _shown, _where) in got.ratings.items())
        ratings = tuple(Rated(a.name, a.role, status) for (_n, a), status in rated)
        status = self._agree(section, ident, got, ratings)
        self.lines.append(f"    status: {status}")
        if ratings:
            if section != "retired":
                self.rated += 1
            self.lines.append("    ratings:")
            for (n, a), given in rated:
                self.lines.append(_line(f"      {key_text(a.name)}: {given}", self.people[n][1]))
        if got.evidence:
            self.lines.append("    evidence:")
            for item, reason in got.evidence:
                self.lines.append(_line(f"      - {_evidence_text(item)}", reason))
        notes = list(got.notes)
        if len(got.actions) == 1:
            only, _shown, reason = got.actions[0]
            self.lines.append(_line(f"    action: {_action_text(only)}", reason))
        elif got.actions:
            self.lines.append("    actions:")
            for action, _shown, reason in got.actions:
                self.lines.append(_line(f"      - {_action_text(action)}", reason))
            self._differing_actions(ident, got)
        for name, items in (("justification", got.justifications), ("notes", notes)):
            if items:
                self.lines += _texts(f"    {name}: ", items, ident)

    def _differing_actions(self, ident: str, got: Merging) -> None:
        """An action (told apart by its description) that files give differently: both are kept."""
        found: dict[str, tuple[str, list[str]]] = {}
        for action, shown, _why in got.actions:
            key = " ".join(action.description.split()).casefold()
            found.setdefault(key, (action.description, []))[1].append(shown)
        for description, files in found.values():
            if len(files) > 1:
                self.notes.append(
                    _(
                        "{ident}: the action '{action}' is written differently in {files}; both are kept "
                        "under 'actions:' — agree one and delete the other",
                        ident=ident,
                        action=description,
                        files=", ".join(dict.fromkeys(files)),
                    )
                )

    def _agree(self, section: str, ident: str, got: Merging, ratings: tuple[Rated, ...]) -> str:
        given = {r.status for r in ratings}
        if len(got.settled) == 1 and set(got.ratings) <= got.by_settled_files:
            status = next(iter(got.settled))  # the group settled it already and no one else rated it
        elif len(given) == 1:
            status = next(iter(given))
        elif not given:
            return "not-assessed"
        else:
            reason = _("views differ")
            if got.settled:
                had = (
                    _("{files} had agreed {status}", files=", ".join(files), status=status)
                    for status, files in got.settled.items()
                )
                reason = _("views differ ({settled})", settled="; ".join(had))
            self.differences.append(Difference(section, ident, ratings, reason))
            return "not-assessed"
        if status == "not-applicable" and not got.justifications:
            reason = _("all say it does not apply, but no file says why: add a 'justification:'")
            self.differences.append(Difference(section, ident, ratings, reason))
            return "not-assessed"
        if section != "retired":
            self.agreed += 1
        return status


def merge(paths: Sequence[Path], shown: Sequence[str], output: Path) -> Merged:
    """Merge the evidence files ``paths`` (named ``shown`` in messages) into the text of ``output``."""
    if len(paths) < 2:
        raise UsageError(_("give at least two files to merge, e.g. coprod merge a.yaml b.yaml -o unit.yaml"))
    sources = load_sources(paths, shown)
    same_unit_and_framework(sources)
    people, problems = gather_assessors(sources)
    merging, more = gather(sources)
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
            _(
                "assessed_on: the files have {days}; the merged file has the latest, {day}",
                days=", ".join(d.isoformat() for d in days),
                day=day.isoformat(),
            )
        )
    signed = [
        _("{file} ({levels})", file=s.shown, levels=", ".join(_level(k) for k in e.sign_off))
        for s, e in zip(sources, evidence, strict=True)
        if e.sign_off
    ]
    if signed:
        notes.append(
            _(
                "sign-offs in {files} are not carried over: they signed one view, "
                "so sign the merged result when the group has agreed it",
                files=", ".join(signed),
            )
        )
    writer.lines += _head(sources, output, loaded, day, people)
    writer.lines.append("targets:")
    for level in fw.levels:
        writer.lines.append(level_heading(level))
        for target in level.targets:
            writer.lines.append(f"  # {comment_text(said(target, 'text'))}")
            writer.entry("targets", target.id, merging.get(("targets", target.id)))
    if fw.enablers:
        writer.lines.append("enablers:")
        for enabler in fw.enablers:
            writer.lines.append(f"  # {comment_text(said(enabler, 'text'))}")
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
        waivers=tuple(w for s in sources for w in s.assessment.waivers),
    )


def _level(number: str) -> str:
    return _("level {number}", number=number)


def _unit_notes(sources: Sequence[Source]) -> list[str]:
    notes = []
    for field_name in ("service", "organisation", "kind"):
        values = {getattr(s.assessment.evidence.unit, field_name) for s in sources} - {None}
        if len(values) > 1:
            notes.append(_("unit {field}: the files differ; the merged file has the first one given", field=field_name))
    return notes


def _head(
    sources: Sequence[Source],
    output: Path,
    loaded: LoadedFramework,
    day: date,
    people: list[tuple[Assessor, str | None]],
) -> list[str]:
    first = sources[0]
    unit = first.assessment.evidence.unit
    model = loaded.model
    how = _(
        "Each target lists everyone's own rating under 'ratings:'. Where all agreed, 'status:' is\n"
        "set to it; where views differ it is left not-assessed for the group to settle together."
    )
    out = [
        "# " + _("Co-production self-assessment for {unit}, merged by coprod from:", unit=comment_text(unit.name)),
        *(f"#   {s.shown}" for s in sources),
        framework_line(model),
        "#",
        *(f"# {line}" for line in how.splitlines()),
        "# " + _("See where views differ with: coprod assess {file}", file=output.name),
        "unit:",
        _line(f"  name: {quoted(unit.name)}", first.reason(("unit", "name"))),
    ]
    for key in ("service", "organisation", "kind"):
        for source in sources:
            value = getattr(source.assessment.evidence.unit, key)
            if value is not None:
                out.append(_line(f"  {key}: {quoted(value)}", source.reason(("unit", key))))
                break
    out += [
        f"framework: {_framework_ref(first, output)}",
        f"assessed_on: {day.isoformat()}",
        "assessors:",
    ]
    for assessor, reason in people:
        out.append(_line(f"  - {flow_mapping({'name': assessor.name, 'role': assessor.role})}", reason))
    out += sign_off_example()
    return out


def _framework_ref(first: Source, output: Path) -> str:
    written = first.assessment.evidence.framework
    if written is None:
        return DEFAULT_FRAMEWORK
    if not looks_like_path(written):
        return key_text(written)
    path, _kind = resolve_framework(written, first.path.parent)
    relative = os.path.relpath(real_path(path, str(path)), real_path(output, str(output)).parent)
    return quoted(relative if relative.startswith(".") else f"./{relative}")


def _check_reads_back(text: str, shown: str, loaded: LoadedFramework) -> None:
    """The merged text must be a valid evidence file; if not, that is a bug, not the user's fault."""
    try:
        cross_check_document(parse_text(text, shown), loaded)
    except InputError as e:
        first = e.problems()[0]
        raise RuntimeError(f"merge produced an invalid file at line {first.line}: {first.message}") from e
