"""Issue 14, item 1: merge and migrate keep each privacy waiver with the text it was written for.

The issue's example: ``b.yaml``'s notes hold an NHS number folded by an editor over two lines
(so the text scan of ``b.yaml`` saw no number), and ``a.yaml``'s notes a waived ward phone number.
Merge used to join both notes on the waived line, so the merged file validated and its report
printed the NHS number in full, listed under the phone waiver.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import RunCoprod

REASON = "published ward phone number"
HEAD = "unit: {{name: Afon Ward}}\nassessed_on: 2026-10-14\nassessors: [{{name: {who}, role: {role}}}]\ntargets:\n"


def _file(folder: Path, name: str, who: str, role: str, entry: str) -> str:
    (folder / name).write_text(HEAD.format(who=who, role=role) + "  L1.buddy-system:\n    status: met\n" + entry)
    return name


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _phone_file(here: Path) -> str:
    return _file(
        here, "a.yaml", "Ann", "staff", f'    notes: "Ward phone 01632 960001"  # coprod: not-personal-data {REASON}\n'
    )


def test_the_issue_example_never_puts_the_number_under_the_phone_waiver(coprod: RunCoprod, here: Path) -> None:
    a = _phone_file(here)
    b = _file(here, "b.yaml", "Bea", "carer", "    notes: NHS 943 476\n      5919 folded\n")
    run = coprod("merge", a, b, "-o", "m.yaml")
    assert run.code == 2, run
    assert not (here / "m.yaml").exists()
    assert "(943 *** ****)" in run.stderr, run
    assert "476 5919" not in run.stderr, run


def test_a_waived_text_keeps_its_own_line_when_notes_are_joined(coprod: RunCoprod, here: Path) -> None:
    a = _phone_file(here)
    b = _file(here, "b.yaml", "Bea", "carer", '    notes: " The rota starts on Mondays"\n')
    run = coprod("merge", a, b, "-o", "m.yaml")
    assert run.code == 0, run
    text = (here / "m.yaml").read_text(encoding="utf-8")
    assert (
        '    notes: "\\x20The rota starts on Mondays\\n\\\n'
        f'      Ward phone 01632 960001"  # coprod: not-personal-data {REASON}\n'
    ) in text
    assert coprod("validate", "m.yaml").code == 0
    result = json.loads(coprod("assess", "m.yaml", "--format", "json").stdout)
    line = text.splitlines().index(f'      Ward phone 01632 960001"  # coprod: not-personal-data {REASON}') + 1
    assert result["waivers"] == [{"file": "m.yaml", "line": line, "reason": REASON}]
    report = coprod("report", "m.yaml", "-o", "r.md")
    assert report.code == 0, report
    assert f"| m.yaml | {line} | {REASON} |" in (here / "r.md").read_text(encoding="utf-8")


def test_the_joined_value_reads_back_as_both_texts() -> None:
    from coprod_cli.editing.merge import _texts
    from coprod_cli.editing.merge_sources import Text
    from coprod_cli.reading.yamlread import parse_text

    items = [Text("Phone 01632 960001", "a.yaml", REASON), Text("  two\nlines\t", "b.yaml", None), Text("x", "c", None)]
    lines = _texts("    notes: ", items, "L1.buddy-system")
    assert lines[-1].endswith(f"  # coprod: not-personal-data {REASON}")
    assert all("#" not in line for line in lines[:-1])
    doc = parse_text("entry:\n" + "\n".join(lines) + "\n", "m.yaml")
    assert doc.data == {"entry": {"notes": "  two\nlines\t\nx\nPhone 01632 960001"}}


def test_texts_waived_for_different_reasons_are_not_put_under_one(coprod: RunCoprod, here: Path) -> None:
    a = _phone_file(here)
    b = _file(
        here,
        "b.yaml",
        "Bea",
        "carer",
        '    notes: "Test number 943 476 5919"  # coprod: not-personal-data the NHS test number from the data dictionary\n',
    )
    run = coprod("merge", a, b, "-o", "m.yaml")
    assert run.code == 2, run
    assert run.stderr == (
        "coprod: L1.buddy-system: the notes in a.yaml and b.yaml each carry a privacy waiver of their own, and one "
        "merged 'notes:' can keep only one; give both the same reason, or move one text into the other file, and "
        "merge again\n"
    )
    assert not (here / "m.yaml").exists()


def test_texts_waived_for_the_same_reason_share_its_line(coprod: RunCoprod, here: Path) -> None:
    a = _phone_file(here)
    b = _file(here, "b.yaml", "Bea", "carer", f'    notes: "Or 01632 960002"  # coprod: not-personal-data {REASON}\n')
    run = coprod("merge", a, b, "-o", "m.yaml")
    assert run.code == 0, run
    text = (here / "m.yaml").read_text(encoding="utf-8")
    assert f'    notes: "Ward phone 01632 960001\\nOr 01632 960002"  # coprod: not-personal-data {REASON}\n' in text


def test_migrate_does_not_carry_a_waiver_onto_a_new_framework_path(coprod: RunCoprod, here: Path) -> None:
    for folder, ident in (("CF10 1AB", "local"), ("SA1 1AA", "other")):
        (here / folder).mkdir()
        (here / folder / "local.yaml").write_text(
            f"id: {ident}\nversion: 1.0.0\ntitle: Local\nextends: rehab-recovery\n"
        )
    before = (
        "unit: {name: Ward A}\n"
        "framework: ./CF10 1AB/local.yaml  # coprod: not-personal-data the postcode of our own building\n"
        "assessed_on: 2026-10-14\n"
    )
    (here / "unit.yaml").write_text(before)
    assert coprod("validate", "unit.yaml").code == 0
    run = coprod("migrate", "unit.yaml", "--to", "./SA1 1AA/local.yaml", "--write")
    assert run.code == 2, run
    assert run.stderr.startswith(
        "unit.yaml:2:15: this output would put what looks like a postcode (SA1 ***) on a line whose privacy waiver "
        "was written for something else, so nothing was written"
    ), run
    assert (here / "unit.yaml").read_text() == before
