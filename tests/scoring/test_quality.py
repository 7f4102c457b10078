"""The quality lint of the assessment itself, and the ladder, on the five shipped examples.

The designed values below are hard-coded, and each is also counted again straight from the
YAML (with a plain YAML loader, not coprod's), so neither the scorer nor a regenerated file can
quietly drift.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from coprod_cli.framework.load import load_framework
from coprod_cli.framework.resolve import builtin_frameworks
from tests.conftest import EXAMPLES, ROOT, RunCoprod

# name: (evidence share, stale items, met without evidence, roles missing, incomplete actions,
#        overdue actions, not assessed, rung)
DESIGNED: dict[str, tuple[float, int, int, list[str], int, int, int, str]] = {
    "community-rehab-team": (96.6, 0, 0, [], 0, 0, 0, "moving to doing with"),
    "locked-rehab-unit": (32.3, 0, 2, ["service-user", "carer", "third-sector"], 0, 1, 15, "doing to"),
    "low-secure-unit": (58.1, 0, 0, [], 0, 0, 9, "doing for"),
    "open-rehab-unit": (87.1, 0, 0, [], 0, 0, 1, "moving to doing with"),
    "step-down-house": (53.3, 1, 0, ["carer", "manager"], 0, 0, 11, "doing for"),
}
ROLES = ["service-user", "carer", "staff", "third-sector", "manager"]


@pytest.fixture(scope="module")
def target_ids() -> list[str]:
    fw = load_framework(builtin_frameworks()["rehab-recovery"], "rehab-recovery").model
    return [t.id for level in fw.levels for t in level.targets]


def _result(coprod: RunCoprod, name: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    monkeypatch.chdir(ROOT)
    run = coprod("assess", f"examples/{name}.yaml", "--format", "json")
    assert run.code == 0, run
    data: dict[str, Any] = json.loads(run.stdout)
    return data


def _counted(name: str, target_ids: list[str]) -> dict[str, Any]:
    """The quality facts counted from the raw YAML, independently of coprod."""
    raw = yaml.safe_load((EXAMPLES / f"{name}.yaml").read_text(encoding="utf-8"))
    targets = raw.get("targets") or {}
    everything = [*targets.values(), *(raw.get("enablers") or {}).values()]
    status = {ident: (targets.get(ident) or {}).get("status", "not-assessed") for ident in target_ids}
    applicable = [ident for ident in target_ids if status[ident] != "not-applicable"]
    with_evidence = [ident for ident in applicable if (targets.get(ident) or {}).get("evidence")]
    assessed_on = raw["assessed_on"]
    stale_before = assessed_on.replace(year=assessed_on.year - 1)  # review_months is 12; no 29 February here
    actions = [e["action"] for e in everything if e.get("action")]
    roles = {a["role"] for a in raw.get("assessors") or []}
    return {
        "applicable_targets": len(applicable),
        "targets_with_evidence": len(with_evidence),
        "stale_evidence": sum(
            1
            for e in everything
            for item in e.get("evidence") or []
            if item.get("date") and item["date"] < stale_before
        ),
        "met_without_evidence": sum(1 for e in everything if e["status"] == "met" and not e.get("evidence")),
        "roles_missing": [role for role in ROLES if role not in roles],
        "actions_without_owner_or_due": sum(1 for a in actions if not a.get("owner") or not a.get("due")),
        "actions_overdue": sum(
            1
            for e in everything
            if e.get("action") and e["action"].get("due") and e["action"]["due"] < assessed_on and e["status"] != "met"
        ),
        "not_assessed": sum(1 for ident in target_ids if status[ident] == "not-assessed"),
    }


@pytest.mark.parametrize("name", sorted(DESIGNED))
def test_quality_of_each_example(
    coprod: RunCoprod, monkeypatch: pytest.MonkeyPatch, target_ids: list[str], name: str
) -> None:
    data = _result(coprod, name, monkeypatch)
    quality = data["quality"]
    share, stale, unevidenced, missing, incomplete, overdue, not_assessed, rung = DESIGNED[name]
    assert quality["evidence_share"] == share
    assert quality["stale_evidence"] == stale
    assert quality["met_without_evidence"] == unevidenced
    assert quality["roles_missing"] == missing
    assert quality["unresolved_disagreements"] == 0  # the examples record only agreed statuses
    assert quality["actions_without_owner_or_due"] == incomplete
    assert quality["actions_overdue"] == overdue
    assert quality["not_assessed"] == not_assessed
    assert data["ladder"]["rung"] == rung
    counted = _counted(name, target_ids)
    assert {k: quality[k] for k in counted} == counted
    assert share == round(100 * counted["targets_with_evidence"] / counted["applicable_targets"] + 1e-9, 1)


def test_quality_agrees_with_the_warnings(coprod: RunCoprod, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in DESIGNED:
        data = _result(coprod, name, monkeypatch)
        codes = [w["code"] for w in data["warnings"]]
        assert data["quality"]["stale_evidence"] == codes.count("stale-evidence")
        assert data["quality"]["met_without_evidence"] == codes.count("claimed-without-evidence")
        assert data["quality"]["actions_overdue"] == codes.count("action-overdue")


def test_the_ladder_follows_the_attained_level(coprod: RunCoprod, monkeypatch: pytest.MonkeyPatch) -> None:
    explanations = {}
    for name in DESIGNED:
        data = _result(coprod, name, monkeypatch)
        level = data["attained_level"]
        assert data["ladder"]["rung"] == {0: "doing to", 1: "doing for", 2: "moving to doing with"}[level]
        explanations[level] = data["ladder"]["explanation"]
    assert explanations[0].startswith("The service is still “doing to” people")
    assert explanations[1].startswith("The service listens")
    assert explanations[2] == (
        "Service users, carers and staff are building the skills and trust to work as partners: "
        "moving to “doing with”, but not there yet."
    )


def test_the_top_level_is_doing_with(coprod: RunCoprod, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    data = json.loads(coprod("assess", "tests/golden/all-met.yaml", "--format", "json").stdout)
    assert data["ladder"] == {
        "rung": "doing with",
        "explanation": "Service users, carers and staff work in partnership, “doing with”: nothing about us without us.",
    }


def test_terminal_shows_quality_and_ladder(coprod: RunCoprod, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    run = coprod("assess", "examples/step-down-house.yaml")
    assert run.code == 0, run
    lines = [line.rstrip() for line in run.stdout.splitlines()]
    start = lines.index("Assessment quality")
    assert lines[start + 1 : start + 9] == [
        "  Targets with evidence              16 of 30 that apply (53.3%)",
        "  Stale evidence                     1 item",
        "  Met without evidence               0 targets",
        "  Roles that did not take part       carers, managers",
        "  Disagreements not settled          0",
        "  Actions without owner or due date  0",
        "  Actions overdue                    0",
        "  Targets not assessed               11",
    ]
    assert any(line.startswith("On Arnstein's ladder: doing for (Level 1). The service listens") for line in lines)


def test_no_target_applying_has_no_evidence_share(tmp_path: Path, coprod: RunCoprod) -> None:
    (tmp_path / "fw.yaml").write_text(
        "id: one\nversion: 1.0.0\ntitle: One\nlevels:\n  - number: 1\n    title: One\n"
        "    targets: [{id: O.a, text: A}]\n",
        encoding="utf-8",
    )
    (tmp_path / "unit.yaml").write_text(
        "unit: {name: W}\nframework: ./fw.yaml\nassessed_on: 2026-10-14\n"
        "targets:\n  O.a: {status: not-applicable, justification: none here}\n",
        encoding="utf-8",
    )
    data = json.loads(coprod("assess", tmp_path / "unit.yaml", "--format", "json").stdout)
    assert data["quality"]["evidence_share"] is None
    assert data["quality"]["applicable_targets"] == 0
    assert data["quality"]["roles_missing"] == ROLES
    assert data["ladder"]["rung"] == "doing to"
