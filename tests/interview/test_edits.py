"""Each answer as an edit of the file's text: every byte it does not answer stays as written,
however the file was laid out by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, RunCoprod
from tests.interview.conftest import answers, changed_lines, validate

HAND = (
    "\ufeff# Written by hand, with CRLF line ends.\r\n"
    "unit: {name: 'Ward [/b] <b>| A'}   # markup stays text\r\n"
    "assessed_on: 2026-10-14\r\n"
    "assessors:\r\n"
    "- {name: Gwen, role: carer}\r\n"
    "targets:\r\n"
    "    L1.own-care-plans:\r\n"
    "        status: partial    # agreed in May\r\n"
    "        ratings:\r\n"
    "            Gwen: not-met\r\n"
    "        evidence:\r\n"
    "        - description: Care plans audit\r\n"
    "          date: 2026-05-01\r\n"
    "        # more to come\r\n"
    "\r\n"
    "    # the buddy rota\r\n"
    "    L1.buddy-system: {status: 'met', evidence: [{description: Buddy rota}]}  # checked\r\n"
    "enablers:\r\n"
    "  E.payment-policy: {status: partial}\r\n"
)


def test_a_hand_written_file_keeps_every_other_byte(coprod: RunCoprod, folder: Path) -> None:
    unit = folder / "unit.yaml"
    unit.write_bytes(HAND.encode("utf-8"))
    script = answers(
        "m", "Second audit", "2026-09-01", "",  # L1.own-care-plans
        "n", "", "",  # L1.community-meetings: not in the file yet
        "j", "e", "s", "n", "", "A payment policy", "Manager", "",  # E.payment-policy, written on one line
        "q",
    )  # fmt: skip
    run = coprod("interview", "unit.yaml", input=script)
    assert run.code == 0, run
    assert "Interview for Ward [/b] <b>| A:" in run.stdout
    raw = unit.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    new = raw.decode("utf-8-sig")
    assert "\n" not in new.replace("\r\n", "")
    removed, added = changed_lines(HAND.removeprefix("\ufeff"), new)
    assert removed == [
        "        status: partial    # agreed in May\r\n",
        "  E.payment-policy: {status: partial}\r\n",
    ]
    assert added == [
        "# coprod interview: next E.training-programme\r\n",
        "        status: met    # agreed in May\r\n",
        '        - {description: "Second audit", date: 2026-09-01}\r\n',
        "    # Regular meetings for service users as a group (e.g. community / mutual help meetings)\r\n",
        "    L1.community-meetings:\r\n",
        "        status: not-met\r\n",
        "  E.payment-policy:\r\n",
        "    status: not-met\r\n",
        '    action: {description: "A payment policy", owner: "Manager"}\r\n',
    ]
    assert new.index("Second audit") < new.index("# more to come")
    validate(coprod, unit)


def test_a_flow_entry_keeps_its_comment_when_rewritten(coprod: RunCoprod, folder: Path) -> None:
    unit = folder / "unit.yaml"
    unit.write_bytes(HAND.encode("utf-8"))
    run = coprod("interview", "unit.yaml", input=answers("j", "1", *["s"] * 8, "p", "", "", "q"))
    assert run.code == 0, run
    text = unit.read_bytes().decode("utf-8-sig")
    assert (
        "    # the buddy rota\r\n"
        "    L1.buddy-system:  # checked\r\n"
        "        status: partial\r\n"
        "        evidence:\r\n"
        '            - {description: "Buddy rota"}\r\n'
        "enablers:\r\n"
    ) in text
    validate(coprod, unit)


@pytest.mark.parametrize(
    ("assessors", "expected"),
    [
        ("assessors: []\n", 'assessors:\n  - {name: "Iwan", role: staff}\n'),
        (
            "assessors: [{name: Gwen, role: carer}]\n",
            'assessors:\n  - {name: "Gwen", role: carer}\n  - {name: "Iwan", role: staff}\ntargets:\n',
        ),
        ("assessors: ~  # nobody yet\n", 'assessors:  # nobody yet\n  - {name: "Iwan", role: staff}\n'),
        ("", 'assessors:\n  - {name: "Iwan", role: staff}\ntargets:\n'),
        (
            "assessors:\n  - {name: Gwen, role: carer}\n",
            '  - {name: Gwen, role: carer}\n  - {name: "Iwan", role: staff}\n',
        ),
    ],
)
def test_the_rater_is_added_to_assessors_however_written(
    coprod: RunCoprod, folder: Path, assessors: str, expected: str
) -> None:
    unit = folder / "unit.yaml"
    unit.write_text(f"unit:\n  name: A\nassessed_on: 2026-10-14\n{assessors}targets:\n", encoding="utf-8")
    run = coprod("interview", "unit.yaml", "--as", "Iwan", "--role", "staff", input=answers("m", "", "q"))
    assert run.code == 0, run
    text = unit.read_text(encoding="utf-8")
    assert expected in text
    assert "targets:\n  # All service users write their own care & activity plans\n  L1.own-care-plans:\n" in text
    assert "    ratings:\n      Iwan: met\n" in text
    validate(coprod, unit)


@pytest.mark.parametrize("targets", ["targets: {}\n", "targets: ~\n", "", "targets:\n  # none yet\n"])
def test_empty_or_missing_sections_get_their_first_entry(coprod: RunCoprod, folder: Path, targets: str) -> None:
    unit = folder / "unit.yaml"
    unit.write_text(f"unit:\n  name: A\nassessed_on: 2026-10-14\n{targets}", encoding="utf-8")
    run = coprod("interview", "unit.yaml", input=answers("j", "2", "p", "", "", "j", "e", "m", "", "q"))
    assert run.code == 0, run
    text = unit.read_text(encoding="utf-8")
    assert "  L2.newcomers-level1:\n    status: partial\n" in text
    assert (
        "enablers:\n  # A clear service ethos / guiding principles are written down\n  E.guiding-principles:\n    status: met\n"
        in text
    )
    validate(coprod, unit)


def test_a_missing_target_goes_in_the_framework_order(coprod: RunCoprod, folder: Path) -> None:
    unit = folder / "unit.yaml"
    unit.write_text(
        "unit:\n  name: A\nassessed_on: 2026-10-14\ntargets:\n"
        "  # ---- Level 1 ----\n"
        "  # about community meetings\n"
        "  L1.community-meetings:\n    status: met\n    evidence: [{description: Minutes}]\n",
        encoding="utf-8",
    )
    run = coprod("interview", "unit.yaml", input=answers("n", "", "", "m", "More minutes", "", "q"))
    assert run.code == 0, run
    assert unit.read_text(encoding="utf-8").endswith(
        "targets:\n"
        "  # ---- Level 1 ----\n"
        "  # All service users write their own care & activity plans\n"
        "  L1.own-care-plans:\n"
        "    status: not-met\n"
        "  # about community meetings\n"
        "  L1.community-meetings:\n"
        "    status: met\n"
        "    evidence:\n"
        '      - {description: "Minutes"}\n'
        '      - {description: "More minutes"}\n'
    )
    validate(coprod, unit)


def test_an_example_file_changes_only_in_the_answered_lines(coprod: RunCoprod, folder: Path) -> None:
    unit = folder / "unit.yaml"
    before = (EXAMPLES / "open-rehab-unit.yaml").read_text(encoding="utf-8")
    unit.write_text(before, encoding="utf-8")
    # L1.carer-perspective-ctp (8th) has evidence and an action: met, add evidence, keep the action.
    run = coprod("interview", "unit.yaml", input=answers(*["s"] * 7, "m", "All 17 CTPs now", "2026-09-01", "", "q"))
    assert run.code == 0, run
    assert "Action: Phone carers before each CTP when they cannot attend, and record their" in run.stdout
    removed, added = changed_lines(before, unit.read_text(encoding="utf-8"))
    assert removed == ["    status: partial\n"]
    assert added == [
        "# coprod interview: next L1.buddy-system\n",
        "    status: met\n",
        '      - {description: "All 17 CTPs now", date: 2026-09-01}\n',
    ]


def test_replacing_an_action_keeps_its_place(coprod: RunCoprod, folder: Path) -> None:
    unit = folder / "unit.yaml"
    before = (
        "unit: {name: A}\nassessed_on: 2026-10-14\ntargets:\n  L1.own-care-plans:\n    status: partial\n"
        "    action:\n"
        '      description: "Phone carers before each CTP"\n'
        '      owner: "Named nurses"\n'
        "      due: 2026-12-31\n"
        "    notes: kept\n"
    )
    unit.write_text(before, encoding="utf-8")
    run = coprod("interview", "unit.yaml", input=answers("p", "", "Ring carers", "", "", "q"))
    assert run.code == 0, run
    removed, added = changed_lines(before, unit.read_text(encoding="utf-8"))
    assert removed == [
        "    action:\n",
        '      description: "Phone carers before each CTP"\n',
        '      owner: "Named nurses"\n',
        "      due: 2026-12-31\n",
    ]
    assert added == ["# coprod interview: next L1.community-meetings\n", '    action: {description: "Ring carers"}\n']


def test_a_file_without_a_last_line_end(coprod: RunCoprod, folder: Path) -> None:
    unit = folder / "unit.yaml"
    unit.write_text(
        "unit:\n  name: A\nassessed_on: 2026-10-14\ntargets:\n  L1.own-care-plans: {status: met}", encoding="utf-8"
    )
    run = coprod("interview", "unit.yaml", input=answers("n", "", "", "q"))
    assert run.code == 0, run
    assert unit.read_text(encoding="utf-8").endswith("  L1.own-care-plans:\n    status: not-met\n")
    validate(coprod, unit)


def test_ratings_written_by_others_are_kept(coprod: RunCoprod, folder: Path) -> None:
    unit = folder / "unit.yaml"
    unit.write_bytes(HAND.encode("utf-8"))
    run = coprod("interview", "unit.yaml", "--as", "Iwan", "--role", "staff", input=answers("x", "", "q"))
    assert run.code == 0, run
    assert "(Enter alone: give no reason; q: save and quit)" in run.stdout
    text = unit.read_bytes().decode("utf-8-sig")
    assert "        ratings:\r\n            Gwen: not-met\r\n            Iwan: not-applicable\r\n" in text
    assert '- {name: Gwen, role: carer}\r\n- {name: "Iwan", role: staff}\r\n' in text
    gwen = coprod("interview", "unit.yaml", "--as", "Gwen", input=answers("m", "", "q"))
    assert gwen.code == 0, gwen
    text = unit.read_bytes().decode("utf-8-sig")
    assert "            Gwen: met\r\n            Iwan: not-applicable\r\n" in text
    assert "# coprod interview for Gwen: next L1.community-meetings\r\n" in text
    assert "# coprod interview for Iwan: next L1.community-meetings\r\n" in text
    validate(coprod, unit)


def test_ratings_written_on_one_line_are_rewritten(coprod: RunCoprod, folder: Path) -> None:
    unit = folder / "unit.yaml"
    unit.write_text(
        "unit:\n  name: A\nassessed_on: 2026-10-14\nassessors:\n  - {name: Gwen, role: carer}\n"
        "targets:\n  L1.own-care-plans:\n    status: met\n    ratings: {Gwen: met}\n"
        "    evidence: [{description: Audit}]\n",
        encoding="utf-8",
    )
    run = coprod("interview", "unit.yaml", "--as", "Iwan", "--role", "staff", input=answers("p", "", "", "q"))
    assert run.code == 0, run
    assert unit.read_text(encoding="utf-8").endswith(
        "  L1.own-care-plans:\n    status: met\n    ratings:\n      Gwen: met\n      Iwan: partial\n"
        "    evidence: [{description: Audit}]\n"
    )
    validate(coprod, unit)


def test_a_flow_entry_with_every_key_is_written_out(coprod: RunCoprod, folder: Path) -> None:
    unit = folder / "unit.yaml"
    unit.write_text(
        "unit:\n  name: A\nassessed_on: 2026-10-14\nassessors: [{name: Gwen, role: carer}]\n"
        "targets:\n"
        "  L1.own-care-plans: {status: partial, ratings: {Gwen: partial},\n"
        "    # a comment inside\n"
        "    evidence: [{description: Audit, date: 2026-09-01, link: 'https://example.org/a'}],\n"
        "    action: {description: Finish, owner: ~}, justification: none, notes: 'kept'}\n",
        encoding="utf-8",
    )
    run = coprod("interview", "unit.yaml", input=answers("m", "", "q"))
    assert run.code == 0, run
    assert unit.read_text(encoding="utf-8").endswith(
        "  L1.own-care-plans:\n"
        "    # a comment inside\n"
        "    status: met\n"
        "    ratings:\n"
        "      Gwen: partial\n"
        "    evidence:\n"
        '      - {description: "Audit", date: 2026-09-01, link: "https://example.org/a"}\n'
        '    action: {description: "Finish"}\n'
        '    justification: "none"\n'
        '    notes: "kept"\n'
    )
    validate(coprod, unit)


def test_an_empty_evidence_list_is_written_out_with_the_first_item(coprod: RunCoprod, folder: Path) -> None:
    unit = folder / "unit.yaml"
    unit.write_text(
        "unit:\n  name: A\nassessed_on: 2026-10-14\ntargets:\n"
        "  L1.own-care-plans:\n    status: partial\n    evidence: []\n    notes: kept\n",
        encoding="utf-8",
    )
    run = coprod("interview", "unit.yaml", input=answers("m", "Audit", "", "", "q"))
    assert run.code == 0, run
    assert unit.read_text(encoding="utf-8") == (
        "# coprod interview: next L1.community-meetings\n"
        "unit:\n  name: A\nassessed_on: 2026-10-14\ntargets:\n"
        '  L1.own-care-plans:\n    status: met\n    evidence:\n      - {description: "Audit"}\n    notes: kept\n'
    )
    validate(coprod, unit)


def test_a_new_entry_before_a_one_line_entry_indents_by_two(coprod: RunCoprod, folder: Path) -> None:
    unit = folder / "unit.yaml"
    unit.write_text(
        "unit:\n  name: A\nassessed_on: 2026-10-14\ntargets:\n"
        "  L1.community-meetings: {status: met, evidence: [{description: Minutes}]}\n",
        encoding="utf-8",
    )
    run = coprod("interview", "unit.yaml", input=answers("n", "", "", "q"))
    assert run.code == 0, run
    assert unit.read_text(encoding="utf-8").endswith(
        "targets:\n"
        "  # All service users write their own care & activity plans\n"
        "  L1.own-care-plans:\n"
        "    status: not-met\n"
        "  L1.community-meetings: {status: met, evidence: [{description: Minutes}]}\n"
    )


def test_a_flow_entry_rewritten_keeps_its_waiver_with_the_value_it_covered(coprod: RunCoprod, folder: Path) -> None:
    # Issue 14, item 1: the waiver stays on the line of the phone number it was written for, not the key's.
    waiver = "# coprod: not-personal-data published ward phone number"
    hand = HAND.replace(
        "    L1.buddy-system: {status: 'met', evidence: [{description: Buddy rota}]}  # checked\r\n",
        f"    L1.buddy-system: {{status: 'met', notes: \"Ward phone 01632 960001\"}}  {waiver}\r\n",
    )
    unit = folder / "unit.yaml"
    unit.write_bytes(hand.encode("utf-8"))
    run = coprod("interview", "unit.yaml", input=answers("j", "1", *["s"] * 8, "p", "", "", "q"))
    assert run.code == 0, run
    text = unit.read_bytes().decode("utf-8-sig")
    assert (
        f'    L1.buddy-system:\r\n        status: partial\r\n        notes: "Ward phone 01632 960001"  {waiver}\r\n'
    ) in text
    validate(coprod, unit)


def test_evidence_rewritten_one_item_a_line_keeps_its_waiver_with_the_item(coprod: RunCoprod, folder: Path) -> None:
    # Issue 14, item 1: a flow list of evidence rewritten one item a line by an answer.
    waiver = "# coprod: not-personal-data published ward phone number"
    unit = folder / "unit.yaml"
    unit.write_text(
        "unit: {name: Ward A}\nassessed_on: 2026-10-14\ntargets:\n  L1.own-care-plans:\n    status: partial\n"
        f'    evidence: [{{description: "Ward phone 01632 960001"}}]  {waiver}\n',
        encoding="utf-8",
    )
    run = coprod("interview", "unit.yaml", input=answers("m", "Second audit", "2026-09-01", "", "q"))
    assert run.code == 0, run
    assert (
        "    evidence:\n"
        f'      - {{description: "Ward phone 01632 960001"}}  {waiver}\n'
        '      - {description: "Second audit", date: 2026-09-01}\n'
    ) in unit.read_text(encoding="utf-8")
    validate(coprod, unit)
