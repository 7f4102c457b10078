"""``coprod summary``: many units side by side, grouped by framework, with golden outputs.

Golden cases (``CASES``) run from the repository root, as the outputs name their files; each
format is compared exactly with ``tests/golden/summary/<case>.<txt|json|md>`` (and the error
output with ``<case>.stderr``); their Welsh twins (``--lang cy``) with ``<case>.cy.<txt|md|html>``
(``<case>.cy.stderr``), and the bilingual documents (``--lang cy+en``) with ``<case>.cy+en.<md|html>``.
After an intended change, regenerate them and read the diff::

    python -m tests.rollup.test_summary
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from coprod_cli.cli.rollup import _Progress
from coprod_cli.reports.charts import label, mermaid
from coprod_cli.reports.summary import summary_markdown
from coprod_cli.rollup import summary as summary_module
from coprod_cli.rollup.chart import Chart
from coprod_cli.rollup.rows import UnitRow
from coprod_cli.rollup.summary import CHART_MAX_UNITS, PRIORITIES_SHOWN, build, find, summarise
from coprod_cli.scoring.check import load_evidence
from coprod_cli.scoring.score import score
from tests.cli.service_cli import runner
from tests.conftest import EXAMPLES, ROOT, RunCoprod

GOLDEN = ROOT / "tests" / "golden" / "summary"
MIXED = "tests/golden/summary/mixed"
CASES: dict[str, tuple[list[str], int]] = {"examples": (["examples"], 0), "mixed": ([MIXED], 2)}
FORMATS = {"txt": "text", "json": "json", "md": "markdown"}
REGEN = "python -m tests.rollup.test_summary"
WELSH_FORMATS = {"txt": "text", "md": "markdown", "html": "html"}
BILINGUAL_FORMATS = {"md": "markdown", "html": "html"}
TRANSLATED: dict[str, tuple[str, str, dict[str, str]]] = {
    **{f"{case}.cy": (case, "cy", WELSH_FORMATS) for case in CASES},
    **{f"{case}.cy+en": (case, "cy+en", BILINGUAL_FORMATS) for case in CASES},
}
"""Each golden stem in Welsh or in both languages: (case, --lang, formats)."""


@pytest.fixture
def cli(pinned_terminal: None) -> RunCoprod:
    return runner()


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(ROOT)
    return ROOT


# ---- golden outputs ---------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", sorted(FORMATS))
@pytest.mark.parametrize("case", sorted(CASES))
def test_matches_golden(cli: RunCoprod, at_root: Path, case: str, suffix: str) -> None:
    paths, code = CASES[case]
    run = cli("summary", *paths, "--format", FORMATS[suffix])
    assert run.code == code, run
    expected = (GOLDEN / f"{case}.{suffix}").read_text(encoding="utf-8")
    assert run.stdout == expected, f"tests/golden/summary/{case}.{suffix} differs; run: {REGEN}"
    stderr = GOLDEN / f"{case}.stderr"
    assert run.stderr == (stderr.read_text(encoding="utf-8") if stderr.exists() else ""), run


@pytest.mark.parametrize(
    ("stem", "suffix"), [(stem, suffix) for stem, (_, _, formats) in TRANSLATED.items() for suffix in sorted(formats)]
)
def test_translated_matches_golden(cli: RunCoprod, at_root: Path, stem: str, suffix: str) -> None:
    case, lang, formats = TRANSLATED[stem]
    paths, code = CASES[case]
    run = cli("summary", *paths, "--format", formats[suffix], "--lang", lang)
    assert run.code == code, run
    expected = (GOLDEN / f"{stem}.{suffix}").read_text(encoding="utf-8")
    assert run.stdout == expected, f"tests/golden/summary/{stem}.{suffix} differs; run: {REGEN}"
    stderr = GOLDEN / f"{stem}.stderr"
    assert run.stderr == (stderr.read_text(encoding="utf-8") if stderr.exists() else ""), run


def regenerate() -> None:
    """Rewrite every golden file of this module from the current code."""
    os.environ.update(COLUMNS="100", NO_COLOR="1")
    os.chdir(ROOT)
    run = runner()
    runs = [(case, paths, (), FORMATS) for case, (paths, _) in CASES.items()]
    runs += [(stem, CASES[case][0], ("--lang", lang), formats) for stem, (case, lang, formats) in TRANSLATED.items()]
    for stem, paths, lang, formats in runs:
        for suffix, fmt in formats.items():
            done = run("summary", *paths, "--format", fmt, *lang)
            (GOLDEN / f"{stem}.{suffix}").write_text(done.stdout, encoding="utf-8")
        stderr = GOLDEN / f"{stem}.stderr"
        if done.stderr:
            stderr.write_text(done.stderr, encoding="utf-8")
        else:
            stderr.unlink(missing_ok=True)
        print(f"wrote tests/golden/summary/{stem}.*", file=sys.stderr)


# ---- facts inside the goldens, so a regenerated golden cannot quietly go wrong ------------------


def test_examples_facts(cli: RunCoprod, at_root: Path) -> None:
    data = json.loads(cli("summary", "examples", "--format", "json").stdout)
    assert [u["file"] for u in data["units"]] == sorted(f"examples/{p.name}" for p in EXAMPLES.glob("*.yaml"))
    assert {u["attained_level"] for u in data["units"]} == {0, 1, 2}
    assert data["invalid"] == []
    assert len(data["groups"]) == 1
    first = data["common_gaps"][0]
    assert (first["id"], first["units"], first["not_assessed"], first["applies"]) == (
        "L1.carer-perspective-ctp",
        4,
        0,
        5,
    )
    counts = [g["units"] for g in data["common_gaps"]]
    assert counts == sorted(counts, reverse=True)


def test_mixed_groups_and_invalid(cli: RunCoprod, at_root: Path) -> None:
    run = cli("summary", MIXED, "--format", "json")
    assert run.code == 2, run
    data = json.loads(run.stdout)
    files = [u["file"] for u in data["units"]]
    assert files == [
        f"{MIXED}/house.yaml",
        f"{MIXED}/other/ward-c.yaml",
        f"{MIXED}/ward-a.yaml",
        f"{MIXED}/ward-b.yaml",
    ]
    groups = [(g["framework"]["id"], g["framework"]["version"], g["files"]) for g in data["groups"]]
    assert [(i, v) for i, v, _ in groups] == [
        ("rehab-recovery", "1.0.0"),
        ("tiny-test", "0.1.0"),
        ("tiny-test", "0.1.0"),
    ]
    assert sorted(len(f) for _, _, f in groups) == [1, 1, 2]
    assert data["invalid"] == [
        {
            "file": f"{MIXED}/broken.yaml",
            "errors": [
                {
                    "code": "unknown-target",
                    "target": "T1.lisen",
                    "message": "unknown target 'T1.lisen' — did you mean 'T1.listen'?",
                    "file": f"{MIXED}/broken.yaml",
                    "line": 6,
                    "column": 3,
                }
            ],
        }
    ]
    # Shared gaps are counted within a framework: T2.share is a gap in ward-a (one framework)
    # and in ward-c (the other framework with the same id and version), never "2 units".
    share = [g for g in data["common_gaps"] if g["id"] == "T2.share"]
    assert [(g["units"], g["framework"]["sha256"] != share[0]["framework"]["sha256"]) for g in share] == [
        (1, False),
        (1, True),
    ]


def test_two_frameworks_with_one_id_and_version_are_labelled_apart(cli: RunCoprod, at_root: Path) -> None:
    run = cli("summary", MIXED)
    heads = [line for line in run.stdout.splitlines() if line.startswith("tiny-test 0.1.0, sha256 ")]
    assert len(heads) == 2, run


def test_the_summary_is_printed_before_the_problems(cli: RunCoprod, at_root: Path) -> None:
    run = cli("summary", MIXED)
    assert run.code == 2
    assert "Files that could not be read (1)\n  tests/golden/summary/mixed/broken.yaml: 1 problem\n" in run.stdout
    assert run.stderr.endswith(
        "coprod: 1 problem in tests/golden/summary/mixed/broken.yaml. Fix it and run the command again.\n"
    )


# ---- finding files ----------------------------------------------------------------------------


def test_files_given_are_always_read_and_read_once(cli: RunCoprod, at_root: Path) -> None:
    fw = f"{MIXED}/tiny-framework.yaml"
    run = cli("summary", f"{MIXED}/ward-a.yaml", MIXED + "/ward-a.yaml", fw, "--format", "json")
    assert run.code == 2, run
    data = json.loads(run.stdout)
    assert [u["file"] for u in data["units"]] == [f"{MIXED}/ward-a.yaml"]
    assert data["invalid"][0]["file"] == fw
    assert "is a framework file, not a unit's evidence file" in data["invalid"][0]["errors"][0]["message"]


def test_every_file_in_a_folder_is_read_once(at_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bytes read to see whether a file is a unit's evidence are the ones checked and scored."""
    for example in EXAMPLES.glob("*.yaml"):
        shutil.copy(example, tmp_path / example.name)
    (tmp_path / "ci.yml").write_text("steps: []\n", encoding="utf-8")
    read: list[str] = []
    real = summary_module.read_bytes

    def counting(path: Path, shown: str, **options: Any) -> bytes:
        read.append(shown)
        return real(path, shown, **options)

    monkeypatch.setattr(summary_module, "read_bytes", counting)
    summary = summarise([tmp_path])
    assert len(summary.units) == len(list(EXAMPLES.glob("*.yaml")))
    assert sorted(read) == sorted(str(path) for path in tmp_path.iterdir())


def test_each_unit_is_kept_as_the_row_its_outputs_show(at_root: Path) -> None:
    summary = summarise([Path("examples")])
    unit = summary.units[0]
    assert type(unit) is UnitRow
    full = score(load_evidence(Path(unit.file), unit.file))
    assert unit == UnitRow.of(full)
    assert [[t.status for t in lv.targets] for lv in unit.levels] == [
        [t.status for t in lv.targets] for lv in full.levels
    ]
    # Units that gave a target the same status share one record of it.
    first, second = summary.units[:2]
    pairs = [
        (a, b)
        for la, lb in zip(first.levels, second.levels, strict=True)
        for a, b in zip(la.targets, lb.targets, strict=True)
    ]
    assert any(a.status == b.status for a, b in pairs)
    assert all((a is b) == (a.status == b.status) for a, b in pairs)


def test_the_ideas_for_each_target_are_gathered_once_per_framework() -> None:
    one = score(load_evidence(EXAMPLES / "locked-rehab-unit.yaml", "a.yaml"))
    two = score(load_evidence(EXAMPLES / "open-rehab-unit.yaml", "b.yaml"))
    targets = [
        (a, b)
        for la, lb in zip(one.levels, two.levels, strict=True)
        for a, b in zip(la.targets, lb.targets, strict=True)
    ]
    assert any(a.ideas for a, _ in targets)
    assert all(a.ideas is b.ideas for a, b in targets)


def test_a_missing_path_is_reported_and_the_rest_summarised(cli: RunCoprod, at_root: Path) -> None:
    run = cli("summary", "examples/step-down-house.yaml", "no-such.yaml", "--format", "json")
    assert run.code == 2, run
    assert [u["name"] for u in json.loads(run.stdout)["units"]] == ["Bryn Awel Step-down House"]
    assert "no-such.yaml: file not found; check the name and folder\n" in run.stderr


def test_no_evidence_files(cli: RunCoprod, tmp_path: Path) -> None:
    (tmp_path / "ci.yml").write_text("steps: []\n", encoding="utf-8")
    run = cli("summary", tmp_path)
    assert run.code == 2
    assert run.stdout == ""
    assert run.stderr == (
        f"coprod: no evidence files found in {tmp_path}: an evidence file is a .yaml or .yml file with a "
        "top-level 'unit:'; create one with: coprod init UNIT.yaml --unit NAME\n"
    )


def test_folder_files_that_cannot_be_decoded(cli: RunCoprod, tmp_path: Path) -> None:
    (tmp_path / "utf16.yaml").write_bytes("unit:\n  name: W\nassessed_on: 2026-01-01\n".encode("utf-16"))
    (tmp_path / "binary.yaml").write_bytes(b"\x00\xff\xfe not yaml at all")
    (tmp_path / "latin.yml").write_bytes(b"unit:\n  name: Caf\xe9\nassessed_on: 2026-01-01\n")
    run = cli("summary", tmp_path, "--format", "json")
    assert run.code == 2, run
    data = json.loads(run.stdout)
    assert [bad["file"] for bad in data["invalid"]] == [str(tmp_path / "latin.yml"), str(tmp_path / "utf16.yaml")]
    assert [bad["errors"][0]["code"] for bad in data["invalid"]] == ["encoding", "encoding"]


def test_files_too_large_to_read(cli: RunCoprod, tmp_path: Path) -> None:
    filler = "# " + "x" * 78 + "\n"
    (tmp_path / "big-unit.yaml").write_text("unit:\n  name: W\n" + filler * 14_000, encoding="utf-8")
    (tmp_path / "big-other.yaml").write_text("data:\n" + filler * 14_000, encoding="utf-8")
    run = cli("summary", tmp_path, "--format", "json")
    assert run.code == 2, run
    data = json.loads(run.stdout)
    assert [(bad["file"], bad["errors"][0]["code"]) for bad in data["invalid"]] == [
        (str(tmp_path / "big-unit.yaml"), "too-large")
    ]


def test_find_skips_hidden_folders_and_sorts(tmp_path: Path) -> None:
    for name in ("b.yaml", "a/z.yml", "a/y.yaml", ".git/x.yaml", "c.txt", ".d.yaml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("unit: {}\n", encoding="utf-8")
    found = [c.shown for c in find([tmp_path])]
    assert found == [str(tmp_path / n) for n in ("a/y.yaml", "a/z.yml", "b.yaml")]


# ---- options ----------------------------------------------------------------------------------


def test_write_and_write_again(cli: RunCoprod, at_root: Path, tmp_path: Path) -> None:
    out = tmp_path / "service.md"
    run = cli("summary", "examples", "--format", "markdown", "-o", out)
    assert (run.code, run.stdout, run.stderr) == (0, "", f"Wrote {out}.\n"), run
    assert out.read_text(encoding="utf-8") == (GOLDEN / "examples.md").read_text(encoding="utf-8")
    assert cli("summary", "examples", "--format", "markdown", "-o", out).code == 0
    mine = tmp_path / "mine.md"
    mine.write_text("my notes\n", encoding="utf-8")
    run = cli("summary", "examples", "--format", "markdown", "-o", mine)
    assert run.code == 2
    assert "already exists and was not generated by coprod; use --force" in run.stderr
    assert cli("summary", "examples", "--format", "markdown", "-o", mine, "--force").code == 0


def test_written_even_when_a_file_is_invalid(cli: RunCoprod, at_root: Path, tmp_path: Path) -> None:
    out = tmp_path / "service.json"
    run = cli("summary", MIXED, "--format", "json", "-o", out)
    assert run.code == 2, run
    assert out.read_text(encoding="utf-8") == (GOLDEN / "mixed.json").read_text(encoding="utf-8")
    assert run.stderr.startswith(f"Wrote {out}.\n{MIXED}/broken.yaml:6:3: unknown target")


def test_never_writes_over_an_input(cli: RunCoprod, at_root: Path, tmp_path: Path) -> None:
    unit = tmp_path / "unit.yaml"
    unit.write_text((EXAMPLES / "step-down-house.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    run = cli("summary", unit, "-o", unit, "--force")
    assert run.code == 2
    assert "is an evidence file (it has 'unit:' at the top); coprod never writes over" in run.stderr
    assert unit.read_text(encoding="utf-8") == (EXAMPLES / "step-down-house.yaml").read_text(encoding="utf-8")


def test_fail_under(cli: RunCoprod, at_root: Path) -> None:
    assert cli("summary", "examples", "--fail-under", "0").code == 0
    assert cli("summary", "examples", "--fail-under", "1").code == 1
    run = cli("summary", "examples", "--fail-under", "4")
    assert run.code == 2
    assert run.stderr == "coprod: --fail-under 4 is above a framework's top level (3); use 0 to 3\n"


def test_strict_makes_units_with_warnings_invalid(cli: RunCoprod, at_root: Path) -> None:
    run = cli("summary", "examples", "tests/golden/all-met.yaml", "--strict", "--format", "json")
    assert run.code == 2
    data = json.loads(run.stdout)
    assert [bad["file"] for bad in data["invalid"]] == sorted(f"examples/{p.name}" for p in EXAMPLES.glob("*.yaml"))
    assert [u["file"] for u in data["units"]] == ["tests/golden/all-met.yaml"]


def test_framework_option_applies_to_every_file(cli: RunCoprod, at_root: Path) -> None:
    run = cli("summary", f"{MIXED}/house.yaml", "--framework", f"{MIXED}/tiny-framework.yaml")
    assert run.code == 2
    assert "unknown target 'L1.own-care-plans'" in run.stderr


def test_waived_lines_may_be_shown(cli: RunCoprod, tmp_path: Path) -> None:
    (tmp_path / "unit.yaml").write_text(
        "unit:\n"
        "  name: Ward 01632 960001  # coprod: not-personal-data published ward phone number\n"
        "assessed_on: 2026-01-01\n",
        encoding="utf-8",
    )
    run = cli("summary", tmp_path)
    assert run.code == 0, run
    assert "Ward 01632 960001" in run.stdout


def test_own_template_folder(cli: RunCoprod, at_root: Path, tmp_path: Path) -> None:
    (tmp_path / "summary.md.j2").write_text("{% for u in s.units %}{{ u.unit_name }}\n{% endfor %}", encoding="utf-8")
    run = cli("summary", MIXED, "--format", "markdown", "--template", tmp_path)
    assert run.stdout == "The House\nWard C\nWard A\nWard B \\[/b\\] &lt;b>\\| \\*B\\*\n", run
    run = cli("summary", "examples", "--format", "markdown", "--template", ROOT / "examples")
    assert run.code == 2
    assert "no 'summary.md.j2' in this template folder" in run.stderr


def test_a_group_without_gaps(cli: RunCoprod, at_root: Path) -> None:
    run = cli("summary", "tests/golden/all-met.yaml")
    assert run.code == 0, run
    assert "No unit of this group assessed any target as partly met or not met." in run.stdout
    markdown = cli("summary", "tests/golden/all-met.yaml", "--format", "markdown").stdout
    assert "No unit assessed any target as partly met or not met." in markdown


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("{% for %}", "summary.md.j2:1:1: template error: "),
        ("{{ s.nothing.here }}", "summary.md.j2:1:1: template error: "),
        ("\n\n{{ s.units[0] + 1 }}", "summary.md.j2:3:1: template error: "),
    ],
)
def test_template_errors(cli: RunCoprod, at_root: Path, tmp_path: Path, source: str, message: str) -> None:
    (tmp_path / "summary.md.j2").write_text(source, encoding="utf-8")
    run = cli("summary", "examples", "--format", "markdown", "--template", tmp_path)
    assert run.code == 2
    assert message in run.stderr, run


# ---- the core ---------------------------------------------------------------------------------


def test_large_groups_have_no_chart_and_ten_priorities() -> None:
    one = score(load_evidence(ROOT / "tests" / "golden" / "rounding.yaml", "rounding.yaml"))  # 13 known gaps
    many = [replace(one, file=f"unit-{n:03}.yaml", unit_name=f"Unit {n}") for n in range(CHART_MAX_UNITS + 1)]
    summary = build(many)
    (group,) = summary.groups
    assert group.charts == ()
    assert len(group.priorities) == PRIORITIES_SHOWN < len(group.shared_gaps)
    assert [u.file for u in summary.units][:2] == ["unit-000.yaml", "unit-001.yaml"]
    text = summary_markdown(summary)
    assert "*No chart: there are too many units for one to be readable." in text
    assert "```mermaid" not in text


def test_a_template_is_compiled_once_per_process(at_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import jinja2

    summary = summarise([Path("examples")])
    compiled: list[str | None] = []
    real = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: Any, name: str | None = None, *more: Any, **options: Any) -> Any:
        compiled.append(name)
        return real(self, source, name, *more, **options)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    first = summary_markdown(summary)
    assert compiled.count("summary.md.j2") <= 1  # none if an earlier test already rendered it
    compiled.clear()
    assert summary_markdown(summary) == first
    assert compiled == []


def test_mermaid_labels_cannot_break_the_chart() -> None:
    assert label('Ward "A" [x], `y` <b> #1; a|b & c\\d\n') == "Ward A x , y b 1 a b c d"
    assert label("") == "?"
    assert label("A very long unit name that goes on and on") == "A very long unit name t…"
    assert mermaid(Chart("T", ("a",), bars=(2.0,))).endswith("    bar [2]\n```")
    chart = Chart("T", ("a", "b"), bars=(1.5, None), line=(80.0, 80.0))
    assert mermaid(chart) == (
        '```mermaid\nxychart-beta\n    title "T"\n    x-axis ["a", "b"]\n    y-axis "Percent" 0 --> 100\n'
        "    bar [1.5, 0]\n    line [80, 80]\n```"
    )


def test_progress_bar_only_for_many_files(capsys: pytest.CaptureFixture[str]) -> None:
    quiet = _Progress(enabled=False)
    for n in range(1, 31):
        quiet(n, 30)
    assert quiet.bar is None
    few = _Progress(enabled=True)
    few(1, 3)
    assert few.bar is None
    many = _Progress(enabled=True)
    for n in range(1, 31):
        many(n, 30)
    assert many.bar is not None
    assert many.bar.tasks[0].completed == 30
    many.close()
    few.close()


if __name__ == "__main__":
    regenerate()


needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX only")


@needs_fifo
def test_a_named_pipe_in_a_folder_is_passed_over(tmp_path: Path) -> None:
    (tmp_path / "ward.yaml").write_bytes((EXAMPLES / "open-rehab-unit.yaml").read_bytes())
    os.mkfifo(tmp_path / "pipe.yaml")
    assert [c.path.name for c in find([tmp_path])] == ["ward.yaml"]


@needs_fifo
def test_summary_and_frameworks_dir_never_wait_on_a_named_pipe(tmp_path: Path) -> None:
    """Reading a pipe nobody writes to waits for ever: the real command must finish."""
    units, frameworks = tmp_path / "units", tmp_path / "frameworks"
    units.mkdir()
    frameworks.mkdir()
    (units / "ward.yaml").write_bytes((EXAMPLES / "open-rehab-unit.yaml").read_bytes())
    (frameworks / "ward-model.yaml").write_bytes((ROOT / "tests" / "frameworks" / "base.yaml").read_bytes())
    os.mkfifo(units / "pipe.yaml")
    os.mkfifo(frameworks / "pipe.yaml")
    for argv in (["summary", str(units)], ["framework", "list", "--frameworks-dir", str(frameworks)]):
        done = subprocess.run(
            [sys.executable, "-m", "coprod_cli", *argv], capture_output=True, text=True, timeout=120, check=False
        )
        assert done.returncode == 0, done
    assert "ward-model" in done.stdout


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
def test_devices_are_passed_over_and_broken_links_kept_to_be_reported(tmp_path: Path) -> None:
    from coprod_cli.framework.resolve import folder_frameworks, search_dirs

    (tmp_path / "ward.yaml").write_bytes((EXAMPLES / "open-rehab-unit.yaml").read_bytes())
    (tmp_path / "device.yaml").symlink_to("/dev/null")
    (tmp_path / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    assert [c.path.name for c in find([tmp_path])] == ["gone.yaml", "ward.yaml"]
    (tmp_path / "ward-model.yaml").write_bytes((ROOT / "tests" / "frameworks" / "base.yaml").read_bytes())
    token = search_dirs.set((tmp_path,))
    try:
        assert {k: p.name for k, p in folder_frameworks().items()} == {"ward-model": "ward-model.yaml"}
    finally:
        search_dirs.reset(token)
