"""``coprod framework diff --lang cy``: the Welsh twins of the golden outputs, and what stays the same.

For each ``tests/frameworks/<name>.diff.txt`` there are ``<name>.diff.cy.txt`` and
``<name>.diff.cy.json``, which the command must print exactly with ``--lang cy``
(``scripts/regen_framework_diffs.py`` rewrites them all).  The JSON's keys, ids, kinds and
bumps stay as they are; only the sentences people read (``verdict``, ``message``) are Welsh.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from coprod_cli import i18n
from tests.conftest import ROOT, RunCoprod

FRAMEWORKS = ROOT / "tests" / "frameworks"
GOLDEN = sorted(p.name.removesuffix(".diff.txt") for p in FRAMEWORKS.glob("*.diff.txt"))


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    """A ``--lang cy`` run in this process leaves coprod speaking Welsh; the next test starts in English."""
    yield
    i18n.choose(None)


def _diff(coprod: RunCoprod, name: str, *extra: str) -> str:
    run = coprod("framework", "diff", "tests/frameworks/base.yaml", f"tests/frameworks/{name}.yaml", *extra)
    assert run.code == 0, str(run)
    assert run.stderr == "", str(run)
    return run.stdout


def test_every_golden_has_its_welsh_twins() -> None:
    assert len(GOLDEN) >= 5
    for name in GOLDEN:
        assert (FRAMEWORKS / f"{name}.diff.cy.txt").is_file(), name
        assert (FRAMEWORKS / f"{name}.diff.cy.json").is_file(), name


@pytest.mark.parametrize("name", GOLDEN)
def test_welsh_text(coprod: RunCoprod, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.chdir(ROOT)
    expected = (FRAMEWORKS / f"{name}.diff.cy.txt").read_text(encoding="utf-8")
    assert _diff(coprod, name, "--lang", "cy") == expected


@pytest.mark.parametrize("name", GOLDEN)
def test_welsh_json(coprod: RunCoprod, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.chdir(ROOT)
    expected = (FRAMEWORKS / f"{name}.diff.cy.json").read_text(encoding="utf-8")
    assert _diff(coprod, name, "--format", "json", "--lang", "cy") == expected


@pytest.mark.parametrize("name", GOLDEN)
def test_welsh_json_differs_from_english_only_in_its_sentences(
    coprod: RunCoprod, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.chdir(ROOT)
    english = json.loads(_diff(coprod, name, "--format", "json", "--lang", "en"))
    welsh = json.loads(_diff(coprod, name, "--format", "json", "--lang", "cy"))
    assert welsh["verdict"] != english["verdict"]
    assert [d["message"] for d in welsh["details"]] != [d["message"] for d in english["details"]]
    for data in (english, welsh):
        del data["verdict"]
        for detail in data["details"]:
            del detail["message"]
    assert welsh == english


def test_the_golden_reads_in_welsh(coprod: RunCoprod, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert _diff(coprod, "removal-wrong", "--lang", "cy") == (
        "ward-model 1.0.0 → ward-model 1.2.0\n"
        "\n"
        "Wedi'u tynnu\n"
        '  tynnwyd L1.suggestions o lefel 1: "Suggestion boxes in main areas" (newid sy\'n torri)\n'
        "\n"
        "Dyfarniad: newid sy'n torri: mae angen fersiwn fawr (major) "
        "(dim ond fersiwn fân yw 1.0.0 → 1.2.0; defnyddiwch 2.0.0)\n"
    )


def test_two_different_frameworks_in_welsh(coprod: RunCoprod, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(ROOT)
    other = tmp_path / "other.yaml"
    other.write_text(
        (FRAMEWORKS / "base.yaml").read_text(encoding="utf-8").replace("id: ward-model", "id: other-model", 1),
        encoding="utf-8",
    )
    run = coprod("framework", "diff", "tests/frameworks/base.yaml", other, "--lang", "cy")
    assert run.code == 0, str(run)
    lines = run.stdout.splitlines()
    assert lines[0] == "Cymharu dau fframwaith gwahanol: ward-model 1.0.0 a other-model 1.0.0"
    assert lines[1] == "Beth sydd gan other-model sy'n wahanol i ward-model:"
    assert "Dim newidiadau i'r lefelau, y targedau, y galluogwyr na'r canllawiau." in lines
    assert lines[-1].startswith("Dyfarniad: dim: mae 'ward-model' a 'other-model' yn ddau fframwaith gwahanol")
