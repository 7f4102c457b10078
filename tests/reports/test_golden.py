"""Golden tests: the report and the JSON result for small, hand-checked inputs, compared exactly.

Each evidence file ``tests/golden/<name>.yaml`` (framework files, with a top-level
``levels:`` key, are skipped) has beside it ``<name>.report.md`` (what ``coprod report``
prints) and ``<name>.json`` (what ``coprod assess --format json`` prints). Commands run
from the repository root with relative paths, as the outputs name their input file.
After an intended change, run ``python scripts/regen_examples.py`` and read the diff.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT, RunCoprod

GOLDEN = ROOT / "tests" / "golden"
REGEN = "python scripts/regen_examples.py"


def _is_framework(path: Path) -> bool:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return isinstance(data, dict) and "levels" in data


CASES = [p.stem for p in sorted(GOLDEN.glob("*.yaml")) if not _is_framework(p)]


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(ROOT)
    return ROOT


def test_the_expected_cases_are_there() -> None:
    expected = {"all-met", "all-not-applicable-level", "escaping", "nothing-assessed", "required-target", "rounding"}
    assert expected <= set(CASES)


@pytest.mark.parametrize("name", CASES)
def test_report_matches_golden(coprod: RunCoprod, at_root: Path, name: str) -> None:
    run = coprod("report", f"tests/golden/{name}.yaml")
    assert run.code == 0, run
    expected = (GOLDEN / f"{name}.report.md").read_text(encoding="utf-8")
    assert run.stdout == expected, f"tests/golden/{name}.report.md differs from the current output; run: {REGEN}"


@pytest.mark.parametrize("name", CASES)
def test_json_matches_golden(coprod: RunCoprod, at_root: Path, name: str) -> None:
    run = coprod("assess", f"tests/golden/{name}.yaml", "--format", "json")
    assert run.code == 0, run
    expected = (GOLDEN / f"{name}.json").read_text(encoding="utf-8")
    assert run.stdout == expected, f"tests/golden/{name}.json differs from the current output; run: {REGEN}"


# ---- hand-checked facts inside the goldens, so a regenerated golden cannot quietly go wrong ----


def _golden_json(name: str) -> dict[str, Any]:
    return json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))


def _golden_report(name: str) -> str:
    return (GOLDEN / f"{name}.report.md").read_text(encoding="utf-8")


def test_rounding_halves_away_from_zero() -> None:
    data = _golden_json("rounding")
    # 0.5/8 = 6.25% -> 6.3; 17/21 = 80.95% -> 81.0 (reaches threshold 81); 7.5/8 = 93.75% -> 93.8 (< 95).
    assert [lv["percent"] for lv in data["levels"]] == [6.3, 81.0, 93.8]
    assert [lv["achieved"] for lv in data["levels"]] == [True, True, False]
    assert data["attained_level"] == 2
    report = _golden_report("rounding")
    assert "| ░░░░░░░░░░ 6.3% | 5% | ✓ Yes |" in report
    assert "| ████████░░ 81% | 81% | ✓ Yes |" in report
    assert "| █████████░ 93.8% | 95% | ✗ Not yet |" in report


def test_required_target_blocks_a_level_above_its_threshold() -> None:
    data = _golden_json("required-target")
    level2 = data["levels"][1]
    assert (level2["percent"], level2["threshold"], level2["achieved"]) == (87.5, 50, False)
    assert level2["required_unmet"] == ["R2.must"]
    assert data["levels"][2]["achieved"] is True
    assert data["attained_level"] == 1
    report = _golden_report("required-target")
    assert "and all its required targets are met" in report
    assert (
        "Level 2 is at 87.5%, above the 50% it needs, but it is not achieved until its required target is met:"
        in report
    )


def test_level_with_nothing_applicable_has_no_percent() -> None:
    data = _golden_json("all-not-applicable-level")
    assert data["levels"][1]["percent"] is None
    assert data["levels"][1]["achieved"] is False
    assert data["attained_level"] == 1
    assert "n/a" in _golden_report("all-not-applicable-level")


def test_all_met_reaches_the_top() -> None:
    data = _golden_json("all-met")
    assert data["attained_level"] == 3
    assert data["gaps"] == []
    assert "This is the top level of the model." in _golden_report("all-met")


def test_nothing_assessed_asks_for_service_users_and_carers() -> None:
    data = _golden_json("nothing-assessed")
    assert data["attained_level"] == 0
    assert len(data["gaps"]) == 31
    assert "Nothing about us without us" in _golden_report("nothing-assessed")


def test_escaping_keeps_user_text_inert() -> None:
    report = _golden_report("escaping")
    assert "# Co-production gap report: Ward \\[/b\\] &lt;b>\\| A\n" in report
    assert "<script>" not in report
    assert "<b>" not in report
    # every table row keeps its column count: user '|' never adds a cell
    for line in report.splitlines():
        if line.startswith("| ") and "Ward manager" in line:
            assert line.replace("\\|", "").count("|") == 7
    assert _golden_json("escaping")["unit"]["name"] == "Ward [/b] <b>| A"
