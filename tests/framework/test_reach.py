"""Where a framework reference may lead, and what coprod says about a file that is no framework.

A path written in a file inside a git repository (an evidence file's ``framework:``, a
framework's ``extends:``) may lead only into that repository, a ``--frameworks-dir`` folder
or the shipped frameworks; a path given on the command line may lead anywhere. Whatever the
path, a file that is not a framework is never quoted (docs/framework-file.md, 'Where a
framework path may lead').
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from coprod_cli.framework.resolve import search_dirs
from tests.conftest import RunCoprod

SECRET = "hunter2-do-not-print"
FRAMEWORK = (
    "id: mini\nversion: 1.0.0\ntitle: Mini\nlevels:\n  - number: 1\n    title: One\n"
    "    targets:\n      - {id: A.a, text: Alpha}\n"
)
OUTSIDE = (
    "framework file '{ref}' is outside this file's git repository ({top}); a path written in a file may only "
    "lead to a file in its own repository or in a folder given with --frameworks-dir or $COPROD_FRAMEWORKS; "
    "copy the framework into the repository, or name it by its id and give its folder with --frameworks-dir"
)
NOT_A_FRAMEWORK = (
    "is not a framework file ({why}); name a framework file, which lists its 'levels:' "
    "or says which framework it 'extends:' (see 'coprod framework list')"
)


def unit(framework: str) -> str:
    return f"unit: {{name: Ward A}}\nframework: {framework}\nassessed_on: 2026-10-14\n"


@pytest.fixture(autouse=True)
def _no_frameworks_dirs() -> Iterator[None]:
    """--frameworks-dir holds for the process: leave none behind for the tests that follow."""
    token = search_dirs.set(None)
    yield
    search_dirs.reset(token)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository with a units folder, beside a folder of secrets outside it."""
    root = tmp_path / "repo"
    (root / "units").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(root)], check=True, capture_output=True)
    (tmp_path / "secret.yaml").write_text(f"password: {SECRET}\n", encoding="utf-8")
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "mini.yaml").write_text(FRAMEWORK, encoding="utf-8")
    monkeypatch.chdir(root)
    monkeypatch.delenv("COPROD_FRAMEWORKS", raising=False)
    return root


def _refused(coprod: RunCoprod, ref: str, *args: str) -> str:
    Path("units/ward.yaml").write_text(unit(ref), encoding="utf-8")
    run = coprod("assess", "units/ward.yaml", *args)
    assert run.code == 2, run
    for never in ("Traceback", SECRET, "root:"):
        assert never not in run.stderr, run
    return run.stderr


@pytest.mark.parametrize("ref", ["/etc/passwd", "../../secret.yaml", "../../../../../../../../../etc/passwd"])
def test_a_path_in_an_evidence_file_may_not_leave_its_repository(coprod: RunCoprod, repo: Path, ref: str) -> None:
    said = _refused(coprod, ref)
    assert said.startswith(f"units/ward.yaml:2:12: {OUTSIDE.format(ref=ref, top=repo.resolve())}\n"), said


def test_a_path_that_leaves_and_comes_back_is_followed(coprod: RunCoprod, repo: Path) -> None:
    (repo / "frameworks").mkdir()
    (repo / "frameworks" / "mini.yaml").write_text(FRAMEWORK, encoding="utf-8")
    Path("units/ward.yaml").write_text(unit(f"../../{repo.name}/frameworks/mini.yaml"), encoding="utf-8")
    run = coprod("assess", "units/ward.yaml")
    assert run.code == 0, run


def test_a_symbolic_link_out_of_the_repository_is_refused(coprod: RunCoprod, repo: Path) -> None:
    (repo / "units" / "fw.yaml").symlink_to(repo.parent / "secret.yaml")
    (repo / "units" / "etc.yaml").symlink_to("/etc/passwd")
    (repo / "units" / "dir").symlink_to(repo.parent)
    for ref in ("./fw.yaml", "./etc.yaml", "dir/secret.yaml"):
        said = _refused(coprod, ref)
        assert said.startswith(f"units/ward.yaml:2:12: framework file '{ref}' is outside this file's git"), said


def test_a_symbolic_link_inside_the_repository_is_followed(coprod: RunCoprod, repo: Path) -> None:
    (repo / "frameworks").mkdir()
    (repo / "frameworks" / "mini.yaml").write_text(FRAMEWORK, encoding="utf-8")
    (repo / "units" / "fw.yaml").symlink_to(repo / "frameworks" / "mini.yaml")
    Path("units/ward.yaml").write_text(unit("./fw.yaml"), encoding="utf-8")
    assert coprod("assess", "units/ward.yaml").code == 0


def test_extends_may_not_leave_the_repository(coprod: RunCoprod, repo: Path) -> None:
    for ref in ("/etc/passwd", "../../secret.yaml"):
        (repo / "units" / "local.yaml").write_text(
            f"id: local\nversion: 1.0.0\ntitle: Local\nextends: {ref}\n", encoding="utf-8"
        )
        said = _refused(coprod, "./local.yaml")
        top = repo.resolve()
        assert said.startswith(f"units/local.yaml:4:10: {OUTSIDE.format(ref=ref, top=top)}\n"), said
        run = coprod("validate", "units/local.yaml")
        assert run.code == 2, run
        assert SECRET not in run.stderr, run
        assert "root:" not in run.stderr, run
        assert f"units/local.yaml:4:10: framework file '{ref}' is outside" in run.stderr, run


def test_a_frameworks_folder_may_be_reached_by_path(
    coprod: RunCoprod, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Path("units/ward.yaml").write_text(unit("../../shared/mini.yaml"), encoding="utf-8")
    assert coprod("assess", "units/ward.yaml", "--frameworks-dir", str(repo.parent / "shared")).code == 0
    monkeypatch.setenv("COPROD_FRAMEWORKS", str(repo.parent / "shared"))
    assert coprod("assess", "units/ward.yaml").code == 0
    monkeypatch.delenv("COPROD_FRAMEWORKS")
    assert coprod("assess", "units/ward.yaml").code == 2


def test_a_path_on_the_command_line_may_lead_anywhere_but_is_never_quoted(coprod: RunCoprod, repo: Path) -> None:
    Path("units/ward.yaml").write_text(unit("rehab-recovery"), encoding="utf-8")
    assert coprod("assess", "units/ward.yaml", "--framework", str(repo.parent / "shared" / "mini.yaml")).code == 0
    secret = str(repo.parent / "secret.yaml")
    for command in (
        ("assess", "units/ward.yaml", "--framework", secret),
        ("assess", "units/ward.yaml", "--framework", "/etc/passwd"),
        ("framework", "show", secret),
        ("framework", "diff", secret, "rehab-recovery"),
        ("framework", "check", "--against", "HEAD", secret),
    ):
        run = coprod(*command)
        assert run.code == 2, run
        assert SECRET not in run.stderr, run
        assert "root:" not in run.stderr, run
        assert "is not a framework file (it " in run.stderr, run


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (f"password: {SECRET}\n".encode(), "it has no top-level 'levels:' or 'extends:'"),
        (f"{SECRET}\n".encode(), "it has no top-level 'levels:' or 'extends:'"),
        (f"- {SECRET}\n".encode(), "it has no top-level 'levels:' or 'extends:'"),
        (f"[{SECRET}\n\t@@ : :\n".encode(), "it does not read as YAML"),
        (f"key: {SECRET}\nkey: again\n".encode(), "it does not read as YAML"),
        (f"{SECRET}: \x1b[2J\n".encode(), "it does not read as YAML"),
        (f"{SECRET}\n".encode() + b"\xff\xfe", "it is not UTF-8 text"),
        (f"nhs: 943 476 5919 {SECRET}\n".encode(), "it has no top-level 'levels:' or 'extends:'"),
        (b"", "it has no top-level 'levels:' or 'extends:'"),
    ],
    ids=[
        "mapping",
        "text",
        "list",
        "not-yaml",
        "duplicate-key",
        "control-character",
        "not-utf8",
        "nhs-number",
        "empty",
    ],
)
def test_a_file_that_is_no_framework_is_never_quoted(coprod: RunCoprod, repo: Path, content: bytes, why: str) -> None:
    (repo / "units" / "notes.txt").write_bytes(content)
    said = _refused(coprod, "./notes.txt")
    assert said.startswith(f"units/notes.txt: {NOT_A_FRAMEWORK.format(why=why)}\n"), said
    assert "943" not in said, said
    (repo / "units" / "local.yaml").write_text(
        "id: local\nversion: 1.0.0\ntitle: Local\nextends: ./notes.txt\n", encoding="utf-8"
    )
    said = _refused(coprod, "./local.yaml")
    assert said.startswith(f"units/notes.txt: {NOT_A_FRAMEWORK.format(why=why)}\n"), said


def test_a_framework_with_a_mistake_is_still_shown_where(coprod: RunCoprod, repo: Path) -> None:
    (repo / "units" / "fw.yaml").write_text(
        "id: mini\nversion: 1.0.0\ntitle: Mini\nlevels:\n  - number: 1\n    title: One\n    title: Two\n",
        encoding="utf-8",
    )
    said = _refused(coprod, "./fw.yaml")
    assert said.startswith("units/fw.yaml:7:5: "), said
    (repo / "units" / "fw.yaml").write_text("levels: [\n", encoding="utf-8")
    assert _refused(coprod, "./fw.yaml").startswith("units/fw.yaml:2:1: "), said


def test_outside_git_a_path_may_lead_anywhere(
    coprod: RunCoprod, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "units").mkdir()
    (tmp_path / "fw").mkdir()
    (tmp_path / "fw" / "mini.yaml").write_text(FRAMEWORK, encoding="utf-8")
    (tmp_path / "units" / "ward.yaml").write_text(unit("../fw/mini.yaml"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert coprod("assess", "units/ward.yaml").code == 0


def test_coprod_never_writes_a_path_it_would_then_refuse(coprod: RunCoprod, repo: Path) -> None:
    outside = "../shared/mini.yaml"
    refusal = (
        f"'{outside}' is outside the git repository of units/new.yaml ({repo.resolve()}), and a framework path "
        "written in a file there may only lead into its own repository or a --frameworks-dir folder; copy the "
        "framework into the repository, or name it by its id and give its folder with --frameworks-dir\n"
    )
    run = coprod("init", "units/new.yaml", "--unit", "W", "--framework", outside)
    assert (run.code, run.stderr) == (2, f"coprod: --framework: {refusal}"), run
    assert not Path("units/new.yaml").exists()
    run = coprod("interview", "units/new.yaml", "--framework", outside, input="W\nq\n")
    assert (run.code, run.stderr) == (2, f"coprod: --framework: {refusal}"), run
    assert not Path("units/new.yaml").exists()
    assert coprod("init", "units/new.yaml", "--unit", "W").code == 0
    run = coprod("migrate", "units/new.yaml", "--to", outside, "--write")
    assert (run.code, run.stderr) == (2, f"coprod: --to: {refusal}"), run
    assert "framework: rehab-recovery" in Path("units/new.yaml").read_text(encoding="utf-8")
    run = coprod("init", "units/other.yaml", "--unit", "W", "--framework", outside, "--frameworks-dir", "../shared")
    assert run.code == 0, run
