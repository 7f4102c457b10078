"""``coprod merge`` keeps every action of every file, with its status (docs/evidence-file.md, 'Actions')."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import RunCoprod

HEAD = "unit: {{name: Afon}}\nassessed_on: {day}\nassessors:\n  - {{name: {name}, role: {role}}}\ntargets:\n"

RHIAN = HEAD.format(day="2026-10-14", name="Rhian", role="service-user") + (
    "  L1.buddy-system:\n"
    "    status: partial\n"
    "    actions:\n"
    '      - {description: "Write a buddy guide", owner: "Peer worker", due: 2026-09-30, status: done, '
    "changed_on: 2026-09-12}\n"
    '      - description: "Pay buddies"\n'
    "        status: dropped\n"
    "        changed_on: 2026-10-01\n"
    '        reason: "The payment policy covers it"\n'
    '      - {description: "Offer a buddy to every new admission", owner: "Ward manager", due: 2027-01-31}\n'
    "  L1.own-care-plans:\n"
    "    status: partial\n"
    '    action: {description: "Audit care plans", owner: "Named nurses", due: 2026-12-01, status: done, '
    "changed_on: 2026-10-10}\n"
)
STAFF = HEAD.format(day="2026-10-14", name="Iwan", role="staff") + (
    "  L1.buddy-system:\n"
    "    status: partial\n"
    '    action: {description: "Offer a buddy to every new admission", owner: "Ward manager", due: 2027-03-31}\n'
    "  L1.suggestion-boxes:\n"
    "    status: partial\n"
    '    action: {description: "Put a box in the lounge", owner: "Iwan", due: 2026-12-01}\n'
)


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "rhian.yaml").write_text(RHIAN, encoding="utf-8")
    (tmp_path / "staff.yaml").write_text(STAFF, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_every_action_is_kept_with_its_status(coprod: RunCoprod, files: Path) -> None:
    run = coprod("merge", "rhian.yaml", "staff.yaml", "-o", "unit.yaml")
    assert run.code == 0, run
    merged = (files / "unit.yaml").read_text(encoding="utf-8")
    buddy = merged.split("  L1.buddy-system:\n")[1].split("\n  # ")[0]
    assert buddy.count("actions:") == 1
    assert "action:" not in buddy
    assert (
        "    actions:\n"
        '      - {description: "Write a buddy guide", owner: "Peer worker", due: 2026-09-30, status: done, '
        "changed_on: 2026-09-12}\n"
        '      - {description: "Pay buddies", status: dropped, changed_on: 2026-10-01, '
        'reason: "The payment policy covers it"}\n'
        '      - {description: "Offer a buddy to every new admission", owner: "Ward manager", due: 2027-01-31}\n'
        '      - {description: "Offer a buddy to every new admission", owner: "Ward manager", due: 2027-03-31}'
    ) in buddy
    # One action stays under 'action:', its status kept; an open one is written as before.
    assert (
        '    action: {description: "Audit care plans", owner: "Named nurses", due: 2026-12-01, status: done, '
        "changed_on: 2026-10-10}\n"
    ) in merged
    assert '    action: {description: "Put a box in the lounge", owner: "Iwan", due: 2026-12-01}\n' in merged
    # The action the two files give differently is named for the group to settle.
    assert (
        "L1.buddy-system: the action 'Offer a buddy to every new admission' is written differently in "
        "rhian.yaml, staff.yaml; both are kept under 'actions:' — agree one and delete the other"
    ) in run.stderr
    # The merged file is valid and says the same about each action.
    assessed = coprod("assess", "unit.yaml", "--format", "json")
    assert assessed.code == 0, assessed
    actions = json.loads(assessed.stdout)["actions"]
    assert [(a["target"], a["status"]) for a in actions] == [
        ("L1.own-care-plans", "done"),
        ("L1.suggestion-boxes", "open"),
        ("L1.buddy-system", "done"),
        ("L1.buddy-system", "dropped"),
        ("L1.buddy-system", "open"),
        ("L1.buddy-system", "open"),
    ]


def test_merging_the_merged_file_again_keeps_the_actions_once(coprod: RunCoprod, files: Path) -> None:
    assert coprod("merge", "rhian.yaml", "staff.yaml", "-o", "unit.yaml").code == 0
    run = coprod("merge", "unit.yaml", "staff.yaml", "-o", "again.yaml")
    assert run.code == 0, run
    again = (files / "again.yaml").read_text(encoding="utf-8")
    assert again.count("Write a buddy guide") == 1
    assert again.count("Offer a buddy to every new admission") == 2


def test_the_note_in_welsh(coprod: RunCoprod, files: Path) -> None:
    run = coprod("merge", "rhian.yaml", "staff.yaml", "-o", "unit.yaml", "--lang", "cy")
    assert run.code == 0, run
    assert "L1.buddy-system: mae'r cam gweithredu 'Offer a buddy to every new admission'" in run.stderr
