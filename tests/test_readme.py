"""What the README tells people to type holds (issue 15, item 15).

Its first two commands install and run, and install and test (the second word for word as
``.ci/run`` runs it); Windows users get their own commands; the pre-commit configuration names
no ``rev:`` that does not exist and runs the hooks ``.pre-commit-hooks.yaml`` offers; the files it
says to commit are the ones ``coprod init`` writes; and it warns against the shell's ``>``.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, RunCoprod

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"^```(\w*)\n(.*?)^```$", README, re.MULTILINE | re.DOTALL)
"""Every fenced block of the README: (its language, its text)."""


def _tags() -> set[str]:
    try:
        done = subprocess.run(["git", "tag"], cwd=ROOT, capture_output=True, text=True, check=True, timeout=30)
    except (OSError, subprocess.CalledProcessError):
        return set()  # not a git checkout: no tag exists
    return set(done.stdout.split())


def test_the_first_two_commands_install_and_run_then_install_and_test() -> None:
    test_command = re.search(r"^readonly TEST_CMD=\"(.*)\"$", (ROOT / ".ci/run").read_text(), re.MULTILINE)
    assert test_command
    (lang1, first), (lang2, second) = BLOCKS[:2]
    assert (lang1, lang2) == ("sh", "sh")
    assert first.strip().endswith("python -m pip install . && coprod assess examples/open-rehab-unit.yaml")
    assert second.strip().endswith(test_command.group(1))


def test_windows_users_get_their_own_commands() -> None:
    windows = [text for lang, text in BLOCKS if lang == "bat"]
    assert windows
    for text in windows:
        lines = text.splitlines()
        assert lines[:2] == ["py -m venv .venv", r".venv\Scripts\activate"]
        assert not any("'" in line for line in lines), "cmd.exe does not take single quotes"
    assert any(line.startswith("coprod assess examples\\") for text in windows for line in text.splitlines())


def test_every_pre_commit_rev_exists_and_local_hooks_match_the_ones_offered() -> None:
    tags = _tags()
    for rev in re.findall(r"^\s*rev:\s*(\S+)", README, re.MULTILINE):
        assert rev in tags or re.fullmatch(r"[0-9a-f]{40}", rev), f"rev: {rev} is neither a tag nor a commit id"
    offered = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    configs = [yaml.safe_load(text) for lang, text in BLOCKS if lang == "yaml" and text.startswith("repos:")]
    assert configs
    for config in configs:
        for repo in config["repos"]:
            assert repo["repo"] == "local" or "rev" in repo
            for hook in repo["hooks"]:
                assert hook["id"] in offered
                if repo["repo"] == "local":
                    same = {key: offered[hook["id"]][key] for key in ("name", "entry", "files", "require_serial")}
                    assert {key: hook[key] for key in same} == same, hook["id"]
                    assert hook["language"] == "system"


def test_the_files_to_commit_are_the_ones_init_writes(
    coprod: RunCoprod, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add = re.search(r"`git add ([^`]*?)\s+&&\s*git commit`", README)
    assert add, "the tutorial says what to commit"
    named = add.group(1).split()
    monkeypatch.chdir(tmp_path)
    assert coprod("init", "cefn-yr-afon.yaml", "--unit", "Cefn Yr Afon").code == 0
    made = sorted(p.name for p in tmp_path.iterdir())
    assert made == ["cefn-yr-afon.yaml", "coprod-evidence.schema.json"]
    assert set(made) <= set(named)


def test_the_shells_redirect_is_warned_against() -> None:
    flat = " ".join(README.split())
    assert "never with the shell's `>`: the shell empties the file named after `>` before coprod even starts" in flat
