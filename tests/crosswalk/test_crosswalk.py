"""Crosswalks (docs/crosswalks.md), through the real command line.

- ``coprod framework check`` on a crosswalk: cases are discovered, ``tests/data/crosswalk/<case>.yaml``
  prints exactly ``<case>.stderr`` (and ``<case>.cy.stderr`` with ``--lang cy``); a case whose
  expected output has no error line passes (exit 0) with its warnings. The shipped crosswalks pass.
- Goldens of the report against a crosswalk (markdown in English and Welsh, HTML), of the
  ``crosswalk`` object ``assess --format json`` adds and of ``summary --crosswalk``, under
  ``tests/golden/crosswalk/``; regenerate them with ``python -m tests.crosswalk.test_crosswalk``.
- The roll-up's arithmetic, checked by hand, and the mistakes a user can make.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT, RunCoprod

CORPUS = ROOT / "tests" / "data" / "crosswalk"
CASES = sorted(p.stem for p in CORPUS.glob("*.yaml"))
SHIPPED = sorted(p.stem for p in (ROOT / "frameworks" / "crosswalks").glob("*.yaml"))
GOLDEN = ROOT / "tests" / "golden" / "crosswalk"
REGEN = "python -m tests.crosswalk.test_crosswalk"
UNIT = "examples/open-rehab-unit.yaml"
GOLDENS: dict[str, tuple[str, ...]] = {
    "open-rehab-unit.sswb-act.md": ("report", UNIT, "--crosswalk", "sswb-act"),
    "open-rehab-unit.sswb-act.cy.md": ("report", UNIT, "--crosswalk", "sswb-act", "--lang", "cy"),
    "open-rehab-unit.imroc-10.html": ("report", UNIT, "--crosswalk", "imroc-10", "--format", "html"),
    "open-rehab-unit.sswb-act.easy-read.md": ("report", UNIT, "--crosswalk", "sswb-act", "--style", "easy-read"),
    "open-rehab-unit.sswb-act.easy-read.cy.md": (
        *("report", UNIT, "--crosswalk", "sswb-act", "--style", "easy-read", "--lang", "cy"),
    ),
    "open-rehab-unit.tlap-ladder.easy-read.html": (
        *("report", UNIT, "--crosswalk", "tlap-ladder", "--style", "easy-read", "--format", "html"),
    ),
    "examples.nsun-4pi.md": ("summary", "examples", "--crosswalk", "nsun-4pi", "--format", "markdown"),
    "examples.nsun-4pi.cy.md": (
        "summary",
        "examples",
        "--crosswalk",
        "nsun-4pi",
        "--format",
        "markdown",
        "--lang",
        "cy",
    ),
    "examples.nsun-4pi.txt": ("summary", "examples", "--crosswalk", "nsun-4pi"),
    "examples.tlap-ladder.json": ("summary", "examples", "--crosswalk", "tlap-ladder", "--format", "json"),
    "examples.tlap-ladder.html": ("summary", "examples", "--crosswalk", "tlap-ladder", "--format", "html"),
}
JSON_GOLDEN = "open-rehab-unit.tlap-ladder.assess.json"
JSON_ARGS = ("assess", UNIT, "--format", "json", "--crosswalk", "tlap-ladder")


@pytest.fixture(autouse=True)
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


# ---- framework check ------------------------------------------------------------------


def test_cases_are_paired() -> None:
    assert len(CASES) >= 4
    for case in CASES:
        assert (CORPUS / f"{case}.stderr").is_file(), case
        assert (CORPUS / f"{case}.cy.stderr").is_file(), case


@pytest.mark.parametrize("lang", ["en", "cy"])
@pytest.mark.parametrize("case", CASES)
def test_case_is_reported_exactly(coprod: RunCoprod, case: str, lang: str) -> None:
    suffix = ".cy.stderr" if lang == "cy" else ".stderr"
    expected = (CORPUS / f"{case}{suffix}").read_text(encoding="utf-8")
    run = coprod("framework", "check", f"tests/data/crosswalk/{case}.yaml", "--lang", lang)
    failing = "problem" in expected.splitlines()[-1] or "broblem" in expected.splitlines()[-1]
    assert run.code == (2 if failing else 0), run
    assert run.stdout == ""
    assert run.stderr == expected, f"{run.stderr}\n--- expected ({case}{suffix}); run: {REGEN}"


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_crosswalks_pass_without_warnings(coprod: RunCoprod, name: str) -> None:
    run = coprod("framework", "check", f"frameworks/crosswalks/{name}.yaml")
    assert run.code == 0, run
    assert (
        run.stderr
        == f"frameworks/crosswalks/{name}.yaml: crosswalk {name} for rehab-recovery 1.0.0 passes every check\n"
    )


def test_a_missing_file_is_reported_as_for_a_framework(coprod: RunCoprod) -> None:
    run = coprod("framework", "check", "tests/data/crosswalk/no-such-file.yaml")
    assert run.code == 2
    assert run.stderr.startswith("tests/data/crosswalk/no-such-file.yaml: "), run.stderr


def test_the_four_frameworks_are_shipped() -> None:
    assert SHIPPED == ["imroc-10", "nsun-4pi", "sswb-act", "tlap-ladder"]


def test_a_framework_and_a_crosswalk_are_checked_together(coprod: RunCoprod) -> None:
    run = coprod("framework", "check", "frameworks/rehab-recovery.yaml", "tests/data/crosswalk/unknown-ids.yaml")
    assert run.code == 2
    assert "frameworks/rehab-recovery.yaml: framework rehab-recovery 1.0.0 passes every check" in run.stderr
    assert "coprod: 7 problems in tests/data/crosswalk/unknown-ids.yaml." in run.stderr


# ---- goldens --------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(GOLDENS))
def test_golden(coprod: RunCoprod, name: str) -> None:
    run = coprod(*GOLDENS[name])
    assert run.code == 0, run
    assert run.stdout == (GOLDEN / name).read_text(encoding="utf-8"), f"{name} differs; run: {REGEN}"


def test_assess_json_adds_the_crosswalk_object(coprod: RunCoprod) -> None:
    run = coprod(*JSON_ARGS)
    assert run.code in (0, 1), run
    found = json.loads(run.stdout)["crosswalk"]
    assert found == json.loads((GOLDEN / JSON_GOLDEN).read_text(encoding="utf-8")), f"run: {REGEN}"


def test_the_summary_json_holds_each_units_crosswalk_object(coprod: RunCoprod) -> None:
    summary = json.loads(coprod("summary", "examples", "--crosswalk", "tlap-ladder", "--format", "json").stdout)
    one = json.loads(coprod(*JSON_ARGS).stdout)["crosswalk"]
    unit = next(u for u in summary["units"] if u["file"] == UNIT)
    assert unit["crosswalk"] == one


# ---- the arithmetic ---------------------------------------------------------------------

FRAMEWORK = ROOT / "tests" / "golden" / "rounding-framework.yaml"
EVIDENCE = """\
unit: {{name: Sums Ward}}
assessed_on: 2026-03-03
framework: {framework}
assessors:
  - {{name: "Q. R.", role: service-user}}
targets:
  A.1: {{status: met, evidence: [{{description: "a1"}}]}}
  A.2: {{status: partial}}
  A.3: {{status: not-met}}
  A.4: {{status: not-applicable, justification: "No such room here"}}
  B.1: {{status: partial}}
"""
CROSSWALK = """\
crosswalk: sums
title: Sums
source: Made for this test
framework: rounding-test
framework_version: "{version}"
items:
  - id: mixed
    title: Every status once
    targets: [A.1, A.2, A.3, A.4, A.5]
  - id: one-partial-of-eight
    title: One partial of eight
    targets: [B.1, B.2, B.3, B.4, B.5, B.6, B.7, B.8, B.1]
  - id: nothing-applies
    title: Only what does not apply
    targets: [A.4]
"""


def _files(tmp_path: Path, version: str = "0.1.0") -> tuple[Path, Path]:
    unit = tmp_path / "unit.yaml"
    unit.write_text(EVIDENCE.format(framework=FRAMEWORK.as_posix()), encoding="utf-8")
    walk = tmp_path / "sums.yaml"
    walk.write_text(CROSSWALK.format(version=version), encoding="utf-8")
    return unit, walk


def test_the_rollup_is_the_scoring_rules_arithmetic(coprod: RunCoprod, tmp_path: Path) -> None:
    unit, walk = _files(tmp_path)
    run = coprod("assess", unit, "--format", "json", "--crosswalk", walk)
    assert run.stderr == ""
    items = {i["id"]: i for i in json.loads(run.stdout)["crosswalk"]["items"]}
    mixed = items["mixed"]
    # met 1 + partial 0.5 + not-met 0 + not-assessed 0 = 1.5 of 4 (not-applicable left out) = 37.5%
    assert (mixed["score"], mixed["applicable"], mixed["percent"]) == (1.5, 4, 37.5)
    assert mixed["counts"] == {"met": 1, "partial": 1, "not-met": 1, "not-applicable": 1, "not-assessed": 1}
    assert mixed["gaps"] == ["A.2", "A.3", "A.5"]
    # B.1 listed twice counts once: 0.5 of 8 = 6.25% → 6.3% (halves away from zero)
    eighth = items["one-partial-of-eight"]
    assert (eighth["score"], eighth["applicable"], eighth["percent"]) == (0.5, 8, 6.3)
    assert items["nothing-applies"]["percent"] is None
    overall = json.loads(run.stdout)["crosswalk"]["overall"]
    assert (overall["score"], overall["applicable"]) == (2.0, 12)


def test_another_version_is_a_warning_naming_both(coprod: RunCoprod, tmp_path: Path) -> None:
    unit, walk = _files(tmp_path, version="0.0.9")
    run = coprod("report", unit, "--crosswalk", walk)
    assert run.code == 0, run
    assert run.stderr == (
        f"{walk}:5:20: warning: crosswalk 'sums' was written for rounding-test 0.0.9, and this is rounding-test "
        "0.1.0; check its items still fit ('coprod framework diff' shows what changed), then update "
        "'framework_version'\n"
    )
    assert "This crosswalk was written for rounding-test 0.0.9; the unit was assessed against 0.1.0." in run.stdout


def test_another_framework_is_an_error_at_its_line(coprod: RunCoprod, tmp_path: Path) -> None:
    unit, _ = _files(tmp_path)
    run = coprod("report", unit, "--crosswalk", "sswb-act")
    assert run.code == 2
    assert run.stderr.startswith(
        "frameworks/crosswalks/sswb-act.yaml:12:12: crosswalk 'sswb-act' maps the framework 'rehab-recovery', "
        "but this unit is assessed against 'rounding-test'; use a crosswalk written for 'rounding-test'\n"
    ), run.stderr


TAILORED = """\
id: our-ward
version: "2.0.0"
title: Our ward's model
extends: rehab-recovery
remove: [L1.suggestion-boxes]
"""


def test_a_tailored_framework_uses_the_crosswalks_of_the_one_it_extends(coprod: RunCoprod, tmp_path: Path) -> None:
    (tmp_path / "our-ward.yaml").write_text(TAILORED, encoding="utf-8")
    unit = tmp_path / "unit.yaml"
    text = (ROOT / UNIT).read_text(encoding="utf-8").replace("framework: rehab-recovery", "framework: our-ward.yaml")
    unit.write_text(re.sub(r"  L1\.suggestion-boxes:\n(?:    .*\n)*", "", text), encoding="utf-8")
    assert "framework: our-ward.yaml" in unit.read_text(encoding="utf-8")
    run = coprod("report", unit, "--crosswalk", "sswb-act")
    assert run.code == 0, run
    assert "(rehab-recovery 1.0.0)" in run.stdout  # the version of the framework it extends
    assert "Not in the unit's framework, so left out: L1.suggestion-boxes." in run.stdout
    found = json.loads(coprod("assess", unit, "--format", "json", "--crosswalk", "sswb-act").stdout)["crosswalk"]
    voice = found["items"][0]
    assert voice["missing"] == ["L1.suggestion-boxes"]
    assert "L1.suggestion-boxes" not in [t["id"] for t in voice["targets"]]


def test_a_summary_leaves_out_units_on_another_framework(coprod: RunCoprod, tmp_path: Path) -> None:
    other, _ = _files(tmp_path)
    (tmp_path / "ours.yaml").write_text((ROOT / UNIT).read_text(encoding="utf-8"), encoding="utf-8")
    run = coprod("summary", tmp_path, "--crosswalk", "sswb-act")
    assert run.code == 0, run
    assert run.stdout.endswith(f"{other}: left out, as it is not assessed against rehab-recovery\n"), run.stdout
    listed = json.loads(coprod("summary", tmp_path, "--crosswalk", "sswb-act", "--format", "json").stdout)
    assert listed["left_out"] == [str(other)]
    assert [u["unit"] for u in listed["units"]] == ["Hafod Las Open Rehabilitation Unit"]


def test_a_summary_with_no_unit_on_its_framework_is_an_error(coprod: RunCoprod, tmp_path: Path) -> None:
    _files(tmp_path)
    (tmp_path / "sums.yaml").unlink()
    run = coprod("summary", tmp_path, "--crosswalk", "sswb-act")
    assert run.code == 2
    assert "crosswalk 'sswb-act' maps the framework 'rehab-recovery'" in run.stderr


# ---- mistakes ---------------------------------------------------------------------------


def test_an_unknown_name_gets_a_did_you_mean(coprod: RunCoprod) -> None:
    run = coprod("report", UNIT, "--crosswalk", "sswb")
    assert run.code == 2
    assert run.stderr.startswith("--crosswalk: unknown crosswalk 'sswb'"), run.stderr
    assert "available: imroc-10, nsun-4pi, sswb-act, tlap-ladder" in run.stderr.lower()


def test_a_missing_path(coprod: RunCoprod) -> None:
    run = coprod("summary", "examples", "--crosswalk", "no/such.yaml")
    assert run.code == 2
    assert run.stderr.startswith("--crosswalk: crosswalk file 'no/such.yaml' was not found"), run.stderr


def test_an_evidence_file_is_not_a_crosswalk(coprod: RunCoprod) -> None:
    run = coprod("report", UNIT, "--crosswalk", UNIT)
    assert run.code == 2
    assert run.stderr.startswith(f"{UNIT}:1:1: is not a crosswalk file"), run.stderr


@pytest.mark.parametrize("command", ["validate", "assess", "report"])
def test_a_crosswalk_is_not_an_evidence_file(coprod: RunCoprod, command: str) -> None:
    run = coprod(command, "frameworks/crosswalks/sswb-act.yaml")
    assert run.code == 2
    assert run.stderr.startswith(
        "frameworks/crosswalks/sswb-act.yaml:1:1: is a crosswalk file, not a unit's evidence file; "
        "check it with 'coprod framework check'\n"
    ), run.stderr


def test_a_bad_crosswalk_is_refused_at_its_place(coprod: RunCoprod) -> None:
    run = coprod("assess", UNIT, "--format", "json", "--crosswalk", "tests/data/crosswalk/schema-error.yaml")
    assert run.code == 2
    assert "tests/data/crosswalk/schema-error.yaml:3:1: unknown key 'sourse' — did you mean 'source'?" in run.stderr


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("--baseline", UNIT), "it does not take --baseline or --since"),
        (("--since", "HEAD"), "it does not take --baseline or --since"),
        (("--style", "poster"), "choose --style standard or easy-read for it"),
        (("--format", "csv"), "--crosswalk is for the md and html reports, not a CSV table"),
    ],
    ids=["baseline", "since", "poster", "csv"],
)
def test_report_options_that_do_not_go_with_a_crosswalk(
    coprod: RunCoprod, extra: tuple[str, str], message: str
) -> None:
    run = coprod("report", UNIT, "--crosswalk", "sswb-act", *extra)
    assert run.code == 2
    assert message in run.stderr, run
    assert run.stdout == ""


def test_assess_text_points_to_json_or_report(coprod: RunCoprod) -> None:
    run = coprod("assess", UNIT, "--crosswalk", "sswb-act")
    assert run.code == 2
    assert "give --format json, or use 'coprod report --crosswalk'" in run.stderr


def test_report_to_a_file(coprod: RunCoprod, tmp_path: Path) -> None:
    out = tmp_path / "board.html"
    run = coprod("report", UNIT, "--crosswalk", "sswb-act", "-o", out)
    assert run.code == 0, run
    assert (
        out.read_text(encoding="utf-8") == coprod("report", UNIT, "--crosswalk", "sswb-act", "--format", "html").stdout
    )


def test_easy_read_says_when_nothing_applies(coprod: RunCoprod, tmp_path: Path) -> None:
    unit, walk = _files(tmp_path)
    run = coprod("report", unit, "--crosswalk", walk, "--style", "easy-read")
    assert run.code == 0, run
    assert "## Only what does not apply\n\nNone of this part applies to us.\n" in run.stdout
    assert "We do 1 of 4 things for this part.\n\nStill to do:\n\n- Target A2\n- Target A3\n- Target A5\n" in run.stdout


def test_a_bilingual_report_says_each_item_in_both_languages(coprod: RunCoprod) -> None:
    run = coprod("report", UNIT, "--crosswalk", "sswb-act", "--lang", "cy+en")
    assert run.code == 0, run
    for words in ("Llais a rheolaeth", "Voice and control", "Trosolwg", "Overview"):
        assert words in run.stdout, words
    assert run.stderr == ""


def test_a_template_of_your_own(coprod: RunCoprod, tmp_path: Path) -> None:
    (tmp_path / "crosswalk.md.j2").write_text(
        "{% for item in c.items %}{{ item.id }} {{ item.rollup.percent | percent }}\n{% endfor %}", encoding="utf-8"
    )
    run = coprod("report", UNIT, "--crosswalk", "nsun-4pi", "--template", tmp_path)
    assert run.code == 0, run
    assert run.stdout == "principles 100%\npurpose 75%\npresence 64.3%\nprocess 89.3%\nimpact 66.7%\n"


def test_the_schema_of_a_crosswalk_accepts_the_shipped_ones(coprod: RunCoprod) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    schema = json.loads(coprod("schema", "crosswalk").stdout)
    assert schema["$id"].endswith("crosswalk.json")
    for name in SHIPPED:
        data = yaml.safe_load((ROOT / "frameworks" / "crosswalks" / f"{name}.yaml").read_text(encoding="utf-8"))
        jsonschema.validate(data, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(
            {
                "crosswalk": "x",
                "title": "t",
                "source": "s",
                "framework": "f",
                "framework_version": "1",
                "items": [{"id": "a", "title": "b", "text": "guidance"}],
            },
            schema,
        )


def test_the_result_schema_describes_the_crosswalk_object(coprod: RunCoprod) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(coprod("schema", "result").stdout)
    assert "crosswalk" not in schema["required"]
    result = json.loads(coprod(*JSON_ARGS).stdout)
    jsonschema.validate(result, schema)
    result["crosswalk"]["items"][0]["percent"] = 101
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(result, schema)


def test_the_welsh_goldens_have_no_english_of_ours_left() -> None:
    from babel.messages.pofile import read_po

    with (ROOT / "src" / "coprod_cli" / "locale" / "cy" / "LC_MESSAGES" / "coprod.po").open("rb") as f:
        catalog = read_po(f)
    ours = ("templates/crosswalk", "src/coprod_cli/reports/crosswalk.py")
    pieces = {
        piece.strip()
        for m in catalog
        if m.id and any(file.startswith(ours) for file, _ in m.locations)
        for message in (m.id if isinstance(m.id, tuple) else (m.id,))
        for piece in re.split(r"\{[a-z_]+\}", message)
        if len(piece.split()) >= 3
    }
    assert len(pieces) > 10
    for golden in sorted(GOLDEN.glob("*.cy.*")):
        text = " ".join(golden.read_text(encoding="utf-8").split())
        left = sorted(p for p in pieces if p in text)
        assert not left, f"{golden.name} still says in English: {left}"


# ---- regenerating -------------------------------------------------------------------------


def regenerate() -> None:
    """Rewrite every golden and expected message of this module from the current code."""
    from typer.testing import CliRunner

    from coprod_cli.cli.app import app

    os.environ.update(COLUMNS="100", NO_COLOR="1")
    os.chdir(ROOT)
    runner = CliRunner()

    def run(*args: str) -> tuple[str, str]:
        result = runner.invoke(app, list(args), catch_exceptions=False)
        return result.stdout, result.stderr

    GOLDEN.mkdir(parents=True, exist_ok=True)
    for name, args in GOLDENS.items():
        (GOLDEN / name).write_text(run(*args)[0], encoding="utf-8")
    found = json.loads(run(*JSON_ARGS)[0])["crosswalk"]
    (GOLDEN / JSON_GOLDEN).write_text(json.dumps(found, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    for case in CASES:
        for lang, suffix in (("en", ".stderr"), ("cy", ".cy.stderr")):
            stderr = run("framework", "check", f"tests/data/crosswalk/{case}.yaml", "--lang", lang)[1]
            (CORPUS / f"{case}{suffix}").write_text(stderr, encoding="utf-8")


if __name__ == "__main__":
    regenerate()
