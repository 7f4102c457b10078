"""Opening a file for the interview: --as and --role, a file made as init would, layouts and
files refused before any question, and a bug never written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coprod_cli.interview.session import open_session
from tests.conftest import RunCoprod
from tests.interview.conftest import answers, flat, validate


def test_as_records_ratings_and_adds_the_assessor(coprod: RunCoprod, made: Path) -> None:
    run = coprod(
        "interview",
        "unit.yaml",
        "--as",
        "Rhian  (peer worker)",
        "--role",
        "service-user",
        input=answers("m", "Care plan audit", "", "", "n", "", "", "q"),
    )
    assert run.code == 0, run
    assert flat(run.stdout).startswith(
        "Added Rhian (peer worker) (service-user) to the assessors in unit.yaml. "
        "Interview for Cefn Yr Afon: 31 targets in 3 levels, then 3 enablers. "
        "Each answer is saved as soon as you give it; q saves and quits at any time. "
        "Answers are recorded as Rhian (peer worker)'s own ratings, not as the agreed status. "
    )
    assert "run: coprod interview unit.yaml --as 'Rhian (peer worker)'" in flat(run.stdout)
    text = made.read_text(encoding="utf-8")
    assert (
        '  # - {name: "First name or initials", role: service-user}\n  - {name: "Rhian (peer worker)", role: service-user}\n'
        in text
    )
    assert (
        "  L1.own-care-plans:\n"
        "    status: not-assessed\n"
        "    ratings:\n"
        '      "Rhian (peer worker)": met\n'
        "    evidence:\n"
        '      - {description: "Care plan audit"}\n'
    ) in text
    assert (
        '  L1.community-meetings:\n    status: not-assessed\n    ratings:\n      "Rhian (peer worker)": not-met\n'
        in text
    )
    assert "# coprod interview for Rhian (peer worker): next L1.suggestion-boxes\n" in text
    validate(coprod, made)

    # The group's own round starts at the top; Rhian's carries on where she stopped.
    group = coprod("interview", "unit.yaml", input=answers("s", "q"))
    assert "Interview for Cefn Yr Afon" in group.stdout
    again = coprod("interview", "unit.yaml", "--as", "rhian (PEER worker)", input=answers("b", "p", "", "", "", "q"))
    assert again.stdout.startswith("Carrying on where you stopped last time: target 3 of 31.\n")
    assert "Your rating now: not-met. Agreed status: not-assessed." in again.stdout
    text = made.read_text(encoding="utf-8")
    assert '      "Rhian (peer worker)": partial\n' in text
    assert text.count('Rhian (peer worker)", role') == 1  # listed once
    assert "# coprod interview: next L1.community-meetings\n" in text  # the group's marker kept beside hers
    data = json.loads(coprod("assess", "unit.yaml", "--format", "json").stdout)
    assert data["assessors"]["service-user"] == 1


def test_as_for_someone_not_listed_needs_a_role(coprod: RunCoprod, made: Path) -> None:
    run = coprod("interview", "unit.yaml", "--as", "Gwen", input=answers("q"))
    assert run.code == 2, run
    assert "coprod: --as Gwen: Gwen is not listed under 'assessors:' in unit.yaml; give their role too" in run.stderr
    role_only = coprod("interview", "unit.yaml", "--role", "carer", input=answers("q"))
    assert role_only.code == 2
    assert "--role goes with --as NAME" in role_only.stderr
    blank = coprod("interview", "unit.yaml", "--as", "  ", "--role", "carer", input=answers("q"))
    assert blank.code == 2
    assert "--as: give the person's name or initials" in blank.stderr


def test_a_blank_as_for_a_new_file_is_refused_before_any_question(coprod: RunCoprod, folder: Path) -> None:
    run = coprod("interview", "new.yaml", "--as", "  ", "--role", "staff", input=answers("Ward P"))
    assert run.code == 2, run
    assert run.stdout == ""
    assert run.stderr == ("coprod: --as: give the person's name or initials, e.g. --as 'Rhian' --role service-user\n")
    assert not (folder / "new.yaml").exists()


def test_as_with_a_different_role_keeps_the_listed_one(coprod: RunCoprod, folder: Path) -> None:
    run = coprod(
        "init",
        "mine.yaml",
        "--unit",
        "Ward A",
        "--as",
        "Gwen",
        "--role",
        "carer",
        "--no-schema",
        "--assessed-on",
        "2026-10-14",
    )
    assert run.code == 0, run
    run = coprod("interview", "mine.yaml", "--as", "Gwen", "--role", "staff", input=answers("m", "", "q"))
    assert run.stdout.startswith("Gwen is listed as carer in mine.yaml; their ratings are recorded under that.\n")
    assert "    ratings:\n      Gwen: met\n" in (folder / "mine.yaml").read_text(encoding="utf-8")


def test_a_new_file_for_a_rater_is_made_as_init_as_would(coprod: RunCoprod, folder: Path) -> None:
    run = coprod(
        "interview", "mine.yaml", "--as", "Gwen", "--role", "carer", "--unit", "Ward A", input=answers("p", "", "", "q")
    )
    assert run.code == 0, run
    text = (folder / "mine.yaml").read_text(encoding="utf-8")
    assert "# This is Gwen's own rating of the unit" in text
    assert text.count('{name: "Gwen", role: carer}') == 1
    assert "    ratings:\n      Gwen: partial\n" in text
    no_role = coprod("interview", "other.yaml", "--as", "Gwen", "--unit", "Ward A", input="")
    assert no_role.code == 2
    assert "give their role too" in no_role.stderr
    assert not (folder / "other.yaml").exists()


def test_an_invalid_file_is_refused_before_any_question(coprod: RunCoprod, folder: Path) -> None:
    (folder / "unit.yaml").write_text(
        "unit:\n  name: A\nassessed_on: 2026-10-14\ntargets:\n  L1.own-care-plan:\n    status: met\n", encoding="utf-8"
    )
    run = coprod("interview", "unit.yaml", input=answers("m"))
    assert run.code == 2, run
    assert "unit.yaml:5:3: unknown target 'L1.own-care-plan' — did you mean 'L1.own-care-plans'?" in run.stderr
    assert run.stdout == ""


def test_a_file_written_as_one_flow_mapping_is_refused(coprod: RunCoprod, folder: Path) -> None:
    (folder / "unit.yaml").write_text(
        "unit: {name: A}\nassessed_on: 2026-10-14\ntargets: {L1.own-care-plans: {status: met}}\n", encoding="utf-8"
    )
    run = coprod("interview", "unit.yaml", input=answers("m"))
    assert run.code == 2, run
    assert "unit.yaml:3:1: interview edits files written one entry a line" in run.stderr


def test_unit_option_on_an_existing_file_is_noted(coprod: RunCoprod, made: Path) -> None:
    run = coprod("interview", "unit.yaml", "--unit", "Other", input="")
    assert run.stdout.startswith("unit.yaml exists already, so --unit is not used.\n")


def test_quitting_at_the_unit_name_makes_nothing(coprod: RunCoprod, folder: Path) -> None:
    run = coprod("interview", "new.yaml", input=answers("", "q"))
    assert run.code == 0, run
    assert "Nothing was written; new.yaml was not made." in run.stdout
    assert not (folder / "new.yaml").exists()
    refused = coprod("interview", "new.yaml", input=answers("me@example.com", "Ward B", "q"))
    assert "Sorry, that cannot be saved: it looks like it holds an email address" in refused.stdout
    assert '  name: "Ward B"\n' in (folder / "new.yaml").read_text(encoding="utf-8")


def test_the_interview_uses_a_chosen_framework(coprod: RunCoprod, folder: Path) -> None:
    (folder / "local.yaml").write_text(
        "id: local\nversion: 1.0.0\ntitle: Local\nextends: rehab-recovery\nremove: [L1.own-care-plans]\n",
        encoding="utf-8",
    )
    run = coprod("interview", "unit.yaml", "--unit", "A", "--framework", "./local.yaml", input=answers("q"))
    assert run.code == 0, run
    assert "30 targets in 3 levels" in run.stdout
    assert 'framework: "local.yaml"' in (folder / "unit.yaml").read_text(encoding="utf-8")
    assert "run: coprod interview unit.yaml --framework ./local.yaml" in flat(run.stdout)


def test_an_edit_that_would_not_validate_is_a_bug_not_a_write(
    coprod: RunCoprod, made: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import coprod_cli.interview.session as core
    from coprod_cli.errors import InputError, Problem

    def broken(*args: object, **kwargs: object) -> None:
        raise InputError([Problem("unit.yaml", 3, 1, "broken")])

    monkeypatch.setattr(core, "cross_check_document", broken)
    before = made.read_text(encoding="utf-8")
    run = coprod("interview", "unit.yaml", input=answers("m"))
    assert run.code == 70, run
    assert "coprod: internal error (RuntimeError)" in run.stderr
    assert made.read_text(encoding="utf-8") == before


def test_role_without_rater_is_refused_by_the_core(made: Path) -> None:
    from coprod_cli.errors import UsageError

    with pytest.raises(UsageError, match="--role goes with --as NAME"):
        open_session(made, "unit.yaml", role="carer")
