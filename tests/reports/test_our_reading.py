"""Reports and docs say, in one sentence from one source, what is the paper's and what is coprod's
reading of it (docs/scoring.md, "What is the paper's and what is coprod's"), and the Table 1 ideas
are not sold as what "helped others" with the unit's own challenge."""

from __future__ import annotations

import re

import pytest

from coprod_cli.reports.words import OUR_READING
from tests.conftest import ROOT, RunCoprod


def _plain(text: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", text).replace("&#39;", "'").split())


@pytest.mark.parametrize("doc", ["README.md", "docs/scoring.md"])
def test_the_docs_say_it_in_the_same_sentence(doc: str) -> None:
    assert OUR_READING in " ".join((ROOT / doc).read_text(encoding="utf-8").split())


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_report_says_it_and_does_not_overclaim_the_ideas(coprod: RunCoprod, fmt: str) -> None:
    run = coprod("report", ROOT / "examples" / "open-rehab-unit.yaml", "--format", fmt)
    assert run.code == 0, run
    text = _plain(run.stdout)
    assert OUR_READING in text
    assert "helped others" not in text
    assert "same challenge" not in text
    assert "Ideas from the paper" in text
    assert "running their own co-production strategy group" in text


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_the_summary_says_it(coprod: RunCoprod, fmt: str) -> None:
    run = coprod("summary", ROOT / "examples", "--format", fmt)
    assert OUR_READING in _plain(run.stdout), run
