"""``coprod compare OLD NEW``: what moved between two assessments of one unit, in both directions,
and the "since the last assessment" section ``report --baseline`` / ``--since`` adds.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from coprod_cli.reports.json_result import result_dict
from coprod_cli.reports.markdown_report import environment
from coprod_cli.resources import data_dir
from coprod_cli.rollup.compare import compare, since_from_file
from coprod_cli.scoring.check import load_evidence
from coprod_cli.scoring.score import Result, score
from tests.cli.service_cli import runner
from tests.conftest import EXAMPLES, RunCoprod

FRAMEWORK = """\
id: small
version: "{version}"
title: Small framework
levels:
  - number: 1
    title: Basics
    targets:
      - {{id: T1.a, text: Target A}}
      - {{id: T1.b, text: Target B}}
      - {{id: T1.c, text: Target C}}
      - {{id: T1.d, text: Target D}}
  - number: 2
    title: Partnership
    threshold: 50
    targets:
      - {{id: T2.a, text: Target 2A}}
      - {{id: T2.b, text: Target 2B}}
{more}enablers:
  - {{id: E.x, text: Enabler X}}
  - {{id: E.y, text: Enabler Y}}
"""

BEFORE = """\
unit: {name: Ward K}
framework: small.yaml
assessed_on: 2026-01-10
targets:
  T1.a: {status: not-met, action: {description: Start it, owner: Manager, due: 2026-03-01}}
  T1.b: {status: partial, action: {description: Finish it, due: 2026-01-01}}
  T1.c: {status: met, evidence: [{description: Done, date: 2026-01-02}]}
  T1.d: {status: not-applicable, justification: Not here}
  T2.a: {status: partial}
enablers:
  E.x: {status: not-met, action: {description: Agree a policy, due: 2026-02-01}}
  E.y: {status: met, evidence: [{description: Done, date: 2026-01-02}]}
"""

AFTER = """\
unit: {name: Ward K}
framework: small.yaml
assessed_on: 2026-06-10
targets:
  T1.a: {status: met, evidence: [{description: Started, date: 2026-02-20}]}
  T1.b: {status: partial, action: {description: Finish it, due: 2026-01-01}}
  T1.c: {status: not-applicable, justification: No longer here}
  T1.d: {status: partial}
  T2.a: {status: not-met, action: {description: Try again, due: 2026-05-01}}
  T2.b: {status: not-met}
enablers:
  E.x: {status: met, evidence: [{description: Policy agreed, date: 2026-03-01}]}
  E.y: {status: partial}
"""


@pytest.fixture
def cli(pinned_terminal: None) -> RunCoprod:
    return runner()


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    monkeypatch.chdir(tmp_path)
    Path("small.yaml").write_text(FRAMEWORK.format(version="1.0.0", more=""), encoding="utf-8")
    Path("before.yaml").write_text(BEFORE, encoding="utf-8")
    Path("after.yaml").write_text(AFTER, encoding="utf-8")
    return Path("before.yaml"), Path("after.yaml")


def scored(path: Path) -> Result:
    return score(load_evidence(path, str(path)))


def action(ident: str, level: int, description: str, due: str, owner: str | None = None) -> dict[str, Any]:
    return {"id": ident, "level": level, "description": description, "owner": owner, "due": due}


def followed(
    ident: str, level: int, description: str, due: str | None, owner: str | None = None, **more: Any
) -> dict[str, Any]:
    return {
        **action(ident, level, description, due, owner),  # type: ignore[arg-type]
        "status": "open",
        "changed_on": None,
        "reason": None,
        "overdue": False,
        **more,
    }


def change(ident: str, level: int, before: str, after: str, kind: str) -> dict[str, Any]:
    return {"id": ident, "level": level, "before": before, "after": after, "kind": kind}


def test_forwards_exact_json(cli: RunCoprod, files: tuple[Path, Path]) -> None:
    before, after = files
    run = cli("compare", before, after, "--format", "json")
    assert run.code == 0, run
    assert json.loads(run.stdout) == {
        "schema_version": 1,
        "before": result_dict(scored(before)),
        "after": result_dict(scored(after)),
        "same_framework": True,
        "same_unit": True,
        "days": 151,
        "attained_level": {"before": 0, "after": 0},
        "levels": [
            {
                "number": 1,
                "title": "Basics",
                "before": 50.0,
                "after": 66.7,
                "change": 16.7,
                "achieved_before": False,
                "achieved_after": False,
            },
            {
                "number": 2,
                "title": "Partnership",
                "before": 25.0,
                "after": 0.0,
                "change": -25.0,
                "achieved_before": False,
                "achieved_after": False,
            },
        ],
        "improved": ["T1.a", "T2.b"],
        "regressed": ["T2.a"],
        "newly_not_applicable": ["T1.c"],
        "applies_again": ["T1.d"],
        "changes": [
            change("T1.a", 1, "not-met", "met", "improved"),
            change("T2.b", 2, "not-assessed", "not-met", "improved"),
            change("T2.a", 2, "partial", "not-met", "regressed"),
            change("T1.c", 1, "met", "not-applicable", "newly-not-applicable"),
            change("T1.d", 1, "not-applicable", "partial", "applies-again"),
        ],
        "enablers": [change("E.x", 0, "not-met", "met", "improved"), change("E.y", 0, "met", "partial", "regressed")],
        "actions_completed": [
            action("T1.a", 1, "Start it", "2026-03-01", "Manager"),
            action("E.x", 0, "Agree a policy", "2026-02-01"),
        ],
        "actions_now_overdue": [action("T2.a", 2, "Try again", "2026-05-01")],
        "actions_still_overdue": [action("T1.b", 1, "Finish it", "2026-01-01")],
        "actions": {
            "completed": [
                followed("T1.a", 1, "Start it", "2026-03-01", "Manager"),
                followed("E.x", 0, "Agree a policy", "2026-02-01"),
            ],
            "still_open": [followed("T1.b", 1, "Finish it", "2026-01-01", overdue=True)],
            "dropped": [],
            "new": [followed("T2.a", 2, "Try again", "2026-05-01", overdue=True)],
            "no_longer_in_file": [],
        },
        "new_targets": [],
        "dropped_targets": [],
    }


def test_backwards_exact_json(cli: RunCoprod, files: tuple[Path, Path]) -> None:
    before, after = files
    run = cli("compare", after, before, "--format", "json")
    assert run.code == 0, run
    data = json.loads(run.stdout)
    assert data["before"] == result_dict(scored(after))
    assert data["after"] == result_dict(scored(before))
    del data["before"], data["after"]
    assert data == {
        "schema_version": 1,
        "same_framework": True,
        "same_unit": True,
        "days": -151,
        "attained_level": {"before": 0, "after": 0},
        "levels": [
            {
                "number": 1,
                "title": "Basics",
                "before": 66.7,
                "after": 50.0,
                "change": -16.7,
                "achieved_before": False,
                "achieved_after": False,
            },
            {
                "number": 2,
                "title": "Partnership",
                "before": 0.0,
                "after": 25.0,
                "change": 25.0,
                "achieved_before": False,
                "achieved_after": False,
            },
        ],
        "improved": ["T2.a"],
        "regressed": ["T1.a", "T2.b"],
        "newly_not_applicable": ["T1.d"],
        "applies_again": ["T1.c"],
        "changes": [
            change("T2.a", 2, "not-met", "partial", "improved"),
            change("T1.a", 1, "met", "not-met", "regressed"),
            change("T2.b", 2, "not-met", "not-assessed", "regressed"),
            change("T1.d", 1, "partial", "not-applicable", "newly-not-applicable"),
            change("T1.c", 1, "not-applicable", "met", "applies-again"),
        ],
        "enablers": [change("E.x", 0, "met", "not-met", "regressed"), change("E.y", 0, "partial", "met", "improved")],
        "actions_completed": [],
        "actions_now_overdue": [],
        "actions_still_overdue": [action("T1.b", 1, "Finish it", "2026-01-01")],
        "actions": {
            "completed": [],
            "still_open": [followed("T1.b", 1, "Finish it", "2026-01-01", overdue=True)],
            "dropped": [],
            "new": [
                followed("T1.a", 1, "Start it", "2026-03-01", "Manager"),
                followed("E.x", 0, "Agree a policy", "2026-02-01"),
            ],
            "no_longer_in_file": [followed("T2.a", 2, "Try again", "2026-05-01")],
        },
        "new_targets": [],
        "dropped_targets": [],
    }


def test_text(cli: RunCoprod, files: tuple[Path, Path]) -> None:
    run = cli("compare", *files)
    assert run.code == 0, run
    lines = [line.rstrip() for line in run.stdout.splitlines()]
    assert lines[:3] == [
        "Ward K: 2026-01-10 → 2026-06-10 (151 days)",
        "Before: before.yaml · after: after.yaml",
        "Both against small 1.0.0",
    ]
    assert "1. Basics        50% ✗  66.7% ✗   +16.7" in lines
    assert "Attained level: 0 → 0" in lines
    assert "Improved (2)" in lines
    assert "T1.a  Not met → Met           Target A" in lines
    assert "We said we would… — what happened" in lines
    assert "New actions (1)" in lines
    assert "T2.a  Try again  due 2026-05-01  overdue" in lines
    assert run.stderr == ""
    backwards = cli("compare", files[1], files[0])
    assert "The second file is dated before the first: give the older file first." in backwards.stdout


def test_markdown(cli: RunCoprod, files: tuple[Path, Path]) -> None:
    run = cli("compare", *files, "--format", "markdown")
    assert run.code == 0, run
    text = run.stdout
    assert text.startswith("<!-- generated by coprod from before.yaml and after.yaml:")
    assert "\n## Since the last assessment\n\nCompared with the assessment of 10 January 2026.\n" in text
    assert "| 2. Partnership | 25% | 0% | -25.0 |\n" in text
    assert "**Regressed (1)**\n\n- Target 2A (T2.a): Partly met → Not met\n\n" in text
    assert "**Actions completed (2)**\n\n- Target A (T1.a): Start it — Manager, due 1 March 2026\n" in text
    assert "**Actions still open (1)**\n\n- Target B (T1.b): Finish it, due 1 January 2026; overdue\n\n" in text
    assert text.endswith("- Target 2A (T2.a): Try again, due 1 May 2026; overdue\n")
    assert "\n\n\n" not in text


def test_nothing_changed(cli: RunCoprod, files: tuple[Path, Path]) -> None:
    run = cli("compare", files[0], files[0], "--format", "markdown")
    assert "No target or enabler changed status.\n" in run.stdout
    assert "The attained level is still 0." in run.stdout
    assert "No target or enabler changed status." in cli("compare", files[0], files[0]).stdout


def test_another_version_of_the_framework(cli: RunCoprod, files: tuple[Path, Path]) -> None:
    more = "      - {id: T2.c, text: Target 2C}\n"
    Path("small-2.yaml").write_text(
        FRAMEWORK.format(version="2.0.0", more="")
        .replace("      - {id: T1.d, text: Target D}\n", "")
        .replace("{id: T2.b, text: Target 2B}\n", "{id: T2.b, text: Target 2B}\n" + more),
        encoding="utf-8",
    )
    Path("later.yaml").write_text(
        AFTER.replace("small.yaml", "small-2.yaml").replace("  T1.d: {status: partial}\n", ""), encoding="utf-8"
    )
    result = compare(scored(files[0]), scored(Path("later.yaml")))
    assert not result.same_framework
    assert result.new_targets == ("T2.c",)
    assert result.dropped_targets == ("T1.d",)
    run = cli("compare", files[0], "later.yaml")
    assert "Framework small 1.0.0 → 2.0.0: targets are matched by ID" in run.stdout
    assert "New in the framework (not assessed before): T2.c" in run.stdout
    assert "No longer in the framework: T1.d" in run.stdout
    markdown = cli("compare", files[0], "later.yaml", "--format", "markdown").stdout
    assert ", made against small version 1.0.0; targets are matched by their IDs." in markdown


def test_another_framework_is_refused(cli: RunCoprod, files: tuple[Path, Path]) -> None:
    run = cli("compare", files[0], EXAMPLES / "step-down-house.yaml", "--different-units")
    assert run.code == 2
    assert run.stdout == ""
    assert run.stderr == (
        f"coprod: cannot compare: before.yaml is assessed against 'small' and {EXAMPLES / 'step-down-house.yaml'} "
        "against 'rehab-recovery'; compare two assessments made against the same framework, or move the older "
        "file onto the newer one's framework first: coprod migrate before.yaml --to FRAMEWORK\n"
    )


def test_levels_without_a_percent(cli: RunCoprod) -> None:
    mixed = Path(__file__).parent.parent / "golden" / "summary" / "mixed"
    pair = (mixed / "ward-a.yaml", mixed / "ward-b.yaml", "--different-units")  # two units, as the test needs
    run = cli("compare", *pair, "--format", "json")
    assert run.code == 0, run
    levels = json.loads(run.stdout)["levels"]
    assert [(lv["before"], lv["after"], lv["change"]) for lv in levels] == [(100.0, 75.0, -25.0), (50.0, None, None)]
    text = cli("compare", *pair).stdout
    assert "2. Partnership   50% ✓  n/a ✗       —" in text
    assert "n/a | —" in cli("compare", *pair, "--format", "markdown").stdout


def test_bad_input_and_output(cli: RunCoprod, files: tuple[Path, Path]) -> None:
    run = cli("compare", files[0], "missing.yaml")
    assert run.code == 2
    assert "missing.yaml: file not found" in run.stderr
    run = cli("compare", *files, "-o", files[1])
    assert run.code == 2
    assert "this is an input file; coprod never writes over its input" in run.stderr
    run = cli("compare", *files, "--format", "markdown", "-o", "changes.md")
    assert (run.code, run.stderr) == (0, "Wrote changes.md.\n")
    assert Path("changes.md").read_text(encoding="utf-8").startswith("<!-- generated by coprod")


def test_since_from_file_and_the_partial_in_the_report_environment(files: tuple[Path, Path]) -> None:
    after = scored(files[1])
    since = since_from_file(files[0], after)
    assert [t.id for t in since.improved] == ["T1.a", "T2.b"]
    assert since.waived_keys == frozenset()
    env = environment(data_dir("templates"))  # the gap report's environment, as report.md.j2 includes it
    text = env.from_string('{% include "_since.md.j2" %}').render(r=after, since=since)
    assert text.startswith("## Since the last assessment\n\n")
    assert text.endswith("\n\n")


def test_comparing_a_file_with_itself_says_so(coprod: RunCoprod, tmp_path: Path) -> None:
    unit = tmp_path / "ward.yaml"
    unit.write_bytes((EXAMPLES / "open-rehab-unit.yaml").read_bytes())
    run = coprod("compare", unit, tmp_path / "." / "ward.yaml", "--format", "json")
    assert run.code == 0, run
    assert json.loads(run.stdout)["improved"] == []
    assert run.stderr == (
        f"coprod: warning: {unit} and {unit} are the same file, so nothing can have changed; give an earlier copy "
        f"as OLD.yaml, or see every committed version with: coprod history {unit}\n"
    )
    other = tmp_path / "ward-2025.yaml"
    other.write_bytes(unit.read_bytes())
    assert "same file" not in coprod("compare", other, unit).stderr


# ---- golden outputs, in English, Welsh and both -------------------------------------------------

COMPARE_GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "compare"
COMPARE_PAIR = ("tests/golden/html/six-voices.before.yaml", "tests/golden/coassess/six-voices.yaml")
COMPARE_REGEN = "python -m tests.rollup.test_compare"
COMPARE_GOLDENS = {
    "six-voices.txt": ("text", "en"),
    "six-voices.md": ("markdown", "en"),
    "six-voices.cy.txt": ("text", "cy"),
    "six-voices.cy.md": ("markdown", "cy"),
    "six-voices.cy+en.md": ("markdown", "cy+en"),
}
"""Each golden file of ``coprod compare`` (run from the repository root): its format and --lang."""


@pytest.mark.parametrize("name", sorted(COMPARE_GOLDENS))
def test_compare_matches_golden(cli: RunCoprod, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.chdir(COMPARE_GOLDEN.parent.parent.parent)
    fmt, lang = COMPARE_GOLDENS[name]
    run = cli("compare", *COMPARE_PAIR, "--format", fmt, "--lang", lang)
    assert run.code == 0, run
    expected = (COMPARE_GOLDEN / name).read_text(encoding="utf-8")
    assert run.stdout == expected, f"tests/golden/compare/{name} differs; run: {COMPARE_REGEN}"


def regenerate() -> None:
    """Rewrite the golden files of this module from the current code."""
    import os
    import sys

    os.environ.update(COLUMNS="100", NO_COLOR="1")  # what the pinned_terminal fixture sets
    os.chdir(COMPARE_GOLDEN.parent.parent.parent)
    COMPARE_GOLDEN.mkdir(exist_ok=True)
    run = runner()
    for name, (fmt, lang) in COMPARE_GOLDENS.items():
        (COMPARE_GOLDEN / name).write_text(
            run("compare", *COMPARE_PAIR, "--format", fmt, "--lang", lang).stdout, encoding="utf-8"
        )
    print("wrote tests/golden/compare/*", file=sys.stderr)


if __name__ == "__main__":
    regenerate()
