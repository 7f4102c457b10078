"""``coprod pool compare``: a unit among the similar units of a pool, privately.

Golden outputs (``CASES``, run from the repository root) are compared exactly with
``tests/golden/pool/<case>.<txt|json|md>`` and their Welsh twins ``<case>.cy.<txt|md>``
(and ``<case>.cy+en.md`` in both languages); each bad
pool file ``tests/pool/invalid/<case>.yaml`` with ``<case>.stderr`` and ``<case>.cy.stderr``.
After an intended change, regenerate them and read the diff::

    python -m tests.pool.test_compare
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from coprod_cli import i18n
from coprod_cli.model.pool import PoolFramework, PoolUnit
from coprod_cli.rollup.pool import SMALLEST_CELL, entry, percentile, place
from coprod_cli.rollup.rows import UnitRow
from coprod_cli.scoring.check import load_evidence
from coprod_cli.scoring.score import score
from tests.cli.service_cli import runner
from tests.conftest import ROOT, RunCoprod

GOLDEN = ROOT / "tests" / "golden" / "pool"
DATA = "tests/pool/data"
INVALID = ROOT / "tests" / "pool" / "invalid"
REGEN = "python -m tests.pool.test_compare"
CASES: dict[str, list[str]] = {
    "ward-2": [f"{DATA}/network", f"{DATA}/units/ward-2.yaml"],
    "too-few": [f"{DATA}/network/examples.pool.yaml", f"{DATA}/units/ward-2.yaml"],
    "none-alike": [f"{DATA}/network/examples.pool.yaml", "examples/low-secure-unit.yaml"],
}
FORMATS = {"txt": "text", "json": "json", "md": "markdown"}
WELSH = {"txt": "text", "md": "markdown"}


def _outputs() -> list[tuple[str, str, list[str]]]:
    """Each golden file's name and the arguments that make it."""
    found = []
    for case, args in CASES.items():
        found += [(f"{case}.{suffix}", "en", [*args, "--format", kind]) for suffix, kind in FORMATS.items()]
        found += [(f"{case}.cy.{suffix}", "cy", [*args, "--format", kind]) for suffix, kind in WELSH.items()]
        found.append((f"{case}.cy+en.md", "cy+en", [*args, "--format", "markdown"]))
    return found


@pytest.fixture
def cli(pinned_terminal: None, monkeypatch: pytest.MonkeyPatch) -> RunCoprod:
    monkeypatch.chdir(ROOT)
    return runner()


@pytest.mark.parametrize(("name", "lang", "args"), _outputs())
def test_matches_golden(cli: RunCoprod, name: str, lang: str, args: list[str]) -> None:
    run = cli("pool", "compare", "--lang", lang, *args)
    assert run.code == 0, run
    assert run.stdout == (GOLDEN / name).read_text(encoding="utf-8"), f"tests/golden/pool/{name} differs; run: {REGEN}"
    assert run.stderr == ""


def test_golden_says_what_was_worked_out_by_hand() -> None:
    data = json.loads((GOLDEN / "ward-2.json").read_text(encoding="utf-8"))
    # the network holds the six test wards and the five examples: Ward 2 itself is left out, the four
    # examples of other kinds are not comparable, which leaves five wards and Hafod Las.
    assert (data["pool_units"], data["compared"], data["own_left_out"], data["suppressed"]) == (11, 6, True, False)
    first = data["levels"][0]
    assert first["percent"] == 85.7  # the lowest Level 1 of the seven: no unit below it
    assert first["percentile"] == 0
    assert data["commonly_met"][0] == {"id": "L1.agenda-item", "level": 1, "status": "partial", "share": 100}
    few = json.loads((GOLDEN / "too-few.json").read_text(encoding="utf-8"))
    assert few["suppressed"]
    assert few["compared"] == 1
    assert not few["own_left_out"]
    assert all(lv["percentile"] is None and lv["median"] is None for lv in few["levels"])
    assert few["commonly_met"] == []
    assert "small-cell suppression" in (GOLDEN / "too-few.txt").read_text(encoding="utf-8")
    assert "no other unit of its kind" in (GOLDEN / "none-alike.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("case", sorted(p.stem for p in INVALID.glob("*.yaml")))
def test_bad_pool_file(cli: RunCoprod, case: str) -> None:
    for lang, suffix in (("en", ".stderr"), ("cy", ".cy.stderr")):
        run = cli("pool", "compare", "--lang", lang, f"tests/pool/invalid/{case}.yaml", f"{DATA}/units/ward-2.yaml")
        assert run.code == 2, run
        assert run.stdout == ""
        assert run.stderr == (INVALID / f"{case}{suffix}").read_text(encoding="utf-8"), f"run: {REGEN}"


def test_a_folder_reports_every_bad_file(cli: RunCoprod, tmp_path: Path) -> None:
    for name in ("a.yaml", "b.yml"):
        (tmp_path / name).write_text("pool_version: 1\nunits:\n  - kind: nope\n", encoding="utf-8")
    run = cli("pool", "compare", tmp_path, f"{DATA}/units/ward-2.yaml")
    assert run.code == 2, run
    assert "a.yaml:3:11:" in run.stderr
    assert "b.yml:3:11:" in run.stderr


def test_a_file_given_must_be_a_pool(cli: RunCoprod) -> None:
    run = cli("pool", "compare", f"{DATA}/network/notes.yaml", f"{DATA}/units/ward-2.yaml")
    assert run.code == 2, run
    assert "'pool_version' is missing" in run.stderr


def test_no_such_pool(cli: RunCoprod) -> None:
    run = cli("pool", "compare", "nowhere", f"{DATA}/units/ward-2.yaml")
    assert run.code == 2, run
    assert "nowhere: no such file or folder" in run.stderr


def test_written_to_a_file(cli: RunCoprod, tmp_path: Path) -> None:
    out = tmp_path / "place.md"
    run = cli("pool", "compare", *CASES["ward-2"], "--format", "markdown", "-o", out)
    assert run.code == 0, run
    assert out.read_text(encoding="utf-8") == (GOLDEN / "ward-2.md").read_text(encoding="utf-8")


# ---- the rules of docs/pool.md, one at a time --------------------------------------------------


def test_percentile_counts_ties_half() -> None:
    assert percentile(50, [10, 20, 50, 50, 90]) == 60  # two below, two equal: (2 + 1) / 5
    assert percentile(50, [60, 70, 80, 90, 95]) == 0
    assert percentile(99, [60, 70, 80, 90, 95]) == 100
    assert percentile(50, [50] * 8) == 50
    assert percentile(15, [10, 20, 30, 40, 50, 60, 70, 80]) == 13  # 12.5 rounds half up


@pytest.fixture(scope="module")
def ward() -> UnitRow:
    path = ROOT / DATA / "units" / "ward-2.yaml"
    return UnitRow.of(score(load_evidence(path, str(path))))


def _like(own: PoolUnit, n: int, **changes: object) -> list[PoolUnit]:
    from dataclasses import replace

    return [replace(own, **changes) for _ in range(n)]  # type: ignore[arg-type]


def test_own_entry_left_out_once(ward: UnitRow) -> None:
    own = entry(ward)
    other = _like(own, 1, assessed_on="2020-01")[0]
    p = place(ward, [own, own, *[other] * SMALLEST_CELL])
    assert p.own_left_out
    assert p.compared == SMALLEST_CELL + 1


def test_fewer_than_five_are_not_compared(ward: UnitRow) -> None:
    own = entry(ward)
    four = _like(own, SMALLEST_CELL - 1, assessed_on="2020-01")
    p = place(ward, [own, *four])
    assert p.suppressed
    assert p.compared == SMALLEST_CELL - 1
    assert p.commonly_met == ()
    assert not place(ward, [*four, *_like(own, 1, assessed_on="2019-01")]).suppressed


def test_other_kinds_and_versions_are_not_compared(ward: UnitRow) -> None:
    own = entry(ward)
    others = _like(own, 5, kind="community") + _like(own, 5, kind=None)
    others += _like(own, 5, framework=PoolFramework(id="rehab-recovery", version="2.0.0"))
    assert place(ward, others).compared == 0


def test_a_level_with_too_few_percents_is_not_compared(ward: UnitRow) -> None:
    own = entry(ward)
    levels = {**own.levels, "3": None}
    p = place(ward, _like(own, 3, assessed_on="2020-01") + _like(own, 3, assessed_on="2020-02", levels=levels))
    assert not p.suppressed
    assert [lv.median is None for lv in p.levels] == [False, False, True]


def regen() -> int:
    from typer.testing import CliRunner

    from coprod_cli.cli.app import app

    os.chdir(ROOT)
    os.environ.update(COLUMNS="100", NO_COLOR="1")
    invoke = CliRunner().invoke
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for name, lang, args in _outputs():
        result = invoke(app, ["pool", "compare", "--lang", lang, *args])
        i18n.choose(None)
        (GOLDEN / name).write_text(result.stdout, encoding="utf-8")
    for case in sorted(INVALID.glob("*.yaml")):
        for lang, suffix in (("en", ".stderr"), ("cy", ".cy.stderr")):
            shown = case.relative_to(ROOT).as_posix()
            result = invoke(app, ["pool", "compare", "--lang", lang, shown, f"{DATA}/units/ward-2.yaml"])
            i18n.choose(None)
            case.with_suffix(suffix).write_text(result.stderr, encoding="utf-8")
    print(f"wrote tests/golden/pool and {REGEN}'s corpus")
    return 0


if __name__ == "__main__":
    sys.exit(regen())


def test_units_without_a_kind_are_compared_with_each_other(cli: RunCoprod, tmp_path: Path) -> None:
    ward = (ROOT / DATA / "units" / "ward-2.yaml").read_text(encoding="utf-8").replace("  kind: open-rehab\n", "")
    for n in range(6):
        (tmp_path / f"w{n}.yaml").write_text(ward.replace('"Ward 2"', f'"Ward {n}"'), encoding="utf-8")
    pool = tmp_path / "pool.out"
    assert cli("pool", "export", tmp_path, "-o", pool).code == 0
    run = cli("pool", "compare", pool, tmp_path / "w0.yaml")
    assert run.code == 0, run
    assert run.stdout.startswith("Compared with 5 other units: units that give no kind, assessed against")


def test_a_level_where_nothing_applies_to_the_unit() -> None:
    from coprod_cli.reports.pool import level_line
    from coprod_cli.rollup.pool import LevelPlace

    line = level_line(LevelPlace(3, "Working in partnership", None, 6, None, 50.0))
    assert line == "Level 3 — Working in partnership: nothing applies to this unit; median 50% of 6 units"
