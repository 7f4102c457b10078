"""User text in the report is escaped so it cannot break a table, start a block or inject HTML."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprod_cli.reports.markdown import Md, escape


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ward [/b] <b>| A", "Ward \\[/b\\] &lt;b>\\| A"),
        ("<script>alert(1)</script>", "&lt;script>alert(1)&lt;/script>"),
        ("[link](https://example.org)", "\\[link\\](https://example.org)"),
        ("*bold* _it_ `code` ~strike~ $x$", "\\*bold\\* \\_it\\_ \\`code\\` \\~strike\\~ \\$x\\$"),
        ("line one\nline two\r\nthree\tfour", "line one line two three four"),
        ("# heading", "\\# heading"),
        ("#3 ward", "#3 ward"),
        ("- item", "\\- item"),
        ("+ item", "\\+ item"),
        ("---", "\\---"),
        ("1. first", "1\\. first"),
        ("10) tenth", "10\\) tenth"),
        ("1.0.0", "1.0.0"),
        ("> quote", "&gt; quote"),
        ("=", "\\="),
        ("care & activity", "care & activity"),
        ("&lt;b&gt;", "&amp;lt;b&amp;gt;"),
        ("back\\slash", "back\\\\slash"),
        ("step-down house", "step-down house"),
    ],
)
def test_escape(text: str, expected: str) -> None:
    assert escape(text) == expected
    assert isinstance(escape(text), Md)


@given(st.text())
def test_escaped_text_cannot_break_a_table_row_or_open_html(text: str) -> None:
    out = escape(text)
    assert "\n" not in out
    assert "\r" not in out
    assert "<" not in out
    # every '|' is escaped, so a table cell can never be split
    assert "|" not in out.replace("\\|", "")


def test_only_a_template_of_your_own_is_to_blame_for_what_it_raises(tmp_path: Path) -> None:
    """An exception raised in a shipped template is coprod's bug (exit 70), not a usage error."""
    import jinja2

    from coprod_cli.reports.markdown_report import _template_line
    from coprod_cli.resources import data_dir

    (tmp_path / "t.md.j2").write_text("one\n{{ 1 / 0 }}\n", encoding="utf-8")
    with pytest.raises(ZeroDivisionError) as caught:
        jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path))).get_template("t.md.j2").render()
    assert _template_line(caught.value, tmp_path) == (str(tmp_path / "t.md.j2"), 2)
    assert _template_line(caught.value, data_dir("templates")) is None
    assert _template_line(ZeroDivisionError(), tmp_path) is None


def test_an_error_in_a_partial_of_your_own_names_the_partial(tmp_path: Path) -> None:
    from coprod_cli.errors import UsageError
    from coprod_cli.reports.markdown_report import render
    from coprod_cli.scoring.check import load_evidence
    from coprod_cli.scoring.score import score
    from tests.conftest import EXAMPLES

    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "levels.md.j2").write_text("# Levels\n{{ r.levels | length / 0 }}\n", encoding="utf-8")
    (tmp_path / "report.md.j2").write_text("{% include 'parts/levels.md.j2' %}\n", encoding="utf-8")
    result = score(load_evidence(EXAMPLES / "open-rehab-unit.yaml", "unit.yaml"))
    where = tmp_path / "parts" / "levels.md.j2"
    with pytest.raises(UsageError, match=rf"^{re.escape(str(where))}:2:1: template error: .*\(ZeroDivisionError\)$"):
        render(result, template_dir=tmp_path)


def test_a_shipped_template_that_raises_is_a_bug_not_a_usage_error() -> None:
    import jinja2

    from coprod_cli.reports.markdown_report import TEMPLATE, environment, render_template
    from coprod_cli.resources import data_dir
    from coprod_cli.scoring.check import load_evidence
    from coprod_cli.scoring.score import score
    from tests.conftest import EXAMPLES

    def broken(value: object) -> str:
        raise RuntimeError("a filter of coprod's own went wrong")

    def make(folder: Path) -> jinja2.Environment:
        env = environment(folder)
        env.filters["percent"] = broken
        return env

    result = score(load_evidence(EXAMPLES / "open-rehab-unit.yaml", "unit.yaml"))
    with pytest.raises(RuntimeError, match="a filter of coprod's own went wrong"):
        render_template(make, data_dir("templates"), TEMPLATE, r=result, source="unit.yaml", since=None)
