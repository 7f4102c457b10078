"""The real command, for every exit code of docs/exit-codes.md and every command of the README's 'Commands'."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import import_module
from pathlib import Path

import pytest
import typer

from coprod_cli.cli.exits import finish
from coprod_cli.scoring import score as scoring
from coprod_cli.scoring.check import builtin_frameworks, load_framework
from tests.conftest import ROOT, RunCoprod

FULL = """\
unit:
  name: "Ward [/b] <b>| A"
  service: Open rehabilitation
assessed_on: 2026-10-14
assessors:
  - {name: "A. B.", role: service-user}
  - {name: "C. D.", role: staff}
  - {name: "E. F.", role: staff}
targets:
  L1.own-care-plans:
    status: met
    evidence:
      - {description: "Care plans written by residents", date: 2026-03-01}
"""


def all_level1_met(tmp_path: Path, *, evidence: bool = True) -> Path:
    fw = load_framework(builtin_frameworks()["rehab-recovery"], "rehab-recovery").model
    lines = ["unit: {name: Cefn}", "assessed_on: 2026-10-14", "assessors:", "  - {name: R, role: carer}", "targets:"]
    for target in fw.levels[0].targets:
        proof = ', evidence: [{description: "minutes", date: 2026-09-01}]' if evidence else ""
        lines.append(f"  {target.id}: {{status: met{proof}}}")
    path = tmp_path / "unit.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def unit(tmp_path: Path) -> Path:
    path = tmp_path / "unit.yaml"
    path.write_text(FULL, encoding="utf-8")
    return path


def test_assess_prints_a_summary_and_never_reads_markup(coprod: RunCoprod, unit: Path) -> None:
    run = coprod("assess", unit)
    assert run.code == 0, run
    lines = run.stdout.splitlines()
    assert lines[0] == "Ward [/b] <b>| A — Open rehabilitation", run
    assert "Ward [/b] <b>| A has not yet reached Level 1 — Laying the foundations." in lines, run
    assert any(line.startswith("1. Laying the foundations") and "7.1%" in line for line in lines), run
    assert "Who took part: service users 1, staff 2" in run.stdout, run


def test_assess_json_follows_the_contract(coprod: RunCoprod, unit: Path) -> None:
    run = coprod("assess", unit, "--format", "json")
    assert run.code == 0, run
    data = json.loads(run.stdout)
    assert data["schema_version"] == 1
    assert data["unit"] == {
        "name": "Ward [/b] <b>| A",
        "service": "Open rehabilitation",
        "organisation": None,
        "kind": None,
    }
    assert data["framework"]["id"] == "rehab-recovery"
    assert data["framework"]["version"] == "1.0.0"
    assert len(data["framework"]["sha256"]) == 64
    assert data["assessed_on"] == "2026-10-14"
    assert data["attained_level"] == 0
    level1 = data["levels"][0]
    assert level1 == {
        "number": 1,
        "title": "Laying the foundations",
        "percent": 7.1,
        "threshold": 80,
        "achieved": False,
        "counts": {"met": 1, "partial": 0, "not-met": 0, "not-applicable": 0, "not-assessed": 13},
        "required_unmet": [],
        "sign_off_required": [],
        "signed_off": [],
        "sign_off_missing": False,
        "awaiting_sign_off": False,
    }
    assert [e["id"] for e in data["enablers"]] == ["E.guiding-principles", "E.payment-policy", "E.training-programme"]
    assert data["gaps"][0] == {
        "id": "L1.community-meetings",
        "level": 1,
        "status": "not-assessed",
        "text": "Regular meetings for service users as a group (e.g. community / mutual help meetings)",
    }
    assert len(data["gaps"]) == 30
    assert data["assessors"] == {"service-user": 1, "carer": 0, "staff": 2, "third-sector": 0, "manager": 0}
    assert data["warnings"] == []


def test_warning_in_json_names_code_target_and_line(coprod: RunCoprod, tmp_path: Path) -> None:
    path = all_level1_met(tmp_path, evidence=False)
    data = json.loads(coprod("assess", path, "--format", "json").stdout)
    first = data["warnings"][0]
    assert first["code"] == "claimed-without-evidence"
    assert first["target"] == "L1.own-care-plans"
    assert first["line"] == 6
    assert len(data["warnings"]) == 14


def test_fail_under(coprod: RunCoprod, tmp_path: Path) -> None:
    path = all_level1_met(tmp_path)
    assert coprod("assess", path, "--fail-under", "1").code == 0
    below = coprod("assess", path, "--fail-under", "2")
    assert below.code == 1, below
    assert coprod("report", path, "--fail-under", "2").code == 1
    too_high = coprod("assess", path, "--fail-under", "4")
    assert too_high.code == 2
    assert "coprod: --fail-under 4 is above the framework's top level (3); use 0 to 3" in too_high.stderr


def test_strict_turns_warnings_into_errors(coprod: RunCoprod, tmp_path: Path) -> None:
    path = all_level1_met(tmp_path, evidence=False)
    assert coprod("assess", path).code == 0
    strict = coprod("assess", path, "--strict")
    assert strict.code == 2, strict
    assert strict.stdout == ""
    assert (
        f"{path}:6:31: 'L1.own-care-plans' is marked met but has no evidence (claimed without evidence); "
        "add an 'evidence:' entry saying what shows it"
    ) in strict.stderr.splitlines()
    assert strict.stderr.splitlines()[-1] == f"coprod: 14 problems in {path}. Fix them and run the command again."


def test_missing_file_exits_2(coprod: RunCoprod, tmp_path: Path) -> None:
    run = coprod("assess", tmp_path / "nope.yaml")
    assert run.code == 2
    assert run.stderr.splitlines()[0] == f"{tmp_path / 'nope.yaml'}: file not found; check the name and folder"


def test_usage_error_exits_2(coprod: RunCoprod, unit: Path) -> None:
    run = coprod("assess", unit, "--format", "xml")
    assert run.code == 2
    assert "xml" in run.stderr


def test_internal_error_is_one_line_exit_70(coprod: RunCoprod, unit: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(_: object) -> None:
        raise ZeroDivisionError("secret patient text")

    monkeypatch.setattr(scoring, "score", broken)
    run = coprod("assess", unit)
    assert run.code == 70
    assert run.stderr == (
        "coprod: internal error (ZeroDivisionError); this is a bug in coprod, not in your files. "
        "Run again with --debug for details and report it.\n"
    )
    debug = coprod("--debug", "assess", unit)
    assert debug.code == 70
    assert "Traceback (most recent call last)" in debug.stderr


def test_ctrl_c_exits_130_without_traceback(coprod: RunCoprod, unit: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(scoring, "score", interrupted)
    run = coprod("report", unit, "-o", unit.parent / "out.md")
    assert run.code == 130
    assert run.stderr == "coprod: interrupted; nothing was written.\n"
    assert not (unit.parent / "out.md").exists()


def test_framework_option_overrides_and_is_relative_to_cwd(
    coprod: RunCoprod, unit: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    run = coprod("assess", unit, "--framework", "rehab-recovry")
    assert run.code == 2
    assert run.stderr.splitlines()[0] == (
        "--framework: unknown framework 'rehab-recovry' — did you mean 'rehab-recovery'? "
        "Available: rehab-recovery, or give a path to a framework file "
        "(or the folder holding it with --frameworks-dir or $COPROD_FRAMEWORKS)"
    )
    missing = coprod("assess", unit, "--framework", "./nowhere.yaml")
    assert missing.code == 2
    assert missing.stderr.splitlines()[0] == (
        "--framework: framework file './nowhere.yaml' was not found; a path here is relative to the current folder"
    )


def test_report_to_stdout_and_file(coprod: RunCoprod, unit: Path) -> None:
    run = coprod("report", unit)
    assert run.code == 0, run
    assert run.stdout.startswith("<!-- generated by coprod from ")
    assert "# Co-production gap report: Ward \\[/b\\] &lt;b>\\| A" in run.stdout
    out = unit.parent / "gap.md"
    written = coprod("report", unit, "-o", out)
    assert written.code == 0, written
    assert out.read_text(encoding="utf-8") == run.stdout
    assert written.stderr == f"Wrote {out}.\n"


def test_report_with_own_template(coprod: RunCoprod, unit: Path, tmp_path: Path) -> None:
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "report.md.j2").write_text("{{ r.unit_name }} at {{ r.attained_level }}\n", encoding="utf-8")
    run = coprod("report", unit, "--template", folder)
    assert run.code == 0, run
    assert run.stdout == "Ward \\[/b\\] &lt;b>\\| A at 0\n"
    empty = tmp_path / "empty"
    empty.mkdir()
    missing = coprod("report", unit, "--template", empty)
    assert missing.code == 2
    assert "no 'report.md.j2' in this template folder" in missing.stderr


def test_report_template_mistakes_are_usage_errors(coprod: RunCoprod, unit: Path, tmp_path: Path) -> None:
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "report.md.j2").write_text("{{ r.no_such_field }}\n", encoding="utf-8")
    run = coprod("report", unit, "--template", folder)
    assert run.code == 2
    assert "template error" in run.stderr
    (folder / "report.md.j2").write_text("{% if %}\n", encoding="utf-8")
    assert coprod("report", unit, "--template", folder).code == 2


def test_init_writes_a_valid_file_with_every_target(coprod: RunCoprod, tmp_path: Path) -> None:
    path = tmp_path / "new.yaml"
    run = coprod(
        "init", path, "--unit", 'Tŷ "Derwen" #1', "--service", "Step-down house", "--assessed-on", "2026-11-01"
    )
    assert run.code == 0, run
    text = path.read_text(encoding="utf-8")
    assert '  name: "Tŷ \\"Derwen\\" #1"' in text
    assert "  # Buddy system for all new service users\n  L1.buddy-system:\n    status: not-assessed\n" in text
    assert text.count("status: not-assessed") == 31 + 3
    assessed = coprod("assess", path, "--format", "json")
    assert assessed.code == 0, assessed
    data = json.loads(assessed.stdout)
    assert data["unit"]["name"] == 'Tŷ "Derwen" #1'
    assert data["assessed_on"] == "2026-11-01"
    assert data["warnings"] == []
    assert coprod("validate", path).code == 0


def test_init_never_overwrites(coprod: RunCoprod, unit: Path) -> None:
    before = unit.read_bytes()
    run = coprod("init", unit, "--unit", "Other")
    assert run.code == 2
    assert "already exists; coprod init never overwrites" in run.stderr
    assert unit.read_bytes() == before


def test_init_rejects_a_bad_date_and_empty_name(coprod: RunCoprod, tmp_path: Path) -> None:
    bad = coprod("init", tmp_path / "a.yaml", "--unit", "W", "--assessed-on", "14/10/2026")
    assert bad.code == 2
    assert "'14/10/2026' is not a date in the form YYYY-MM-DD" in bad.stderr
    # The same rule as dates in the file: ISO week dates and compact forms are refused too.
    for text, why in [
        ("2026-W42-3", "is not a date in the form YYYY-MM-DD"),
        ("20261014", "is not a date in the form YYYY-MM-DD"),
        ("2026-02-30", "is not a real date: February 2026 has 28 days"),
    ]:
        run = coprod("init", tmp_path / "a.yaml", "--unit", "W", "--assessed-on", text)
        assert run.code == 2, run
        assert f"--assessed-on: '{text}' {why}" in run.stderr, run
    assert coprod("init", tmp_path / "a.yaml", "--unit", "  ").code == 2
    assert not (tmp_path / "a.yaml").exists()


def test_init_with_a_framework_path_writes_it_relative_to_the_file(
    coprod: RunCoprod, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "fw").mkdir()
    (tmp_path / "units").mkdir()
    fw = tmp_path / "fw" / "mini.yaml"
    fw.write_text(
        'id: mini\nversion: "1.0.0"\ntitle: Mini\nlevels:\n  - number: 1\n    title: One\n'
        "    targets:\n      - {id: A.a, text: Alpha}\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    run = coprod("init", "units/w.yaml", "--unit", "W", "--framework", "fw/mini.yaml")
    assert run.code == 0, run
    assert 'framework: "../fw/mini.yaml"' in (tmp_path / "units" / "w.yaml").read_text(encoding="utf-8")
    assert coprod("assess", "units/w.yaml").code == 0


def test_validate_lists_problems_of_every_file(coprod: RunCoprod, unit: Path, tmp_path: Path) -> None:
    bad1 = tmp_path / "bad1.yaml"
    bad1.write_text("unit: {name: W}\nassessed_on: 2026-02-30\n", encoding="utf-8")
    bad2 = tmp_path / "bad2.yaml"
    bad2.write_text("unit: {name: W}\nassessed_on: 2026-01-01\ntargets:\n  L1.buddy-sytem: {status: met}\n")
    run = coprod("validate", unit, bad1, bad2)
    assert run.code == 2
    assert run.stderr.splitlines() == [
        f"{unit}: valid evidence file",
        f"{bad1}:2:14: '2026-02-30' is not a real date: February 2026 has 28 days",
        f"{bad2}:4:3: unknown target 'L1.buddy-sytem' — did you mean 'L1.buddy-system'?",
        f"coprod: 2 problems in {bad1}, {bad2}. Fix them and run the command again.",
    ]


def test_validate_detects_a_framework_file(coprod: RunCoprod) -> None:
    run = coprod("validate", builtin_frameworks()["rehab-recovery"])
    assert run.code == 0, run
    assert run.stderr.endswith(": valid framework file\n")


def test_assess_refuses_a_framework_file(coprod: RunCoprod) -> None:
    path = builtin_frameworks()["rehab-recovery"]
    run = coprod("assess", path)
    assert run.code == 2
    assert "is a framework file, not a unit's evidence file" in run.stderr


def test_framework_list_and_show(coprod: RunCoprod) -> None:
    listed = coprod("framework", "list")
    assert listed.code == 0
    assert listed.stdout.startswith("rehab-recovery  1.0.0  Partnership Working")
    rows = json.loads(coprod("framework", "list", "--format", "json").stdout)
    assert rows == [
        {
            "id": "rehab-recovery",
            "version": "1.0.0",
            "title": "Partnership Working: A Guide to Co-Producing Rehabilitation and Recovery Services",
            "levels": 3,
            "file": "rehab-recovery",
            "extends": [],
        }
    ]
    shown = coprod("framework", "show", "rehab-recovery")
    assert shown.code == 0
    assert "  L1.buddy-system                  Buddy system for all new service users" in shown.stdout
    assert "Level 3 — Working in partnership: co-production (threshold 80%)" in shown.stdout
    data = json.loads(coprod("framework", "show", "rehab-recovery", "--format", "json").stdout)
    assert sum(len(level["targets"]) for level in data["levels"]) == 31
    assert [len(c["ideas"]) for c in data["guidance"]] == [8, 5, 11, 4, 5, 6]
    assert data["source"]["doi"] == "10.1108/JMHTEP-01-2016-0009"
    unknown = coprod("framework", "show", "rehab")
    assert unknown.code == 2


def test_version_and_help(coprod: RunCoprod) -> None:
    from coprod_cli import __version__

    assert coprod("--version").stdout == f"coprod {__version__}\n"
    for command in (["--help"], ["assess", "--help"], ["report", "--help"], ["init", "--help"], ["validate", "--help"]):
        run = coprod(*command)
        assert run.code == 0, run
        assert "Usage:" in run.stdout


def test_a_flood_of_problems_is_cut_short(coprod: RunCoprod, tmp_path: Path) -> None:
    path = tmp_path / "many.yaml"
    path.write_text(
        "unit: {name: W}\nassessed_on: 2026-10-14\nassessors: [" + ",".join("x" for _ in range(150)) + "]\n"
    )
    run = coprod("validate", path)
    assert run.code == 2
    lines = run.stderr.splitlines()
    assert len(lines) == 102
    assert lines[-2] == "… and 50 more problems not shown; fix the ones above first."
    assert lines[-1] == f"coprod: 150 problems in {path}. Fix them and run the command again."


def test_init_points_editors_at_a_schema_it_writes(coprod: RunCoprod, tmp_path: Path) -> None:
    import jsonschema
    import yaml

    path = tmp_path / "ward.yaml"
    run = coprod("init", path, "--unit", "Ward", "--assessed-on", "2026-11-01")
    assert run.code == 0, run
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=./coprod-evidence.schema.json\n")
    schema_file = tmp_path / "coprod-evidence.schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    data = yaml.safe_load(text)
    data["assessed_on"] = str(data["assessed_on"])
    jsonschema.validate(data, schema)
    assert run.stderr.splitlines()[-1] == f"Wrote {schema_file}: the schema editors use to check {path} as you type."
    # a second unit in the same folder reuses the schema file
    again = coprod("init", tmp_path / "ward2.yaml", "--unit", "Ward 2")
    assert again.code == 0
    assert "schema editors use" not in again.stderr
    bare = coprod("init", tmp_path / "bare.yaml", "--unit", "Bare", "--no-schema")
    assert bare.code == 0
    assert not (tmp_path / "bare.yaml").read_text(encoding="utf-8").startswith("# yaml-language-server")


def test_a_list_of_100000_entries_is_refused_at_once(coprod: RunCoprod, tmp_path: Path) -> None:
    path = tmp_path / "flood.yaml"
    path.write_text("unit: {name: W}\nassessed_on: 2026-10-14\nassessors:\n" + "  - a\n" * 100_000)
    run = coprod("validate", path)
    assert run.code == 2
    assert run.stderr.splitlines() == [
        f"{path}:10004:5: more than 10,000 entries in one list or mapping; coprod files never need this many "
        "— was something pasted in by mistake?",
        f"coprod: 1 problem in {path}. Fix it and run the command again.",
    ]


def test_report_since_the_last_assessment(coprod: RunCoprod, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    old = tmp_path / "old.yaml"
    old.write_text("unit: {name: Ward A}\nassessed_on: 2026-01-10\ntargets:\n  L1.buddy-system: {status: not-met}\n")
    new = tmp_path / "ward.yaml"
    new.write_text(
        "unit: {name: Ward A}\nassessed_on: 2026-10-14\ntargets:\n"
        "  L1.buddy-system: {status: met, evidence: [{description: Rota}]}\n"
    )
    run = coprod("report", "ward.yaml", "--baseline", "old.yaml")
    assert run.code == 0, run
    assert "## Since the last assessment" in run.stdout
    assert "Buddy system for all new service users (L1.buddy-system): Not met → Met" in run.stdout
    both = coprod("report", "ward.yaml", "--baseline", "old.yaml", "--since", "HEAD")
    assert both.code == 2
    assert "give one of them" in both.stderr
    assert coprod("report", "ward.yaml", "--baseline", "old.yaml", "-o", "old.yaml").code == 2
    env = {"GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_SYSTEM": "/dev/null", "PATH": "/usr/bin:/bin"}
    git = ["git", "-c", "user.name=T", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q"], check=True, env=env)
    new.write_text(old.read_text().replace("old", "x"))
    subprocess.run([*git, "add", "ward.yaml"], check=True, env=env)
    subprocess.run([*git, "commit", "-qm", "baseline"], check=True, env=env)
    new.write_text(
        "unit: {name: Ward A}\nassessed_on: 2026-10-14\ntargets:\n"
        "  L1.buddy-system: {status: met, evidence: [{description: Rota}]}\n"
    )
    since = coprod("report", "ward.yaml", "--since", "HEAD")
    assert since.code == 0, since
    assert "Buddy system for all new service users (L1.buddy-system): Not met → Met" in since.stdout


def test_a_closed_output_pipe_ends_quietly(coprod: RunCoprod, unit: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from coprod_cli.reports import json_result as render_json

    def gone(_: object) -> str:
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(render_json, "dumps", gone)
    run = coprod("assess", unit, "--format", "json")
    assert run.code == 0
    assert run.stderr == ""


def test_easy_read_says_when_only_a_sign_off_is_missing(coprod: RunCoprod, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    for extra in ([], ["--format", "html"]):
        run = coprod("report", "tests/golden/coassess/six-voices.yaml", "--style", "easy-read", *extra)
        assert run.code == 0, run
        assert "Level 2 has enough targets met." in run.stdout
        assert "It still needs to be signed off by service users." in run.stdout
        assert "meet 0 more targets" not in run.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["assess", "X", "--fail-under", "-1"],
            "Invalid value for '--fail-under': '-1' is less than 0; give 0 or more",
        ),
        (["assess", "X", "--fail-under", "abc"], "Invalid value for '--fail-under': 'abc' is not a whole number"),
        (["summary", "X", "--fail-under", "2.5"], "Invalid value for '--fail-under': '2.5' is not a whole number"),
        (
            ["summary", "X", "--format", "pdf"],
            "Invalid value for '--format': 'pdf' is not one of 'text', 'json', 'markdown', 'html', 'csv'.",
        ),
        (
            ["report", "X", "--style", "big"],
            "Invalid value for '--style': 'big' is not one of 'standard', 'easy-read', 'poster'.",
        ),
        (
            ["assess", "X", "--fail-under", "\x1b[31m"],
            "Invalid value for '--fail-under': '\\x1b[31m' is not a whole number",
        ),
    ],
)
def test_a_bad_option_value_is_named_in_plain_words(coprod: RunCoprod, args: list[str], message: str) -> None:
    run = coprod(*args)
    assert run.code == 2, run
    assert f"Error: {message}\n" in run.stderr, run
    assert "Value error" not in run.stderr
    assert "Input should" not in run.stderr
    assert "\x1b" not in run.stderr


def test_an_option_message_without_a_pydantic_cause_is_kept() -> None:
    from coprod_cli.cli.app import option_message

    assert option_message(typer.BadParameter("must be a folder")) == "must be a folder"


def test_an_option_message_of_a_kind_coprod_does_not_word_is_kept() -> None:
    from pydantic import TypeAdapter, ValidationError

    from coprod_cli.cli.app import option_message

    with pytest.raises(ValidationError) as caught:
        TypeAdapter(float).validate_python("x")
    error = typer.BadParameter("Input should be a valid number")
    error.__cause__ = caught.value
    assert option_message(error) == "Input should be a valid number"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "x.md", "--format", "html"], "x.md: the name ends in '.md' but --format is html; name it x.html"),
        (["-o", "x.HTML", "--format", "md"], "x.HTML: the name ends in '.HTML' but --format is md; name it x.md"),
        (["-o", "x.htm", "--format", "md"], "x.htm: the name ends in '.htm' but --format is md; name it x.md"),
    ],
)
def test_report_format_and_file_name_must_agree(
    coprod: RunCoprod, unit: Path, args: list[str], message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(unit.parent)
    run = coprod("report", unit, *args)
    assert run.code == 2, run
    assert run.stderr == f"coprod: {message}, or leave out --format to go by the name\n", run
    assert sorted(p.name for p in unit.parent.iterdir()) == ["unit.yaml"], "nothing was written"


def test_report_goes_by_the_file_name(coprod: RunCoprod, unit: Path) -> None:
    for name, start in [("r.HTM", "<!DOCTYPE html>"), ("r.markdown", "<!-- generated by coprod"), ("r", "<!--")]:
        run = coprod("report", unit, "-o", unit.parent / name)
        assert run.code == 0, run
        assert (unit.parent / name).read_text(encoding="utf-8").startswith(start), name
    fine = coprod("report", unit, "-o", unit.parent / "r-page", "--format", "html")
    assert fine.code == 0, "a name without a suffix does not stop --format"
    assert (unit.parent / "r-page").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    text = coprod("report", unit, "-o", unit.parent / "r.txt", "--format", "html")
    assert text.code == 2, "a suffix report does not write is refused (tests/cli/test_output_names.py)"


EXAMPLE = "examples/community-rehab-team.yaml"


def _raise(error: BaseException) -> object:
    def broken(*_: object, **__: object) -> object:
        raise error

    return broken


@pytest.mark.parametrize(
    ("module", "name", "argv"),
    [
        ("coprod_cli.scoring.check", "check_file", ["validate", EXAMPLE]),
        ("coprod_cli.framework.lint", "check_file", ["framework", "check", "frameworks/rehab-recovery.yaml"]),
        ("coprod_cli.scoring.score", "score", ["assess", EXAMPLE, "--format", "json"]),
    ],
)
def test_a_bug_in_any_command_is_one_line_and_exit_70(
    coprod: RunCoprod, monkeypatch: pytest.MonkeyPatch, module: str, name: str, argv: list[str]
) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(import_module(module), name, _raise(RuntimeError("secret patient text")))
    one_line = (
        "coprod: internal error (RuntimeError); this is a bug in coprod, not in your files. "
        "Run again with --debug for details and report it.\n"
    )
    run = coprod(*argv)
    assert (run.code, run.stdout, run.stderr) == (70, "", one_line), run
    for debug in (["--debug"], []):
        monkeypatch.setenv("COPROD_DEBUG", "1" if not debug else "0")
        shown = coprod(*debug, *argv)
        assert shown.code == 70, shown
        assert shown.stderr.startswith("Traceback (most recent call last):\n"), shown
        assert shown.stderr.endswith("RuntimeError: secret patient text\n" + one_line), shown


def test_an_unreadable_file_is_refused_before_it_is_read(
    coprod: RunCoprod, unit: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    access = os.access

    def readable(path: str | os.PathLike[str], mode: int, **kwargs: bool) -> bool:
        return os.fspath(path) != str(unit) and access(path, mode, **kwargs)

    monkeypatch.setattr(os, "access", readable)  # so the test means the same when run as root
    run = coprod("validate", unit)
    assert run.code == 2, run
    assert f"'{unit}' is not readable" in run.stderr, run


# The installed command, in a process of its own

LAZY: dict[tuple[str, ...], frozenset[str]] = {
    ("--help",): frozenset({"jinja2", "rich", "pydantic", "yaml"}),
    ("validate", EXAMPLE): frozenset({"jinja2", "rich"}),
    ("assess", EXAMPLE, "--format", "json"): frozenset({"jinja2", "rich"}),
    ("framework", "check", "frameworks/rehab-recovery.yaml"): frozenset({"jinja2", "rich"}),
}

_PROBE = """
import json, sys
import typer  # what typer itself loads is typer's business
before = {name.split(".")[0] for name in sys.modules}
from coprod_cli.cli.app import main
argv, lazy = json.loads(sys.argv[1]), json.loads(sys.argv[2])
sys.argv = ["coprod", *argv]
try:
    main()
except SystemExit as e:
    code = e.code
found = sorted({name.split(".")[0] for name in sys.modules} - before & set(lazy))
sys.stderr.write("\\n" + json.dumps({"code": code, "found": found}) + "\\n")
"""


def _environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "COPROD_DEBUG"}


@pytest.mark.parametrize("argv", LAZY, ids=" ".join)
def test_a_command_imports_only_what_it_needs(argv: tuple[str, ...]) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(argv), json.dumps(sorted(LAZY[argv]))],
        cwd=ROOT,
        env=_environment(),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stderr.splitlines()[-1])
    assert report["code"] in (0, None), done.stderr
    assert report["found"] == [], f"coprod {' '.join(argv)} imported {report['found']}"


def test_a_real_process_ends_with_all_its_output_and_its_code() -> None:
    def coprod(*argv: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "coprod_cli", *argv]
        return subprocess.run(
            command, cwd=ROOT, env=_environment(), capture_output=True, text=True, timeout=60, check=False
        )

    ok = coprod("assess", EXAMPLE, "--format", "json")
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["unit"]  # the whole document arrived
    assert coprod("assess", EXAMPLE, "--format", "json", "--fail-under", "3").returncode == 1
    bad = coprod("validate", "tests/data/invalid/assessor-bad-role.yaml")
    assert bad.returncode == 2
    assert bad.stderr.endswith("Fix it and run the command again.\n")


def test_a_reader_that_went_away_before_the_end_is_not_an_error() -> None:
    command = [sys.executable, "-m", "coprod_cli", "summary", "examples"]
    with subprocess.Popen(
        command, cwd=ROOT, env=_environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as process:
        assert process.stdout is not None
        process.stdout.close()  # as `coprod summary examples | head -0` would
        _, err = process.communicate(timeout=60)
    assert (process.returncode, err) == (0, b"")


@pytest.mark.usefixtures("pinned_terminal")
def test_main_runs_the_command_and_ends_with_its_code(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from coprod_cli import __version__
    from coprod_cli.cli.app import main

    monkeypatch.setattr(sys, "argv", ["coprod", "--version"])
    with pytest.raises(SystemExit) as ended:
        main()
    assert (ended.value.code, capsys.readouterr().out) == (0, f"coprod {__version__}\n")
    monkeypatch.setattr(sys, "argv", ["coprod", "assess", str(tmp_path / "nope.yaml")])
    with pytest.raises(SystemExit) as ended:
        main()
    assert ended.value.code == 2
    assert capsys.readouterr().err.startswith(f"{tmp_path / 'nope.yaml'}: file not found")


class _GoneReader:
    """A stream whose reader has gone: flushing it fails as a closed pipe (or a closed file) does."""

    def __init__(self, fd: int, error: type[Exception] = BrokenPipeError) -> None:
        self.fd = fd
        self.error = error

    def flush(self) -> None:
        raise self.error

    def fileno(self) -> int:
        return self.fd


def test_a_run_whose_reader_went_away_ends_quietly_with_its_own_code(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    with (tmp_path / "out").open("wb") as out:
        monkeypatch.setattr(sys, "stdout", _GoneReader(out.fileno()))
        with pytest.raises(SystemExit) as ended:
            finish(1)
    assert ended.value.code == 1


@pytest.mark.parametrize("extra", [(), ("--format", "json")], ids=["text", "json"])
def test_a_reader_that_went_away_never_hides_the_exit_code(extra: tuple[str, ...]) -> None:
    """``set -o pipefail; coprod assess --fail-under 3 x | true`` must fail as the unit does."""
    command = [sys.executable, "-m", "coprod_cli", "assess", EXAMPLE, "--fail-under", "3", *extra]
    with subprocess.Popen(
        command, cwd=ROOT, env=_environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as process:
        assert process.stdout is not None
        process.stdout.close()  # as `| true` does
        _, err = process.communicate(timeout=60)
    assert (process.returncode, err) == (1, b"")


def test_a_stream_closed_already_keeps_the_exit_code(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stderr", _GoneReader(2, ValueError))
    with pytest.raises(SystemExit) as ended:
        finish(2)
    assert ended.value.code == 2
