"""``coprod assess`` in text: what it says when every level is achieved, and when no target applies."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import ROOT, RunCoprod


def test_every_level_achieved(coprod: RunCoprod, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    run = coprod("assess", "tests/golden/all-met.yaml")
    assert run.code == 0, run
    lines = run.stdout.splitlines()
    assert "All Met Ward is at Level 3 — Working in partnership: co-production." in lines
    assert "Every level is achieved. Keep the evidence current." in lines
    assert "No gaps: every target that applies is met." in lines
    assert "Gaps" not in run.stdout
    assert "  Targets with evidence              31 of 31 that apply (100%)" in run.stdout


def test_no_target_applies(coprod: RunCoprod, tmp_path: Path) -> None:
    framework = json.loads(coprod("framework", "show", "rehab-recovery", "--format", "json").stdout)
    ids = [t["id"] for level in framework["levels"] for t in level["targets"]]
    unit = tmp_path / "unit.yaml"
    entries = "".join(f"  {i}: {{status: not-applicable, justification: Not on this ward}}\n" for i in ids)
    unit.write_text(f"unit: {{name: W}}\nassessed_on: 2026-10-14\ntargets:\n{entries}", encoding="utf-8")
    run = coprod("assess", unit)
    assert run.code == 0, run
    assert "1. Laying the foundations                 ░░░░░░░░░░░░░░░░░░░░    n/a    80%  ✗ not yet" in run.stdout
    assert "W has not yet reached Level 1 — Laying the foundations." in run.stdout
    assert "No gaps: every target that applies is met." in run.stdout
    assert "\n  Targets with evidence              no target applies " in run.stdout
