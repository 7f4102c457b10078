"""Per-assessor ratings: every voice, where views differ, and where staff views prevailed.

The golden case ``tests/golden/coassess/six-voices.yaml`` is a unit rated by six people with
every kind of disagreement; its report partial, JSON result and terminal summary are compared
exactly.  After an intended change, regenerate them with ``python -m tests.test_ratings`` (from
the repository root) and read the diff.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from coprod_cli.cli.app import app
from coprod_cli.model.json_schema import schema
from coprod_cli.reports.markdown_report import environment
from coprod_cli.resources import data_dir
from coprod_cli.scoring.check import load_evidence
from coprod_cli.scoring.score import score
from tests.conftest import ROOT, RunCoprod

GOLDEN = ROOT / "tests" / "golden" / "coassess"
CASE = "tests/golden/coassess/six-voices.yaml"
REGEN = "python -m tests.test_ratings"
PARTIAL = "_coassessment.md.j2"


def partial(source: str, **context: str) -> str:
    """The co-assessment partial of the report, rendered alone for ``source`` (relative to the root)."""
    result = score(load_evidence(Path(source), source))
    return environment(data_dir("templates")).get_template(PARTIAL).render(r=result, **context)


def _cli(*args: str) -> str:
    env = {"COLUMNS": "100", "NO_COLOR": "1"}
    result = CliRunner().invoke(app, list(args), env=env, catch_exceptions=False)
    return result.stdout


def goldens() -> dict[Path, str]:
    """Every golden file of this module and what the current code makes of it (run from the root)."""
    return {
        GOLDEN / "six-voices.partial.md": partial(CASE),
        GOLDEN / "six-voices.json": _cli("assess", CASE, "--format", "json"),
        GOLDEN / "six-voices.txt": _cli("assess", CASE),
    }


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(ROOT)
    return ROOT


@pytest.fixture
def six(coprod: RunCoprod, at_root: Path) -> dict[str, Any]:
    run = coprod("assess", CASE, "--format", "json")
    assert run.code == 0, run
    data: dict[str, Any] = json.loads(run.stdout)
    return data


# ---- the golden files ----------------------------------------------------------------------


def test_report_partial_matches_golden(at_root: Path) -> None:
    expected = (GOLDEN / "six-voices.partial.md").read_text(encoding="utf-8")
    assert partial(CASE) == expected, f"six-voices.partial.md differs; run: {REGEN}"


def test_json_matches_golden(coprod: RunCoprod, at_root: Path) -> None:
    run = coprod("assess", CASE, "--format", "json")
    assert run.code == 0, run
    assert run.stdout == (GOLDEN / "six-voices.json").read_text(encoding="utf-8"), f"run: {REGEN}"


def test_terminal_summary_matches_golden(coprod: RunCoprod, at_root: Path) -> None:
    run = coprod("assess", CASE)
    assert run.code == 0, run
    assert run.stdout == (GOLDEN / "six-voices.txt").read_text(encoding="utf-8"), f"run: {REGEN}"


def test_golden_inputs_follow_the_schemas(six: dict[str, Any]) -> None:
    import yaml

    validator = jsonschema.Draft202012Validator(schema("result"), format_checker=jsonschema.FormatChecker())
    assert [e.message for e in validator.iter_errors(six)] == []
    data = yaml.safe_load((ROOT / CASE).read_text(encoding="utf-8"))
    data = json.loads(json.dumps(data, default=str))
    data["sign_off"] = {str(k): v for k, v in data["sign_off"].items()}
    evidence = jsonschema.Draft202012Validator(schema("evidence"), format_checker=jsonschema.FormatChecker())
    assert [e.message for e in evidence.iter_errors(data)] == []


# ---- hand-checked facts inside the golden, so a regenerated golden cannot quietly go wrong ----


def _kinds(data: dict[str, Any]) -> list[tuple[str, str]]:
    return [(d["target"], d["kind"]) for d in data["disagreements"]]


def test_every_kind_of_disagreement(six: dict[str, Any]) -> None:
    assert _kinds(six) == [
        ("L1.suggestion-boxes", "staff-prevails"),  # agreed met; users said partial (one step: no spread)
        ("L1.buddy-system", "spread"),  # met and not-met; agreed partial is not above the users' partial
        ("L1.complaints-info", "spread"),
        ("L1.complaints-info", "staff-prevails"),  # both kinds: two entries
        ("L3.recruitment", "spread"),  # left not-assessed: no agreed status to prevail
        ("E.payment-policy", "staff-prevails"),  # enablers count too, after the targets
    ]
    complaints = six["disagreements"][2]
    assert complaints["agreed"] == "met"
    assert complaints["level"] == 1
    assert complaints["ratings"] == [
        {"name": "Rhian", "role": "service-user", "status": "not-met"},
        {"name": "Gwen", "role": "carer", "status": "not-met"},
        {"name": "Iwan", "role": "staff", "status": "met"},
        {"name": "P. Evans", "role": "manager", "status": "met"},
    ]


def test_not_assessed_and_not_applicable_ratings(six: dict[str, Any]) -> None:
    by_target = {r["target"]: r for r in six["ratings"]}
    # Tomos's not-assessed rating is no rating.
    assert [r["name"] for r in by_target["L1.community-meetings"]["ratings"]] == ["Rhian", "Iwan"]
    # One 'not-applicable' among mets is no kind of disagreement, and the status was agreed.
    family = by_target["L1.family-welcome"]
    assert [r["status"] for r in family["ratings"]] == ["not-applicable", "met", "met"]
    assert "L1.family-welcome" not in {d["target"] for d in six["disagreements"]}
    # Users rated higher than the agreed status: not a power imbalance.
    assert "L1.rag-feedback" not in {d["target"] for d in six["disagreements"]}


def test_voices_count_targets_each_role_rated(six: dict[str, Any]) -> None:
    # Service users: both rated 9 targets between them (enablers are not counted).
    assert six["voices"] == {"service-user": 9, "carer": 7, "staff": 10, "third-sector": 0, "manager": 4}
    assert six["assessors"] == {"service-user": 2, "carer": 1, "staff": 2, "third-sector": 0, "manager": 1}


def test_quality_and_ladder_of_the_golden(six: dict[str, Any]) -> None:
    assert six["quality"] == {
        "applicable_targets": 31,
        "targets_with_evidence": 19,
        "evidence_share": 61.3,  # 19 / 31
        "stale_evidence": 0,
        "met_without_evidence": 0,
        "roles_missing": ["third-sector"],
        "unresolved_disagreements": 2,  # L2.joint-training (one step apart) and L3.recruitment
        "actions_without_owner_or_due": 1,  # L1.carer-perspective-ctp
        "actions_overdue": 1,  # L3.representation, due 2026-09-30
        "not_assessed": 9,
    }
    assert six["attained_level"] == 1
    assert six["ladder"]["rung"] == "doing for"


def test_the_partial_shows_each_role_and_each_difference(at_root: Path) -> None:
    text = (GOLDEN / "six-voices.partial.md").read_text(encoding="utf-8")
    assert "| Target | Agreed | Service users | Carers | Staff | Managers |" in text
    assert (
        "| Suggestion boxes displayed in main areas (L1.suggestion-boxes) | Met | Partly met ×2 | Partly met "
        "| Met ×2 | Met |"
    ) in text
    assert "Views more than a step apart; agreed above every service user and carer rating" in text
    assert "- Service users, carers & staff attend joint training (L2.joint-training)" in text
    assert "- **Doing for**: Level 1 ← Afon Ward is here" in text


def test_terminal_shows_ratings_compactly(at_root: Path) -> None:
    text = (GOLDEN / "six-voices.txt").read_text(encoding="utf-8")
    assert "service users: partly met, not met · carers: partly met ·" in text
    assert "Targets each role rated: service users 9, carers 7, staff 10, managers 4" in text
    assert "Where views differ (5)" in text
    assert "Level 2 has the score it needs and counts once a service user signs it off." in text
    assert "On Arnstein's ladder: doing for (Level 1)." in text
    assert "  Disagreements not settled          2 (L2.joint-training, L3.recruitment)" in text


# ---- rules on small files --------------------------------------------------------------------

HEAD = """\
unit: {name: Ward A}
assessed_on: 2026-10-14
assessors:
  - {name: Su, role: service-user}
  - {name: Ca, role: carer}
  - {name: St, role: staff}
  - {name: Ma, role: manager}
targets:
"""


def _assess(coprod: RunCoprod, tmp_path: Path, body: str) -> dict[str, Any]:
    path = tmp_path / "unit.yaml"
    path.write_text(HEAD + body, encoding="utf-8")
    run = coprod("assess", path, "--format", "json")
    assert run.code == 0, run
    data: dict[str, Any] = json.loads(run.stdout)
    return data


@pytest.mark.parametrize(
    ("agreed", "ratings", "kinds"),
    [
        ("met", "{Su: met, St: met}", []),
        ("partial", "{Su: met, St: not-met}", ["spread"]),
        ("met", "{Su: partial, Ca: partial, St: met}", ["staff-prevails"]),
        ("met", "{Su: not-met, St: met}", ["spread", "staff-prevails"]),
        ("partial", "{Su: met, Ca: not-met, St: partial}", ["spread"]),  # one user rated higher: not above all
        ("met", "{St: met, Ma: not-met}", ["spread"]),  # no user rating: no power imbalance to see
        ("met", "{Su: not-applicable, St: met}", []),  # not-applicable is off the scale
        ("met", "{Su: not-assessed, St: met}", []),  # not-assessed is no rating
        ("not-met", "{Su: partial, St: not-met}", []),  # the agreed status is below the users' rating
        ("partial", "{Ca: not-met}", ["staff-prevails"]),  # agreed above the only user rating
    ],
)
def test_kinds_of_disagreement(coprod: RunCoprod, tmp_path: Path, agreed: str, ratings: str, kinds: list[str]) -> None:
    data = _assess(coprod, tmp_path, f"  L1.buddy-system: {{status: {agreed}, ratings: {ratings}}}\n")
    assert [d["kind"] for d in data["disagreements"]] == kinds


def test_unresolved_needs_differing_ratings(coprod: RunCoprod, tmp_path: Path) -> None:
    data = _assess(
        coprod,
        tmp_path,
        "  L1.buddy-system: {status: not-assessed, ratings: {Su: met, St: partial}}\n"
        "  L1.own-care-plans: {status: not-assessed, ratings: {Su: met, St: met}}\n"
        "  L1.suggestion-boxes: {status: not-assessed, ratings: {Su: not-applicable, St: met}}\n"
        "  L1.rag-feedback: {status: partial, ratings: {Su: met, St: partial}}\n",
    )
    assert data["quality"]["unresolved_disagreements"] == 2  # buddy-system and suggestion-boxes
    assert data["disagreements"] == []


def test_names_match_as_the_duplicate_check_does(coprod: RunCoprod, tmp_path: Path) -> None:
    data = _assess(coprod, tmp_path, "  L1.buddy-system: {status: met, ratings: {' su ': met, st: met}}\n")
    assert data["ratings"][0]["ratings"] == [
        {"name": "Su", "role": "service-user", "status": "met"},
        {"name": "St", "role": "staff", "status": "met"},
    ]


def test_no_ratings_means_no_new_sections_in_the_terminal(coprod: RunCoprod, tmp_path: Path) -> None:
    path = tmp_path / "unit.yaml"
    path.write_text(HEAD + "  L1.buddy-system: {status: partial}\n", encoding="utf-8")
    run = coprod("assess", path)
    assert run.code == 0, run
    assert "Targets each role rated" not in run.stdout
    assert "Where views differ" not in run.stdout
    assert "signed off by" not in run.stdout
    assert "Assessment quality" in run.stdout


def test_partial_without_ratings_says_how_to_collect_them(at_root: Path) -> None:
    text = partial("examples/open-rehab-unit.yaml")
    assert "each person can rate the targets on their own before the group agrees" in text
    assert "coprod init" not in text  # a shared report: the commands are in the README
    assert "### How each role rated the targets" not in text


def test_partial_escapes_names(tmp_path: Path) -> None:
    path = tmp_path / "unit.yaml"
    path.write_text(
        "unit: {name: 'Ward <b>|'}\nassessed_on: 2026-10-14\n"
        "assessors: [{name: '[x]|*y*', role: carer}]\n"
        "targets:\n  L1.buddy-system: {status: met, evidence: [{description: d}], ratings: {'[x]|*y*': not-met}}\n",
        encoding="utf-8",
    )
    text = partial(str(path), ratings="by-person")
    assert "\\[x\\]\\|\\*y\\* (carer): Not met" in text
    assert "<b>" not in text
    for line in text.splitlines():
        if line.startswith("| Buddy system") and "Agreed above" in line:
            assert line.replace("\\|", "").count("|") == 5


def regen() -> int:
    """Rewrite this module's golden files from the current code (run from the repository root)."""
    os.chdir(ROOT)
    for path, text in goldens().items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(regen())
