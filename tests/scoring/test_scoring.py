"""The scoring rule of docs/scoring.md, checked on small hand-made frameworks."""

from __future__ import annotations

import copy
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprod_cli.scoring.check import load_evidence
from coprod_cli.scoring.score import Result, round_percent, score


def write_framework(folder: Path, levels: list[tuple[int, list[str], list[str]]]) -> Path:
    """levels: (threshold, target ids, required target ids)."""
    lines = ["id: mini", 'version: "1.0.0"', 'title: "Mini"', "levels:"]
    for number, (threshold, ids, required) in enumerate(levels, start=1):
        lines += [
            f"  - number: {number}",
            f'    title: "Level {number}"',
            f"    threshold: {threshold}",
            "    targets:",
        ]
        for ident in ids:
            lines.append(
                f'      - {{id: {ident}, text: "Target {ident}"{", required: true" if ident in required else ""}}}'
            )
    lines += ["enablers:", '  - {id: E.one, text: "Enabler one"}']
    path = folder / "mini.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def assess(folder: Path, statuses: dict[str, str], **kw: object) -> Result:
    lines = ["unit: {name: Test ward}", "framework: ./mini.yaml", "assessed_on: 2026-10-14", "targets:"]
    for ident, status in statuses.items():
        extra = ', justification: "does not apply here"' if status == "not-applicable" else ""
        evidence = ', evidence: [{description: "seen"}]' if status == "met" else ""
        lines.append(f"  {ident}: {{status: {status}{extra}{evidence}}}")
    path = folder / "unit.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return score(load_evidence(path, "unit.yaml", **kw))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Fraction(625, 100), 6.3),
        (Fraction(-625, 100), -6.3),
        (Fraction(1, 3) * 100, 33.3),
        (Fraction(2, 3) * 100, 66.7),
        (Fraction(85714, 1000), 85.7),
        (Fraction(100), 100.0),
        (Fraction(0), 0.0),
        (Fraction(45, 1000), 0.0),
        (Fraction(5, 100), 0.1),
    ],
)
def test_round_percent_is_half_away_from_zero(value: Fraction, expected: float) -> None:
    assert round_percent(value) == expected


@given(st.integers(min_value=0, max_value=400), st.integers(min_value=1, max_value=200))
def test_round_percent_matches_decimal_half_up(halves: int, applicable: int) -> None:
    from decimal import ROUND_HALF_UP, Decimal

    exact = Fraction(100 * halves, 2 * applicable)
    expected = (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    assert round_percent(exact) == float(expected)


def test_one_partial_of_eight_is_6_3_percent(tmp_path: Path) -> None:
    ids = [f"A.t{i}" for i in range(8)]
    write_framework(tmp_path, [(80, ids, [])])
    result = assess(tmp_path, {"A.t0": "partial"})
    assert result.levels[0].percent == 6.3
    assert result.levels[0].counts["partial"] == 1
    assert result.levels[0].counts["not-assessed"] == 7


def test_not_applicable_leaves_the_denominator(tmp_path: Path) -> None:
    write_framework(tmp_path, [(80, ["A.a", "A.b", "A.c", "A.d", "A.e"], [])])
    result = assess(tmp_path, {"A.a": "met", "A.b": "met", "A.c": "met", "A.d": "met", "A.e": "not-applicable"})
    level = result.levels[0]
    assert (level.percent, level.applicable, level.achieved) == (100.0, 4, True)
    assert result.attained_level == 1
    assert result.gaps == ()


def test_threshold_is_inclusive_and_per_level(tmp_path: Path) -> None:
    write_framework(tmp_path, [(75, ["A.a", "A.b", "A.c", "A.d"], []), (76, ["B.a", "B.b", "B.c", "B.d"], [])])
    result = assess(tmp_path, {"A.a": "met", "A.b": "met", "A.c": "met", "B.a": "met", "B.b": "met", "B.c": "met"})
    assert [lv.percent for lv in result.levels] == [75.0, 75.0]
    assert [lv.achieved for lv in result.levels] == [True, False]
    assert result.attained_level == 1


def test_required_target_below_met_blocks_the_level(tmp_path: Path) -> None:
    write_framework(tmp_path, [(50, ["A.a", "A.b", "A.c", "A.d"], ["A.d"])])
    result = assess(tmp_path, {"A.a": "met", "A.b": "met", "A.c": "met", "A.d": "partial"})
    level = result.levels[0]
    assert level.percent == 87.5
    assert not level.achieved
    assert level.required_unmet == ("A.d",)
    assert result.attained_level == 0
    assert result.next_step is not None
    assert result.next_step.closest == ("A.d",)
    assert result.next_step.required == ("A.d",)


def test_attained_level_needs_every_level_below(tmp_path: Path) -> None:
    write_framework(tmp_path, [(80, ["A.a", "A.b"], []), (80, ["B.a"], [])])
    result = assess(tmp_path, {"A.a": "met", "A.b": "not-met", "B.a": "met"})
    assert [lv.achieved for lv in result.levels] == [False, True]
    assert result.attained_level == 0


def test_level_with_every_target_not_applicable_has_no_percent(tmp_path: Path) -> None:
    write_framework(tmp_path, [(80, ["A.a"], []), (80, ["B.a", "B.b"], [])])
    result = assess(tmp_path, {"A.a": "met", "B.a": "not-applicable", "B.b": "not-applicable"})
    level2 = result.levels[1]
    assert level2.percent is None
    assert not level2.achieved
    assert result.attained_level == 1
    assert result.next_step is not None
    assert not result.next_step.possible


def test_gaps_are_ordered_by_level_then_framework_order(tmp_path: Path) -> None:
    write_framework(tmp_path, [(80, ["A.z", "A.a", "A.m"], []), (80, ["B.b", "B.a"], [])])
    result = assess(tmp_path, {"B.a": "partial", "A.m": "not-met", "A.z": "met"})
    assert [g.id for g in result.gaps] == ["A.a", "A.m", "B.b", "B.a"]
    assert [g.status for g in result.gaps] == ["not-assessed", "not-met", "not-assessed", "partial"]


def test_next_step_takes_the_largest_gains_first(tmp_path: Path) -> None:
    write_framework(tmp_path, [(80, ["A.a", "A.b", "A.c", "A.d", "A.e"], [])])
    result = assess(tmp_path, {"A.a": "met", "A.b": "met", "A.c": "not-met", "A.d": "partial"})
    step = result.next_step
    assert step is not None
    # 2.5 of 5 = 50%; +1 (A.c) = 70%, +1 (A.e) = 90%: two targets.
    assert step.targets_needed == 2
    assert step.closest == ("A.c", "A.e")
    assert step.nearest_wins == ("A.d",)
    assert step.possible


def test_all_levels_achieved_has_no_next_step(tmp_path: Path) -> None:
    write_framework(tmp_path, [(80, ["A.a"], [])])
    result = assess(tmp_path, {"A.a": "met"})
    assert result.attained_level == 1 == result.top_level
    assert result.next_step is None


def test_enablers_do_not_count_in_levels(tmp_path: Path) -> None:
    write_framework(tmp_path, [(80, ["A.a"], [])])
    result = assess(tmp_path, {"A.a": "not-met"})
    assert [(e.id, e.status) for e in result.enablers] == [("E.one", "not-assessed")]
    assert result.levels[0].percent == 0.0


def test_score_does_not_change_its_input(tmp_path: Path) -> None:
    write_framework(tmp_path, [(80, ["A.a", "A.b"], [])])
    path = tmp_path / "unit.yaml"
    path.write_text(
        "unit: {name: W}\nframework: ./mini.yaml\nassessed_on: 2026-01-01\ntargets:\n  A.a: {status: partial}\n"
    )
    assessment = load_evidence(path, "unit.yaml")
    before = copy.deepcopy(assessment.evidence)
    first = score(assessment)
    assert assessment.evidence == before
    assert score(assessment) == first
