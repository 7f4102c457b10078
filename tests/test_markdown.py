"""User text in the report is escaped so it cannot break a table, start a block or inject HTML."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprod_cli.markdown import Md, escape


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
