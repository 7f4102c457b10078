"""The core of ``coprod import``: a ratings CSV put into an evidence file (docs/importing.md).

The CSV is read once, found clean by the privacy guard (as every input is) and only then parsed
(:mod:`coprod_cli.editing.csv_read`) and checked row by row against the framework
(:mod:`coprod_cli.editing.csv_rows`): every problem is reported together, at the CSV's line and
column, and nothing is written.  Then each row is applied to the evidence file's text through
the interview's line edits (:mod:`coprod_cli.interview.edits`), so every comment and byte of the
file that a row does not change stays as it was; with a rater, statuses are that person's own
ratings under ``ratings:``.  The file made is read back and checked like any evidence file: one
that would not validate is a bug, never written.  Nothing here prints or writes a file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coprod_cli.editing.csv_read import csv_text, read_sheet
from coprod_cli.editing.csv_rows import Row, check_rows
from coprod_cli.editing.yamltext import flow_mapping, quoted
from coprod_cli.errors import InputError
from coprod_cli.i18n import N_
from coprod_cli.interview import edits
from coprod_cli.interview.session import Session
from coprod_cli.interview.steps import SECTIONS
from coprod_cli.privacy.guard import WaiverNote, check_input
from coprod_cli.reading.textfile import read_bytes
from coprod_cli.reading.yamlread import parse_text
from coprod_cli.scoring.check import cross_check_document

CSV_FILE = N_("a CSV file")
"""What ``coprod import`` reads, as the reader names it in a message."""


@dataclass(frozen=True)
class Imported:
    """An evidence file's new text, and what went into it."""

    text: str
    """What to write (with the byte-order mark the file imported into had)."""
    rated: int
    """Rows that gave a status (or, with a rater, a rating)."""
    no_status: int
    """Rows that gave none; their evidence, action and notes still went in."""
    waivers: tuple[WaiverNote, ...]
    """The privacy waivers of the inputs (the file imported into, its framework, the CSV)."""
    waived_keys: frozenset[str]


def import_csv(path: Path, shown: str, session: Session) -> Imported:
    """Read the CSV at ``path`` and apply its rows to the session's file (``session.rater``: whose
    ratings they are; None for the group's agreed statuses)."""
    text = csv_text(read_bytes(path, shown, kind=CSV_FILE, pipe_ok=True), shown)
    privacy = check_input(text, shown, path.parent)
    sheet = read_sheet(text, shown)
    evidence = session.assessment.evidence
    entries = (*evidence.targets.items(), *evidence.enablers.items())
    # an open action: the one an owner or due date alone changes
    has_action = {ident: any(a.status == "open" for a in entry.all_actions) for ident, entry in entries}
    checked = check_rows(sheet, session.framework, shown, has_action)
    if checked.problems:
        raise InputError(checked.problems)
    new = apply_rows(session, checked.rows)
    try:
        cross_check_document(parse_text(new, session.shown), session.framework)
    except InputError as e:  # every cell was checked before: a file that does not validate is a bug
        first = e.problems()[0]
        raise RuntimeError(f"import made an invalid file at line {first.line}: {first.message}") from e
    return Imported(
        ("\ufeff" if session.bom else "") + new,
        len(checked.rows) - checked.no_status,
        checked.no_status,
        (*session.assessment.waivers, *privacy.waivers),
        session.waived_keys | privacy.waived_keys,
    )


def apply_rows(session: Session, rows: Sequence[Row]) -> str:
    """The session's text with each row applied, in the order of the CSV.

    Each target has one row, and nothing before a row's evidence and action touches them, so
    what its entry held is read from the file as it was at the start, not parsed again."""
    text, shown = session.text, session.shown
    order = {section: [s.ident for s in session.steps if s.section == section] for section in SECTIONS}
    for row in rows:
        step = row.step
        text = edits.ensure_entry(text, shown, step, order[step.section])
        if row.status is not None:
            if session.rater is None:
                text = edits.set_status(text, shown, step, row.status)
            else:
                text = edits.set_rating(text, shown, step, session.rater, row.status)
        if row.justification is not None:
            text = edits.set_child(text, shown, step, "justification", quoted(row.justification))
        if row.evidence is not None:
            have = edits.raw_entry(session.assessment.doc, step).get("evidence")
            known = [item.get("description") for item in have or () if isinstance(item, dict)]
            if row.evidence not in known:  # importing the same sheet again adds nothing twice
                text = edits.add_item(text, shown, step, {"description": row.evidence})
        if row.action is not None or row.owner is not None or row.due is not None:
            text = _with_action(text, shown, row, edits.raw_entry(session.assessment.doc, step))
        if row.notes is not None:
            text = edits.set_child(text, shown, step, "notes", quoted(row.notes))
    return text


def _with_action(text: str, shown: str, row: Row, entry: dict[str, Any]) -> str:
    """The row's action in its entry (docs/importing.md, 'Actions').

    The action the row names by its description, or with none the first open one, takes the
    row's owner and due date, keeping what the row leaves empty. A new description replaces a
    lone open ``action:`` (as the interview does); beside actions done, dropped or several, it is
    added under ``actions:``."""
    single = entry["action"] if isinstance(entry.get("action"), dict) else None
    listed: list[Any] = entry["actions"] if isinstance(entry.get("actions"), list) else []
    items: list[dict[str, Any]] = [single] if single is not None else [a for a in listed if isinstance(a, dict)]
    if row.action is not None:
        n = next((i for i, a in enumerate(items) if a.get("description") == row.action), None)
    else:
        n = next((i for i, a in enumerate(items) if a.get("status", "open") == "open"), None)
    given = {"owner": row.owner, "due": row.due.isoformat() if row.due else None}
    changes = {k: v for k, v in given.items() if v is not None}
    if n is None and row.action is not None and items and (single is None or single.get("status", "open") != "open"):
        return edits.add_action(text, shown, row.step, {"description": row.action, **changes})
    if single is None and n is not None:
        return edits.update_action(text, shown, row.step, changes, n)
    action = {**(single if n is not None and single else {"description": row.action}), **changes}
    keys = ("description", "owner", "due", "status", "changed_on", "reason")
    ordered = {k: str(action[k]) for k in keys if action.get(k) is not None}  # a date as YYYY-MM-DD
    return edits.set_child(text, shown, row.step, "action", flow_mapping(ordered))
