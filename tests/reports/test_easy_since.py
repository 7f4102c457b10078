"""The easy-read report's "Since last time" (docs/many-units.md, 'What happened to the actions'):
``coprod report AFTER --baseline BEFORE --style easy-read`` through the real CLI, with golden
reports in markdown and HTML, in English, Welsh and both (``cy+en``), made from
tests/golden/compare/actions.*.yaml. Without --since or --baseline the easy-read report is
byte for byte what it was (the goldens of tests/golden/html/).
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from coprod_cli.reports import easy_read
from coprod_cli.reports import html_report as report_html
from coprod_cli.rollup.compare import Comparison, compare
from coprod_cli.scoring.check import load_evidence
from coprod_cli.scoring.score import Result, score
from tests.cli.service_cli import runner
from tests.conftest import ROOT, RunCoprod
from tests.reports.test_html import GOLDEN_HTML, Page, _markdown_lines, result_for
from tests.rollup.test_followup import PAIR, clean_repo, commit_pair

GOLDEN = ROOT / "tests" / "golden" / "compare"
REGEN = "python -m tests.reports.test_easy_since"
EASY = {
    "actions.easy-read.md": ("md", "en"),
    "actions.easy-read.cy.md": ("md", "cy"),
    "actions.easy-read.cy+en.md": ("md", "cy+en"),
    "actions.easy-read.html": ("html", "en"),
    "actions.easy-read.cy.html": ("html", "cy"),
    "actions.easy-read.cy+en.html": ("html", "cy+en"),
}
"""Each golden easy-read report of ``coprod report AFTER --baseline BEFORE`` (run from the root): format and --lang."""
UNCHANGED = ("open-rehab-unit", "escaping")
"""Units whose easy-read goldens (tests/golden/html/NAME.easy-read.*) the CLI must still write without --baseline."""
HEADINGS = ("Since last time", "Ers y tro diwethaf", "Beside another unit")


def made(run: RunCoprod, name: str) -> str:
    fmt, lang = EASY[name]
    done = run("report", PAIR[1], "--baseline", PAIR[0], "--style", "easy-read", "--format", fmt, "--lang", lang)
    assert done.code == 0, done
    return done.stdout


def section(text: str, fmt: str) -> str:
    """The first "Since last time" section alone."""
    if fmt == "html":
        found = re.search(r'<section aria-labelledby="[^"]*since">.*?</section>\n', text, re.S)
    else:
        found = re.search(rf"^## ({'|'.join(HEADINGS)})\n.*?(?=^## )", text, re.S | re.M)
    assert found, text
    return found.group(0)


@pytest.fixture
def root(coprod: RunCoprod, monkeypatch: pytest.MonkeyPatch) -> RunCoprod:
    monkeypatch.chdir(ROOT)
    return coprod


@pytest.mark.parametrize("name", sorted(EASY))
def test_matches_golden(root: RunCoprod, name: str) -> None:
    expected = (GOLDEN / name).read_text(encoding="utf-8")
    assert made(root, name) == expected, f"tests/golden/compare/{name} differs; run: {REGEN}"


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("name", UNCHANGED)
def test_without_a_baseline_the_easy_read_report_is_unchanged(root: RunCoprod, name: str, fmt: str) -> None:
    relative = "examples/open-rehab-unit.yaml" if name == "open-rehab-unit" else "tests/golden/escaping.yaml"
    done = root("report", relative, "--style", "easy-read", "--format", fmt)
    assert done.stdout == (GOLDEN_HTML / f"{name}.easy-read.{fmt}").read_text(encoding="utf-8")
    assert "Since last time" not in done.stdout


def test_since_a_revision_says_what_the_baseline_says(
    coprod: RunCoprod, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    commit_pair(clean_repo(tmp_path, monkeypatch))
    for fmt, name in (("md", "actions.easy-read.md"), ("html", "actions.easy-read.html")):
        run = coprod("report", "units/ward.yaml", "--since", "HEAD~1", "--style", "easy-read", "--format", fmt)
        assert run.code == 0, run
        expected = section((GOLDEN / name).read_text(encoding="utf-8"), fmt)
        assert section(run.stdout, fmt) == expected


def test_the_golden_says_each_list_plainly() -> None:
    text = section((GOLDEN / "actions.easy-read.md").read_text(encoding="utf-8"), "md")
    for said in (
        "We last looked at this on 14 April 2026.",
        "Our level is the same as then.",
        "**We did these jobs:**",
        "✓ Done on 12 September 2026.",
        "**We are still doing these jobs:**",
        "**This is late.** It should have been done by 31 May 2026.",
        "**We stopped this job:**",
        "Why: Covered by the payment policy instead",
        "**We added these new jobs:**",
        "**The file no longer lists this job:**",
        "The file does not say if it was done.",
    ):
        assert said in text, said
    assert not re.search(r"\bL\d\.", text), "no target ids in easy-read words"
    assert "%" not in text, "no percentages: the standard report has them"


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_markdown_and_html_say_the_same(lang: str) -> None:
    md = section((GOLDEN / f"actions.easy-read{'' if lang == 'en' else '.cy'}.md").read_text(encoding="utf-8"), "md")
    html = section(
        (GOLDEN / f"actions.easy-read{'' if lang == 'en' else '.cy'}.html").read_text(encoding="utf-8"), "html"
    )
    shown = Page(html).text.replace("✓ ", "")
    missing = [line for line in _markdown_lines(md) if line not in shown]
    assert not missing, f"in the easy-read markdown but not the HTML: {missing}"


def _unit(tmp: Path, name: str, unit: str, day: str, actions: str, status: str = "not-met") -> Result:
    path = tmp / name
    path.write_text(
        f"unit: {{name: {unit}}}\nassessed_on: {day}\ntargets:\n  L1.buddy-system:\n    status: {status}\n"
        f"    actions:\n{actions}",
        encoding="utf-8",
    )
    return score(load_evidence(path, str(path)))


def _both(r: Result, since: Comparison) -> tuple[str, str]:
    md = easy_read.render_markdown(r, since=since)
    html = report_html.render(r, "easy-read", since=since)
    return md, Page(html).text


def test_words_from_the_files_are_text(tmp_path: Path) -> None:
    hostile = "<script>alert(1)</script> *bold* [link](http://x)"
    before = _unit(tmp_path, "a.yaml", "Ward K", "2026-04-14", f"      - {{description: 'Ask {hostile}'}}\n")
    after = _unit(
        tmp_path,
        "b.yaml",
        "Ward K",
        "2026-10-14",
        f"      - {{description: 'Ask {hostile}', status: dropped, reason: '{hostile}'}}\n",
    )
    since = compare(before, after)
    html = report_html.render(after, "easy-read", since=since)
    assert "<script" not in html
    assert "Why: &lt;script&gt;alert(1)&lt;/script&gt;" in html
    md = easy_read.render_markdown(after, since=since)
    assert "[link](http://x)" not in md
    assert "*bold*" not in md


def test_a_renamed_unit_and_a_later_date_are_said_plainly(tmp_path: Path) -> None:
    before = _unit(tmp_path, "a.yaml", "Ward K", "2026-10-14", "      - {description: Ask}\n")
    after = _unit(tmp_path, "b.yaml", "Ward Kay", "2026-04-14", "      - {description: Ask}\n")
    for text in _both(after, compare(before, after)):
        assert "That day is later than this one. Please check the dates." in text
        assert "The old file gives the unit another name: Ward K." in text
        assert "Ask" in text


def test_two_different_units_are_said_to_be_another_unit(tmp_path: Path) -> None:
    before = _unit(tmp_path, "a.yaml", "Ward L", "2026-04-14", "      - {description: Ask}\n")
    after = _unit(tmp_path, "b.yaml", "Ward K", "2026-10-14", "      - {description: Pay}\n")
    for text in _both(after, compare(before, after, different_units=True)):
        assert "Beside another unit" in text
        assert "This part is about another unit: Ward L." in text
        assert "They have not reached Level 1 yet." in text
        assert "Since last time" not in text
        assert "What happened to our jobs" not in text  # one unit's jobs say nothing of another's


def test_the_level_going_up_and_down() -> None:
    now = result_for("tests/golden/all-met.yaml")
    lower = replace(now, attained_level=1)
    for text in _both(now, compare(lower, now)):
        assert "Then, we were at Level 1." in text
        assert "Our level has gone up." in text
    for text in _both(lower, compare(now, lower)):
        assert f"Then, we were at Level {now.attained_level}." in text
        assert "Our level has gone down." in text


def test_welsh_for_the_lists() -> None:
    text = section((GOLDEN / "actions.easy-read.cy.md").read_text(encoding="utf-8"), "md")
    assert "## Ers y tro diwethaf" in text
    assert "**Fe wnaethon ni'r tasgau hyn:**" in text
    assert "**Fe wnaethon ni roi'r gorau i'r dasg hon:**" in text
    assert "Pam: Covered by the payment policy instead" in text


def regenerate() -> None:
    """Rewrite the golden files of this module from the current code."""
    import os
    import sys

    os.environ.update(COLUMNS="100", NO_COLOR="1")  # what the pinned_terminal fixture sets
    os.chdir(ROOT)
    run = runner()
    for name in EASY:
        (GOLDEN / name).write_text(made(run, name), encoding="utf-8")
    print("wrote tests/golden/compare/actions.easy-read.*", file=sys.stderr)


if __name__ == "__main__":
    regenerate()
