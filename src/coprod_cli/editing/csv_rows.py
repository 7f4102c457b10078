"""The rows of a ratings CSV checked against a framework: which target each row is about, and
what it says of it (docs/importing.md, 'Columns' and 'Errors').

Every problem of the file is found before any is reported, each at the CSV's line and column,
as the YAML reader does: columns not known, targets not known or given twice, statuses, dates,
a not-applicable without a justification, rows with more or fewer cells than the header.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from pydantic_core import PydanticCustomError

from coprod_cli import i18n
from coprod_cli.editing.csv_read import Cell, Record, Sheet
from coprod_cli.errors import Problem, clip
from coprod_cli.framework.load import LoadedFramework
from coprod_cli.hints import did_you_mean, then
from coprod_cli.i18n import _, n_
from coprod_cli.interview.steps import Step, steps_of
from coprod_cli.model.models import STATUSES, iso_date
from coprod_cli.reports.words import status_word

COLUMNS = ("target", "status", "evidence", "action", "owner", "due", "justification", "notes")
"""The columns a ratings CSV may have, in the order coprod lists them; ``target`` and ``status`` are required."""
_ALSO = {
    "targetid": "target",
    "id": "target",
    "targed": "target",
    "statws": "status",
    "tystiolaeth": "evidence",
    "camgweithredu": "action",
    "perchennog": "owner",
    "pwysyngyfrifol": "owner",
    "erbyn": "due",
    "dyddiadcau": "due",
    "rheswm": "justification",
    "nodiadau": "notes",
}
"""Other names of the columns: ``target_id`` and ``id``, and each column's name in Welsh."""
_MORE_STATUS_WORDS = {
    "don't know": "not-assessed",
    "ddim yn gwybod": "not-assessed",
    "n/a": "not-applicable",
    "amh.": "not-applicable",
    "amh": "not-applicable",
}
"""What a paper form or a person may write beside the statuses' codes and the reports' words."""


@dataclass(frozen=True, slots=True)
class Row:
    """What one row of the CSV says of one target or enabler (blank cells are None)."""

    step: Step
    line: int
    status: str | None
    evidence: str | None = None
    action: str | None = None
    owner: str | None = None
    due: date | None = None
    justification: str | None = None
    notes: str | None = None


def _name_key(name: str) -> str:
    return "".join(c for c in name.casefold() if c not in " _-\t'\u2019")


def _word_key(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").casefold().split())


def plain(text: str) -> str:
    """A cell's text on one line: line breaks and runs of spaces become one space."""
    return " ".join(text.split())


def status_words() -> dict[str, str]:
    """Every way a status may be written → its code: the codes (also with spaces for hyphens), the
    words the reports and paper forms use in English and in Welsh, any case."""
    words = {_word_key(code): code for code in STATUSES}
    words.update({_word_key(code.replace("-", " ")): code for code in STATUSES})
    for language in i18n.LANGUAGES:
        with i18n.speaking(language):
            words.update({_word_key(status_word(code)): code for code in STATUSES})
    words.update(_MORE_STATUS_WORDS)
    return words


class _Targets:
    """Each target and enabler by id, and by its text and plain words in every language."""

    def __init__(self, fw: LoadedFramework) -> None:
        self.steps = {s.ident: s for s in steps_of(fw)}
        self.by_text: dict[str, set[str]] = {}
        self.texts: list[str] = []
        for language in i18n.LANGUAGES:
            with i18n.speaking(language):
                for step in steps_of(fw):
                    for text in (step.text, step.plain):
                        if text:
                            self.by_text.setdefault(_word_key(text), set()).add(step.ident)
                            self.texts.append(plain(text))

    def find(self, cell: Cell, shown: str) -> Step | Problem:
        value = plain(cell.text)
        if value in self.steps:
            return self.steps[value]
        found = sorted(self.by_text.get(_word_key(value), ()))
        if len(found) == 1:
            return self.steps[found[0]]
        if found:
            message = _("this text is the text of {ids}; give the id of the one you mean instead", ids=", ".join(found))
            return Problem(shown, cell.line, cell.column, message, "ambiguous-target")
        near = did_you_mean(value, self.texts if " " in value else self.steps)
        message = then(
            _("unknown target '{value}'{near}", value=clip(value), near=near),
            _(
                "give a target or enabler id, e.g. {example}, or its text as the framework words it",
                example=next(iter(self.steps)),
            ),
        )
        return Problem(shown, cell.line, cell.column, message, "unknown-target")


def _columns(header: Record, shown: str) -> tuple[dict[str, int], list[Problem]]:
    """Each known column → its place in the row; the header's problems."""
    places: dict[str, int] = {}
    problems: list[Problem] = []
    known = {_name_key(c): c for c in COLUMNS} | _ALSO
    if not any(_name_key(cell.text) in known for cell in header.cells):
        message = _(
            "this line must name the columns, e.g. target,status,evidence,action,owner,due,justification,notes "
            "(a CSV without a header cannot be imported: add that line first)"
        )
        return {}, [Problem(shown, header.line, 1, message, "no-header")]
    for n, cell in enumerate(header.cells):
        name = known.get(_name_key(cell.text))
        if name is None:
            near = did_you_mean(plain(cell.text), COLUMNS)
            message = then(
                _("unknown column '{name}'{near}", name=clip(plain(cell.text)), near=near),
                _("the columns are: {columns}", columns=", ".join(COLUMNS)),
            )
            problems.append(Problem(shown, cell.line, cell.column, message, "unknown-column"))
        elif name in places:
            first = header.cells[places[name]]
            message = _(
                "the column '{name}' is named twice (also at column {column}); keep one",
                name=name,
                column=first.column,
            )
            problems.append(Problem(shown, cell.line, cell.column, message, "column-twice"))
        else:
            places[name] = n
    for name in ("target", "status"):
        if name not in places:
            message = _(
                "the header has no '{name}' column; add it (the columns are: {columns})",
                name=name,
                columns=", ".join(COLUMNS),
            )
            problems.append(Problem(shown, header.line, 1, message, "missing-column"))
    return places, problems


def _ragged(record: Record, width: int, shown: str) -> Problem | None:
    count = len(record.cells)
    if count == width:
        return None
    if count > width:
        extra = record.cells[width]
        message = n_(
            "this row has {count} cell but the header names {width} columns; remove the cells past the last "
            "column, or name their column in the header",
            "this row has {count} cells but the header names {width} columns; remove the cells past the last "
            "column, or name their column in the header",
            count,
            width=width,
        )
        return Problem(shown, extra.line, extra.column, message, "ragged-row")
    message = n_(
        "this row has {count} cell but the header names {width} columns; add the missing cells (empty ones will do)",
        "this row has {count} cells but the header names {width} columns; add the missing cells (empty ones will do)",
        count,
        width=width,
    )
    return Problem(shown, record.end[0], record.end[1], message, "ragged-row")


@dataclass(frozen=True)
class Checked:
    """The rows of a CSV, checked: those to apply, and every problem found."""

    rows: tuple[Row, ...]
    problems: tuple[Problem, ...]
    no_status: int
    """Rows that give no status (their other cells are still applied)."""


def check_rows(sheet: Sheet, fw: LoadedFramework, shown: str, has_action: Mapping[str, bool]) -> Checked:
    """The sheet's rows as :class:`Row`, with every problem found in them.

    ``has_action``: the targets that have an open action already (in the file imported into), so an
    owner or due date alone changes that action."""
    places, problems = _columns(sheet.header, shown)
    problems = [*sheet.problems, *problems]
    if "target" not in places or "status" not in places:
        return Checked((), tuple(problems), 0)
    if not sheet.rows:
        message = _("there are no rows after the header; give each target's status on a line of its own below it")
        problems.append(Problem(shown, sheet.header.line, 1, message, "no-rows"))
    targets = _Targets(fw)
    words = status_words()
    seen: dict[str, int] = {}
    rows: list[Row] = []
    blank = 0
    width = len(sheet.header.cells)
    for record in sheet.rows:
        ragged = _ragged(record, width, shown)
        if ragged is not None:
            problems.append(ragged)
            continue
        if any(cell.refused for cell in record.cells):
            continue  # a formula cell: said already, and the row is not read further
        cells = {name: record.cells[n] for name, n in places.items()}
        row, found = _row(record, cells, targets, words, shown, has_action)
        problems += found
        if row is None:
            continue
        if row.step.ident in seen:
            cell = cells["target"]
            message = _(
                "'{ident}' is given twice (also on line {line}); keep one row for each target",
                ident=row.step.ident,
                line=seen[row.step.ident],
            )
            problems.append(Problem(shown, cell.line, cell.column, message, "target-twice"))
            continue
        seen[row.step.ident] = record.line
        blank += row.status is None
        rows.append(row)
    return Checked(tuple(rows), tuple(problems), blank)


def _text(cells: Mapping[str, Cell], name: str) -> str | None:
    cell = cells.get(name)
    value = plain(cell.text) if cell is not None else ""
    return value or None


def _row(
    record: Record,
    cells: Mapping[str, Cell],
    targets: _Targets,
    words: Mapping[str, str],
    shown: str,
    has_action: Mapping[str, bool],
) -> tuple[Row | None, list[Problem]]:
    problems: list[Problem] = []
    target = cells["target"]
    step: Step | Problem | None = None
    if not plain(target.text):
        message = _(
            "this row names no target; give a target or enabler id, e.g. {example}", example=next(iter(targets.steps))
        )
        problems.append(Problem(shown, target.line, target.column, message, "no-target"))
    else:
        step = targets.find(target, shown)
        if isinstance(step, Problem):
            problems.append(step)
    status = _status(cells["status"], words, shown, problems)
    due = None
    if (cell := cells.get("due")) is not None and plain(cell.text):
        try:
            due = iso_date(plain(cell.text))
        except PydanticCustomError as e:
            problems.append(Problem(shown, cell.line, cell.column, e.message(), "bad-date"))
    justification = _text(cells, "justification")
    if status == "not-applicable" and justification is None:
        cell = cells["status"]
        message = _(
            "not-applicable needs a justification saying why it does not apply to this unit: "
            "fill in the 'justification' column of this row (or choose another status)"
        )
        if "justification" not in cells:
            message = _(
                "not-applicable needs a justification saying why it does not apply to this unit: "
                "add a 'justification' column and fill it in on this row (or choose another status)"
            )
        problems.append(Problem(shown, cell.line, cell.column, message, "missing-justification"))
    action = _text(cells, "action")
    if action is None and isinstance(step, Step) and not has_action.get(step.ident):
        for name in ("owner", "due"):
            cell = cells.get(name)
            if cell is not None and plain(cell.text):
                message = _("an owner or due date goes with an action: fill in the 'action' column of this row too")
                problems.append(Problem(shown, cell.line, cell.column, message, "no-action"))
                break
    if problems or not isinstance(step, Step):
        return None, problems
    row = Row(
        step,
        record.line,
        status,
        _text(cells, "evidence"),
        action,
        _text(cells, "owner"),
        due,
        justification,
        _text(cells, "notes"),
    )
    return row, problems


def _status(cell: Cell, words: Mapping[str, str], shown: str, problems: list[Problem]) -> str | None:
    value = plain(cell.text)
    if not value:
        return None
    code = words.get(_word_key(value))
    if code is not None:
        return code
    near = did_you_mean(value, _choices(words))
    message = then(
        _("'{value}' is not a status{near}", value=clip(value), near=near),
        _(
            "use one of: {codes} (or the words the reports use, such as '{word}'), or leave it empty",
            codes=", ".join(STATUSES),
            word=status_word("partial"),
        ),
    )
    problems.append(Problem(shown, cell.line, cell.column, message, "bad-status"))
    return None


def _choices(words: Iterable[str]) -> list[str]:
    return [*STATUSES, *(w for w in words if w not in STATUSES)]
