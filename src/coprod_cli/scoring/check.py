"""Load an evidence file with its framework, check them against each other, find warnings.

The errors found on the raw data beside the schema are in ``cross_checks``."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from coprod_cli.errors import InputError, Problem, clip
from coprod_cli.framework.load import LoadedFramework, load_framework, load_framework_bytes
from coprod_cli.framework.read import is_framework_document
from coprod_cli.framework.resolve import DEFAULT_FRAMEWORK, builtin_frameworks, looks_like_path, resolve_framework
from coprod_cli.framework.rules import check_framework
from coprod_cli.i18n import N_, _, n_
from coprod_cli.model.evidence import Action, Entry, Evidence
from coprod_cli.model.models import add_months
from coprod_cli.model.text import said
from coprod_cli.privacy.guard import Checked, Input, WaiverNote, read_input
from coprod_cli.reading.explain import validate
from coprod_cli.reading.yamlread import Document, PathKey
from coprod_cli.scoring.cross_checks import raw_checks
from coprod_cli.scoring.review import ReviewDue, review_warnings, reviews_due

__all__ = [
    "DEFAULT_FRAMEWORK",
    "Assessment",
    "LoadedFramework",
    "assess_input",
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
    privacy: Checked | None = None
    """What the privacy guard found waived in the evidence file; None if it was never guarded."""
    reviews: tuple[ReviewDue, ...] = ()
    """Not-applicable justifications and the file's waivers past their review date (also warnings)."""

    @property
    def waivers(self) -> tuple[WaiverNote, ...]:
        """Privacy waivers in the evidence file and its framework's files."""
        own = self.privacy.waivers if self.privacy else ()
        return (*own, *self.framework.waivers)

    @property
    def waived_keys(self) -> frozenset[str]:
        own = self.privacy.waived_keys if self.privacy else frozenset()
        return own | self.framework.waived_keys


# ---- evidence --------------------------------------------------------------------


def load_evidence(
    path: Path,
    shown: str,
    *,
    framework: str | None = None,
    strict: bool = False,
    as_of: date | None = None,
) -> Assessment:
    """Read an evidence file and its framework, cross-check them and find warnings.

    ``framework`` (from ``--framework``) overrides the file's own ``framework:``;
    a path there is relative to the current folder, a path in the file to the file.
    ``as_of`` is the day reviews are due by (``--as-of``); by default ``assessed_on``.
    """
    return assess_input(read_input(path, shown), path, shown, framework=framework, strict=strict, as_of=as_of)


def assess_input(
    found: Input,
    path: Path,
    shown: str,
    *,
    framework: str | None = None,
    strict: bool = False,
    as_of: date | None = None,
) -> Assessment:
    """:func:`load_evidence` of a file already read and found clean (``summary`` reads each file once)."""
    if is_framework_document(found.doc):
        message = _("is a framework file, not a unit's evidence file; use 'coprod validate' to check it")
        raise InputError([Problem(shown, 1, 1, message, "wrong-kind")])
    return _assess_document(found.doc, path, framework=framework, strict=strict, privacy=found.privacy, as_of=as_of)


def _assess_document(
    doc: Document, path: Path, *, framework: str | None, strict: bool, privacy: Checked, as_of: date | None = None
) -> Assessment:
    if isinstance(doc.data, dict) and "crosswalk" in doc.data and "unit" not in doc.data:  # docs/crosswalks.md
        message = _("is a crosswalk file, not a unit's evidence file; check it with 'coprod framework check'")
        raise InputError([Problem(doc.path, 1, 1, message, "wrong-kind")])
    try:
        loaded = _framework_for(doc, path, framework)
    except InputError as e:
        try:
            validate(Evidence, doc)
            schema: tuple[Problem, ...] = ()
        except InputError as bad:
            schema = bad.problems()
        raise InputError([*schema, *e.problems()]) from e
    return cross_check_document(doc, loaded, strict=strict, privacy=privacy, as_of=as_of)


def cross_check_document(
    doc: Document,
    loaded: LoadedFramework,
    *,
    strict: bool = False,
    privacy: Checked | None = None,
    as_of: date | None = None,
) -> Assessment:
    """Validate a parsed evidence file against a framework: every error together, then warnings.

    ``privacy`` is what the privacy guard found when the file was read (see ``guard.read_input``);
    ``as_of`` the day reviews are due by (``scoring.review``), ``assessed_on`` by default.
    """
    try:
        evidence: Evidence | None = validate(Evidence, doc)
        problems: list[Problem] = []
    except InputError as e:
        evidence, problems = None, list(e.problems())
    # These look at the raw data, so they are reported beside any schema error.
    problems += raw_checks(doc, loaded)
    warnings: list[Problem] = []
    reviews: tuple[ReviewDue, ...] = ()
    if evidence is not None:
        warnings = list(evidence_warnings(evidence, doc, loaded))
        waivers = privacy.waivers if privacy else ()
        day = as_of or evidence.assessed_on
        reviews = reviews_due(
            evidence, doc, (*loaded.level_of, *loaded.enabler_ids), loaded.review_months, waivers, day
        )
        warnings += review_warnings(reviews)
    if strict:
        problems += warnings
    if problems or evidence is None:
        raise InputError(problems)
    return Assessment(evidence, doc, loaded, tuple(sorted(warnings)), privacy, reviews)


def _framework_for(doc: Document, path: Path, option: str | None) -> LoadedFramework:
    """The framework an evidence file is read against (docs/evidence-file.md, 'Relative framework paths')."""
    if option is not None:
        return load_framework(*resolve_framework(option, Path()))
    written = doc.data.get("framework") if isinstance(doc.data, dict) else None
    if not isinstance(written, str):
        return load_framework(*resolve_framework(DEFAULT_FRAMEWORK, Path()))
    return load_framework(*resolve_framework(written, path.parent, where=doc.problem(("framework",), "")))


def months_before(day: date, months: int) -> date:
    """The same day ``months`` calendar months earlier (clamped to the month's end).

    Before the calendar's first day (year 1) there is nothing earlier to be: the answer is
    ``date.min``, so no date in a file can be "older" than that.
    """
    return add_months(day, -months)


def evidence_warnings(evidence: Evidence, doc: Document, fw: LoadedFramework) -> Iterator[Problem]:
    """Things worth a second look that are not errors (``--strict`` makes them errors);
    docs/evidence-file.md, 'Warnings'."""
    today = date.today()
    if evidence.assessed_on > today:
        yield doc.problem(
            ("assessed_on",),
            _(
                "assessed_on is {day}, a day still to come (assessed in the future); "
                "give the date the group met to assess the unit",
                day=evidence.assessed_on,
            ),
            code="assessed-in-future",
        )
    yield from _levels_left_out(evidence, doc, fw)
    stale_before = months_before(evidence.assessed_on, fw.review_months)
    fed = {ident for item in evidence.you_said_we_did for ident in item.targets}
    for section, known in (("targets", fw.level_of), ("enablers", fw.enabler_ids)):
        entries: Mapping[str, Entry] = getattr(evidence, section)
        for ident, entry in entries.items():
            if ident in known:
                yield from _entry_warnings(
                    doc,
                    (section, ident),
                    ident,
                    entry,
                    evidence.assessed_on,
                    stale_before,
                    fw.review_months,
                    fed=ident in fed,
                )
    for key, signatures in evidence.sign_off.items():
        for n, signature in enumerate(signatures):
            if signature.date < evidence.assessed_on:
                yield doc.problem(
                    ("sign_off", key, n, "date"),
                    _(
                        "'{name}' signed off level {level} on {signed}, before this assessment on "
                        "{assessed} (sign-off before assessment); a sign-off confirms this assessment, "
                        "so it is dated on or after it: sign again if it still stands",
                        name=clip(signature.name),
                        level=key,
                        signed=signature.date,
                        assessed=evidence.assessed_on,
                    ),
                    code="sign-off-before-assessment",
                )


_GAP_WITHOUT_ACTION = {
    "partial": N_(
        "'{ident}' is partly met but has no action (gap without action); add an 'action:' "
        "saying what will be done, with an 'owner:' and a 'due:' date"
    ),
    "not-met": N_(
        "'{ident}' is not met but has no action (gap without action); add an 'action:' "
        "saying what will be done, with an 'owner:' and a 'due:' date"
    ),
}


def _levels_left_out(evidence: Evidence, doc: Document, fw: LoadedFramework) -> Iterator[Problem]:
    """A level none of whose targets is in the file, below a level that has some listed: most likely
    deleted by hand, and every one of them counts as not assessed, holding back the levels above.
    (A file that stops after the levels it assessed leaves the rest not assessed, as it means to.)"""
    listed = {fw.level_of[ident].number for ident in evidence.targets if ident in fw.level_of}
    for level in fw.model.levels:
        if level.number not in listed and level.targets and any(n > level.number for n in listed):
            count = len(level.targets)
            yield doc.problem(
                ("targets",),
                n_(
                    "none of the {count} target of Level {level} ({title}) is under 'targets:', so it counts as "
                    "not assessed (level left out); if they were deleted by mistake, "
                    "'coprod migrate {path} --write' adds them back",
                    "none of the {count} targets of Level {level} ({title}) is under 'targets:', so each counts as "
                    "not assessed (level left out); if they were deleted by mistake, "
                    "'coprod migrate {path} --write' adds them back",
                    count,
                    level=level.number,
                    title=said(level, "title"),
                    path=doc.path,
                ),
                key=True,
                code="level-left-out",
            )


def _entry_warnings(
    doc: Document,
    at: tuple[str, str],
    ident: str,
    entry: Entry,
    assessed_on: date,
    stale_before: date,
    review_months: int,
    *,
    fed: bool,
) -> Iterator[Problem]:
    """``fed``: whether the "you said, we did" log gives evidence for it (docs/evidence-file.md,
    'You said, we did')."""
    if entry.status == "met" and not entry.evidence and not fed:
        yield doc.problem(
            (*at, "status"),
            _(
                "'{ident}' is marked met but has no evidence (claimed without evidence); "
                "add an 'evidence:' entry saying what shows it",
                ident=ident,
            ),
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
                n_(
                    # TRANSLATORS: the English says "months" even for 1 (review_months is at least 1).
                    "evidence for '{ident}' dated {day} is more than {count} months before this "
                    "assessment (stale evidence); check it still holds and add something newer",
                    "evidence for '{ident}' dated {day} is more than {count} months before this "
                    "assessment (stale evidence); check it still holds and add something newer",
                    review_months,
                    ident=ident,
                    day=item.date,
                ),
                code="stale-evidence",
                target=ident,
            )
        elif item.date > assessed_on:
            yield doc.problem(
                where,
                _(
                    "evidence for '{ident}' is dated {day}, after this assessment on {assessed}; check the date",
                    ident=ident,
                    day=item.date,
                    assessed=assessed_on,
                ),
                code="evidence-after-assessment",
                target=ident,
            )
    yield from _action_warnings(doc, at, ident, entry, assessed_on)
    texts: list[PathKey] = [(*at, "justification"), (*at, "notes"), (*at, "action", "description")]
    texts += [(*at, "actions", n, "description") for n in range(len(entry.actions))]
    texts += [(*at, "evidence", n, "description") for n in range(len(entry.evidence))]
    for path in texts:
        comment = doc.comment_after.get(path)
        # 'Room #3 painted' loses '#3 painted'; a spaced '# note' is most likely a real comment.
        if comment and not comment[0].isspace():
            yield doc.problem(
                path,
                _(
                    "the text for '{ident}' stops at ' #' because YAML reads the rest of the line as a comment; "
                    "if the '#' belongs to the text, put the whole text in quotes",
                    ident=ident,
                ),
                code="cut-by-comment",
                target=ident,
            )


def check_file(
    path: Path, shown: str, *, framework: str | None = None, strict: bool = False
) -> tuple[str, tuple[Problem, ...]]:
    """Validate an evidence or framework file (told apart by a top-level 'levels:'); reads it once."""
    raw, doc, privacy = read_input(path, shown)
    if is_framework_document(doc):
        load_framework_bytes(raw, path, shown, doc, privacy)
        return "framework", ()
    return "evidence", _assess_document(doc, path, framework=framework, strict=strict, privacy=privacy).warnings


def _action_warnings(
    doc: Document, at: tuple[str, str], ident: str, entry: Entry, assessed_on: date
) -> Iterator[Problem]:
    """A gap with no open action, and open actions due before the assessment (docs/evidence-file.md, 'Actions')."""
    keyed: list[tuple[PathKey, Action]] = [((*at, "action"), entry.action)] if entry.action else []
    keyed += [((*at, "actions", n), action) for n, action in enumerate(entry.actions)]
    is_gap = at[0] == "targets" and entry.status in _GAP_WITHOUT_ACTION
    if is_gap and not any(action.status == "open" for _where, action in keyed):
        yield doc.problem(
            (*at, "status"),
            _(_GAP_WITHOUT_ACTION[entry.status] if not keyed else _NO_OPEN_ACTION, ident=ident),
            code="gap-without-action",
            target=ident,
        )
    if entry.status == "met":
        return
    for where, action in keyed:
        if action.overdue_on(assessed_on):
            yield doc.problem(
                (*where, "due"),
                _(
                    "the action for '{ident}' was due on {due}, before this assessment on {assessed} "
                    "(action overdue); agree a new date or record what happened",
                    ident=ident,
                    due=action.due,
                    assessed=assessed_on,
                ),
                code="action-overdue",
                target=ident,
            )


_NO_OPEN_ACTION = N_(
    "'{ident}' is still a gap but none of its actions is open (gap without action); add an action "
    "under 'actions:' saying what will be done next, with an 'owner:' and a 'due:' date"
)
