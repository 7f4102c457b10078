"""Load frameworks and evidence files, check them against each other, find warnings."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from coprod_cli.errors import InputError, Problem, clip
from coprod_cli.framework.load import (
    DEFAULT_FRAMEWORK,
    LoadedFramework,
    builtin_frameworks,
    check_framework,
    is_framework_document,
    load_framework,
    load_framework_bytes,
    looks_like_path,
    resolve_framework,
)
from coprod_cli.hints import did_you_mean, then
from coprod_cli.model.models import Entry, Evidence, days_in_month, person_key
from coprod_cli.privacy.guard import WaiverNote, read_input
from coprod_cli.reading.explain import validate
from coprod_cli.reading.yamlread import Document, PathKey

__all__ = [
    "DEFAULT_FRAMEWORK",
    "Assessment",
    "LoadedFramework",
    "builtin_frameworks",
    "check_file",
    "check_framework",
    "cross_check_document",
    "load_evidence",
    "load_framework",
    "looks_like_path",
    "resolve_framework",
]


@dataclass(frozen=True, slots=True)
class Assessment:
    """A valid evidence file together with the framework it is read against."""

    evidence: Evidence
    doc: Document
    framework: LoadedFramework
    warnings: tuple[Problem, ...]

    @property
    def waivers(self) -> tuple[WaiverNote, ...]:
        """Privacy waivers in the evidence file and its framework's files."""
        own = self.doc.privacy.waivers if self.doc.privacy else ()
        return (*own, *self.framework.waivers)

    @property
    def waived_keys(self) -> frozenset[str]:
        own = self.doc.privacy.waived_keys if self.doc.privacy else frozenset()
        return own | self.framework.waived_keys


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
    _, doc = read_input(path, shown)
    if is_framework_document(doc):
        message = "is a framework file, not a unit's evidence file; use 'coprod validate' to check it"
        raise InputError([Problem(shown, 1, 1, message, "wrong-kind")])
    return _assess_document(doc, path, framework=framework, strict=strict)


def _assess_document(doc: Document, path: Path, *, framework: str | None, strict: bool) -> Assessment:
    try:
        loaded = _framework_for(doc, path, framework)
    except InputError as e:
        try:
            validate(Evidence, doc)
            schema: tuple[Problem, ...] = ()
        except InputError as bad:
            schema = bad.problems()
        raise InputError([*schema, *e.problems()]) from e
    return cross_check_document(doc, loaded, strict=strict)


def cross_check_document(doc: Document, loaded: LoadedFramework, *, strict: bool = False) -> Assessment:
    """Validate a parsed evidence file against a framework: every error together, then warnings."""
    try:
        evidence: Evidence | None = validate(Evidence, doc)
        problems: list[Problem] = []
    except InputError as e:
        evidence, problems = None, list(e.problems())
    # These look at the raw data, so they are reported beside any schema error.
    problems += raw_checks(doc, loaded)
    warnings: list[Problem] = []
    if evidence is not None:
        warnings = list(evidence_warnings(evidence, doc, loaded))
    if strict:
        problems += warnings
    if problems or evidence is None:
        raise InputError(problems)
    return Assessment(evidence, doc, loaded, tuple(sorted(warnings)))


def _framework_for(doc: Document, path: Path, option: str | None) -> LoadedFramework:
    """The framework an evidence file is read against (docs/evidence-file.md, 'Relative framework paths')."""
    if option is not None:
        return load_framework(*resolve_framework(option, Path()))
    written = doc.data.get("framework") if isinstance(doc.data, dict) else None
    if not isinstance(written, str):
        return load_framework(*resolve_framework(DEFAULT_FRAMEWORK, Path()))
    return load_framework(*resolve_framework(written, path.parent, where=doc.problem(("framework",), "")))


def raw_checks(doc: Document, fw: LoadedFramework) -> Iterator[Problem]:
    """Errors found on the raw data: unknown IDs, missing justifications, assessors named twice,
    ratings and sign-offs by people who are not assessors, sign-offs of levels the framework lacks."""
    data = doc.data if isinstance(doc.data, dict) else {}
    people = _assessor_names(data.get("assessors"))
    target_ids = list(fw.level_of)
    for section, known, other, other_section in (
        ("targets", target_ids, fw.enabler_ids, "enablers"),
        ("enablers", fw.enabler_ids, target_ids, "targets"),
    ):
        entries = data.get(section)
        if not isinstance(entries, dict):
            continue
        kind = section[:-1]
        for ident, entry in entries.items():
            if isinstance(entry, dict):
                yield from _rating_checks(doc, (section, ident), ident, entry.get("ratings"), people)
            if ident not in known:
                yield _unknown_id(doc, fw, section, ident, known, other, other_section)
            elif isinstance(entry, dict) and entry.get("status") == "not-applicable":
                justification = entry.get("justification")
                if not isinstance(justification, str) or not justification.strip():
                    yield doc.problem(
                        (section, ident, "status"),
                        f"'{ident}' is not-applicable, so it needs a 'justification:' saying why it does not apply "
                        f"to this unit (or choose another status for this {kind})",
                        code="missing-justification",
                        target=ident,
                    )
    yield from _assessors_named_twice(doc, data.get("assessors"))
    yield from _sign_off_checks(doc, fw, data.get("sign_off"), people)


def _unknown_id(
    doc: Document,
    fw: LoadedFramework,
    section: str,
    ident: str,
    known: Sequence[str],
    other: Sequence[str],
    other_section: str,
) -> Problem:
    kind = section[:-1]
    if ident in other:
        message = f"'{ident}' is not {_a(kind)}: the framework lists it under '{other_section}'; move it there"
    else:
        message = f"unknown {kind} '{clip(ident)}'{did_you_mean(ident, known)}"
        if not message.endswith("?"):
            message = then(
                message,
                f"{fw.id} {fw.version} does not have it. If the framework dropped it, run "
                f"'coprod migrate {doc.path}' to keep it under 'retired:'; "
                f"'coprod framework show {fw.ref}' lists the IDs it has",
            )
    return doc.problem((section, ident), message, key=True, code=f"unknown-{kind}", target=ident)


def _a(noun: str) -> str:
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


def _assessors_named_twice(doc: Document, assessors: object) -> Iterator[Problem]:
    if not isinstance(assessors, list):
        return
    named: dict[str, int] = {}
    for i, assessor in enumerate(assessors):
        name = assessor.get("name") if isinstance(assessor, dict) else None
        if not isinstance(name, str) or not name.strip():
            continue
        key = person_key(name)
        at = ("assessors", i, "name")
        if key in named:
            yield doc.problem(
                at,
                f"assessor '{clip(name)}' is named twice (first at line {named[key]}); list each person once",
                code="duplicate-assessor",
            )
        else:
            named[key] = doc.mark(at).line


def _assessor_names(assessors: object) -> dict[str, str]:
    """The assessors' names as written, by ``person_key`` (the first spelling wins)."""
    names: dict[str, str] = {}
    if isinstance(assessors, list):
        for assessor in assessors:
            name = assessor.get("name") if isinstance(assessor, dict) else None
            if isinstance(name, str) and name.strip():
                names.setdefault(person_key(name), name)
    return names


def _not_an_assessor(name: str, people: Mapping[str, str], doing: str) -> str:
    """Why ``name`` cannot ``doing`` (rate, sign off), and what to do about it."""
    listed = list(people.values())
    message = f"'{clip(name)}' {doing} but is not listed under 'assessors:'{did_you_mean(name, listed)}"
    if not listed:
        return then(message, "add each person who takes part under 'assessors:' with their role first")
    names = ", ".join(f"'{clip(n, 30)}'" for n in listed[:8]) + (", …" if len(listed) > 8 else "")
    return then(message, f"use an assessor's name ({names}) or add the person under 'assessors:' with their role")


def _rating_checks(
    doc: Document, at: PathKey, ident: str, ratings: object, people: Mapping[str, str]
) -> Iterator[Problem]:
    if not isinstance(ratings, dict):
        return
    seen: dict[str, int] = {}
    for name in ratings:
        where = (*at, "ratings", name)
        key = person_key(name)
        if key not in people:
            yield doc.problem(
                where, _not_an_assessor(name, people, f"rated '{ident}'"), key=True, code="unknown-rater", target=ident
            )
        elif key in seen:
            yield doc.problem(
                where,
                f"'{clip(name)}' already rated '{ident}' at line {seen[key]}; give each person one rating",
                key=True,
                code="duplicate-rating",
                target=ident,
            )
        else:
            seen[key] = doc.mark(where, key=True).line


_LEVEL_KEY = re.compile(r"[1-9][0-9]{0,5}")


def _sign_off_checks(
    doc: Document, fw: LoadedFramework, sign_off: object, people: Mapping[str, str]
) -> Iterator[Problem]:
    if not isinstance(sign_off, dict):
        return
    top = len(fw.model.levels)
    for key, signatures in sign_off.items():
        if not (_LEVEL_KEY.fullmatch(key) and int(key) <= top):
            yield doc.problem(
                ("sign_off", key),
                f"there is no level '{clip(key)}' in {fw.id} {fw.version}; "
                f"sign off a level by its number, from 1 to {top}",
                key=True,
                code="unknown-level",
            )
            continue
        if not isinstance(signatures, list):
            continue
        seen: dict[str, int] = {}
        for n, signature in enumerate(signatures):
            name = signature.get("name") if isinstance(signature, dict) else None
            if not isinstance(name, str) or not name.strip():
                continue
            where = ("sign_off", key, n, "name")
            person = person_key(name)
            if person not in people:
                yield doc.problem(
                    where, _not_an_assessor(name, people, f"signed off level {key}"), code="unknown-signer"
                )
            elif person in seen:
                yield doc.problem(
                    where,
                    f"'{clip(name)}' already signed off level {key} at line {seen[person]}; list each person once",
                    code="duplicate-sign-off",
                )
            else:
                seen[person] = doc.mark(where).line


def months_before(day: date, months: int) -> date:
    """The same day ``months`` calendar months earlier (clamped to the month's end).

    Before the calendar's first day (year 1) there is nothing earlier to be: the answer is
    ``date.min``, so no date in a file can be "older" than that.
    """
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    if year < date.min.year:
        return date.min
    month += 1
    return date(year, month, min(day.day, days_in_month(year, month)))


def evidence_warnings(evidence: Evidence, doc: Document, fw: LoadedFramework) -> Iterator[Problem]:
    """Things worth a second look that are not errors (``--strict`` makes them errors)."""
    stale_before = months_before(evidence.assessed_on, fw.review_months)
    for section, known in (("targets", fw.level_of), ("enablers", fw.enabler_ids)):
        entries: Mapping[str, Entry] = getattr(evidence, section)
        for ident, entry in entries.items():
            if ident in known:
                yield from _entry_warnings(
                    doc, (section, ident), ident, entry, evidence.assessed_on, stale_before, fw.review_months
                )
    for key, signatures in evidence.sign_off.items():
        for n, signature in enumerate(signatures):
            if signature.date < evidence.assessed_on:
                yield doc.problem(
                    ("sign_off", key, n, "date"),
                    f"'{clip(signature.name)}' signed off level {key} on {signature.date}, before this assessment on "
                    f"{evidence.assessed_on} (sign-off before assessment); a sign-off confirms this assessment, "
                    "so it is dated on or after it: sign again if it still stands",
                    code="sign-off-before-assessment",
                )


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
                f"evidence for '{ident}' is dated {item.date}, after this assessment on {assessed_on}; check the date",
                code="evidence-after-assessment",
                target=ident,
            )
    action = entry.action
    if action is not None and action.due is not None and action.due < assessed_on and entry.status != "met":
        yield doc.problem(
            (*at, "action", "due"),
            f"the action for '{ident}' was due on {action.due}, before this assessment on {assessed_on} "
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
                f"the text for '{ident}' stops at ' #' because YAML reads the rest of the line as a comment; "
                "if the '#' belongs to the text, put the whole text in quotes",
                code="cut-by-comment",
                target=ident,
            )


def check_file(
    path: Path, shown: str, *, framework: str | None = None, strict: bool = False
) -> tuple[str, tuple[Problem, ...]]:
    """Validate an evidence or framework file (told apart by a top-level 'levels:'); reads it once."""
    raw, doc = read_input(path, shown)
    if is_framework_document(doc):
        load_framework_bytes(raw, path, shown, doc)
        return "framework", ()
    return "evidence", _assess_document(doc, path, framework=framework, strict=strict).warnings
