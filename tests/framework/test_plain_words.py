"""A target's ``plain`` words (docs/framework-file.md, "Targets"): written in the built-in framework
for every target with jargon, shown by the easy-read report and the interview, tailored, in the
JSON Schema, and a patch change for ``framework diff``. ``framework check``'s rule on them is the
discovered case ``tests/frameworks/lint/plain-as-text.yaml``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from coprod_cli.framework.load import load_framework
from coprod_cli.framework.resolve import builtin_frameworks
from tests.conftest import ROOT, RunCoprod

JARGON = ("CTP", "Red/Amber/Green", "advocate", "co-production", "forum", "stigma", "liaison", "agenda")
"""Words in the paper's targets that a service user or carer may not know."""


def _targets() -> dict[str, tuple[str, str | None]]:
    fw = load_framework(builtin_frameworks()["rehab-recovery"], "rehab-recovery").model
    return {t.id: (t.text, t.plain) for level in fw.levels for t in level.targets}


def test_every_built_in_target_with_jargon_has_plain_words() -> None:
    targets = _targets()
    with_jargon = [i for i, (text, _) in targets.items() if any(w.casefold() in text.casefold() for w in JARGON)]
    assert len(with_jargon) >= 8
    assert [i for i in with_jargon if not targets[i][1]] == []
    for ident in ("L1.rag-feedback", "L1.carer-perspective-ctp", "L1.advocate-visits"):
        plain = targets[ident][1] or ""
        assert "Red/Amber/Green" not in plain, ident
        assert "CTP meeting" not in plain, ident
    assert "care and treatment plan (CTP)" in (targets["L1.carer-perspective-ctp"][1] or "")
    assert "An advocate is someone" in (targets["L1.advocate-visits"][1] or "")


def _plain(text: str) -> str:
    return " ".join(re.sub(r"<[^>]+>|\*\*", "", text).replace("&amp;", "&").split())


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_easy_read_report_shows_the_plain_words(coprod: RunCoprod, fmt: str) -> None:
    run = coprod("report", ROOT / "examples" / "open-rehab-unit.yaml", "--style", "easy-read", "--format", fmt)
    assert run.code == 0, run
    text = _plain(run.stdout)
    targets = _targets()
    ident = "L3.representation"  # among the fewest targets that reach Level 3 for this unit
    assert targets[ident][1] in text
    assert targets[ident][0] not in text
    assert "Co-production means we plan and run things together" in text


def test_a_framework_with_plain_words_is_read_and_checked(coprod: RunCoprod, tmp_path: Path) -> None:
    fw = tmp_path / "fw.yaml"
    fw.write_text(
        "id: mine\nversion: 1.0.0\ntitle: Mine\nlevels:\n  - number: 1\n    title: One\n    targets:\n"
        "      - {id: L1.ctp, text: Carer views in every CTP, plain: What carers think goes in your care plan}\n",
        encoding="utf-8",
    )
    assert coprod("framework", "check", fw).code == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text(fw.read_text(encoding="utf-8").replace("plain:", "plian:"), encoding="utf-8")
    run = coprod("framework", "check", bad)
    assert run.code == 2, run
    assert "plain" in run.stderr, run


def test_the_framework_schema_has_plain(coprod: RunCoprod) -> None:
    schema = json.loads(coprod("schema", "framework").stdout)
    found = [
        name for name, definition in schema.get("$defs", {}).items() if "plain" in definition.get("properties", {})
    ]
    assert {"Target", "AddedTarget", "TargetChange"} <= set(found), found


def test_framework_diff_calls_new_plain_words_a_patch(coprod: RunCoprod, tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"
    old.write_text(
        "id: mine\nversion: 1.0.0\ntitle: Mine\nlevels:\n  - number: 1\n    title: One\n    targets:\n"
        "      - {id: L1.ctp, text: Carer views in every CTP}\n",
        encoding="utf-8",
    )
    new = tmp_path / "new.yaml"
    new.write_text(
        old.read_text(encoding="utf-8").replace("CTP}", "CTP, plain: What carers think goes in your care plan}"),
        encoding="utf-8",
    )
    run = coprod("framework", "diff", old, new, "--format", "json")
    assert run.code == 0, run
    data = json.loads(run.stdout)
    assert data["needs"] == "patch"
    assert [(d["kind"], d["subject"], d["new"]) for d in data["details"]] == [
        ("target-plain", "L1.ctp", "What carers think goes in your care plan")
    ]


def test_tailoring_sets_plain_words_and_a_reword_drops_the_old_ones(tmp_path: Path) -> None:
    local = tmp_path / "local.yaml"
    local.write_text(
        "id: local\nversion: 1.0.0\ntitle: Local\nextends: rehab-recovery\n"
        "add:\n  - {level: 1, id: L1.radio, text: Ward radio, plain: A radio show we make}\n"
        "override:\n  targets:\n"
        "    L1.advocate-visits: {text: Weekly visits from advocates}\n"
        "    L1.suggestion-boxes: {plain: Boxes where you can post your ideas}\n",
        encoding="utf-8",
    )
    fw = load_framework(local, str(local)).model
    plain = {t.id: t.plain for level in fw.levels for t in level.targets}
    assert plain["L1.radio"] == "A radio show we make"
    assert plain["L1.advocate-visits"] is None
    assert plain["L1.suggestion-boxes"] == "Boxes where you can post your ideas"
    assert plain["L1.carer-perspective-ctp"] == _targets()["L1.carer-perspective-ctp"][1]
