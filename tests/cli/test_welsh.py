"""The commands in Welsh (issue 16): what they print, their errors, exit lines and --help, with --lang cy.

The English of every message is pinned by the other tests here; these pin the Welsh, through the
real command.  Framework text (level titles, targets) is the framework's, translated with it, so
it is not pinned here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from coprod_cli import i18n
from coprod_cli.cli.exits import EXIT_INTERRUPTED, failure_code, report_problems
from coprod_cli.errors import Problem
from coprod_cli.scoring import score as scoring
from tests.conftest import DATA, ROOT, RunCoprod

EXAMPLE = ROOT / "examples" / "community-rehab-team.yaml"
ONE_PROBLEM = DATA / "invalid" / "action-text.yaml"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


# ---- what the commands print -----------------------------------------------------------


def test_validate_says_a_file_is_valid_in_welsh(coprod: RunCoprod) -> None:
    """The example has two warnings (the reader's words): the count is coprod's, "2 rybudd"."""
    run = coprod("validate", EXAMPLE, "--lang", "cy")
    assert run.code == 0, run
    assert run.stderr.splitlines()[-1] == f"{EXAMPLE}: ffeil dystiolaeth ddilys (2 rybudd)", run


@pytest.mark.parametrize("lang", ["cy", "cy+en"])
def test_validate_sums_up_the_problems_in_welsh(coprod: RunCoprod, lang: str) -> None:
    """The last line, coprod's own (the problem above it is the reader's); cy+en speaks Welsh at the terminal."""
    run = coprod("validate", ONE_PROBLEM, "--lang", lang)
    assert run.code == 2, run
    assert run.stderr.splitlines()[0].startswith(f"{ONE_PROBLEM}:7:13: "), run
    assert run.stderr.splitlines()[-1] == (
        f"coprod: 1 broblem yn {ONE_PROBLEM}. Cywirwch hi a rhedwch y gorchymyn eto."
    ), run


def test_coprod_toml_language_is_the_default(coprod: RunCoprod, folder: Path) -> None:
    (folder / "coprod.toml").write_text('language = "cy"\n', encoding="utf-8")
    run = coprod("validate", EXAMPLE)
    assert run.stderr.splitlines()[-1] == f"{EXAMPLE}: ffeil dystiolaeth ddilys (2 rybudd)", run
    run = coprod("validate", EXAMPLE, "--lang", "en")
    assert run.stderr.splitlines()[-1] == f"{EXAMPLE}: valid evidence file (2 warnings)", run


@pytest.mark.parametrize(
    ("count", "line"),
    [
        (1, "coprod: 1 broblem yn u.yaml. Cywirwch hi a rhedwch y gorchymyn eto."),
        (2, "coprod: 2 broblem yn u.yaml. Cywirwch nhw a rhedwch y gorchymyn eto."),
        (3, "coprod: 3 problem yn u.yaml. Cywirwch nhw a rhedwch y gorchymyn eto."),
        (6, "coprod: 6 phroblem yn u.yaml. Cywirwch nhw a rhedwch y gorchymyn eto."),
        (7, "coprod: 7 problem yn u.yaml. Cywirwch nhw a rhedwch y gorchymyn eto."),
    ],
)
def test_the_summary_line_has_each_welsh_plural(capsys: pytest.CaptureFixture[str], count: int, line: str) -> None:
    problems = tuple(Problem("u.yaml", n + 1, 1, "wrong") for n in range(count))
    with i18n.speaking("cy"):
        report_problems(problems)
    assert capsys.readouterr().err.splitlines()[-1] == line


def test_assess_refuses_a_level_above_the_top_in_welsh(coprod: RunCoprod) -> None:
    run = coprod("assess", EXAMPLE, "--fail-under", "9", "--lang", "cy")
    assert (run.code, run.stderr) == (
        2,
        "coprod: mae --fail-under 9 yn uwch na lefel uchaf y fframwaith (3); defnyddiwch 0 i 3\n",
    ), run


def test_assess_sums_up_the_problems_in_welsh(coprod: RunCoprod) -> None:
    run = coprod("assess", ONE_PROBLEM, "--lang", "cy")
    assert run.code == 2, run
    assert run.stderr.splitlines()[-1].startswith("coprod: 1 broblem yn "), run


def test_an_option_value_is_refused_in_welsh(coprod: RunCoprod) -> None:
    run = coprod("assess", EXAMPLE, "--fail-under", "lots", "--lang", "cy")  # --lang after: read first all the same
    assert run.code == 2, run
    assert "nid yw 'lots' yn rhif cyfan" in run.stderr, run
    run = coprod("assess", EXAMPLE, "--frameworks-dir", "no-such-folder", "--lang", "cy")
    assert run.code == 2, run
    assert "nid ffolder yw 'no-such-folder'" in run.stderr, run


def test_init_says_what_it_wrote_in_welsh(coprod: RunCoprod, folder: Path) -> None:
    run = coprod("init", "unit.yaml", "--unit", "Cefn Yr Afon", "--lang", "cy")
    assert run.code == 0, run
    assert run.stderr == (
        "Wedi ysgrifennu unit.yaml: llenwch statws pob targed, yna rhedwch: coprod assess unit.yaml\n"
        "Wedi ysgrifennu coprod-evidence.schema.json: y schema y mae golygyddion yn ei ddefnyddio i wirio "
        "unit.yaml wrth i chi deipio.\n"
    )
    assert "status: not-assessed" in (folder / "unit.yaml").read_text(encoding="utf-8")  # keys stay as they are


def test_a_report_name_for_another_format_is_refused_in_welsh(coprod: RunCoprod, folder: Path) -> None:
    run = coprod("report", EXAMPLE, "-o", "report.pdf", "--lang", "cy")
    assert (run.code, run.stderr) == (
        2,
        "coprod: report.pdf: nid yw coprod yn ysgrifennu ffeiliau '.pdf'; rhowch enw sy'n gorffen gyda .html, "
        ".htm, .md, .markdown neu .csv, fel report.md\n",
    ), run


# ---- frameworks ---------------------------------------------------------------------------


def test_framework_list_in_welsh(coprod: RunCoprod) -> None:
    run = coprod("framework", "list", "--lang", "cy")
    assert run.code == 0, run
    line = next(line for line in run.stdout.splitlines() if line.startswith("rehab-recovery  1.0.0  "))
    assert line.endswith(" (3 lefel)"), run


def test_framework_show_in_welsh(coprod: RunCoprod) -> None:
    run = coprod("framework", "show", "rehab-recovery", "--lang", "cy")
    assert run.code == 0, run
    levels = [line for line in run.stdout.splitlines() if line.startswith("Lefel ")]
    assert [line.split(" — ")[0] for line in levels] == ["Lefel 1", "Lefel 2", "Lefel 3"], run
    assert levels[0].endswith(" (trothwy 80%)"), run
    assert "Galluogwyr (yn cefnogi pob lefel)" in run.stdout.splitlines(), run
    assert "threshold" not in run.stdout, run


def test_framework_check_in_welsh(coprod: RunCoprod, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    run = coprod("framework", "check", "frameworks/rehab-recovery.yaml", "--lang", "cy")
    assert (run.code, run.stderr) == (
        0,
        "frameworks/rehab-recovery.yaml: mae fframwaith rehab-recovery 1.0.0 yn pasio pob gwiriad\n",
    ), run


# ---- how a command ends ---------------------------------------------------------------------


def test_an_internal_error_is_one_welsh_line_exit_70(coprod: RunCoprod, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(_: object) -> None:
        raise ZeroDivisionError("secret patient text")

    monkeypatch.setattr(scoring, "score", broken)
    run = coprod("assess", EXAMPLE, "--lang", "cy")
    assert (run.code, run.stderr) == (
        70,
        "coprod: gwall mewnol (ZeroDivisionError); nam yn coprod yw hwn, nid yn eich ffeiliau. Rhedwch eto "
        "gyda --debug i weld y manylion, a rhowch wybod amdano.\n",
    ), run


def test_ctrl_c_in_welsh(capsys: pytest.CaptureFixture[str]) -> None:
    with i18n.speaking("cy"):
        assert failure_code(KeyboardInterrupt(), debug=False) == EXIT_INTERRUPTED
    assert capsys.readouterr().err == "coprod: wedi'i dorri ar draws; ni ysgrifennwyd dim.\n"


# ---- --help ---------------------------------------------------------------------------------


def test_a_commands_help_in_welsh(coprod: RunCoprod) -> None:
    run = coprod("assess", "--lang", "cy", "--help")
    assert run.code == 0, run
    lines = run.stdout.splitlines()
    assert "  Gwirio a sgorio ffeil dystiolaeth uned, a dangos ble mae'r uned arni." in lines, run
    assert "  --strict              Trin rhybuddion fel gwallau." in lines, run
    assert "  UNIT.yaml <path>  Ffeil dystiolaeth yr uned.  [required]" in lines, run  # [required]: click's word


def test_help_before_lang_is_welsh_too(coprod: RunCoprod) -> None:
    run = coprod("framework", "list", "--help", "--lang=cy")
    assert "  Rhestru'r fframweithiau sydd ar gael: y rhai yn y ffolderi fframwaith, yna'r" in (
        run.stdout.splitlines()
    ), run


def test_the_command_list_in_welsh_from_coprod_toml(coprod: RunCoprod, folder: Path) -> None:
    (folder / "coprod.toml").write_text('language = "cy"\n', encoding="utf-8")
    run = coprod("--help")
    assert run.code == 0, run
    assert "  Asesu uned adsefydlu iechyd meddwl yn erbyn fframwaith cydgynhyrchu, gyda'n" in run.stdout, run
    assert "  framework  Rhestru, dangos, gwirio a chymharu fframweithiau." in run.stdout.splitlines(), run


def test_help_stays_english_without_a_language(coprod: RunCoprod, folder: Path) -> None:
    run = coprod("assess", "--help")
    assert "  Check and score a unit's evidence file, and show where the unit stands." in run.stdout.splitlines()
    assert "Gwirio" not in run.stdout


def test_validate_says_a_framework_file_is_valid_in_welsh(coprod: RunCoprod, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    run = coprod("validate", "frameworks/rehab-recovery.yaml", "--lang", "cy")
    assert (run.code, run.stderr) == (0, "frameworks/rehab-recovery.yaml: ffeil fframwaith ddilys\n"), run


def test_schema_says_what_it_wrote_in_welsh(coprod: RunCoprod, folder: Path) -> None:
    run = coprod("schema", "evidence", "-o", "evidence.schema.json", "--lang", "cy")
    assert (run.code, run.stderr) == (0, "Wedi ysgrifennu evidence.schema.json.\n"), run


def test_merge_and_migrate_in_welsh(coprod: RunCoprod, folder: Path) -> None:
    for name, role in (("A.", "staff"), ("B.", "carer")):
        made = coprod("init", f"{name[0].lower()}.yaml", "--unit", "Ty Gwyn", "--as", name, "--role", role)
        assert made.code == 0, made
    run = coprod("merge", "a.yaml", "b.yaml", "-o", "unit.yaml", "--lang", "cy")
    assert run.code == 0, run
    lines = run.stderr.splitlines()
    assert lines[0] == (
        "Cyfunwyd 2 ffeil yn unit.yaml: 2 aseswr; graddiwyd 0 o dargedau a galluogwyr, a chytunwyd ar 0."
    ), run
    assert lines[-1] == "Nesaf: gwiriwch y ffeil gyfun gyda: coprod assess unit.yaml", run
    run = coprod("migrate", "unit.yaml", "--lang", "cy")
    assert (run.code, run.stderr) == (0, "unit.yaml: eisoes ar rehab-recovery 1.0.0; dim i'w newid.\n"), run
