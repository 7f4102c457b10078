"""Targets not assessed are unknown, not unmet: reports and service-wide priorities keep them
apart from the gaps that were assessed (docs/scoring.md, 'Gaps')."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import RunCoprod
from tests.reports.test_html import Page

UNIT = """\
unit: {name: Ward A}
assessed_on: 2026-10-14
assessors: [{name: R, role: carer}]
targets:
  L1.own-care-plans: {status: met, evidence: [{description: plans}]}
  L1.buddy-system:
    status: not-met
    action: {description: Pair each newcomer with a buddy, owner: Peer worker, due: 2026-12-01}
  L1.suggestion-boxes: {status: partial}
"""


def _unit(folder: Path, name: str = "ward-a.yaml", text: str = UNIT) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _section(text: str, start: str, end: str) -> str:
    return text[text.index(start) : text.index(end, text.index(start))]


def test_the_markdown_report_lists_not_assessed_targets_apart(coprod: RunCoprod, tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    run = coprod("report", _unit(tmp_path), "-o", out)
    assert run.code == 0, run
    text = out.read_text(encoding="utf-8")
    gaps = _section(text, "## Gaps and actions", "### Not assessed yet")
    assert "2 targets are assessed as partly met or not met." in gaps
    assert gaps.count("No action agreed yet") == 1  # the partly met one; not the 28 not assessed
    assert "(L1.buddy-system) | Not met | Pair each newcomer with a buddy" in gaps
    assert "L1.community-meetings" not in gaps
    unknown = _section(text, "### Not assessed yet", "\n## ")
    assert "Nobody knows yet whether these 28 targets are met" in unknown
    assert "- Level 1: Regular meetings for service users as a group" in unknown
    assert "(L1.buddy-system)" not in unknown


def test_the_html_report_lists_not_assessed_targets_apart(coprod: RunCoprod, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    assert coprod("report", _unit(tmp_path), "-o", out).code == 0
    text = Page(out.read_text(encoding="utf-8")).text
    gaps = _section(text, "Gaps and actions", "Not assessed yet")
    assert gaps.count("No action agreed yet") == 1
    assert "L1.community-meetings" not in gaps
    assert "(L1.community-meetings)" in _section(text, "Not assessed yet", "Enablers")


def test_the_terminal_summary_lists_not_assessed_targets_apart(coprod: RunCoprod, tmp_path: Path) -> None:
    run = coprod("assess", _unit(tmp_path))
    gaps = _section(run.stdout, "Gaps (2)", "Not assessed yet (28)")
    assert "L1.suggestion-boxes" in gaps, run
    assert "L1.community-meetings" not in gaps, run
    assert "L1.community-meetings" in _section(run.stdout, "Not assessed yet (28)", "Enablers"), run


def test_a_report_with_only_not_assessed_gaps_claims_nothing_is_unmet(coprod: RunCoprod, tmp_path: Path) -> None:
    unit = _unit(tmp_path, text="unit: {name: Ward B}\nassessed_on: 2026-10-14\n")
    out = tmp_path / "report.md"
    assert coprod("report", unit, "-o", out).code == 0
    text = out.read_text(encoding="utf-8")
    assert "No target was assessed as partly met or not met. 31 targets are not assessed yet" in text
    assert "| Level | Target | Now | Action |" not in text


def test_service_wide_priorities_count_not_assessed_apart(coprod: RunCoprod, tmp_path: Path) -> None:
    _unit(tmp_path)
    other = UNIT.replace("Ward A", "Ward B").replace("  L1.suggestion-boxes: {status: partial}\n", "")
    _unit(tmp_path, "ward-b.yaml", other)
    run = coprod("summary", tmp_path, "--format", "json")
    assert run.code == 0, run
    gaps = {g["id"]: g for g in json.loads(run.stdout)["common_gaps"]}
    # Not assessed in both units: unknown, so not a service-wide priority.
    assert "L1.community-meetings" not in gaps, run
    assert (gaps["L1.buddy-system"]["units"], gaps["L1.buddy-system"]["not_assessed"]) == (2, 0)
    assert (gaps["L1.suggestion-boxes"]["units"], gaps["L1.suggestion-boxes"]["not_assessed"]) == (1, 1)
    assert list(gaps) == ["L1.buddy-system", "L1.suggestion-boxes"]
    markdown = coprod("summary", tmp_path, "--format", "markdown")
    assert "| Buddy system for all new service users (L1.buddy-system) | 1 | 2 | 0 | 2 |" in markdown.stdout, markdown
