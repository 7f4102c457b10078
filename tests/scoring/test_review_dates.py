"""Review dates (docs/evidence-file.md, 'Review dates'; docs/privacy.md, 'Review dates'): a
not-applicable justification and a privacy waiver fall due on their ``review_by``, else
``review_months`` after ``assessed_on``, and one due before the as-of day is asked again.

Everything runs through the real command; the as-of day is ``assessed_on`` or ``--as-of``,
never today, so no test depends on the day it runs.  The error messages of bad review dates
are pinned in the corpus (tests/data/invalid/review-by-*.yaml, waiver-review-by-*.yaml)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import DATA, RunCoprod

DATED = DATA / "valid" / "review-dated.yaml"
"""Review dates on assessed_on (2026-10-14) or later: 2026-10-14, 2027-01-31, 2027-04-01, 2027-06-01."""
DUE = DATA / "valid" / "review-due.yaml"
"""A justification due 2026-09-01 and a waiver due 2026-05-01, both before assessed_on."""

UNDATED = """\
unit:
  name: Ward B
assessed_on: 2026-03-31
targets:
  L1.suggestion-boxes:
    status: not-applicable
    justification: "We are a community team with no shared building"
  L1.complaints-info:
    status: met
    evidence:
      - {description: "Complaints poster by the door"}
    notes: "Ward phone 01632 960001"  # coprod: not-personal-data published ward phone number
"""
"""Nothing dated: both fall due review_months (12) after 2026-03-31, on 2027-03-31."""


def _result(coprod: RunCoprod, path: Path, *args: str) -> dict[str, Any]:
    run = coprod("assess", path, "--format", "json", *args)
    assert run.code == 0, run
    result: dict[str, Any] = json.loads(run.stdout)
    return result


def _due(result: dict[str, Any]) -> list[tuple[str, str | None, str, int]]:
    return [(d["kind"], d["target"], d["due"], d["line"]) for d in result["reviews_due"]]


def _codes(result: dict[str, Any]) -> list[tuple[str, str | None, int]]:
    review = ("review-due", "waiver-review-due")
    return [(w["code"], w["target"], w["line"]) for w in result["warnings"] if w["code"] in review]


def test_past_due_on_assessed_on_is_a_warning_and_listed(coprod: RunCoprod) -> None:
    result = _result(coprod, DUE)
    assert _due(result) == [
        ("justification", "L1.suggestion-boxes", "2026-09-01", 9),
        ("waiver", None, "2026-05-01", 14),
    ]
    assert _codes(result) == [("review-due", "L1.suggestion-boxes", 9), ("waiver-review-due", None, 14)]
    waiver = next(w for w in result["warnings"] if w["code"] == "waiver-review-due")
    assert "01632" not in waiver["message"], "a waiver's warning never shows the waived value"


def test_a_date_still_to_come_is_not_due_until_as_of_passes_it(coprod: RunCoprod) -> None:
    assert _due(_result(coprod, DATED)) == []
    # strictly before the as-of day: due on 2027-01-31 is not yet past due on 2027-01-31
    assert _due(_result(coprod, DATED, "--as-of", "2027-01-31")) == [
        ("justification", "L1.suggestion-boxes", "2026-10-14", 9)
    ]
    assert _due(_result(coprod, DATED, "--as-of", "2027-06-02")) == [
        ("justification", "L1.suggestion-boxes", "2026-10-14", 9),
        ("justification", "L1.rag-feedback", "2027-04-01", 10),
        ("justification", "E.payment-policy", "2027-01-31", 20),
        ("waiver", None, "2027-06-01", 15),
    ]


def test_without_a_date_it_falls_due_review_months_after_assessed_on(coprod: RunCoprod, tmp_path: Path) -> None:
    unit = tmp_path / "unit.yaml"
    unit.write_text(UNDATED, encoding="utf-8")
    assert _due(_result(coprod, unit, "--as-of", "2027-03-31")) == []
    # 2026-03-31 + 12 months; the day clamps to a shorter month's end as stale evidence does
    assert _due(_result(coprod, unit, "--as-of", "2027-04-01")) == [
        ("justification", "L1.suggestion-boxes", "2027-03-31", 6),
        ("waiver", None, "2027-03-31", 12),
    ]


def test_a_bad_as_of_is_a_usage_error_naming_the_option(coprod: RunCoprod) -> None:
    for command in (["assess", DUE], ["report", DUE], ["summary", DUE]):
        run = coprod(*command, "--as-of", "2027-02-30")
        assert run.code == 2, run
        assert "--as-of: '2027-02-30' is not a real date: February 2027 has 28 days" in run.stderr, run
        assert "Traceback" not in run.stderr, run


def test_strict_refuses_a_file_with_a_review_due(coprod: RunCoprod) -> None:
    run = coprod("assess", DUE, "--strict")
    assert run.code == 2, run
    assert "review-due.yaml:9:16: 'L1.suggestion-boxes' is marked not-applicable" in run.stderr, run


def test_the_report_lists_them_only_when_some_are_due(coprod: RunCoprod, tmp_path: Path) -> None:
    due = coprod("report", DUE, "-o", tmp_path / "due.md")
    assert due.code == 0, due
    text = (tmp_path / "due.md").read_text(encoding="utf-8")
    section = text[text.index("## Things to ask again") : text.index("## Full record")]
    assert "Suggestion boxes displayed in main areas: we said it does not apply to us" in section
    assert "(“We are a community team with no shared building”)" in section
    assert "due 1 September 2026" in section
    assert f"The privacy waiver in {DUE} on line 14: check that what it covers is still not personal data" in section
    assert "01632" not in section
    dated = coprod("report", DATED, "-o", tmp_path / "dated.md")
    assert dated.code == 0, dated
    assert "Things to ask again" not in (tmp_path / "dated.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("style", ["standard", "easy-read"])
def test_the_html_reports_list_them_too(coprod: RunCoprod, tmp_path: Path, style: str) -> None:
    run = coprod("report", DATED, "--as-of", "2027-06-02", "--style", style, "-o", tmp_path / "r.html")
    assert run.code == 0, run
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert '<h2 id="ask-again">Things to ask again</h2>' in page
    if style == "easy-read":
        assert "We decided 4 things a while ago. It is time to ask again if they are still true." in page


def test_welsh_report_and_warning(coprod: RunCoprod, tmp_path: Path) -> None:
    run = coprod("report", DUE, "--lang", "cy", "-o", tmp_path / "r.md")
    assert run.code == 0, run
    text = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "## Pethau i ofyn amdanynt eto" in text
    assert "dywedon ni nad yw'n berthnasol i ni" in text
    assert "(adolygiad yn ddyledus)" in run.stderr, run


def test_summary_counts_them_per_unit(coprod: RunCoprod, tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    other.write_text(DATED.read_text(encoding="utf-8").replace("Ward A", "Ward C"), encoding="utf-8")
    run = coprod("summary", DUE, other, "--format", "json")
    assert run.code == 0, run
    assert {u["name"]: u["reviews_due"] for u in json.loads(run.stdout)["units"]} == {"Ward A": 2, "Ward C": 0}
    later = coprod("summary", DUE, other, "--format", "json", "--as-of", "2027-06-02")
    assert {u["name"]: u["reviews_due"] for u in json.loads(later.stdout)["units"]} == {"Ward A": 2, "Ward C": 4}


def test_summary_markdown_and_text(coprod: RunCoprod, tmp_path: Path) -> None:
    unit = tmp_path / "unit.yaml"
    unit.write_text(UNDATED, encoding="utf-8")
    md = coprod("summary", unit, "--format", "markdown", "--as-of", "2027-04-01")
    assert md.code == 0, md
    assert "### Things to ask again" in md.stdout, md
    assert "- Ward B: 2 things agreed before are due to be asked again" in md.stdout, md
    text = coprod("summary", unit, "--as-of", "2027-04-01")
    assert "Things to ask again (2)" in text.stdout, text
    none = coprod("summary", unit, "--format", "markdown")
    assert "Things to ask again" not in none.stdout, none


CARRIED = """\
unit:
  name: Ward B
assessed_on: 2027-04-20
targets:
  # All service users write their own care & activity plans
  L1.own-care-plans:
    status: met
  L1.suggestion-boxes:
    status: not-applicable
    justification: "We are a community team with no shared building"
    review_by: 2027-03-31
  L1.complaints-info:
    status: met
    evidence:
      - {description: "Complaints poster by the door"}
    notes: "Ward phone 01632 960001"  # coprod: not-personal-data review_by: 2027-03-31 published ward phone number
"""


def test_import_into_the_next_assessment_keeps_the_due_days(coprod: RunCoprod, tmp_path: Path) -> None:
    last = tmp_path / "last.yaml"
    last.write_text(UNDATED, encoding="utf-8")
    csv = tmp_path / "ratings.csv"
    csv.write_text("target,status\nL1.own-care-plans,met\n", encoding="utf-8")
    out = tmp_path / "next.yaml"
    run = coprod("import", csv, "--into", last, "--assessed-on", "2027-04-20", "-o", out)
    assert run.code == 0, run
    assert out.read_text(encoding="utf-8") == CARRIED
    # so the next assessment asks again, where a moved due day (2028-04-20) would not
    assert [d["kind"] for d in _result(coprod, out)["reviews_due"]] == ["justification", "waiver"]


def test_a_dated_entry_or_waiver_keeps_its_own_date(coprod: RunCoprod, tmp_path: Path) -> None:
    csv = tmp_path / "ratings.csv"
    csv.write_text("target,status\nL1.own-care-plans,met\n", encoding="utf-8")
    out = tmp_path / "next.yaml"
    run = coprod("import", csv, "--into", DATED, "--assessed-on", "2027-10-14", "-o", out)
    assert run.code == 0, run
    dated = [line for line in DATED.read_text(encoding="utf-8").splitlines() if "review_by" in line]
    assert [line for line in out.read_text(encoding="utf-8").splitlines() if "review_by" in line] == dated
