"""'Next level' of docs/scoring.md: the fewest targets that achieve it, and the nearest wins."""

from __future__ import annotations

import json
import tempfile
from fractions import Fraction
from itertools import combinations
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from coprod_cli.scoring.score import round_percent
from tests.conftest import ROOT, RunCoprod
from tests.scoring.test_scoring import assess, write_framework

_POINTS = {"met": Fraction(1), "partial": Fraction(1, 2), "not-met": Fraction(0), "not-assessed": Fraction(0)}


def test_unmet_targets_are_taken_before_partly_met_ones(coprod: RunCoprod, tmp_path: Path) -> None:
    # 13 applicable targets: 7 met, 3 partly met, 3 not met, so 8.5 of 13 = 65.4%. Meeting two
    # unmet targets gives 10.5 of 13 = 80.8%; the three partly met and one unmet would be four.
    ids = [f"A.t{i:02}" for i in range(14)]
    statuses = dict.fromkeys(ids[:7], "met") | dict.fromkeys(ids[7:10], "partial")
    statuses |= dict.fromkeys(ids[10:13], "not-met") | {ids[13]: "not-applicable"}
    write_framework(tmp_path, [(80, ids, [])])
    assess(tmp_path, statuses)
    run = coprod("assess", tmp_path / "unit.yaml", "--format", "json")
    step = json.loads(run.stdout)["next_level"]
    assert step["targets_needed"] == 2, run
    assert step["closest"] == ["A.t10", "A.t11"], run
    assert step["nearest_wins"] == ["A.t07", "A.t08", "A.t09"], run
    text = coprod("assess", tmp_path / "unit.yaml")
    assert "To reach Level 1: 2 more targets met. These would do it: A.t10, A.t11" in text.stdout, text
    assert "Nearest wins, already partly met: A.t07, A.t08, A.t09" in text.stdout, text


def test_not_met_targets_are_chosen_before_not_assessed_ones(tmp_path: Path) -> None:
    write_framework(tmp_path, [(50, ["A.a", "A.b", "A.c", "A.d"], [])])
    result = assess(tmp_path, {"A.b": "met", "A.c": "not-met", "A.d": "not-met"})
    assert result.next_step is not None
    assert result.next_step.closest == ("A.c",)


def test_the_open_rehab_example_needs_three_for_level_3(coprod: RunCoprod) -> None:
    run = coprod("assess", ROOT / "examples" / "open-rehab-unit.yaml", "--format", "json")
    step = json.loads(run.stdout)["next_level"]
    assert step["number"] == 3, run
    assert step["targets_needed"] == 3, run
    assert step["closest"] == ["L3.representation", "L3.leadership-roles", "L3.co-delivered-training"], run
    assert step["nearest_wins"] == ["L3.newcomers-levels-1-2", "L3.chair-own-ctp", "L3.forum-approval"], run


def _fewest(statuses: list[str], required: set[int], threshold: int) -> int | None:
    """The smallest number of targets whose becoming met achieves the level, by trying every set."""
    applicable = [i for i, s in enumerate(statuses) if s != "not-applicable"]
    below = [i for i in applicable if statuses[i] != "met"]
    base = sum(_POINTS[statuses[i]] for i in applicable)
    must = {i for i in below if i in required}
    for size in range(len(below) + 1):
        for chosen in combinations(below, size):
            if not must <= set(chosen):
                continue
            total = base + sum(1 - _POINTS[statuses[i]] for i in chosen)
            if applicable and round_percent(100 * total / len(applicable)) >= threshold:
                return size
    return None


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(["met", "partial", "not-met", "not-assessed", "not-applicable"]), min_size=1, max_size=8),
    st.sets(st.integers(min_value=0, max_value=7), max_size=3),
    st.integers(min_value=1, max_value=100),
)
def test_targets_needed_is_the_fewest_possible(statuses: list[str], required: set[int], threshold: int) -> None:
    ids = [f"A.t{i}" for i in range(len(statuses))]
    with tempfile.TemporaryDirectory() as folder:
        write_framework(Path(folder), [(threshold, ids, [ids[i] for i in required if i < len(ids)])])
        result = assess(Path(folder), dict(zip(ids, statuses, strict=True)))
    level = result.levels[0]
    if level.achieved:
        assert result.next_step is None
        return
    step = result.next_step
    assert step is not None
    fewest = _fewest(statuses, {i for i in required if i < len(ids)}, threshold)
    assert step.possible == (fewest is not None)
    if fewest is not None:
        assert step.targets_needed == fewest == len(step.closest)
    assert step.nearest_wins == tuple(i for i, s in zip(ids, statuses, strict=True) if s == "partial")
