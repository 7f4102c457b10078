"""Reading a spreadsheet's CSV for ``coprod import``: its cells, each with the line and column it
starts at (docs/importing.md, 'The CSV file').

Python's :mod:`csv` parses the records; this module feeds it the file's lines so it knows which
lines each record spans, and works out where in them each cell starts, so a problem is named at
``ratings.csv:LINE:COL`` of the CSV.  Before anything is parsed the text is checked for what a
spreadsheet can hide in it: an encoding other than UTF-8, control characters; and after, every
cell a spreadsheet would run as a formula (docs/importing.md, 'Cells a spreadsheet would run').
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass

from coprod_cli.errors import InputError, Problem
from coprod_cli.i18n import N_, _
from coprod_cli.reading.textfile import decode

DELIMITERS = (",", ";", "\t")
"""What separates the cells: a comma; a semicolon, as Excel writes CSV where the decimal mark is a
comma; a tab. The header line decides (the one it holds most of; a comma when it holds none)."""
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A cell starting with one of these is a formula to a spreadsheet; coprod's own CSV puts ``'`` before it."""

_LINE_END = re.compile(r"\r\n|\r|\n")
# Control characters (tab, CR and LF aside), line and paragraph separators, the bidirectional
# controls that can make text show in another order than it is stored, a byte-order mark past the
# start, lone surrogates and non-characters: what the YAML reader refuses in a value too.
_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff\ufffe\uffff]"
)
_CONTROL_REFUSED = N_("contains a control character ({code}); remove it — it can hide or change text on screen")
_SPREADSHEET_SAVE = N_("{message} — in a spreadsheet, use 'Save as' and choose 'CSV UTF-8 (Comma delimited)'")
_FORMULA = {
    "\t": N_(
        "this cell begins with a tab, which a spreadsheet may run as part of a formula, so it is not imported; "
        "remove the tab"
    ),
    "\r": N_(
        "this cell begins with a line break, which a spreadsheet may run as part of a formula, so it is not "
        "imported; remove the line break"
    ),
}
_FORMULA_CHAR = N_(
    "this cell begins with '{char}', which a spreadsheet runs as a formula, so it is not imported; "
    "if it is text, start it with an apostrophe ('{char}…) or reword it"
)
MAX_PROBLEMS_PER_KIND = 20
"""Control characters are named on at most this many lines: a binary file would name thousands."""


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell as read: its text (a leading ``'`` that neutralised a formula taken off) and where it starts."""

    text: str
    line: int
    column: int
    refused: bool = False
    """A formula cell: its problem is in :attr:`Sheet.problems`, and nothing else is said of its row."""


@dataclass(frozen=True, slots=True)
class Record:
    """One row of the CSV: its cells, and where it ends (for a row with too few cells)."""

    cells: tuple[Cell, ...]
    line: int
    end: tuple[int, int]
    """The line and column just after its last cell."""

    @property
    def blank(self) -> bool:
        return all(not cell.text.strip() for cell in self.cells)


@dataclass(frozen=True, slots=True)
class Sheet:
    """A CSV file read: its header and data rows (blank rows left out), and the cells refused."""

    header: Record
    rows: tuple[Record, ...]
    delimiter: str
    problems: tuple[Problem, ...]
    """Formula cells: reported with every other problem of the file."""


def csv_text(data: bytes, shown: str) -> str:
    """The file's text, UTF-8 (a byte-order mark is fine); anything else is refused, saying how a
    spreadsheet saves UTF-8 CSV."""
    try:
        return decode(data, shown)
    except InputError as e:
        raise InputError(
            Problem(p.file, p.line, p.column, _(_SPREADSHEET_SAVE, message=p.message), p.code) for p in e.problems()
        ) from e


def _control_characters(lines: list[str], shown: str) -> Iterator[Problem]:
    found = 0
    for number, line in enumerate(lines, 1):
        bad = _CONTROL.search(line)
        if bad is None:
            continue
        code = f"U+{ord(bad.group()):04X}"
        yield Problem(shown, number, bad.start() + 1, _(_CONTROL_REFUSED, code=code), "control-character")
        found += 1
        if found == MAX_PROBLEMS_PER_KIND:
            return


def _delimiter(line: str) -> str:
    counts = [(line.count(d), -n, d) for n, d in enumerate(DELIMITERS)]
    best = max(counts)
    return best[2] if best[0] else ","


def _cell_starts(record: str, delimiter: str) -> tuple[list[int], int | None]:
    """Where each cell of ``record`` starts (offsets), and where an unclosed quote opens (None if
    every quote closes): the record as :mod:`csv` split it, walked only to find the places."""
    starts: list[int] = []
    at = 0
    while True:
        starts.append(at)
        if record.startswith('"', at):
            search = at + 1
            while True:
                close = record.find('"', search)
                if close < 0:
                    return starts, at
                if not record.startswith('"', close + 1):
                    break
                search = close + 2
            if not record.startswith(delimiter, close + 1):
                return starts, None
            at = close + 2
            continue
        after = record.find(delimiter, at)
        ends = [n for n in (record.find("\n", at), record.find("\r", at)) if n >= 0]
        if after < 0 or (ends and min(ends) < after):
            return starts, None
        at = after + 1


def _place(first: int, lines: list[str], offset: int) -> tuple[int, int]:
    """The line and column of ``offset`` in the record made of ``lines``, the first being line ``first``."""
    for n, line in enumerate(lines):
        if offset < len(line) or n == len(lines) - 1:
            return first + n, offset + 1
        offset -= len(line)
    return first, 1  # pragma: no cover - a record has at least one line


def _records(text: str, shown: str, delimiter: str) -> Iterator[Record]:
    lines = _LINE_END.split(text)
    ends = _LINE_END.findall(text)
    physical = [line + end for line, end in zip(lines, [*ends, ""], strict=True)]
    if physical and not physical[-1]:
        physical.pop()
    reader = csv.reader(iter(physical), delimiter=delimiter, quotechar='"', doublequote=True, strict=True)
    while True:
        first = reader.line_num + 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            raise InputError([_parse_problem(physical[first - 1 :], first, delimiter, shown, e)]) from e
        spanned = physical[first - 1 : reader.line_num]
        record = "".join(spanned)
        starts, _open = _cell_starts(record, delimiter)
        cells = []
        for n, value in enumerate(fields):
            line, column = _place(first, spanned, starts[n]) if n < len(starts) else (first, 1)
            cells.append(Cell(value, line, column))
        last = spanned[-1].rstrip("\r\n")
        yield Record(tuple(cells), first, (first + len(spanned) - 1, len(last) + 1))


def _parse_problem(rest: list[str], first: int, delimiter: str, shown: str, e: csv.Error) -> Problem:
    """What :mod:`csv` could not read, at the place it went wrong, in plain words."""
    record = "".join(rest)
    starts, unclosed = _cell_starts(record, delimiter)
    if unclosed is not None:
        line, column = _place(first, rest, unclosed)
        message = _(
            "the quote that opens this cell is never closed, so the rest of the file would be one cell; "
            'end the cell with a quote ("), and write a quote inside a cell as two ("")'
        )
        return Problem(shown, line, column, message, "open-quote")
    # strict csv: text after a cell's closing quote.  The cell that went wrong is the last one
    # whose quote closes before another character than the delimiter or the line's end.
    for start in starts:
        if not record.startswith('"', start):
            continue
        close = start + 1
        while True:
            close = record.find('"', close)
            if not record.startswith('"', close + 1):
                break
            close += 2
        follows = record[close + 1 : close + 2]
        if follows and follows not in (delimiter, "\r", "\n"):
            line, column = _place(first, rest, close + 1)
            message = _(
                "text follows the closing quote of this cell; put the whole cell in quotes and write a quote "
                'inside it as two ("")'
            )
            return Problem(shown, line, column, message, "bad-quote")
    # TRANSLATORS: {reason} is Python's csv module's own words, in English.
    return Problem(shown, first, 1, _("this line cannot be read as CSV ({reason})", reason=str(e)), "bad-csv")


def _neutral(cell: Cell, shown: str) -> tuple[Cell, Problem | None]:
    """The cell with coprod's neutralising ``'`` taken off, or the problem of a formula cell."""
    text = cell.text
    if text.startswith("'") and text[1:2] and text[1] in FORMULA_STARTS:
        return Cell(text[1:], cell.line, cell.column), None
    lead = text.lstrip(" ")
    if lead[:1] in FORMULA_STARTS and lead:
        char = lead[0]
        message = _(_FORMULA[char]) if char in _FORMULA else _(_FORMULA_CHAR, char=char)
        return Cell(text, cell.line, cell.column, refused=True), Problem(
            shown, cell.line, cell.column + len(text) - len(lead), message, "formula-cell"
        )
    return cell, None


def read_sheet(text: str, shown: str) -> Sheet:
    """The header and rows of a CSV file's text (see :func:`csv_text`); InputError for a file that
    cannot be read as CSV at all (control characters, a quote never closed, nothing in it)."""
    lines = _LINE_END.split(text)
    bad = list(_control_characters(lines, shown))
    if bad:
        raise InputError(bad)
    header_line = next((line for line in lines if line.strip()), None)
    if header_line is None:
        message = _(
            "is empty; the first line must name the columns, e.g. target,status,evidence,action,owner,due, "
            "and each line after it give one target's status"
        )
        raise InputError([Problem(shown, 0, 0, message, "empty")])
    delimiter = _delimiter(header_line)
    records: list[Record] = []
    problems: list[Problem] = []
    for record in _records(text, shown, delimiter):
        cells = []
        for cell in record.cells:
            neutral, problem = _neutral(cell, shown)
            cells.append(neutral)
            if problem is not None:
                problems.append(problem)
        checked = Record(tuple(cells), record.line, record.end)
        if not checked.blank:
            records.append(checked)
    if not records:  # only blank cells: ';;;' lines
        message = _("has no header: the first line must name the columns, e.g. target,status,evidence,action")
        raise InputError([Problem(shown, 0, 0, message, "empty")])
    return Sheet(records[0], tuple(records[1:]), delimiter, tuple(problems))
