"""The shipped examples: each is valid, scores as designed, and its committed report is current.

The designed levels below are hard-coded on purpose: the examples are realistic data
built to land on these levels, so a change here is a change in the scorer to look at.
If a report differs, regenerate with ``python scripts/regen_examples.py`` and read the diff.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT, RunCoprod

REGEN = "python scripts/regen_examples.py"

# name: (attained level, level percents, warning codes)
DESIGNED: dict[str, tuple[int, list[float | None], list[str]]] = {
    "low-secure-unit": (1, [85.7, 37.5, 5.6], ["gap-without-action"] * 4),
    "locked-rehab-unit": (
        0,
        [60.7, 6.3, 0.0],
        ["action-overdue", "claimed-without-evidence", "claimed-without-evidence", *["gap-without-action"] * 6],
    ),
    "open-rehab-unit": (2, [96.4, 81.3, 50.0], ["gap-without-action"] * 4),
    "step-down-house": (1, [80.8, 56.3, 0.0], ["gap-without-action", "gap-without-action", "stale-evidence"]),
    "community-rehab-team": (2, [95.8, 93.8, 77.8], ["gap-without-action"] * 2),
}

NAMES = sorted(DESIGNED)


def test_every_example_is_listed() -> None:
    assert sorted(p.stem for p in EXAMPLES.glob("*.yaml")) == NAMES


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(ROOT)
    return ROOT


@pytest.mark.parametrize("name", NAMES)
def test_example_validates(coprod: RunCoprod, at_root: Path, name: str) -> None:
    run = coprod("validate", f"examples/{name}.yaml")
    assert run.code == 0, run
    assert f"examples/{name}.yaml: valid evidence file" in run.stderr


@pytest.mark.parametrize("name", NAMES)
def test_example_report_is_current(coprod: RunCoprod, at_root: Path, name: str) -> None:
    run = coprod("report", f"examples/{name}.yaml")
    assert run.code == 0, run
    committed = (EXAMPLES / f"{name}.report.md").read_text(encoding="utf-8")
    assert run.stdout == committed, f"examples/{name}.report.md is out of date; run: {REGEN}"
    assert f"from examples/{name}.yaml" in committed


@pytest.mark.parametrize("name", NAMES)
def test_example_scores_as_designed(coprod: RunCoprod, at_root: Path, name: str) -> None:
    run = coprod("assess", f"examples/{name}.yaml", "--format", "json")
    assert run.code == 0, run
    data = json.loads(run.stdout)
    level, percents, warnings = DESIGNED[name]
    assert data["attained_level"] == level
    assert [lv["percent"] for lv in data["levels"]] == percents
    assert sorted(w["code"] for w in data["warnings"]) == warnings
    assert data["unit"]["organisation"] == "Example Health Board"


def test_examples_cover_every_warning_and_the_missing_voice(coprod: RunCoprod, at_root: Path) -> None:
    codes: set[str] = set()
    without_voice = []
    for name in NAMES:
        data = json.loads(coprod("assess", f"examples/{name}.yaml", "--format", "json").stdout)
        codes |= {w["code"] for w in data["warnings"]}
        if data["assessors"]["service-user"] + data["assessors"]["carer"] == 0:
            without_voice.append(name)
    assert {"claimed-without-evidence", "stale-evidence", "action-overdue", "gap-without-action"} <= codes
    assert without_voice == ["locked-rehab-unit"]
    report = (EXAMPLES / "locked-rehab-unit.report.md").read_text(encoding="utf-8")
    assert "Nothing about us without us" in report


WELSH = ("open-rehab-unit",)
"""Examples whose Welsh report is committed too (scripts/regen_examples.py, WELSH_EXAMPLES)."""


@pytest.mark.parametrize("name", WELSH)
def test_welsh_example_report_is_current(coprod: RunCoprod, at_root: Path, name: str) -> None:
    run = coprod("report", f"examples/{name}.yaml", "--lang", "cy")
    assert run.code == 0, run
    committed = (EXAMPLES / f"{name}.report.cy.md").read_text(encoding="utf-8")
    assert run.stdout == committed, f"examples/{name}.report.cy.md is out of date; run: {REGEN}"
    assert f"o examples/{name}.yaml" in committed
    assert "# Adroddiad bylchau cydgynhyrchu:" in committed


def test_every_welsh_example_report_is_kept() -> None:
    assert sorted(p.name.removesuffix(".report.cy.md") for p in EXAMPLES.glob("*.report.cy.md")) == sorted(WELSH)
