"""Every action by owner, through the real commands (docs/evidence-file.md, 'Actions';
docs/json-result.md, 'Actions'): the terminal summary, the reports and the JSON result."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from coprod_cli.model.json_schema import schema
from tests.conftest import RunCoprod

UNIT = """\
unit: {name: Afon}
assessed_on: 2026-10-14
targets:
  L1.own-care-plans:
    status: partial
    actions:
      - {description: "Audit care plans", owner: "Ward manager", due: 2026-09-01}
      - {description: "Write a template", owner: "ward   MANAGER", due: 2026-08-01, status: done, changed_on: 2026-07-20}
      - {description: "Buy a printer", status: dropped, changed_on: 2026-06-01, reason: "The office has one"}
  L1.buddy-system:
    status: met
    action: {description: "Keep the rota going", owner: "Peer worker", due: 2026-01-31}
  L1.community-meetings:
    status: not-met
    action: {description: "Start monthly meetings", owner: "Peer worker", due: 2027-01-31}
enablers:
  E.payment-policy:
    status: partial
    action: {description: "Agree a payment policy", owner: "<b>Boss</b> | [x]", due: 2027-02-01}
"""
OLD_STYLE = """\
unit: {name: Afon}
assessed_on: 2026-10-14
targets:
  L1.community-meetings:
    status: not-met
    action: {description: "Start monthly meetings", owner: "Peer worker", due: 2027-01-31}
"""


@pytest.fixture
def unit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "unit.yaml").write_text(UNIT, encoding="utf-8")
    (tmp_path / "old.yaml").write_text(OLD_STYLE, encoding="utf-8")
    return tmp_path / "unit.yaml"


def _block(text: str, heading: str) -> list[str]:
    """The lines of the terminal summary's block under ``heading``, up to the blank line."""
    after = text.split(f"\n{heading}\n", 1)[1]
    return [line.rstrip() for line in after.split("\n\n", 1)[0].splitlines()]


def test_assess_counts_each_owners_actions(coprod: RunCoprod, unit: Path) -> None:
    run = coprod("assess", "unit.yaml")
    assert run.code == 0, run
    assert _block(run.stdout, "Actions by owner") == [
        "Ward manager       1 open, 1 overdue, 1 done",
        "                   overdue: L1.own-care-plans, due 2026-09-01: Audit care plans",
        "                   done: L1.own-care-plans (2026-07-20)",
        "Peer worker        2 open",
        "<b>Boss</b> | [x]  1 open",
        "no owner           1 dropped",
    ]


def test_assess_in_welsh(coprod: RunCoprod, unit: Path) -> None:
    run = coprod("assess", "unit.yaml", "--lang", "cy")
    assert run.code == 0, run
    block = _block(run.stdout, "Camau gweithredu fesul pwy sy'n gyfrifol")
    assert block[0] == "Ward manager       1 ar agor, 1 yn hwyr, 1 wedi'u gwneud"
    assert block[1].strip() == "yn hwyr: L1.own-care-plans, erbyn 2026-09-01: Audit care plans"
    assert block[-1] == "neb yn gyfrifol    1 wedi'u gollwng"


def test_assess_without_actions_says_nothing_of_them(coprod: RunCoprod, tmp_path: Path) -> None:
    (tmp_path / "none.yaml").write_text(
        "unit: {name: A}\nassessed_on: 2026-10-14\ntargets:\n  L1.own-care-plans: {status: met}\n", encoding="utf-8"
    )
    run = coprod("assess", tmp_path / "none.yaml")
    assert run.code == 0, run
    assert "Actions by owner" not in run.stdout


def test_the_report_lists_every_action_by_owner(coprod: RunCoprod, unit: Path) -> None:
    run = coprod("report", "unit.yaml")
    assert run.code == 0, run
    section = run.stdout.split("## Actions by owner\n", 1)[1].split("\n## ", 1)[0]
    headings = [line for line in section.splitlines() if line.startswith("### ")]
    assert headings == ["### Ward manager", "### Peer worker", "### &lt;b>Boss&lt;/b> \\| \\[x\\]", "### No owner"]
    manager = section.split("### Ward manager\n", 1)[1].split("###", 1)[0]
    assert manager.index("Audit care plans") < manager.index("Write a template")
    assert "| Audit care plans | 1 September 2026 (overdue) | Open | — |" in manager
    assert "| Write a template | 1 August 2026 | Done | 20 July 2026 |" in manager
    assert "| Buy a printer | — | Dropped: The office has one | 1 June 2026 |" in section
    # A met target's open action is listed, and not overdue.
    assert "| Keep the rota going | 31 January 2026 | Open | — |" in section
    # The gap table still shows the first open action.
    assert "| Audit care plans | Ward manager | 1 September 2026 (overdue) |" in run.stdout


def test_the_report_in_welsh(coprod: RunCoprod, unit: Path) -> None:
    run = coprod("report", "unit.yaml", "--lang", "cy")
    assert run.code == 0, run
    assert "## Camau gweithredu fesul pwy sy'n gyfrifol\n" in run.stdout
    assert "### Neb yn gyfrifol\n" in run.stdout
    assert "| Wedi'i ollwng: The office has one |" in run.stdout


def test_an_old_style_file_has_no_section(coprod: RunCoprod, unit: Path) -> None:
    for style in ("standard", "easy-read"):
        run = coprod("report", "old.yaml", "--style", style)
        assert run.code == 0, run
        assert "Actions by owner" not in run.stdout
        assert "Jobs we said we would do" not in run.stdout


def test_the_html_report_escapes_and_flags(coprod: RunCoprod, unit: Path) -> None:
    run = coprod("report", "unit.yaml", "--format", "html", "-o", "unit.html")
    assert run.code == 0, run
    page = (unit.parent / "unit.html").read_text(encoding="utf-8")
    section = page.split('<section aria-labelledby="actions">', 1)[1].split("</section>", 1)[0]
    assert "<caption>&lt;b&gt;Boss&lt;/b&gt; | [x]</caption>" in section
    assert '<td class="due">1 September 2026 <strong>(overdue)</strong></td>' in section
    assert '<td class="progress p-dropped">Dropped: The office has one</td>' in section
    assert section.count("<table") == 4


def test_the_easy_read_report_says_who_and_whether_done(coprod: RunCoprod, unit: Path) -> None:
    run = coprod("report", "unit.yaml", "--style", "easy-read")
    assert run.code == 0, run
    jobs = run.stdout.split("## Jobs we said we would do\n", 1)[1].split("\n## ", 1)[0]
    assert "**Who: Ward manager**\n\n- Audit care plans: ✗ Not done yet. This is late.\n" in jobs
    assert "- Write a template: ✓ Done.\n" in jobs
    assert "**Who: not agreed yet**\n\n- Buy a printer: We stopped this job.\n" in jobs
    welsh = coprod("report", "unit.yaml", "--style", "easy-read", "--lang", "cy")
    assert "Fe wnaethon ni roi'r gorau i'r dasg hon." in welsh.stdout


def _result(coprod: RunCoprod, path: str) -> dict[str, Any]:
    run = coprod("assess", path, "--format", "json")
    assert run.code == 0, run
    data: dict[str, Any] = json.loads(run.stdout)
    jsonschema.Draft202012Validator(schema("result"), format_checker=jsonschema.FormatChecker()).validate(data)  # type: ignore[arg-type]
    return data


def test_the_json_result_lists_every_action(coprod: RunCoprod, unit: Path) -> None:
    data = _result(coprod, "unit.yaml")
    assert data["actions"] == [
        {
            "target": "L1.own-care-plans",
            "description": "Audit care plans",
            "owner": "Ward manager",
            "due": "2026-09-01",
            "status": "open",
            "changed_on": None,
            "reason": None,
            "overdue": True,
        },
        {
            "target": "L1.own-care-plans",
            "description": "Write a template",
            "owner": "ward   MANAGER",
            "due": "2026-08-01",
            "status": "done",
            "changed_on": "2026-07-20",
            "reason": None,
            "overdue": False,
        },
        {
            "target": "L1.own-care-plans",
            "description": "Buy a printer",
            "owner": None,
            "due": None,
            "status": "dropped",
            "changed_on": "2026-06-01",
            "reason": "The office has one",
            "overdue": False,
        },
        {
            "target": "L1.community-meetings",
            "description": "Start monthly meetings",
            "owner": "Peer worker",
            "due": "2027-01-31",
            "status": "open",
            "changed_on": None,
            "reason": None,
            "overdue": False,
        },
        {
            "target": "L1.buddy-system",
            "description": "Keep the rota going",
            "owner": "Peer worker",
            "due": "2026-01-31",
            "status": "open",
            "changed_on": None,
            "reason": None,
            "overdue": False,
        },
        {
            "target": "E.payment-policy",
            "description": "Agree a payment policy",
            "owner": "<b>Boss</b> | [x]",
            "due": "2027-02-01",
            "status": "open",
            "changed_on": None,
            "reason": None,
            "overdue": False,
        },
    ]
    gap = next(g for g in data["gaps"] if g["id"] == "L1.own-care-plans")
    assert gap["action"]["description"] == "Audit care plans"


def test_a_gap_whose_actions_are_all_closed_has_no_action_but_keeps_them(coprod: RunCoprod, unit: Path) -> None:
    (unit.parent / "closed.yaml").write_text(
        "unit: {name: A}\nassessed_on: 2026-10-14\ntargets:\n  L1.own-care-plans:\n    status: partial\n"
        '    action: {description: "Audit", status: done, changed_on: 2026-10-01}\n',
        encoding="utf-8",
    )
    data = _result(coprod, "closed.yaml")
    assert "action" not in next(g for g in data["gaps"] if g["id"] == "L1.own-care-plans")
    assert [(a["description"], a["status"]) for a in data["actions"]] == [("Audit", "done")]
    assert _result(coprod, "old.yaml")["actions"][0]["status"] == "open"
