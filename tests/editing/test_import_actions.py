"""``coprod import … --into``: a row's action meets the actions the entry has (docs/importing.md, 'Actions').

Every case runs the real CLI on a unit file and a one-row CSV and compares the target's entry
as written, so each way an action is matched, changed or added is pinned down to the byte.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import RunCoprod

HEAD = """\
unit: {name: Ward A}
assessed_on: 2027-04-14
targets:
  L1.buddy-system:
    status: partial
"""
ROW = "target,status,action,owner,due\nL1.buddy-system,partial,{action},{owner},{due}\n"
OPEN = '{description: "Offer a buddy", owner: "Ward manager", due: 2027-01-31}'
DONE = '{description: "Write the buddy guide", status: done, changed_on: 2027-03-01}'


@pytest.mark.parametrize(
    ("entry", "cells", "written"),
    [
        pytest.param(
            f"    actions:\n      - {DONE}\n      - {OPEN}\n",
            {"action": "Offer a buddy", "due": "2027-06-30"},
            f"    actions:\n      - {DONE}\n      - {OPEN.replace('2027-01-31', '2027-06-30')}\n",
            id="the action named by its description takes the row's due date",
        ),
        pytest.param(
            f"    actions:\n      - {DONE}\n      - {OPEN}\n",
            {"owner": "Peer support worker"},
            f"    actions:\n      - {DONE}\n      - {OPEN.replace('Ward manager', 'Peer support worker')}\n",
            id="an owner alone changes the first open action",
        ),
        pytest.param(
            f"    actions:\n      - {OPEN}\n",
            {"action": "Pay buddies"},
            f'    actions:\n      - {OPEN}\n      - {{description: "Pay buddies"}}\n',
            id="a new description is added under actions",
        ),
        pytest.param(
            f"    action: {DONE}\n",
            {"action": "Pay buddies", "owner": "Ward manager"},
            f'    actions:\n      - {DONE}\n      - {{description: "Pay buddies", owner: "Ward manager"}}\n',
            id="beside a lone action that is done, a new one makes a list",
        ),
        pytest.param(
            f"    action: {OPEN}\n",
            {"action": "Pay buddies"},
            '    action: {description: "Pay buddies"}\n',
            id="a new description replaces a lone open action, as the interview does",
        ),
        pytest.param(
            f"    action: {OPEN}\n",
            {"due": "2027-05-01"},
            f"    action: {OPEN.replace('2027-01-31', '2027-05-01')}\n",
            id="a due date alone changes the lone open action",
        ),
        pytest.param(
            "",
            {"action": "Offer a buddy", "owner": "Ward manager"},
            '    action: {description: "Offer a buddy", owner: "Ward manager"}\n',
            id="a target without actions gets one action",
        ),
    ],
)
def test_a_rows_action_meets_the_entrys(
    coprod: RunCoprod, tmp_path: Path, entry: str, cells: dict[str, str], written: str
) -> None:
    (tmp_path / "unit.yaml").write_text(HEAD + entry, encoding="utf-8")
    (tmp_path / "r.csv").write_text(ROW.format(**{"action": "", "owner": "", "due": ""} | cells), encoding="utf-8")
    run = coprod(
        "import", str(tmp_path / "r.csv"), "--into", str(tmp_path / "unit.yaml"), "-o", str(tmp_path / "o.yaml")
    )
    assert run.code == 0, run
    assert (tmp_path / "o.yaml").read_text(encoding="utf-8") == HEAD + written


def test_an_owner_alone_needs_an_open_action(coprod: RunCoprod, tmp_path: Path) -> None:
    (tmp_path / "unit.yaml").write_text(f"{HEAD}    action: {DONE}\n", encoding="utf-8")
    (tmp_path / "r.csv").write_text(ROW.format(action="", owner="Ward manager", due=""), encoding="utf-8")
    run = coprod(
        "import", str(tmp_path / "r.csv"), "--into", str(tmp_path / "unit.yaml"), "-o", str(tmp_path / "o.yaml")
    )
    assert run.code == 2, run
    assert "an owner or due date goes with an action" in run.stderr, run
    assert not (tmp_path / "o.yaml").exists()
