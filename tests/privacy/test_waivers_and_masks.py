"""Issue 14, items 1 and 4: a waiver covers only what it was written for, and messages are masked.

A waiver in a file a person wrote covers everything found on its line.  In a file coprod writes
from its inputs (merge, migrate, interview), a waiver covers only the values a waiver with the same
reason covered in those inputs: a different identifier brought onto its line is still refused.
Every message coprod prints passes through the same masking as the scan's findings.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from coprod_cli.errors import InputError
from coprod_cli.privacy.guard import WaiverNote, check_input, check_output, waivable
from coprod_cli.privacy.scan import mask, scan

NHS = "943 476 5919"  # NHS Digital's published test number
PHONE = "01632 960001"  # an Ofcom drama number
REASON = "published ward phone number"
LINE = f"notes: 'Ward phone {PHONE}, {NHS}'  # coprod: not-personal-data {REASON}\n"


def test_a_waiver_records_what_it_covered(tmp_path: Path) -> None:
    checked = check_input(f"notes: 'Ward phone {PHONE}'  # coprod: not-personal-data {REASON}\n", "a.yaml", tmp_path)
    (note,) = checked.waivers
    assert (note.file, note.line, note.reason) == ("a.yaml", 1, REASON)
    assert note.keys == frozenset({"phone:01632960001"})
    assert "phone:01632960001" not in repr(note)  # what it covered is never shown
    assert waivable([note, WaiverNote("b.yaml", 4, REASON, frozenset({"phone:01632960002"}))]) == {
        REASON: frozenset({"phone:01632960001", "phone:01632960002"})
    }


def test_in_a_file_a_person_wrote_a_waiver_covers_its_whole_line() -> None:
    result = scan(LINE)
    assert result.findings == ()
    assert [f.masked for f in result.waivers[0].findings] == ["01632 ******", "943 *** ****"]


def test_in_text_coprod_wrote_a_waiver_covers_only_what_it_was_written_for() -> None:
    result = scan(LINE, waivable={REASON: frozenset({"phone:01632960001"})})
    assert [(f.line, f.column, f.kind, f.masked) for f in result.findings] == [(1, 34, "NHS number", "943 *** ****")]
    assert [f.masked for f in result.waivers[0].findings] == ["01632 ******"]
    # A value waived in an input, but under another reason, is not let onto this line either.
    also = scan(LINE, also_allowed=frozenset({"nhs:9434765919"}), waivable={REASON: frozenset({"phone:01632960001"})})
    assert [f.masked for f in also.findings] == ["943 *** ****"]
    # Nor is a reason no input waiver gave.
    assert len(scan(LINE, waivable={}).findings) == 2


def test_an_output_refused_for_a_stretched_waiver_says_so(tmp_path: Path) -> None:
    note = WaiverNote("a.yaml", 7, REASON, frozenset({"phone:01632960001"}))
    with pytest.raises(InputError) as caught:
        check_output("unit: {name: Ward A}\n" + LINE, "m.yaml", tmp_path, frozenset(), waivers=[note])
    assert [p.render() for p in caught.value.problems()] == [
        "m.yaml:2:34: this output would put what looks like an NHS number (943 *** ****) on a line whose privacy "
        "waiver was written for something else, so nothing was written; it came from one of the files given: "
        "remove it there, or if it is not personal data, waive it there on a line of its own"
    ]
    with pytest.raises(InputError) as plain:
        check_output(f"notes: '{NHS}'\n", "m.yaml", tmp_path, frozenset(), waivers=[note])
    assert plain.value.problems()[0].message.startswith(
        "this output would put what looks like an NHS number (943 *** ****), so nothing was written; it came from "
        "one of the files given"
    )
    check_output(f"notes: 'Ward phone {PHONE}'  # coprod: not-personal-data {REASON}\n", "m.yaml", tmp_path,
                 frozenset(), waivers=[note])  # fmt: skip


@pytest.mark.parametrize(
    ("message", "masked"),
    [
        (f"'{NHS}' is not a valid status", "'943 *** ****' is not a valid status"),
        ("unknown key '07700 900123'", "unknown key '07700 ******'"),
        ("unknown target '943-476-5919'", "unknown target '943-***-****'"),
        ("'rhian.jones@example.org' is not a valid role", "'r***@***.org' is not a valid role"),
        ("'DOB 01/03/1990' is not a date", "'DOB **/**/****' is not a date"),
        ("'CF10 1AB' should be a date", "'CF10 ***' should be a date"),
        (
            "unit.yaml:3:5: 'L1.buddy-sytem' is fine, as is 2026-10-14",
            "unit.yaml:3:5: 'L1.buddy-sytem' is fine, as is 2026-10-14",
        ),
    ],
)
def test_mask_hides_what_the_scan_finds_and_nothing_else(message: str, masked: str) -> None:
    assert mask(message) == masked
