"""``coprod history``: every committed version of a unit's file, scored, from a git repository
built in the test — an improving unit, a framework edit in between, a rename and a broken version.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from coprod_cli.errors import InputError, UsageError
from coprod_cli.rollup import history as history_module
from coprod_cli.rollup.history import history, result_at
from coprod_cli.rollup.timeline import SHORT, sparkline
from tests.cli.service_cli import runner
from tests.conftest import ROOT, RunCoprod, git

FRAMEWORK = """\
id: tiny-test
version: "{version}"
title: Tiny test framework
levels:
  - number: 1
    title: Basics
    targets:
      - id: T1.listen
        text: We listen
      - id: T1.reply
        text: We reply
{extra}  - number: 2
    title: Partnership
    threshold: 50
    targets:
      - id: T2.share
        text: We share decisions
enablers:
  - id: E.money
    text: Expenses paid
"""
WELCOME = """\
      - id: T1.welcome
        text: We welcome newcomers
"""


def unit(day: str, *, framework: str = "fw.yaml", **statuses: str) -> str:
    lines = ["unit:", "  name: Ward K", f"framework: {framework}", f"assessed_on: {day}", "targets:"]
    for ident, status in statuses.items():
        target = ident.replace("_", ".")
        if status == "met":
            lines.append(f"  {target}: {{status: met, evidence: [{{description: Seen it, date: {day}}}]}}")
        else:
            lines.append(f"  {target}: {{status: {status}}}")
    return "\n".join(lines) + "\n"


class Repo:
    def __init__(self, root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.root = root
        self.monkeypatch = monkeypatch
        git(root, "init", "-q")
        git(root, "config", "user.name", "Test")
        git(root, "config", "user.email", "test@example.com")

    def write(self, name: str, text: str) -> None:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def commit(self, day: str, message: str) -> str:
        when = f"{day}T12:00:00+00:00"
        self.monkeypatch.setenv("GIT_AUTHOR_DATE", when)
        self.monkeypatch.setenv("GIT_COMMITTER_DATE", when)
        git(self.root, "add", "-A")
        git(self.root, "commit", "-q", "-m", message)
        return git(self.root, "rev-parse", "HEAD")


@pytest.fixture
def clean_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pinned_terminal: None) -> Path:
    """No global or system git settings, and no repository above tmp_path."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    root = tmp_path / "repo"
    root.mkdir()
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def cli(clean_git: Path) -> RunCoprod:
    return runner()


@pytest.fixture
def story(clean_git: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Six commits of one unit: it improves, the framework gains a target, the file moves, one version breaks."""
    repo = Repo(clean_git, monkeypatch)
    commits: dict[str, str] = {}
    repo.write("fw.yaml", FRAMEWORK.format(version="0.1.0", extra=""))
    repo.write("unit.yaml", unit("2026-01-10", T1_listen="not-met", T2_share="not-met"))
    commits["first"] = repo.commit("2026-01-10", "first assessment")
    repo.write("unit.yaml", unit("2026-02-10", T1_listen="met", T1_reply="partial", T2_share="not-met"))
    commits["better"] = repo.commit("2026-02-10", "listening now")
    repo.write("fw.yaml", FRAMEWORK.format(version="0.2.0", extra=WELCOME))
    commits["framework"] = repo.commit("2026-02-20", "framework: welcome newcomers")
    repo.write("unit.yaml", unit("2026-03-10", T1_listen="met", T1_reply="met", T2_share="not-met"))
    commits["replying"] = repo.commit("2026-03-10", "replying now")
    (clean_git / "unit.yaml").unlink()
    repo.write(
        "units/ward.yaml",
        unit(
            "2026-04-10",
            framework="../fw.yaml",
            T1_listen="met",
            T1_reply="met",
            T1_welcome="partial",
            T2_share="not-met",
        ),
    )
    commits["moved"] = repo.commit("2026-04-10", "move into units/")
    repo.write(
        "units/ward.yaml", (clean_git / "units/ward.yaml").read_text().replace("{status: not-met}", "{status: met")
    )
    commits["broken"] = repo.commit("2026-05-10", "oops")
    repo.write(
        "units/ward.yaml",
        unit(
            "2026-06-10", framework="../fw.yaml", T1_listen="met", T1_reply="met", T1_welcome="partial", T2_share="met"
        ),
    )
    commits["sharing"] = repo.commit("2026-06-10", "sharing decisions")
    return commits


def percents(entry: dict[str, object]) -> list[object]:
    levels = entry["levels"]
    assert isinstance(levels, list)
    return [lv["percent"] for lv in levels]


def test_story_in_json(cli: RunCoprod, story: dict[str, str]) -> None:
    run = cli("history", "units/ward.yaml", "--format", "json")
    assert run.code == 0, run
    points = json.loads(run.stdout)
    names = ["first", "better", "replying", "moved", "sharing"]
    assert [p["commit"] for p in points] == [story[n] for n in names]
    assert [p["date"] for p in points] == [
        "2026-01-10T12:00:00+00:00",
        "2026-02-10T12:00:00+00:00",
        "2026-03-10T12:00:00+00:00",
        "2026-04-10T12:00:00+00:00",
        "2026-06-10T12:00:00+00:00",
    ]
    assert [p["path"] for p in points] == ["unit.yaml"] * 3 + ["units/ward.yaml"] * 2
    # As at the time: the framework as committed beside each version.
    assert [p["framework"]["version"] for p in points] == ["0.1.0", "0.1.0", "0.2.0", "0.2.0", "0.2.0"]
    assert [p["framework"]["as_committed"] for p in points] == [True] * 5
    assert [p["framework"]["changed"] for p in points] == [False, False, True, False, False]
    assert [percents(p) for p in points] == [[0.0, 0.0], [75.0, 0.0], [66.7, 0.0], [83.3, 0.0], [83.3, 100.0]]
    assert [p["attained_level"] for p in points] == [0, 0, 0, 1, 2]
    # Against today's framework (0.2.0, with T1.welcome): the change in the unit alone.
    assert [p["today"]["framework"]["version"] for p in points] == ["0.2.0"] * 5
    assert [percents(p["today"]) for p in points] == [[0.0, 0.0], [50.0, 0.0], [66.7, 0.0], [83.3, 0.0], [83.3, 100.0]]
    assert [p["assessed_on"] for p in points] == ["2026-01-10", "2026-02-10", "2026-03-10", "2026-04-10", "2026-06-10"]
    short = story["broken"][:10]
    assert run.stderr.startswith(
        f"coprod: warning: the version of units/ward.yaml in commit {short} (2026-05-10) could not be read "
        f"and is left out: {short}:units/ward.yaml:"
    ), run
    assert run.stderr.count("\n") == 1, run


GOLDEN = ROOT / "tests" / "golden" / "history"
FORMATS = {"txt": "text", "md": "markdown"}
REGEN = "python -m tests.rollup.test_history"
TRANSLATED = {"cy": ("cy", FORMATS), "cy+en": ("cy+en", {"md": "markdown"})}
"""Each golden stem beside story's English one: ``story.<stem>.<suffix>``, made with ``--lang``."""


def with_names(text: str, commits: dict[str, str]) -> str:
    """Commit hashes differ with git's object format; the goldens name each commit instead."""
    for name, commit in commits.items():
        text = text.replace(commit[:SHORT], f"<{name}>".ljust(SHORT))
    return text


@pytest.mark.parametrize("suffix", sorted(FORMATS))
def test_story_matches_golden(cli: RunCoprod, story: dict[str, str], suffix: str) -> None:
    run = cli("history", "units/ward.yaml", "--format", FORMATS[suffix])
    assert run.code == 0, run
    expected = (GOLDEN / f"story.{suffix}").read_text(encoding="utf-8")
    assert with_names(run.stdout, story) == expected, f"tests/golden/history/story.{suffix} differs; run: {REGEN}"


@pytest.mark.parametrize(
    ("stem", "suffix"), [(stem, suffix) for stem, (_, formats) in TRANSLATED.items() for suffix in sorted(formats)]
)
def test_story_in_welsh_matches_golden(cli: RunCoprod, story: dict[str, str], stem: str, suffix: str) -> None:
    lang, formats = TRANSLATED[stem]
    run = cli("history", "units/ward.yaml", "--format", formats[suffix], "--lang", lang)
    assert run.code == 0, run
    expected = (GOLDEN / f"story.{stem}.{suffix}").read_text(encoding="utf-8")
    assert with_names(run.stdout, story) == expected, (
        f"tests/golden/history/story.{stem}.{suffix} differs; run: {REGEN}"
    )


def regenerate() -> None:
    """Rewrite the golden files of this module: build the story in a temporary folder and run it."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as mp:
        os.environ.update(COLUMNS="100", NO_COLOR="1")  # what the pinned_terminal fixture sets
        root = clean_git.__wrapped__(Path(folder), mp, None)  # type: ignore[attr-defined]
        commits = story.__wrapped__(root, mp)  # type: ignore[attr-defined]
        run = runner()
        GOLDEN.mkdir(exist_ok=True)
        for suffix, fmt in FORMATS.items():
            done = run("history", "units/ward.yaml", "--format", fmt)
            (GOLDEN / f"story.{suffix}").write_text(with_names(done.stdout, commits), encoding="utf-8")
        for stem, (lang, formats) in TRANSLATED.items():
            for suffix, fmt in formats.items():
                done = run("history", "units/ward.yaml", "--format", fmt, "--lang", lang)
                (GOLDEN / f"story.{stem}.{suffix}").write_text(with_names(done.stdout, commits), encoding="utf-8")
    print("wrote tests/golden/history/story.*", file=sys.stderr)


def test_the_commit_ids_it_names_are_its_own(story: dict[str, str]) -> None:
    """Its output scan blanks these (see tests/privacy/test_guard.py): coprod wrote them, not a person."""
    found = history(Path("units/ward.yaml"))
    ids = [story[n] for n in ("first", "better", "replying", "moved", "sharing", "broken")]
    assert sorted(found.commits) == sorted([*ids, *(i[:SHORT] for i in ids)])


def test_sparkline() -> None:
    assert sparkline([0, 12.4, 12.5, 50, 87.4, 87.5, 100, None]) == "▁▁▂▅▇██·"


if __name__ == "__main__":
    regenerate()


# ---- clear messages ------------------------------------------------------------------------


def test_not_a_git_repository(cli: RunCoprod, clean_git: Path) -> None:
    Path("unit.yaml").write_text(unit("2026-01-10"), encoding="utf-8")
    run = cli("history", "unit.yaml")
    assert run.code == 2
    assert run.stderr.startswith("coprod: unit.yaml: is not in a git repository (fatal: not a git repository"), run
    assert run.stderr.endswith(
        "coprod history reads the versions git has committed, so run it on a file inside a git clone\n"
    )


def test_never_committed(cli: RunCoprod, clean_git: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = Repo(clean_git, monkeypatch)
    repo.write("unit.yaml", unit("2026-01-10"))
    expected = (
        "coprod: unit.yaml: has never been committed, so git has no versions of it yet; "
        "commit it (git add unit.yaml && git commit) and run this again\n"
    )
    run = cli("history", "unit.yaml")  # a repository without any commit yet
    assert (run.code, run.stderr) == (2, expected), run
    repo.write("other.yaml", "x: 1\n")
    git(clean_git, "add", "other.yaml")
    git(clean_git, "commit", "-q", "-m", "something else")
    run = cli("history", "unit.yaml")
    assert (run.code, run.stderr) == (2, expected), run
    run = cli("history", "gone.yaml")
    assert (run.code, run.stderr) == (
        2,
        "coprod: gone.yaml: no such file, and git has no record of it; check the name\n",
    )


def test_no_version_can_be_read(cli: RunCoprod, clean_git: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = Repo(clean_git, monkeypatch)
    repo.write("unit.yaml", "unit: [\n")
    first = repo.commit("2026-01-10", "broken")
    repo.write("unit.yaml", "unit: {name: W}\n")
    second = repo.commit("2026-01-11", "still broken")
    run = cli("history", "unit.yaml")
    assert run.code == 2
    assert run.stdout == ""
    assert f"{first[:SHORT]}:unit.yaml:2:1: the file ends inside a '[…]' or '{{…}}' that is never closed" in run.stderr
    assert f"{second[:SHORT]}:unit.yaml:1:1: 'assessed_on' is missing" in run.stderr
    assert run.stderr.endswith("Fix them and run the command again.\n"), run


def test_built_in_framework_is_read_as_today(cli: RunCoprod, clean_git: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = Repo(clean_git, monkeypatch)
    repo.write("unit.yaml", "unit: {name: W}\nassessed_on: 2026-01-10\n")
    repo.commit("2026-01-10", "first")
    repo.write("unit.yaml", "unit: {name: W}\nframework: rehab-recovery\nassessed_on: 2026-02-10\n")
    repo.commit("2026-02-10", "second")
    run = cli("history", "unit.yaml", "--format", "json")
    assert run.code == 0, run
    points = json.loads(run.stdout)
    assert [(p["framework"]["id"], p["framework"]["as_committed"]) for p in points] == [("rehab-recovery", False)] * 2
    text = cli("history", "unit.yaml").stdout
    assert "rehab-recovery 1.0.0 (as today)" in text
    assert "Against today's framework" not in text
    assert "'as today': a built-in framework (or one named by id) is read as installed today" in text
    markdown = cli("history", "unit.yaml", "--format", "markdown").stdout
    assert "“As today” marks a framework that coprod read as it is installed today" in markdown
    assert "Against today's framework" not in markdown


def test_framework_not_committed_with_the_version(
    cli: RunCoprod, clean_git: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = Repo(clean_git, monkeypatch)
    repo.write("unit.yaml", unit("2026-01-10", T1_listen="met"))
    first = repo.commit("2026-01-10", "unit only")
    repo.write("fw.yaml", FRAMEWORK.format(version="0.1.0", extra=""))
    repo.commit("2026-01-11", "framework too")
    run = cli("history", "unit.yaml")
    assert run.code == 2, run
    assert run.stderr.startswith(
        f"{first[:SHORT]}:unit.yaml:3:12: framework file 'fw.yaml' was not in the repository at {first[:SHORT]}; "
        "commit the framework file together with the evidence file that names it\n"
    ), run


def test_versions_that_do_not_fit_todays_framework(
    cli: RunCoprod, clean_git: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = Repo(clean_git, monkeypatch)
    repo.write("fw.yaml", FRAMEWORK.format(version="0.2.0", extra=WELCOME))
    repo.write("unit.yaml", unit("2026-01-10", T1_listen="met", T1_welcome="met"))
    repo.commit("2026-01-10", "with welcome")
    fewer = FRAMEWORK.format(version="1.0.0", extra="").replace("      - id: T1.reply\n        text: We reply\n", "")
    repo.write("fw.yaml", fewer.replace("enablers:\n  - id: E.money\n    text: Expenses paid\n", ""))
    repo.write("unit.yaml", unit("2026-02-10", T1_listen="met"))
    repo.commit("2026-02-10", "framework drops targets")
    # The first version names T1.welcome and T1.reply, which today's framework no longer has:
    # they are set aside, as 'coprod migrate' would retire them, and the rest is scored.
    (clean_git / "unit.yaml").write_text(
        unit("2026-02-10", T1_listen="met").replace("targets:", "enablers:\n  E.money: {status: met}\ntargets:"),
        encoding="utf-8",
    )
    run = cli("history", "unit.yaml", "--format", "json")
    assert run.code == 0, run
    points = json.loads(run.stdout)
    assert [percents(p) for p in points] == [[66.7, 0.0], [100.0, 0.0]]
    assert [percents(p["today"]) for p in points] == [[100.0, 0.0], [100.0, 0.0]]


def test_todays_framework_cannot_be_read(cli: RunCoprod, story: dict[str, str]) -> None:
    Path("units/ward.yaml").write_text(unit("2026-07-01", framework="../missing.yaml"), encoding="utf-8")
    run = cli("history", "units/ward.yaml", "--format", "json")
    assert run.code == 0, run
    assert [p["today"] for p in json.loads(run.stdout)] == [None] * 5
    text = cli("history", "units/ward.yaml").stdout
    assert "Today's framework could not be read: units/ward.yaml:3:12: framework file '../missing.yaml'" in text
    markdown = cli("history", "units/ward.yaml", "--format", "markdown").stdout
    assert "Today's framework could not be read, so no version is scored against it: units/ward.yaml:3:12:" in markdown


def test_written_to_a_file(cli: RunCoprod, story: dict[str, str]) -> None:
    run = cli("history", "units/ward.yaml", "--format", "markdown", "-o", "history.md")
    assert run.code == 0, run
    assert run.stderr.startswith("Wrote history.md.\ncoprod: warning: the version of units/ward.yaml in commit ")
    assert with_names(Path("history.md").read_text(encoding="utf-8"), story) == (GOLDEN / "story.md").read_text(
        encoding="utf-8"
    )
    run = cli("history", "units/ward.yaml", "-o", "units/ward.yaml", "--force")
    assert run.code == 2
    assert "this is an input file" in run.stderr


# ---- --since: the version at a revision ------------------------------------------------------


def test_result_at_a_revision(story: dict[str, str]) -> None:
    path = Path("units/ward.yaml")
    then = result_at(story["moved"], path)
    assert then.file == f"{story['moved']}:units/ward.yaml"
    assert [lv.percent for lv in then.levels] == [83.3, 0.0]
    assert then.framework.version == "0.2.0"
    first = result_at("HEAD~5", Path("units/../unit.yaml"))
    assert first.framework.version == "0.1.0"
    with pytest.raises(InputError, match=r"this '\{' mapping is never closed"):
        result_at("HEAD~1", path)
    with pytest.raises(UsageError, match="unknown revision 'nope' in the git repository at"):
        result_at("nope", path)
    with pytest.raises(
        UsageError, match=r"units/ward.yaml: is not in revision 'HEAD~5' \(it was added or renamed since\)"
    ):
        result_at("HEAD~5", path)


def test_since_from_a_revision(story: dict[str, str]) -> None:
    from coprod_cli.rollup.compare import since_from_rev
    from coprod_cli.scoring.check import load_evidence
    from coprod_cli.scoring.score import score

    now = score(load_evidence(Path("units/ward.yaml"), "units/ward.yaml"))
    since = since_from_rev(story["moved"], Path("units/ward.yaml"), now)
    assert [t.id for t in since.improved] == ["T2.share"]
    assert since.same_framework


def test_history_in_the_core_outside_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    with pytest.raises(UsageError, match="nowhere' does not exist; check the file name"):
        history(tmp_path / "nowhere" / "unit.yaml")


def test_deleted_and_added_again_and_other_kinds_of_version(
    cli: RunCoprod, clean_git: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = Repo(clean_git, monkeypatch)
    repo.write("unit.yaml", FRAMEWORK.format(version="0.1.0", extra=""))
    framework_commit = repo.commit("2026-01-01", "a framework where the unit will be")
    git(clean_git, "rm", "-q", "unit.yaml")
    repo.commit("2026-01-02", "gone")
    (clean_git / "outside.yaml").parent.mkdir(exist_ok=True)
    repo.write("unit.yaml", "unit: {name: W}\nassessed_on: 2026-01-10\n")
    repo.commit("2026-01-10", "back, as evidence")
    # A framework named by a path outside the repository (in a --frameworks-dir folder, or the
    # path would be refused) is read as it is today.
    (clean_git.parent / "outside.yaml").write_text(FRAMEWORK.format(version="9.0.0", extra=""), encoding="utf-8")
    repo.write("unit.yaml", "unit: {name: W}\nframework: ../outside.yaml\nassessed_on: 2026-01-11\n")
    repo.commit("2026-01-11", "outside framework")
    run = cli("history", "unit.yaml", "--format", "json", "--frameworks-dir", str(clean_git.parent))
    assert run.code == 0, run
    points = json.loads(run.stdout)
    assert [(p["framework"]["id"], p["framework"]["version"], p["framework"]["as_committed"]) for p in points] == [
        ("rehab-recovery", "1.0.0", False),
        ("tiny-test", "9.0.0", False),
    ]
    short = framework_commit[:SHORT]
    assert run.stderr.startswith(
        f"coprod: warning: the version of unit.yaml in commit {short} (2026-01-01) could not be read and is left "
        f"out: {short}:unit.yaml:1:1: is a framework file here, not a unit's evidence file\n"
    ), run
    # Against today's framework (the outside one), the first version's targets all count as not assessed.
    assert [p["today"]["framework"]["version"] for p in points] == ["9.0.0", "9.0.0"]


def test_working_file_unreadable_uses_the_newest_version(cli: RunCoprod, story: dict[str, str]) -> None:
    Path("units/ward.yaml").write_text("unit: [\n", encoding="utf-8")
    run = cli("history", "units/ward.yaml", "--format", "json")
    assert run.code == 0, run
    assert [p["today"]["framework"]["version"] for p in json.loads(run.stdout)] == ["0.2.0"] * 5


def test_enablers_todays_framework_does_not_have(
    cli: RunCoprod, clean_git: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = Repo(clean_git, monkeypatch)
    repo.write("fw.yaml", FRAMEWORK.format(version="0.1.0", extra=""))
    repo.write("unit.yaml", unit("2026-01-10", T1_listen="met") + "enablers:\n  E.money: {status: partial}\n")
    repo.commit("2026-01-10", "with an enabler")
    no_enablers = FRAMEWORK.format(version="1.0.0", extra="").split("enablers:")[0]
    repo.write("fw.yaml", no_enablers)
    repo.write("unit.yaml", unit("2026-02-10", T1_listen="met"))
    repo.commit("2026-02-10", "no enablers any more")
    points = json.loads(cli("history", "unit.yaml", "--format", "json").stdout)
    assert [p["today"]["attained_level"] for p in points] == [0, 0]


def test_revisions_that_look_like_options(story: dict[str, str]) -> None:
    for rev in ("", "--output=x"):
        with pytest.raises(UsageError, match="unknown revision"):
            result_at(rev, Path("units/ward.yaml"))


def test_git_stopping_ends_the_command_instead_of_breaking_every_version(
    story: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from coprod_cli.reading.gitfiles import Blobs

    def stopped(self: Blobs, name: str) -> bytes | None:
        raise UsageError("git cat-file stopped while reading from the repository; run it again")

    monkeypatch.setattr(Blobs, "read", stopped)
    with pytest.raises(UsageError, match="git cat-file stopped"):
        history(Path("units/ward.yaml"))


def test_git_processes_do_not_grow_with_the_versions(story: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    """One git log lists the versions; one git cat-file --batch reads every version and every
    framework file as committed beside it (six versions here, each naming a framework by path)."""
    started: list[str] = []
    real_popen = subprocess.Popen

    def popen(args: list[str], *more: Any, **options: Any) -> Any:  # subprocess.run starts each through Popen
        started.append(" ".join(args[3:5]))
        return real_popen(args, *more, **options)

    monkeypatch.setattr(subprocess, "Popen", popen)
    found = history(Path("units/ward.yaml"))
    assert len(found.points) + len(found.broken) == 6
    assert started == ["rev-parse --show-toplevel", "rev-parse --verify", "log --follow", "cat-file --batch"]


def test_each_version_is_scored_once_when_its_framework_is_todays(
    clean_git: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = Repo(clean_git, monkeypatch)
    example = (ROOT / "examples" / "locked-rehab-unit.yaml").read_text(encoding="utf-8")
    assert "\nframework: rehab-recovery\n" in example  # the built-in framework, then and now
    for n, day in enumerate(("2026-01-10", "2026-02-10", "2026-03-10")):
        repo.write("unit.yaml", example + f"# edit {n}\n")
        repo.commit(day, f"edit {n}")
    scored: list[str] = []
    real_score = history_module.score

    def counting(assessment: Any) -> Any:
        scored.append(assessment.doc.path)
        return real_score(assessment)

    monkeypatch.setattr(history_module, "score", counting)
    found = history(Path("unit.yaml"))
    assert len(found.points) == 3
    assert len(scored) == 3, scored
    assert all(p.today == p.result for p in found.points)
    assert not found.framework_changed
