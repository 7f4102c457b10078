"""The one set of YAML line helpers init, merge, migrate and interview write with.

Each written key or value is read back with coprod's own strict reader: what a helper writes
must come back as the very text it was given.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from coprod_cli import i18n
from coprod_cli.editing.yamltext import (
    comment_text,
    entry_top,
    flow_mapping,
    indent_of,
    is_blank,
    is_comment,
    is_heading,
    key_text,
    newline_of,
    quoted,
    split_lines,
    value_text,
)
from coprod_cli.model.text import said
from coprod_cli.reading.yamlread import parse_text

AWKWARD = [
    "Buddy rota: on the notice board",  # ': ' would start a mapping
    "Ward 3 #2 meeting",  # ' #' would start a comment
    "- a leading dash",  # would start a list
    "#hashtag first",
    "Cyfarfod â'r gymuned — Zoë, Siân",  # unicode, kept as it is
    "",
    '  spaces round, "quotes" and \\ backslash  ',
    "tab\there",
    "yes",
    "null",
    "2026-09-30",
    "{not: a mapping}",
    "[not a list]",
    "* ! & % @ ` |>",
]


def read_back(text: str) -> object:
    doc = parse_text(text, "t.yaml")
    assert isinstance(doc.data, dict)
    return doc.data


@pytest.mark.parametrize("text", AWKWARD)
def test_quoted_text_reads_back_as_itself(text: str) -> None:
    assert read_back(f"x: {quoted(text)}\n") == {"x": text}


def test_quoted_keeps_unicode_as_written_and_escapes_only_what_it_must() -> None:
    assert quoted("Zoë ✓") == '"Zoë ✓"'
    assert quoted('say "hi"') == '"say \\"hi\\""'
    assert quoted("") == '""'
    assert quoted("two\nlines") == '"two\\nlines"'


@pytest.mark.parametrize(
    ("ident", "written"),
    [
        ("L1.buddy-system", "L1.buddy-system"),
        ("E.training_2", "E.training_2"),
        ("Rhian", "Rhian"),
        ("Rhian Jones", '"Rhian Jones"'),  # a space
        ("1.early", '"1.early"'),  # starts with a digit
        ("-x", '"-x"'),
        ("a: b", '"a: b"'),
        ("Siân", '"Siân"'),  # plain keys are ASCII
        ("", '""'),
    ],
)
def test_keys_are_plain_only_when_they_are_id_like(ident: str, written: str) -> None:
    assert key_text(ident) == written
    assert read_back(f"{written}: met\n") == {ident: "met"}


def test_a_one_word_status_date_or_role_is_plain_other_text_quoted() -> None:
    assert value_text("status", "not-assessed") == "not-assessed"
    assert value_text("date", "2026-09-30") == "2026-09-30"
    assert value_text("due", "2027-01-31") == "2027-01-31"
    assert value_text("role", "service-user") == "service-user"
    assert value_text("description", "met") == '"met"'
    assert value_text("owner", "Ward manager") == '"Ward manager"'
    assert value_text("status", "two words") == '"two words"'


def test_flow_mapping_is_one_line_as_init_and_merge_write_it() -> None:
    line = flow_mapping({"description": "Rota: weekly # posted", "date": "2026-09-30", "link": None})
    assert line == '{description: "Rota: weekly # posted", date: 2026-09-30}'
    assert read_back(f"x: {line}\n") == {"x": {"description": "Rota: weekly # posted", "date": "2026-09-30"}}
    assert flow_mapping({"name": "Siân", "role": "carer"}) == '{name: "Siân", role: carer}'
    assert flow_mapping({}) == "{}"


def test_comment_text_is_one_line() -> None:
    assert comment_text("  Buddy system\nfor all  new\tservice users ") == "Buddy system for all new service users"
    assert comment_text("") == ""


def test_lines_keep_their_ends_and_the_last_gets_one() -> None:
    assert split_lines("a: 1\r\nb: 2") == (["a: 1\r\n", "b: 2\r\n"], "\r\n")
    assert split_lines("a: 1\n") == (["a: 1\n"], "\n")
    assert split_lines("") == ([], "\n")
    assert newline_of("a\nb\r\n") == "\r\n"
    assert newline_of("a\nb\n") == "\n"


def test_indent_blank_comment_and_heading() -> None:
    assert indent_of("    status: met\n") == 4
    assert indent_of("targets:\n") == 0
    assert indent_of("\n") == 0
    assert is_blank("   \r\n")
    assert not is_blank("  x\n")
    assert is_comment("  # a note\n")
    assert not is_comment("  x: 1  # a note\n")
    assert is_heading("  # ---- Level 1: Doing to ----\n")
    assert is_heading("# ===\n")
    assert not is_heading("  # Buddy system for new service users\n")
    assert not is_heading("  # --\n")


FILE = """\
targets:
  # ---- Level 1: Doing to ----
  # Buddy system
  # for all new service users
  L1.buddy-system:
    status: met
  # Suggestion boxes
  L1.suggestion-boxes:
    status: met
    # not this one: deeper than the entry
  L1.other:
    status: met
""".splitlines(keepends=True)


def test_an_entry_starts_with_its_own_comments_not_the_heading_above() -> None:
    assert entry_top(FILE, 4, 0, 2) == 2
    assert entry_top(FILE, 7, 0, 2) == 6
    assert entry_top(FILE, 10, 0, 2) == 10  # the comment above is indented deeper: it belongs to the entry before
    assert entry_top(FILE, 4, 3, 2) == 4  # never at or above the floor


def test_framework_text_is_shown_in_the_language_spoken() -> None:
    level = SimpleNamespace(title="Laying the foundations", cy=SimpleNamespace(title="Gosod y sylfeini"))
    bare = SimpleNamespace(title="Laying the foundations")
    assert said(level, "title") == "Laying the foundations"
    with i18n.speaking("cy"):
        assert said(level, "title") == "Gosod y sylfeini"
        assert said(bare, "title") == "Laying the foundations"
