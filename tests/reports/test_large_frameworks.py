"""A report's work grows with the framework, never with its square (issue 14, item 14): a
framework of thousands of targets and ideas is laid out by looking each target up once.

Counts the targets the renderers walk through, never times them."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from coprod_cli.reports import html_report, markdown_report
from coprod_cli.scoring.check import load_evidence
from coprod_cli.scoring.score import Result, score

TARGETS = 300


class _Counted(tuple[Any, ...]):
    """The gaps, counting every one handed out each time they are walked through."""

    handed_out = 0

    def __iter__(self) -> Iterator[Any]:
        for item in super().__iter__():
            type(self).handed_out += 1
            yield item


@pytest.fixture
def many_gaps(tmp_path: Path) -> Result:
    lines = ["id: wide", "version: 1.0.0", "title: Wide", "levels:", "  - number: 1", "    title: One", "    targets:"]
    for n in range(TARGETS):
        lines += [f"      - id: L1.t{n}", f"        text: Target number {n}"]
    lines += ["guidance:", "  - challenge: Many", "    ideas:"]
    lines += [f"      - {{text: Idea {n}, helps: [L1.t{n}]}}" for n in range(TARGETS)]
    (tmp_path / "wide.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    unit = tmp_path / "unit.yaml"
    unit.write_text("unit: {name: Ward A}\nframework: ./wide.yaml\nassessed_on: 2026-10-14\n", encoding="utf-8")
    result = score(load_evidence(unit, str(unit)))
    assert result.next_step is not None
    assert result.next_step.targets_needed == TARGETS * 8 // 10
    return result


@pytest.mark.parametrize("render", [markdown_report.render, html_report.render], ids=["markdown", "html"])
def test_the_closest_targets_are_each_found_without_a_search(many_gaps: Result, render: Any) -> None:
    _Counted.handed_out = 0
    text = render(dataclasses.replace(many_gaps, gaps=_Counted(many_gaps.gaps)))
    assert "Target number 239" in text
    # Each walk through the gaps hands out each once; a search per closest target hands out
    # thousands more (240 searches of up to 300 gaps).
    assert _Counted.handed_out <= 3 * TARGETS, _Counted.handed_out
