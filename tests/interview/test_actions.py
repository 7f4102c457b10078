"""The interview and a target's several actions (docs/evidence-file.md, 'Actions'): a new action goes
under ``actions:`` beside the others, never into a second ``action:`` key, and only open ones are shown."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import EXAMPLES, RunCoprod
from tests.interview.conftest import answers, changed_lines, flat

DONE_ONE = (
    "unit: {name: A}\nassessed_on: 2026-10-14\ntargets:\n  L1.own-care-plans:\n    status: partial\n"
    '    action: {description: "Audit care plans", owner: "Named nurses", status: done, changed_on: 2026-10-01}\n'
    "    notes: kept\n"
)


def _actions(coprod: RunCoprod) -> list[tuple[str, str, str]]:
    run = coprod("assess", "unit.yaml", "--format", "json")
    assert run.code == 0, run
    return [(a["target"], a["description"], a["status"]) for a in json.loads(run.stdout)["actions"]]


def test_a_new_action_is_added_to_the_list(coprod: RunCoprod, folder: Path) -> None:
    unit = folder / "unit.yaml"
    before = (EXAMPLES / "open-rehab-unit.yaml").read_text(encoding="utf-8")
    unit.write_text(before, encoding="utf-8")
    # L1.carer-perspective-ctp (8th) lists a done action and an open one.
    script = answers(*["s"] * 7, "p", "", "Ring carers", "Named nurses", "2027-02-01", "q")
    run = coprod("interview", "unit.yaml", input=script)
    assert run.code == 0, run
    out = flat(run.stdout)
    assert "Action: Phone carers before each CTP when they cannot attend" in out
    assert "carer's view" not in out  # done: not shown
    assert "Another action to add? (Enter alone: none; q: save and quit):" in out
    removed, added = changed_lines(before, unit.read_text(encoding="utf-8"))
    assert removed == []
    assert added == [
        "# coprod interview: next L1.buddy-system\n",
        '      - {description: "Ring carers", owner: "Named nurses", due: 2027-02-01}\n',
    ]
    text = unit.read_text(encoding="utf-8")
    ctp = text.split("  L1.carer-perspective-ctp:\n")[1].split("  L1.buddy-system:")[0]
    assert "    action:" not in ctp
    assert ctp.index("Phone carers") < ctp.index("Ring carers")
    assert ("L1.carer-perspective-ctp", "Ring carers", "open") in _actions(coprod)


def test_a_done_action_is_kept_and_the_new_one_joins_it_under_actions(coprod: RunCoprod, folder: Path) -> None:
    unit = folder / "unit.yaml"
    unit.write_text(DONE_ONE, encoding="utf-8")
    run = coprod("interview", "unit.yaml", input=answers("p", "", "Train staff", "Ward manager", "2027-01-31", "q"))
    assert run.code == 0, run
    assert "Action to close the gap?" in flat(run.stdout)
    text = unit.read_text(encoding="utf-8")
    assert (
        "    status: partial\n"
        "    actions:\n"
        '      - {description: "Audit care plans", owner: "Named nurses", status: done, changed_on: 2026-10-01}\n'
        '      - {description: "Train staff", owner: "Ward manager", due: 2027-01-31}\n'
        "    notes: kept\n"
    ) in text
    assert "    action:" not in text
    assert _actions(coprod) == [
        ("L1.own-care-plans", "Audit care plans", "done"),
        ("L1.own-care-plans", "Train staff", "open"),
    ]


def test_an_actions_list_on_one_line_takes_the_new_action(coprod: RunCoprod, folder: Path) -> None:
    unit = folder / "unit.yaml"
    unit.write_text(
        "unit: {name: A}\nassessed_on: 2026-10-14\ntargets:\n  L1.own-care-plans:\n    status: not-met\n"
        '    actions: [{description: "Audit", status: dropped, reason: "No time"}]\n',
        encoding="utf-8",
    )
    run = coprod("interview", "unit.yaml", input=answers("n", "", "Try again", "", "2027-01-31", "q"))
    assert run.code == 0, run
    text = unit.read_text(encoding="utf-8")
    assert (
        "    actions:\n"
        '      - {description: "Audit", status: dropped, reason: "No time"}\n'
        '      - {description: "Try again", due: 2027-01-31}\n'
    ) in text
    assert _actions(coprod)[-1] == ("L1.own-care-plans", "Try again", "open")


def test_in_welsh_the_question_to_add_one(coprod: RunCoprod, folder: Path) -> None:
    unit = folder / "unit.yaml"
    unit.write_text((EXAMPLES / "open-rehab-unit.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    script = answers(*["s"] * 7, "p", "", "", "q")
    run = coprod("interview", "unit.yaml", "--lang", "cy", input=script)
    assert run.code == 0, run
    assert "Cam gweithredu arall i'w ychwanegu?" in flat(run.stdout)


def test_a_one_line_entry_with_actions_is_written_one_key_a_line(coprod: RunCoprod, folder: Path) -> None:
    unit = folder / "unit.yaml"
    unit.write_text(
        "unit: {name: A}\nassessed_on: 2026-10-14\ntargets:\n"
        '  L1.own-care-plans: {status: partial, actions: [{description: "Audit", status: done}]}  # agreed\n',
        encoding="utf-8",
    )
    run = coprod("interview", "unit.yaml", input=answers("n", "", "Ask again", "Ward manager", "", "q"))
    assert run.code == 0, run
    text = unit.read_text(encoding="utf-8")
    assert (
        "  L1.own-care-plans:  # agreed\n"
        "    status: not-met\n"
        "    actions:\n"
        '      - {description: "Audit", status: done}\n'
        '      - {description: "Ask again", owner: "Ward manager"}\n'
    ) in text
