"""The framework in Welsh: ``languages:`` and ``cy:`` (docs/framework-file.md, "Welsh text").

- The built-in framework has Welsh for every text field a report or the interview shows.
- ``coprod framework check`` reports Welsh missing where ``languages:`` lists cy, and Welsh
  given where it does not; the lint cases in ``tests/frameworks/lint`` have Welsh twins in
  ``tests/frameworks/lint/cy`` (``python -m tests.framework.test_welsh`` writes them again).
- One scored result shows its framework text in the language it is rendered in, and the JSON
  result keeps the English.
- A tailored framework's own Welsh is used; an override that rewords the English drops the
  Welsh of the old text.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from coprod_cli import i18n
from coprod_cli.framework.load import load_framework
from coprod_cli.framework.resolve import builtin_frameworks
from coprod_cli.model.models import Framework
from coprod_cli.model.text import Wording, worded
from coprod_cli.reports import html_report, markdown_report
from coprod_cli.reports.json_result import result_dict
from coprod_cli.scoring.check import load_evidence
from coprod_cli.scoring.score import Result, score
from tests.conftest import ROOT, RunCoprod
from tests.framework.test_framework_diff import repo

__all__ = ["repo"]  # fixtures used here

LINT = ROOT / "tests" / "frameworks" / "lint"
WELSH_LINT = LINT / "cy"
WELSH_CASES = sorted(p.stem for p in WELSH_LINT.glob("*.stderr"))
EXAMPLE = ROOT / "examples" / "open-rehab-unit.yaml"

TEXT_KEYS: dict[str, tuple[str, ...]] = {
    "framework": ("title", "description"),
    "level": ("title", "ethos", "responsibility", "summary"),
    "target": ("text", "plain"),
    "enabler": ("text",),
    "challenge": ("challenge",),
    "idea": ("text",),
}


def texts(fw: Framework) -> list[tuple[str, Any, str]]:
    """Every (place, item, key) of a framework that holds text a person reads."""
    found: list[tuple[str, Any, str]] = [("framework", fw, key) for key in TEXT_KEYS["framework"]]
    for level in fw.levels:
        found += [(f"level {level.number}", level, key) for key in TEXT_KEYS["level"]]
        for t in level.targets:
            found += [(t.id, t, key) for key in TEXT_KEYS["target"]]
    for e in fw.enablers:
        found += [(e.id, e, key) for key in TEXT_KEYS["enabler"]]
    for c, challenge in enumerate(fw.guidance, start=1):
        found += [(f"challenge {c}", challenge, key) for key in TEXT_KEYS["challenge"]]
        for d, idea in enumerate(challenge.ideas, start=1):
            found += [(f"idea {d} of challenge {c}", idea, key) for key in TEXT_KEYS["idea"]]
    return [(place, item, key) for place, item, key in found if getattr(item, key) is not None]


def builtin() -> Framework:
    path = builtin_frameworks()["rehab-recovery"]
    return load_framework(path, "rehab-recovery (built in)").model


# ---- the built-in framework -------------------------------------------------------------


def test_builtin_framework_declares_welsh() -> None:
    fw = builtin()
    assert fw.languages == ("en", "cy")
    assert fw.version == "1.0.0"  # translations change no score: the contract fixes the version


def test_builtin_framework_has_welsh_for_every_text() -> None:
    fw = builtin()
    places = texts(fw)
    assert len(places) > 100  # 31 targets, their plain words, 3 levels, 3 enablers, Table 1
    missing = [f"{place}: {key}" for place, item, key in places if item.cy is None or not getattr(item.cy, key)]
    assert not missing, f"no Welsh for: {missing}"
    same = [f"{place}: {key}" for place, item, key in places if getattr(item.cy, key) == getattr(item, key)]
    assert not same, f"Welsh that is the English again: {same}"


def test_builtin_welsh_uses_the_glossary() -> None:
    fw = builtin()
    assert [level.cy.title for level in fw.levels if level.cy] == [
        "Gosod y sylfeini",
        "Nodi a datblygu sgiliau",
        "Gweithio mewn partneriaeth: cydgynhyrchu",
    ]
    assert fw.enablers[1].cy is not None
    assert fw.enablers[1].cy.text.startswith("Talu ac ad-dalu")


# ---- framework check --------------------------------------------------------------------


def test_welsh_lint_twins_have_a_case() -> None:
    assert {"missing-welsh", "undeclared-welsh", "tailored-welsh"} <= set(WELSH_CASES)
    orphans = [c for c in WELSH_CASES if not (LINT / f"{c}.yaml").is_file()]
    assert not orphans, f"Welsh .stderr files without a case: {orphans}"


@pytest.mark.parametrize("case", WELSH_CASES)
def test_lint_case_in_welsh(coprod: RunCoprod, monkeypatch: pytest.MonkeyPatch, case: str) -> None:
    monkeypatch.chdir(ROOT)
    expected = (WELSH_LINT / f"{case}.stderr").read_text(encoding="utf-8")
    run = coprod("framework", "check", "--lang", "cy", f"tests/frameworks/lint/{case}.yaml")
    assert run.code == 2, str(run)
    assert run.stderr == expected, f"{run}\n--- expected ---\n{expected}"


def test_missing_welsh_is_reported_in_welsh_at_its_place(coprod: RunCoprod, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    run = coprod("framework", "check", "--lang", "cy", "tests/frameworks/lint/missing-welsh.yaml")
    assert (
        "tests/frameworks/lint/missing-welsh.yaml:22:15: targed 'L1.advocates': nid oes Cymraeg ar gyfer 'text:'; "
        "ysgrifennwch hi o dan 'cy:' wrth ymyl y Saesneg, neu tynnwch cy o 'languages:'\n"
    ) in run.stderr


def test_undeclared_welsh_is_reported_in_english(coprod: RunCoprod, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    run = coprod("framework", "check", "--lang", "en", "tests/frameworks/lint/undeclared-welsh.yaml")
    assert run.code == 2, str(run)
    assert run.stderr.startswith(
        "tests/frameworks/lint/undeclared-welsh.yaml:11:9: target 'L1.ctp': this 'cy:' gives Welsh text, "
        "but 'languages:' does not list cy; add 'languages: [en, cy]' at the top of the file, or remove 'cy:'\n"
    )


def test_a_language_coprod_does_not_speak_is_refused(coprod: RunCoprod, tmp_path: Path) -> None:
    text = (LINT / "undeclared-welsh.yaml").read_text(encoding="utf-8")
    path = tmp_path / "fw.yaml"
    path.write_text(text.replace("version: 1.0.0\n", "version: 1.0.0\nlanguages: [en, gd]\n"), encoding="utf-8")
    run = coprod("framework", "check", "--lang", "cy", str(path))
    assert run.code == 2, str(run)
    assert f"{path}:4:17: nid yw 'gd' yn iaith y mae coprod yn ei siarad; defnyddiwch un o: en, cy\n" in run.stderr


# ---- one result, two languages ------------------------------------------------------------


@pytest.fixture(scope="module")
def result() -> Result:
    with i18n.speaking("en"):
        return score(load_evidence(EXAMPLE, "examples/open-rehab-unit.yaml"))


def test_result_text_follows_the_language_it_is_shown_in(result: Result) -> None:
    target = result.levels[0].targets[0]
    assert target.id == "L1.own-care-plans"
    with i18n.speaking("cy"):
        assert (
            str(target.text)
            == "Mae pob defnyddiwr gwasanaeth yn ysgrifennu eu cynllun gofal a gweithgareddau eu hunain"
        )
        assert f"{result.levels[0].title}" == "Gosod y sylfeini"
        assert str(result.framework.title).startswith("Gweithio mewn Partneriaeth")
        assert f"{result.attained_title}" == "Nodi a datblygu sgiliau"
        assert str(target.plain).startswith("Mae pawb sy'n defnyddio'r gwasanaeth yn ysgrifennu eu cynllun eu hunain")
        assert str(result.enablers[0].text).startswith("Mae ethos clir")
    with i18n.speaking("en"):
        assert str(target.text) == "All service users write their own care & activity plans"
        assert f"{result.levels[0].title}" == "Laying the foundations"
        assert str(result.framework.title).startswith("Partnership Working")


def test_one_result_renders_in_welsh_then_in_english(result: Result) -> None:
    with i18n.speaking("cy"):
        welsh = markdown_report.render(result)
        welsh_html = html_report.render(result)
    with i18n.speaking("en"):
        english = markdown_report.render(result)
    assert "Gosod y sylfeini" in welsh
    assert "Mae pob defnyddiwr gwasanaeth yn ysgrifennu eu cynllun gofal a gweithgareddau eu hunain" in welsh
    assert "Gosod y sylfeini" in welsh_html
    assert "Rhaglen hyfforddi i bawb sy&#39;n cymryd rhan" in welsh_html  # escaped as HTML, as English is
    assert "| All service users write their own care & activity plans (L1.own-care-plans) | Met |" in english
    assert "Gosod y sylfeini" not in english
    assert "Laying the foundations" not in welsh


def test_json_result_keeps_the_english(result: Result) -> None:
    with i18n.speaking("cy"):
        data = json.loads(json.dumps(result_dict(result)))
    assert data["levels"][0]["title"] == "Laying the foundations"
    texts_in_json = json.dumps(data, ensure_ascii=False)
    assert "Gosod y sylfeini" not in texts_in_json


def test_report_in_welsh_through_the_cli(coprod: RunCoprod, tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    run = coprod("report", str(EXAMPLE), "--lang", "cy", "-o", str(out))
    assert run.code == 0, str(run)
    text = out.read_text(encoding="utf-8")
    assert "— Nodi a datblygu sgiliau.**" in text
    assert "Cyfarfodydd rheolaidd i ddefnyddwyr gwasanaeth fel grŵp" in text


def test_a_framework_without_welsh_shows_its_english_in_welsh() -> None:
    plain = Wording("Suggestion boxes", {"cy": None})
    with i18n.speaking("cy"):
        assert str(plain) == "Suggestion boxes"
        assert f"{plain:>17}" == " Suggestion boxes"
        assert plain.__html__() == "Suggestion boxes"


def test_wording_is_english_as_a_str() -> None:
    w = Wording("Met & more", {"cy": "Wedi'i gyflawni"})
    with i18n.speaking("cy"):
        assert w == "Met & more"
        assert w.source == "Met & more"
        assert json.dumps(w) == '"Met & more"'
        assert str(w.__html__()) == "Wedi&#39;i gyflawni"


# ---- tailoring ---------------------------------------------------------------------------

TAILORED = """\
id: rehab-local
version: 1.0.0
title: Rehabilitation and recovery, as our unit uses it
cy:
  title: Adsefydlu ac adfer, fel mae ein huned yn ei ddefnyddio
extends: rehab-recovery
add:
  - level: 1
    id: L1.welcome-pack
    text: A welcome pack for families
    cy: {text: Pecyn croeso i deuluoedd}
override:
  targets:
    L1.suggestion-boxes:
      text: Suggestion boxes in every lounge
    L1.buddy-system:
      cy: {text: System cyfaill i bawb sy'n newydd}
    L1.rag-feedback:
      plain: A chart on the wall shows how each idea is going
      cy: {plain: Mae siart ar y wal yn dangos sut mae pob syniad yn mynd}
  levels:
    1:
      ethos: We want to hear what you have to say
      cy: {ethos: Rydyn ni eisiau clywed beth sydd gennych chi i'w ddweud}
"""


def test_a_tailored_framework_uses_its_own_welsh(tmp_path: Path) -> None:
    path = tmp_path / "local.yaml"
    path.write_text(TAILORED, encoding="utf-8")
    fw = load_framework(path, "local.yaml").model
    targets = {t.id: t for level in fw.levels for t in level.targets}
    assert fw.languages == ("en", "cy")  # inherited
    with i18n.speaking("cy"):
        assert str(worded(fw, "title")) == "Adsefydlu ac adfer, fel mae ein huned yn ei ddefnyddio"
        assert str(worded(fw, "description")).startswith("Canllaw tair lefel")  # inherited with its English
        assert str(worded(targets["L1.welcome-pack"], "text")) == "Pecyn croeso i deuluoedd"
        # reworded in English only: the old Welsh no longer says it
        assert str(worded(targets["L1.suggestion-boxes"], "text")) == "Suggestion boxes in every lounge"
        assert str(worded(targets["L1.buddy-system"], "text")) == "System cyfaill i bawb sy'n newydd"
        assert str(worded(targets["L1.buddy-system"], "plain")).startswith("Mae pob defnyddiwr gwasanaeth newydd")
        assert str(worded(targets["L1.rag-feedback"], "plain")).startswith("Mae siart ar y wal")
        assert str(worded(targets["L1.rag-feedback"], "text")).startswith("Defnyddio system adborth")
        level = fw.levels[0]
        assert str(worded(level, "ethos")) == "Rydyn ni eisiau clywed beth sydd gennych chi i'w ddweud"
        assert str(worded(level, "title")) == "Gosod y sylfeini"


# ---- writing the Welsh twins again ---------------------------------------------------------


def regenerate() -> None:
    """Write ``tests/frameworks/lint/cy/<case>.stderr`` for each Welsh twin (run from the repository root)."""
    from typer.testing import CliRunner

    from coprod_cli.cli.app import app

    runner = CliRunner()
    for case in WELSH_CASES:
        run = runner.invoke(app, ["framework", "check", "--lang", "cy", f"tests/frameworks/lint/{case}.yaml"])
        (WELSH_LINT / f"{case}.stderr").write_text(run.stderr, encoding="utf-8")
        print(f"wrote {WELSH_LINT.relative_to(ROOT)}/{case}.stderr", file=sys.stderr)


if __name__ == "__main__":
    regenerate()


def test_the_framework_schema_knows_the_welsh() -> None:
    import jsonschema
    import yaml

    from coprod_cli.model.json_schema import schema

    s = schema("framework")
    assert s["properties"]["languages"]["items"]["enum"] == ["en", "cy"]
    assert {"FrameworkCy", "LevelCy", "TargetCy", "EnablerCy", "ChallengeCy", "IdeaCy"} <= set(s["$defs"])
    data = yaml.safe_load((ROOT / "frameworks" / "rehab-recovery.yaml").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(s).validate(data)
    data["levels"][0]["cy"]["titel"] = "Gosod y sylfeini"
    assert not jsonschema.Draft202012Validator(s).is_valid(data)


def test_finding_a_framework_speaks_welsh(coprod: RunCoprod, tmp_path: Path) -> None:
    (tmp_path / "ext.yaml").write_text(
        "id: x\nversion: 1.0.0\ntitle: X\nextends: no-such-framework\n", encoding="utf-8"
    )
    (tmp_path / "a.yaml").write_text("id: a\nversion: 1.0.0\ntitle: A\nextends: ./b.yaml\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("id: b\nversion: 1.0.0\ntitle: B\nextends: ./a.yaml\n", encoding="utf-8")
    run = coprod("framework", "check", "--lang", "cy", str(tmp_path / "ext.yaml"))
    assert run.code == 2, str(run)
    assert run.stderr.startswith(f"{tmp_path / 'ext.yaml'}:4:10: fframwaith anhysbys 'no-such-framework'"), str(run)
    assert "neu rhowch lwybr at ffeil fframwaith (neu'r ffolder sy'n ei dal gyda --frameworks-dir" in run.stderr
    run = coprod("framework", "check", "--lang", "cy", str(tmp_path / "a.yaml"))
    assert run.code == 2, str(run)
    assert (
        f"{tmp_path / 'b.yaml'}:4:10: mae './a.yaml' yn arwain yn ôl at '{tmp_path / 'a.yaml'}', y mae'r gadwyn hon "
        "eisoes yn ei estyn: ni all fframwaith estyn ei hun, yn uniongyrchol na thrwy eraill\n"
    ) in run.stderr


def test_version_bump_advice_in_welsh(coprod: RunCoprod, repo: Path) -> None:
    (repo / "fw.yaml").write_bytes((ROOT / "tests" / "frameworks" / "threshold-raise.yaml").read_bytes())
    run = coprod("framework", "check", "--lang", "cy", "--against", "HEAD", "fw.yaml")
    assert run.code == 2, str(run)
    first = run.stderr.splitlines()[0]
    assert first.startswith("fw.yaml:3:10: mae fersiwn 1.0.0 → 1.0.1 yn godiad clwt, ond mae "), first
    assert first.endswith(
        " yn newid sy'n torri cydnawsedd: newidiwch y fersiwn i 2.0.0 "
        "(1 newid arall: gweler 'coprod framework diff --git HEAD fw.yaml')"
    ), first


def test_the_models_refusals_speak_welsh(coprod: RunCoprod, tmp_path: Path) -> None:
    unit = tmp_path / "unit.yaml"
    unit.write_text("unit:\n  name: Ward\nassessed_on: 2026-02-30\n", encoding="utf-8")
    run = coprod("validate", "--lang", "cy", str(unit))
    assert run.code == 2, str(run)
    assert run.stderr.startswith(
        f"{unit}:3:14: nid yw '2026-02-30' yn ddyddiad go iawn: mae 28 diwrnod ym mis Chwefror 2026\n"
    ), str(run)
    run = coprod("validate", "--lang", "en", str(unit))
    assert run.stderr.startswith(f"{unit}:3:14: '2026-02-30' is not a real date: February 2026 has 28 days\n")
