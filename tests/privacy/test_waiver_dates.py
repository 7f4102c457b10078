"""A privacy waiver's review date (docs/privacy.md, 'Review dates'): read straight after the
marker, the reason after it; kept with the waiver when coprod writes a file from yours.

The messages of a date coprod cannot read are pinned in the corpus
(tests/data/invalid/waiver-review-by-*.yaml); the warnings in tests/scoring/test_review_dates.py."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from coprod_cli.privacy.scan import scan
from tests.conftest import RunCoprod

LINE = 'notes: "Ward phone 01632 960001"  # coprod: not-personal-data {rest}'


def test_the_date_is_read_and_the_reason_is_what_follows() -> None:
    found = scan(LINE.format(rest="review_by: 2027-06-01 published ward phone number"))
    assert found.clean
    (waiver,) = found.waivers
    assert (waiver.review_by, waiver.reason, waiver.column) == (date(2027, 6, 1), "published ward phone number", 35)
    assert waiver.comment == "# coprod: not-personal-data review_by: 2027-06-01 published ward phone number"


@pytest.mark.parametrize(
    "reason", ["reviewed by the ward manager in May", "review by the ward team each spring", "published ward phone"]
)
def test_a_reason_that_only_starts_like_a_date_stays_a_reason(reason: str) -> None:
    (waiver,) = scan(LINE.format(rest=reason)).waivers
    assert (waiver.review_by, waiver.reason) == (None, reason)


@pytest.mark.parametrize(
    "rest", ["review_by: 2027-06-01", "review_by: 2027-06-01 short", "review_by: 01/06/2027 published ward phone"]
)
def test_a_date_without_a_good_reason_or_in_another_form_waives_nothing(rest: str) -> None:
    found = scan(LINE.format(rest=rest))
    assert not found.waivers
    assert [(b.line, b.column) for b in found.bad_waivers] == [(1, 35)]
    assert [f.kind for f in found.findings] == ["phone number"]


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


HEAD = "unit: {{name: Afon Ward}}\nassessed_on: 2026-10-14\nassessors: [{{name: {who}, role: staff}}]\ntargets:\n"
WAIVED = (
    '    notes: "Ward phone 01632 960001"  # coprod: not-personal-data review_by: 2027-06-01 published ward phone\n'
)


def test_merge_keeps_the_date_with_its_waiver(coprod: RunCoprod, here: Path) -> None:
    (here / "a.yaml").write_text(HEAD.format(who="Ann") + "  L1.buddy-system:\n    status: met\n" + WAIVED)
    (here / "b.yaml").write_text(HEAD.format(who="Bea") + "  L1.buddy-system:\n    status: met\n")
    run = coprod("merge", "a.yaml", "b.yaml", "-o", "m.yaml")
    assert run.code == 0, run
    assert WAIVED in (here / "m.yaml").read_text(encoding="utf-8")
