"""``coprod framework diff``: every kind of change, the version verdict, golden outputs, ``--git``.

Golden cases are discovered: for each ``tests/frameworks/<name>.diff.txt`` the command
``coprod framework diff tests/frameworks/base.yaml tests/frameworks/<name>.yaml`` must print
exactly that file, and with ``--format json`` exactly ``<name>.diff.json``.
"""

from __future__ import annotations

import copy
import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter

from coprod_cli.framework.diff import diff, render_json, render_text
from coprod_cli.model.models import Framework
from tests.conftest import ROOT, Run, RunCoprod, git, new_repo

FRAMEWORKS = ROOT / "tests" / "frameworks"
BASE = FRAMEWORKS / "base.yaml"
GOLDEN = sorted(p.name.removesuffix(".diff.txt") for p in FRAMEWORKS.glob("*.diff.txt"))


# ---- running the commands -------------------------------------------------------------


RunCli = Callable[..., Run]


@pytest.fixture
def cli(coprod: RunCoprod) -> RunCli:
    """The real coprod command (the framework commands are registered in cli.py)."""
    return coprod


# ---- one change at a time ---------------------------------------------------------------

BASE_DATA: dict[str, Any] = {
    "id": "ward-model",
    "version": "1.0.0",
    "title": "Ward model",
    "description": "Two levels.",
    "source": {"authors": ["A. Author"], "year": 2016, "title": "A paper"},
    "review_months": 12,
    "levels": [
        {
            "number": 1,
            "title": "Listening",
            "ethos": "We listen",
            "threshold": 80,
            "targets": [
                {"id": "L1.meetings", "text": "Regular meetings"},
                {"id": "L1.boxes", "text": "Suggestion boxes"},
            ],
        },
        {
            "number": 2,
            "title": "Partnership",
            "threshold": 80,
            "targets": [{"id": "L2.recruit", "text": "Help recruit staff", "required": True}],
        },
    ],
    "enablers": [{"id": "E.pay", "text": "Expenses paid"}],
    "guidance": [{"challenge": "Nobody comes", "ideas": [{"text": "Tea", "helps": ["L1.meetings"]}]}],
}


def framework(edit: Callable[[dict[str, Any]], object] | None = None, version: str = "1.0.0") -> Framework:
    data = copy.deepcopy(BASE_DATA)
    data["version"] = version
    if edit is not None:
        edit(data)
    return TypeAdapter(Framework).validate_python(data)


def _targets(data: dict[str, Any], level: int) -> list[dict[str, Any]]:
    targets: list[dict[str, Any]] = data["levels"][level - 1]["targets"]
    return targets


def _level(data: dict[str, Any], level: int) -> dict[str, Any]:
    found: dict[str, Any] = data["levels"][level - 1]
    return found


# (name, edit, kind, needs, message)
CHANGES: list[tuple[str, Callable[[dict[str, Any]], object], str, str, str]] = [
    (
        "target added",
        lambda d: _targets(d, 1).append({"id": "L1.buddy", "text": "Buddies"}),
        "target-added",
        "minor",
        'L1.buddy added to level 1: "Buddies"',
    ),
    (
        "required target added",
        lambda d: _targets(d, 2).append({"id": "L2.chair", "text": "Chair meetings", "required": True}),
        "target-added",
        "major",
        'L2.chair added to level 2 as a required target: "Chair meetings" (breaking)',
    ),
    (
        "target removed",
        lambda d: _targets(d, 1).pop(),
        "target-removed",
        "major",
        'L1.boxes removed from level 1: "Suggestion boxes" (breaking)',
    ),
    (
        "target moved",
        lambda d: _targets(d, 2).append(_targets(d, 1).pop()),
        "target-moved",
        "major",
        "L1.boxes moved from level 1 to level 2 (breaking)",
    ),
    (
        "target reworded",
        lambda d: _targets(d, 1)[0].update(text="Regular community meetings"),
        "target-reworded",
        "minor",
        'L1.meetings reworded: "Regular meetings" → "Regular community meetings"',
    ),
    (
        "target made required",
        lambda d: _targets(d, 1)[0].update(required=True),
        "target-required",
        "major",
        "L1.meetings is now required: level 1 is not achieved until it is met (breaking)",
    ),
    (
        "target no longer required",
        lambda d: _targets(d, 2)[0].update(required=False),
        "target-required",
        "minor",
        "L2.recruit is no longer required",
    ),
    (
        "enabler added",
        lambda d: d["enablers"].append({"id": "E.train", "text": "Training"}),
        "enabler-added",
        "minor",
        'enabler E.train added: "Training"',
    ),
    (
        "enabler removed",
        lambda d: d["enablers"].clear(),
        "enabler-removed",
        "major",
        'enabler E.pay removed: "Expenses paid" (breaking)',
    ),
    (
        "enabler reworded",
        lambda d: d["enablers"][0].update(text="Expenses paid promptly"),
        "enabler-reworded",
        "minor",
        'enabler E.pay reworded: "Expenses paid" → "Expenses paid promptly"',
    ),
    (
        "level retitled",
        lambda d: _level(d, 2).update(title="Working together"),
        "level-retitled",
        "minor",
        'level 2 retitled: "Partnership" → "Working together"',
    ),
    (
        "threshold raised",
        lambda d: _level(d, 1).update(threshold=81),
        "level-threshold",
        "major",
        "level 1 threshold raised from 80% to 81% (breaking)",
    ),
    (
        "threshold lowered",
        lambda d: _level(d, 1).update(threshold=75),
        "level-threshold",
        "minor",
        "level 1 threshold lowered from 80% to 75%",
    ),
    (
        "ethos reworded",
        lambda d: _level(d, 1).update(ethos="We listen to you"),
        "level-text",
        "patch",
        'level 1 ethos reworded: "We listen" → "We listen to you"',
    ),
    (
        "ethos removed",
        lambda d: _level(d, 1).pop("ethos"),
        "level-text",
        "patch",
        'level 1 ethos removed: "We listen"',
    ),
    (
        "summary added",
        lambda d: _level(d, 2).update(summary="Side by side"),
        "level-text",
        "patch",
        'level 2 summary added: "Side by side"',
    ),
    (
        "review_months shortened",
        lambda d: d.update(review_months=6),
        "review-months",
        "major",
        "review_months shortened from 12 to 6: evidence goes stale sooner (breaking)",
    ),
    (
        "review_months lengthened",
        lambda d: d.update(review_months=18),
        "review-months",
        "minor",
        "review_months lengthened from 12 to 18",
    ),
    (
        "framework id changed",
        lambda d: d.update(id="my-ward-model"),
        "framework-id",
        "major",
        "framework id changed from 'ward-model' to 'my-ward-model': evidence files naming 'ward-model' "
        "no longer find it (breaking)",
    ),
    (
        "title reworded",
        lambda d: d.update(title="The ward model"),
        "framework-text",
        "patch",
        'title reworded: "Ward model" → "The ward model"',
    ),
    (
        "description removed",
        lambda d: d.pop("description"),
        "framework-text",
        "patch",
        'description removed: "Two levels."',
    ),
    ("source changed", lambda d: d["source"].update(year=2017), "framework-text", "patch", "source changed"),
    (
        "guidance added",
        lambda d: d["guidance"].append({"challenge": "No time", "ideas": []}),
        "guidance",
        "patch",
        'guidance added: "No time"',
    ),
    ("guidance removed", lambda d: d["guidance"].clear(), "guidance", "patch", 'guidance removed: "Nobody comes"'),
    (
        "guidance idea changed",
        lambda d: d["guidance"][0]["ideas"][0]["helps"].append("E.pay"),
        "guidance",
        "patch",
        'guidance ideas changed for "Nobody comes": "Tea" now helps L1.meetings, E.pay (was L1.meetings)',
    ),
]


@pytest.mark.parametrize(("edit", "kind", "needs", "message"), [c[1:] for c in CHANGES], ids=[c[0] for c in CHANGES])
def test_each_change_alone(edit: Callable[[dict[str, Any]], object], kind: str, needs: str, message: str) -> None:
    d = diff(framework(), framework(edit))
    assert [(c.kind, c.needs, c.message) for c in d.changes] == [(kind, needs, message)]
    assert d.needs == needs
    assert d.breaking is (needs == "major")
    assert d.version_ok is False  # every change needs a bump, and 1.0.0 → 1.0.0 is none


def test_removing_a_level_removes_its_targets() -> None:
    d = diff(framework(), framework(lambda d: d["levels"].pop()))
    assert [c.message for c in d.changes] == [
        'L2.recruit removed from level 2: "Help recruit staff" (breaking)',
        'level 2 removed: "Partnership" (breaking)',
    ]
    assert d.removed == ("L2.recruit",)
    assert d.breaking


def test_adding_a_level_adds_its_targets() -> None:
    level = {"number": 3, "title": "Co-production", "targets": [{"id": "L3.lead", "text": "Lead"}]}
    d = diff(framework(), framework(lambda d: d["levels"].append(level), version="1.1.0"))
    assert [c.message for c in d.changes] == [
        'L3.lead added to level 3: "Lead"',
        'level 3 added: "Co-production" (threshold 80%)',
    ]
    assert d.added == ("L3.lead",)
    assert d.needs == "minor"
    assert d.version_ok


def test_whitespace_only_edits_are_not_changes() -> None:
    def rewrap(d: dict[str, Any]) -> None:
        _targets(d, 1)[0]["text"] = "Regular\n  meetings "
        d["enablers"][0]["text"] = " Expenses   paid"
        d["guidance"][0]["challenge"] = "Nobody  comes"

    d = diff(framework(), framework(rewrap))
    assert d.changes == ()
    assert d.needs == "none"
    assert d.version_ok
    assert d.verdict == "no change that needs a new version (1.0.0 → 1.0.0: ok)"


def test_id_lists_and_order() -> None:
    def edit(d: dict[str, Any]) -> None:
        _targets(d, 1).insert(0, {"id": "L1.first", "text": "First"})
        _targets(d, 1)[2]["text"] = "Suggestion boxes everywhere"  # L1.boxes
        _targets(d, 1)[1]["text"] = "Regular meetings for all"  # L1.meetings
        _targets(d, 2).append({"id": "L2.new", "text": "New"})
        _targets(d, 2)[0]["required"] = False
        d["enablers"].clear()

    d = diff(framework(), framework(edit, version="2.0.0"))
    assert d.added == ("L1.first", "L2.new")
    assert d.changed == ("L1.meetings", "L1.boxes", "L2.recruit")
    assert d.removed == ()
    assert d.needs == "major"
    assert d.version_ok


def test_a_target_both_moved_and_reworded_is_changed_once() -> None:
    def edit(d: dict[str, Any]) -> None:
        moved = _targets(d, 1).pop()
        moved["text"] = "Boxes"
        _targets(d, 2).append(moved)

    d = diff(framework(), framework(edit))
    assert d.changed == ("L1.boxes",)
    assert [c.kind for c in d.changes] == ["target-moved", "target-reworded"]
    assert d.changes[0].old == 1
    assert d.changes[0].new == 2
    assert d.changes[0].level == 2


REWORD = (lambda d: _targets(d, 1)[0].update(text="Meetings every week"), "minor")
REMOVE = (lambda d: _targets(d, 1).pop(), "major")
TITLE = (lambda d: d.update(title="The ward model"), "patch")
VERDICTS: list[tuple[str, Any, str, str | None, bool, str | None, str]] = [
    ("1.0.0", None, "1.0.0", "none", True, None, "no change that needs a new version (1.0.0 → 1.0.0: ok)"),
    ("1.0.0", None, "1.0.1", "patch", True, None, "no change that needs a new version (1.0.0 → 1.0.1 is a patch: ok)"),
    (
        "1.1.0",
        None,
        "1.0.0",
        "downgrade",
        False,
        "1.1.1",
        "no change that needs a new version (1.1.0 → 1.0.0 goes down; make it 1.1.1)",
    ),
    ("1.0.0", TITLE, "1.0.1", "patch", True, None, "needs a patch version (1.0.0 → 1.0.1 is a patch: ok)"),
    (
        "1.0.0",
        TITLE,
        "1.0.0",
        "none",
        False,
        "1.0.1",
        "needs a patch version (1.0.0 → 1.0.0 is no bump; make it 1.0.1)",
    ),
    ("1.0.0", REWORD, "1.1.0", "minor", True, None, "needs a minor version (1.0.0 → 1.1.0 is minor: ok)"),
    ("1.0.0", REWORD, "2.0.0", "major", True, None, "needs a minor version (1.0.0 → 2.0.0 is major: ok)"),
    (
        "1.0.0",
        REWORD,
        "1.0.1",
        "patch",
        False,
        "1.1.0",
        "needs a minor version (1.0.0 → 1.0.1 is only a patch; make it 1.1.0)",
    ),
    (
        "1.0.0",
        REMOVE,
        "1.1.0",
        "minor",
        False,
        "2.0.0",
        "breaking change: needs a major version (1.0.0 → 1.1.0 is only minor; make it 2.0.0)",
    ),
    (
        "1.0.0",
        REMOVE,
        "2.0.0",
        "major",
        True,
        None,
        "breaking change: needs a major version (1.0.0 → 2.0.0 is major: ok)",
    ),
    (
        "2.0.0-rc.1",
        REMOVE,
        "2.0.0",
        "major",
        True,
        None,
        "breaking change: needs a major version (2.0.0-rc.1 → 2.0.0 is major: ok)",
    ),
    (
        "1.0",
        REMOVE,
        "2.0.0",
        None,
        False,
        None,
        "breaking change: needs a major version, but the old version '1.0' is not a semantic version; "
        "write three whole numbers MAJOR.MINOR.PATCH, such as 1.2.0",
    ),
    (
        "1.0.0",
        REWORD,
        "v1.1.0",
        None,
        False,
        None,
        "needs a minor version, but the new version 'v1.1.0' is not a semantic version; "
        "drop the leading 'v': write 1.1.0",
    ),
]


@pytest.mark.parametrize(("old", "change", "new", "bump", "ok", "suggested", "verdict"), VERDICTS)
def test_version_verdict(
    old: str,
    change: tuple[Callable[[dict[str, Any]], object], str] | None,
    new: str,
    bump: str | None,
    ok: bool,
    suggested: str | None,
    verdict: str,
) -> None:
    d = diff(framework(version=old), framework(change[0] if change else None, version=new))
    assert d.needs == (change[1] if change else "none")
    assert d.bump == bump
    assert d.version_ok is ok
    assert d.suggested == suggested
    assert d.verdict == verdict


def test_render_text_without_changes() -> None:
    assert render_text(diff(framework(), framework())) == (
        "ward-model 1.0.0 → ward-model 1.0.0\n"
        "\n"
        "No changes to the levels, targets, enablers or guidance.\n"
        "\n"
        "Verdict: no change that needs a new version (1.0.0 → 1.0.0: ok)\n"
    )


def test_render_json_keys() -> None:
    out = render_json(diff(framework(), framework(REMOVE[0], version="1.1.0")))
    assert list(out)[:5] == ["added", "removed", "changed", "breaking", "version_ok"]
    assert out["removed"] == ["L1.boxes"]
    assert out["breaking"] is True
    assert out["version_ok"] is False
    assert out["needs"] == "major"
    assert out["old"] == {"id": "ward-model", "version": "1.0.0"}
    assert out["new"] == {"id": "ward-model", "version": "1.1.0"}
    assert out["details"][0]["kind"] == "target-removed"
    json.dumps(out)  # plain JSON types only


# ---- golden outputs through the command ----------------------------------------------------


def test_golden_cases_are_there() -> None:
    assert set(GOLDEN) >= {"reword-minor", "removal-wrong", "moved", "threshold-raise", "newly-required"}
    for name in GOLDEN:
        assert (FRAMEWORKS / f"{name}.yaml").is_file(), name
        assert (FRAMEWORKS / f"{name}.diff.json").is_file(), name


@pytest.mark.parametrize("name", GOLDEN)
def test_golden_text(cli: RunCli, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.chdir(ROOT)
    run = cli("framework", "diff", "tests/frameworks/base.yaml", f"tests/frameworks/{name}.yaml")
    expected = (FRAMEWORKS / f"{name}.diff.txt").read_text(encoding="utf-8")
    assert run.code == 0, str(run)
    assert run.stdout == expected, str(run)
    assert run.stderr == "", str(run)


@pytest.mark.parametrize("name", GOLDEN)
def test_golden_json(cli: RunCli, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.chdir(ROOT)
    run = cli("framework", "diff", "tests/frameworks/base.yaml", f"tests/frameworks/{name}.yaml", "--format", "json")
    expected = (FRAMEWORKS / f"{name}.diff.json").read_text(encoding="utf-8")
    assert run.code == 0, str(run)
    assert run.stdout == expected, str(run)
    data = json.loads(run.stdout)
    assert {"added", "removed", "changed", "breaking", "version_ok"} <= set(data)


def test_breaking_and_wrongly_versioned_still_exits_0(cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    run = cli("framework", "diff", "tests/frameworks/base.yaml", "tests/frameworks/removal-wrong.yaml")
    assert run.code == 0, str(run)
    assert run.stdout.endswith(
        "Verdict: breaking change: needs a major version (1.0.0 → 1.2.0 is only minor; make it 2.0.0)\n"
    )


def test_built_in_id_compared_with_a_file(cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    run = cli("framework", "diff", "rehab-recovery", "frameworks/rehab-recovery.yaml", "--format", "json")
    assert run.code == 0, str(run)
    data = json.loads(run.stdout)
    assert data["added"] == data["removed"] == data["changed"] == []
    assert data["version_ok"] is True


def test_two_frameworks_are_needed(cli: RunCli) -> None:
    run = cli("framework", "diff", "rehab-recovery")
    assert run.code == 2, str(run)
    assert run.stderr == (
        "coprod: give two frameworks to compare, OLD and NEW (files or ids), or compare a file with its "
        "committed version: coprod framework diff --git HEAD FILE\n"
    )


def test_unknown_framework_id(cli: RunCli) -> None:
    run = cli("framework", "diff", "rehab-recovery", "rehab-recovry")
    assert run.code == 2, str(run)
    assert run.stderr.startswith(
        "framework diff NEW: unknown framework 'rehab-recovry' — did you mean 'rehab-recovery'?"
    ), str(run)


def test_invalid_framework_file(cli: RunCli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("id: x\nversion: 1.0.0\ntitle: X\nlevels: []\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run = cli("framework", "diff", "rehab-recovery", "bad.yaml")
    assert run.code == 2, str(run)
    assert "bad.yaml:4:9: a framework needs at least one level" in run.stderr, str(run)


# ---- --git -----------------------------------------------------------------------------------


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository with tests/frameworks/base.yaml committed as fw.yaml, cwd set to it."""
    root = new_repo(tmp_path, monkeypatch)
    (root / "fw.yaml").write_bytes(BASE.read_bytes())
    git(root, "add", "fw.yaml")
    git(root, "commit", "-q", "-m", "base")
    monkeypatch.chdir(root)
    return root


def test_git_compares_the_committed_file_with_the_working_file(cli: RunCli, repo: Path) -> None:
    (repo / "fw.yaml").write_bytes((FRAMEWORKS / "removal-wrong.yaml").read_bytes())
    run = cli("framework", "diff", "--git", "HEAD", "fw.yaml")
    assert run.code == 0, str(run)
    assert run.stdout == (FRAMEWORKS / "removal-wrong.diff.txt").read_text(encoding="utf-8")
    run = cli("framework", "diff", "--git", "HEAD", "fw.yaml", "--format", "json")
    assert run.stdout == (FRAMEWORKS / "removal-wrong.diff.json").read_text(encoding="utf-8")


def test_git_from_a_subfolder_and_a_branch_name(cli: RunCli, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "sub").mkdir()
    git(repo, "mv", "fw.yaml", "sub/fw.yaml")
    git(repo, "commit", "-q", "-m", "move")
    git(repo, "branch", "stable")
    (repo / "sub" / "fw.yaml").write_bytes((FRAMEWORKS / "reword-minor.yaml").read_bytes())
    monkeypatch.chdir(repo / "sub")
    run = cli("framework", "diff", "--git", "stable", "fw.yaml", "--format", "json")
    assert run.code == 0, str(run)
    assert json.loads(run.stdout)["version_ok"] is True


def test_git_unknown_revision(cli: RunCli, repo: Path) -> None:
    run = cli("framework", "diff", "--git", "no-such-branch", "fw.yaml")
    assert run.code == 2, str(run)
    assert run.stderr == (
        f"coprod: unknown revision 'no-such-branch' in the git repository at '{repo.resolve()}'; give a commit, "
        "branch or tag that exists there, such as HEAD (see 'git log --oneline')\n"
    )


def test_git_file_not_in_revision(cli: RunCli, repo: Path) -> None:
    (repo / "new.yaml").write_bytes(BASE.read_bytes())
    run = cli("framework", "diff", "--git", "HEAD", "new.yaml")
    assert run.code == 2, str(run)
    assert run.stderr == (
        "coprod: new.yaml: is not in revision 'HEAD' (it was added or renamed since); compare with a revision "
        "that has it, or with another file: coprod framework diff OLD NEW\n"
    )


def test_git_path_that_is_a_folder_in_the_revision(cli: RunCli, repo: Path) -> None:
    (repo / "dir").mkdir()
    (repo / "dir" / "x.yaml").write_bytes(BASE.read_bytes())
    git(repo, "add", "dir")
    git(repo, "commit", "-q", "-m", "dir")
    from coprod_cli.errors import UsageError
    from coprod_cli.reading.gitfiles import show_at

    with pytest.raises(UsageError, match="is not a file in revision 'HEAD'"):
        show_at("HEAD", repo / "dir")


def test_git_outside_a_repository(cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    (tmp_path / "fw.yaml").write_bytes(BASE.read_bytes())
    monkeypatch.chdir(tmp_path)
    run = cli("framework", "diff", "--git", "HEAD", "fw.yaml")
    assert run.code == 2, str(run)
    assert run.stderr.startswith("coprod: fw.yaml: is not in a git repository ("), str(run)
    assert run.stderr.endswith("); compare two files instead: coprod framework diff OLD NEW\n"), str(run)


def test_git_revision_that_looks_like_an_option(cli: RunCli, repo: Path) -> None:
    run = cli("framework", "diff", "--git=--output=x", "fw.yaml")
    assert run.code == 2, str(run)
    assert run.stderr == (
        "coprod: '--output=x' is not a revision; give a commit, branch or tag, such as HEAD or main\n"
    )
    assert not (repo / "x").exists()


def test_git_with_two_files(cli: RunCli, repo: Path) -> None:
    run = cli("framework", "diff", "--git", "HEAD", "fw.yaml", "other.yaml")
    assert run.code == 2, str(run)
    assert run.stderr == "coprod: with --git give one file, not two: coprod framework diff --git HEAD fw.yaml\n"


def test_git_missing_file(cli: RunCli, repo: Path) -> None:
    run = cli("framework", "diff", "--git", "HEAD", "gone.yaml")
    assert run.code == 2, str(run)
    assert run.stderr == (
        "coprod: gone.yaml: no such file; with --git, give the path of a framework file in a git repository\n"
    )


def test_git_not_installed(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from coprod_cli.errors import UsageError
    from coprod_cli.reading.gitfiles import show_at

    monkeypatch.setenv("PATH", str(repo / "no-bin-here"))
    with pytest.raises(UsageError, match="git was not found; install git"):
        show_at("HEAD", repo / "fw.yaml")


def test_git_in_a_missing_folder(repo: Path) -> None:
    from coprod_cli.errors import UsageError
    from coprod_cli.reading.gitfiles import show_at

    with pytest.raises(UsageError, match="the folder 'nowhere' does not exist"):
        show_at("HEAD", Path("nowhere/fw.yaml"))


def test_git_that_cannot_be_run(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from coprod_cli.errors import UsageError
    from coprod_cli.reading.gitfiles import show_at

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(subprocess, "run", refuse)
    with pytest.raises(UsageError, match=r"^git could not be run \(Permission denied\)$"):
        show_at("HEAD", repo / "fw.yaml")


@pytest.mark.parametrize(
    ("before", "after", "needs"),
    [
        ([], ["service-user"], "major"),
        (["service-user"], ["service-user", "carer"], "minor"),
        (["service-user", "carer"], ["carer"], "major"),
        (["carer"], [], "minor"),
    ],
)
def test_sign_off_requirements_are_versioned(before: list[str], after: list[str], needs: str) -> None:
    old = _framework_with_sign_off(before)
    new = _framework_with_sign_off(after)
    d = diff(old, new)
    [change] = [c for c in d.changes if c.kind == "level-sign-off"]
    assert change.needs == needs
    assert d.breaking == (needs == "major")


def _framework_with_sign_off(roles: list[str]) -> Framework:
    return TypeAdapter(Framework).validate_python(
        {
            "id": "f",
            "version": "1.0.0",
            "title": "F",
            "levels": [
                {"number": "1", "title": "One", "sign_off_required": roles, "targets": [{"id": "L1.a", "text": "A"}]}
            ],
        }
    )
