"""Sign-off: who signed each level, and a framework that needs a service user or carer to sign.

A tailored framework sets ``sign_off_required`` per level through ``override.levels``; the
built-in framework requires none.  A level that reaches its threshold but lacks the sign-off
is not achieved, and says so (``awaiting_sign_off``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from coprod_cli.framework.load import load_framework
from coprod_cli.framework.resolve import builtin_frameworks
from tests.conftest import RunCoprod

TAILORED = """\
id: ward-signed
version: 1.0.0
title: Signed off by those who use the service
extends: rehab-recovery
override:
  levels:
    1: {sign_off_required: [service-user, carer]}
    2: {sign_off_required: [service-user]}
"""


def _level1_met(signatures: str, *, framework: str = "./signed.yaml", extra: str = "") -> str:
    fw = load_framework(builtin_frameworks()["rehab-recovery"], "rehab-recovery").model
    lines = [
        "unit: {name: Ward S}",
        f"framework: {framework}",
        "assessed_on: 2026-10-14",
        "assessors:",
        "  - {name: Sam, role: service-user}",
        "  - {name: Cath, role: carer}",
        "  - {name: Steffan, role: staff}",
        "  - {name: Mair, role: manager}",
    ]
    if signatures:
        lines += ["sign_off:", *(f"  {line}" for line in signatures.splitlines())]
    lines.append("targets:")
    for target in fw.levels[0].targets:
        lines.append(f'  {target.id}: {{status: met, evidence: [{{description: "minutes", date: 2026-09-01}}]}}')
    return "\n".join(lines) + "\n" + extra


@pytest.fixture
def ward(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "signed.yaml").write_text(TAILORED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _assess(coprod: RunCoprod, folder: Path, text: str, *args: str) -> dict[str, Any]:
    (folder / "unit.yaml").write_text(text, encoding="utf-8")
    run = coprod("assess", "unit.yaml", "--format", "json", *args)
    assert run.code == 0, run
    data: dict[str, Any] = json.loads(run.stdout)
    return data


def test_the_tailored_framework_carries_the_requirement() -> None:
    built_in = load_framework(builtin_frameworks()["rehab-recovery"], "rehab-recovery").model
    assert all(level.sign_off_required == () for level in built_in.levels)


def test_without_sign_off_the_level_awaits_it(coprod: RunCoprod, ward: Path) -> None:
    data = _assess(coprod, ward, _level1_met(""))
    level1 = data["levels"][0]
    assert level1["percent"] == 100.0
    assert level1["achieved"] is False
    assert level1["sign_off_required"] == ["service-user", "carer"]
    assert level1["signed_off"] == []
    assert (level1["sign_off_missing"], level1["awaiting_sign_off"]) == (True, True)
    assert data["attained_level"] == 0
    assert data["ladder"]["rung"] == "doing to"
    assert data["next_level"]["number"] == 1
    assert data["next_level"]["targets_needed"] == 0
    assert data["next_level"]["sign_off_needed"] == ["service-user", "carer"]


def test_staff_and_managers_cannot_sign_it_off_alone(coprod: RunCoprod, ward: Path) -> None:
    signed = "1:\n  - {name: Steffan, date: 2026-10-14}\n  - {name: Mair, date: 2026-10-15}"
    data = _assess(coprod, ward, _level1_met(signed))
    level1 = data["levels"][0]
    assert [s["role"] for s in level1["signed_off"]] == ["staff", "manager"]
    assert (level1["achieved"], level1["sign_off_missing"], level1["awaiting_sign_off"]) == (False, True, True)


@pytest.mark.parametrize("who", ["Sam", "Cath", "  cath "])
def test_a_service_user_or_carer_signing_achieves_it(coprod: RunCoprod, ward: Path, who: str) -> None:
    data = _assess(coprod, ward, _level1_met(f"1: [{{name: '{who}', date: 2026-10-14}}]"))
    level1 = data["levels"][0]
    assert (level1["achieved"], level1["sign_off_missing"], level1["awaiting_sign_off"]) == (True, False, False)
    assert level1["signed_off"][0]["name"] == who.strip().title()
    assert data["attained_level"] == 1
    assert data["ladder"]["rung"] == "doing for"
    # Level 2 needs a service user too, but first it needs its targets: not 'awaiting' sign-off.
    level2 = data["levels"][1]
    assert (level2["sign_off_missing"], level2["awaiting_sign_off"]) == (True, False)
    assert data["next_level"]["sign_off_needed"] == ["service-user"]
    assert data["next_level"]["targets_needed"] == 7


def test_a_sign_off_does_not_lift_a_level_below_its_threshold(coprod: RunCoprod, ward: Path) -> None:
    text = _level1_met("1: [{name: Sam, date: 2026-10-14}]").replace(
        "L1.buddy-system: {status: met", "L1.buddy-system: {status: not-met"
    )
    text = text.replace("L1.agenda-item: {status: met", "L1.agenda-item: {status: not-met")
    text = text.replace("L1.rag-feedback: {status: met", "L1.rag-feedback: {status: not-met")
    level1 = _assess(coprod, ward, text)["levels"][0]
    assert level1["percent"] == 78.6
    assert (level1["achieved"], level1["sign_off_missing"], level1["awaiting_sign_off"]) == (False, False, False)


def test_the_built_in_framework_needs_no_sign_off(coprod: RunCoprod, ward: Path) -> None:
    data = _assess(coprod, ward, _level1_met("", framework="rehab-recovery"))
    assert data["levels"][0]["achieved"] is True
    assert data["levels"][0]["sign_off_required"] == []
    assert data["levels"][0]["sign_off_missing"] is False


def test_a_tailoring_can_remove_the_requirement(coprod: RunCoprod, ward: Path) -> None:
    (ward / "relaxed.yaml").write_text(
        "id: relaxed\nversion: 1.0.0\ntitle: Relaxed\nextends: ./signed.yaml\n"
        "override:\n  levels:\n    1: {sign_off_required: []}\n",
        encoding="utf-8",
    )
    data = _assess(coprod, ward, _level1_met("", framework="./relaxed.yaml"))
    assert data["levels"][0]["achieved"] is True
    assert data["levels"][1]["sign_off_required"] == ["service-user"]  # inherited


def test_a_complete_framework_can_require_it(coprod: RunCoprod, ward: Path) -> None:
    (ward / "own.yaml").write_text(
        "id: own\nversion: 1.0.0\ntitle: Own\nlevels:\n  - number: 1\n    title: One\n    threshold: 50\n"
        "    sign_off_required: [carer]\n    targets:\n      - {id: O1.a, text: A}\n",
        encoding="utf-8",
    )
    text = (
        "unit: {name: W}\nframework: ./own.yaml\nassessed_on: 2026-10-14\n"
        "assessors: [{name: C, role: carer}]\ntargets:\n  O1.a: {status: met, evidence: [{description: x}]}\n"
    )
    assert _assess(coprod, ward, text)["levels"][0]["achieved"] is False
    signed = text.replace("targets:", "sign_off: {1: [{name: C, date: 2026-10-14}]}\ntargets:")
    assert _assess(coprod, ward, signed)["levels"][0]["achieved"] is True


def test_terminal_and_fail_under_see_the_missing_sign_off(coprod: RunCoprod, ward: Path) -> None:
    (ward / "unit.yaml").write_text(_level1_met("1: [{name: Steffan, date: 2026-10-14}]"), encoding="utf-8")
    run = coprod("assess", "unit.yaml")
    assert run.code == 0, run
    assert "✗ awaiting sign-off" in run.stdout
    assert "Level 1 signed off by  Steffan (staff, 2026-10-14); needs signing off by a service user or carer" in (
        run.stdout
    )
    assert "Level 1 has the score it needs and counts once a service user or carer signs it off." in run.stdout
    assert coprod("assess", "unit.yaml", "--fail-under", "1").code == 1


def test_a_sign_off_dated_before_the_assessment_warns(coprod: RunCoprod, ward: Path) -> None:
    (ward / "unit.yaml").write_text(_level1_met("1: [{name: Sam, date: 2025-10-14}]"), encoding="utf-8")
    run = coprod("assess", "unit.yaml", "--format", "json")
    data = json.loads(run.stdout)
    assert [w["code"] for w in data["warnings"]] == ["sign-off-before-assessment"]
    assert data["levels"][0]["achieved"] is True  # a warning, not an error
    assert coprod("assess", "unit.yaml", "--strict").code == 2


def test_sign_off_problems_name_the_place(coprod: RunCoprod, ward: Path) -> None:
    (ward / "unit.yaml").write_text(
        _level1_met("4: [{name: Sam, date: 2026-10-14}]\n1: [{name: Sammy, date: 2026-10-14}]"), encoding="utf-8"
    )
    run = coprod("validate", "unit.yaml")
    assert run.code == 2, run
    assert run.stderr.splitlines()[:2] == [
        "unit.yaml:10:3: there is no level '4' in ward-signed 1.0.0; sign off a level by its number, from 1 to 3",
        "unit.yaml:11:14: 'Sammy' signed off level 1 but is not listed under 'assessors:' — did you mean 'Sam'? "
        "Use an assessor's name ('Sam', 'Cath', 'Steffan', 'Mair') or add the person under 'assessors:' with "
        "their role",
    ]


def test_terminal_says_a_level_also_needs_its_sign_off(coprod: RunCoprod, ward: Path) -> None:
    (ward / "unit.yaml").write_text(_level1_met("1: [{name: Cath, date: 2026-10-14}]"), encoding="utf-8")
    run = coprod("assess", "unit.yaml")
    assert run.code == 0, run
    assert "To reach Level 2: 7 more targets met." in run.stdout
    assert "Level 2 also needs signing off by a service user." in run.stdout
    assert "Level 1 signed off by  Cath (carer, 2026-10-14)" in run.stdout
    assert "Level 3 signed off by  not signed off" in run.stdout
