"""Every style places a unit on Arnstein's ladder in the same words, from one table
(``reports/words.py``; docs/scoring.md, "The ladder"). The paper puts partnership ("doing with")
at Level 3, so a unit at Level 2 of 3 is "moving to doing with", in every report."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from coprod_cli.reports.words import rung, rungs
from tests.conftest import ROOT, RunCoprod

LEVEL_2 = "examples/open-rehab-unit.yaml"
"""A unit at Level 2 of 3."""


def _plain(text: str) -> str:
    """Text without HTML tags, markdown emphasis or repeated spaces."""
    return " ".join(re.sub(r"<[^>]+>|\*\*", "", text).split())


@pytest.mark.parametrize(
    ("attained", "top", "name"),
    [
        (0, 3, "doing to"),
        (1, 3, "doing for"),
        (2, 3, "moving to doing with"),
        (3, 3, "doing with"),
        (2, 2, "doing with"),
        (2, 4, "moving to doing with"),
        (3, 4, "moving to doing with"),
    ],
)
def test_only_the_top_level_is_doing_with(attained: int, top: int, name: str) -> None:
    assert rung(attained, top).name == name


def test_the_ladder_of_a_two_level_framework_has_no_middle_step() -> None:
    assert [(p.name, p.where) for p in rungs(2)] == [
        ("doing to", "below Level 1"),
        ("doing for", "Level 1"),
        ("doing with", "Level 2"),
    ]
    assert [p.where for p in rungs(4)] == ["below Level 1", "Level 1", "Levels 2 to 3", "Level 4"]


def test_every_style_places_a_level_2_unit_in_the_same_words(coprod: RunCoprod, tmp_path: Path) -> None:
    here = rung(2, 3)
    unit = ROOT / LEVEL_2
    outputs = {"terminal": coprod("assess", unit).stdout}
    for style in ("standard", "easy-read"):
        for fmt in ("md", "html"):
            run = coprod("report", unit, "--style", style, "--format", fmt)
            assert run.code == 0, run
            outputs[f"{style} {fmt}"] = run.stdout
    assessed = json.loads(coprod("assess", unit, "--format", "json").stdout)
    assert assessed["ladder"] == {"rung": "moving to doing with", "explanation": here.plain}
    for style, text in outputs.items():
        plain = _plain(text)
        words = here.easy if style.startswith("easy-read") else here.plain
        assert words in plain, (style, plain)
        assert here.name in plain.lower(), style
    easy = _plain(outputs["easy-read md"])
    assert "Moving to doing with (Level 2): " + here.easy + " We are here." in easy
    assert "We are here" not in easy.split("Doing with (Level 3)")[1].split("##")[0]
    for fmt in ("text", "markdown", "html"):
        summary = coprod("summary", ROOT / "examples", "--format", fmt).stdout
        assert "2: moving to doing with" in _plain(summary), fmt
