"""``coprod compare`` and ``report --baseline`` compare two assessments of one unit; two different
units are refused unless ``--different-units`` says the user means it, and then every output says
plainly that two different units are side by side (docs/many-units.md, 'Comparing two assessments').
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.service_cli import runner
from tests.conftest import RunCoprod

UNIT = """\
unit: {{name: "{name}"{organisation}}}
assessed_on: {day}
targets:
  L1.own-care-plans: {{status: {status}, evidence: [{{description: Plans, date: {day}}}], action: {{description: Ask, due: 2020-01-01}}}}
"""


@pytest.fixture
def cli(pinned_terminal: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> RunCoprod:
    monkeypatch.chdir(tmp_path)
    return runner()


def unit(
    file: str, name: str, organisation: str | None = "Cwm Taf", day: str = "2026-05-01", status: str = "partial"
) -> str:
    extra = f", organisation: {organisation}" if organisation else ""
    Path(file).write_text(UNIT.format(name=name, organisation=extra, day=day, status=status), encoding="utf-8")
    return file


REFUSED = (
    "coprod: cannot compare: a.yaml assesses 'Ward A (Cwm Taf)' and b.yaml assesses 'Ward B (Cwm Taf)', two "
    "different units; compare two assessments of one unit, or add --different-units if you mean to compare two "
    "units\n"
)


@pytest.mark.parametrize("format", ["text", "json", "markdown"])
def test_two_different_units_are_refused(cli: RunCoprod, format: str) -> None:
    run = cli("compare", unit("a.yaml", "Ward A"), unit("b.yaml", "Ward B", day="2026-09-01"), "--format", format)
    assert (run.code, run.stdout, run.stderr) == (2, "", REFUSED), run


def test_the_same_name_in_another_organisation_is_another_unit(cli: RunCoprod) -> None:
    run = cli("compare", unit("a.yaml", "Ward A", organisation=None), unit("b.yaml", "Ward A", day="2026-09-01"))
    assert run.code == 2, run
    assert run.stderr == (
        "coprod: cannot compare: a.yaml assesses 'Ward A' and b.yaml assesses 'Ward A (Cwm Taf)', two different "
        "units (the same name, but not the same organisation: if they are one unit, give both files the same one); "
        "compare two assessments of one unit, or add --different-units if you mean to compare two units\n"
    )


def test_one_unit_written_with_other_capitals_and_spacing_is_compared(cli: RunCoprod) -> None:
    old = unit("a.yaml", "Ward  A", organisation="CWM TAF")
    run = cli("compare", old, unit("b.yaml", "ward a", day="2026-09-01", status="met"), "--format", "json")
    assert run.code == 0, run
    data = json.loads(run.stdout)
    assert data["same_unit"] is True
    assert [a["id"] for a in data["actions_completed"]] == ["L1.own-care-plans"]
    assert cli("compare", "a.yaml", "b.yaml").stdout.startswith("ward a: 2026-05-01 → 2026-09-01 (123 days)\n")


def test_different_units_when_asked_say_so_plainly(cli: RunCoprod) -> None:
    pair = (unit("a.yaml", "Ward A"), unit("b.yaml", "Ward B", day="2026-09-01", status="met"), "--different-units")
    text = cli("compare", *pair)
    assert text.code == 0, text
    assert text.stdout.startswith(
        "Comparing two different units: Ward A (Cwm Taf) and Ward B (Cwm Taf)\n"
        "Assessed on 2026-05-01 and 2026-09-01\n"
        "Before: a.yaml · after: b.yaml\n"
        "Both against rehab-recovery 1.0.0\n"
        "Before is the first unit, after the second: a change is a difference between them.\n"
    )
    assert "Actions completed" not in text.stdout  # Ward A's action is not done by Ward B meeting the target
    data = json.loads(cli("compare", *pair, "--format", "json").stdout)
    assert data["same_unit"] is False
    assert data["actions_completed"] == data["actions_now_overdue"] == data["actions_still_overdue"] == []
    markdown = cli("compare", *pair, "--format", "markdown").stdout
    assert (
        "\n# Comparing two different units: Ward A and Ward B\n\nWard A (Cwm Taf) was assessed on 1 May 2026"
        in markdown
    )
    assert "not progress over time" in markdown
    assert "## Ward B beside Ward A\n\nCompared with the assessment of another unit, Ward A, of 1 May 2026" in markdown
    assert "| Level | Ward A | Ward B | Change |" in markdown
    assert "The attained level is 0 for Ward A and 0 for Ward B." in markdown
    assert "Since the last assessment" not in markdown
    assert "Then" not in markdown


def test_the_option_changes_nothing_for_one_unit(cli: RunCoprod) -> None:
    pair = (unit("a.yaml", "Ward A"), unit("b.yaml", "Ward A", day="2026-09-01", status="met"))
    assert cli("compare", *pair, "--different-units").stdout == cli("compare", *pair).stdout


def test_a_baseline_of_another_unit_is_refused(cli: RunCoprod) -> None:
    run = cli("report", unit("b.yaml", "Ward B", day="2026-09-01"), "--baseline", unit("a.yaml", "Ward A"))
    assert (run.code, run.stdout) == (2, ""), run
    assert run.stderr == (
        "coprod: cannot compare: a.yaml assesses 'Ward A (Cwm Taf)' and b.yaml assesses 'Ward B (Cwm Taf)', two "
        "different units; give an earlier assessment of the same unit as --baseline\n"
    )
