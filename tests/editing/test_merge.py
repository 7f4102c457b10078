"""``coprod merge``: separate ratings files for one unit put together, nothing dropped.

The three files in ``tests/golden/coassess/merge/`` (a service user's own file, the staff team's
file, and a carer and a service user who rated together) disagree in every way merge handles;
the merged file and what merge prints are compared exactly with ``merged.yaml`` and
``merged.stderr`` there.  Regenerate them with ``python -m tests.test_merge`` and read the diff.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from coprod_cli import i18n
from coprod_cli.cli.app import app
from coprod_cli.editing.skeleton import evidence_skeleton
from coprod_cli.framework.load import load_framework
from coprod_cli.framework.resolve import builtin_frameworks
from coprod_cli.model.evidence import Assessor
from tests.conftest import ROOT, RunCoprod

CASE = ROOT / "tests" / "golden" / "coassess" / "merge"
INPUTS = ("rhian.yaml", "staff.yaml", "gwen.yaml")
REGEN = "python -m tests.test_merge"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The three input files copied into an empty folder, which is the current folder."""
    for name in INPUTS:
        shutil.copy(CASE / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _json(coprod: RunCoprod, path: str | Path) -> dict[str, Any]:
    run = coprod("assess", path, "--format", "json")
    assert run.code == 0, run
    data: dict[str, Any] = json.loads(run.stdout)
    return data


# ---- the three files with conflicts, exactly -------------------------------------------------


def test_merge_of_three_files_matches_golden(coprod: RunCoprod, folder: Path) -> None:
    run = coprod("merge", *INPUTS, "-o", "unit.yaml")
    assert run.code == 0, run
    assert run.stdout == ""
    assert run.stderr == (CASE / "merged.stderr").read_text(encoding="utf-8"), f"run: {REGEN}"
    text = (folder / "unit.yaml").read_text(encoding="utf-8")
    assert text == (CASE / "merged.yaml").read_text(encoding="utf-8"), f"run: {REGEN}"


def test_merge_in_welsh_matches_its_golden_twin(coprod: RunCoprod, folder: Path) -> None:
    """The merged file's comments and notes, and what merge prints, in Welsh (``merged.cy.*``)."""
    try:
        run = coprod("merge", *INPUTS, "-o", "unit.yaml", "--lang", "cy")
    finally:
        i18n.choose(None)  # the next test starts in English
    assert run.code == 0, run
    assert run.stderr == (CASE / "merged.cy.stderr").read_text(encoding="utf-8"), f"run: {REGEN}"
    text = (folder / "unit.yaml").read_text(encoding="utf-8")
    assert text == (CASE / "merged.cy.yaml").read_text(encoding="utf-8"), f"run: {REGEN}"
    english = (CASE / "merged.yaml").read_text(encoding="utf-8")
    keys = [line.split("#")[0].rstrip() for line in text.splitlines() if not line.lstrip().startswith("#")]
    same = [line.split("#")[0].rstrip() for line in english.splitlines() if not line.lstrip().startswith("#")]
    notes = [n for n, line in enumerate(same) if line.lstrip().startswith("notes:")]
    assert [line for n, line in enumerate(keys) if n not in notes] == [
        line for n, line in enumerate(same) if n not in notes
    ], "only comments and merge's own notes are in Welsh"
    assert "# Hunanasesiad cydgynhyrchu ar gyfer" in text
    assert _json(coprod, "unit.yaml")["unit"]["name"] == _json_of_english(coprod, folder)["unit"]["name"]


def _json_of_english(coprod: RunCoprod, folder: Path) -> dict[str, Any]:
    (folder / "english.yaml").write_text((CASE / "merged.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    return _json(coprod, "english.yaml")


def test_the_merged_file_validates_and_shows_where_views_differ(coprod: RunCoprod, folder: Path) -> None:
    assert coprod("merge", *INPUTS, "-o", "unit.yaml").code == 0
    run = coprod("validate", "unit.yaml")
    assert run.code == 0, run
    assert run.stderr.endswith("unit.yaml: valid evidence file (2 warnings)\n"), run
    data = _json(coprod, "unit.yaml")
    # The two gaps the group agreed on have no action yet: worth a warning, nothing else is.
    assert [(w["code"], w["target"]) for w in data["warnings"]] == [
        ("gap-without-action", "L2.joint-training"),
        ("gap-without-action", "L3.recruitment"),
    ]
    assert data["assessors"] == {"service-user": 2, "carer": 1, "staff": 2, "third-sector": 0, "manager": 0}
    assert [(d["target"], d["kind"]) for d in data["disagreements"]] == [
        ("L1.buddy-system", "spread"),
        ("L1.complaints-info", "spread"),
    ]
    assert data["quality"]["unresolved_disagreements"] == 4


def test_hand_checked_facts_of_the_golden() -> None:
    merged = (CASE / "merged.yaml").read_text(encoding="utf-8")
    # Agreed where all agree; a status a group settled is kept when no one else rated it.
    assert "  L1.own-care-plans:\n    status: met\n" in merged
    assert "  L2.joint-training:\n    status: partial\n" in merged
    assert "  L3.recruitment:\n    status: not-met\n    ratings:\n      Gwen: not-met\n" in merged
    # Everyone said it does not apply: agreed, with both reasons kept.
    assert (
        'justification: "Families are welcomed on the open ward, not here\\nNo family liaison on a locked ward"'
        in merged
    )
    # Differences are left not-assessed with every rating; Tomos's blank is no rating.
    assert (
        "  L1.suggestion-boxes:\n    status: not-assessed\n    ratings:\n      Rhian: partial\n      Iwan: met\n"
        in merged
    )
    assert "      Tomos" not in merged.split("  L1.suggestion-boxes:")[1].split("  # ")[0]
    # Evidence written twice is kept once; both actions are kept; the waiver goes with its line.
    assert merged.count("I wrote my own care plan in March") == 1
    assert (
        '    actions:\n      - {description: "Start a buddy rota", owner: "Rhian", due: 2027-01-31}\n'
        '      - {description: "Write a buddy guide", owner: "Iwan"}\n'
    ) in merged
    assert '01792 000111"}  # coprod: not-personal-data the ward office number is published' in merged
    # Merged files carry no report marker: merge never replaces one without --force.
    assert "generated by coprod" not in merged
    stderr = (CASE / "merged.stderr").read_text(encoding="utf-8")
    assert "L1.buddy-system: views differ (gwen.yaml had agreed partial)" in stderr
    assert "sign-offs in rhian.yaml (level 1) are not carried over" in stderr


def test_merging_a_merged_file_again_changes_nothing(coprod: RunCoprod, folder: Path) -> None:
    assert coprod("merge", *INPUTS, "-o", "unit.yaml").code == 0
    run = coprod("merge", "unit.yaml", "gwen.yaml", "-o", "again.yaml")
    assert run.code == 0, run
    strip = lambda text: [line for line in text.splitlines() if not line.startswith("#")]  # noqa: E731
    before = (folder / "unit.yaml").read_text(encoding="utf-8")
    after = (folder / "again.yaml").read_text(encoding="utf-8")
    assert strip(after) == strip(before)


# ---- refusals --------------------------------------------------------------------------------


def _write(folder: Path, name: str, text: str) -> str:
    (folder / name).write_text(text, encoding="utf-8")
    return name


def test_different_units_and_frameworks_are_refused(coprod: RunCoprod, folder: Path) -> None:
    _write(folder, "local.yaml", "id: local\nversion: 1.0.0\ntitle: Local\nextends: rehab-recovery\n")
    other = _write(
        folder,
        "other.yaml",
        "unit: {name: Bryn Ward}\nframework: ./local.yaml\nassessed_on: 2026-10-14\n"
        "assessors: [{name: Ann, role: carer}]\n",
    )
    run = coprod("merge", "rhian.yaml", other, "-o", "unit.yaml")
    assert run.code == 2, run
    assert run.stderr.splitlines() == [
        "other.yaml:1:14: this file is for 'Bryn Ward' but rhian.yaml is for 'Afon Ward'; "
        "merge only files for the same unit",
        "other.yaml:2:12: this file is read against local 1.0.0 (sha256 "
        + _sha(folder / "local.yaml")[:12]
        + ") but rhian.yaml against rehab-recovery 1.0.0 (sha256 14a520e85094); merge only files on the same "
        "framework ('coprod migrate other.yaml --to rehab-recovery' moves this one onto it)",
        "coprod: 2 problems in other.yaml. Fix them and run the command again.",
    ]
    assert not (folder / "unit.yaml").exists()


def _sha(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_one_person_in_two_roles_or_with_two_ratings_is_refused(coprod: RunCoprod, folder: Path) -> None:
    twice = _write(
        folder,
        "twice.yaml",
        "unit: {name: Afon Ward}\nassessed_on: 2026-10-14\nassessors:\n  - {name: ' iwan', role: manager}\n"
        "  - {name: Rhian, role: service-user}\ntargets:\n  L1.own-care-plans: {status: partial}\n",
    )
    run = coprod("merge", "rhian.yaml", "staff.yaml", twice, "-o", "unit.yaml")
    assert run.code == 2, run
    assert run.stderr.splitlines() == [
        "twice.yaml:4:27: 'iwan' is manager here but staff in staff.yaml; a person takes part in one role, "
        "so correct one of the files",
        "twice.yaml:7:31: 'Rhian' rates 'L1.own-care-plans' partial here but met in rhian.yaml; "
        "a person gives one rating, so correct one of the files",
        "twice.yaml:7:31: 'iwan' rates 'L1.own-care-plans' partial here but met in staff.yaml; "
        "a person gives one rating, so correct one of the files",
        "coprod: 3 problems in twice.yaml. Fix them and run the command again.",
    ]


def test_a_file_with_statuses_but_nobody_listed_is_refused(coprod: RunCoprod, folder: Path) -> None:
    nobody = _write(
        folder,
        "nobody.yaml",
        "unit: {name: Afon Ward}\nassessed_on: 2026-10-14\ntargets:\n  L1.own-care-plans: {status: met}\n",
    )
    run = coprod("merge", "rhian.yaml", nobody, "-o", "unit.yaml")
    assert run.code == 2, run
    assert "nobody.yaml:1:1: lists nobody under 'assessors:', so merge cannot tell whose ratings" in run.stderr


def test_invalid_inputs_are_all_reported(coprod: RunCoprod, folder: Path) -> None:
    bad = _write(
        folder,
        "bad.yaml",
        "unit: {name: Afon Ward}\nassessed_on: 2026-10-14\ntargets:\n  L1.own-care-plan: {status: met}\n",
    )
    worse = _write(folder, "worse.yaml", "unit: {name: Afon Ward}\n")
    run = coprod("merge", bad, worse, "-o", "unit.yaml")
    assert run.code == 2, run
    assert "bad.yaml:4:3: unknown target 'L1.own-care-plan' — did you mean 'L1.own-care-plans'?" in run.stderr
    assert "worse.yaml:1:1: 'assessed_on' is missing" in run.stderr
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["rhian.yaml", "-o", "unit.yaml"], "coprod: give at least two files to merge"),
        (["rhian.yaml", "rhian.yaml", "-o", "unit.yaml"], "coprod: rhian.yaml: given twice; give each file once"),
        (["rhian.yaml", "staff.yaml", "-o", "staff.yaml"], "coprod: staff.yaml: this is an input file"),
        (["rhian.yaml", "staff.yaml"], "Missing option '--output'"),
        (["rhian.yaml", "staff.yaml", "-o", "nowhere/unit.yaml"], "the folder 'nowhere' does not exist"),
    ],
)
def test_usage_errors(coprod: RunCoprod, folder: Path, args: list[str], message: str) -> None:
    run = coprod("merge", *args)
    assert run.code == 2, run
    assert message in run.stderr, run


def test_never_replaces_a_file_without_force(coprod: RunCoprod, folder: Path) -> None:
    _write(folder, "unit.yaml", "# the group's decisions\n")
    run = coprod("merge", *INPUTS, "-o", "unit.yaml")
    assert run.code == 2, run
    assert run.stderr == (
        "coprod: unit.yaml: already exists; coprod merge never replaces a file unless --force is given "
        "(it may hold the group's decisions) — choose another name\n"
    )
    assert (folder / "unit.yaml").read_text(encoding="utf-8") == "# the group's decisions\n"
    run = coprod("merge", *INPUTS, "-o", "unit.yaml", "--force")
    assert run.code == 0, run
    assert (folder / "unit.yaml").read_text(encoding="utf-8") == (CASE / "merged.yaml").read_text(encoding="utf-8")


def test_personal_data_in_a_file_stops_the_merge(coprod: RunCoprod, folder: Path) -> None:
    leak = _write(
        folder,
        "leak.yaml",
        "unit: {name: Afon Ward}\nassessed_on: 2026-10-14\nassessors: [{name: Ann, role: carer}]\n"
        "targets:\n  L1.own-care-plans:\n    status: met\n    notes: Ann's NHS number is 943 476 5919\n",
    )
    run = coprod("merge", "rhian.yaml", leak, "-o", "unit.yaml")
    assert run.code == 2, run
    assert "leak.yaml:7:" in run.stderr
    assert "NHS number" in run.stderr
    assert not (folder / "unit.yaml").exists()


def test_a_framework_path_is_written_relative_to_the_merged_file(
    coprod: RunCoprod, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "fw").mkdir()
    (tmp_path / "in").mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "fw" / "local.yaml").write_text(
        "id: local\nversion: 1.0.0\ntitle: Local\nextends: rehab-recovery\n", encoding="utf-8"
    )
    for name, role, status in (("a.yaml", "carer", "met"), ("b.yaml", "staff", "partial")):
        (tmp_path / "in" / name).write_text(
            f"unit: {{name: W}}\nframework: ../fw/local.yaml\nassessed_on: 2026-10-14\n"
            f"assessors: [{{name: {name[0]}, role: {role}}}]\ntargets:\n  L1.buddy-system: {{status: {status}}}\n",
            encoding="utf-8",
        )
    monkeypatch.chdir(tmp_path)
    run = coprod("merge", "in/a.yaml", "in/b.yaml", "-o", "out/w.yaml")
    assert run.code == 0, run
    assert 'framework: "../fw/local.yaml"\n' in (tmp_path / "out" / "w.yaml").read_text(encoding="utf-8")
    assert _json(coprod, "out/w.yaml")["framework"]["id"] == "local"


def test_files_made_with_init_as_merge(coprod: RunCoprod, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fw = load_framework(builtin_frameworks()["rehab-recovery"], "rehab-recovery")
    monkeypatch.chdir(tmp_path)
    from datetime import date

    for name, role, status in (("Rhian", "service-user", "met"), ("Iwan", "staff", "partial")):
        text = evidence_skeleton(
            fw,
            framework_ref="rehab-recovery",
            unit="Afon Ward",
            service=None,
            organisation=None,
            assessed_on=date(2026, 10, 14),
            check_command=f"coprod validate {name}.yaml",
            rater=Assessor(name=name, role=role),  # type: ignore[arg-type]
        )
        assert f"# This is {name}'s own rating of the unit" in text
        assert f'  - {{name: "{name}", role: {role}}}' in text
        text = text.replace("  L1.buddy-system:\n    status: not-assessed", f"  L1.buddy-system:\n    status: {status}")
        (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
        assert coprod("validate", f"{name}.yaml").code == 0
    run = coprod("merge", "Rhian.yaml", "Iwan.yaml", "-o", "unit.yaml")
    assert run.code == 0, run
    data = _json(coprod, "unit.yaml")
    assert data["ratings"] == [
        {
            "target": "L1.buddy-system",
            "level": 1,
            "agreed": "not-assessed",
            "ratings": [
                {"name": "Rhian", "role": "service-user", "status": "met"},
                {"name": "Iwan", "role": "staff", "status": "partial"},
            ],
        }
    ]


def regen() -> int:
    """Rewrite merged.yaml and merged.stderr, and their Welsh twins merged.cy.*, from the current code."""
    import os
    import tempfile

    for lang, suffix in (("en", ""), ("cy", ".cy")):
        with tempfile.TemporaryDirectory() as tmp:
            for name in INPUTS:
                shutil.copy(CASE / name, Path(tmp) / name)
            os.chdir(tmp)
            args = ["merge", *INPUTS, "-o", "unit.yaml", "--lang", lang]
            result = CliRunner().invoke(app, args, catch_exceptions=False)
            if result.exit_code != 0:
                print(result.stderr, file=sys.stderr)
                return 1
            outputs = {
                f"merged{suffix}.yaml": Path("unit.yaml").read_text(encoding="utf-8"),
                f"merged{suffix}.stderr": result.stderr,
            }
            for name, text in outputs.items():
                path = CASE / name
                if not path.exists() or path.read_text(encoding="utf-8") != text:
                    path.write_text(text, encoding="utf-8")
                    print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(regen())


def test_edge_cases_of_putting_entries_together(
    coprod: RunCoprod, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    a = (
        "unit: {name: W, service: Open}\nassessed_on: 2026-10-14\nassessors: [{name: A, role: carer}]\n"
        "targets:\n"
        "  L1.buddy-system: {status: not-assessed, ratings: {A: not-applicable}}\n"
        "  L1.own-care-plans:\n    status: met\n"
        "    evidence: [{description: Plans, date: 2026-09-01, link: 'https://example.org/plans'}]\n"
        "retired:\n  L1.old-target: {status: met, notes: kept}\n"
    )
    b = (
        "unit: {name: W, service: Locked}\nassessed_on: 2026-10-14\nassessors: [{name: B, role: staff}]\n"
        "targets:\n"
        "  L1.buddy-system: {status: not-assessed, ratings: {B: not-applicable}}\n"
        "  L1.own-care-plans: {status: met}\n"
    )
    (tmp_path / "a.yaml").write_text(a, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(b, encoding="utf-8")
    run = coprod("merge", "a.yaml", "b.yaml", "-o", "w.yaml")
    assert run.code == 0, run
    assert run.stderr.splitlines() == [
        "Merged 2 files into w.yaml: 2 assessors; 2 targets and enablers rated, 1 agreed.",
        "Left not-assessed for the group to settle (1):",
        "  L1.buddy-system: all say it does not apply, but no file says why: add a 'justification:' — "
        "not-applicable: A (carer), B (staff)",
        "Also:",
        "  unit service: the files differ; the merged file has the first one given",
        "Next: agree a status for each of these in w.yaml, then run: coprod assess w.yaml",
    ]
    merged = (tmp_path / "w.yaml").read_text(encoding="utf-8")
    assert "framework: rehab-recovery\n" in merged
    assert '  service: "Open"\n' in merged
    assert '- {description: "Plans", date: 2026-09-01, link: "https://example.org/plans"}' in merged
    assert merged.endswith(
        'retired:\n  L1.old-target:\n    status: met\n    ratings:\n      A: met\n    notes: "kept"\n'
    )
    # When everyone agrees there is nothing to settle.
    (tmp_path / "c.yaml").write_text(
        a.replace("not-applicable}", "met}").replace("name: A,", "name: C,").replace("{A:", "{C:"), encoding="utf-8"
    )
    (tmp_path / "d.yaml").write_text(a.replace("not-applicable}", "met}"), encoding="utf-8")
    run = coprod("merge", "c.yaml", "d.yaml", "-o", "cd.yaml")
    assert run.code == 0, run
    assert run.stderr.splitlines()[-1] == "Next: check the merged file with: coprod assess cd.yaml"


def test_an_invalid_merged_file_is_a_bug_not_the_users_fault() -> None:
    from coprod_cli.editing.merge import _check_reads_back

    fw = load_framework(builtin_frameworks()["rehab-recovery"], "rehab-recovery")
    with pytest.raises(RuntimeError, match="merge produced an invalid file at line 1"):
        _check_reads_back("unit: {name: W}\n", "w.yaml", fw)


def test_init_as_options() -> None:
    from coprod_cli.cli.merge import RoleChoice, rater_from
    from coprod_cli.errors import UsageError

    assert rater_from(None, None) is None
    assert rater_from("  Rhian  Jones ", RoleChoice.service_user) == Assessor(name="Rhian Jones", role="service-user")
    for name, role, message in (
        (None, RoleChoice.carer, "--role goes with --as NAME"),
        ("Rhian", None, "--as Rhian: give their role too, e.g. --role service-user"),
        ("  ", RoleChoice.carer, "--as: give the person's name or initials"),
    ):
        with pytest.raises(UsageError, match=message):
            rater_from(name, role)
