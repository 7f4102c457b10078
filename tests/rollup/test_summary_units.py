"""``coprod summary`` counts each unit once, at its latest assessment (docs/many-units.md).

Files naming the same unit (its name and organisation, ignoring capitals and spacing) are one
unit: the latest ``assessed_on`` is counted, the older files are listed under it as earlier
assessments with the trend since the latest of them; two latest files dated the same day are
refused (exit 2) while the other units are still summarised.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from coprod_cli.rollup.rows import unit_key
from tests.cli.service_cli import runner
from tests.conftest import RunCoprod


@pytest.fixture
def cli(pinned_terminal: None) -> RunCoprod:
    return runner()


def unit(
    folder: Path,
    file: str,
    *,
    name: str = "Ward A",
    organisation: str | None = "Cwm Taf",
    day: str = "2026-05-01",
    met: int = 0,
    role: str = "staff",
) -> Path:
    """An evidence file on the built-in framework with the first ``met`` level 1 targets met."""
    targets = [
        "L1.own-care-plans",
        "L1.community-meetings",
        "L1.suggestion-boxes",
        "L1.rag-feedback",
        "L1.satisfaction-questionnaires",
        "L1.agenda-item",
        "L1.report-perspective",
        "L1.carer-perspective-ctp",
        "L1.buddy-system",
        "L1.family-welcome",
        "L1.involvement-info",
        "L1.advocate-visits",
    ]
    lines = ["unit:", f'  name: "{name}"']
    if organisation is not None:
        lines.append(f'  organisation: "{organisation}"')
    lines += [f"assessed_on: {day}", "assessors:", f"  - {{name: Someone, role: {role}}}", "targets:"]
    lines += [f"  {t}: {{status: met, evidence: [{{description: Seen, date: {day}}}]}}" for t in targets[:met]]
    path = folder / file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def as_json(cli: RunCoprod, *paths: Path, code: int = 0) -> dict[str, Any]:
    run = cli("summary", *paths, "--format", "json")
    assert run.code == code, run
    data: dict[str, Any] = json.loads(run.stdout)
    return data


def test_an_older_assessment_is_not_a_second_unit(cli: RunCoprod, tmp_path: Path) -> None:
    latest = unit(tmp_path, "units/ward-a.yaml", met=12, role="service-user")
    older = unit(tmp_path, "units/ward-a-2025.yaml", name="  ward   A ", organisation="CWM TAF", day="2025-03-10")
    other = unit(tmp_path, "units/ward-b.yaml", name="Ward B", met=3)
    data = as_json(cli, tmp_path / "units")
    assert [u["file"] for u in data["units"]] == [str(latest), str(other)]
    ward_a = data["units"][0]
    assert ward_a["attained_level"] == 1
    assert ward_a["organisation"] == "Cwm Taf"
    assert ward_a["earlier_assessments"] == [{"file": str(older), "assessed_on": "2025-03-10", "attained_level": 0}]
    assert ward_a["trend"] == "up"
    assert data["units"][1]["earlier_assessments"] == []
    assert data["units"][1]["trend"] is None
    # every count is made over the latest assessments only
    (group,) = data["groups"]
    assert group["files"] == [str(latest), str(other)]
    assert group["assessors"]["service-user"] == 1
    assert group["assessors"]["staff"] == 1
    assert group["without_user_voice"] == [str(other)]
    gaps = {g["id"]: (g["units"], g["applies"]) for g in data["common_gaps"]}
    assert "L1.own-care-plans" not in gaps  # met in both latest files; not met in the older one
    assert gaps == {}  # what the latest files leave out is not assessed: unknown, not a gap
    assert data["same_day"] == []


def test_the_output_says_so_in_every_format(cli: RunCoprod, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    unit(tmp_path, "ward-a.yaml", met=12)
    unit(tmp_path, "old/ward-a-2025.yaml", day="2025-03-10", met=11)
    unit(tmp_path, "old/ward-a-2024.yaml", day="2024-03-10", met=12)
    text = cli("summary", ".")
    assert text.code == 0, text
    assert text.stdout.startswith("Service summary: 1 unit; 2 older files are earlier assessments of it\n")
    assert "Each unit is counted once, at its latest assessment; its earlier ones are listed under it." in text.stdout
    assert (
        "Ward A                           2026-05-01  1: doing for  85.7% ✓  0% ✗  0% ✗         0\n"
        "ward-a.yaml\n"
        "  up from Level 0 on 2025-03-10\n"
        "  earlier: old/ward-a-2025.yaml  2025-03-10  0\n"
        "  earlier: old/ward-a-2024.yaml  2024-03-10  1\n"
    ) in text.stdout
    markdown = cli("summary", ".", "--format", "markdown").stdout
    assert "2 more files are earlier assessments of it (the same unit name and organisation)" in markdown
    assert (
        "- Ward A: Level 1 on 1 May 2026, up from Level 0 on 10 March 2025. Earlier: "
        "old/ward-a-2025.yaml (10 March 2025, Level 0); old/ward-a-2024.yaml (10 March 2024, Level 1).\n"
    ) in markdown
    html = cli("summary", ".", "--format", "html").stdout
    assert '<h3 id="group-1-earlier">Earlier assessments</h3>' in html
    assert "Level 1 on 1 May 2026, up from Level 0 on 10 March 2025." in html


@pytest.mark.parametrize(
    ("older", "trend", "words"),
    [(12, "same", "  Level 1, as on 2025-03-10\n"), (0, "up", "  up from Level 0 on 2025-03-10\n")],
)
def test_the_trend_is_against_the_latest_earlier_assessment(
    cli: RunCoprod, tmp_path: Path, older: int, trend: str, words: str
) -> None:
    unit(tmp_path, "ward-a.yaml", met=12)
    unit(tmp_path, "ward-a-2025.yaml", day="2025-03-10", met=older)
    assert as_json(cli, tmp_path)["units"][0]["trend"] == trend
    assert words in cli("summary", tmp_path).stdout


def test_a_unit_that_went_down(cli: RunCoprod, tmp_path: Path) -> None:
    unit(tmp_path, "ward-a.yaml")
    unit(tmp_path, "ward-a-2025.yaml", day="2025-03-10", met=12)
    assert as_json(cli, tmp_path)["units"][0]["trend"] == "down"
    assert "  down from Level 1 on 2025-03-10\n" in cli("summary", tmp_path).stdout


def test_fail_under_looks_at_the_latest_assessment_only(cli: RunCoprod, tmp_path: Path) -> None:
    unit(tmp_path, "ward-a.yaml", met=12)
    unit(tmp_path, "ward-a-2025.yaml", day="2025-03-10")
    assert cli("summary", tmp_path, "--fail-under", "1").code == 0


def test_another_organisation_is_another_unit(cli: RunCoprod, tmp_path: Path) -> None:
    unit(tmp_path, "cwm-taf/ward-a.yaml")
    unit(tmp_path, "powys/ward-a.yaml", organisation="Powys")
    unit(tmp_path, "none/ward-a.yaml", organisation=None)
    data = as_json(cli, tmp_path)
    assert len(data["units"]) == 3
    assert all(u["earlier_assessments"] == [] for u in data["units"])


def test_two_latest_assessments_on_one_day_are_refused(
    cli: RunCoprod, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    first = unit(Path(), "ward-a.yaml", met=12)
    second = unit(Path(), "rhian.yaml", name="WARD A")
    older = unit(Path(), "ward-a-2025.yaml", day="2025-03-10")
    other = unit(Path(), "ward-b.yaml", name="Ward B")
    run = cli("summary", ".")
    assert run.code == 2, run
    assert run.stderr == (
        f"{second}: 'WARD A (Cwm Taf)' is assessed on 2026-05-01 here and in {first} too, so coprod cannot tell "
        "which is its latest assessment and leaves the unit out of the summary; keep only the unit's agreed "
        "assessment among the files given (move each person's own ratings for 'coprod merge' elsewhere), or if one "
        "is an older assessment, correct its 'assessed_on'\n"
        f"{first}: 'WARD A (Cwm Taf)' is assessed on 2026-05-01 here and in {second} too, so coprod cannot tell "
        "which is its latest assessment and leaves the unit out of the summary; keep only the unit's agreed "
        "assessment among the files given (move each person's own ratings for 'coprod merge' elsewhere), or if one "
        "is an older assessment, correct its 'assessed_on'\n"
        f"coprod: 2 problems in {second}, {first}. Fix them and run the command again.\n"
    )
    assert run.stdout.startswith("Service summary: 1 unit; 1 unit left out (two assessments on one day)\n")
    assert f"WARD A (Cwm Taf), 2026-05-01: {second}, {first}; earlier: {older}, 2025-03-10\n" in run.stdout
    data = as_json(cli, Path(), code=2)
    assert [u["file"] for u in data["units"]] == [str(other)]
    assert data["same_day"] == [
        {
            "name": "WARD A",
            "organisation": "Cwm Taf",
            "assessed_on": "2026-05-01",
            "files": [str(second), str(first)],
            "earlier_assessments": [{"file": str(older), "assessed_on": "2025-03-10", "attained_level": 0}],
        }
    ]
    markdown = cli("summary", ".", "--format", "markdown").stdout
    assert "## Units assessed twice on one day" in markdown
    assert "1 unit is left out because it was assessed in two files on the same latest day" in markdown
    html = cli("summary", ".", "--format", "html").stdout
    assert '<h2 id="same-day">Units assessed twice on one day</h2>' in html
    assert '<li>WARD A (Cwm Taf), 1 May 2026: <span class="file">rhian.yaml</span>, ' in html


def test_an_older_tie_is_no_tie(cli: RunCoprod, tmp_path: Path) -> None:
    unit(tmp_path, "ward-a.yaml", met=12)
    unit(tmp_path, "a.yaml", day="2025-03-10")
    unit(tmp_path, "b.yaml", day="2025-03-10")
    (ward,) = as_json(cli, tmp_path)["units"]
    assert [e["file"] for e in ward["earlier_assessments"]] == [str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")]


@pytest.mark.parametrize("which", ["ward-a-2025.yaml", "rhian.yaml"])
def test_earlier_and_tied_files_are_inputs_never_written_over(cli: RunCoprod, tmp_path: Path, which: str) -> None:
    unit(tmp_path, "ward-a.yaml")
    unit(tmp_path, "ward-a-2025.yaml", day="2025-03-10")
    if which == "rhian.yaml":
        unit(tmp_path, "rhian.yaml")
    before = (tmp_path / which).read_bytes()
    run = cli("summary", tmp_path, "--format", "markdown", "-o", tmp_path / which, "--force")
    assert run.code == 2, run
    assert "coprod never writes over an evidence or framework file" in run.stderr
    assert (tmp_path / which).read_bytes() == before


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (("Ward A", "Cwm Taf"), ("  ward\u00a0 a\t", "CWM  TAF "), True),
        (("Tŷ Derwen", None), ("Ty\u0302 Derwen", None), True),  # the same letters, composed or not
        (("Straße", None), ("STRASSE", None), True),
        (("Ward A", None), ("Ward A", ""), True),
        (("Ward A", None), ("Ward A", "Cwm Taf"), False),
        (("Ward A", "Cwm Taf"), ("Ward A2", "Cwm Taf"), False),
    ],
)
def test_which_names_are_one_unit(a: tuple[str, str | None], b: tuple[str, str | None], same: bool) -> None:
    assert (unit_key(*a) == unit_key(*b)) is same
