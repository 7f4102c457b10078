"""Shared reports speak of people, dates and targets, not of tooling: no file lines, YAML keys or
commands in the body, "since" and history charts labelled by assessment dates, not revisions.
Where each thing to check is in the file, and how to fix it, is on the terminal."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coprod_cli.errors import Problem
from coprod_cli.reports.words import things_to_check
from tests.conftest import ROOT, RunCoprod, git, new_repo

LOCKED = ROOT / "examples" / "locked-rehab-unit.yaml"
"""Three warnings: an overdue action and two targets met without evidence; no one rated on their own."""
TOOLING = re.compile(r"Line \d+|line \d+|'evidence:'|coprod init|coprod merge|--as |HEAD~|\.yaml")


def _body(text: str) -> str:
    """The report up to its last section, "About this report", which speaks to the assessment lead."""
    text = text.split("<!--", 1)[0] + text.split("-->", 1)[-1]  # the generated-by comment names the file
    return re.split(r"## About this report|<h2 id=\"about\">", text)[0]


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_report_body_has_no_tooling(coprod: RunCoprod, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"report.{fmt}"
    run = coprod("report", LOCKED, "-o", out)
    assert run.code == 0, run
    text = out.read_text(encoding="utf-8")
    body = _body(text)
    assert TOOLING.findall(body) == [], body
    assert "Suggestion boxes displayed in main areas: marked met, but no evidence is recorded" in body
    assert "All service users write their own care &amp; activity plans: an action past its due date" in body.replace(
        "& activity", "&amp; activity"
    )
    assert "For the assessment lead:" in text
    # The fixes, with the file's line and column, are on the terminal.
    assert (
        "locked-rehab-unit.yaml:35:13: warning: 'L1.suggestion-boxes' is marked met but has no evidence" in run.stderr
    )


def test_since_is_labelled_by_the_date_of_the_earlier_assessment(
    coprod: RunCoprod, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = new_repo(tmp_path, monkeypatch)
    unit = root / "ward.yaml"
    unit.write_text("unit: {name: Ward A}\nassessed_on: 2026-01-10\ntargets:\n  L1.buddy-system: {status: not-met}\n")
    git(root, "add", "ward.yaml")
    git(root, "commit", "-qm", "first")
    git(root, "commit", "-q", "--allow-empty", "-m", "second")
    unit.write_text(
        "unit: {name: Ward A}\nassessed_on: 2026-10-14\ntargets:\n"
        "  L1.buddy-system: {status: met, evidence: [{description: Rota}]}\n"
    )
    monkeypatch.chdir(root)
    run = coprod("report", "ward.yaml", "--since", "HEAD~1")
    assert run.code == 0, run
    body = _body(run.stdout)
    assert "Compared with the assessment of 10 January 2026." in body
    assert TOOLING.findall(body) == [], body


def test_history_charts_are_labelled_by_assessment_dates(
    coprod: RunCoprod, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = new_repo(tmp_path, monkeypatch)
    unit = root / "ward.yaml"
    commits = []
    for day, status in (("2026-01-10", "not-met"), ("2026-06-02", "met")):
        unit.write_text(
            f"unit: {{name: Ward A}}\nassessed_on: {day}\ntargets:\n  L1.buddy-system: {{status: {status}}}\n"
        )
        git(root, "add", "ward.yaml")
        git(root, "commit", "-qm", day)
        commits.append(git(root, "rev-parse", "--short=7", "HEAD"))
    monkeypatch.chdir(root)
    run = coprod("history", "ward.yaml", "--format", "markdown")
    assert run.code == 0, run
    axes = [line for line in run.stdout.splitlines() if "x-axis" in line]
    assert axes
    for axis in axes:
        assert axis.strip() == 'x-axis ["10 January 2026", "2 June 2026"]'
        assert not any(commit in axis for commit in commits)


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_the_summary_says_what_to_check_without_file_lines(coprod: RunCoprod, fmt: str) -> None:
    run = coprod("summary", ROOT / "examples", "--format", fmt)
    expected = (
        "Bryn Celyn Locked Rehabilitation Unit: an action past its due date; marked met, but no evidence is recorded"
    )
    assert f"{expected} (2 times)" in run.stdout
    assert "line 34" not in run.stdout
    assert "'evidence:'" not in run.stdout


def test_a_warning_coprod_has_no_words_for_yet_is_still_listed() -> None:
    warnings = [
        Problem("u.yaml", 3, 1, "x", "some-new-code", None),
        Problem("u.yaml", 4, 1, "y", "stale-evidence", "L1.buddy-system"),
        Problem("u.yaml", 5, 1, "z", "stale-evidence", "L1.buddy-system"),
    ]
    assert things_to_check(warnings) == (
        "Something in the record to check",
        "Evidence older than the framework's review period (2 times)",
    )
    assert things_to_check(warnings, capital=False)[0] == "something in the record to check"


@pytest.mark.parametrize("case", ["warnings", "warnings-dates", "warnings-planning"])
def test_every_warning_has_its_own_words_in_a_shared_report(coprod: RunCoprod, tmp_path: Path, case: str) -> None:
    out = tmp_path / "report.md"
    run = coprod("report", ROOT / "tests" / "data" / "valid" / f"{case}.yaml", "-o", out)
    assert run.code == 0, run
    text = out.read_text(encoding="utf-8")
    assert "## Things to check" in text
    assert "something in the record to check" not in text
