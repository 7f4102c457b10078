"""Review dates: a "does not apply to us" and a privacy waiver are asked again, not forgotten.

A not-applicable justification (``review_by:`` in its entry) and a privacy waiver
(``# coprod: not-personal-data review_by: YYYY-MM-DD …``) fall due on their review date, or
without one ``review_months`` after ``assessed_on``.  One past due on the as-of day (the
assessment's own day unless ``--as-of`` gives another) is a warning, and every report lists
it (docs/evidence-file.md, 'Review dates').  Nothing here looks at today's date.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Literal

from coprod_cli.errors import Problem
from coprod_cli.i18n import _
from coprod_cli.model.evidence import Entry, Evidence
from coprod_cli.model.models import add_months
from coprod_cli.privacy.guard import WaiverNote
from coprod_cli.privacy.scan import WAIVER_MARKER
from coprod_cli.reading.yamlread import Document

ReviewKind = Literal["justification", "waiver"]


@dataclass(frozen=True, slots=True)
class ReviewDue:
    """A not-applicable justification or a privacy waiver past its review date."""

    kind: ReviewKind
    due: date
    """The day it fell due: its ``review_by``, else ``assessed_on`` plus ``review_months``."""
    target: str | None
    """The target or enabler whose justification it is; None for a waiver."""
    file: str
    line: int
    """Where the justification's ``review_by`` (else its status) or the waiver's ``#`` is."""
    column: int


def due_on(review_by: date | None, assessed_on: date, review_months: int) -> date:
    """The day a justification or waiver falls due."""
    return review_by if review_by is not None else add_months(assessed_on, review_months)


def reviews_due(
    evidence: Evidence,
    doc: Document,
    known: Iterable[str],
    review_months: int,
    waivers: Iterable[WaiverNote],
    as_of: date,
) -> tuple[ReviewDue, ...]:
    """Justifications (targets, then enablers, in file order) and then the file's own waivers (by
    line) whose review day is strictly before ``as_of``."""
    known = set(known)
    found: list[ReviewDue] = []
    sections: tuple[tuple[str, Mapping[str, Entry]], ...] = (
        ("targets", evidence.targets),
        ("enablers", evidence.enablers),
    )
    for section, entries in sections:
        for ident, entry in entries.items():
            if ident not in known or entry.status != "not-applicable":
                continue
            due = due_on(entry.review_by, evidence.assessed_on, review_months)
            if due < as_of:
                at = doc.mark((section, ident, "review_by" if entry.review_by else "status"))
                found.append(ReviewDue("justification", due, ident, doc.path, at.line, at.column))
    for w in sorted(waivers):
        if w.file == doc.path:
            due = due_on(w.review_by, evidence.assessed_on, review_months)
            if due < as_of:
                found.append(ReviewDue("waiver", due, None, w.file, w.line, w.column))
    return tuple(found)


def review_warnings(reviews: Iterable[ReviewDue]) -> Iterator[Problem]:
    """Each review past due as a warning at its place (``review-due``, ``waiver-review-due``)."""
    for r in reviews:
        if r.kind == "justification":
            message = _(
                "'{ident}' is marked not-applicable, and that was due to be looked at again on {due} "
                "(review due); ask the group whether it still does not apply to this unit, then write "
                "the next date to ask in 'review_by:'",
                ident=r.target,
                due=r.due,
            )
            yield Problem(r.file, r.line, r.column, message, "review-due", r.target)
        else:
            message = _(
                "the privacy waiver on line {line} was due to be looked at again on {due} (waiver review due); "
                "check that what it waives is still not personal data, then write the next date to check "
                "straight after '{marker}', as 'review_by: YYYY-MM-DD'",
                line=r.line,
                due=r.due,
                marker=WAIVER_MARKER,
            )
            yield Problem(r.file, r.line, r.column, message, "waiver-review-due")
