"""Warnings that keep a plan honest (docs/evidence-file.md, 'Warnings'): an assessment dated in
the future, a gap with no action, a level none of whose targets is in the file.

Dates in the future are far in it (2999), so no test depends on the day it runs."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

from tests.conftest import DATA, RunCoprod

CASE = DATA / "valid" / "warnings-planning.yaml"


def _warnings(coprod: RunCoprod, path: Path) -> list[tuple[str, str | None, int, int]]:
    run = coprod("assess", path, "--format", "json")
    assert run.code == 0, run
    return [(w["code"], w["target"], w["line"], w["column"]) for w in json.loads(run.stdout)["warnings"]]


def test_each_warning_is_in_the_json_result_with_its_place(coprod: RunCoprod) -> None:
    assert _warnings(coprod, CASE) == [
        ("assessed-in-future", None, 5, 14),
        ("level-left-out", None, 6, 1),
        ("gap-without-action", "L1.buddy-system", 8, 13),
        ("gap-without-action", "L3.coordinator-role", 15, 13),
    ]


def test_strict_makes_them_errors(coprod: RunCoprod) -> None:
    run = coprod("assess", CASE, "--strict")
    assert run.code == 2, run
    assert "warnings-planning.yaml:5:14: assessed_on is 2999-01-01, a day still to come" in run.stderr, run


def test_the_hint_for_a_level_left_out_works_as_printed(coprod: RunCoprod, tmp_path: Path) -> None:
    unit = tmp_path / "unit.yaml"
    shutil.copyfile(CASE, unit)
    run = coprod("validate", unit)
    hint = f"'coprod migrate {unit} --write' adds them back"
    assert hint in run.stderr, run
    assert coprod("migrate", unit, "--write").code == 0
    assert "level-left-out" not in [code for code, *_ in _warnings(coprod, unit)]


def test_no_such_warning_for_today_an_action_a_file_not_started_or_an_enabler(
    coprod: RunCoprod, tmp_path: Path
) -> None:
    unit = tmp_path / "unit.yaml"
    unit.write_text(
        f"unit: {{name: Ward Q}}\nassessed_on: {date.today().isoformat()}\ntargets: {{}}\n"
        "enablers:\n  E.payment-policy: {status: not-met}\n",
        encoding="utf-8",
    )
    assert _warnings(coprod, unit) == []
