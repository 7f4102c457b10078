"""Load frameworks and evidence files, check them against each other, find warnings."""

from __future__ import annotations

import calendar
import hashlib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path

from .errors import InputError, Problem
from .models import Entry, Evidence, Framework, Level
from .resources import data_dir
from .schema_errors import did_you_mean, then, validate
from .yamlread import Document, PathKey, decode, parse_text, read_bytes

DEFAULT_FRAMEWORK = "rehab-recovery"
_ID = re.compile(r"[a-z0-9][a-z0-9._-]*")


@dataclass(frozen=True)
class LoadedFramework:
    """A checked framework with the facts every output names."""

    model: Framework
    doc: Document
    sha256: str
    """Of the file's exact bytes, so a report names precisely what it was scored against."""

    @property
    def id(self) -> str:
        return self.model.id

    @property
    def version(self) -> str:
        return self.model.version

    @cached_property
    def level_of(self) -> Mapping[str, Level]:
        return {t.id: level for level in self.model.levels for t in level.targets}

    @cached_property
    def enabler_ids(self) -> tuple[str, ...]:
        return tuple(e.id for e in self.model.enablers)


@dataclass(frozen=True)
class Assessment:
    """A valid evidence file together with the framework it is read against."""

    evidence: Evidence
    doc: Document
    framework: LoadedFramework
    warnings: tuple[Problem, ...]


# ---- frameworks ------------------------------------------------------------------


def builtin_frameworks() -> dict[str, Path]:
    """The frameworks shipped with coprod, by id."""
    return {p.stem: p for p in sorted(data_dir("frameworks").glob("*.yaml"))}


def looks_like_path(ref: str) -> bool:
    return "/" in ref or "\\" in ref or ref.endswith((".yaml", ".yml"))


def resolve_framework(ref: str, base: Path, *, problem_at: Problem | None = None) -> tuple[Path, str]:
    """Find the file a framework reference names: a path (relative to ``base``) or an id."""
    if looks_like_path(ref):
        path = Path(ref)
        full = path if path.is_absolute() else base / path
        return full, str(full) if base != Path() else ref
    known = builtin_frameworks()
    if ref in known:
        return known[ref], f"{ref} (built in)"
    message = then(
        f"unknown framework '{ref}'{did_you_mean(ref, known)}",
        f"available: {', '.join(known)}, or give a path to a framework file",
    )
    if problem_at is not None:
        raise InputError([Problem(problem_at.file, problem_at.line, problem_at.column, message, "unknown-framework")])
    raise InputError([Problem("--framework", 0, 0, message, "unknown-framework")])


_CACHE: dict[str, LoadedFramework] = {}


def load_framework(path: Path, shown: str) -> LoadedFramework:
    """Read, validate and check a framework file; parsed once per content."""
    raw = read_bytes(path, shown)
    sha = hashlib.sha256(raw).hexdigest()
    cached = _CACHE.get(sha)
    if cached is not None and cached.doc.path == shown:
        return cached
    doc = parse_text(decode(raw, shown), shown)
    model = validate(Framework, doc)
    problems = list(check_framework(model, doc))
    if problems:
        raise InputError(problems)
    loaded = LoadedFramework(model, doc, sha)
    _CACHE[sha] = loaded
    return loaded


def check_framework(fw: Framework, doc: Document) -> Iterator[Problem]:
    """Rules a framework must keep for scores to mean anything."""
    if not _ID.fullmatch(fw.id):
        yield doc.problem(
            ("id",), f"framework id '{fw.id}' should be lower-case letters, digits and '-', such as 'rehab-recovery'"
        )
    if not fw.levels:
        yield doc.problem(("levels",), "a framework needs at least one level")
    if fw.review_months < 1:
        yield doc.problem(("review_months",), "review_months should be at least 1")
    seen: dict[str, int] = {}
    for i, level in enumerate(fw.levels):
        at = ("levels", i)
        if level.number != i + 1:
            yield doc.problem(
                (*at, "number"), f"level {level.number} is in place {i + 1}; number the levels 1, 2, 3… in order"
            )
        if not 0 <= level.threshold <= 100:
            yield doc.problem(
                (*at, "threshold"), f"threshold {level.threshold} is not a percentage; use a number from 0 to 100"
            )
        if not level.targets:
            yield doc.problem(at, f"level {level.number} has no targets; add at least one under 'targets:'")
        for j, target in enumerate(level.targets):
            yield from _check_id(doc, (*at, "targets", j, "id"), target.id, seen)
    for k, enabler in enumerate(fw.enablers):
        yield from _check_id(doc, ("enablers", k, "id"), enabler.id, seen)
    for c, challenge in enumerate(fw.guidance):
        for d, idea in enumerate(challenge.ideas):
            for h, ref in enumerate(idea.helps):
                if ref not in seen:
                    yield doc.problem(
                        ("guidance", c, "ideas", d, "helps", h),
                        f"'{ref}' is not a target or enabler of this framework{did_you_mean(ref, seen)}",
                        code="unknown-target",
                    )


def _check_id(doc: Document, at: tuple[str | int, ...], ident: str, seen: dict[str, int]) -> Iterator[Problem]:
    if not ident.strip():
        yield doc.problem(at, "an ID cannot be empty")
    elif ident in seen:
        yield doc.problem(
            at, f"ID '{ident}' is used twice (first at line {seen[ident]}); IDs must be unique", code="duplicate-id"
        )
        return
    seen[ident] = doc.mark(at).line


def is_framework_document(doc: Document) -> bool:
    return isinstance(doc.data, dict) and "levels" in doc.data


# ---- evidence --------------------------------------------------------------------


def load_evidence(
    path: Path,
    shown: str,
    *,
    framework: str | None = None,
    strict: bool = False,
) -> Assessment:
    """Read an evidence file and its framework, cross-check them and find warnings.

    ``framework`` (from ``--framework``) overrides the file's own ``framework:``;
    a path there is relative to the current folder, a path in the file to the file.
    """
    raw = read_bytes(path, shown)
    doc = parse_text(decode(raw, shown), shown)
    if is_framework_document(doc):
        raise InputError(
            [
                Problem(
                    shown,
                    1,
                    1,
                    "is a framework file, not a unit's evidence file; use 'coprod validate' to check it",
                    "wrong-kind",
                )
            ]
        )
    try:
        evidence: Evidence | None = validate(Evidence, doc)
        schema_problems: list[Problem] = []
    except InputError as e:
        evidence, schema_problems = None, list(e.problems())
    ref = framework
    if ref is None and isinstance(doc.data, dict):
        written = doc.data.get("framework")
        ref = written if isinstance(written, str) else None
    try:
        loaded = _framework_for(ref, framework is not None, doc, path, shown)
    except InputError as e:
        raise InputError([*schema_problems, *e.problems()]) from e
    # Unknown IDs are found on the raw keys, so they are reported beside any schema error.
    problems = [*schema_problems, *unknown_ids(doc, loaded)]
    warnings: list[Problem] = []
    if evidence is not None:
        more, warnings = cross_check(evidence, doc, loaded)
        problems += more
    if strict:
        problems += warnings
    if problems or evidence is None:
        raise InputError(problems)
    return Assessment(evidence, doc, loaded, tuple(sorted(warnings)))


def _framework_for(ref: str | None, from_option: bool, doc: Document, path: Path, shown: str) -> LoadedFramework:
    """The framework an evidence file is read against (CONTRACT section 4 on relative paths)."""
    if ref is None:
        fw_path, fw_shown = resolve_framework(DEFAULT_FRAMEWORK, path.parent)
    elif from_option:
        fw_path, fw_shown = resolve_framework(ref, Path())
    else:
        fw_path, fw_shown = resolve_framework(ref, path.parent, problem_at=doc.problem(("framework",), ""))
        if looks_like_path(ref):
            fw_shown = str(Path(shown).parent / ref)
    return load_framework(fw_path, fw_shown)


def unknown_ids(doc: Document, fw: LoadedFramework) -> Iterator[Problem]:
    """Target and enabler keys the framework does not have, with the nearest known ID."""
    if not isinstance(doc.data, dict):
        return
    target_ids = list(fw.level_of)
    for section, known, other, other_section in (
        ("targets", target_ids, fw.enabler_ids, "enablers"),
        ("enablers", fw.enabler_ids, target_ids, "targets"),
    ):
        entries = doc.data.get(section)
        if not isinstance(entries, dict):
            continue
        kind = section[:-1]
        for ident in entries:
            if ident in known:
                continue
            if ident in other:
                message = f"'{ident}' is not a {kind}: the framework lists it under '{other_section}'; move it there"
            else:
                message = f"unknown {kind} '{ident}'{did_you_mean(ident, known)}"
                if not message.endswith("?"):
                    message = then(message, f"run 'coprod framework show {fw.id}' to see its IDs")
            yield doc.problem((section, ident), message, key=True, code=f"unknown-{kind}", target=ident)


def months_before(day: date, months: int) -> date:
    """The same day ``months`` calendar months earlier (clamped to the month's end)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def cross_check(evidence: Evidence, doc: Document, fw: LoadedFramework) -> tuple[list[Problem], list[Problem]]:
    """Problems (errors) and warnings that need the framework to find."""
    errors: list[Problem] = []
    warnings: list[Problem] = []
    named: dict[str, int] = {}
    for i, assessor in enumerate(evidence.assessors):
        key = " ".join(assessor.name.split()).casefold()
        if key in named:
            errors.append(
                doc.problem(
                    ("assessors", i, "name"),
                    f"assessor '{assessor.name}' is named twice (first at line {named[key]}); list each person once",
                    code="duplicate-assessor",
                )
            )
        else:
            named[key] = doc.mark(("assessors", i, "name")).line
    stale_before = months_before(evidence.assessed_on, fw.model.review_months)
    for section, known in (("targets", fw.level_of), ("enablers", fw.enabler_ids)):
        entries: Mapping[str, Entry] = getattr(evidence, section)
        for ident, entry in entries.items():
            at = (section, ident)
            if ident not in known:
                continue  # reported by unknown_ids()
            if entry.status == "not-applicable" and not (entry.justification or "").strip():
                errors.append(
                    doc.problem(
                        (*at, "status"),
                        f"'{ident}' is not-applicable, so it needs a 'justification:' "
                        "saying why it does not apply to this unit",
                        code="missing-justification",
                        target=ident,
                    )
                )
            warnings.extend(
                _entry_warnings(doc, at, ident, entry, evidence.assessed_on, stale_before, fw.model.review_months)
            )
    return errors, warnings


def _entry_warnings(
    doc: Document,
    at: tuple[str, str],
    ident: str,
    entry: Entry,
    assessed_on: date,
    stale_before: date,
    review_months: int,
) -> Iterator[Problem]:
    if entry.status == "met" and not entry.evidence:
        yield doc.problem(
            (*at, "status"),
            f"'{ident}' is marked met but has no evidence (claimed without evidence); "
            "add an 'evidence:' entry saying what shows it",
            code="claimed-without-evidence",
            target=ident,
        )
    for n, item in enumerate(entry.evidence):
        if item.date is None:
            continue
        where = (*at, "evidence", n, "date")
        if item.date < stale_before:
            yield doc.problem(
                where,
                f"evidence for '{ident}' dated {item.date} is more than {review_months} months before this "
                f"assessment (stale evidence); check it still holds and add something newer",
                code="stale-evidence",
                target=ident,
            )
        elif item.date > assessed_on:
            yield doc.problem(
                where,
                f"evidence for '{ident}' is dated {item.date}, after this assessment ({assessed_on}); check the date",
                code="evidence-after-assessment",
                target=ident,
            )
    action = entry.action
    if action is not None and action.due is not None and action.due < assessed_on and entry.status != "met":
        yield doc.problem(
            (*at, "action", "due"),
            f"the action for '{ident}' was due on {action.due}, before this assessment ({assessed_on}) "
            "(action overdue); agree a new date or record what happened",
            code="action-overdue",
            target=ident,
        )
    texts: list[PathKey] = [(*at, "justification"), (*at, "notes"), (*at, "action", "description")]
    texts += [(*at, "evidence", n, "description") for n in range(len(entry.evidence))]
    for path in texts:
        comment = doc.comment_after.get(path)
        # 'Room #3 painted' loses '#3 painted'; a spaced '# note' is most likely a real comment.
        if comment and not comment[0].isspace():
            yield doc.problem(
                path,
                f"the text for '{ident}' stops before ' #{comment[:12]}' because YAML reads ' #' as the start of "
                "a comment; if the '#' belongs to the text, put the whole text in quotes",
                code="cut-by-comment",
                target=ident,
            )


def check_file(
    path: Path, shown: str, *, framework: str | None = None, strict: bool = False
) -> tuple[str, tuple[Problem, ...]]:
    """Validate an evidence or framework file (told apart by a top-level 'levels:')."""
    raw = read_bytes(path, shown)
    doc = parse_text(decode(raw, shown), shown)
    if is_framework_document(doc):
        load_framework(path, shown)
        return "framework", ()
    assessment = load_evidence(path, shown, framework=framework, strict=strict)
    return "evidence", assessment.warnings
