"""Starting the next assessment from the last one without moving its review dates on.

``coprod import … --into LAST.yaml --assessed-on DAY`` rewrites ``assessed_on``.  A
not-applicable justification or a privacy waiver without a ``review_by`` falls due
``review_months`` after ``assessed_on`` (:mod:`coprod_cli.scoring.review`), so a new date
would move its due day on with every assessment and it would never be asked again.  Before the
date changes, each of them gets the due day the last assessment gave it, written in the file.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from coprod_cli.interview.edits import ensure_entry, set_assessed_on, set_child
from coprod_cli.interview.steps import Step
from coprod_cli.model.models import add_months
from coprod_cli.privacy.guard import WaiverNote
from coprod_cli.privacy.scan import waiver_comment
from coprod_cli.scoring.check import Assessment


def next_assessment(text: str, shown: str, last: Assessment, steps: Sequence[Step], day: str) -> str:
    """``text`` (the last assessment, read as ``last``) with ``assessed_on`` set to ``day`` and
    every undated not-applicable entry and privacy waiver given its due day as ``review_by``."""
    due = add_months(last.evidence.assessed_on, last.framework.review_months)
    text = _date_waivers(text, (w for w in last.waivers if w.file == last.doc.path), due)  # first: lines unmoved
    for step in steps:
        entry = getattr(last.evidence, step.section).get(step.ident)
        if entry is not None and entry.status == "not-applicable" and entry.review_by is None:
            text = ensure_entry(text, shown, step, ())
            text = set_child(text, shown, step, "review_by", due.isoformat())
    return set_assessed_on(text, shown, day)


def _date_waivers(text: str, waivers: Iterable[WaiverNote], due: date) -> str:
    """Each waiver without a date written again as coprod writes one, with ``review_by: DUE``.

    The waivers are the ones the reader found in this text, so their lines and columns are its
    own; each keeps its line (the entries' edits, which add lines, come after)."""
    lines = text.splitlines(keepends=True)
    for waiver in waivers:
        if waiver.review_by is None:
            n = waiver.line - 1
            start = waiver.column - 1 + (1 if n == 0 and text.startswith("\ufeff") else 0)  # columns skip a BOM
            body = lines[n].rstrip("\r\n")
            lines[n] = body[:start] + waiver_comment(waiver.reason, due) + lines[n][len(body) :]
    return "".join(lines)
