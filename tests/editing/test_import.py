"""``coprod import RATINGS.csv``: a spreadsheet's statuses into an evidence file, through the real CLI.

The corpus is ``tests/data/csv/<case>.csv``, each run as ``coprod import <case>.csv -o out.yaml``
(with ``<case>.args``, one argument a line; without, ``--unit 'Ward A' --assessed-on 2026-10-14``)
in a folder holding it and the ``_*.yaml`` files beside it.  What it prints is compared exactly
with ``<case>.stderr`` and, in Welsh, ``<case>.cy.stderr``; a case with ``<case>.yaml`` must
succeed and write exactly that file, any other must fail with exit 2 and write nothing.  After an
intended change, regenerate them and read the diff::

    python -m tests.editing.test_import
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coprod_cli import i18n
from coprod_cli.cli.app import app
from tests.conftest import ROOT, RunCoprod

CORPUS = ROOT / "tests" / "data" / "csv"
CASES = sorted(p.stem for p in CORPUS.glob("*.csv"))
REGEN = "python -m tests.editing.test_import"
NEW_FILE = ["--unit", "Ward A", "--assessed-on", "2026-10-14"]


def _args(case: str) -> list[str]:
    extra = CORPUS / f"{case}.args"
    if not extra.exists():
        return NEW_FILE
    return [line for line in extra.read_text(encoding="utf-8").splitlines() if line]


@contextmanager
def _in_folder(case: str) -> Iterator[Path]:
    """A new current folder holding the case's CSV and the corpus's ``_*.yaml`` files."""
    here = Path.cwd()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copy(CORPUS / f"{case}.csv", folder)
        for fixture in CORPUS.glob("_*.yaml"):
            shutil.copy(fixture, folder)
        os.chdir(folder)
        try:
            yield folder
        finally:
            os.chdir(here)


def _run(case: str, language: str) -> tuple[int, str, str | None]:
    """Exit code, stderr, and the file written (None if none) of one case in one language."""
    with _in_folder(case) as folder:
        args = ["import", f"{case}.csv", "-o", "out.yaml", "--lang", language, *_args(case)]
        try:
            result = CliRunner().invoke(app, args, catch_exceptions=False)
        finally:
            i18n.choose(None)
        out = folder / "out.yaml"
        written = out.read_text(encoding="utf-8") if out.exists() else None
        if written is not None:
            check = CliRunner().invoke(app, ["validate", "out.yaml"], catch_exceptions=False)
            assert check.exit_code == 0, check.stderr
    return result.exit_code, result.stderr, written


@pytest.mark.parametrize("case", CASES)
def test_each_case_prints_exactly_its_messages(case: str) -> None:
    code, stderr, written = _run(case, "en")
    golden = CORPUS / f"{case}.yaml"
    assert stderr == (CORPUS / f"{case}.stderr").read_text(encoding="utf-8"), f"{stderr}\nrun: {REGEN}"
    if golden.exists():
        assert code == 0
        assert written == golden.read_text(encoding="utf-8"), f"run: {REGEN}"
    else:
        assert code == 2
        assert written is None, "nothing is written when the CSV has a problem"


@pytest.mark.parametrize("case", CASES)
def test_each_case_in_welsh(case: str) -> None:
    code, stderr, _written = _run(case, "cy")
    assert stderr == (CORPUS / f"{case}.cy.stderr").read_text(encoding="utf-8"), f"{stderr}\nrun: {REGEN}"
    assert code == (0 if (CORPUS / f"{case}.yaml").exists() else 2)


def regen() -> int:
    """Rewrite every case's ``.stderr``, ``.cy.stderr`` and (when it succeeds) ``.yaml``."""
    changed = 0
    for case in CASES:
        for language, suffix in (("en", ".stderr"), ("cy", ".cy.stderr")):
            code, stderr, written = _run(case, language)
            outputs: dict[Path, str | None] = {CORPUS / f"{case}{suffix}": stderr}
            if language == "en":
                outputs[CORPUS / f"{case}.yaml"] = written if code == 0 else None
            for path, text in outputs.items():
                if text is None:
                    if path.exists():
                        path.unlink()
                        print(f"removed {path.relative_to(ROOT)}")
                        changed += 1
                elif not path.exists() or path.read_bytes() != text.encode("utf-8"):
                    path.write_bytes(text.encode("utf-8"))
                    print(f"wrote {path.relative_to(ROOT)}")
                    changed += 1
    print(f"{len(CASES)} cases checked in English and Welsh, {changed} files rewritten")
    return 0


if __name__ == "__main__":
    sys.exit(regen())


# ---- beyond the corpus ---------------------------------------------------------------------


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_file_over_1_mib_is_refused_before_it_is_read(coprod: RunCoprod, folder: Path) -> None:
    (folder / "big.csv").write_text("target,status\n" + "L1.own-care-plans,met\n" * 60_000, encoding="utf-8")
    run = coprod("import", "big.csv", "-o", "out.yaml", *NEW_FILE)
    assert run.code == 2, run
    assert run.stderr.startswith("big.csv: is larger than 1 MiB"), run
    assert not (folder / "out.yaml").exists()


def test_the_file_imported_into_is_never_written_over(coprod: RunCoprod, folder: Path) -> None:
    shutil.copy(CORPUS / "_unit.yaml", folder / "unit.yaml")
    shutil.copy(CORPUS / "into-group.csv", folder / "r.csv")
    before = (folder / "unit.yaml").read_bytes()
    run = coprod("import", "r.csv", "--into", "unit.yaml", "-o", "unit.yaml", "--force")
    assert run.code == 2, run
    assert "this is an input file" in run.stderr
    assert (folder / "unit.yaml").read_bytes() == before
    run = coprod("import", "r.csv", "-o", "r.csv", *NEW_FILE, "--force")
    assert run.code == 2, run
    assert "this is an input file" in run.stderr, run


def test_an_existing_output_needs_force_and_is_never_an_evidence_file(coprod: RunCoprod, folder: Path) -> None:
    shutil.copy(CORPUS / "ratings.csv", folder / "r.csv")
    (folder / "out.yaml").write_text("notes of mine\n", encoding="utf-8")
    run = coprod("import", "r.csv", "-o", "out.yaml", *NEW_FILE)
    assert run.code == 2, run
    assert "use --force" in run.stderr, run
    run = coprod("import", "r.csv", "-o", "out.yaml", *NEW_FILE, "--force")
    assert run.code == 0, run
    run = coprod("import", "r.csv", "-o", "out.yaml", *NEW_FILE, "--force")
    assert run.code == 2, run
    assert "is an evidence file" in run.stderr, run


def test_importing_the_same_sheet_again_adds_no_evidence_twice(coprod: RunCoprod, folder: Path) -> None:
    shutil.copy(CORPUS / "_unit.yaml", folder / "unit.yaml")
    shutil.copy(CORPUS / "into-group.csv", folder / "r.csv")
    assert coprod("import", "r.csv", "--into", "unit.yaml", "-o", "once.yaml").code == 0
    run = coprod("import", "r.csv", "--into", "once.yaml", "-o", "twice.yaml")
    assert run.code == 0, run
    assert (folder / "twice.yaml").read_text(encoding="utf-8") == (folder / "once.yaml").read_text(encoding="utf-8")


def test_ratings_files_made_by_import_merge(coprod: RunCoprod, folder: Path) -> None:
    (folder / "gwen.csv").write_text("target,status\nL1.own-care-plans,met\nL1.buddy-system,partial\n")
    (folder / "iwan.csv").write_text("target,status\nL1.own-care-plans,met\nL1.buddy-system,not-met\n")
    for name, role in (("gwen", "carer"), ("iwan", "staff")):
        run = coprod("import", f"{name}.csv", "-o", f"{name}.yaml", *NEW_FILE, "--as", name.title(), "--role", role)
        assert run.code == 0, run
    run = coprod("merge", "gwen.yaml", "iwan.yaml", "-o", "unit.yaml")
    assert run.code == 0, run
    assert "2 targets and enablers rated, 1 agreed" in run.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--assessed-on", "2026-10-14"], "--unit: give the unit's name"),
        (["--unit", "W"], "--assessed-on: give the date"),
        (["--unit", "W", "--assessed-on", "14/10/2026"], "--assessed-on: '14/10/2026' is not a date"),
        ([*NEW_FILE, "--role", "carer"], "--role goes with --as NAME"),
        ([*NEW_FILE, "--as", "Gwen"], "--as Gwen: give their role too"),
        ([*NEW_FILE, "--as", " ", "--role", "carer"], "--as: give the person's name"),
        (["--into", "unit.yaml", "--unit", "W"], "--unit is for a new file"),
        (["--into", "unit.yaml", "--as", "Gwen"], "Gwen is not listed under 'assessors:'"),
        (["--into", "missing.yaml"], "missing.yaml: file not found"),
    ],
)
def test_options_that_do_not_go_together(coprod: RunCoprod, folder: Path, args: list[str], message: str) -> None:
    shutil.copy(CORPUS / "_unit.yaml", folder / "unit.yaml")
    shutil.copy(CORPUS / "ratings.csv", folder / "r.csv")
    run = coprod("import", "r.csv", "-o", "out.yaml", *args)
    assert run.code == 2, run
    assert message in run.stderr, run
    assert not (folder / "out.yaml").exists()


def test_a_framework_path_is_written_relative_to_the_new_file(coprod: RunCoprod, folder: Path) -> None:
    from coprod_cli.framework.resolve import builtin_frameworks

    shutil.copy(builtin_frameworks()["rehab-recovery"], folder / "fw.yaml")
    (folder / "out").mkdir()
    shutil.copy(CORPUS / "ratings.csv", folder / "r.csv")
    run = coprod("import", "r.csv", "-o", "out/unit.yaml", *NEW_FILE, "--framework", "fw.yaml")
    assert run.code == 0, run
    assert 'framework: "../fw.yaml"\n' in (folder / "out" / "unit.yaml").read_text(encoding="utf-8")
    assert coprod("validate", "out/unit.yaml").code == 0


def test_a_missing_csv_is_named(coprod: RunCoprod, folder: Path) -> None:
    run = coprod("import", "nothing.csv", "-o", "out.yaml", *NEW_FILE)
    assert run.code == 2, run
    assert run.stderr.startswith("nothing.csv: file not found"), run


def test_control_characters_are_named_on_20_lines_at_most(coprod: RunCoprod, folder: Path) -> None:
    (folder / "r.csv").write_text("target,status\n" + "L1.own-care-plans,\x07met\n" * 30, encoding="utf-8")
    run = coprod("import", "r.csv", "-o", "out.yaml", *NEW_FILE)
    assert run.code == 2, run
    assert run.stderr.count("control character (U+0007)") == 20, run
    assert "r.csv:21:19:" in run.stderr


def test_a_cell_too_long_for_csv_is_named_at_its_line(coprod: RunCoprod, folder: Path) -> None:
    (folder / "r.csv").write_text("target,status,notes\nL1.own-care-plans,met," + "x" * 200_000 + "\n")
    run = coprod("import", "r.csv", "-o", "out.yaml", *NEW_FILE)
    assert run.code == 2, run
    assert run.stderr.startswith("r.csv:2:1: this line cannot be read as CSV (field larger than field limit"), run


TWINS = """\
id: twins
version: "1.0.0"
title: Two targets with one text
levels:
  - number: 1
    title: Basics
    targets:
      - {id: T1.one, text: We listen}
      - {id: T1.two, text: We listen}
"""


def test_text_that_two_targets_share_names_both(coprod: RunCoprod, folder: Path) -> None:
    (folder / "twins.yaml").write_text(TWINS, encoding="utf-8")
    (folder / "r.csv").write_text("target,status\nwe  LISTEN,met\nT1.two,met\n", encoding="utf-8")
    run = coprod("import", "r.csv", "-o", "out.yaml", *NEW_FILE, "--framework", "twins.yaml")
    assert run.code == 2, run
    assert run.stderr.splitlines()[0] == (
        "r.csv:2:1: this text is the text of T1.one, T1.two; give the id of the one you mean instead"
    )


def test_a_file_import_would_make_invalid_is_a_bug_and_never_written(
    coprod: RunCoprod, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coprod_cli.editing import csv_import

    monkeypatch.setattr(csv_import, "apply_rows", lambda session, rows: session.text + "targets2: x\n")
    shutil.copy(CORPUS / "ratings.csv", folder / "r.csv")
    run = coprod("import", "r.csv", "-o", "out.yaml", *NEW_FILE)
    assert run.code == 70, run
    assert run.stderr.startswith("coprod: internal error (RuntimeError)"), run
    assert not (folder / "out.yaml").exists()


def test_without_statuses_the_new_file_is_the_one_init_makes(coprod: RunCoprod, folder: Path) -> None:
    """A new file is `coprod init`'s (without the editor's schema line), for a rater too."""
    (folder / "r.csv").write_text("target,status\nL1.own-care-plans,\nE.payment-policy,\n", encoding="utf-8")
    for rater in ([], ["--as", "Gwen", "--role", "carer"]):
        for name in ("init.yaml", "imported.yaml"):
            (folder / name).unlink(missing_ok=True)
        made = coprod("init", "init.yaml", *NEW_FILE, "--no-schema", *rater)
        assert made.code == 0, made
        run = coprod("import", "r.csv", "-o", "imported.yaml", *NEW_FILE, *rater)
        assert run.code == 0, run
        init = (folder / "init.yaml").read_text(encoding="utf-8")
        assert (folder / "imported.yaml").read_text(encoding="utf-8") == init.replace("init.yaml", "imported.yaml")
        assert run.stderr.splitlines()[1] == "2 rows gave no status; their other cells were imported."


def test_a_waiver_in_a_cell_does_not_carry_personal_data_into_the_file(coprod: RunCoprod, folder: Path) -> None:
    (folder / "r.csv").write_text(
        "target,status,notes\n"
        "L1.own-care-plans,met,Ring 029 2074 7747 # coprod: not-personal-data published ward phone number\n",
        encoding="utf-8",
    )
    run = coprod("import", "r.csv", "-o", "out.yaml", *NEW_FILE)
    assert run.code == 2, run
    assert "looks like a phone number (029 2*** ****)" in run.stderr
    assert not (folder / "out.yaml").exists()


def test_the_next_assessment_starts_from_the_last_one(coprod: RunCoprod, folder: Path) -> None:
    """``--into LAST.yaml --assessed-on DAY``: the new file keeps everything the last one had
    (actions, evidence, comments), with the new date and the CSV's statuses."""
    shutil.copy(CORPUS / "_unit.yaml", folder / "last.yaml")
    shutil.copy(CORPUS / "into-group.csv", folder / "r.csv")
    run = coprod("import", "r.csv", "--into", "last.yaml", "--assessed-on", "2027-04-14", "-o", "next.yaml")
    assert run.code == 0, run
    last = (folder / "last.yaml").read_text(encoding="utf-8")
    new = (folder / "next.yaml").read_text(encoding="utf-8")
    assert "assessed_on: 2027-04-14" in new.splitlines(), new
    assert "assessed_on: 2027-04-14" not in last
    same_date = coprod("import", "r.csv", "--into", "last.yaml", "-o", "same.yaml")
    assert same_date.code == 0, same_date
    assert new == (folder / "same.yaml").read_text(encoding="utf-8").replace(
        next(line for line in last.splitlines() if line.startswith("assessed_on:")), "assessed_on: 2027-04-14"
    )
    bad = coprod("import", "r.csv", "--into", "last.yaml", "--assessed-on", "2027-02-30", "-o", "bad.yaml")
    assert bad.code == 2, bad
    assert bad.stderr == "coprod: --assessed-on: '2027-02-30' is not a real date: February 2027 has 28 days\n", bad
    assert not (folder / "bad.yaml").exists()
