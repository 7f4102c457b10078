"""``gitfiles.Blobs``: files as committed, read through one ``git cat-file --batch`` process, from a
repository built in the test."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coprod_cli.errors import UsageError
from coprod_cli.reading.gitfiles import Blobs, follow
from tests.conftest import git, new_repo


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two commits: 'a b.yaml' and 'folder/c.yaml' written, then 'a b.yaml' changed."""
    root = new_repo(tmp_path, monkeypatch)
    (root / "a b.yaml").write_bytes(b"unit: {name: First}\n")
    (root / "folder").mkdir()
    (root / "folder" / "c.yaml").write_bytes(b"\xef\xbb\xbfno line break at the end")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "first")
    (root / "a b.yaml").write_bytes(b"unit: {name: Second}\r\n")
    git(root, "commit", "-q", "-a", "-m", "second")
    return root


def test_every_version_by_its_blob_id_through_one_process(repo: Path) -> None:
    versions = follow(repo, "a b.yaml")
    assert [v.path for v in versions] == ["a b.yaml", "a b.yaml"]
    with Blobs(repo) as blobs:
        assert [blobs.read(v.blob) for v in versions] == [b"unit: {name: First}\n", b"unit: {name: Second}\r\n"]
        # By commit and path too, the bytes exactly as committed.
        assert blobs.read(f"{versions[0].commit}:folder/c.yaml") == b"\xef\xbb\xbfno line break at the end"
        assert blobs.read(f"{versions[1].commit}:a b.yaml") == b"unit: {name: Second}\r\n"


@pytest.mark.parametrize(
    "name",
    [
        "HEAD:missing.yaml",  # no such file
        "HEAD:folder",  # a folder, not a file
        "HEAD",  # a commit
        "--help",  # read as a name, never as an option
        "HEAD:a b.yaml\nHEAD:folder/c.yaml",  # one name a line: a line break cannot be asked for
        "0" * 40,  # no such object
    ],
)
def test_what_names_no_file_is_none_and_the_process_goes_on(repo: Path, name: str) -> None:
    with Blobs(repo) as blobs:
        assert blobs.read(name) is None
        assert blobs.read("HEAD:a b.yaml") == b"unit: {name: Second}\r\n"


def test_the_first_version_is_found_whatever_log_show_root_says(repo: Path) -> None:
    # With log.showRoot false, 'git log' leaves the first commit out unless asked with --root.
    git(repo, "config", "log.showRoot", "false")
    versions = follow(repo, "a b.yaml")
    assert len(versions) == 2
    with Blobs(repo) as blobs:
        assert blobs.read(versions[0].blob) == b"unit: {name: First}\n"


def fake_git(folder: Path, script: str, *, executable: bool = True) -> Path:
    """A folder holding only a 'git' that runs ``script``; put it alone on PATH."""
    folder.mkdir()
    program = folder / "git"
    program.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    program.chmod(0o755 if executable else 0o644)
    return folder


def test_no_git_on_the_path(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "empty").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(UsageError, match=r"^git was not found; install git \(or put it on PATH\)"):
        Blobs(repo)


def test_a_git_that_cannot_be_run(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(fake_git(tmp_path / "bin", "exit 0", executable=False)))
    with pytest.raises(UsageError, match=r"^git could not be run \(Permission denied\)$"):
        Blobs(repo)


def test_git_stopping_is_said_plainly(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # This git reads one name and stops without answering.
    monkeypatch.setenv("PATH", str(fake_git(tmp_path / "bin", "read -r name")))
    stopped = f"^git cat-file stopped while reading from the repository at '{re.escape(str(repo))}'; run it again$"
    with Blobs(repo) as blobs:
        with pytest.raises(UsageError, match=stopped):
            blobs.read("HEAD:a b.yaml")  # no answer
        blobs._git.wait()  # gone for sure, so the next name cannot be sent
        with pytest.raises(UsageError, match=stopped):
            blobs.read("HEAD:a b.yaml")  # nobody to ask
    # Leaving 'with' raised nothing more: the name git never took is dropped quietly.
