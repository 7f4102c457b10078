"""Who took part: asked at the start of a new assessment, and listed and changed later (issue 15, item 12).

A lead who used only the interview got a report saying no service user or carer took part.  The
interview that makes a file now asks for the people and their roles; j then w lists them again
at any target, to add someone or take them off.  Reports count them by role and name no one.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import RunCoprod
from tests.interview.conftest import answers, changed_lines, flat, validate

COUNTS_NONE = {"service-user": 0, "carer": 0, "staff": 0, "third-sector": 0, "manager": 0}


def _counts(coprod: RunCoprod, path: Path) -> dict[str, int]:
    run = coprod("assess", str(path), "--format", "json")
    assert run.code == 0, run
    counts: dict[str, int] = json.loads(run.stdout)["assessors"]
    return counts


def test_a_new_assessment_asks_who_took_part(coprod: RunCoprod, folder: Path) -> None:
    run = coprod(
        "interview", "unit.yaml", "--unit", "Ty Gwyn",
        input=answers("Rhian", "s", "Gwen", "carer", "Carers group", "c", "Iwan D.", "t", "", "q"),
    )  # fmt: skip
    assert run.code == 0, run
    assert "Who took part in this assessment?" in run.stdout
    assert "Added Carers group (carer)." in run.stdout
    assert "Target 1 of 31." in run.stdout  # then the targets, as before
    unit = folder / "unit.yaml"
    text = unit.read_text(encoding="utf-8")
    assert (
        '  - {name: "Rhian", role: service-user}\n'
        '  - {name: "Gwen", role: carer}\n'
        '  - {name: "Carers group", role: carer}\n'
        '  - {name: "Iwan D.", role: staff}\n'
    ) in text
    validate(coprod, unit)
    assert _counts(coprod, unit) == COUNTS_NONE | {"service-user": 1, "carer": 2, "staff": 1}
    for style in ("standard", "easy-read"):
        report = coprod("report", "unit.yaml", "--style", style)
        assert report.code == 0, report
        for name in ("Rhian", "Gwen", "Carers group", "Iwan"):
            assert name not in report.stdout, (style, name)


def test_who_took_part_can_be_changed_later(coprod: RunCoprod, made: Path) -> None:
    first = coprod("interview", "unit.yaml", input=answers("q"))
    said = "Nobody is listed as taking part yet: press j then w at any target to say who took part."
    assert said in flat(first.stdout)
    before = made.read_text(encoding="utf-8")
    run = coprod(
        "interview", "unit.yaml",
        input=answers("j", "w", "Rhian", "s", "Iwan", "m", "rhian", "-5", "-1", "Iwan D.", "t", "", "q"),
    )  # fmt: skip
    assert run.code == 0, run
    assert "Jump to level 1, 2 or 3, or e enablers, or w who took part?" in flat(run.stdout)
    assert "Rhian is listed already, as service user" in run.stdout
    assert "Took Rhian off the list." in run.stdout
    assert "There is no number 5 on the list; give a number from 1 to 2." in run.stdout
    removed, added = changed_lines(before, made.read_text(encoding="utf-8"))
    assert (removed, added) == ([], ['  - {name: "Iwan", role: manager}\n', '  - {name: "Iwan D.", role: staff}\n'])
    assert "Target 1 of 31." in run.stdout.split("w who took part")[-1], "back to the target it was at"
    validate(coprod, made)


def test_someone_with_ratings_stays_listed(coprod: RunCoprod, folder: Path) -> None:
    unit = folder / "unit.yaml"
    unit.write_text(
        "unit: {name: Ward A}\nassessed_on: 2026-10-14\n"
        "assessors: [{name: Rhian, role: service-user}, {name: Gwen, role: carer}]\n"
        "targets:\n  L1.own-care-plans:\n    status: met\n    evidence:\n      - {description: Plans}\n"
        "    ratings:\n      Gwen: met\n",
        encoding="utf-8",
    )
    run = coprod("interview", "unit.yaml", input=answers("j", "w", "-2", "-1", "", "q"))
    assert run.code == 0, run
    assert "Gwen stays on the list: the file holds their own ratings under that name" in flat(run.stdout)
    assert "Took Rhian off the list." in run.stdout
    text = unit.read_text(encoding="utf-8")
    assert 'assessors:\n  - {name: "Gwen", role: carer}\ntargets:\n' in text  # '[…]' written one a line
    validate(coprod, unit)


def test_someone_who_signed_off_a_level_stays_listed(coprod: RunCoprod, folder: Path) -> None:
    unit = folder / "unit.yaml"
    unit.write_text(
        "unit: {name: Ward A}\nassessed_on: 2026-10-14\nassessors:\n  - {name: Rhian, role: service-user}\n"
        "sign_off:\n  1:\n    - {name: Rhian, date: 2026-10-20}\n",
        encoding="utf-8",
    )
    before = unit.read_bytes()
    run = coprod("interview", "unit.yaml", input=answers("j", "w", "-1", "", "q"))
    assert run.code == 0, run
    assert "Rhian stays on the list: the file holds a sign-off under that name" in flat(run.stdout)
    assert unit.read_bytes() == before


def test_a_name_that_cannot_be_saved_is_asked_again(coprod: RunCoprod, made: Path) -> None:
    run = coprod("interview", "unit.yaml", input=answers("j", "w", "rhian@example.org", "Rhian", "s", "", "q"))
    assert run.code == 0, run
    assert "Sorry, that cannot be saved: it looks like it holds an email address" in flat(run.stdout)
    assert "example.org" not in made.read_text(encoding="utf-8")
    assert _counts(coprod, made) == COUNTS_NONE | {"service-user": 1}


def test_ratings_of_one_person_are_not_asked_who_took_part(coprod: RunCoprod, folder: Path) -> None:
    run = coprod("interview", "mine.yaml", "--as", "Gwen", "--role", "carer", "--unit", "Ward A", input=answers("j"))
    assert run.code == 0, run
    assert "Who took part" not in run.stdout
    assert "w who took part" not in flat(run.stdout)
