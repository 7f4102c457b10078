"""``coprod pool export``: an anonymised pool file that names no unit, person, organisation or file.

The export of the examples is compared exactly with ``tests/golden/pool/examples.pool.yaml``;
after an intended change, regenerate it and read the diff::

    python -m tests.pool.test_export
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coprod_cli.cli.framework import schema_text
from tests.cli.service_cli import runner
from tests.conftest import ROOT, RunCoprod

GOLDEN = ROOT / "tests" / "golden" / "pool" / "examples.pool.yaml"
REGEN = "python -m tests.pool.test_export"
WARD = (ROOT / "tests" / "pool" / "data" / "units" / "ward-2.yaml").read_text(encoding="utf-8")


def export(cli: RunCoprod, *paths: Path | str, out: Path) -> str:
    run = cli("pool", "export", *paths, "-o", out)
    assert run.code == 0, run
    return out.read_text(encoding="utf-8")


@pytest.fixture
def cli(pinned_terminal: None) -> RunCoprod:
    return runner()


def test_examples_match_golden(cli: RunCoprod, tmp_path: Path) -> None:
    out = tmp_path / "pool.yaml"
    run = cli("pool", "export", ROOT / "examples", "-o", out)
    assert run.code == 0, run
    assert run.stderr == f"Wrote {out}.\nThe pool holds 5 units.\n"
    assert out.read_text(encoding="utf-8") == GOLDEN.read_text(encoding="utf-8"), f"run: {REGEN}"


def test_golden_holds_what_docs_pool_md_says() -> None:
    data = yaml.safe_load(GOLDEN.read_text(encoding="utf-8"))
    assert data["pool_version"] == 1
    units = data["units"]
    assert sorted(u["kind"] for u in units) == ["community", "locked-rehab", "low-secure", "open-rehab", "step-down"]
    assert {tuple(sorted(u)) for u in units} == {
        ("assessed_on", "attained_level", "enablers", "framework", "kind", "levels", "targets")
    }
    hafod = next(u for u in units if u["kind"] == "open-rehab")
    assert hafod["assessed_on"] == "2026-09"  # the month only
    assert hafod["attained_level"] == 2
    assert hafod["levels"] == {"1": 96.4, "2": 81.3, "3": 50.0}
    assert hafod["framework"] == {"id": "rehab-recovery", "version": "1.0.0"}
    text = GOLDEN.read_text(encoding="utf-8")
    for named in ("Hafod Las", "Example Health Board", "examples/", ".yaml", "rehabilitation for"):
        assert named not in text


def test_export_is_valid_by_its_schema(cli: RunCoprod, tmp_path: Path) -> None:
    schema = json.loads(schema_text("pool"))
    data = yaml.safe_load(GOLDEN.read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    data["units"][0]["assessed_on"] = "2026-09-08"  # a day says more than a pool may
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)
    out = tmp_path / "pool.schema.json"
    assert cli("schema", "pool", "-o", out).code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["title"] == "coprod pool file"


def test_order_says_nothing_of_file_names(cli: RunCoprod, tmp_path: Path) -> None:
    """The same units under other file and folder names give the same bytes."""
    first, second = tmp_path / "a", tmp_path / "b" / "deeper"
    second.mkdir(parents=True)
    first.mkdir()
    for n, example in enumerate(sorted((ROOT / "examples").glob("*.yaml"))):
        (first / example.name).write_bytes(example.read_bytes())
        (second / f"{9 - n}-zz.yml").write_bytes(example.read_bytes())
    assert export(cli, first, out=tmp_path / "1.yaml") == export(cli, tmp_path / "b", out=tmp_path / "2.yaml")


def test_latest_assessment_only(cli: RunCoprod, tmp_path: Path) -> None:
    (tmp_path / "old.yaml").write_text(WARD.replace("2026-02-12", "2025-02-12"), encoding="utf-8")
    (tmp_path / "new.yaml").write_text(WARD, encoding="utf-8")
    text = export(cli, tmp_path, out=tmp_path / "pool.out")
    assert '"2026-02"' in text
    assert '"2025-02"' not in text
    assert text.count("  - kind:") == 1


def test_a_bad_file_writes_nothing(cli: RunCoprod, tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_text(WARD, encoding="utf-8")
    (tmp_path / "bad.yaml").write_text("unit:\n  name: Ward B\nassessed_on: 2026-13-01\n", encoding="utf-8")
    out = tmp_path / "pool.out"
    run = cli("pool", "export", tmp_path, "-o", out)
    assert run.code == 2, run
    assert "bad.yaml:3:14:" in run.stderr
    assert not out.exists()


def test_nothing_to_export(cli: RunCoprod, tmp_path: Path) -> None:
    run = cli("pool", "export", tmp_path, "-o", tmp_path / "pool.out")
    assert run.code == 2, run
    assert "no evidence files found in" in run.stderr


def test_never_writes_over_an_evidence_file(cli: RunCoprod, tmp_path: Path) -> None:
    unit = tmp_path / "unit.yaml"
    unit.write_text(WARD, encoding="utf-8")
    other = tmp_path / "other.yaml"
    other.write_text(WARD, encoding="utf-8")
    run = cli("pool", "export", unit, "-o", other)
    assert run.code == 2, run
    assert other.read_text(encoding="utf-8") == WARD
    again = tmp_path / "pool.out"
    export(cli, unit, out=again)
    export(cli, unit, out=again)  # coprod's own file is replaced without --force


# ---- nothing in it names a unit or a person -----------------------------------------------

_WORDS = st.text(
    alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZŵŷâêôÿ .,'&()-"),
    min_size=4,
    max_size=30,
).filter(lambda s: s.strip() == s and len(s.strip(" .,'&()-")) >= 4)


def _hostile(ward: str, names: dict[str, str]) -> str:
    """The test ward with every name, organisation, service and free text replaced."""
    out = ward.replace('"Ward 2"', json.dumps(names["unit"]))
    out = out.replace('"Example Health Board"', json.dumps(names["organisation"]))
    out = out.replace('"Open rehabilitation for men and women (18 beds)"', json.dumps(names["service"]))
    out = out.replace(
        '"Weekly residents\' meeting, chaired in turn by residents; minutes on the notice board"',
        json.dumps(names["evidence"]),
    )
    return out.replace('"Rhian (peer worker)"', json.dumps(names["assessor"]))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    names=st.fixed_dictionaries(dict.fromkeys(("unit", "organisation", "service", "evidence", "assessor"), _WORDS)),
    file_name=st.from_regex(r"[a-z][a-z0-9-]{5,20}", fullmatch=True),
)
def test_no_field_identifies_a_unit_or_a_person(
    cli: RunCoprod, tmp_path_factory: pytest.TempPathFactory, names: dict[str, str], file_name: str
) -> None:
    folder = tmp_path_factory.mktemp("units")
    plain = folder / "plain"
    hostile = folder / "hostile"
    plain.mkdir()
    hostile.mkdir()
    (plain / "ward.yaml").write_text(WARD, encoding="utf-8")
    written = _hostile(WARD, names)
    assert all(json.dumps(value) in written for value in names.values())  # each name is in the unit's file
    (hostile / f"{file_name}.yaml").write_text(written, encoding="utf-8")
    mine = export(cli, hostile, out=folder / "hostile.pool")
    # The same export as the test ward's: nothing of the names or the file's name reaches it ...
    assert mine == export(cli, plain, out=folder / "plain.pool")
    # ... and nothing of the test ward's own names either. (A generated name is not looked for as
    # such: four letters of it may well be part of a target id, "sugg" of L1.suggestion-boxes.)
    for value in (
        "Ward 2",
        "Example Health Board",
        "Open rehabilitation",
        "Weekly residents",
        "Rhian",
        "ward",
        str(folder),
    ):
        assert value not in mine


def regen() -> int:
    import os

    from typer.testing import CliRunner

    from coprod_cli.cli.app import app

    os.chdir(ROOT)
    GOLDEN.parent.mkdir(parents=True, exist_ok=True)
    result = CliRunner().invoke(app, ["pool", "export", "examples", "-o", str(GOLDEN)])
    print(result.stderr, end="")
    return result.exit_code


if __name__ == "__main__":
    sys.exit(regen())
