"""``coprod framework check``: the linter's rules, discovered cases, and ``--against REV``.

Cases are discovered: ``tests/frameworks/lint/<case>.yaml`` must fail ``coprod framework
check`` with exit 2 and print exactly ``<case>.stderr``; every other framework file under
``tests/frameworks/`` and the built-in one must pass — ``moved.yaml`` too: a target moved to
another level keeps its ID (renaming it would break evidence files), so only a target a
tailored file adds must carry its own level in its ID.  Commands run from the repository root.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from coprod_cli.errors import InputError
from coprod_cli.framework.lint import check_against, check_file, lint
from coprod_cli.model.models import Framework
from coprod_cli.reading.explain import validate
from coprod_cli.reading.yamlread import parse_text
from tests.conftest import ROOT, git
from tests.framework.test_framework_diff import BASE, FRAMEWORKS, RunCli, cli, repo

__all__ = ["cli", "repo"]  # fixtures used here

LINT = FRAMEWORKS / "lint"
CASES = sorted(p.stem for p in LINT.glob("*.yaml"))
PASSING = [
    *(p.relative_to(ROOT).as_posix() for p in sorted(FRAMEWORKS.glob("*.yaml"))),
    "frameworks/rehab-recovery.yaml",
    "tests/data/valid/tiny-framework.yaml",
    "tests/golden/required-framework.yaml",
    "tests/golden/rounding-framework.yaml",
]


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def test_cases_are_paired() -> None:
    assert len(CASES) >= 10
    missing = [c for c in CASES if not (LINT / f"{c}.stderr").is_file()]
    assert not missing, f"lint cases without their expected .stderr: {missing}"
    orphans = [p.name for p in LINT.glob("*.stderr") if p.stem not in CASES]
    assert not orphans, f".stderr files without a case: {orphans}"


@pytest.mark.parametrize("case", CASES)
@pytest.mark.usefixtures("at_root")
def test_case_is_reported_exactly(cli: RunCli, case: str) -> None:
    expected = (LINT / f"{case}.stderr").read_text(encoding="utf-8")
    run = cli("framework", "check", f"tests/frameworks/lint/{case}.yaml")
    assert run.code == 2, str(run)
    assert run.stdout == "", str(run)
    assert run.stderr == expected, f"{run}\n--- expected ---\n{expected}"


@pytest.mark.parametrize("shown", PASSING)
@pytest.mark.usefixtures("at_root")
def test_good_frameworks_pass(cli: RunCli, shown: str) -> None:
    run = cli("framework", "check", shown)
    assert run.code == 0, str(run)
    fw = check_file(Path(shown)).framework
    assert fw is not None
    assert run.stderr == f"{shown}: framework {fw.id} {fw.version} passes every check\n", str(run)


@pytest.mark.usefixtures("at_root")
def test_every_file_is_checked_and_every_problem_listed(cli: RunCli) -> None:
    run = cli(
        "framework",
        "check",
        "tests/frameworks/base.yaml",
        "tests/frameworks/lint/not-semver.yaml",
        "tests/frameworks/lint/evidence-file.yaml",
        "tests/frameworks/lint/no-such-file.yaml",
    )
    assert run.code == 2, str(run)
    assert run.stderr.splitlines() == [
        "tests/frameworks/base.yaml: framework ward-model 1.0.0 passes every check",
        "tests/frameworks/lint/evidence-file.yaml:1:1: is a unit's evidence file, not a framework; "
        "check it with 'coprod validate'",
        "tests/frameworks/lint/no-such-file.yaml: file not found; check the name and folder",
        "tests/frameworks/lint/not-semver.yaml:2:10: version '1.0' is not a semantic version; write three whole "
        "numbers MAJOR.MINOR.PATCH, such as 1.2.0; coprod reads it to tell units how much changed "
        "(see 'coprod framework diff')",
        "coprod: 3 problems in tests/frameworks/lint/evidence-file.yaml, tests/frameworks/lint/no-such-file.yaml, "
        "tests/frameworks/lint/not-semver.yaml. Fix them and run the command again.",
    ]


# ---- the rules, directly ----------------------------------------------------------------------


def _lint(text: str) -> list[str]:
    doc = parse_text(text, "fw.yaml")
    return [p.render() for p in lint(doc, validate(Framework, doc))]


HEAD = "id: x\nversion: 1.0.0\ntitle: X\nlevels:\n  - number: 1\n    title: One\n    targets:\n"


def test_ids_without_a_common_style_are_left_alone() -> None:
    assert _lint(HEAD + "      - {id: A_1, text: a}\n      - {id: B_2, text: b}\n") == []


def test_a_tie_goes_to_the_style_seen_first() -> None:
    assert _lint(HEAD + "      - {id: L1.a, text: a}\n      - {id: b, text: b}\n") == [
        "fw.yaml:9:14: target ID 'b' does not follow the form most targets here use, "
        "'L<level>.<words-with-hyphens>': for this level 1 target that would be 'L1.b'"
    ]


def test_suggested_ids_are_kebab_case() -> None:
    problems = _lint(
        HEAD + "      - {id: L1.a, text: a}\n      - {id: L1.b, text: b}\n      - {id: CarePlans, text: c}\n"
    )
    assert problems == [
        "fw.yaml:10:14: target ID 'CarePlans' does not follow the form most targets here use, "
        "'L<level>.<words-with-hyphens>': for this level 1 target that would be 'L1.care-plans'"
    ]
    assert (
        "would be 'L1.my-target'"
        in _lint(HEAD + "      - {id: L1.a, text: a}\n      - {id: L1.b, text: b}\n      - {id: __, text: c}\n")[0]
    )


def test_problem_codes() -> None:
    doc = parse_text(HEAD + "      - {id: L1.a, text: a}\n      - {id: X.b, text: A}\n", "fw.yaml")
    codes = {p.code for p in lint(doc, validate(Framework, doc))}
    assert codes == {"id-style", "duplicate-text"}


# ---- --against REV ------------------------------------------------------------------------------


def _put(repo: Path, name: str) -> None:
    (repo / "fw.yaml").write_bytes((FRAMEWORKS / f"{name}.yaml").read_bytes())


def test_against_passes_a_big_enough_bump(cli: RunCli, repo: Path) -> None:
    _put(repo, "reword-minor")
    run = cli("framework", "check", "--against", "HEAD", "fw.yaml")
    assert run.code == 0, str(run)
    assert run.stderr == "fw.yaml: framework ward-model 1.1.0 passes every check\n"


def test_against_fails_a_breaking_change_without_a_major_bump(cli: RunCli, repo: Path) -> None:
    _put(repo, "removal-wrong")
    run = cli("framework", "check", "--against", "HEAD", "fw.yaml")
    assert run.code == 2, str(run)
    assert run.stderr == (
        "fw.yaml:3:10: version 1.0.0 → 1.2.0 is a minor bump, but removing 'L1.suggestions' is a breaking change: "
        "make it 2.0.0\n"
        "coprod: 1 problem in fw.yaml. Fix it and run the command again.\n"
    )


def test_against_names_the_worst_change_and_counts_the_rest(cli: RunCli, repo: Path) -> None:
    _put(repo, "threshold-raise")
    run = cli("framework", "check", "--against", "HEAD", "fw.yaml")
    assert run.code == 2, str(run)
    assert run.stderr.splitlines()[0] == (
        "fw.yaml:3:10: version 1.0.0 → 1.0.1 is a patch bump, but raising level 1's threshold from 80% to 90% "
        "is a breaking change: make it 2.0.0 (1 more change: see 'coprod framework diff --git HEAD fw.yaml')"
    )


def test_against_unchanged_version(repo: Path) -> None:
    text = BASE.read_text(encoding="utf-8").replace("Feedback shown on a board", "Feedback shown on a wall board")
    (repo / "fw.yaml").write_text(text, encoding="utf-8")
    assert [p.render() for p in check_against(Path("fw.yaml"), "HEAD")] == [
        "fw.yaml:3:10: version 1.0.0 is unchanged since HEAD, but rewording 'L1.feedback' needs a minor bump: "
        "make it 1.1.0"
    ]


def test_against_version_going_down(repo: Path) -> None:
    (repo / "fw.yaml").write_text(BASE.read_text(encoding="utf-8").replace("1.0.0", "0.9.0"), encoding="utf-8")
    assert [p.render() for p in check_against(Path("fw.yaml"), "HEAD")] == [
        "fw.yaml:3:10: version goes down from 1.0.0 to 0.9.0 since HEAD, but a new version must be higher: "
        "make it 1.0.1"
    ]


def test_against_passes_a_file_new_since_rev(cli: RunCli, repo: Path) -> None:
    (repo / "new.yaml").write_bytes(BASE.read_bytes())
    run = cli("framework", "check", "--against", "HEAD", "new.yaml")
    assert run.code == 0, str(run)


def test_against_passes_when_the_committed_version_is_unreadable(repo: Path) -> None:
    (repo / "fw.yaml").write_text("id: [\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "broken")
    _put(repo, "base")
    assert check_against(Path("fw.yaml"), "HEAD") == []


def test_against_leaves_a_non_semver_version_to_the_linter(cli: RunCli, repo: Path) -> None:
    (repo / "fw.yaml").write_text(BASE.read_text(encoding="utf-8").replace("1.0.0", "v2"), encoding="utf-8")
    run = cli("framework", "check", "--against", "HEAD", "fw.yaml")
    assert run.code == 2, str(run)
    assert run.stderr.splitlines()[0] == (
        "fw.yaml:3:10: version 'v2' is not a semantic version; write three whole numbers MAJOR.MINOR.PATCH, "
        "such as 1.2.0; coprod reads it to tell units how much changed (see 'coprod framework diff')"
    )
    assert len(run.stderr.splitlines()) == 2, str(run)


def test_against_reports_lint_problems_and_the_bump_together(cli: RunCli, repo: Path) -> None:
    text = (FRAMEWORKS / "removal-wrong.yaml").read_text(encoding="utf-8").replace("ethos: We", "ethos: ' '\n#")
    (repo / "fw.yaml").write_text(text, encoding="utf-8")
    run = cli("framework", "check", "--against", "HEAD", "fw.yaml")
    assert run.code == 2, str(run)
    lines = run.stderr.splitlines()
    assert lines[0].startswith("fw.yaml:3:10: version 1.0.0 → 1.2.0 is a minor bump"), str(run)
    assert lines[1].startswith("fw.yaml:10:12: 'ethos' is blank"), str(run)


def test_against_a_tailored_framework(repo: Path) -> None:
    (repo / "parent.yaml").write_bytes(BASE.read_bytes())
    child = "id: local\nversion: 1.0.0\ntitle: Local\nextends: parent.yaml\n"
    (repo / "child.yaml").write_text(child, encoding="utf-8")
    git(repo, "add", "parent.yaml", "child.yaml")
    git(repo, "commit", "-q", "-m", "tailored")
    (repo / "child.yaml").write_text(child + "remove: [L1.suggestions]\n", encoding="utf-8")
    assert [p.render() for p in check_against(Path("child.yaml"), "HEAD")] == [
        "child.yaml:2:10: version 1.0.0 is unchanged since HEAD, but removing 'L1.suggestions' is a breaking "
        "change: make it 2.0.0"
    ]


def test_against_outside_git(cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    (tmp_path / "fw.yaml").write_bytes(BASE.read_bytes())
    monkeypatch.chdir(tmp_path)
    run = cli("framework", "check", "--against", "HEAD", "fw.yaml")
    assert run.code == 2, str(run)
    assert run.stderr.startswith("coprod: fw.yaml: is not in a git repository ("), str(run)


def test_check_against_on_an_invalid_working_file_raises(repo: Path) -> None:
    (repo / "fw.yaml").write_text("id: x\n", encoding="utf-8")
    with pytest.raises(InputError):
        check_against(Path("fw.yaml"), "HEAD")
