"""``coprod migrate`` keeps a target's ``actions:`` whole, statuses and all (docs/evidence-file.md, 'Actions')."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import RunCoprod
from tests.editing.test_migrate import LOCAL

ACTIONS = (
    "    actions:\n"
    '      - {description: "Write a buddy guide", owner: "Peer worker", status: done, changed_on: 2026-09-12}\n'
    '      - description: "Pay buddies"\n'
    "        status: dropped\n"
    "        changed_on: 2026-10-01\n"
    '        reason: "The payment policy covers it"\n'
)
UNIT = (
    "unit: {name: Afon}\nframework: rehab-recovery\nassessed_on: 2026-10-14\ntargets:\n"
    "  L1.buddy-system:\n    status: met\n" + ACTIONS + "  L1.own-care-plans:\n    status: partial\n"
    "    actions:\n"
    '      - {description: "Audit care plans", owner: "Named nurses", due: 2026-12-01}\n'
    '      - {description: "Train staff", owner: "Ward manager", status: done, changed_on: 2026-10-02}\n'
)


@pytest.fixture
def unit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "local.yaml").write_text(LOCAL, encoding="utf-8")
    (tmp_path / "unit.yaml").write_text(UNIT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "unit.yaml"


def test_a_retired_target_keeps_its_actions(coprod: RunCoprod, unit: Path) -> None:
    run = coprod("migrate", "unit.yaml", "--to", "./local.yaml", "--write")
    assert run.code == 0, run
    text = unit.read_text(encoding="utf-8")
    retired = text.split("retired:\n")[1]
    assert "  L1.buddy-system:\n    status: met\n" + ACTIONS in retired
    assert text.count("actions:") == 2
    assert "    action:" not in text
    result = json.loads(coprod("assess", "unit.yaml", "--format", "json").stdout)
    assert [(a["target"], a["status"]) for a in result["actions"]] == [
        ("L1.own-care-plans", "open"),
        ("L1.own-care-plans", "done"),
    ]


def test_migrating_back_brings_the_actions_back(coprod: RunCoprod, unit: Path) -> None:
    assert coprod("migrate", "unit.yaml", "--to", "./local.yaml", "--write").code == 0
    assert coprod("migrate", "unit.yaml", "--to", "rehab-recovery", "--write").code == 0
    result = json.loads(coprod("assess", "unit.yaml", "--format", "json").stdout)
    assert sorted((a["target"], a["description"], a["status"]) for a in result["actions"]) == [
        ("L1.buddy-system", "Pay buddies", "dropped"),
        ("L1.buddy-system", "Write a buddy guide", "done"),
        ("L1.own-care-plans", "Audit care plans", "open"),
        ("L1.own-care-plans", "Train staff", "done"),
    ]
