"""``coprod framework diff`` of two different frameworks, and guidance that did not change
(docs/many-units.md, 'Comparing two frameworks').

Two frameworks with different ids are listed side by side without a version verdict (their
versions are their own); a new id between versions of one file (``--git``) is still a rename and
a breaking change. An idea's link to a target that was removed is not a change of its own.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter

from coprod_cli.framework.diff import diff
from coprod_cli.model.models import Framework
from tests.conftest import ROOT, RunCoprod, git, new_repo

BASE = ROOT / "tests" / "frameworks" / "base.yaml"

TAILORED = """\
id: taith-newydd-local
version: 1.0.0
title: Taith Newydd
extends: rehab-recovery
remove: [L1.suggestion-boxes]
"""


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pinned_terminal: None) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_two_different_frameworks_get_no_version_verdict(coprod: RunCoprod, here: Path) -> None:
    Path("local.yaml").write_text(TAILORED, encoding="utf-8")
    run = coprod("framework", "diff", "rehab-recovery", "local.yaml")
    assert run.code == 0, run
    assert run.stdout == (
        "Comparing two different frameworks: rehab-recovery 1.0.0 and taith-newydd-local 1.0.0\n"
        "What taith-newydd-local has that differs from rehab-recovery:\n"
        "\n"
        "Removed\n"
        '  L1.suggestion-boxes removed from level 1: "Suggestion boxes displayed in main areas" (breaking)\n'
        "\n"
        "Framework\n"
        '  title reworded: "Partnership Working: A Guide to Co-Producing Rehabilitation and Recovery Services" → '
        '"Taith Newydd"\n'
        "\n"
        "Verdict: none: 'rehab-recovery' and 'taith-newydd-local' are two different frameworks, each with versions "
        "of its own, so no version bump is judged. If NEW is OLD given a new id, that rename is a breaking change "
        "(a new major version): compare the file with its committed version, coprod framework diff --git REV FILE\n"
    )
    data = json.loads(coprod("framework", "diff", "rehab-recovery", "local.yaml", "--format", "json").stdout)
    assert data["same_framework"] is False
    assert (data["version_ok"], data["bump"], data["suggested_version"]) == (None, None, None)
    assert [c["kind"] for c in data["details"]] == ["target-removed", "framework-text"]


def test_one_framework_renamed_in_its_file_is_a_breaking_change(
    coprod: RunCoprod, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = new_repo(tmp_path, monkeypatch)
    (root / "fw.yaml").write_bytes(BASE.read_bytes())
    git(root, "add", "fw.yaml")
    git(root, "commit", "-q", "-m", "base")
    monkeypatch.chdir(root)
    Path("fw.yaml").write_text(BASE.read_text(encoding="utf-8").replace("id: ward-model", "id: my-ward"), "utf-8")
    data = json.loads(coprod("framework", "diff", "--git", "HEAD", "fw.yaml", "--format", "json").stdout)
    assert data["same_framework"] is True
    assert [c["kind"] for c in data["details"]] == ["framework-id"]
    assert (data["needs"], data["version_ok"], data["suggested_version"]) == ("major", False, "2.0.0")


def test_guidance_links_to_a_removed_target_are_not_a_guidance_change(coprod: RunCoprod, here: Path) -> None:
    Path("before.yaml").write_text(TAILORED.replace("remove: [L1.suggestion-boxes]\n", ""), encoding="utf-8")
    Path("after.yaml").write_text(TAILORED.replace("version: 1.0.0", "version: 2.0.0"), encoding="utf-8")
    run = coprod("framework", "diff", "before.yaml", "after.yaml")
    assert run.code == 0, run
    assert "guidance" not in run.stdout
    assert run.stdout == (
        "taith-newydd-local 1.0.0 → taith-newydd-local 2.0.0\n"
        "\n"
        "Removed\n"
        '  L1.suggestion-boxes removed from level 1: "Suggestion boxes displayed in main areas" (breaking)\n'
        "\n"
        "Verdict: breaking change: needs a major version (1.0.0 → 2.0.0 is major: ok)\n"
    )


GUIDANCE: dict[str, Any] = {
    "id": "ward-model",
    "version": "1.0.0",
    "title": "Ward model",
    "levels": [
        {
            "number": 1,
            "title": "Listening",
            "targets": [{"id": "L1.meetings", "text": "Meetings"}, {"id": "L1.boxes", "text": "Boxes"}],
        }
    ],
    "enablers": [{"id": "E.pay", "text": "Expenses paid"}],
    "guidance": [
        {
            "challenge": "Nobody comes",
            "ideas": [{"text": "Tea", "helps": ["L1.meetings", "L1.boxes"]}, {"text": "Cake", "helps": ["E.pay"]}],
        }
    ],
}


def _framework(edit: Any = None) -> Framework:
    data = copy.deepcopy(GUIDANCE)
    if edit is not None:
        edit(data)
    return TypeAdapter(Framework).validate_python(data)


def _ideas(data: dict[str, Any]) -> list[dict[str, Any]]:
    ideas: list[dict[str, Any]] = data["guidance"][0]["ideas"]
    return ideas


def _drop_boxes(data: dict[str, Any]) -> None:
    data["levels"][0]["targets"].pop()
    _ideas(data)[0]["helps"].remove("L1.boxes")


@pytest.mark.parametrize(
    ("edit", "messages"),
    [
        (_drop_boxes, []),
        (lambda d: _ideas(d).reverse(), ['guidance ideas changed for "Nobody comes": ideas put in another order']),
        (
            lambda d: _ideas(d).append({"text": "Music", "helps": ["L1.meetings"]}),
            ['guidance ideas changed for "Nobody comes": idea added: "Music"'],
        ),
        (lambda d: _ideas(d).pop(), ['guidance ideas changed for "Nobody comes": idea removed: "Cake"']),
        (
            lambda d: _ideas(d)[1].update(helps=["E.pay", "L1.meetings"]),
            ['guidance ideas changed for "Nobody comes": "Cake" now helps E.pay, L1.meetings (was E.pay)'],
        ),
        (lambda d: _ideas(d)[0].update(text="  Tea\n"), []),
    ],
)
def test_what_changed_in_the_ideas(edit: Any, messages: list[str]) -> None:
    d = diff(_framework(), _framework(edit))
    assert [c.message for c in d.changes if c.kind == "guidance"] == messages
