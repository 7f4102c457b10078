"""``init``, ``merge``, ``migrate`` and the safe writer in Welsh (``--lang cy``), through the real command.

With ``--lang cy`` the file ``init`` writes has Welsh comments and the very same keys, statuses and
values, so it validates as the English one does; refusals are in Welsh.  The migrate diff has a
Welsh twin, ``tests/golden/migrate/open-rehab-unit.cy.diff``: rewrite it with
``python -m tests.editing.test_welsh`` and read the diff.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coprod_cli import i18n
from coprod_cli.cli.app import app
from tests.conftest import EXAMPLES, ROOT, RunCoprod
from tests.editing.test_migrate import LOCAL

GOLDEN = ROOT / "tests" / "golden" / "migrate"
MERGE = ROOT / "tests" / "golden" / "coassess" / "merge"


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    """A ``--lang cy`` run in this process leaves coprod speaking Welsh; the next test starts in English."""
    yield
    i18n.choose(None)


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _values(text: str) -> list[str]:
    """The file without its comments: what YAML reads."""
    return [line for line in text.splitlines() if not line.lstrip().startswith("#")]


# ---- init ------------------------------------------------------------------------------------


def test_init_in_welsh_writes_welsh_comments_and_the_same_yaml(coprod: RunCoprod, here: Path) -> None:
    for lang in ("en", "cy"):
        run = coprod("init", f"{lang}.yaml", "--unit", "Ward W", "--assessed-on", "2026-10-14", "--lang", lang)
        assert run.code == 0, run
    english = (here / "en.yaml").read_text(encoding="utf-8")
    welsh = (here / "cy.yaml").read_text(encoding="utf-8")
    assert _values(welsh) == _values(english)
    lines = welsh.splitlines()
    assert lines[1:5] == [
        "# Hunanasesiad cydgynhyrchu ar gyfer Ward W",
        lines[2],
        "#",
        "# Llenwch hon gyda'ch gilydd: staff, defnyddwyr gwasanaeth a gofalwyr.",
    ]
    assert lines[2].startswith("# Fframwaith: rehab-recovery 1.0.0 — ")
    for line in (
        "# Ar gyfer pob targed, gosodwch 'status:' i un o'r rhain:",
        "#   met, partial, not-met, not-applicable, not-assessed",
        "# Dywedwch beth sy'n ei ddangos o dan 'evidence:', a chytunwch ar 'action:' ar gyfer pob bwlch, e.e.",
        '#       - {description: "Cofnodion y cyfarfod cymunedol wythnosol", date: 2026-09-30}',
        '#     action: {description: "Dechrau rota cyfeillio", owner: "Rheolwr y ward", due: 2027-01-31}',
        "# Mae angen 'justification:' sy'n dweud pam ar darged sydd ddim yn berthnasol.",
        "# Gwiriwch y ffeil unrhyw bryd gyda: coprod validate cy.yaml",
        "  # Un llinell i bob person sy'n cymryd rhan; rolau: service-user, carer, staff, third-sector, manager",
        '  # - {name: "Enw cyntaf neu lythrennau cyntaf", role: service-user}',
        "# Pan fydd y grŵp yn cytuno ar ganlyniad lefel, mae'r rhai sy'n cytuno yn ei gymeradwyo, e.e.",
        '#   1: [{name: "Enw cyntaf neu lythrennau cyntaf", date: 2026-10-14}]',
        "  # Mae'r rhain yn cefnogi pob lefel; dydyn nhw ddim yn cyfrif yn sgorau'r lefelau.",
    ):
        assert line in lines, line
    assert next(line for line in lines if line.startswith("  # ---- ")).startswith("  # ---- Lefel 1: ")
    run = coprod("validate", "cy.yaml", "--lang", "cy")
    assert run.code == 0, run
    assert re.search(r"cy\.yaml:\d", run.stdout + run.stderr) is None, "a fresh file has nothing to warn about"


def test_the_welsh_examples_read_back_as_yaml_when_uncommented(coprod: RunCoprod, here: Path) -> None:
    """A person who removes the '# ' before an example gets a valid file, in Welsh."""
    assert coprod("init", "unit.yaml", "--unit", "W", "--assessed-on", "2026-10-14", "--lang", "cy").code == 0
    text = (here / "unit.yaml").read_text(encoding="utf-8")
    text = text.replace('  # - {name: "Enw cyntaf', '  - {name: "Enw cyntaf', 1)
    text = text.replace("# sign_off:\n#   1: [", "sign_off:\n  1: [", 1)
    (here / "unit.yaml").write_text(text, encoding="utf-8")
    run = coprod("validate", "unit.yaml", "--lang", "cy")
    assert run.code == 0, run


def test_init_as_one_rater_in_welsh(coprod: RunCoprod, here: Path) -> None:
    run = coprod("init", "r.yaml", "--unit", "W", "--as", "Rhian", "--role", "service-user", "--lang", "cy")
    assert run.code == 0, run
    lines = (here / "r.yaml").read_text(encoding="utf-8").splitlines()
    assert "# Dyma raddau Rhian ar gyfer yr uned: gosodwch bob statws yn ôl eich barn eich hun." in lines
    assert '  - {name: "Rhian", role: service-user}' in lines


def test_init_never_overwrites_in_welsh(coprod: RunCoprod, here: Path) -> None:
    (here / "unit.yaml").write_text("keep me\n", encoding="utf-8")
    run = coprod("init", "unit.yaml", "--unit", "W", "--lang", "cy")
    assert run.code == 2, run
    assert run.stderr.endswith(
        "unit.yaml: mae'n bodoli'n barod; nid yw coprod init byth yn ysgrifennu dros ffeil — "
        "dewiswch enw arall neu tynnwch hi yn gyntaf\n"
    )
    assert (here / "unit.yaml").read_text(encoding="utf-8") == "keep me\n"


# ---- the writer's refusals ---------------------------------------------------------------------


def test_writing_over_an_input_or_an_evidence_file_is_refused_in_welsh(coprod: RunCoprod, here: Path) -> None:
    unit = here / "unit.yaml"
    unit.write_bytes((EXAMPLES / "open-rehab-unit.yaml").read_bytes())
    run = coprod("report", "unit.yaml", "-o", "unit.yaml", "--lang", "cy")
    assert run.code == 2, run
    assert run.stderr.endswith(
        "unit.yaml: ffeil fewnbwn yw hon; nid yw coprod byth yn ysgrifennu dros ei fewnbwn, hyd yn oed gyda "
        "--force — dewiswch enw allbwn arall\n"
    )
    other = here / "other.yaml"
    other.write_bytes(unit.read_bytes())
    run = coprod("report", "unit.yaml", "-o", "other.yaml", "--force", "--lang", "cy")
    assert run.code == 2, run
    assert run.stderr.endswith(
        "other.yaml: ffeil dystiolaeth yw hon (mae ganddi 'unit:' ar y brig); nid yw coprod byth yn ysgrifennu "
        "dros ffeil dystiolaeth na ffeil fframwaith, hyd yn oed gyda --force — dewiswch enw allbwn arall\n"
    )
    run = coprod("report", "unit.yaml", "-o", "missing/out.md", "--lang", "cy")
    assert run.code == 2, run
    assert run.stderr.endswith(
        "missing/out.md: nid yw'r ffolder 'missing' yn bodoli; crëwch y ffolder yn gyntaf neu dewiswch ffolder arall\n"
    )


# ---- merge -------------------------------------------------------------------------------------


def test_merge_refusals_in_welsh(coprod: RunCoprod, here: Path) -> None:
    for name in ("rhian.yaml", "staff.yaml"):
        (here / name).write_bytes((MERGE / name).read_bytes())
    run = coprod("merge", "rhian.yaml", "-o", "unit.yaml", "--lang", "cy")
    assert run.code == 2, run
    assert run.stderr.endswith("rhowch o leiaf ddwy ffeil i'w cyfuno, e.e. coprod merge a.yaml b.yaml -o unit.yaml\n")
    run = coprod("merge", "rhian.yaml", "rhian.yaml", "-o", "unit.yaml", "--lang", "cy")
    assert run.code == 2, run
    assert run.stderr.endswith("rhian.yaml: wedi'i rhoi ddwywaith; rhowch bob ffeil unwaith\n")
    run = coprod("merge", "rhian.yaml", "staff.yaml", "-o", "staff.yaml", "--lang", "cy")
    assert run.code == 2, run
    assert "staff.yaml: ffeil fewnbwn yw hon; nid yw coprod byth yn ysgrifennu dros ei fewnbwn" in run.stderr
    other = here / "other.yaml"
    other.write_text(
        (here / "staff.yaml").read_text(encoding="utf-8").replace("afon  ward", "Other Ward", 1), encoding="utf-8"
    )
    run = coprod("merge", "rhian.yaml", "other.yaml", "-o", "unit.yaml", "--lang", "cy")
    assert run.code == 2, run
    assert (
        "mae'r ffeil hon ar gyfer 'Other Ward' ond mae rhian.yaml ar gyfer 'Afon Ward'; "
        "dim ond ffeiliau ar gyfer yr un uned y dylid eu cyfuno"
    ) in run.stderr
    assert not (here / "unit.yaml").exists()


# ---- migrate -----------------------------------------------------------------------------------


def _migrate_folder(here: Path) -> None:
    (here / "local.yaml").write_text(LOCAL, encoding="utf-8")
    (here / "unit.yaml").write_bytes((EXAMPLES / "open-rehab-unit.yaml").read_bytes())


def test_migrate_diff_in_welsh_matches_its_golden_twin(coprod: RunCoprod, here: Path) -> None:
    _migrate_folder(here)
    run = coprod("migrate", "unit.yaml", "--to", "./local.yaml", "--lang", "cy")
    assert run.code == 0, run
    expected = (GOLDEN / "open-rehab-unit.cy.diff").read_text(encoding="utf-8")
    assert run.stdout == expected, "run: python -m tests.editing.test_welsh"
    assert "+# Targedau nad ydynt yn y fframwaith mwyach: wedi'u cadw i'w cofnodi, heb sgôr.\n" in run.stdout
    english = (GOLDEN / "open-rehab-unit.diff").read_text(encoding="utf-8")
    assert [line for line in run.stdout.splitlines() if "#" not in line] == [
        line for line in english.splitlines() if "#" not in line
    ], "only comments differ"


def test_migrate_refusals_in_welsh(coprod: RunCoprod, here: Path) -> None:
    (here / "local.yaml").write_text(LOCAL, encoding="utf-8")
    unit = here / "unit.yaml"
    unit.write_text("unit: {name: W}\nassessed_on: 2026-10-14\ntargets: {L1.buddy-system: {status: met}}\n")
    run = coprod("migrate", "unit.yaml", "--to", "./local.yaml", "--write", "--lang", "cy")
    assert run.code == 2, run
    assert run.stderr.endswith(
        "unit.yaml:3:10: mae migrate yn golygu ffeiliau sydd wedi'u hysgrifennu un cofnod y llinell, fel y mae "
        "'coprod init' yn eu hysgrifennu; ysgrifennwch 'targets:' felly (nid fel {…}) a'i redeg eto\n"
    )
    unit.write_text(
        "unit: {name: W}\nassessed_on: 2026-10-14\ntargets:\n  L1.buddy-system:\n    status: met\n"
        "retired:\n  L1.buddy-system:\n    status: met\n"
    )
    run = coprod("migrate", "unit.yaml", "--to", "./local.yaml", "--write", "--lang", "cy")
    assert run.code == 2, run
    assert run.stderr.endswith(
        "unit.yaml: mae 'L1.buddy-system' o dan 'targets' ac o dan 'retired'; cadwch un ohonynt a rhedwch eto\n"
    )


def regen() -> int:
    """Rewrite the Welsh migrate diff from the current code."""
    import os
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)
        _migrate_folder(Path(tmp))
        result = CliRunner().invoke(app, ["migrate", "unit.yaml", "--to", "./local.yaml", "--lang", "cy"])
        if result.exit_code != 0:
            print(result.stderr, file=sys.stderr)
            return 1
        path = GOLDEN / "open-rehab-unit.cy.diff"
        if not path.exists() or path.read_text(encoding="utf-8") != result.stdout:
            path.write_text(result.stdout, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(regen())
