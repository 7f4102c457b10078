"""Each person's own ratings, where views differ, are counted by role in a report unless
``--ratings by-person`` is given (docs/privacy.md, "Ratings in reports")."""

from __future__ import annotations

import re

import pytest
import yaml

from tests.conftest import ROOT, RunCoprod

SIX_VOICES = ROOT / "tests" / "golden" / "coassess" / "six-voices.yaml"


def _differ(text: str) -> str:
    """The "Where views differ" part of a report, tags left out."""
    part = re.split(r"Where views differ", text, maxsplit=1)[1]
    part = re.split(r"\n## |<h2 ", part, maxsplit=1)[0]
    return re.sub(r"<[^>]+>", "", part)


def _raters() -> list[str]:
    data = yaml.safe_load(SIX_VOICES.read_text(encoding="utf-8"))
    return [a["name"] for a in data["assessors"]]


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_by_default_ratings_are_counted_by_role(coprod: RunCoprod, fmt: str) -> None:
    run = coprod("report", SIX_VOICES, "--format", fmt)
    assert run.code == 0, run
    part = _differ(run.stdout)
    assert [name for name in _raters() if name in part] == []
    assert "Service users: Partly met ×2; Carers: Partly met; Staff: Met ×2; Managers: Met" in part
    assert "Ratings are counted by role, without names, so that everyone can rate honestly." in part


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_by_person_names_each_rating(coprod: RunCoprod, fmt: str) -> None:
    run = coprod("report", SIX_VOICES, "--format", fmt, "--ratings", "by-person")
    assert run.code == 0, run
    part = _differ(run.stdout)
    assert "Rhian (service user): Not met" in part
    assert "Each rating is shown with the name of the person who gave it." in part


def test_an_unknown_choice_is_refused(coprod: RunCoprod) -> None:
    run = coprod("report", SIX_VOICES, "--ratings", "by-name")
    assert run.code == 2, run
    assert "by-role" in run.stderr
