"""The interview and review dates (docs/evidence-file.md, 'Review dates'): a target that is
answered with a status other than not-applicable loses its ``review_by:``, which goes only
with not-applicable, and every other line stays as it was."""

from __future__ import annotations

from pathlib import Path

from coprod_cli.interview.session import open_session
from coprod_cli.interview.steps import Step

FILE = """\
unit:
  name: Ward A
assessed_on: 2026-10-14
targets:
  L1.suggestion-boxes:
    status: not-applicable
    justification: "We are a community team with no shared building"
    review_by: 2027-04-01
    notes: "Kept as it is"
"""


def _index(steps: tuple[Step, ...], ident: str) -> int:
    return next(n for n, s in enumerate(steps) if s.ident == ident)


def test_a_new_status_drops_the_review_date(tmp_path: Path) -> None:
    unit = tmp_path / "unit.yaml"
    unit.write_text(FILE, encoding="utf-8")
    session = open_session(unit, "unit.yaml")
    n = _index(session.steps, "L1.suggestion-boxes")
    assert session.with_status(n, "met").text == FILE.replace("not-applicable", "met").replace(
        "    review_by: 2027-04-01\n", ""
    )


def test_not_applicable_again_keeps_it(tmp_path: Path) -> None:
    unit = tmp_path / "unit.yaml"
    unit.write_text(FILE, encoding="utf-8")
    session = open_session(unit, "unit.yaml")
    assert session.with_status(_index(session.steps, "L1.suggestion-boxes"), "not-applicable").text == FILE
