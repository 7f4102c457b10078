"""Whatever a CSV holds, importing it ends in an evidence file that validates or in a clean
InputError whose every problem is at a line and column inside the file — never another exception.

Inputs are arbitrary bytes, and CSV-like files made of the cells that matter (ids, target texts,
statuses in words, formula cells and their neutralised form, quotes, dates, line breaks, control
characters) joined by any of the delimiters, with any line end, a byte-order mark or not, and
sometimes saved in another encoding.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from coprod_cli.cli.importing import _new_session
from coprod_cli.editing.csv_import import import_csv
from coprod_cli.errors import InputError
from coprod_cli.reading import inputs
from coprod_cli.reading.yamlread import parse_text
from coprod_cli.scoring.check import cross_check_document

CELLS = (
    *("target", "status", "evidence", "action", "owner", "due", "justification", "notes", "Target ID", "colour"),
    *(
        "L1.own-care-plans",
        "L1.buddy-system",
        "E.payment-policy",
        "L1.own-care-plan",
        "Suggestion boxes displayed in main areas",
    ),
    *("met", "Partly met", "not-met", "n/a", "not-applicable", "Don't know", "Wedi'i gyflawni", "mett", ""),
    *("=1+1", "'=1+1", "+x", "-", "'-3", "@SUM(A1)", "\tx", "'\tx", "\rx", " =x"),
    *('"', '""', 'a"b', "a,b", "a;b", "x\ny", "2026-02-30", "2027-01-31", "Ward manager", "é ŵ", "\x07", "\u202e"),
    *("jo@example.com", "No public areas"),
)
_LINE_END = re.compile(r"\r\n|\r|\n")


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    rows = draw(st.lists(st.lists(st.sampled_from(CELLS), max_size=6), max_size=6))

    def cell(text: str) -> str:
        return '"' + text.replace('"', '""') + '"' if draw(st.booleans()) else text

    text = newline.join(delimiter.join(cell(c) for c in row) for row in rows)
    text += newline if draw(st.booleans()) else ""
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    return text.encode(encoding, "replace")


def _check_places(data: bytes, error: InputError) -> None:
    assert error.problems(), "an InputError names at least one problem"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = None
    for problem in error.problems():
        if problem.line == 0:
            assert problem.column == 0, problem
            continue
        if text is None or problem.code == "encoding":
            assert 1 <= problem.line <= data.count(b"\n") + 1, problem
            continue
        lines = _LINE_END.split(text)
        assert 1 <= problem.line <= len(lines), problem
        assert 1 <= problem.column <= len(lines[problem.line - 1]) + 1, problem


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=300), csv_files()))
@example(b"target,status\nL1.own-care-plans,met\n")
@example(b'target,status\n"L1.own-care-plans\n')
def test_any_bytes_give_a_valid_file_or_problems_inside_the_file(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        inputs.start()
        session = _new_session(folder / "out.yaml", "Ward A", "2026-10-14", None, [], ("Gwen", "carer"))
        path = folder / "r.csv"
        path.write_bytes(data)
        try:
            done = import_csv(path, "r.csv", session)
        except InputError as e:
            _check_places(data, e)
            return
        text = done.text.removeprefix("\ufeff")
        cross_check_document(parse_text(text, "out.yaml"), session.framework)
        assert done.rated + done.no_status >= 1
